"""A content pull request must not publish the build machine's files, write outside the output folder,
replace generated files or publish anything that runs script.

tests/sites/hostile/files/refused holds one document per attack; what git cannot hold (symlinks out
of the tree, a secret beside the content folder, pathological Markdown) is added when the test runs.
tests/sites/hostile/files/accepted links and attaches files in every supported way, and must build.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITES, build
from hostile import pelican_cli, problem_lines, snapshot, validate_cli
from konsulta_content import files
from konsulta_content.links import BodyLinks
from konsulta_content.problems import ContentErrors
from konsulta_content.rendering import render

FIXTURES = SITES / "hostile" / "files"
SECRET = "KONSULTA-SECRET-7f3a9c"  # in every file outside the content folder; must reach no output file


def _plant_secrets(site: Path) -> None:
    """Files outside the content folder, where a climbing path or a symlink would find them."""
    for name in ("secret.txt", "secret.md", "secret.png", "outside.txt"):
        (site / name).write_text(f"{SECRET} {name}\n", encoding="utf-8")
    (site / "outside-folder").mkdir()
    (site / "outside-folder" / "secret.txt").write_text(f"{SECRET} folder\n", encoding="utf-8")


@pytest.fixture(scope="module")
def refused_run(tmp_path_factory):
    site = tmp_path_factory.mktemp("refused")
    _plant_secrets(site)
    # The content folder two levels down, so that paths climbing out of it and of the output differ.
    content = shutil.copytree(FIXTURES / "refused", site / "sources" / "content")
    (content / "en" / "linked-folder").symlink_to(site / "outside-folder")
    (content / "en" / "symlinked-annex.pdf").symlink_to(site / "secret.txt")
    (content / "en" / "symlink-attachment.md").write_text(
        "---\ntitle: Symlinked attachment\ntype: page\ndate: 2026-01-05\nsummary: An attachment that is a symlink out.\n"
        "attachments:\n  - file: symlinked-annex.pdf\n    title: Annex\n---\nText.\n", encoding="utf-8")
    (content / "en" / "brackets.md").write_text(
        "---\ntitle: Brackets\ntype: page\ndate: 2026-01-05\nsummary: Eighty kilobytes of brackets.\n---\n"
        "Text.\n\n" + "[" * 80_000 + "\n", encoding="utf-8")
    (content / "en" / "nested-lists.md").write_text(
        "---\ntitle: Nested lists\ntype: page\ndate: 2026-01-05\nsummary: A list nested three hundred deep.\n---\n"
        + "".join("    " * depth + "- item\n" for depth in range(300)), encoding="utf-8")
    output = site / "output"
    before = snapshot(site, output)
    run = pelican_cli(content, output, cwd=site, timeout=600)
    run.site, run.content, run.output, run.before, run.after = site, content, output, before, snapshot(site, output)
    run.validate = validate_cli(content, cwd=site)
    return run


REFUSED = [
    "en/attach-passwd.md:9: '../../../../../../../../../../etc/passwd' leads outside the content folder",
    "en/pipe-attach.md:9: '../../secret.txt' leads outside the content folder",
    "en/static-outside.md:9: '/../outside.txt' leads outside the content folder",
    "en/filename-outside.md:9: '../../secret.md' leads outside the content folder",
    "en/unknown-marker.md:9: the link marker {category} is not supported",
    "en/raw-html-markers.md:9: '../../secret.txt' leads outside the content folder",
    "en/raw-html-markers.md:11: '../../secret.png' leads outside the content folder",
    "en/linked-dir.md:9: 'linked-folder/secret.txt' leads outside the content folder",
    "en/symlink-attachment.md:7: attachments[0].file: 'symlinked-annex.pdf' leads outside the content folder",
    "en/active-attachments.md:7: attachments[0].file: 'page.html' cannot be published: a web page published as a file",
    "en/active-attachments.md:9: attachments[1].file: 'drawing.svg' cannot be published: an SVG image can carry script",
    "en/active-attachments.md:11: attachments[2].file: 'data.xml' cannot be published: an XML file can run script",
    "en/active-attachments.md:13: attachments[3].file: 'fake.pdf' is named .pdf but is not a PDF file",
    "en/svg-image.md:9: 'drawing.svg' cannot be published: an SVG image can carry script",
    "en/remote-images.md:9: the image 'https://images.example/x.png' is on another site",
    "en/remote-images.md:11: the image '//images.example/y.png' is on another site",
    "en/remote-images.md:13: the image '/\\\\images.example/z.png' is on another site",
    "en/data-image.md:9: an image was left out: its address is not a file",
    "en/duplicate-ids.md:7: the id 'fees' is given to 2 elements",
    "en/backslash-form.md:10: consultation.form: 'https://evil.example\\\\@forms.example.org/x' contains a backslash",
    "en/format-spec-form.md:10: consultation.form: placeholders take no format: write {slug}, not {slug:>300000000}",
    "en/percent-form.md:10: consultation.form: placeholders take no format: write {section}, not {section:%}",
    "en/host-placeholder-form.md:10: consultation.form: 'https://{slug}.forms.example.org/x' has a placeholder in its host",
    "en/brackets.md:9: this text has too many opening brackets '[' or '<' without a closing one",
    "en/nested-lists.md:7: lists or quotes are nested too deeply to publish",
]


@pytest.mark.parametrize("expected", REFUSED, ids=[e.split(":")[0] + ":" + e.split(":")[1] for e in REFUSED])
def test_each_attack_is_one_clear_problem_in_build_and_validate(refused_run, expected):
    expected = "sources/content/" + expected
    for run in (refused_run, refused_run.validate):
        lines = problem_lines(run)
        assert sum(line.startswith(expected) for line in lines) == 1, f"not reported once: {expected}\n" + "\n".join(lines)


def test_refused_site_fails_without_traceback_and_names_every_document(refused_run):
    for run in (refused_run, refused_run.validate):
        assert run.returncode != 0
        assert "Traceback" not in run.stderr + run.stdout, run.stderr[-3000:]
    named = {re.match(r"^sources/content/(en/[^:]+\.md)", line).group(1) for line in problem_lines(refused_run)}
    documents = {p.relative_to(refused_run.content).as_posix() for p in refused_run.content.rglob("*.md")
                 if p.name != "city-council.md"}
    assert documents - named == set()
    assert len(problem_lines(refused_run)) == len(REFUSED)  # one problem per attack, none twice


def test_refused_site_reads_nothing_from_outside_and_writes_nothing_outside(refused_run):
    assert refused_run.before == refused_run.after, "files changed beside the output folder"
    leaked = [p for p in refused_run.output.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()] \
        if refused_run.output.exists() else []
    assert leaked == []
    assert SECRET not in refused_run.stderr + refused_run.stdout


def test_a_site_wide_form_address_with_a_backslash_stops_the_build(tmp_path):
    with pytest.raises(SystemExit) as stopped:
        build(SITES / "minimal", tmp_path / "output", KONSULTA={
            "languages": ["en", "tr"], "comment_hosts": ["forms.example.org"],
            "comment_form": "https://evil.example\\@forms.example.org/x?d={slug}"})
    assert "KONSULTA['comment_form']: 'https://evil.example\\\\@forms.example.org/x?d={slug}' contains a backslash" \
        in str(stopped.value)


# --- what is accepted is published apart from pages, and inert

@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory):
    parent = tmp_path_factory.mktemp("accepted")
    return build(FIXTURES / "accepted", parent / "output")


def test_files_are_published_under_files_and_nothing_generated_is_replaced(accepted_site):
    source = FIXTURES / "accepted"
    published = sorted(p.relative_to(accepted_site / files.FILES_FOLDER).as_posix()
                       for p in (accepted_site / files.FILES_FOLDER).rglob("*") if p.is_file())
    assert published == ["attachments/map.png", "attachments/notes.txt", "attachments/summary.pdf", "data/documents.csv"]
    for name in published:
        assert (accepted_site / "files" / name).read_bytes() == (source / name).read_bytes()
    # The attachment named like the open data file did not replace it.
    assert (accepted_site / "data" / "documents.csv").read_text("utf-8").startswith("id,lang,slug,type,")


def test_markers_resolve_to_published_files_and_documents(accepted_site):
    page = BeautifulSoup((accepted_site / "en" / "annexes" / "index.html").read_text("utf-8"), "lxml")
    body = page.select_one("main")
    hrefs = {a.get_text(): a["href"] for a in body.find_all("a") if a.get_text() in ("summary", "notes", "council")}
    assert hrefs == {"summary": "../../files/attachments/summary.pdf", "notes": "../../files/attachments/notes.txt",
                     "council": "../../en/city-council/"}
    assert body.find("img", alt="Map of the area")["src"] == "../../files/attachments/map.png"
    # Markers hidden inside other attributes stay text: Pelican finds nothing to copy.
    assert [a["title"] for a in body.find_all("abbr")] == ["x href='{attach}../../../../../../etc/passwd'",
                                                          "|attach|/etc/hostname"]
    assert not (accepted_site / "en" / "annexes" / "passwd").exists()
    assert not any(p.name in ("passwd", "hostname") for p in accepted_site.rglob("*"))


@pytest.mark.browser
def test_no_published_file_or_page_runs_script_in_chromium(accepted_site):
    from browser import chromium, serve

    addresses = [p.relative_to(accepted_site).as_posix() for p in (accepted_site / files.FILES_FOLDER).rglob("*")
                 if p.is_file()] + ["en/annexes/"]
    with serve(accepted_site) as base, chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened = 0
        for address in addresses:
            try:
                page.goto(f"{base}/{urllib.parse.quote(address)}", wait_until="load")
                opened += 1
            except Exception as error:  # noqa: BLE001 - a PDF or archive is downloaded, not shown: nothing runs
                assert "Download is starting" in str(error) or "net::ERR_ABORTED" in str(error), error
        assert opened >= 2  # the page and the text file at least were shown
    assert dialogs == []


# --- collisions and the copy itself

def test_a_published_file_that_meets_a_generated_one_stops_the_build_naming_both(tmp_path):
    """A theme's static folder inside files/ (a site owner's setting) meets an image the body shows."""
    content = shutil.copytree(SITES / "minimal", tmp_path / "content")
    shutil.copy(FIXTURES / "accepted" / "attachments" / "map.png", content / "en" / "map.png")
    (content / "en" / "city-council.md").write_text(
        (content / "en" / "city-council.md").read_text("utf-8") + "\n![Map](map.png)\n", encoding="utf-8")
    extra = tmp_path / "theme-extra"
    extra.mkdir()
    shutil.copy(FIXTURES / "accepted" / "attachments" / "map.png", extra / "map.png")
    with pytest.raises(ContentErrors) as stopped:
        build(content, tmp_path / "output", THEME_STATIC_DIR="files/en", THEME_STATIC_PATHS=["static", str(extra)])
    assert [str(p) for p in stopped.value.problems] == [
        f"{Path(content / 'en' / 'map.png').relative_to(ROOT) if content.is_relative_to(ROOT) else content / 'en' / 'map.png'}"
        ": would be published as 'files/en/map.png', which the build already wrote: rename the file or move it "
        "to another folder"]
    # Nothing of the failed build is published, and its staging folder is gone.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "theme-extra"]


def test_copy_never_overwrites(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "en").mkdir(parents=True)
    (content / "en" / "a.txt").write_text("attachment", encoding="utf-8")
    (output / "files" / "en").mkdir(parents=True)
    (output / "files" / "en" / "a.txt").write_text("generated", encoding="utf-8")
    with pytest.raises(files.Collision) as collision:
        files.copy_published(content, output, {"en/a.txt"})
    assert collision.value.source == "en/a.txt"
    assert (output / "files" / "en" / "a.txt").read_text("utf-8") == "generated"


# --- property-based: whatever the path, a marker resolves inside the content folder or is a problem

def _pelican_marker_pattern():
    """Pelican's own pattern for link markers, from its default settings."""
    from pelican.contents import Content
    from pelican.settings import DEFAULT_CONFIG

    return Content("", settings=dict(DEFAULT_CONFIG))._get_intrasite_link_regex()


