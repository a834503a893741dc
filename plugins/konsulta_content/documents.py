"""The Document: one Markdown file's validated fields, rendered text and what it refers to."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import FrontMatterError, dotted, nearest_line, parse_yaml
from .problems import Problem, display_path
from .rendering import Heading
from .schema import in_computable_range
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


@dataclass(frozen=True)
class Attachment:
    title: str
    source: str  # path relative to the content folder
    size: int
    format: str


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
    images: tuple[str, ...] = ()  # body images, as paths relative to the content folder
    responses: tuple[dict, ...] = ()
    problems: list[Problem] = field(default_factory=list)
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
        target = (Path(doc.source_path).parent / relative).resolve()
        exists = target.is_file()
    except (ValueError, OSError):
        doc.problem(f"{relative!r} is not a usable file name: give a path relative to this document", **where)
        return None
    if not target.is_relative_to(content_root.resolve()):
        doc.problem("the file must be inside the content folder; give a path relative to this document", **where)
    elif not exists:
        doc.problem(f"file not found: {display_path(target)}; add the file or fix the path "
                    "(relative to this document)", **where)
    else:
        return target
    return None


def load_attachments(doc: Document, content_root: Path) -> None:
    found = []
    for index, item in enumerate(doc.fields.get("attachments") or []):
        target = resolve_file(doc, item["file"], content_root, path=("attachments", index, "file"))
        if target is not None:
            found.append(Attachment(
                title=item["title"],
                source=target.relative_to(content_root.resolve()).as_posix(),
                size=target.stat().st_size,
                format=(target.suffix.lstrip(".").upper() or "FILE"),
            ))
    doc.attachments = tuple(found)


def load_responses(doc: Document, config, content_root: Path) -> None:
    """Inline responses, or a CSV/YAML file beside the outcome, each row validated where it stands."""
    responses = doc.fields.get("responses")
    if isinstance(responses, list):
        rows = [(row, ("responses", index), None, None) for index, row in enumerate(responses)]
    elif isinstance(responses, str):
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
    valid = []
    for row, path, source, line in rows:
        problems = validate_response(row, config) if isinstance(row, dict) else [((), "each response is a group of fields")]
        for field_path, message in problems:
            doc.problem(message, path=path + field_path, line=line, source=source)
        if not problems:
            valid.append({"section": row.get("section") or "", **{k: row[k] for k in RESPONSE_COLUMNS[1:]}})
    doc.responses = tuple(valid)


def _read_response_file(source: Path):
    text = source.read_text(encoding="utf-8-sig")
    if source.suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in RESPONSE_COLUMNS[1:] if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"the first row must name the columns {', '.join(RESPONSE_COLUMNS)}; missing {', '.join(missing)}")
        for index, row in enumerate(reader):
            row = {k: v.strip() for k, v in row.items() if k is not None and v and v.strip()}
            yield row, ("responses", index), str(source), reader.line_num
    else:
        parsed = parse_yaml(text)
        if not isinstance(parsed.data, list):
            raise ValueError("the YAML file must be a list of responses")
        for index, row in enumerate(parsed.data):
            yield row, ("responses", index), str(source), parsed.line_of((index,))
