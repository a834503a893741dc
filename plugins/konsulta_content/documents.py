"""The Document: one Markdown file's validated fields, rendered text and what it refers to."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import files
from .links import LinkProblem, find_content_file
from .frontmatter import FrontMatterError, dotted, nearest_line, parse_yaml
from .problems import Problem, display_path
from .rendering import Heading
from .schema import in_computable_range
from .spreadsheets import written_text
from .text import UnusableText, decode
from .validation import validate_response

# Fields that name another document, and the types it may have.
REFERENCES = {
    "body": ("body",),
    "parent": ("body",),
    "superseded_by": ("policy", "strategy"),
    "outcome": ("outcome",),
    "responds_to": ("draft",),
}
DATE_FIELDS = {("date",), ("modified",), ("established",), ("consultation", "opens"), ("consultation", "closes")}
RESPONSE_COLUMNS = ("section", "submitter", "summary", "decision", "reason")
# Columns a responses file may add: the form service's id of the response (konsulta import-responses
# merges by it), and an editor's note that a row's personal-data finding was reviewed (never published).
OPTIONAL_RESPONSE_COLUMNS = ("response_id", "personal_data_reviewed")
# Response texts readers see; each must say something (has_words).
RESPONSE_TEXTS = ("section", "summary", "reason", "personal_data_reviewed")
# Letters that draw nothing (Hangul fillers, the blank braille pattern): used to fake an empty name.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


@dataclass(frozen=True)
class Attachment:
    title: str
    source: str  # path relative to the content folder
    size: int
    format: str

    @property
    def url(self) -> str:
        """Its address relative to the site root (files are published apart from pages: konsulta_content.files)."""
        return files.published_url(self.source)


@dataclass
class Document:
    source_path: str
    lang: str
    slug: str
    type: str
    fields: dict
    html: str = ""
    text: str = ""  # the body's plain text
    headings: tuple[Heading, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    body_files: tuple[str, ...] = ()  # images and files the body links to, relative to the content folder
    # (address as written, line) of each link in the body to a page of this site (site.Site.check_links)
    site_links: tuple[tuple[str, int], ...] = ()
    anchors: frozenset[str] = frozenset()  # the fragments a link to this document's page may end in
    responses: tuple[dict, ...] = ()
    # (field path, line, file) of each response, for problems found after reading (konsulta_outcomes.checks)
    response_places: tuple[tuple, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    # "path:line: sentence" for what the build prints but lets through (the body shown otherwise than GitHub)
    warnings: list[str] = field(default_factory=list)
    lines: dict = field(default_factory=dict)

    def __getattr__(self, name):
        # Templates read fields as doc.consultation, doc.budget...; absent fields are None.
        if name.startswith("__"):
            raise AttributeError(name)
        return self.__dict__.get("fields", {}).get(name)

    def problem(self, message, *, path=(), line=None, source=None):
        self.problems.append(self.make_problem(message, path=path, line=line, source=source))

    def make_problem(self, message, *, path=(), line=None, source=None) -> Problem:
        where = source or self.source_path
        line = line if line is not None else self.line_of(path)
        return Problem(display_path(where), line, dotted(path) or None, message)

    def line_of(self, path) -> int:
        return nearest_line(self.lines, path)

    def has_problem_at(self, path) -> bool:
        """Whether a problem is already reported on the field at ``path`` or inside it: a value that failed
        validation is not followed further (a file it names, rows it holds), which would only repeat it."""
        name = dotted(path)
        return any(p.field is not None and (p.field == name or p.field.startswith((name + ".", name + "[")))
                   for p in self.problems)

    @property
    def title(self) -> str:
        return self.fields.get("title", self.slug)

    @property
    def last_changed(self):
        """The day of the document's last change: `modified` when given, else `date`."""
        modified = self.fields.get("modified")
        return modified if isinstance(modified, dt.date) else self.fields.get("date")

    @property
    def key(self) -> tuple[str, str]:
        return (self.lang, self.slug)


