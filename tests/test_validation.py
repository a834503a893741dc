"""Every kind of mistake in a document is reported with its file, line, field and what to do."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_site
from konsulta_content.problems import ContentErrors

INVALID = "tests/sites/invalid"

EXPECTED = [
    f'{INVALID}/en/bad-date.md:8: consultation.closes: "2026-13-01" is not a date (YYYY-MM-DD)',
    f"{INVALID}/en/missing-summary.md:1: summary: this field is required: add it to the front matter",
    f"{INVALID}/en/unknown-field.md:6: colour: unknown field: check its spelling, remove it, or declare it in KONSULTA['extra_fields']",
    f'{INVALID}/en/bad-type.md:3: type: "memo" is not one of: policy, strategy, draft, outcome, project, body, page, news',
    f"{INVALID}/en/dangling-body.md:6: body: no document has the slug 'no-such-body'",
    f"{INVALID}/en/missing-attachment.md:7: attachments[0].file: file not found: {INVALID}/en/annex.pdf",
    f"{INVALID}/en/broken-yaml.md:5: front matter is not valid YAML",
    f"{INVALID}/en/no-front-matter.md:1: no front matter: start the file with a line '---'",
    f'{INVALID}/en/bad-responses.md:12: responses[1].submitter: "John Smith" is not one of: citizen, ngo, business, public-body, academia',
    f'{INVALID}/en/bad-responses.md:14: responses[1].decision: "maybe" is not one of: accepted, partially-accepted, rejected, noted',
    f"{INVALID}/en/wrong-lang.md:4: lang: 'tr' does not match the language folder 'en'",
    f"{INVALID}/en/Bad Name.md:1: the file name 'Bad Name' is not a slug",
    f"{INVALID}/en/python-tag.md:2: title: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    f"{INVALID}/en/latin1.md:2: the file is not UTF-8 text: save it again with UTF-8 encoding",
    f'{INVALID}/en/topics-not-list.md:6: topics: expected a list, got text "Transparency"',
    f"{INVALID}/en/superseded-alone.md:1: superseded_by: this field is required",
    f"{INVALID}/de/orphan.md:1: the language is unknown: put the file in a language folder (tr, ro, sq, sr, en) or set 'lang'",
    f'{INVALID}/en/http-form.md:8: consultation.form: "http://forms.example.org/x" is not a web address starting with https://',
    f"{INVALID}/en/image-no-alt.md:9: image 'photo.jpg' has no text alternative",
    f"{INVALID}/en/image-no-alt.md:9: file not found: {INVALID}/en/photo.jpg; add the file or fix the path",
    # Written by `scripts/new news en untouched-scaffold` and left as it was.
    f"{INVALID}/en/untouched-scaffold.md:14: summary: still holds the placeholder '[REPLACE: one or two sentences "
    "that say what this news is about, in en]' that `konsulta new` (scripts/new) wrote: replace it with your own text",
    f"{INVALID}/en/untouched-scaffold.md:33: still holds the placeholder '[REPLACE: the text of the news, in en]' "
    "that `konsulta new` (scripts/new) wrote: replace it with the document's text",
]
EXPECTED.append(f"{INVALID}/en/broken-link.md:7: the link '../bad-dates/' leads to /en/bad-dates/, but no 'en' "
                "document has the slug 'bad-dates': did you mean '../bad-date/'?")


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """The invalid fixture built with the standard Pelican command, as an editor would."""
    output = tmp_path_factory.mktemp("invalid") / "output"
    return subprocess.run(
        [sys.executable, "-m", "pelican", INVALID, "-s", "pelicanconf.py", "-o", str(output), "--fatal", "errors"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_invalid_site_fails_with_non_zero_status(cli_run):
    assert cli_run.returncode != 0


@pytest.mark.parametrize("expected", EXPECTED, ids=[e.split(":")[0].split("/")[-1] + ":" + e.split(":")[1] for e in EXPECTED])
def test_each_problem_is_reported_with_file_line_and_fix(cli_run, expected):
    lines = cli_run.stderr.splitlines()
    assert any(line.startswith(expected) for line in lines), f"not reported: {expected}\n---\n{cli_run.stderr}"


def test_all_problems_are_reported_together_and_nothing_else(cli_run):
    heading = next(line for line in cli_run.stderr.splitlines() if line.startswith("Konsulta found"))
    assert heading == f"Konsulta found {len(EXPECTED)} problems in the content:"
    assert "Traceback" not in cli_run.stderr


def test_invalid_site_writes_no_pages(cli_run):
    output = Path(cli_run.args[cli_run.args.index("-o") + 1])
    assert list(output.rglob("*.html")) == []


def _problems_of(tmp_path, files: dict[str, str], **settings) -> list[str]:
    content = tmp_path / "content"
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(content, tmp_path / "output", **settings)
    return [str(p) for p in raised.value.problems]


def test_duplicate_slug_in_one_language_names_both_files(tmp_path):
    page = """
    ---
    title: A
    type: page
    date: 2026-01-01
    summary: A page.
    slug: same
    ---
    """
    problems = _problems_of(tmp_path, {"en/one.md": page, "en/two.md": page})
    assert sum("the slug 'same' is used by more than one 'en' document" in p for p in problems) == 2


def test_translations_must_share_slug_and_type(tmp_path):
    problems = _problems_of(tmp_path, {
        "en/annual-plan.md": "---\ntitle: Plan\ntype: page\ndate: 2026-01-01\nsummary: S.\n---\n",
        "tr/annual-plan.md": "---\ntitle: Plan\ntype: news\ndate: 2026-01-01\nsummary: S.\nslug: yillik-plan\n---\n",
    })
    assert any("translations of 'annual-plan' have different slugs" in p for p in problems)
    assert any("translations of 'annual-plan' have different types" in p for p in problems)


def test_reference_to_wrong_type_is_an_error(tmp_path):
    problems = _problems_of(tmp_path, {
        "en/a-page.md": "---\ntitle: P\ntype: page\ndate: 2026-01-01\nsummary: S.\n---\n",
        "en/news.md": "---\ntitle: N\ntype: news\ndate: 2026-01-01\nsummary: S.\nbody: a-page\n---\n",
    })
    assert problems == [f"{tmp_path.relative_to(ROOT) if tmp_path.is_relative_to(ROOT) else tmp_path}/content/en/news.md:6: "
                        "body: 'a-page' is a page, but body must name a body"]


def test_extra_fields_declared_in_settings_are_accepted(tmp_path):
    files = {"en/p.md": "---\ntitle: P\ntype: page\ndate: 2026-01-01\nsummary: S.\nsector: health\nbad: 1\n---\n"}
    konsulta = {"languages": ["en"], "extra_fields": {"sector": {"type": "string"}}}
    problems = _problems_of(tmp_path, files, KONSULTA=konsulta)
    assert len(problems) == 1 and "bad: unknown field" in problems[0]


def test_responses_file_rows_are_checked_where_they_stand(tmp_path):
    problems = _problems_of(tmp_path, {
        "en/d.md": "---\ntitle: D\ntype: draft\ndate: 2026-01-01\nsummary: S.\nconsultation:\n  closes: 2026-02-01\n---\n",
        "en/o.md": "---\ntitle: O\ntype: outcome\ndate: 2026-03-01\nsummary: S.\nresponds_to: d\nresponses: o.csv\n---\n",
        "en/o.csv": "section,submitter,summary,decision,reason\nScope,citizen,Fine,accepted,Yes\nScope,ngo,Bad,accept,No\n",
    })
    assert len(problems) == 1
    assert problems[0].endswith('/content/en/o.csv:3: responses[1].decision: "accept" is not one of: '
                                "accepted, partially-accepted, rejected, noted")


def test_minimal_valid_site_builds(minimal_site):
    assert (minimal_site / "en" / "parking-rules" / "index.html").is_file()


def test_copy_of_valid_site_with_one_broken_file_fails_only_for_that_file(tmp_path):
    content = copy_site("minimal", tmp_path / "content")
    target = content / "en" / "parking-rules.md"
    target.write_text(target.read_text(encoding="utf-8").replace("closes: 2026-12-15", "closes: 15.12.2026"), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(content, tmp_path / "output")
    assert [p.field for p in raised.value.problems] == ["consultation.closes"]
    assert raised.value.problems[0].line == 10


DRAFT = "---\ntitle: D\ntype: draft\ndate: 2026-01-01\nsummary: S.\nconsultation:\n  closes: 2026-02-01\n---\n"


def test_responses_yaml_file_rows_report_their_own_lines(tmp_path):
    problems = _problems_of(tmp_path, {
        "en/d.md": DRAFT,
        "en/o.md": "---\ntitle: O\ntype: outcome\ndate: 2026-03-01\nsummary: S.\nresponds_to: d\nresponses: o.yaml\n---\n",
        "en/o.yaml": "- submitter: citizen\n  summary: Fine\n  decision: noted\n  reason: Thanks\n"
                     "- submitter: ngo\n  summary: Bad\n  decision: noted\n",
    })
    assert len(problems) == 1
    # A published outcome's decisions need reasons (konsulta_outcomes.checks), reported on the row's line.
    assert problems[0].endswith("/content/en/o.yaml:5: responses[1].reason: the outcome is published: "
                                "say why the proposal was noted")


def test_empty_section_cell_in_csv_means_a_general_response(tmp_path, minimal_site):
    content = copy_site("minimal", tmp_path / "content")
    outcome = content / "en" / "parking-outcome.md"
    text = outcome.read_text("utf-8")
    outcome.write_text(text[: text.index("responses:")] + "responses: r.csv\n---\nText.\n", encoding="utf-8")
    (content / "en" / "r.csv").write_text("section,submitter,summary,decision,reason\n,citizen,A,noted,B\n", encoding="utf-8")
    output = build(content, tmp_path / "output")
    assert "General" in (output / "en/parking-outcome/index.html").read_text("utf-8")


def test_consultation_must_open_before_it_closes(tmp_path):
    problems = _problems_of(tmp_path, {"en/d.md": DRAFT.replace("consultation:\n", "consultation:\n  opens: 2026-03-01\n")})
    assert [p.split(": ", 1)[1] for p in problems] == [
        "consultation.opens: is after the closing date: a consultation must open before it closes"]


def test_draft_outcome_and_outcome_responds_to_must_agree(tmp_path):
    problems = _problems_of(tmp_path, {
        "en/d.md": DRAFT.replace("---\n\n", "").replace("closes: 2026-02-01\n", "closes: 2026-02-01\noutcome: o\n"),
        "en/other.md": DRAFT,
        "en/o.md": "---\ntitle: O\ntype: outcome\ndate: 2026-03-01\nsummary: S.\nresponds_to: other\nresponses: []\n---\n",
    })
    assert len(problems) == 1 and "outcome: 'o' answers 'other', not this draft" in problems[0]


def test_amount_written_with_a_decimal_comma_gets_a_specific_message(tmp_path):
    problems = _problems_of(tmp_path, {"en/p.md": "---\ntitle: P\ntype: project\ndate: 2026-01-01\nsummary: S.\n"
                                                  "budget:\n  amount: 70.684,50\n  currency: EUR\n---\n"})
    assert problems[0].endswith('budget.amount: "70.684,50" is not an amount: write digits with a decimal point, e.g. 70684.50')


def test_body_images_must_exist_and_are_published(tmp_path):
    problems = _problems_of(tmp_path, {"en/n.md": "---\ntitle: N\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\n"
                                                  "![Map of the zones](missing.png)\n"})
    assert len(problems) == 1 and "missing.png; add the file or fix the path" in problems[0]
    content = tmp_path / "content"
    (content / "en" / "missing.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    output = build(content, tmp_path / "output")
    assert 'src="../../files/en/missing.png"' in (output / "en/n/index.html").read_text("utf-8")
    assert (output / "files" / "en" / "missing.png").read_bytes() == b"\x89PNG\r\n\x1a\n"


# --- every problem of a file in one run: the build and scripts/validate alike


def _build_and_validate(tmp_path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """The problem lines of an in-process build and of scripts/validate on the same content, and the
    warning lines of scripts/validate."""
    content = tmp_path / "content"
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(content, tmp_path / "output")
    checked = subprocess.run([sys.executable, "scripts/validate", str(content)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    validated = [line for line in checked.stderr.splitlines()[1:] if not line.startswith("warning: ")]
    assert validated == [str(p) for p in raised.value.problems]
    return validated


BOARD = "---\ntitle: Board\ntype: body\ndate: 2026-01-01\nsummary: The board.\n---\n"


def test_a_missing_attachment_is_reported_with_the_front_matter_mistakes(tmp_path):
    problems = _build_and_validate(tmp_path, {"en/board.md": BOARD, "en/rules.md": """
        ---
        title: Rules
        type: draft
        date: 2026-11-20
        summary: Rules.
        colour: blue
        consultation:
          closes: 2026-13-20
          form: https://forms.elsewhere.example/x
        attachments:
          - file: annex.pdf
            title: Annex
          - file: 42
            title: Map
        ---
        Text.
    """})
    fields = [p.split(": ")[1] for p in problems]
    assert fields == ["colour", "consultation.closes", "attachments[0].file", "attachments[1].file"]
    assert "attachments[0].file: file not found:" in problems[2] and "en/annex.pdf" in problems[2]
    assert problems[3].endswith("attachments[1].file: expected text, got a number 42")  # not followed as a path


def test_a_comment_form_is_checked_whatever_else_is_wrong_with_the_draft(tmp_path):
    problems = _build_and_validate(tmp_path, {"en/rules.md": """
        ---
        title: Rules
        type: draft
        date: 2026-11-20
        summary: Rules.
        colour: blue
        consultation:
          closes: 2026-12-20
          form: https://forms.elsewhere.example/x
        ---
        Text.
    """})
    assert [p.split(": ")[1] for p in problems] == ["colour", "consultation.form"]
    assert "'forms.elsewhere.example' is not an allowed comment form host" in problems[1]


def test_schema_error_missing_attachment_and_broken_link_of_one_file_are_reported_together(tmp_path):
    problems = _build_and_validate(tmp_path, {"en/board.md": BOARD, "en/rules.md": """
        ---
        title: Rules
        type: news
        date: 2026-11-20
        summary: Rules.
        colour: blue
        attachments:
          - file: annex.pdf
            title: Annex
        ---
        The [board](../bord/) adopted them.
    """})
    assert [p.split(": ", 1)[0].split("/content/")[1] for p in problems] == ["en/rules.md:6", "en/rules.md:8",
                                                                            "en/rules.md:11"]
    assert "colour: unknown field" in problems[0] and "attachments[0].file: file not found" in problems[1]
    assert problems[2].endswith("the link '../bord/' leads to /en/bord/, but no 'en' document has the slug 'bord': "
                                "did you mean '../board/'?")


LINKS = """
    ---
    title: Links
    type: news
    date: 2026-11-20
    summary: Links to pages of the site.
    ---
    ## Links {#links}

    Fine: [board](../board/), [its changes](../board/changes/), [its feed](../board/feed.atom.xml),
    [Turkish board](../../tr/kurul/), [root-relative](/en/board/#duties), [heading as GitHub writes it](../board/#görevler),
    [consultations](../consultations/), [search](../search/), [home](../), [root](../../), [this page](#links),
    [the feeds](../../feeds/), [elsewhere](https://example.org/no-such-page/), [mail](mailto:board@example.org).

    Broken: [typo](../bard/)
    [no translation](../kurul/)
    [nested](board/)
    [anchor](../board/#dutie)
    [no anchor](../board/#nothing-like-it)
    [again](../bard/)
"""


def test_links_to_pages_that_do_not_exist_are_errors_with_the_nearest_address(tmp_path):
    problems = _build_and_validate(tmp_path, {
        "en/board.md": BOARD + "## Duties\n\nIt meets.\n",
        "tr/kurul.md": "---\ntitle: Kurul\ntype: body\ndate: 2026-01-01\nsummary: Kurul.\n---\n## Görevler\n",
        "en/links.md": LINKS.replace("#görevler", "#duties"),
        "tr/links.md": "---\ntitle: L\ntype: news\ndate: 2026-11-20\nsummary: L.\n---\n[GitHub id](../kurul/#görevler)\n",
    })
    where = [p.split("/content/")[1].split(": ", 1) for p in problems]
    assert where == [
        ["en/links.md:14", "the link '../bard/' leads to /en/bard/, but no 'en' document has the slug 'bard': "
                           "did you mean '../board/'?"],
        ["en/links.md:15", "the link '../kurul/' leads to /en/kurul/, but 'kurul' has no 'en' version (it is in tr): "
                           "link another language's ('../../tr/kurul/'), or write the translation"],
        ["en/links.md:16", "the link 'board/' leads to /en/links/board/, which this site does not have (the page of "
                           "'links' has no 'board'): a document's page is a folder, so another document is '../board/'"],
        ["en/links.md:17", "the link '../board/#dutie' leads to /en/board/, which has no heading or anchor with the "
                           "id 'dutie': did you mean '#duties'?"],
        ["en/links.md:18", "the link '../board/#nothing-like-it' leads to /en/board/, which has no heading or anchor "
                           "with the id 'nothing-like-it': link an id that page has (its contents list links to each "
                           "heading's)"],
        ["en/links.md:19", "the link '../bard/' leads to /en/bard/, but no 'en' document has the slug 'bard': "
                           "did you mean '../board/'?"],
    ]


def test_a_link_to_a_file_beside_the_document_must_say_attach(tmp_path):
    problems = _build_and_validate(tmp_path, {
        "en/n.md": "---\ntitle: N\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\nSee [the annex](annex.pdf).\n",
        "en/annex.pdf": "%PDF-1.4\n",
        "en/m.md": "---\ntitle: M\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\nAs [the notice](n.md) says.\n",
    })
    assert [p.split("/content/")[1] for p in problems] == [
        "en/m.md:7: the link 'n.md' names the document's file, not its page: write ({filename}n.md), which leads "
        "to its page",
        "en/n.md:7: the link 'annex.pdf' names a file, which is published only when the link says so: "
        "write ({attach}annex.pdf)"]
    (tmp_path / "content" / "en" / "m.md").write_text(
        "---\ntitle: M\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\nAs [the notice]({filename}n.md) says.\n", "utf-8")
    (tmp_path / "content" / "en" / "n.md").write_text(
        "---\ntitle: N\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\nSee [the annex]({attach}annex.pdf).\n", "utf-8")
    output = build(tmp_path / "content", tmp_path / "output")
    assert 'href="../../files/en/annex.pdf"' in (output / "en/n/index.html").read_text("utf-8")


def test_a_link_to_an_earlier_address_names_where_the_document_is_now(tmp_path):
    problems = _build_and_validate(tmp_path, {
        "en/board.md": BOARD.replace("summary:", "aliases: [/en/old-board/]\nsummary:"),
        "en/n.md": "---\ntitle: N\ntype: news\ndate: 2026-01-01\nsummary: S.\n---\nThe [board](../old-board/).\n",
    })
    assert [p.split("/content/")[1] for p in problems] == [
        "en/n.md:7: the link '../old-board/' leads to /en/old-board/, an earlier address of 'board': link where it "
        "is now ('../board/')"]


# --- warnings: reported by the build and scripts/validate alike, and the build goes on


def _warnings_of(tmp_path, files: dict[str, str]) -> list[str]:
    """The warning lines of scripts/validate, once they are checked to be the build's (which succeeds)."""
    content = tmp_path / "content"
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    checked = subprocess.run([sys.executable, "scripts/validate", str(content)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    warnings = [line.removeprefix("warning: ") for line in checked.stderr.splitlines()]
    built = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o",
                            str(tmp_path / "output"), "--fatal", "errors"], cwd=ROOT, capture_output=True, text=True,
                           timeout=300, env={**os.environ, "COLUMNS": "1000"})  # Pelican's log wraps at the width
    assert built.returncode == 0, built.stderr
    assert all(warning in built.stdout for warning in warnings), built.stdout
    # The documents' warnings; the site-wide ones (such as a comment form without a privacy notice) name no file.
    return [w.split("/content/", 1)[1] for w in warnings if "/content/" in w]


def draft(date: str, closes: str, opens: str | None = None) -> str:
    period = (f"  opens: {opens}\n" if opens else "") + f"  closes: {closes}\n"
    return f"---\ntitle: D\ntype: draft\ndate: {date}\nsummary: S.\nconsultation:\n{period}---\nText.\n"


def test_a_consultation_over_before_its_draft_was_published_is_a_warning(tmp_path):
    warnings = _warnings_of(tmp_path, {
        "en/typo.md": draft("2026-11-20", opens="2025-11-20", closes="2025-12-20"),
        "en/archive.md": draft("2019-03-01", opens="2019-03-01", closes="2019-04-30"),  # long closed: no warning
        "en/on-time.md": draft("2026-11-20", opens="2026-11-20", closes="2026-12-20"),
    })
    assert warnings == ["en/typo.md:8: consultation.closes: the consultation closed on 2025-12-20, before the draft "
                        "was published on 2026-11-20 ('date'): nobody could comment; check the years of "
                        "'consultation.opens', 'consultation.closes' and 'date'"]


def test_without_opens_a_consultation_closing_before_its_date_is_an_error(tmp_path):
    problems = _problems_of(tmp_path, {"en/d.md": draft("2026-11-20", closes="2025-12-20")})
    assert [p.split("/content/")[1] for p in problems] == [
        "en/d.md:7: consultation.closes: is before 'date' (2026-11-20), the day the consultation opens when 'opens' "
        "is not given: a consultation must open before it closes; fix the year, or set 'opens'"]


def page(title: str, topics: str) -> str:
    return f"---\ntitle: {title}\ntype: page\ndate: 2026-01-01\nsummary: S.\ntopics: [{topics}]\n---\nText.\n"


def test_topics_in_another_language_than_the_document_are_a_warning(tmp_path):
    warnings = _warnings_of(tmp_path, {
        "en/access.md": page("Access", "Transparency, GDPR"),
        "en/budget.md": page("Budget", "Transparency"),
        "en/lobbying.md": page("Lobbying", "Transparency"),
        "en/rights.md": page("Rights", "Right to information"),
        "en/harbour.md": page("Harbour", "Liman"),
        # A translation that kept the English topics; the acronym is the same in every language.
        "tr/access.md": page("Erişim", "Transparency, GDPR"),
        "tr/butce.md": page("Bütçe", "Şeffaflık"),
        # The translation of the only English document with this topic: which of the two is the word of
        # its language cannot be told, so neither is warned about.
        "tr/rights.md": page("Haklar", "Right to information"),
        # One document against one: either may have the other's word, so neither is warned about.
        "tr/liman.md": page("Liman", "Liman"),
    })
    assert warnings == [
        "tr/access.md:6: topics[0]: 'Transparency' is a topic of 'en' documents, and no other 'tr' document has it: "
        "write the topic in this document's language ('tr' topics so far: GDPR, Liman, Right to information, Şeffaflık), "
        "so that it lists the document with the 'tr' documents on the subject; if the word is the same in 'tr', keep it",
    ]
