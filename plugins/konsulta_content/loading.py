"""Reading one Konsulta document: YAML front matter, validation, then Markdown.

Pelican-free, so that scripts/validate reads documents exactly as the build does without importing
Pelican's readers (which load docutils and more). KonsultaReader is the build's adapter.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections import Counter
from pathlib import Path

from . import frontmatter
from .documents import Document, convert_dates, load_attachments, load_responses
from .links import BodyLinks
from .placeholders import MARKER, holds_placeholder, placeholder_fields, placeholder_message, shown_placeholder
from .problems import display_path
from .rendering import NO_TEXT_ALTERNATIVE, render
from .schema import MAX_SLUG_LENGTH, MAX_TOPIC_LENGTH, MAX_TOPIC_SLUG_BYTES, SLUG_PATTERN, is_slug
from .site import topic_slug
from .text import UnusableText, decode
from .validation import validate_front_matter
from .workers import batches_of

FILE_EXTENSIONS = ("md", "markdown")
# Endings Markdown files are given. Pelican matches FILE_EXTENSIONS exactly (case-sensitive), so a
# document named x.MD or x.mdown would be left out without a word; these are reported instead.
MARKDOWN_EXTENSIONS = ("md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext")
# The longest demo document is 6 kB; a 20 MB file took 25 s to render and made a 20 MB page.
MAX_DOCUMENT_BYTES = 2_000_000
EPOCH = dt.date(1970, 1, 1)


def unread_document(name: str) -> str | None:
    """Why a file of the content folder named ``name`` is not read although it looks like a document."""
    extension = os.path.splitext(name)[1][1:]
    if extension in FILE_EXTENSIONS or extension.lower() not in MARKDOWN_EXTENSIONS:
        return None
    return f"the file name ends in .{extension}, so the file is not read as a document: rename it to end in .md"


def publication_day(doc: Document) -> dt.date:
    """The document's date; documents whose date failed validation sort as 1970 (their problem is reported)."""
    when = doc.fields.get("date")
    return when if isinstance(when, dt.date) else EPOCH


def read_document(source_path, content_root: Path, config) -> Document:
    """One document, read and checked; its problems travel with it. Never raises, whatever the file:
    an exception here would cost every other document's problems (and, under Pelican's --fatal
    errors, end in a traceback)."""
    path = Path(source_path)
    try:
        unreadable = unreadable_file(path, content_root)
        return _failed(path, content_root, config, unreadable) if unreadable else _read(path, content_root, config)
    except RecursionError:
        message = "the document is nested too deeply to read (lists in lists, or fields in fields): write it out flat"
    except OSError as error:
        message = (f"the file cannot be read ({error.strerror or error}): check that it still exists and that "
                   "the build may read it")
    except Exception as error:  # noqa: BLE001 - a fault of ours must still name the file, not stop the report
        message = (f"reading the file failed ({type(error).__name__}: {error}); this is a fault in Konsulta, "
                   "not in the document: please report it with the file")
    return _failed(path, content_root, config, message)


def _failed(path: Path, content_root: Path, config, message: str) -> Document:
    lang = _language_folder(path, content_root, config.languages) or config.default_lang
    doc = Document(source_path=str(path), lang=lang, slug=path.stem, type="page", fields={})
    doc.problem(message, line=1)
    return doc


