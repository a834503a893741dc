"""`konsulta import-responses`: a form service's export into an outcome's responses file.

Only four things are copied from each row of the export: the section (the hidden field the comment link
filled), the submitter's category, the proposal and the service's response id. Decision and reason are
left empty for the editors. Everything else is dropped, and columns that identify a person are never
copied, even when named as a field. Importing again merges by response id: rows already in the file
(and whatever the editors wrote in them) stay as they are.

Export layouts and sources: docs/form-services.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from konsulta_content.documents import OPTIONAL_RESPONSE_COLUMNS, RESPONSE_COLUMNS
from konsulta_content.spreadsheets import csv_table, written_text
from konsulta_outcomes.personal_data import find_personal_data

# The names the theme shows for the default categories (theme/templates/components/submitter-name.html),
# looked up in the outcome's language catalogue; a site's own categories are named by themselves.
CATEGORY_NAMES = {"citizen": "Citizen", "ngo": "Civil society organisation", "business": "Business",
                  "public-body": "Public body", "academia": "Academia"}


@dataclass(frozen=True)
class ExportLayout:
    """A service's export: the column holding its response id, and the columns it adds that identify a
    person (beyond those any export may have, IDENTIFYING)."""

    label: str
    response_id: str
    identifying: tuple[str, ...] = ()
    spreadsheet_only: bool = False  # exports no CSV: read its .xlsx


LAYOUTS = {
    "limesurvey": ExportLayout("LimeSurvey", "id", ("ipaddr", "refurl", "token", "firstname", "lastname", "email")),
    "kobotoolbox": ExportLayout("KoboToolbox", "_id", ("_submitted_by", "username", "deviceid", "phonenumber",
                                                        "simserial", "subscriberid", "imei")),
    "formbricks": ExportLayout("Formbricks", "Response ID", ("User ID", "Formbricks ID (internal)", "Verified Email")),
    "eusurvey": ExportLayout("EUSurvey", "Contribution Id", ("Invitation Number", "User Name"), spreadsheet_only=True),
    "typeform": ExportLayout("Typeform", "#", ("Network ID",)),
    "google_forms": ExportLayout("Google Forms", "Timestamp", ("Email Address", "Email address")),
    "microsoft_forms": ExportLayout("Microsoft Forms", "ID", ("Email", "Name"), spreadsheet_only=True),
}
ALIASES = {"enketo": "kobotoolbox", "odk": "kobotoolbox", "google-forms": "google_forms",
           "microsoft-forms": "microsoft_forms", "ms_forms": "microsoft_forms"}

# Column names that identify a person in any export, in the site's languages too (name, e-mail, phone,
# address, IP, user/contact/invitation ids, and free "about you" questions).
IDENTIFYING = re.compile(
    r"(?i)(\bnames?\b|(?:full|first|last|sur|user|display|given|family)[ _-]?name|e-?mail|\bip\b|ip ?addr|\buser\b|user ?(id|name)"
    r"|invitation|\btoken\b|contact|network ?id|phone|mobile|telephone|postal|street|\baddress\b|about you"
    r"|date of birth|birthday|\bemri\b|mbiemri|\badresa\b|e-posta|\bad soyad|\bsoyad|\bnume\b"
    r"|prenume|telefon|\badres)")


class ResponsesImportError(Exception):
    """Something the editor must fix before anything is written; the message says what."""


@dataclass
class Report:
    added: int = 0
    merged: int = 0
    skipped: list[str] = field(default_factory=list)  # "row 7: why"
    dropped: list[str] = field(default_factory=list)  # column names
    identifying: list[str] = field(default_factory=list)  # of those, the ones that identify a person
    missing: list[str] = field(default_factory=list)  # response ids in the file, no longer in the export
    notes: list[str] = field(default_factory=list)
    created: bool = False
    path: Path | None = None

    def lines(self) -> list[str]:
        where = f"{self.path} (created)" if self.created else str(self.path)
        found = [f"Responses written to {where}",
                 f"  rows added: {self.added}",
                 f"  rows merged (already in the file, kept as they are): {self.merged}",
                 f"  rows skipped: {len(self.skipped)}"]
        found += [f"    {reason}" for reason in self.skipped]
        found.append(f"  columns dropped: {len(self.dropped)}")
        found += [f"    {name}{' (identifies a person)' if name in self.identifying else ''}" for name in self.dropped]
        if self.missing:
            found.append(f"  in the file but no longer in the export (kept; delete a row if its response was "
                         f"withdrawn): {', '.join(self.missing)}")
        found += [f"  note: {note}" for note in self.notes]
        return found


def layout_of(service: str) -> ExportLayout:
    name = ALIASES.get(service, service)
    if name not in LAYOUTS:
        raise ResponsesImportError(f"--service {service!r}: give one of {', '.join(LAYOUTS)}")
    return LAYOUTS[name]


# --- reading an export

def read_export(path: Path, layout: ExportLayout) -> tuple[list[str], list[list[str]], int]:
    """(header, rows, line or row number of the header) of a CSV or XLSX export."""
    if not path.is_file():
        raise ResponsesImportError(f"{path}: no such file")
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if layout.spreadsheet_only:
        raise ResponsesImportError(f"{path}: {layout.label} exports no CSV: export the responses as Excel (.xlsx) and "
                           "import that file")
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise ResponsesImportError(f"{path}: give the export as .csv or .xlsx")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResponsesImportError(f"{path}: not UTF-8 text: export it again as UTF-8 CSV") from None
    first_line = text.split("\n", 1)[0]
    # KoboToolbox writes ";" between cells by default; others ",". The header line says which.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ResponsesImportError(f"{path}: the export is empty")
    return rows[0], rows[1:], 1


def _read_xlsx(path: Path) -> tuple[list[str], list[list[str]], int]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ResponsesImportError(f"{path}: not an Excel workbook ({error})") from None
    sheet = book.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    # EUSurvey may put a title above the table: the header is the first row with three or more cells.
    for index, row in enumerate(rows):
        if sum(1 for cell in row if cell) >= 3:
            return row, [r for r in rows[index + 1:] if any(r)], index + 1
    raise ResponsesImportError(f"{path}: found no header row in the first sheet")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_column(header: list[str], name: str, option: str) -> int:
    """The index of the column ``name`` names: its heading as written, or a question's code or id as
    services write it inside a heading (KoboToolbox group/name, EUSurvey "Title (alias)", Formbricks "3. Title")."""
    exact = [i for i, h in enumerate(header) if h == name] or [i for i, h in enumerate(header) if h.casefold() == name.casefold()]
    if not exact:
        pattern = re.compile(rf"(?i)(?:^|/){re.escape(name)}$|\({re.escape(name)}\)$|^\d+\.\s*{re.escape(name)}$")
        exact = [i for i, h in enumerate(header) if pattern.search(h)]
    if len(exact) == 1:
        return exact[0]
    shown = ", ".join(repr(h) for h in header)
    if not exact:
        raise ResponsesImportError(f"{option} {name!r}: the export has no such column; its columns are {shown}")
    raise ResponsesImportError(f"{option} {name!r}: several columns match ({', '.join(repr(header[i]) for i in exact)}): "
                       "give the whole column name")


def is_identifying(column: str, layout: ExportLayout) -> bool:
    return column in layout.identifying or column.casefold() in {c.casefold() for c in layout.identifying} \
        or bool(IDENTIFYING.search(column))


# --- categories

def category_labels(categories, lang: str, translations_dir: Path, extra: str | None) -> dict[str, str]:
    """label -> category: each category's name in ``lang`` (the theme's catalogue, as pages show it), the
    category itself, and the --category-map pairs. Labels are matched regardless of case."""
    from konsulta_i18n.catalogues import translations_for

    catalogue = translations_for(translations_dir, lang)
    labels = {}
    for category in categories:
        labels[category] = category
        if category in CATEGORY_NAMES:
            labels[catalogue.ugettext(CATEGORY_NAMES[category])] = category
    for pair in (extra or "").split(","):
        if not pair.strip():
            continue
        label, _, category = pair.rpartition("=")
        if not label.strip() or category.strip() not in categories:
            raise ResponsesImportError(f"--category-map {pair.strip()!r}: write LABEL=category, with a category of "
                               f"{', '.join(categories)}")
        labels[label.strip()] = category.strip()
    return labels


# --- the outcome and its responses file

@dataclass
class Outcome:
    path: Path
    lang: str
    slug: str
    responds_to: str | None
    responses: str | None  # the file named by `responses:`, if any


def read_outcome(path: Path, languages) -> Outcome:
    from konsulta_content.frontmatter import FrontMatterError, parse

    if not path.is_file():
        raise ResponsesImportError(f"--outcome {path}: no such file")
    try:
        fields = parse(path.read_text("utf-8-sig")).data
    except (FrontMatterError, UnicodeDecodeError) as error:
        raise ResponsesImportError(f"--outcome {path}: cannot read its front matter ({getattr(error, 'message', error)}): "
                           "run make validate") from None
    if not isinstance(fields, dict) or fields.get("type") != "outcome":
        raise ResponsesImportError(f"--outcome {path}: not an outcome (its front matter says type: "
                           f"{fields.get('type') if isinstance(fields, dict) else None!r})")
    lang = fields.get("lang") or path.parent.name
    if lang not in languages:
        raise ResponsesImportError(f"--outcome {path}: give an outcome inside a language folder ({', '.join(languages)})")
    responses = fields.get("responses")
    if isinstance(responses, list):
        raise ResponsesImportError(f"--outcome {path}: its responses are written in the front matter: move them to a "
                           "CSV file beside it (responses: NAME.csv) to import into it")
    if isinstance(responses, str) and not responses.endswith(".csv"):
        raise ResponsesImportError(f"--outcome {path}: responses: {responses} is not a CSV file: import writes CSV")
    if isinstance(responses, str) and ("/" in responses or "\\" in responses):
        raise ResponsesImportError(f"--outcome {path}: responses: {responses}: import writes only a file beside the outcome")
    return Outcome(path, lang, fields.get("slug") or path.stem, fields.get("responds_to"),
                   responses if isinstance(responses, str) else None)


def add_responses_field(path: Path, name: str) -> None:
    """Adds `responses: NAME` as the front matter's last field, leaving every other line as it is."""
    text = path.read_text("utf-8-sig")
    lines = text.splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "..."))
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    lines.insert(end, f"responses: {name}{newline}")
    path.write_text("".join(lines), encoding="utf-8")


