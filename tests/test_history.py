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