def unreadable_file(path: Path, content_root: Path) -> str | None:
    """Why the content file at ``path`` must not be read (a broken link, a link out...), if so."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except FileNotFoundError:
            return f"is a link to {os.readlink(path)!r}, which does not exist: remove the link, or copy the file here"
        except (RuntimeError, OSError):  # a loop of links: RuntimeError before Python 3.13, OSError (ELOOP) since
            return "is a link that leads back to itself (a loop of links): remove the link, or copy the file here"
    if not path.resolve().is_relative_to(content_root.resolve()):
        return ("is a link to a file outside the content folder: copy the file into the content folder "
                "instead of linking it")
    if not path.is_file():
        return "is not a regular file (a pipe, a device or a socket): remove it, or save the content as a file"
    return None


def _read(path: Path, content_root: Path, config) -> Document:
    folder_lang = _language_folder(path, content_root, config.languages)
    stem = path.stem
    doc = Document(source_path=str(path), lang=folder_lang or config.default_lang,
                   slug=stem, type="page", fields={})
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        doc.problem(f"the file is {size / 1e6:.1f} MB; a document may be at most {MAX_DOCUMENT_BYTES / 1e6:.0f} MB: "
                    "split it into several documents, or publish the full text as an attachment", line=1)
        return doc
    try:
        text = decode(path.read_bytes())
    except UnusableText as error:
        doc.problem(error.message, line=error.line)
        return doc
    try:
        matter = frontmatter.parse(text)
    except frontmatter.FrontMatterError as error:
        doc.problem(error.message, line=error.line, path=tuple(error.field.split(".")) if error.field else ())
        return doc

    doc.lines = matter.lines
    for field_path, line in matter.duplicate_keys:
        doc.problem("this field is given twice: keep one", path=field_path, line=line)
    unusable = [field_path for field_path, _, _ in matter.unusable_values]
    for field_path, line, message in matter.unusable_values:
        doc.problem(message, path=field_path, line=line)
    for field_path, message in validate_front_matter(matter.data, config):
        if not any(field_path[: len(bad)] == bad for bad in unusable):  # one message per field is enough
            doc.problem(message, path=field_path)

    data = matter.data
    convert_dates(data)
    doc.fields = data
    doc.type = data.get("type") if data.get("type") else "page"
    if is_slug(data.get("slug")):
        doc.slug = data["slug"]  # an invalid slug is reported; never let it reach a file path
    elif not re.match(SLUG_PATTERN, stem):
        doc.problem(f"the file name {stem!r} is not a slug: rename the file with lowercase letters, "
                    "digits and hyphens, or set 'slug'", line=1)
    elif not is_slug(stem):
        doc.problem(f"the file name is {len(stem)} characters long; a slug may have at most {MAX_SLUG_LENGTH}: "
                    "rename the file, or set a shorter 'slug'", line=1)
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
    for index, topic in enumerate(data.get("topics") if isinstance(data.get("topics"), list) else []):
        message = _topic_problem(topic)
        if message:
            doc.problem(message, path=("topics", index))

    body_images = _images(matter.body)
    image_sources = {source for _, source, _ in body_images}
    seen_without_alt, seen_images = Counter(), Counter()

    def image_line(src: str, seen: Counter, without_alt: bool = False) -> int:
        """The line of the image ``src`` this is (its first, second... appearance) in the body."""
        candidates = [offset for offset, source, has_alt in body_images
                      if source == src and not (without_alt and has_alt)]
        nth = seen[src]
        seen[src] += 1
        found = candidates[nth] if nth < len(candidates) else matter.body.find(src) if src else -1
        return matter.body_first_line + (matter.body.count("\n", 0, found) if found >= 0 else 0)

    def body_line(needle: str, nth: int = 0) -> int:
        """The line of the ``nth`` appearance of ``needle`` in the body (else of its first)."""
        found = matter.body.find(needle) if needle else -1
        for _ in range(nth):
            later = matter.body.find(needle, found + 1) if found >= 0 else -1
            if later < 0:
                break
            found = later
        return matter.body_first_line + (matter.body.count("\n", 0, found) if found >= 0 else 0)

    def link_line(address: str, nth: int) -> int:
        """The line of the ``nth`` link to ``address``: the address written whole, as a Markdown link, a
        reference or an HTML attribute writes it (not "x/" inside "../x/")."""
        written = [m.start() for m in re.finditer(r"(?<=[(<\"'\s=])" + re.escape(address) + r"(?=[)>\"'\s]|$)",
                                                   matter.body)]
        if not written:
            return body_line(address, nth)
        found = written[min(nth, len(written) - 1)]
        return matter.body_first_line + matter.body.count("\n", 0, found)

    body_links = BodyLinks(str(path), content_root)
    rendered = render(matter.body, body_links.resolve)
    doc.html, doc.text, doc.headings, doc.anchors = rendered.html, rendered.text, rendered.headings, rendered.anchors
    doc.body_files = tuple(dict.fromkeys(body_links.published))
    seen_links = Counter()
    for address in body_links.site_links:
        doc.site_links += ((address, link_line(address, seen_links[address])),)
        seen_links[address] += 1
    for src, message in rendered.problems:
        if src in image_sources and NO_TEXT_ALTERNATIVE in message:
            line = image_line(src, seen_without_alt, without_alt=True)
        elif src in image_sources:
            line = image_line(src, seen_images)
        else:
            line = body_line(src)
        doc.problem(message, line=line)
    for where, message in rendered.warnings:
        line = matter.body_first_line + where if isinstance(where, int) else body_line(where)
        doc.warnings.append(f"{display_path(doc.source_path)}:{line}: {message}")
    # What `konsulta new` left for the editor to write (konsulta_content.placeholders): never published.
    for field_path, written in placeholder_fields(data):
        doc.problem(placeholder_message(written, "your own text"), path=field_path)
    if holds_placeholder(doc.text):
        doc.problem(placeholder_message(shown_placeholder(doc.text), "the document's text"), line=body_line(MARKER))
    consultation = data.get("consultation") if isinstance(data.get("consultation"), dict) else {}
    opens, closes = consultation.get("opens"), consultation.get("closes")
    if isinstance(opens, dt.date) and isinstance(closes, dt.date) and opens > closes:
        doc.problem("is after the closing date: a consultation must open before it closes",
                    path=("consultation", "opens"))
    elif opens is None and isinstance(created, dt.date) and isinstance(closes, dt.date) and created > closes:
        # Without 'opens' the consultation opens on 'date' (documents.consultation_days): the same mistake.
        doc.problem(f"is before 'date' ({created.isoformat()}), the day the consultation opens when 'opens' is not "
                    "given: a consultation must open before it closes; fix the year, or set 'opens'",
                    path=("consultation", "closes"))
    # Whatever else is wrong: every problem of a file is reported in one run, a missing attachment
    # with the front matter's mistakes (each skips a value that failed validation itself).
    load_attachments(doc, content_root)
    if doc.type == "outcome":
        load_responses(doc, config, content_root)
    return doc


def _topic_problem(topic) -> str | None:
    """A topic the schema accepts can still make a folder name too long: its slug keeps every language's
    letters, which take up to 4 bytes each in UTF-8, and some expand (U+FDFA is 18 letters)."""
    if not isinstance(topic, str) or len(topic) > MAX_TOPIC_LENGTH:
        return None  # the schema's message
    size = len(topic_slug(topic).encode("utf-8"))
    if size <= MAX_TOPIC_SLUG_BYTES:
        return None
    return (f"the topic makes an address of {size} bytes (its letters take several bytes each in a web "
            f"address); at most {MAX_TOPIC_SLUG_BYTES} are possible: shorten the topic")


# An image in Markdown, ![text](address "title"), or in HTML, <img ... src="address" ...>.
_MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)")
_HTML_IMAGE = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_HTML_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _images(body: str) -> list[tuple[int, str, bool]]:
    """(offset, address, has a text alternative) of every image written in ``body``, in order, so that a
    problem with an image is reported on that image's line, not on the first mention of its address."""
    found = [(m.start(), m.group(1), True) for m in _MARKDOWN_IMAGE.finditer(body)]
    for match in _HTML_IMAGE.finditer(body):
        attributes = {name.lower(): html.unescape(a or b or c or "")
                      for name, a, b, c in _HTML_ATTRIBUTE.findall(match.group(1))}
        if "src" in attributes:
            found.append((match.start(), attributes["src"], "alt" in attributes))
    return sorted(found)


