"""History of a repository worked on in branches: each version is compared with the version it was made
from (its first parent, renames followed), merged pull requests are one change each with their own
edits, names renamed away or deleted and reused keep their histories apart, formatting-only commits
change nothing, and "Last updated" is one date on the page, in JSON-LD, the sitemap, open data and feeds.

The repository below is real: branches edited in parallel (their commits dated between those of the
main branch, so that `git log` in date order interleaves them), merged with `git merge --no-ff`, one
merge carrying an edit of its own, a pull request merged with GitHub's message.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup
from gitrepo import PAGE, commit, git, head, init, write
from hostile import pelican_cli

from konsulta_history.gitlog import merge_message, read_history

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page_text(title: str, body: str, extra: str = "") -> str:
    return PAGE.format(title=title, body=body, extra=extra)


def policy(scope: str, review: str, more: str = "") -> str:
    return page_text("Open data policy", f"{scope}\n\n{review}\n" + (f"\n{more}\n" if more else ""))


def guide(first: str, second: str) -> str:
    return page_text("Editing guide", f"{first}\n\n{second}\n",
                     extra="aliases: [/en/guides/old-guide/, /old/guide.html]\n")


EN = "content/en/"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = init(tmp_path_factory.mktemp("merges") / "repo")
    ids = {}
    ids["c1"] = commit(repo, {
        EN + "policy.md": policy("The policy covers ministries.", "It is reviwed every year."),
        EN + "guide.md": guide("Guides are\nwritten for editors.", "Use short sentences."),
        EN + "old-name.md": page_text("Renamed document", "Renamed document text."),
        EN + "reused.md": page_text("First document", "The first document under this name."),
        EN + "gone.md": page_text("Gone document", "A document renamed, then deleted."),
        EN + "long.md": page_text("Long document", "Version 0."),
    }, "Publish the first documents", "2026-03-01T09:00:00+03:00")
    # Two pull requests branch off the first commit and edit the policy in parallel.
    git(repo, "switch", "-q", "-c", "scope")
    ids["scope1"] = commit(repo, {EN + "policy.md": policy("The policy covers ministries and agencies.",
                                                           "It is reviwed every year.")},
                           "Add agencies", "2026-03-02T09:00:00+03:00")
    git(repo, "switch", "-q", "-c", "typo", ids["c1"])
    ids["typo1"] = commit(repo, {EN + "policy.md": policy("The policy covers ministries.", "It is reviewed every year.")},
                          "Fix a typo", "2026-03-02T12:00:00+03:00")
    git(repo, "switch", "-q", "scope")
    ids["scope2"] = commit(repo, {EN + "policy.md": policy("The policy covers ministries, agencies and courts.",
                                                           "It is reviwed every year.")},
                           "Add courts", "2026-03-04T09:00:00+03:00")
    git(repo, "switch", "-q", "main")
    ids["c3"] = commit(repo, {EN + "guide.md": guide("Guides are\nwritten for editors.", "Use plain sentences.")},
                       "Plain sentences", "2026-03-03T09:00:00+03:00")
    # The first merge carries an edit of its own, made while merging.
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "scope", date="2026-03-05T09:00:00+03:00")
    write(repo, {EN + "policy.md": policy("The policy covers ministries, agencies and courts.",
                                          "It is reviwed every year.", more="Data is published monthly.")})
    git(repo, "commit", "-q", "-m", "Merge branch 'scope'", date="2026-03-05T09:00:00+03:00")
    ids["merge-scope"] = head(repo)
    # The second is merged as GitHub merges a pull request: its subject names the branch and its owner.
    git(repo, "merge", "-q", "--no-ff", "typo", "-m", "Merge pull request #7 from alice/typo",
        "-m", "Fix a typo in the policy", date="2026-03-06T09:00:00+03:00")
    ids["merge-typo"] = head(repo)
    # Rewrapping a paragraph changes the Markdown, not what a reader sees.
    ids["reflow"] = commit(repo, {EN + "guide.md": guide("Guides are written\nfor editors.", "Use plain sentences.")},
                           "Rewrap the guide", "2026-03-07T09:00:00+03:00")
    # A chain of renames, the last with an edit.
    git(repo, "mv", EN + "old-name.md", EN + "mid-name.md")
    ids["rename1"] = commit(repo, {}, "Rename to mid-name", "2026-03-08T09:00:00+03:00")
    git(repo, "mv", EN + "mid-name.md", EN + "new-name.md")
    ids["rename2"] = commit(repo, {EN + "new-name.md": page_text("Renamed document", "Renamed document text, edited.")},
                            "Rename to new-name", "2026-03-09T09:00:00+03:00")
    # A name renamed away, then given to a new document.
    git(repo, "mv", EN + "reused.md", EN + "moved.md")
    ids["moved"] = commit(repo, {}, "Move the first document", "2026-03-10T09:00:00+03:00")
    ids["reused"] = commit(repo, {EN + "reused.md": page_text("Second document", "Another document entirely.")},
                           "A new document under the old name", "2026-03-11T09:00:00+03:00")
    # A name renamed away, the renamed file deleted, and the name given to a new document.
    git(repo, "mv", EN + "gone.md", EN + "gone-renamed.md")
    commit(repo, {}, "Rename the gone document", "2026-03-12T09:00:00+03:00")
    git(repo, "rm", "-q", EN + "gone-renamed.md")
    commit(repo, {}, "Delete it", "2026-03-13T09:00:00+03:00")
    ids["gone"] = commit(repo, {EN + "gone.md": page_text("New document", "A new document under a deleted name.")},
                         "Reuse the name", "2026-03-14T09:00:00+03:00")
    # A long history.
    for number in range(1, 13):
        ids[f"long{number}"] = commit(repo, {EN + "long.md": page_text("Long document", f"Version {number}.")},
                                      f"Version {number}", f"2026-04-{number:02d}T09:00:00+03:00")
    return repo, ids


@pytest.fixture(scope="module")
def run(repo):
    repo, _ = repo
    result = pelican_cli(repo / "content", repo.parent / "output", repo.parent)
    result.output = repo.parent / "output"
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def html(run, path) -> BeautifulSoup:
    return BeautifulSoup((run.output / path).read_text("utf-8"), "html.parser")


def listed(run, slug) -> list[str]:
    """The commit ids the history list links to, newest first."""
    return [a["href"].rsplit("/", 1)[1] for a in html(run, f"en/{slug}/index.html").select(".history__list li a")
            if "/commit/" in a["href"]]


def compared(run, slug) -> dict[str, str]:
    """newer commit -> the commit it is compared with, from every changes page of the document."""
    folder = run.output / "en" / slug / "changes"
    pairs = {}
    for changes in sorted(folder.iterdir()) if folder.exists() else []:
        links = [a["href"].rsplit("/", 1)[1] for a in html(run, f"en/{slug}/changes/{changes.name}/index.html")
                 .select("main a") if "/commit/" in a["href"]]
        newer, older = links
        assert newer.startswith(changes.name)
        pairs[newer] = older
    return pairs


def facts(run, slug) -> dict[str, str]:
    return {d.dt.get_text(): d.dd.get_text(strip=True) for d in html(run, f"en/{slug}/index.html").select("dl.facts > div")}


def test_versions_are_the_branch_as_published(repo):
    """The policy's versions are the commits of the main branch that changed it: the merges, not the
    commits inside the pull requests."""
    repo, ids = repo
    history = read_history(repo / "content")
    commits = {path.removeprefix(EN): [v.commit for v in versions] for path, versions in history.versions.items()}
    assert commits["policy.md"] == [ids["merge-typo"], ids["merge-scope"], ids["c1"]]
    assert commits["guide.md"] == [ids["reflow"], ids["c3"], ids["c1"]]
    assert commits["new-name.md"] == [ids["rename2"], ids["rename1"], ids["c1"]]
    assert commits["moved.md"] == [ids["moved"], ids["c1"]]
    assert commits["reused.md"] == [ids["reused"]]
    assert commits["gone.md"] == [ids["gone"]]


def test_each_changes_page_compares_a_version_with_the_one_it_was_made_from(run, repo):
    _, ids = repo
    assert compared(run, "policy") == {ids["merge-typo"]: ids["merge-scope"], ids["merge-scope"]: ids["c1"]}
    assert compared(run, "guide") == {ids["c3"]: ids["c1"]}  # the rewrap has no page
    assert compared(run, "new-name") == {ids["rename2"]: ids["rename1"], ids["rename1"]: ids["c1"]}
    assert compared(run, "moved") == {ids["moved"]: ids["c1"]}
    assert compared(run, "reused") == {}
    assert compared(run, "gone") == {}


def test_history_lists_the_merges_not_the_commits_inside_them(run, repo):
    _, ids = repo
    assert listed(run, "policy") == [ids["merge-typo"], ids["merge-scope"], ids["c1"]]
    items = [" ".join(li.get_text().split()) for li in html(run, "en/policy/index.html").select(".history__list li")]
    assert items[0].startswith("March 6, 2026: Fix a typo in the policy (#7) · What changed")
    assert items[1].startswith("March 5, 2026: Merge branch 'scope' · What changed")
    assert items[2].startswith("March 1, 2026: Publish the first documents · Commit")


def test_a_merge_shows_what_its_branch_and_its_own_edit_changed(run, repo):
    _, ids = repo
    changes = html(run, f"en/policy/changes/{ids['merge-scope'][:10]}/index.html")
    text = changes.get_text(" ", strip=True)
    assert "7 words inserted, 0 words deleted." in text  # agencies and courts; Data is published monthly
    inserted = " ".join(i.get_text() for i in changes.select(".diff ins"))
    assert "agencies and courts" in inserted and "Data is published monthly." in inserted
    assert changes.select(".diff del") == []
    assert "merged from a branch of the repository" in text
    typo = html(run, f"en/policy/changes/{ids['merge-typo'][:10]}/index.html")
    assert [d.get_text() for d in typo.select(".diff del")] == ["[deleted:  reviwed]"]
    assert [i.get_text() for i in typo.select(".diff ins")] == ["[inserted:  reviewed]"]


def test_a_pull_request_is_named_by_its_title_not_its_branch_or_owner(run):
    found = [p.relative_to(run.output).as_posix() for p in run.output.rglob("*")
             if p.is_file() and "alice" in p.read_bytes().decode("utf-8", "replace")]
    assert found == []


def test_a_formatting_only_commit_changes_nothing(run, repo):
    _, ids = repo
    assert listed(run, "guide") == [ids["c3"], ids["c1"]]
    assert not (run.output / f"en/guide/changes/{ids['reflow'][:10]}").exists()
    assert facts(run, "guide")["Last updated"] == "March 3, 2026"


def test_renames_keep_one_history_and_show_the_address_that_changed(run, repo):
    _, ids = repo
    assert listed(run, "new-name") == [ids["rename2"], ids["rename1"], ids["c1"]]
    first = html(run, f"en/new-name/changes/{ids['rename1'][:10]}/index.html")
    assert [li.get_text(" ", strip=True) for li in first.select(".field-changes li")] == [
        "Address: [deleted: /en/old-name/ ] → [inserted: /en/mid-name/ ]"]
    assert "The text did not change." in first.get_text()
    second = html(run, f"en/new-name/changes/{ids['rename2'][:10]}/index.html")
    assert [li.get_text(" ", strip=True) for li in second.select(".field-changes li")] == [
        "Address: [deleted: /en/mid-name/ ] → [inserted: /en/new-name/ ]"]
    assert [i.get_text() for i in second.select(".diff ins")] == ["[inserted: , edited]"]


def test_a_name_renamed_away_and_reused_keeps_histories_apart(run, repo):
    _, ids = repo
    assert listed(run, "moved") == [ids["moved"], ids["c1"]]
    assert listed(run, "reused") == [ids["reused"]]
    assert "Last updated" not in facts(run, "reused")
    # The old address is the new document's page; the build says so.
    assert "Second document" in html(run, "en/reused/index.html").h1.get_text()
    assert re.search(r"moved\.md: its earlier address /en/reused/ is now the address of \S*/en/reused\.md: that page "
                     "stays, and the address does not lead to this document", run.stdout)
    assert not (run.output / "_redirects").read_text().count("/en/reused/")


def test_a_name_renamed_deleted_and_reused_starts_a_new_history(run, repo):
    _, ids = repo
    assert listed(run, "gone") == [ids["gone"]]
    assert not (run.output / "en/gone-renamed").exists()


def test_a_long_history_shows_the_latest_changes_and_folds_the_rest(run, repo):
    _, ids = repo
    section = html(run, "en/long/index.html").select_one(".history")
    first, older = section.select("ol.history__list")
    assert first.parent is section and older.parent.name == "details"
    assert (first["start"], len(first.select("li"))) == ("13", 10)
    assert (older["start"], len(older.select("li"))) == ("3", 3)
    assert older.parent.summary.get_text(strip=True) == "3 earlier changes"
    stamps = [t["datetime"] for t in section.select("time")]
    assert stamps == sorted(stamps, reverse=True)  # newest first, in date order
    assert listed(run, "long")[0] == ids["long12"] and listed(run, "long")[-1] == ids["c1"]


def _json_ld(run, slug) -> dict:
    script = html(run, f"en/{slug}/index.html").find("script", type="application/ld+json")
    return json.loads(script.string)


@pytest.mark.parametrize("slug, updated", [("guide", "2026-03-03"), ("policy", "2026-03-06"), ("reused", None)])
def test_last_updated_is_one_date_everywhere(run, slug, updated):
    shown = {d.dt.get_text(): d.time["datetime"] for d in html(run, f"en/{slug}/index.html").select("dl.facts > div")
             if d.time is not None}
    assert shown.get("Last updated") == updated
    day = updated or "2026-03-01"  # never updated: dated by its publication
    assert _json_ld(run, slug)["dateModified"] == day
    sitemap = ET.parse(run.output / "sitemap.xml").getroot()
    lastmod = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod") for u in sitemap}
    assert lastmod[f"en/{slug}/"].text == day
    record = next(r for r in json.loads((run.output / "data/documents.json").read_text())["documents"]
                  if r["slug"] == slug)
    assert record["modified"] == updated
    entry = next(e for e in feedparser.parse((run.output / f"en/{slug}/feed.atom.xml").read_bytes()).entries
                 if "/revised/" not in e.id)
    assert entry.updated.startswith(day)


def test_each_update_is_an_entry_of_the_documents_own_feed(run, repo):
    _, ids = repo
    parsed = feedparser.parse((run.output / "en/policy/feed.atom.xml").read_bytes())
    revisions = [e for e in parsed.entries if "/revised/" in e.id]
    assert [e.id.rsplit("/", 1)[1] for e in revisions] == [ids["merge-typo"], ids["merge-scope"]]
    assert revisions[0].title == "Revised: Open data policy"
    assert revisions[0].link.endswith(f"en/policy/changes/{ids['merge-typo'][:10]}/")
    assert revisions[0].summary == "Fix a typo in the policy (#7) — 1 words inserted, 1 words deleted."
    assert revisions[0].updated == "2026-03-06T09:00:00+03:00"
    guide_feed = feedparser.parse((run.output / "en/guide/feed.atom.xml").read_bytes())
    assert [e.id.rsplit("/", 1)[1] for e in guide_feed.entries if "/revised/" in e.id] == [ids["c3"]]


@pytest.mark.parametrize("message, shown", [
    ("Merge pull request #7 from alice/typo\n\nFix a typo\n", "Fix a typo (#7)"),
    ("Merge pull request #7 from alice/typo\n\nSigned-off-by: Alice <alice@example.org>\n", "Pull request #7"),
    ("Merge branch 'scope' into 'main'\n\nExtend the scope\n\nSee merge request group/site!12\n", "Extend the scope (!12)"),
    ("Merge branch 'scope'\n\nCo-authored-by: Bob <bob@example.org>\n", "Merge branch 'scope'"),
])
def test_merges_are_named_by_their_request_never_by_people(message, shown):
    commit_object = "tree 1\nparent 2\nparent 3\nauthor A <a@example.org> 1 +0000\ncommitter A <a@example.org> 1 +0000\n\n"
    assert merge_message(commit_object + message) == shown
