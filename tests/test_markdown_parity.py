"""Bodies written for GitHub's preview render on the site with the structure GitHub gives them.

GitHub's own renderer is cmark-gfm (through the cmarkgfm package); tests/github_preview.py reduces
both renderings to their structure. The fixture tests/sites/markdown holds a policy draft written for
GitHub, construct by construct (`<!-- construct: name -->`), and a page with the constructs the site
still renders differently, each of which must be a warning naming its line.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SITES, build
from github_preview import compare, constructs, github_html, list_items, skeleton, unresolved_fragments
from konsulta_content.rendering import render

FIXTURE = SITES / "markdown"
AGREEING = [FIXTURE / "en" / "open-data-policy.md", FIXTURE / "tr" / "acik-veri-politikasi.md"]
DIFFERING = FIXTURE / "en" / "publishing-guide.md"


def _body(path: Path) -> tuple[str, int]:
    """(the Markdown body, the file line its first line is on)."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[end:], text.count("\n", 0, end) + 1


def _cases(paths):
    return [pytest.param(name, text, id=f"{path.parent.name}/{name}")
            for path in paths for name, text in constructs(_body(path)[0])]


@pytest.mark.parametrize("name, text", _cases(AGREEING))
def test_each_construct_renders_as_github_shows_it(name, text):
    rendered = render(text)
    agreement = compare(name, text, rendered.html)
    assert agreement.konsulta == agreement.github
    assert agreement.broken == ()
    assert rendered.warnings == ()


@pytest.mark.parametrize("name, text", _cases([DIFFERING]))
def test_each_construct_still_rendered_otherwise_is_a_warning_on_its_line(name, text):
    rendered = render(text)
    agreement = compare(name, text, rendered.html)
    # Once the site renders it as GitHub does, it belongs with the agreeing constructs.
    assert agreement.konsulta != agreement.github
    lines = text.split("\n")
    warned = [lines[where] for where, _ in rendered.warnings]
    assert len(warned) == 1 and warned[0].strip(), rendered.warnings


def test_whole_documents_agree_on_lists_ordered_starts_and_footnotes():
    for path in AGREEING:
        body, _ = _body(path)
        ours, theirs = render(body).html, github_html(body)
        items_ours, items_theirs = list_items(skeleton(ours)), list_items(skeleton(theirs, github=True))
        assert items_ours == items_theirs
        assert re.findall(r'<ol start="(\d+)"', ours) == re.findall(r'<ol start="(\d+)"', theirs)
        assert ours.count('<a class="footnote-ref"') == theirs.count("data-footnote-ref>")
        assert unresolved_fragments(ours) == ()


def test_lists_keep_github_nesting_and_numbers():
    rendered = render("Scope:\n- Budget\n  - annual\n    - by department\n- Procurement\n\n"
                      "Continuing:\n\n4. Inventory\n5. Review\n   1. yearly\n\nSteps:\n1) first\n2) second\n")
    html = rendered.html
    assert html.count("<ul>") == 3 and html.count("<ol") == 3 and html.count("<li>") == 9
    assert re.search(r"<li>Budget<ul>\s*<li>annual<ul>\s*<li>by department</li>", html)
    assert re.search(r'<ol start="4">\s*<li>Inventory</li>\s*<li>Review<ol>\s*<li>yearly</li>', html)
    assert re.search(r"<p>Steps:</p>\s*<ol>\s*<li>first</li>", html)
    assert rendered.warnings == ()


def test_footnote_links_work_both_ways():
    html = render("Law[^law] and strategy.[^2] The law[^law] again.\n\n[^law]: Law No. 1.\n[^2]: Strategy.\n").html
    ids = set(re.findall(r'\sid="([^"]*)"', html))
    links = re.findall(r'\shref="#([^"]*)"', html)
    assert len(links) == 6  # three references, three back-links
    assert set(links) <= ids and {"fn-law", "fnref-law", "fnref2-law", "fn-2"} <= ids


