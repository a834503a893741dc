"""Reading one Konsulta document: YAML front matter, validation, then Markdown.

Pelican-free, so that scripts/validate reads documents exactly as the build does without importing
Pelican's readers (which load docutils and more). KonsultaReader is the build's adapter.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from . import frontmatter, parallel
from .documents import Document, convert_dates, load_attachments, load_responses
from .links import BodyLinks
from .rendering import render
from .schema import SLUG_PATTERN
from .validation import validate_front_matter

FILE_EXTENSIONS = ("md", "markdown")
# The longest demo document is 6 kB; a 20 MB file took 25 s to render and made a 20 MB page.
MAX_DOCUMENT_BYTES = 2_000_000
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
EPOCH = dt.date(1970, 1, 1)


def publication_day(doc: Document) -> dt.date:
    """The document's date; documents whose date failed validation sort as 1970 (their problem is reported)."""
    when = doc.fields.get("date")
    return when if isinstance(when, dt.date) else EPOCH


def read_document(source_path, content_root: Path, config) -> Document:
    """One document, read and checked; its problems travel with it (never raised)."""
    folder_lang = _language_folder(Path(source_path), content_root, config.languages)
    stem = Path(source_path).stem
    doc = Document(source_path=str(source_path), lang=folder_lang or config.default_lang,
                   slug=stem, type="page", fields={})
    if not Path(source_path).resolve().is_relative_to(content_root.resolve()):
        doc.problem("is a link to a file outside the content folder: copy the document into the "
                    "content folder instead of linking it", line=1)
        return doc
    size = Path(source_path).stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        doc.problem(f"the file is {size / 1e6:.1f} MB; a document may be at most {MAX_DOCUMENT_BYTES / 1e6:.0f} MB: "
                    "split it into several documents, or publish the full text as an attachment", line=1)
        return doc
    try:
        raw = Path(source_path).read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        doc.problem("the file is not UTF-8 text: save it again with UTF-8 encoding", line=line)
        return doc
    found = CONTROL_CHARACTER.search(text)
    if found is not None:
        bad = found.group()
        line = text[: found.start()].count("\n") + 1
        doc.problem(f"the file contains the control character U+{ord(bad):04X}: delete it", line=line)
        return doc
    try:
        matter = frontmatter.parse(text)
    except frontmatter.FrontMatterError as error:
        doc.problem(error.message, line=error.line, path=tuple(error.field.split(".")) if error.field else ())
        return doc

    doc.lines = matter.lines
    for path, line in matter.duplicate_keys:
        doc.problem("this field is given twice: keep one", path=path, line=line)
    for path, message in validate_front_matter(matter.data, config):
        doc.problem(message, path=path)

    data = matter.data
    convert_dates(data)
    doc.fields = data
    doc.type = data.get("type") if data.get("type") else "page"
    if isinstance(data.get("slug"), str) and re.match(SLUG_PATTERN, data["slug"]):
        doc.slug = data["slug"]  # an invalid slug is reported; never let it reach a file path
    elif not re.match(SLUG_PATTERN, stem):
        doc.problem(f"the file name {stem!r} is not a slug: rename the file with lowercase letters, "
                    "digits and hyphens, or set 'slug'", line=1)
    declared = data.get("lang")
    if declared is not None and declared not in config.languages:
        doc.problem(f"{declared!r} is not a site language; use one of: {', '.join(config.languages)}",
                    path=("lang",))
    elif folder_lang and declared and declared != folder_lang:
        doc.problem(f"{declared!r} does not match the language folder {folder_lang!r}: "
                    "move the file or fix 'lang'", path=("lang",))
    elif declared:
        doc.lang = declared
    elif not folder_lang:
        doc.problem("the language is unknown: put the file in a language folder "
                    f"({', '.join(config.languages)}) or set 'lang'", line=1)
    modified, created = data.get("modified"), data.get("date")
    if isinstance(modified, dt.date) and isinstance(created, dt.date) and modified < created:
        doc.problem("is earlier than 'date': a document cannot change before it was published",
                    path=("modified",))

    fields_valid = not doc.problems

    def body_line(needle: str) -> int:
        found = matter.body.find(needle) if needle else -1
        return matter.body_first_line + (matter.body[:found].count("\n") if found >= 0 else 0)

    body_links = BodyLinks(str(source_path), content_root)
    rendered = render(matter.body, body_links.resolve)
    doc.html, doc.text, doc.headings = rendered.html, rendered.text, rendered.headings
    doc.body_files = tuple(dict.fromkeys(body_links.published))
    for src, message in rendered.problems:
        doc.problem(message, line=body_line(src))
    consultation = data.get("consultation") if isinstance(data.get("consultation"), dict) else {}
    opens, closes = consultation.get("opens"), consultation.get("closes")
    if isinstance(opens, dt.date) and isinstance(closes, dt.date) and opens > closes:
        doc.problem("is after the closing date: a consultation must open before it closes",
                    path=("consultation", "opens"))
    if fields_valid:  # files named by fields that failed validation would only add noise, or crash
        load_attachments(doc, content_root)
        if doc.type == "outcome":
            load_responses(doc, config, content_root)
    return doc



def _language_folder(path: Path, content_root: Path, languages) -> str | None:
    try:
        first = path.resolve().relative_to(content_root.resolve()).parts[0]
    except (ValueError, IndexError):
        return None
    return first if first in languages else None


# Forking pays off once there are documents enough to share out (measured on 2 CPUs with the demo
# content: 44 documents read 0.01 s faster in two processes, the fork's own cost is about 0.003 s).
PARALLEL_FROM = 24


def read_many(paths, content_root: Path, config, processes: int) -> dict:
    """path -> Document, or the exception reading it raised (as read_document's caller would see it),
    for absolute ``paths``; shared out among ``processes`` processes (this one and forked ones) when
    there are enough documents."""
    paths = list(paths)
    if processes < 2 or len(paths) < PARALLEL_FROM or not hasattr(os, "fork"):
        return dict(_read_one(path, content_root, config) for path in paths)
    # The first document warms up what every reader needs (Markdown, the schema validators) before the fork.
    found = dict([_read_one(paths[0], content_root, config)])
    rest = paths[1:]
    shares = [rest[n::processes] for n in range(processes)]

    def read(share):
        return [_read_one(path, content_root, config) for path in share]

    readers = [(share, parallel.run_forked(lambda share=share: read(share))) for share in shares[1:]]
    found.update(read(shares[0]))
    for share, (pid, pipe) in readers:
        kind, value = parallel.outcome(pid, pipe)
        # A reader that failed (a document that would not pickle, say) has its share read here.
        found.update(value if kind == "done" else read(share))
    return found


def _read_one(path, content_root: Path, config):
    try:
        return path, read_document(path, content_root, config)
    except Exception as error:  # noqa: BLE001 - the caller reports it as Pelican does ("Could not process")
        return path, ReadFailure(f"{type(error).__name__}: {error}" if not str(error) else str(error))


class ReadFailure(Exception):
    """An exception raised while reading, as text (the original may not cross a process boundary)."""