def _language_folder(path: Path, content_root: Path, languages) -> str | None:
    """The language folder the file is in (a link: where the link is, wherever it leads)."""
    try:
        first = (path.parent.resolve() / path.name).relative_to(content_root.resolve()).parts[0]
    except (ValueError, IndexError, OSError, RuntimeError):
        return None
    return first if first in languages else None


# Documents per batch given to another process (konsulta_content.workers): small enough that the two
# processes finish within a few documents of each other, large enough that sending them costs little.
BATCH = 8


def read_many(paths, content_root: Path, config, workers=None) -> dict:
    """path -> Document, or the exception reading it raised (as read_document's caller would see it), for
    absolute ``paths``, in their order; shared with ``workers`` (konsulta_content.workers) when it has a
    pool."""
    paths = list(paths)
    if workers is None:
        return dict(read_batch(paths, content_root, config))
    shared = workers.share(read_batch, [(batch, content_root, config) for (batch,) in batches_of(paths, BATCH)])
    return {path: doc for found in shared.results() for path, doc in found}


def read_batch(paths, content_root: Path, config) -> list:
    """(path, Document or ReadFailure) for each of ``paths``: a batch of read_many, in any process."""
    return [_read_one(path, content_root, config) for path in paths]


def _read_one(path, content_root: Path, config):
    try:
        return path, read_document(path, content_root, config)
    except Exception as error:  # noqa: BLE001 - the caller reports it as Pelican does ("Could not process")
        return path, ReadFailure(f"{type(error).__name__}: {error}" if not str(error) else str(error))


class ReadFailure(Exception):
    """An exception raised while reading, as text (the original may not cross a process boundary)."""