def test_footnotes_are_numbered_as_the_text_refers_to_them_and_unreferred_ones_left_out():
    text = "Text[^b] and[^a].\n\n[^a]: A.\n[^b]: B.\n[^c]: Never referred to.\n"
    html = render(text).html
    assert re.findall(r'href="#fn-(\w)">(\d)<', html) == [("b", "1"), ("a", "2")]
    assert "Never referred" not in html and unresolved_fragments(html) == ()
    assert "Never referred" not in render("No reference.\n\n[^c]: Never referred to.\n").html


def test_anchors_written_as_name_or_id_are_kept_plain_and_links_follow():
    rendered = render('<a name="Article 7"></a>Text. <span id="annex">Annex</span>\n\n'
                      "See [article 7](#Article%207), [the annex](#annex).\n")
    assert '<a id="article-7"></a>' in rendered.html and "name=" not in rendered.html
    assert 'href="#article-7"' in rendered.html and 'href="#annex"' in rendered.html
    assert rendered.warnings == ()


def test_links_to_a_heading_by_githubs_id_follow_the_sites_id():
    html = render("## Görüş ve öneriler\n\n[Görüşler](#görüş-ve-öneriler), [again](#g%C3%B6r%C3%BC%C5%9F-ve-%C3%B6neriler)\n").html
    assert '<h2 id="gorus-ve-oneriler">' in html
    assert html.count('href="#gorus-ve-oneriler"') == 2


def test_a_link_into_the_page_that_leads_nowhere_is_a_warning():
    rendered = render("## Scope\n\nSee [the scope](#scope) and [the annex](#anex).\n")
    assert [where for where, _ in rendered.warnings] == ["#anex"]
    assert "{#anex}" in rendered.warnings[0][1]


def test_tasks_are_text_a_screen_reader_reads_never_a_form_control():
    html = render("- [x] Portal launched\n- [ ] Licence adopted\n").html
    assert "<input" not in html
    assert '<li class="task-list-item"><span class="task-list-state">\u2611</span> Portal launched</li>' in html
    assert '<span class="task-list-state">\u2610</span> Licence adopted' in html


