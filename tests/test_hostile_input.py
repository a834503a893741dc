"""Hostile input: documents written to break the build, escape the output folder or inject script.

The build must answer with a clear message per file (never a traceback), must not write outside its
output folder, and must publish what it accepts as inert HTML. The regression tests at the end cover
problems these gates found (since fixed); each docstring says what went wrong.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, SITES, build
from hostile import pelican_cli, problem_lines, snapshot
from konsulta_content.problems import ContentErrors, Problem
from quality import LinkChecker, validate_html

HOSTILE = SITES / "hostile"
HUGE_BYTES = 20 * 1024 * 1024
SENTINELS = (Path("/tmp/konsulta-hostile"), Path("/tmp/konsulta-hostile-pwned"))


# --- the broken fixture: every document is rejected with a message naming it

@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    """tests/sites/hostile/broken, plus what cannot live in git: symlinks out, a 20 MB document."""
    for sentinel in SENTINELS:
        assert not sentinel.exists(), f"remove {sentinel} left by an earlier run"
    site = tmp_path_factory.mktemp("hostile")
    content = shutil.copytree(HOSTILE / "broken", site / "content")
    (content / "en" / "linked-annex.pdf").symlink_to("/etc/passwd")
    (content / "en" / "linked-document.md").symlink_to("/etc/hostname")
    paragraph = "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, sed do eiusmod tempor. " * 12 + "\n\n"
    front = "---\ntitle: A huge document\ntype: page\ndate: 2026-01-05\nsummary: Twenty megabytes of text.\n---\n"
    (content / "en" / "huge.md").write_text(front + paragraph * (HUGE_BYTES // len(paragraph) + 1), encoding="utf-8")
    output = site / "output"
    before = snapshot(site, output)
    run = pelican_cli(content, output, site, timeout=300)
    run.site, run.output, run.before, run.after = site, output, before, snapshot(site, output)
    return run


BROKEN_EXPECTED = [
    "content/en/attachment-outside.md:8: attachments[0].file: '../../../../../../../../etc/passwd' leads outside the content folder",
    "content/en/attachment-outside.md:10: attachments[1].file: file not found: content/etc/passwd;",
    "content/en/attachment-outside.md:12: attachments[2].file: 'linked-annex.pdf' leads outside the content folder",
    "content/en/attachment-outside.md:15: '../../../../../../../../etc/passwd' leads outside the content folder",
    'content/en/body-traversal.md:6: body: "../../etc/passwd" is not a slug',
    "content/en/broken-yaml.md:3: front matter is not valid YAML",
    "content/en/control-chars.md:5: the file contains the control character U+001B: delete it",
    "content/en/cp1252.md:2: the file is not UTF-8 text",
    "content/en/custom-tag.md:1: no front matter",
    "content/en/duplicate-a.md:6: slug: the slug 'twin' is used by more than one 'en' document",
    "content/en/duplicate-b.md:6: slug: the slug 'twin' is used by more than one 'en' document",
    "content/en/invalid-utf8.md:7: the file is not UTF-8 text",
    "content/en/lang-traversal.md:6: lang: '../..' is not a site language",
    "content/en/open-data.md:1: the slug 'open-data' is reserved for listing pages",
    "content/en/python-name.md:5: summary: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
    "content/en/python-object.md:2: title: YAML tag 'tag:yaml.org,2002:python/object/new:os.system' is not allowed",
    'content/en/slug-absolute.md:6: slug: "/tmp/konsulta-hostile" is not a slug',
    "content/en/unclosed.md:1: front matter is not closed",
    "content/en/huge.md:1: the file is 21.0 MB; a document may be at most 2 MB",
    "content/en/utf16.md:1: the file is not UTF-8 text",
    "linked-document.md:1: is a link to a file outside the content folder",
]


def test_hostile_site_fails_without_traceback(broken_run):
    assert broken_run.returncode != 0
    assert "Traceback" not in broken_run.stderr + broken_run.stdout, broken_run.stderr + broken_run.stdout


@pytest.mark.parametrize("expected", BROKEN_EXPECTED, ids=[e.split(":")[0].split("/")[-1] + ":" + e.split(":")[1]
                                                           for e in BROKEN_EXPECTED])
def test_each_hostile_document_gets_a_clear_message(broken_run, expected):
    lines = problem_lines(broken_run)
    assert any(expected in line for line in lines), f"not reported: {expected}\n---\n" + "\n".join(lines)


def test_every_problem_line_names_a_file_and_every_hostile_file_is_named(broken_run):
    lines = problem_lines(broken_run)
    named = set()
    for line in lines:
        match = re.match(r"^(\S[^:]*\.md)(?::\d+)?: \S", line)
        assert match, f"a problem line that names no document: {line!r}"
        named.add(Path(match.group(1)).name)
    documents = {p.name for p in (broken_run.site / "content").rglob("*.md")}
    assert documents - named == set(), f"hostile documents without a message: {sorted(documents - named)}"


def test_hostile_site_writes_nothing_outside_the_output_folder(broken_run):
    assert broken_run.before == broken_run.after, "files changed next to the output folder"
    for sentinel in SENTINELS:
        assert not sentinel.exists(), f"{sentinel} was created by the build"
    assert list(broken_run.output.rglob("*.html")) == [] if broken_run.output.exists() else True


def test_reader_rejects_a_slug_that_climbs_out_with_a_message(tmp_path):
    problems = _read(tmp_path, "en/climb.md", {"title": "T", "type": "page", "date": "2026-01-05",
                                               "summary": "S", "slug": "../../etc"})
    assert 'slug: "../../etc" is not a slug: use lowercase letters a-z, digits and hyphens' in "\n".join(problems)


# --- hostile but valid markup: published, and inert

@pytest.fixture(scope="module")
def sanitised_site(tmp_path_factory):
    parent = tmp_path_factory.mktemp("sanitised")
    return build(HOSTILE / "sanitised", parent / "output")


DANGEROUS_TAGS = ("iframe", "object", "embed", "svg", "math", "form", "input", "base", "style", "frame", "applet")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset")


def test_hostile_markup_is_published_inert(sanitised_site):
    page = sanitised_site / "en" / "hostile-markup" / "index.html"
    assert page.is_file()
    found = []
    for file in sorted(sanitised_site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        where = file.relative_to(sanitised_site)
        for script in soup.find_all("script"):
            # The theme's own scripts: files under theme/js/ of this site, and the search page's script,
            # which the build minifies into search/ (konsulta_search); nothing inline.
            own = re.match(r"^(\.\./)*(theme/js/[\w./-]+|search/search)\.js$", script.get("src", "")) and not script.string
            if not own and script.get("type") != "application/ld+json":
                found.append(f"{where}: script element {str(script)[:100]}")
        for article in soup.find_all("article"):  # the theme has its own search form; documents may not
            for tag in article.find_all(DANGEROUS_TAGS):
                found.append(f"{where}: <{tag.name}> element in a document")
        for tag in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
            # The theme's own addresses that lead on (redirect.html: earlier addresses, the drafts' listing)
            # refresh, in the head, to a page of this site; nothing else may.
            if tag.find_parent("head") and re.fullmatch(r"0; url=(\.\./)*[\w/-]+/", tag.get("content", "")):
                continue
            found.append(f"{where}: meta refresh")
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    found.append(f"{where}: <{tag.name} {name}>")
                if name.lower() in URL_ATTRIBUTES and re.match(r"^\W*(javascript|vbscript|data):",
                                                               re.sub(r"[\x00-\x20]", "", value), re.I):
                    found.append(f"{where}: <{tag.name} {name}={value[:60]!r}>")
                if name.lower() == "style" and "javascript" in value.lower():
                    found.append(f"{where}: <{tag.name} style> with javascript")
    assert not found, "\n".join(found)


def test_no_hostile_address_reaches_any_output_file(sanitised_site):
    leaks = [str(f.relative_to(sanitised_site)) for f in sanitised_site.rglob("*")
             if f.is_file() and b"evil.example" in f.read_bytes()]
    assert not leaks, f"evil.example is in: {leaks}"


def test_hostile_text_is_shown_as_text(sanitised_site):
    source = (HOSTILE / "sanitised" / "en" / "hostile-markup.md").read_text(encoding="utf-8")
    title = yaml.safe_load(source.split("---")[1])["title"]
    soup = BeautifulSoup((sanitised_site / "en" / "hostile-markup" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.h1.get_text() == title  # escaped, not parsed, not run through Jinja ({{ 7*7 }} stays)
    ld = soup.find("script", type="application/ld+json")
    assert "<" not in ld.string, "JSON-LD must escape < so that </script> in a title cannot end the element"
    assert json.loads(ld.string)["name"] == title


def test_hostile_site_links_resolve(sanitised_site):
    pages = sorted(sanitised_site.rglob("*.html"))
    checker = LinkChecker(sanitised_site)
    broken = [problem for page in pages for problem in checker.check_page(page)]
    assert not broken, "\n".join(broken)


def test_hostile_topics_stay_inside_the_output_folder(sanitised_site):
    assert {p.name for p in sanitised_site.parent.iterdir()} <= {"cache", "output"}
    topics = sorted(p.name for p in (sanitised_site / "en" / "topic").iterdir())
    assert topics == ["escape-topic", "javascriptalert1", "scriptalerttopicscript"]


def test_a_site_with_documents_in_one_language_builds(tmp_path):
    """A language without documents still builds (konsulta_search once let lunr divide by zero)."""
    content = tmp_path / "content"
    shutil.copytree(HOSTILE / "sanitised" / "en", content / "en")
    (content / "en" / "hostile-markup.md").unlink()
    build(content, tmp_path / "output")
    assert (tmp_path / "output" / "en" / "body" / "index.html").is_file()


# --- property-based: random front matter only ever produces problems

def _reader(content: Path):
    from konsulta_content.reader import KonsultaReader
    from pelican.settings import read_settings

    return KonsultaReader(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)}))


def _read(tmp_path: Path, name: str, front_matter, body: str = "Body.\n") -> list[str]:
    file = tmp_path / name
    file.parent.mkdir(parents=True, exist_ok=True)
    text = front_matter if isinstance(front_matter, str) else yaml.safe_dump(front_matter, allow_unicode=True)
    file.write_text(f"---\n{text}---\n{body}", encoding="utf-8")
    html, metadata = _reader(tmp_path).read(str(file))
    assert isinstance(html, str)
    assert all(isinstance(p, Problem) and p.message for p in metadata["doc"].problems)
    return [str(p) for p in metadata["doc"].problems]


def _strategies(shapely_attachments: bool):
    from hypothesis import strategies as st
    from konsulta_content.schema import COMMON, TYPES, document_schema

    fields = set(COMMON)
    for doc_type in TYPES:
        fields |= set(document_schema(doc_type, {}, ("citizen",)).get("properties", {}))
    keys = st.sampled_from(sorted(fields)) | st.text(min_size=1, max_size=12)
    text = st.text(max_size=30) | st.sampled_from(["2026-01-05", "2026-13-01", "../../etc", "a.csv", "../x.csv",
                                                    "en", "policy", "draft", "outcome", "https://forms.example.org/x"])
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(max_size=10) | keys, inner, max_size=4), max_leaves=12)
    matter = st.dictionaries(keys, values, max_size=10)
    if shapely_attachments:
        safe_text = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                            min_size=1, max_size=20)
        attachments = st.lists(st.fixed_dictionaries({"file": safe_text, "title": safe_text}), max_size=3)
        matter = st.tuples(matter, attachments).map(
            lambda pair: {**{k: v for k, v in pair[0].items() if k != "attachments"}, "attachments": pair[1]})
    return st.tuples(st.sampled_from(TYPES), matter)


def _property(shapely_attachments: bool, tmp_path_factory):
    from hypothesis import HealthCheck, given, settings

    content = tmp_path_factory.mktemp("random")

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(_strategies(shapely_attachments))
    def check(case):
        doc_type, matter = case
        _read(content, "en/random.md", {"type": doc_type, **matter})

    check()


def test_random_front_matter_gives_only_problems(tmp_path_factory):
    """Random fields and values (attachments kept to their shape, so the other fields get explored) never raise."""
    pytest.importorskip("hypothesis")
    _property(True, tmp_path_factory)


# --- regressions: problems these gates found, now fixed (see docs/quality.md)

def test_random_front_matter_with_any_attachments_gives_only_problems(tmp_path_factory):
    """load_attachments used to index item['file'] whatever validation said."""
    pytest.importorskip("hypothesis")
    _property(False, tmp_path_factory)


@pytest.mark.parametrize("attachments", [["annex.pdf"], [{"file": 3, "title": "x"}], [{"file": "a\x00b", "title": "x"}]],
                         ids=["text-item", "number-file", "nul-in-file"])
def test_attachments_of_the_wrong_shape_are_problems(tmp_path, attachments):
    try:
        problems = _read(tmp_path, "en/attached.md", {"title": "T", "type": "page", "date": "2026-01-05",
                                                      "summary": "S", "attachments": attachments})
    except Exception as error:  # noqa: BLE001 - the point of the test
        pytest.fail(f"the reader raised {type(error).__name__}: {error}")
    assert any("attachments[0]" in p for p in problems)


def test_hostile_markup_still_gives_valid_html(sanitised_site):
    """Sanitising used to leave an <img> without src (its data: address removed) and keep an attr_list id
    with a quote ({#x" onmouseover=...}), which the table of contents then linked to as href="#x&#34;"."""
    errors = validate_html(sorted(sanitised_site.rglob("*.html")), sanitised_site)
    assert not errors, "\n".join(errors)


def test_slug_with_dot_dot_stops_the_build_with_a_message_not_a_traceback(tmp_path):
    """The reader used to pass the invalid slug on: Pelican's 'would be written outside output path'
    error is fatal under --fatal errors and ended in a traceback before Konsulta reported the slug."""
    site = tmp_path / "site"
    content = shutil.copytree(HOSTILE / "traversal", site / "content")
    run = pelican_cli(content, site / "output", site, timeout=120)
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr, (run.stdout + run.stderr)[-4000:]
    assert 'content/en/slug-traversal.md:6: slug: "../../etc" is not a slug' in run.stderr
    assert not (tmp_path / "etc").exists()


def test_yaml_alias_bomb_is_rejected_quickly(tmp_path):
    """Front matter is rebuilt node by node, following aliases: 9 levels of 9 never finished."""
    site = tmp_path / "site"
    content = shutil.copytree(HOSTILE / "laughs", site / "content")
    try:
        run = pelican_cli(content, site / "output", site, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("a YAML alias bomb kept the build busy for more than 30 seconds")
    assert "Traceback" not in run.stdout + run.stderr
    assert "content/en/billion-laughs.md:" in run.stderr


def test_responses_file_outside_the_content_folder_is_rejected(tmp_path):
    """`responses: ../../outside.csv` passes the schema pattern, and was read and published as open data."""
    content = shutil.copytree(HOSTILE / "escape", tmp_path / "site" / "content")
    (tmp_path / "outside-responses.csv").write_text(
        "section,submitter,summary,decision,reason\nFees,citizen,SECRET FROM OUTSIDE,noted,Noted.\n", encoding="utf-8")
    try:
        build(content, tmp_path / "site" / "output")
    except ContentErrors as errors:
        assert any(p.field == "responses" and "inside the content folder" in p.message for p in errors.problems), \
            "\n".join(map(str, errors.problems))
    else:
        leaked = [str(f) for f in (tmp_path / "site" / "output").rglob("*") if f.is_file()
                  and b"SECRET FROM OUTSIDE" in f.read_bytes()]
        pytest.fail(f"a responses file outside the content folder was read and published: {leaked}")


def test_symlinked_document_outside_the_content_folder_is_not_published(tmp_path):
    """Attachments and images had to resolve inside the content folder; documents were not checked."""
    outside = tmp_path / "outside.md"
    outside.write_text(textwrap.dedent("""\
        ---
        title: Private notes from outside the content folder
        type: page
        date: 2026-01-05
        summary: Not meant to be published.
        lang: en
        ---
        Private.
        """), encoding="utf-8")
    content = tmp_path / "site" / "content"
    (content / "en").mkdir(parents=True)
    (content / "en" / "notes.md").symlink_to(outside)
    try:
        build(content, tmp_path / "site" / "output")
    except ContentErrors as errors:
        assert any("content folder" in p.message for p in errors.problems), "\n".join(map(str, errors.problems))
    else:
        pytest.fail("a symlink to a document outside the content folder was published")
