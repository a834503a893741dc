"""No personal data published: a response's summary or reason holding an e-mail address, a phone number, a
national identity number with a right checksum or an IBAN is a build error naming file, row and column,
unless an editor marked the row reviewed; a published outcome needs a decision (and a reason) per response.
scripts/validate reports the same lines."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, build

from konsulta_content.problems import ContentErrors
from konsulta_outcomes.personal_data import (find_personal_data, is_iban, is_romanian_cnp,
                                             is_turkish_identity_number)
from konsulta_outcomes.plugin import regions_of_languages

# Made-up people. The identity numbers and IBANs are built to pass (or, one digit off, to fail) their
# checksums; the IBANs are the standard's published examples.
VALID = {
    "an e-mail address": "Write to arta.krasniqi@example.org for details.",
    "a phone number": "Call Arta on 044 123 456 after five.",
    "a Turkish identity number (T.C. Kimlik No)": "My number is 10000000146, please check.",
    "a Romanian personal numeric code (CNP)": "CNP 1800101123450 for the record.",
    "an IBAN": "Refund to TR33 0006 1005 1978 6457 8413 26 please.",
}
INVALID_CHECKSUMS = ["My number is 10000000147.", "CNP 1800101123456.", "Refund to TR33 0006 1005 1978 6457 8413 27.",
                     "Refund to DE89 3704 0044 0532 0130 01."]
NOT_PERSONAL = ["Law No. 05/L-031 of 2026-11-24, article 12, paragraph 3.",
                "The budget grows by 1 250 000 EUR in 2027 (from 2 400 000).",
                "See https://example.org/a@b and section 4.2.1."]


@pytest.mark.parametrize("kind", VALID)
def test_each_kind_of_personal_data_is_found(kind):
    assert [f.kind for f in find_personal_data(VALID[kind], ("XK", "AL", "TR", "RO"))] == [kind]


@pytest.mark.parametrize("text", INVALID_CHECKSUMS + NOT_PERSONAL)
def test_numbers_whose_checksum_fails_and_ordinary_numbers_are_not_taken_for_people(text):
    assert find_personal_data(text, ("XK", "AL", "TR", "RO")) == []


def test_checksums_as_their_issuers_define_them():
    assert is_turkish_identity_number("10000000146") and not is_turkish_identity_number("01000000146")
    assert is_romanian_cnp("1800101123450") and not is_romanian_cnp("1801301123450")  # no 13th month
    assert is_iban("GB82 WEST 1234 5698 7654 32") and not is_iban("GB82 WEST 1234 5698 7654 33")


def test_a_number_in_international_format_is_found_whatever_the_regions():
    found = find_personal_data("Reach me on +90 532 123 45 67.", ())
    assert [(f.kind, f.text) for f in found] == [("a phone number", "+90 532 123 45 67")]
    assert find_personal_data("Reach me on 0532 123 45 67.", ()) == []
    assert [f.kind for f in find_personal_data("Reach me on 0532 123 45 67.", ("TR",))] == ["a phone number"]


def test_regions_come_from_the_countries_of_the_sites_languages():
    assert regions_of_languages(["sq", "tr", "ro", "en"]) == ("AL", "XK", "TR", "MD", "RO")


OUTCOME = ("---\ntitle: Harbour rules, what we heard\ntype: outcome\ndate: {date}\nsummary: S.\nresponds_to: d\n"
           "responses: responses.csv\n---\n")
DRAFT = "---\ntitle: D\ntype: draft\ndate: 2026-01-01\nsummary: S.\nconsultation:\n  closes: 2026-02-01\n---\n"
HEADER = "section,submitter,summary,decision,reason,response_id,personal_data_reviewed\r\n"


def _site(tmp_path, rows: str, date: str = "2026-03-01"):
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "en" / "d.md").write_text(DRAFT, encoding="utf-8")
    (content / "en" / "o.md").write_text(OUTCOME.format(date=date), encoding="utf-8")
    (content / "en" / "responses.csv").write_text(HEADER + rows, encoding="utf-8")
    return content


def _build_problems(content, tmp_path) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        build(content, tmp_path / "output")
    return [_from_content(str(p)) for p in raised.value.problems]


def _from_content(line: str) -> str:
    """A problem line with its path from the content folder on (the fixture is outside the working folder)."""
    return line[line.index("content/"):]


def _validate_problems(content) -> list[str]:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate"), str(content)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    return [_from_content(line) for line in result.stderr.splitlines()[1:] if not line.startswith("warning: ")]


def test_personal_data_is_a_build_error_naming_file_row_and_column_and_validate_agrees(tmp_path):
    rows = ("scope,citizen,Fine as it is,accepted,,101,\r\n"
            "scope,citizen,Call me on +383 44 123 456,noted,Thanks,102,\r\n"
            ",ngo,Agree,rejected,Ask ana@example.org why,103,\r\n"
            ",business,Pay us to RO49 AAAA 1B31 0075 9384 0000,noted,No,104,\r\n"
            "fees,citizen,My CNP 1800101123450 and TC 10000000146,noted,Out of scope,105,\r\n")
    content = _site(tmp_path, rows)
    problems = _build_problems(content, tmp_path)
    where = "content/en/responses.csv"
    assert [p.split(": holds ")[0] for p in problems] == [
        f"{where}:3: responses[1].summary", f"{where}:4: responses[2].reason", f"{where}:5: responses[3].summary",
        f"{where}:6: responses[4].summary", f"{where}:6: responses[4].summary"]
    assert "holds a phone number (+3…56): personal data is never published" in problems[0]
    assert "ana@example.org" not in " ".join(problems), "the finding is masked: build logs may be public"
    assert _validate_problems(content) == problems


def test_a_reviewed_row_is_published_as_it_is(tmp_path):
    rows = ("scope,public-body,Write to the ministry at info@example.gov,accepted,,201,"
            "The ministry's published contact address\r\n")
    site = build(_site(tmp_path, rows), tmp_path / "output")
    published = (site / "en" / "o" / "responses.csv").read_text("utf-8")
    assert "info@example.gov" in published and "personal_data_reviewed" not in published
    assert published.splitlines()[0] == "section,submitter,summary,decision,reason,response_id"


def test_a_published_outcome_needs_decisions_and_reasons_and_an_upcoming_one_does_not(tmp_path):
    rows = "scope,citizen,Fine,,,301,\r\nscope,ngo,Too short,rejected,,302,\r\nscope,ngo,Good,accepted,,303,\r\n"
    problems = _build_problems(_site(tmp_path / "now", rows), tmp_path / "now")
    assert [p.split(": ", 1)[1] for p in problems] == [
        "responses[0].decision: the outcome is published (dated 2026-03-01): give the decision, one of accepted, "
        "partially-accepted, rejected, noted",
        "responses[1].reason: the outcome is published: say why the proposal was rejected"]
    site = build(_site(tmp_path / "later", rows, date="2027-01-15"), tmp_path / "later" / "output")
    assert "Not decided yet" in (site / "en" / "o" / "index.html").read_text("utf-8")


def test_a_response_id_appears_once(tmp_path):
    rows = "scope,citizen,One,accepted,,401,\r\nscope,citizen,Two,accepted,,401,\r\n"
    problems = _build_problems(_site(tmp_path, rows), tmp_path)
    assert problems == ["content/en/responses.csv:3: responses[1].response_id: '401' is also the id of response 1: "
                        "each response of the form service appears once (re-import merges by this id)"]