def read_existing(path: Path) -> tuple[list[str], list[dict]]:
    if not path.is_file():
        return [], []
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        rows = [{k: written_text((v or "").strip()) for k, v in row.items() if k is not None} for row in reader]
        return list(reader.fieldnames or []), rows


def section_names(content_root: Path, outcome: Outcome, config) -> dict[str, str]:
    """The answered draft's heading ids -> their text, so a section id from the comment link becomes the
    heading readers know ("scope" -> "Scope"); empty when the draft cannot be found."""
    from konsulta_content.loading import read_document

    if not outcome.responds_to:
        return {}
    for path in sorted((content_root / outcome.lang).glob("*.md")):
        if path.stem != outcome.responds_to and f"slug: {outcome.responds_to}" not in path.read_text("utf-8", "replace"):
            continue
        doc = read_document(path, content_root, config)
        if doc.slug == outcome.responds_to and doc.type == "draft":
            return {h.id: h.text for h in doc.headings if h.id}
    return {}


# --- the import

def import_responses(export: Path, service: str, outcome_path: Path, *, section_field: str, category_field: str,
                     text_field: str, category_map: str | None, settings: dict) -> Report:
    from konsulta_content.config import load_config

    config = load_config(settings)
    layout = layout_of(service)
    outcome = read_outcome(outcome_path, config.languages)
    content_root = outcome_path.parent.parent
    header, rows, header_line = read_export(export, layout)

    fields = {"--section-field": section_field, "--category-field": category_field, "--text-field": text_field}
    columns = {option: find_column(header, name, option) for option, name in fields.items()}
    columns["response id"] = find_column(header, layout.response_id, f"the {layout.label} response id column")
    for option, index in columns.items():
        if option != "response id" and is_identifying(header[index], layout):
            raise ResponsesImportError(f"{option} {header[index]!r}: this column identifies a person and is never copied; "
                               "name the column that holds the section, the category or the proposal")
    labels = category_labels(config.submitter_categories, outcome.lang, Path(settings["THEME"]) / "translations",
                             category_map)
    by_label = {label.casefold(): category for label, category in labels.items()}
    sections = section_names(content_root, outcome, config)

    report = Report()
    used = set(columns.values())
    report.dropped = [h for i, h in enumerate(header) if i not in used and h]
    report.identifying = [h for h in report.dropped if is_identifying(h, layout)]

    imported, unknown = [], {}
    for offset, row in enumerate(rows, start=1):
        row = row + [""] * (len(header) - len(row))
        where = f"row {header_line + offset}"
        identifier, text = row[columns["response id"]], row[columns["--text-field"]]
        label, section = row[columns["--category-field"]], row[columns["--section-field"]]
        if not identifier:
            report.skipped.append(f"{where}: no response id in {header[columns['response id']]!r}")
        elif not text:
            report.skipped.append(f"{where} (response {identifier}): no proposal in {header[columns['--text-field']]!r}")
        elif label.casefold() not in by_label:
            unknown.setdefault(label, where)
        else:
            imported.append({"section": sections.get(section, section), "submitter": by_label[label.casefold()],
                             "summary": text, "decision": "", "reason": "", "response_id": identifier})
    if unknown:
        names = sorted((label for label, category in labels.items() if label != category), key=str.casefold)
        first = ", ".join(f"{label!r} ({where})" for label, where in unknown.items())
        raise ResponsesImportError(f"{header[columns['--category-field']]!r}: unknown categories {first}; known names in "
                           f"{outcome.lang} are {', '.join(names)} (or the categories themselves: "
                           f"{', '.join(config.submitter_categories)}); add others with --category-map "
                           "\"LABEL=category,...\". Nothing was written.")

    name = outcome.responses or f"{outcome.slug}-responses.csv"
    target = outcome_path.parent / name
    if not target.resolve().is_relative_to(content_root.resolve()):
        raise ResponsesImportError(f"responses: {name} leads outside the content folder (a link): import writes only "
                           "inside it")
    report.created = not target.exists()
    existing_columns, existing = read_existing(target)
    by_id = {row.get("response_id"): row for row in existing if row.get("response_id")}
    seen = set()
    for row in imported:
        if row["response_id"] in seen:
            report.skipped.append(f"response {row['response_id']}: in the export twice; the first is kept")
            continue
        seen.add(row["response_id"])
        if row["response_id"] in by_id:
            report.merged += 1
        else:
            existing.append(row)
            report.added += 1
    regions = getattr(config, "phone_regions", ())
    for row in existing:
        if row in imported and not row.get("personal_data_reviewed"):
            for finding in find_personal_data(row["summary"], regions):
                report.notes.append(f"response {row['response_id']}: the proposal holds {finding.kind}: the build "
                                    "stops until you remove it or say why it may be published "
                                    "(personal_data_reviewed)")
    exported_ids = {row["response_id"] for row in imported}
    report.missing = [i for i in by_id if i not in exported_ids]
    unmatched = sorted({r["section"] for r in imported if r["section"] and sections and r["section"] not in sections.values()})
    if unmatched:
        report.notes.append(f"sections not among the draft's headings, kept as written: {', '.join(unmatched)}")

    order = [c for c in (*RESPONSE_COLUMNS, *OPTIONAL_RESPONSE_COLUMNS) if c in existing_columns or c in
             ("section", *RESPONSE_COLUMNS[1:], "response_id")]
    order += [c for c in existing_columns if c not in order]
    target.write_bytes(csv_table(order, ([row.get(c, "") for c in order] for row in existing)))
    if outcome.responses is None:
        add_responses_field(outcome_path, name)
        report.notes.append(f"added 'responses: {name}' to {outcome_path}")
    report.path = target
    return report


__all__ = ["import_responses", "ResponsesImportError", "LAYOUTS"]