@pytest.mark.parametrize("kind", ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"])
def test_alerts_are_notes_with_a_visible_title(kind):
    html = render(f"> [!{kind}]\n> Comments close on 15 December.\n").html
    assert html.startswith(f'<div class="admonition {kind.lower()}">\n'
                           f'<p class="admonition-title" lang="en">{kind.title()}</p>')
    assert "<blockquote" not in html and "[!" not in html


@pytest.mark.parametrize("text", [
    "> [!NOTE] A title of my own\n> Text.\n",  # GitHub wants the kind alone on the line
    "> [!SUMMARY]\n> Text.\n",  # not one of GitHub's five kinds
    "- > [!NOTE]\n  > Text.\n",  # alerts are never nested
])
def test_what_github_shows_as_a_quote_stays_a_quote(text):
    html = render(text).html
    assert "<blockquote>" in html and "admonition" not in html


def test_a_list_item_shown_as_text_is_a_warning_on_its_line():
    # Inside an HTML block GitHub reads no Markdown, but after a blank line it does; Python-Markdown
    # leaves the whole <table> raw: the safety net names the lines.
    text = ("<table><tr><td>\n\n- First item of the cell\n- Second item of the cell\n\n</td></tr></table>\n")
    rendered = render(text)
    assert "<li>" not in rendered.html
    assert [where for where, _ in rendered.warnings] == [2, 3]


def test_bodies_written_for_python_markdown_render_as_before():
    text = ("Intro.\n\n- one\n    - nested\n        - deeper\n- two\n\n1. first\n\n    More of the first.\n\n"
            "2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n:   Definition\n\n## Scope {#scope}\n")
    html = render(text).html
    assert html.count("<ul>") == 3 and "<dl>" in html and "<table>" in html and '<h2 id="scope">' in html
    assert re.search(r"<li>\s*<p>first</p>\s*<p>More of the first.</p>\s*</li>", html)


# --- the fixture site, built


@pytest.fixture(scope="module")
def markdown_site(tmp_path_factory):
    """(output folder, the warnings the build logged)."""
    output = tmp_path_factory.mktemp("markdown") / "output"
    records = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("konsulta_content")
    logger.addHandler(handler)
    try:
        build(FIXTURE, output)
    finally:
        logger.removeHandler(handler)
    return output, [record.getMessage() for record in records]


def _page_body(page: Path) -> str:
    """The document's body on its built page: the div.document__body, tags balanced."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<div class="document__body">')
    depth = 0
    for match in re.finditer(r"<(/?)div\b[^>]*>", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start:start + match.end()]
    raise AssertionError(f"{page}: the body's div is not closed")


def _published(path: Path, output: Path) -> Path:
    return output / path.parent.name / path.stem / "index.html"


def test_built_pages_show_githubs_lists_and_every_link_in_them_resolves(markdown_site):
    from quality import LinkChecker

    output, _ = markdown_site
    checker = LinkChecker(output)
    for path in AGREEING:
        page = _published(path, output)
        body = _page_body(page)
        assert list_items(skeleton(body)) == list_items(skeleton(github_html(_body(path)[0]), github=True))
        assert checker.check_page(page) == []


def test_section_comment_links_keep_fixed_and_heading_ids(markdown_site):
    output, _ = markdown_site
    body = _page_body(_published(AGREEING[0], output))
    sections = re.findall(r'<h[23] id="([^"]+)">.*?</h[23]><p class="section-comment" data-comment-link>'
                          r'<a href="[^"]*section=([^&"]*)&', body)
    assert ("purpose", "purpose") in sections and ("scope", "scope") in sections
    assert all(heading == section for heading, section in sections)
    headings = re.findall(r"<h[23] id=", body)
    assert len(sections) == len(headings) == 9


def test_build_and_validate_warn_about_the_same_lines_and_do_not_fail(markdown_site):
    _, logged = markdown_site
    body, first_line = _body(DIFFERING)
    lines = body.split("\n")
    expected_lines = [first_line + lines.index("   ```"), first_line + lines.index("* PDF, on request")]
    shown = "tests/sites/markdown/en/publishing-guide.md"
    # The fixture's drafts have a comment form and it has no privacy notice: that site-wide warning names no file.
    markdown = [w for w in logged if "privacy notice" not in w]
    assert [re.match(rf"{re.escape(shown)}:(\d+): ", w) is not None for w in markdown] == [True, True], logged
    assert [int(w.split(":")[1]) for w in markdown] == expected_lines
    validated = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate"), "tests/sites/markdown"],
                               cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert validated.returncode == 0, validated.stderr
    # Pelican logs a message once per process: the site-wide warning may have been logged by an earlier
    # build of the test run, so the comparison is of the documents' warnings.
    assert [line.removeprefix("warning: ") for line in validated.stderr.splitlines()
            if "privacy notice" not in line] == markdown


def test_built_pages_are_valid_html(markdown_site):
    from quality import validate_html

    output, _ = markdown_site
    pages = [_published(path, output) for path in [*AGREEING, DIFFERING]]
    assert validate_html(pages, output) == []


@pytest.mark.browser
def test_built_pages_have_no_wcag_22_aa_violations(markdown_site):
    from axe_playwright_python.sync_playwright import Axe
    from browser import chromium, serve
    from test_accessibility import WCAG_TAGS

    output, _ = markdown_site
    failures = []
    with serve(output) as base_url, chromium() as browser:
        page = browser.new_page()
        for path in [*AGREEING, DIFFERING]:
            address = f"{base_url}/{path.parent.name}/{path.stem}/"
            assert page.goto(address).ok
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            failures += [f"{address}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                         for v in results.response["violations"]]
    assert failures == []


def test_fixture_constructs_cover_what_editors_asked_for():
    names = Counter(name for path in AGREEING for name, _ in constructs(_body(path)[0]))
    for needed in ("list after a paragraph", "two-space nested list", "ordered list keeps its first number",
                   "footnotes", "table", "task list", "note alert", "caution alert",
                   "anchors written as a name and as an id", "link to a heading written for GitHub"):
        assert names[needed] == 1, needed
