"""History from a real git repository: versions, renames, word-level changes, the after-consultation view."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build
from gitrepo import git
from konsulta_history.worddiff import word_diff

DRAFT = textwrap.dedent("""\
    ---
    title: Draft open data rules
    type: draft
    date: 2026-03-01
    summary: Rules for publishing open data.
    consultation:
      opens: 2026-03-02
      closes: 2026-03-31
    ---
    ## Scope

    {scope}
    """)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A content repository with four commits to one draft, including a rename after the consultation."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    en = repo / "content" / "en"
    en.mkdir(parents=True)
    (en / "open-data.md").write_text(DRAFT.format(scope="The rules cover ministries."), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Publish the draft open data rules", date="2026-03-01T09:00:00+03:00")
    (en / "open-data.md").write_text(DRAFT.format(scope="The rules cover ministries and agencies."), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Add agencies to the scope", date="2026-03-10T15:30:00+03:00")
    git(repo, "mv", "content/en/open-data.md", "content/en/open-data-rules.md")
    git(repo, "commit", "-q", "-m", "Rename the file", date="2026-04-02T10:00:00+03:00")
    final = DRAFT.format(scope="The rules cover ministries, agencies and municipalities.").replace(
        "date: 2026-03-01\n", "date: 2026-03-01\nslug: open-data-rules\n")
    (en / "open-data-rules.md").write_text(final, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Extend the scope after the consultation", date="2026-04-20T11:00:00+03:00")
    return repo


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory):
    return build(repo / "content", tmp_path_factory.mktemp("history") / "output")


def page(site, path):
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def test_history_lists_every_change_across_the_rename(site):
    items = page(site, "en/open-data-rules/index.html").select(".history__list li")
    assert [" ".join(li.get_text(" ", strip=True).split()[:4]) for li in items] == [
        "April 20, 2026 :", "April 2, 2026 :", "March 10, 2026 :", "March 1, 2026 :"]
    assert "Publish the draft open data rules" in items[-1].get_text()
    assert items[0].time["datetime"] == "2026-04-20T11:00:00+03:00"


def test_last_updated_comes_from_git(site):
    facts = {div.dt.get_text(): div.dd.get_text(strip=True) for div in page(site, "en/open-data-rules/index.html").select("dl.facts > div")}
    assert facts["Last updated"] == "April 20, 2026"


def test_changes_page_marks_words_inserted_and_deleted_for_screen_readers(site):
    links = [a["href"] for a in page(site, "en/open-data-rules/index.html").select(".history__list a") if "changes/" in a["href"]]
    assert len(links) == 3  # every version but the first has a predecessor
    changes = page(site, "en/open-data-rules/" + links[-1].split("open-data-rules/")[1] + "index.html")
    inserted = [ins.get_text() for ins in changes.select(".diff ins")]
    assert inserted == ["[inserted:  and agencies]"]
    assert changes.select(".diff del") == []
    assert "2 words inserted, 0 words deleted." in changes.get_text()


def test_after_consultation_view_compares_consulted_and_current_text(site):
    link = page(site, "en/open-data-rules/index.html").find("a", string="See what changed after the consultation")
    assert link is not None
    view = page(site, "en/open-data-rules/changes/after-consultation/index.html")
    assert "The text as it was when comments closed (March 10, 2026)" in view.get_text()
    assert [d.get_text() for d in view.select(".diff del")] == ["[deleted:  agencies]"]
    assert [i.get_text() for i in view.select(".diff ins")] == ["[inserted: , agencies]", "[inserted:  municipalities]"]
    # The file was renamed after the consultation: the page's address changed. The `slug` added with the
    # file's own name changes nothing a reader sees.
    assert [li.get_text(" ", strip=True) for li in view.select(".field-changes li")] == [
        "Address: [deleted: /en/open-data/ ] → [inserted: /en/open-data-rules/ ]"]


def test_repository_links_point_at_the_file(site):
    html = page(site, "en/open-data-rules/index.html")
    assert html.find("a", string="Propose a change")["href"] == \
        "https://github.com/konsulta/konsulta/edit/main/content/en/open-data-rules.md"


def test_build_without_git_says_history_is_unavailable(repo, tmp_path):
    shutil.copytree(repo / "content", tmp_path / "content")  # a tarball: no .git anywhere above
    output = build(tmp_path / "content", tmp_path / "output")
    html = page(output, "en/open-data-rules/index.html")
    assert "The history of this document is not available in this copy of the site." in html.select_one(".history").get_text()
    assert "Last updated" not in html.select_one("dl.facts").get_text()
    assert not (output / "en/open-data-rules/changes").exists()


def test_shallow_clone_says_history_is_unavailable(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    output = build(clone / "content", tmp_path / "output")
    assert "not available" in page(output, "en/open-data-rules/index.html").select_one(".history").get_text()


def test_word_diff_keeps_every_character():
    old, new = "Kamu kurumları görüş alır.", "Kamu kurumları ve belediyeler görüş alır!"
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != "inserted") == old
    assert "".join(p.text for p in pieces if p.kind != "deleted") == new


# --- change notes in the document's language (front matter `change_note`), commit messages marked

NOTED = textwrap.dedent("""\
    ---
    title: Açık veri kuralları taslağı
    type: draft
    date: 2026-03-01
    summary: Açık verinin yayımlanma kuralları.
    {note}consultation:
      opens: 2026-03-02
      closes: 2026-03-31
    ---
    ## Kapsam

    {scope}
    """)


@pytest.fixture(scope="module")
def noted_site(tmp_path_factory):
    """A Turkish draft in a repository whose commit messages are English: two versions carry a change
    note, the version between them keeps the first one's note unchanged."""
    repo = tmp_path_factory.mktemp("noted")
    git(repo, "init", "-q", "-b", "main")
    tr = repo / "content" / "tr"
    tr.mkdir(parents=True)
    versions = [
        ("", "Kurallar bakanlıkları kapsar.", "Publish the draft", "2026-03-01T09:00:00+03:00"),
        ("change_note: Kapsama ajanslar eklendi.\n", "Kurallar bakanlıkları ve ajansları kapsar.",
         "Add agencies", "2026-03-10T09:00:00+03:00"),
        ("change_note: Kapsama ajanslar eklendi.\n", "Kurallar bakanlıkları ve ajansları açıkça kapsar.",
         "Wording", "2026-03-12T09:00:00+03:00"),
        ("change_note: Belediyeler de kapsamda.\n", "Kurallar bakanlıkları, ajansları ve belediyeleri kapsar.",
         "Add municipalities", "2026-03-20T09:00:00+03:00"),
    ]
    for note, scope, message, date in versions:
        (tr / "acik-veri.md").write_text(NOTED.format(note=note, scope=scope), encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message, date=date)
    return build(repo / "content", tmp_path_factory.mktemp("noted-site") / "output",
                 KONSULTA={**_konsulta(), "languages": ["tr", "en"], "history_messages_lang": "en"},
                 DEFAULT_LANG="tr")