def consultation_days(doc) -> tuple[dt.date, dt.date] | None:
    """A draft's consultation as (first day, last day), both included: ``consultation.opens``, else the
    draft's ``date`` (docs/content-model.md), to ``consultation.closes``. None for any other document, or
    where those are not days (validation has said why). The one place this rule is written: the status
    (konsulta_consultations.lifecycle), the calendar, the open data and the outcome checks read it here."""
    period = doc.fields.get("consultation") if doc.type == "draft" else None
    if not isinstance(period, dict):
        return None
    first, last = period.get("opens") or doc.fields.get("date"), period.get("closes")
    return (first, last) if isinstance(first, dt.date) and isinstance(last, dt.date) else None


def has_words(text: str) -> bool:
    """Whether the text has a letter, a digit or a pictograph that shows. Whitespace, punctuation and
    invisible characters (zero-width space, joiners, fillers) alone read as nothing, on a page and to a
    screen reader, yet pass the schema's minLength."""
    return any(unicodedata.category(ch) in _WORD_CATEGORIES and ch not in BLANK_LETTERS for ch in text)


_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "So"})


def blank_text_problem(value) -> str | None:
    """The message for a text field that is not empty but says nothing; None when it says something.
    Empty text is the schema's to report ("is empty")."""
    if not isinstance(value, str) or not value or has_words(value):
        return None
    # Name the characters an editor cannot see, so they can be found and deleted.
    hidden = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(value) if not ch.isprintable() or ch in BLANK_LETTERS)
    return ("has no letters or digits, only spaces, punctuation or invisible characters"
            + (f" ({hidden})" if hidden else "") + ": write the text in words")


def convert_dates(data: dict) -> None:
    for path in DATE_FIELDS:
        parent = data
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and isinstance(parent.get(path[-1]), str):
            try:
                day = dt.date.fromisoformat(parent[path[-1]])
            except ValueError:
                continue  # already reported by validation
            if in_computable_range(day):  # a year out of range (reported by validation) stays text
                parent[path[-1]] = day


def resolve_file(doc: Document, relative: str, content_root: Path, **where) -> Path | None:
    """A file a document points to, which must exist inside the content folder; None after a problem."""
    try:
        return find_content_file(content_root.resolve(), Path(doc.source_path).parent, relative)
    except LinkProblem as problem:
        doc.problem(str(problem), **where)
        return None


def load_attachments(doc: Document, content_root: Path) -> None:
    """The files ``attachments`` names, each checked where it is listed. Runs whatever else is wrong with
    the document, so that a missing file is reported in the same run as the front matter's mistakes;
    only an entry whose own value failed validation is left out (its problem is reported)."""
    found = []
    attachments = doc.fields.get("attachments")
    for index, item in enumerate(attachments if isinstance(attachments, list) else []):
        where = {"path": ("attachments", index, "file")}
        if not isinstance(item, dict):
            continue  # the schema's problem
        blank = blank_text_problem(item.get("title"))
        if blank:
            doc.problem(blank, path=("attachments", index, "title"))
        if not isinstance(item.get("file"), str) or doc.has_problem_at(where["path"]):
            continue
        target = resolve_file(doc, item["file"], content_root, **where)
        if target is None:
            continue
        refused = files.publishable_problem(target)
        if refused:
            doc.problem(refused, **where)
            continue
        found.append(Attachment(
            title=item.get("title") if isinstance(item.get("title"), str) else "",
            source=target.relative_to(content_root.resolve()).as_posix(),
            size=target.stat().st_size,
            format=files.file_type(target).label,
        ))
    doc.attachments = tuple(found)


