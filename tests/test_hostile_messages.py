"""Hostile input that ended in a traceback, a silent skip or a misleading message, and the problem
line each now gets: in `pelican --fatal errors`, in `pelican` without the flag and in scripts/validate
alike, all together, with a non-zero exit and no traceback.

The documents are tests/sites/hostile/messages; what git cannot hold (links that lead nowhere or in a
loop, a pipe, a 240-letter file name, two names that differ only in Unicode normalisation) is added
to a copy at run time.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hostile import pelican_cli, problem_lines, validate_cli
from conftest import SITES
from konsulta_content.problems import BuildProblems, PelicanErrorLog

MESSAGES = SITES / "hostile" / "messages"
LONG_NAME = "a" * 240
NFC_NAME = unicodedata.normalize("NFC", "café")
NFD_NAME = unicodedata.normalize("NFD", "café")
TWIN = "---\ntitle: Café\ntype: news\ndate: 2026-01-05\nsummary: Two files, one name to the eye.\nslug: cafe\n---\nText.\n"
YAML_ESCAPE = "(a YAML escape such as \\0, \\e or \\uFFFE in quotes writes one): remove it"
NESTED = "is nested more than 50 levels deep (lists in lists, or fields in fields): write the value out flat"
NOT_A_NUMBER = "is read as infinity or not-a-number, which no published file can hold: write the number in digits"
TWINS = (f"the slug 'cafe' is used by more than one 'en' document (content/en/{NFD_NAME}.md (written with a "
         f"combining accent: U+0301), content/en/{NFC_NAME}.md): rename a file or set another 'slug'")

EXPECTED = [
    # C. Tracebacks instead of messages
    f"content/en/escapes.md:2: title: the text contains the control character U+0000 {YAML_ESCAPE}",
    f"content/en/escapes.md:5: summary: the text contains the control character U+001B {YAML_ESCAPE}",
    f"content/en/escapes.md:6: reference: the text contains the control character U+000B {YAML_ESCAPE}",
    f"content/en/escapes.md:8: legal_basis[0]: the text contains the noncharacter U+FFFE {YAML_ESCAPE}",
    f"content/en/escapes.md:9: colour\ufffd: the field name contains the control character U+001B {YAML_ESCAPE}",
    f"content/en/report-file-responses.yaml:4: cannot read the responses file: the text contains the control "
    f"character U+0000 {YAML_ESCAPE}",
    "content/en/raw-control.md:9: the file contains the control character U+0007: delete it (column 8)",
    "content/en/raw-noncharacter.md:7: the file contains the noncharacter U+FDD0: delete it (column 6)",
    'content/en/far-closes.md:9: consultation.closes: "9999-12-31" is not between the years 1900 and 2200: '
    "check the year",
    'content/en/ancient.md:4: date: "0001-01-01" is not between the years 1900 and 2200: check the year',
    "content/plans/0000.yaml:1: the year 0000 is not between 1900 and 2200: name the plan after the year it "
    "covers, e.g. 2027.yaml",
    "content/en/amounts-too-large.md:7: budget.amount: 10000000000000000000000000000000000000000 is more than "
    "1,000,000,000,000: check the amount (write it in the currency's units, e.g. 70684.50)",
    f"content/en/amounts-too-large.md:10: funding.amount: '1.0e+400' {NOT_A_NUMBER}",
    f"content/en/amounts-not-numbers.md:7: budget.amount: '.nan' {NOT_A_NUMBER}",
    f"content/en/amounts-not-numbers.md:10: funding.amount: '.inf' {NOT_A_NUMBER}",
    "content/en/big-integer.md:6: funding_round: the number has 5000 digits: write a number of usual size, "
    "or put quotes around it if it is text",
    "content/en/long-slug.md:6: slug: is 300 characters long; a slug may have at most 100: shorten it",
    f"content/en/{LONG_NAME}.md:1: the file name is 240 characters long; a slug may have at most 100: rename "
    "the file, or set a shorter 'slug'",
    "content/en/long-topic.md:6: topics[0]: is 300 characters long: keep it to 100 at most",
    "content/en/wide-topic.md:6: topics[0]: the topic makes an address of 660 bytes (its letters take several "
    "bytes each in a web address); at most 200 are possible: shorten the topic",
    f"content/en/dashes.md:2: front matter {NESTED}",
    f"content/en/dashes-2kb.md:2: front matter {NESTED}",
    f"content/en/nested-flow.md:6: extra: the value {NESTED}",
    "content/en/dangling.md:1: is a link to 'nowhere.md', which does not exist: remove the link, or copy the "
    "file here",
    "content/en/loop-a.md:1: is a link that leads back to itself (a loop of links): remove the link, or copy "
    "the file here",
    "content/en/loop-b.md:1: is a link that leads back to itself (a loop of links): remove the link, or copy "
    "the file here",
    "content/en/pipe.md:1: is not a regular file (a pipe, a device or a socket): remove it, or save the content "
    "as a file",
    "content/en/upper.MD: the file name ends in .MD, so the file is not read as a document: rename it to end "
    "in .md",
    "content/en/mixed.Markdown: the file name ends in .Markdown, so the file is not read as a document: rename "
    "it to end in .md",
    "content/plans/2027.YAML: the file name ends in .YAML, so the plan is not read: rename it to end in .yaml",
    "content/plans/2028.yaml:6: the file contains the control character U+0001: delete it (column 15)",
    f"content/plans/2029.yaml:5: consultations[0].title.en: the text contains the control character U+001B "
    f"{YAML_ESCAPE}",
    # D. Messages
    "content/en/image-lines.md:7: file not found: content/en/missing.png; add the file or fix the path "
    "(relative to this document, or to the content folder when it starts with /)",
    "content/en/image-lines.md:13: file not found: content/en/missing.png; add the file or fix the path "
    "(relative to this document, or to the content folder when it starts with /)",
    "content/en/image-lines.md:11: image 'photo.jpg' has no text alternative: write ![what the image "
    "shows](file)",
    # A link to a file beside the document, without {attach}: the published page's folder has no such file.
    "content/en/image-lines.md:7: the link 'photo.jpg' names a file, which is published only when the link "
    "says so: write ({attach}photo.jpg)",
    f"content/en/{NFD_NAME}.md (written with a combining accent: U+0301):6: slug: {TWINS}",
    f"content/en/{NFC_NAME}.md:6: slug: {TWINS}",
    "content/en/wrong-body.md:6: body: 'report' is an outcome, but body must name a body",
    "content/en/far-closes.md:10: outcome: 'council' is a body, but outcome must name an outcome",
    "content/plans/2029.yaml:2: consultations[0].body: 'report' is an outcome, but body must name a body",
    # The two outcomes answer one draft (a site-wide check, reported on both).
    *(f"content/en/{name}.md:7: responds_to: 'far-closes' is answered by more than one 'en' outcome "
      "(content/en/report.md, content/en/report-file.md): a draft has one outcome in each language; merge them "
      "into one, or fix 'responds_to'" for name in ("report", "report-file")),
]


def _pelican(site: Path, *flags: str) -> subprocess.CompletedProcess:
    """The standard command, run where an editor would: beside the content folder."""
    return pelican_cli(site / "content", site / "output", site, *flags, fatal=False)


def _validate(site: Path) -> subprocess.CompletedProcess:
    return validate_cli(site / "content", site)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("messages")
    content = shutil.copytree(MESSAGES, site / "content")
    en = content / "en"
    (en / "dangling.md").symlink_to("nowhere.md")
    (en / "loop-a.md").symlink_to("loop-b.md")
    (en / "loop-b.md").symlink_to("loop-a.md")
    os.mkfifo(en / "pipe.md")  # reading it would wait for a writer for ever
    (en / f"{LONG_NAME}.md").write_text("---\ntitle: Long name\ntype: news\ndate: 2026-01-05\nsummary: A long "
                                        "file name.\n---\nText.\n", encoding="utf-8")
    (en / f"{NFC_NAME}.md").write_text(TWIN, encoding="utf-8")
    (en / f"{NFD_NAME}.md").write_text(TWIN, encoding="utf-8")
    return site


RUNS = {
    "pelican --fatal errors": lambda site: _pelican(site, "--fatal", "errors"),
    "pelican": lambda site: _pelican(site),
    "scripts/validate": _validate,
}
BUILDS = [name for name in RUNS if name.startswith("pelican")]


@pytest.fixture(scope="module")
def runs(site) -> dict:
    """Each command's run, made once on first use. Builds write to the same output folder one after
    the other; none may write a page."""
    done: dict[str, subprocess.CompletedProcess] = {}

    def run(name: str) -> subprocess.CompletedProcess:
        if name not in done:
            done[name] = RUNS[name](site)
        return done[name]

    return run


@pytest.mark.parametrize("name", list(RUNS))
def test_fails_without_traceback(runs, name):
    run = runs(name)
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr, run.stdout[-3000:] + run.stderr[-3000:]


@pytest.mark.parametrize("name", list(RUNS))
def test_reports_exactly_these_problems_together(runs, name):
    lines = problem_lines(runs(name))
    missing = [line for line in EXPECTED if line not in lines]
    extra = [line for line in lines if line not in EXPECTED]
    assert not missing and not extra, "missing:\n" + "\n".join(missing) + "\nextra:\n" + "\n".join(extra)
    assert len(lines) == len(EXPECTED)


@pytest.mark.parametrize("name", BUILDS)
def test_build_writes_no_page(runs, site, name):
    runs(name)
    assert not list((site / "output").rglob("*.html"))  # rglob finds nothing in a folder that does not exist


# --- the limits are safe downstream: everything at its bound builds, and is published


EDGE_DRAFT = """---
title: The last consultation of the range
type: draft
date: 2200-12-01
modified: 2200-12-31
summary: Opens and closes at the end of 2200, twelve days long.
body: oldest-council
topics: [{topic}]
consultation:
  opens: 2200-12-20
  closes: 2200-12-31