def _konsulta() -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"]


def test_a_version_shows_its_change_note_and_otherwise_its_commit_message_marked_english(noted_site):
    items = page(noted_site, "tr/acik-veri/index.html").select(".history__list li")
    notes = [li.select_one(".history__note") for li in items]
    assert [n.get_text(strip=True) if n else None for n in notes] == [
        "Belediyeler de kapsamda.", None, "Kapsama ajanslar eklendi.", None]
    messages = [li.select_one(".history__message") for li in items]
    # A note left over from the version before says nothing of this one: the commit message shows.
    assert messages[1].get_text(strip=True) == "Wording" and messages[1]["lang"] == "en"
    assert messages[3].get_text(strip=True) == "Publish the draft" and messages[3]["lang"] == "en"
    assert messages[0] is None and messages[2] is None


def test_the_documents_feed_announces_a_revision_by_its_change_note(noted_site):
    import feedparser

    parsed = feedparser.parse((noted_site / "tr" / "acik-veri" / "feed.atom.xml").read_bytes())
    summaries = [e.summary for e in parsed.entries if "/changes/" in e.link]
    assert any(s.startswith("Belediyeler de kapsamda.") for s in summaries), summaries
    assert any(s.startswith("Wording") for s in summaries), summaries


def test_a_change_note_is_one_line_of_plain_text():
    import jsonschema
    from konsulta_content.schema import document_schema

    schema = document_schema("draft", {}, ["citizen"])["properties"]["change_note"]
    assert list(jsonschema.Draft202012Validator(schema).iter_errors("Kapsam genişledi.")) == []
    for bad in ("", "<b>x</b>", "one\ntwo", "x" * 201):
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad)), bad