def load_responses(doc: Document, config, content_root: Path) -> None:
    """Inline responses, or a CSV/YAML file beside the outcome, each row validated where it stands."""
    responses = doc.fields.get("responses")
    if isinstance(responses, list):
        # Rows the schema found wrong are reported already: checking them again would say it twice.
        rows = [(row, ("responses", index), None, None) for index, row in enumerate(responses)
                if not doc.has_problem_at(("responses", index))]
    elif isinstance(responses, str) and not doc.has_problem_at(("responses",)):
        source = resolve_file(doc, responses, content_root, path=("responses",))
        if source is None:
            return
        try:
            rows = list(_read_response_file(source))
        except FrontMatterError as error:
            doc.problem(f"cannot read the responses file: {error.message}", line=error.line, source=str(source))
            return
        except (UnicodeDecodeError, csv.Error, ValueError) as error:
            doc.problem(f"cannot read the responses file: {error}", path=("responses",))
            return
    else:
        return
    valid, places = [], []
    for row, path, source, line in rows:
        if isinstance(row, RowProblem):
            problems = [((), row.message)]
        elif isinstance(row, dict):
            problems = validate_response(row, config) or [
                ((name,), message) for name in RESPONSE_TEXTS if (message := blank_text_problem(row.get(name)))]
        else:
            problems = [((), "each response is a group of fields")]
        for field_path, message in problems:
            doc.problem(message, path=path + field_path, line=line, source=source)
        if not problems:
            # Decision and reason may still be empty: an imported row waits for the editors' answer, and
            # konsulta_outcomes requires it once the outcome is published.
            valid.append({name: str(row.get(name) or "") for name in (*RESPONSE_COLUMNS, *OPTIONAL_RESPONSE_COLUMNS)})
            places.append((path, line, source))
    doc.responses = tuple(valid)
    doc.response_places = tuple(places)


@dataclass(frozen=True)
class RowProblem:
    """A response row that cannot be read as a response at all (its cells do not fit the columns)."""

    message: str


def _read_response_file(source: Path):
    try:
        # As in a document: invisible characters would reach the published pages and files.
        text = decode(source.read_bytes())
    except UnusableText as error:
        raise FrontMatterError(error.message, line=error.line) from None
    if source.suffix == ".csv":
        yield from _read_response_csv(text, str(source))
    else:
        parsed = parse_yaml(text)
        if not isinstance(parsed.data, list):
            raise ValueError("the YAML file must be a list of responses")
        for index, row in enumerate(parsed.data):
            yield row, ("responses", index), str(source), parsed.line_of((index,))


def _read_response_csv(text: str, source: str):
    """Rows as dicts by the header's column names, each with the line it starts on.

    csv.DictReader would file a row's extra cells under the key None and fill missing ones with None:
    a reason with an unquoted comma lost its second half without a word. A row whose cells do not fit
    the columns is reported instead, as a RowProblem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    missing = [c for c in RESPONSE_COLUMNS[1:] if c not in header]
    if missing:
        raise ValueError(f"the first row must name the columns {', '.join(RESPONSE_COLUMNS)}; missing {', '.join(missing)}")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise ValueError(f"the first row names the column {repeated[0]!r} more than once: keep one")
    columns = ", ".join(header)
    index, row_start = 0, reader.line_num + 1
    for cells in reader:
        line, row_start = row_start, reader.line_num + 1
        if not cells:
            continue  # a blank line
        extra = [cell for cell in cells[len(header):] if cell.strip()]
        if extra:
            row = RowProblem(f"this row has {len(cells)} cells, but the first row names {len(header)} columns "
                             f"({columns}), so {_clipped(extra[0])!r} has no column: put double quotes around the cell that "
                             'contains a comma, e.g. "We agree, in part"')
        elif len(cells) < len(header):
            row = RowProblem(f"this row has {len(cells)} cells, but the first row names {len(header)} columns "
                             f"({columns}): add the missing cells; an empty cell is nothing between two commas")
        else:
            row = {name: written_text(cell.strip()) for name, cell in zip(header, cells) if cell.strip()}
        yield row, ("responses", index), source, line
        index += 1


def _clipped(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
