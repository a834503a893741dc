"""The theme's components (konsulta/components.py): every documented parameter is a parameter the macro
uses and every parameter is documented; every example renders, with the build's own Jinja environment
and no site built, to what its `expect` says; and all examples on one page in Chromium, with the theme's
style sheet, have no axe violation."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import DEMO, ROOT
from jinja2 import nodes
from pelican.settings import read_settings

from konsulta import components

COMPONENTS = components.load()
EXAMPLES = [(component, macro, example) for component in COMPONENTS for macro in component.macros
            for example in macro.examples]


def example_id(case) -> str:
    component, macro, example = case
    return f"{component.name}:{macro.name}:{example.name}"


@pytest.fixture(scope="module")
def theme(tmp_path_factory):
    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"PATH": str(DEMO), "OUTPUT_PATH": str(tmp_path_factory.mktemp("unused"))})
    return components.theme_environment(settings)


def text_of(html) -> str:
    return " ".join(BeautifulSoup(str(html), "html.parser").get_text(" ").split())


# --- documentation and macros agree

def test_every_component_file_is_documented_and_every_document_has_its_file():
    folder = components.components_folder()
    assert sorted(p.stem for p in folder.glob("*.html")) == sorted(c.name for c in COMPONENTS)


def macro_definitions(env, template: str) -> dict[str, nodes.Macro]:
    source = env.loader.get_source(env, template)[0]
    return {m.name: m for m in env.parse(source).find_all(nodes.Macro)}


def names_read(node: nodes.Node) -> set[str]:
    return {name.name for name in node.find_all(nodes.Name) if name.ctx == "load"}


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_documented_parameters_are_the_macros_own_and_each_is_used(theme, component):
    env, _ = theme
    defined = macro_definitions(env, component.template)
    public = sorted(name for name in defined if not name.startswith("_"))
    assert sorted(m.name for m in component.macros) == public, "every public macro is documented, and only those"
    for macro in component.macros:
        definition = defined[macro.name]
        arguments = [a.name for a in definition.args]
        assert list(macro.params) == arguments, f"{macro.name}: the documented parameters, in the macro's order"
        optional = arguments[len(arguments) - len(definition.defaults):]
        for name, spec in macro.params.items():
            assert set(spec) >= {"type", "required", "description"} and spec["description"], f"{macro.name}({name})"
            assert spec["required"] == (name not in optional), f"{macro.name}({name}): required is having no default"
        read = names_read(nodes.Template(definition.body))
        assert [name for name in arguments if name not in read] == [], f"{macro.name}: parameters it never reads"
        assert macro.examples, f"{macro.name} has no example"


def test_the_checks_see_an_unused_or_undocumented_parameter(theme):
    env, _ = theme
    definition = env.parse('{% macro tag(status, unused=None) %}{{ status }}{% endmacro %}').find(nodes.Macro)
    assert [a.name for a in definition.args if a.name not in names_read(nodes.Template(definition.body))] == ["unused"]


def test_examples_cover_english_and_another_language():
    assert {example.lang for _, _, example in EXAMPLES} >= {"en", "tr"}
    assert all(example.expect for _, _, example in EXAMPLES), "every example says what it must show"


# --- each example renders what it says

def check_expectations(html, expect: dict) -> list[str]:
    soup = BeautifulSoup(str(html), "html.parser")
    text = " ".join(soup.get_text(" ").split())
    unknown = set(expect) - {"text", "absent_text", "selectors", "absent", "html", "empty", "nonempty"}
    failures = [f"unknown expectation {sorted(unknown)}"] if unknown else []
    failures += [f"text {wanted!r} missing" for wanted in expect.get("text", ()) if wanted not in text]
    failures += [f"text {unwanted!r} present" for unwanted in expect.get("absent_text", ()) if unwanted in text]
    failures += [f"nothing matches {selector!r}" for selector in expect.get("selectors", ()) if not soup.select(selector)]
    failures += [f"{selector!r} matches" for selector in expect.get("absent", ()) if soup.select(selector)]
    failures += [f"markup {wanted!r} missing" for wanted in expect.get("html", ()) if wanted not in str(html)]
    if expect.get("empty") and str(html).strip():
        failures.append("renders something")
    if expect.get("nonempty") and not text:
        failures.append("renders no text")
    return failures


@pytest.mark.parametrize("case", EXAMPLES, ids=example_id)
def test_example_renders_what_it_expects(theme, case):
    env, context = theme
    component, macro, example = case
    html = components.render(env, context, component, macro, example)
    assert check_expectations(html, example.expect) == [], html


def test_expectations_fail_on_what_is_not_there():
    html = '<strong class="status-tag status-tag--open">Open for comments</strong>'
    assert check_expectations(html, {"text": ["Open for comments"], "selectors": [".status-tag--open"]}) == []
    assert check_expectations(html, {"text": ["Closed"], "selectors": [".status-tag--closed"], "absent": ["strong"],
                                     "empty": True, "html": ["<em>"], "wrong": 1}) == [
        "unknown expectation ['wrong']", "text 'Closed' missing", "nothing matches '.status-tag--closed'",
        "'strong' matches", "markup '<em>' missing", "renders something"]


def test_examples_are_rendered_in_their_language(theme):
    env, context = theme
    component = next(c for c in COMPONENTS if c.name == "status-name")
    macro = component.macros[0]
    english = components.Example("en", {"status": "open"}, {}, "en")
    turkish = components.Example("tr", {"status": "open"}, {}, "tr")
    assert (text_of(components.render(env, context, component, macro, english)),
            text_of(components.render(env, context, component, macro, turkish))) == ("Open for comments", "Görüşe açık")


def test_components_doc_is_written_from_the_examples(tmp_path):
    written = components.markdown(COMPONENTS)
    assert (ROOT / components.DEFAULT_OUTPUT).read_text("utf-8") == written, (
        "docs/components.md is out of date: run .venv/bin/python -m konsulta.components")
    stale = tmp_path / "components.md"
    stale.write_text(written.replace("status_tag", "status_label"), encoding="utf-8")
    assert components.main(["--check", "--output", str(stale)]) == 1


# --- every example on one page, with the theme's style sheet, in Chromium

REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "for", "headers")


def example_page(rendered: list[tuple[str, str, str]]) -> str:
    """One page of examples. Each example's ids get its number, as on a page of their own they would be
    unique (several examples of a component would repeat its heading's id)."""
    sections = []
    for number, (title, lang, html) in enumerate(rendered):
        soup = BeautifulSoup(html, "html.parser")
        for element in soup.find_all(True):
            if element.has_attr("id"):
                element["id"] = f"{element['id']}--{number}"
            for attribute in REFERENCES:
                if element.has_attr(attribute):
                    value = element[attribute]
                    ids = value if isinstance(value, list) else value.split()
                    element[attribute] = " ".join(f"{i}--{number}" for i in ids)
            if element.get("href", "").startswith("#"):
                element["href"] = f"{element['href']}--{number}"
        sections.append(f'<section class="wrapper" aria-label="{title}" lang="{lang}">\n{soup}\n</section>')
    body = "\n".join(sections)
    return ('<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Components</title>\n'
            '<link rel="stylesheet" href="theme/css/konsulta.css">\n</head>\n'
            f'<body>\n<main id="main">\n<h1>Components</h1>\n{body}\n</main>\n</body>\n</html>\n')


def test_example_page_makes_each_examples_ids_its_own():
    page = example_page([("a", "en", '<h2 id="x">A</h2><section aria-labelledby="x"></section><a href="#x">x</a>'),
                         ("b", "tr", '<h2 id="x">B</h2><label for="x">B</label>')])
    body = page.split("<body>")[1]
    assert re.findall(r'(?:id|aria-labelledby|href|for)="([^"]+)"', body) == ["main", "x--0", "x--0", "#x--0", "x--1", "x--1"]


@pytest.mark.browser
def test_all_examples_on_one_page_have_no_axe_violations(theme, tmp_path):
    from browser import chromium, serve

    from konsulta.browser import accessibility_problems

    env, context = theme
    rendered = [(example_id(case), case[2].lang, str(components.render(env, context, *case))) for case in EXAMPLES]
    # Head-only components (feeds, CSP, JSON-LD) are checked in the page's body: axe sees nothing in <head>.
    (tmp_path / "components.html").write_text(example_page(rendered), encoding="utf-8")
    (tmp_path / "theme" / "css").mkdir(parents=True)
    shutil.copy(ROOT / "theme" / "static" / "css" / "konsulta.css", tmp_path / "theme" / "css" / "konsulta.css")
    with serve(tmp_path) as base_url, chromium() as browser:
        failures, foreign = accessibility_problems(browser, base_url, ["components.html"])
        page = browser.new_page()
        page.goto(f"{base_url}/components.html")
        styled = page.evaluate("getComputedStyle(document.querySelector('.status-tag--open')).backgroundColor")
        page.close()
    assert failures == []
    assert foreign == []
    assert styled not in ("", "rgba(0, 0, 0, 0)"), "the theme's style sheet is applied"
