"""History pages publish only what today's rules publish: old versions from a real repository, read as the
build reads documents now.

The repository below has, in older commits, what the build rejects today (a person named as a response's
submitter, a YAML alias bomb, deep nesting, a huge file, invalid UTF-8, control characters, a recursive
anchor, a missing attachment), what the sanitiser removes (an HTML comment, a script), a commit message
full of control characters, and a commit the settings redact. Every document is fine today, so the build
must succeed, and none of the old material may reach any file it writes.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from konsulta_content.config import ConfigError, load_config
from konsulta_history.gitlog import clean_message
from test_history import DRAFT as PLAIN_DRAFT

# Text that only ever stood in old versions that must not be published (or in the redacted commit).
SECRETS = ("Ayşe", "Yılmaz", "ayse.yilmaz@example.org", "Mehmet Demir", "mehmet.demir@example.org",
           "Internal note", "history-script-marker", "withheld-message", "quetzal")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
HUGE_BYTES = 2_500_000

# The plain draft of tests/test_history.py, with what the sanitiser removes from a page.
DRAFT = PLAIN_DRAFT + textwrap.dedent("""
    <!-- Internal note: ask Mehmet Demir, mehmet.demir@example.org -->

    <script>alert("history-script-marker")</script>
    """)

OUTCOME = textwrap.dedent("""\
    ---
    title: Outcome of the open data rules consultation
    type: outcome
    date: 2026-04-25
    summary: What happened to the comments.
    responds_to: open-rules
    responses:
      - submitter: {submitter}
        summary: Include municipalities.
        decision: accepted
        reason: {reason}
    ---
    One response was received.
    """)

PAGE = "---\ntitle: Notes\ntype: page\ndate: 2026-01-05\nsummary: Notes.\n{extra}---\n{body}\n"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))

ANNEXED = textwrap.dedent("""\
    ---
    title: Annexed rules
    type: page
    date: 2026-01-05
    summary: Rules with annexes.
    attachments:
    {attachments}
    ---
    {body}

    ![A chart of the rules](../files/chart.png)
    """)


def git(repo, *args, date=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True).stdout


def commit(repo, files: dict, message: str, date: str) -> str:
    """Writes ``files`` (path -> text or bytes) and commits them; returns the commit id."""
    for path, content in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        git(repo, "add", "--", path)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").decode().strip()


def page_text(body: str, extra: str = "") -> str:
    return PAGE.format(extra=extra, body=body)


def annexed(body: str, *annexes: str) -> str:
    attachments = "\n".join(f"  - file: ../files/{name}\n    title: Annex {name}" for name in annexes)
    return ANNEXED.format(attachments=attachments, body=body)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("hostile-history")
    git(repo, "init", "-q", "-b", "main")
    ids = {}
    en = "content/en/"
    # A draft whose body has an HTML comment and a script in every version; consulted, then changed.
    ids["draft1"] = commit(repo, {en + "open-rules.md": DRAFT.format(scope="The rules cover ministries.")},
                           "Publish the draft rules", "2026-03-01T09:00:00+03:00")
    ids["draft2"] = commit(repo, {en + "open-rules.md": DRAFT.format(scope="The rules cover ministries and agencies.")},
                           "Add agencies", "2026-03-10T15:30:00+03:00")
    ids["draft3"] = commit(repo, {en + "open-rules.md": DRAFT.format(
        scope="The rules cover ministries, agencies and municipalities.")},
        "Extend\x1ethe\x1fscope\x01after\x1bthe\x7fconsultation\x0b\x02", "2026-04-20T11:00:00+03:00")
    # An outcome that named a person as submitter, fixed in the next commit, then edited.
    ids["outcome1"] = commit(repo, {en + "open-rules-outcome.md": OUTCOME.format(
        submitter='"Ayşe Yılmaz <ayse.yilmaz@example.org>"', reason="Done.")},
        "withheld-message: the response from Ayşe Yılmaz", "2026-04-25T10:00:00+03:00")
    ids["outcome2"] = commit(repo, {en + "open-rules-outcome.md": OUTCOME.format(submitter="citizen", reason="Done.")},
                             "Name the submitter's category only", "2026-04-26T10:00:00+03:00")
    ids["outcome3"] = commit(repo, {en + "open-rules-outcome.md": OUTCOME.format(
        submitter="citizen", reason="Municipalities were added.")}, "Explain the decision", "2026-04-27T10:00:00+03:00")
    # A page whose old versions attack the reader, each followed by the next; the last one is fine.
    notes = en + "notes.md"
    ids["notes1"] = commit(repo, {notes: page_text("First notes text.")}, "Publish the notes",
                           "2026-05-01T10:00:00+03:00")
    attacks = {
        "bomb": page_text("Bomb.", extra=ALIAS_BOMB),
        "nesting": page_text("Nested.", extra="extra: " + "[" * 500 + "]" * 500 + "\n"),
        "huge": page_text("Huge text. " * (HUGE_BYTES // 11)),
        "utf8": page_text("Broken \udcff text.").encode("utf-8", "surrogateescape"),
        "control": page_text("A bell \x07 rings."),
        "recursion": page_text("Recursive.", extra="extra: &loop [*loop]\n"),
    }
    for day, (name, text) in enumerate(attacks.items(), start=2):
        ids[f"notes-{name}"] = commit(repo, {notes: text}, f"withheld-message-{name}", f"2026-05-0{day}T10:00:00+03:00")
    ids["notes2"] = commit(repo, {notes: page_text("Second notes text.")}, "Rewrite the notes",
                           "2026-05-09T10:00:00+03:00")
    # A page naming files: read with the files of its own commit, withheld when one is missing there.
    files = {"content/files/annex.pdf": b"%PDF-1.4 annex\n", "content/files/chart.png": b"\x89PNG\r\n\x1a\n",
             # File names the log must not take for record separators.
             "content/files/line\nbreak.txt": b"x", "content/files/record\x1eunit\x1f.txt": b"x"}
    ids["annexed1"] = commit(repo, {**files, en + "annexed.md": annexed("The first annex.", "annex.pdf")},
                             "Publish the annexed rules", "2026-05-10T10:00:00+03:00")
    ids["annexed2"] = commit(repo, {en + "annexed.md": annexed("Two annexes.", "annex.pdf", "annex-2.pdf")},
                             "withheld-message-missing-file", "2026-05-11T10:00:00+03:00")
    ids["annexed3"] = commit(repo, {"content/files/annex-2.pdf": b"%PDF-1.4 annex 2\n",
                                    en + "annexed.md": annexed("The annexes.", "annex.pdf", "annex-2.pdf")},
                             "Add the second annex", "2026-05-12T10:00:00+03:00")
    # A guide whose second commit is redacted in the settings.
    guide = en + "guide.md"
    ids["guide1"] = commit(repo, {guide: page_text("Alpha text.")}, "Publish the guide", "2026-05-13T10:00:00+03:00")
    ids["guide2"] = commit(repo, {guide: page_text("Alpha text. A quetzal phrase.")}, "The quetzal message",
                           "2026-05-14T10:00:00+03:00")
    ids["guide3"] = commit(repo, {guide: page_text("Alpha text. Beta text.")}, "Add beta", "2026-05-15T10:00:00+03:00")
    return repo, ids


@pytest.fixture(scope="module")
def run(repo, tmp_path_factory):
    """`pelican` as an editor runs it, with the guide's second commit redacted (by a prefix of its id)."""
    repo, ids = repo
    folder = tmp_path_factory.mktemp("hostile-history-build")
    settings = folder / "settings.py"
    settings.write_text(textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *  # noqa: F403
        KONSULTA = {{**KONSULTA, "history_redactions": [{ids["guide2"][:9]!r}]}}  # noqa: F405
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
        THEME = {str(ROOT / "theme")!r}
        """), encoding="utf-8")
    output, scratch = folder / "output", folder / "tmp"
    scratch.mkdir()
    result = subprocess.run([sys.executable, "-m", "pelican", str(repo / "content"), "-s", str(settings),
                             "-o", str(output), "--fatal", "errors"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "TMPDIR": str(scratch)})
    result.output, result.scratch = output, scratch
    return result


def page(run, path):
    return BeautifulSoup((run.output / path).read_text("utf-8"), "html.parser")


def history_items(run, slug):
    return page(run, f"en/{slug}/index.html").select(".history__list li")


def changes_pages(run, slug) -> set[str]:
    folder = run.output / "en" / slug / "changes"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def output_texts(run):
    """(path, text) of every file written, gzip files unpacked (the search index is compressed)."""
    for path in sorted(p for p in run.output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield path.relative_to(run.output).as_posix(), data.decode("utf-8", "replace")


def test_old_bad_versions_do_not_fail_the_build(run):
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stdout + run.stderr
    assert (run.output / "en/notes/index.html").exists()


def test_old_versions_leave_no_file_behind(run):
    """Old versions are read from a scratch copy of the content folder, removed when the build is done."""
    assert run.returncode == 0
    assert list(run.scratch.iterdir()) == []


def test_nothing_withheld_removed_or_redacted_reaches_any_file(run, repo):
    _, ids = repo
    assert run.returncode == 0
    redacted = ids["guide2"]
    found = [(path, secret) for path, text in output_texts(run)
             for secret in (*SECRETS, redacted, redacted[:10]) if secret in text]
    assert found == []


def test_no_control_character_reaches_a_page(run):
    written = [(path, CONTROL.search(text).group()) for path, text in output_texts(run)
               if path.endswith((".html", ".xml", ".json", ".txt")) and CONTROL.search(text)]
    assert written == []


def test_commit_message_with_record_separators_is_shown_cleaned(run):
    items = [li.get_text(" ", strip=True) for li in history_items(run, "open-rules")]
    assert len(items) == 3
    assert "Extend the scope after the consultation" in items[0]
    assert "Publish the draft rules" in items[2]


def test_person_named_as_submitter_is_withheld_and_skipped(run, repo):
    _, ids = repo
    items = history_items(run, "open-rules-outcome")
    assert [li.em.get_text(strip=True) if li.em else None for li in items] == [
        None, None, "This version is not shown: it does not meet the site's current publishing rules."]
    assert items[2].a is None  # no link to what changed, nor to the commit
    # The fixed version has no earlier publishable one: only the latest change has a page.
    assert changes_pages(run, "open-rules-outcome") == {ids["outcome3"][:10]}
    changes = page(run, f"en/open-rules-outcome/changes/{ids['outcome3'][:10]}/index.html")
    rows = {row.th.get_text(): [td.get_text() for td in row.select("td")] for row in changes.select("tbody tr")}
    assert list(rows) == ["responses"]
    assert '"submitter": "citizen"' in rows["responses"][0]
    assert '"reason": "Done."' in rows["responses"][0]
    assert '"reason": "Municipalities were added."' in rows["responses"][1]


def test_comparisons_show_the_published_text_not_markdown(run, repo):
    _, ids = repo
    changes = page(run, f"en/open-rules/changes/{ids['draft2'][:10]}/index.html")
    assert [i.get_text() for i in changes.select(".diff ins")] == ["[inserted:  and agencies]"]
    text = changes.select_one(".diff").get_text()
    assert text.startswith("Scope\n")  # the heading's text, not "## Scope"
    assert "<!--" not in text and "script" not in text


def test_after_consultation_view_compares_published_forms(run):
    view = page(run, "en/open-rules/changes/after-consultation/index.html")
    assert [d.get_text() for d in view.select(".diff del")] == ["[deleted:  agencies]"]
    assert [i.get_text() for i in view.select(".diff ins")] == ["[inserted: , agencies]", "[inserted:  municipalities]"]
    assert view.select("tbody tr") == []  # the fields did not change


def test_each_attack_withholds_only_its_own_version(run, repo):
    _, ids = repo
    items = history_items(run, "notes")
    shown = [li.get_text(" ", strip=True) for li in items]
    assert "Rewrite the notes" in shown[0] and "Publish the notes" in shown[-1]
    assert [bool(li.em) for li in items] == [False, True, True, True, True, True, True, False]
    # The last version is compared with the first: every version between is withheld.
    assert changes_pages(run, "notes") == {ids["notes2"][:10]}
    changes = page(run, f"en/notes/changes/{ids['notes2'][:10]}/index.html")
    assert [d.get_text() for d in changes.select(".diff del")] == ["[deleted: First]"]
    assert [i.get_text() for i in changes.select(".diff ins")] == ["[inserted: Second]"]
    assert "Compared with the version of May 1, 2026." in changes.get_text()


def test_old_versions_are_read_with_the_files_of_their_own_commit(run, repo):
    _, ids = repo
    items = history_items(run, "annexed")
    assert [bool(li.em) for li in items] == [False, True, False]  # annex-2.pdf did not exist in the middle one
    assert changes_pages(run, "annexed") == {ids["annexed3"][:10]}
    changes = page(run, f"en/annexed/changes/{ids['annexed3'][:10]}/index.html")
    assert [row.th.get_text() for row in changes.select("tbody tr")] == ["attachments"]
    assert [d.get_text() for d in changes.select(".diff del")] == ["[deleted:  first annex]"]
    assert [i.get_text() for i in changes.select(".diff ins")] == ["[inserted:  annexes]"]


def test_redacted_commit_has_no_page_and_neighbours_are_compared(run, repo):
    _, ids = repo
    items = history_items(run, "guide")
    assert [li.em.get_text(strip=True) if li.em else None for li in items] == [
        None, "This version has been removed from the public history.", None]
    assert changes_pages(run, "guide") == {ids["guide3"][:10]}
    changes = page(run, f"en/guide/changes/{ids['guide3'][:10]}/index.html")
    assert [i.get_text() for i in changes.select(".diff ins")] == ["[inserted:  Beta text.]"]
    assert changes.select(".diff del") == []
    assert "2 words inserted, 0 words deleted." in changes.get_text()


def test_clean_message_removes_every_control_character():
    assert clean_message("a\x1eb\x1fc\x00d\x1b[1me\x7ff\x85g\u200bh\ufffei") == "a b c d [1me f g\u200bh i"


def _settings(repo, redactions) -> dict:
    return {"KONSULTA": {"languages": ["en"], "history_redactions": redactions}, "DEFAULT_LANG": "en",
            "PATH": str(repo / "content"), "PLUGINS": ["konsulta_history"]}


def test_redactions_setting_takes_ids_and_prefixes_of_commits(repo):
    repo, ids = repo
    config = load_config(_settings(repo, [ids["guide2"][:8].upper(), ids["notes1"]]))
    assert config.history_redactions == (ids["guide2"][:8], ids["notes1"])


@pytest.mark.parametrize("value, expected", [
    ("xyz1234", "'xyz1234' is not a commit id"),
    ("abc12", "'abc12' is not a commit id"),
    (1234567, "1234567 is not a commit id"),
    ("0000000", "'0000000' is not a commit of this repository"),
])
def test_redactions_setting_is_checked(repo, value, expected):
    repo, _ = repo
    with pytest.raises(ConfigError) as error:
        load_config(_settings(repo, [value]))
    assert f"KONSULTA['history_redactions']: {expected}" in str(error.value)


def test_redactions_setting_must_be_a_list():
    with pytest.raises(ConfigError, match=r"\['history_redactions'\]: give a list of commit ids"):
        load_config({"KONSULTA": {"history_redactions": "3f9c2a17"}, "PLUGINS": ["konsulta_history"]})