---
Text.
"""
EDGE_BODY = """---
title: The oldest council
type: body
date: 1900-01-01
summary: Established in the year 1000.
established: 1000-01-01
---
Text.
"""
EDGE_PROJECT = """---
title: The largest project
type: project
date: 1900-01-01
summary: A budget at the limit.
slug: {slug}
budget:
  amount: 1000000000000
  currency: EUR
funding:
  amount: 999999999999.99
  currency: TRY
---
Text.
"""
EDGE_PLAN = "consultations:\n  - body: oldest-council\n    quarter: 4\n    title:\n      en: The last plan\n"


def test_values_at_every_limit_build_and_publish(tmp_path):
    """Dates at 1900 and 2200 (established 1000), a trillion, a 100-letter slug and a topic whose slug
    is 198 bytes: time zones, the outcome's due day, feeds, calendars and Babel all cope."""
    topic, slug = "漢" * 66, "p" * 100
    en = tmp_path / "content" / "en"
    en.mkdir(parents=True)
    (en / "last-consultation.md").write_text(EDGE_DRAFT.format(topic=topic), encoding="utf-8")
    (en / "oldest-council.md").write_text(EDGE_BODY, encoding="utf-8")
    (en / "largest-project.md").write_text(EDGE_PROJECT.format(slug=slug), encoding="utf-8")
    (tmp_path / "content" / "plans").mkdir()
    (tmp_path / "content" / "plans" / "2200.yaml").write_text(EDGE_PLAN, encoding="utf-8")

    built = _pelican(tmp_path, "--fatal", "errors")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "Traceback" not in built.stdout + built.stderr
    # Konsulta's own warning (a consultation shorter than 20 days) is logged, and --fatal errors
    # leaves a warning a warning.
    assert "WARNING  content/en/last-consultation.md: the consultation lasts 12 days" in built.stdout + built.stderr
    output = tmp_path / "output"
    records = {r["slug"]: r for r in json.loads((output / "data" / "documents.json").read_text())["documents"]}
    assert records[slug]["details"]["budget"] == {"amount": 1000000000000, "currency": "EUR"}
    assert records["last-consultation"]["consultation"] == {"opens": "2200-12-20", "closes": "2200-12-31"}
    assert records["oldest-council"]["details"]["established"] == "1000-01-01"
    assert (output / "en" / slug / "index.html").is_file()
    assert (output / "en" / "topic" / topic / "index.html").is_file()
    assert "DTSTART;VALUE=DATE:22001231" in (output / "en" / "last-consultation" / "consultation.ics").read_text()
    assert (output / "en" / "plan" / "2200" / "index.html").is_file()

    checked = _validate(tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "warning: content/en/last-consultation.md: the consultation lasts 12 days" in checked.stderr


# --- Pelican's own error logs name the file and the cause


def test_pelican_error_log_gives_the_cause(tmp_path):
    """Pelican logs "Could not process en/x.md" without the exception unless DEBUG is set; the problem
    still names the error, and the file as every other problem does."""
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "en" / "x.md").write_text("---\n---\n", encoding="utf-8")
    problems = BuildProblems()
    logger = logging.getLogger("test_hostile_messages.pelican")
    handler = PelicanErrorLog(problems, str(content))
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("the reader failed")
        except ValueError:
            logger.exception("Could not process %s", "en/x.md", exc_info=False)  # as Pelican's generators do
    finally:
        logger.removeHandler(handler)
    assert [str(p) for p in problems.problems] == [
        f"{content / 'en' / 'x.md'}: Could not process en/x.md: ValueError: the reader failed"]