@pytest.fixture(scope="module")
def link_tree(tmp_path_factory):
    """A content folder with files, a symlink out and a folder symlinked out, beside secrets."""
    site = tmp_path_factory.mktemp("links")
    _plant_secrets(site)
    content = site / "content"
    (content / "en" / "sub").mkdir(parents=True)
    (content / "attachments").mkdir()
    shutil.copy(FIXTURES / "accepted" / "attachments" / "summary.pdf", content / "attachments" / "summary.pdf")
    shutil.copy(FIXTURES / "accepted" / "attachments" / "map.png", content / "en" / "map.png")
    (content / "en" / "other.md").write_text("---\ntitle: O\n---\n", encoding="utf-8")
    (content / "en" / "out.pdf").symlink_to(site / "secret.txt")
    (content / "en" / "out-folder").symlink_to(site / "outside-folder")
    return content


def test_fuzzed_markers_and_paths_never_lead_outside(link_tree):
    pytest.importorskip("hypothesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    root = link_tree.resolve()
    pattern = _pelican_marker_pattern()
    segments = st.sampled_from(["..", ".", "", "en", "sub", "attachments", "summary.pdf", "map.png", "other.md",
                                "out.pdf", "out-folder", "secret.txt", "etc", "passwd", "%2e%2e", "%2F", "..%2f",
                                "\\..", "~", "\x00", "a" * 300, "é"])
    paths = st.builds(lambda lead, parts, tail: lead + "/".join(parts) + tail, st.sampled_from(["", "/", "//", "./"]),
                      st.lists(segments, min_size=1, max_size=8), st.sampled_from(["", "#x", "?a=1", "/"]))
    markers = st.sampled_from(["{attach}", "{static}", "{filename}", "|attach|", "|static|", "|filename|", "{ attach }",
                               "{category}", "{index}", "", "{attach}{attach}"])
    shapes = st.sampled_from(["[l]({m}{p})", "![i]({m}{p})", '<a href="{m}{p}">l</a>', '<img src="{m}{p}" alt="i">',
                              '<blockquote cite="{m}{p}">q</blockquote>', '<abbr title="x href=\'{m}{p}\'">t</abbr>',
                              '<a href="#" title=\'a src="{m}{p}"\'>l</a>'])

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(shapes, markers, paths)
    def check(shape, marker, path):
        body = shape.replace("{m}", marker).replace("{p}", path)
        links = BodyLinks(str(link_tree / "en" / "page.md"), link_tree)
        rendered = render(body + "\n", links.resolve)
        for source in links.published:
            published = (root / source).resolve()
            assert published.is_relative_to(root) and published.is_file(), (body, source)
        for match in pattern.finditer(rendered.html):
            # Only checked {filename} links to documents inside the content folder reach Pelican.
            assert match.group("what") == "filename", (body, match.group(0))
            target = urllib.parse.unquote(urllib.parse.urlparse(match.group("value")).path).lstrip("/")
            assert (root / target).resolve().is_relative_to(root) and (root / target).suffix == ".md", (body, target)

    check()


@pytest.mark.browser
def test_fuzzed_form_addresses_go_where_chromium_goes(tmp_path):
    """Every form address the check accepts takes Chromium to an allowed host, whatever the values filled in."""
    pytest.importorskip("hypothesis")
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from konsulta_consultations.comments import FormTemplateError, check_template, form_url

    from browser import chromium

    allowed = ("forms.example.org",)
    pieces = st.sampled_from(["https://", "http://", "forms.example.org", "evil.example", "\\", "@", ":", "/", "//",
                              "%2F", "%40", "%5C", "\t", "\n", " ", ".", "#", "?", "x=", "{slug}", "{section}",
                              "{slug:>3}", "{title!r}", "FORMS.EXAMPLE.ORG", "ｆorms.example.org", "\u200b", ":443",
                              "[::1]", "user:pass@", "javascript:"])
    accepted: list[str] = []

    starts = st.sampled_from(["https://forms.example.org/", "https://forms.example.org", "https://", "http://", ""])

    @settings(max_examples=2000, deadline=None, database=None, derandomize=True)
    @given(st.builds(lambda start, rest: start + "".join(rest), starts, st.lists(pieces, max_size=6)))
    def collect(template):
        try:
            check_template(template, allowed)
        except FormTemplateError:
            return
        accepted.append(form_url(template, slug="a/../b@evil.example", lang="en", title="T \\ @ / ?",
                                 section="s#x", version="v1"))

    collect()
    assert len(set(accepted)) >= 100, "too few acceptable addresses to tell anything"
    with chromium() as browser:
        page = browser.new_page()
        hosts = page.evaluate("list => list.map(u => { try { return new URL(u).hostname } catch (e) { return null } })",
                              sorted(set(accepted)))
    wrong = [(url, host) for url, host in zip(sorted(set(accepted)), hosts) if host not in allowed]
    assert wrong == []


def test_fuzzed_attachment_paths_are_inside_the_content_folder_or_a_problem(link_tree):
    pytest.importorskip("hypothesis")
    import json

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from konsulta_content.config import load_config
    from konsulta_content.loading import read_document

    root = link_tree.resolve()
    config = load_config({"KONSULTA": {"languages": ["en"]}, "DEFAULT_LANG": "en"})
    segments = st.sampled_from(["..", ".", "", "en", "attachments", "summary.pdf", "map.png", "out.pdf", "out-folder",
                                "secret.txt", "etc", "passwd", "%2e%2e", "\\..", "~", "a" * 300, "é", " "])
    paths = st.builds(lambda lead, parts: lead + "/".join(parts), st.sampled_from(["", "/", "//", "./", "../"]),
                      st.lists(segments, min_size=1, max_size=8))
    page = link_tree / "en" / "fuzzed.md"

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(paths)
    def check(path):
        page.write_text("---\ntitle: F\ntype: page\ndate: 2026-01-05\nsummary: S.\nattachments:\n"
                        f"  - file: {json.dumps(path)}\n    title: A\n---\nText.\n", encoding="utf-8")
        doc = read_document(str(page), link_tree, config)
        for attachment in doc.attachments:
            found = (root / attachment.source).resolve()
            assert found.is_relative_to(root) and found.is_file(), (path, attachment.source)
            assert files.publishable_problem(found) is None, (path, attachment.source)
        assert doc.attachments or doc.problems, path  # never silently dropped

    check()
