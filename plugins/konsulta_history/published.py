"""What the history may publish of each old version: the version read as the build reads a document today.

Every old version of a document is written into a scratch copy of the content folder and read by the
content plugin's own reader (konsulta_content.loading): the same size, encoding and YAML limits, the
same validation, the same Markdown sanitiser, and the checks other plugins make of one document (the
comment form's host). A version with any problem is withheld: no page shows its text, its fields or
its commit message. A version that passes is known only by its published form (the validated fields
and the sanitised body's text), so what the sanitiser removes (HTML comments, scripts) never reaches
a history page either.

The files a version names (attachments, a responses file, images, linked documents) are taken from the
version's own commit. Which ones it names is not worked out from the reader's results (that would tie
this module to how the reader resolves each kind of link): a version the reader rejects is read once
more with every file of its commit whose name appears in its text, which is what the reader can need.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import shutil
import tempfile
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from html import unescape
from pathlib import Path, PurePosixPath

from konsulta_consultations.checks import form_template, has_usable_period
from konsulta_content import markup
from konsulta_content.loading import MAX_DOCUMENT_BYTES, ReadFailure, read_many
from konsulta_content import workers as sharing

from .gitlog import Blobs, Version

logger = logging.getLogger(__name__)

# What separates a file name from the text around it in YAML, Markdown and HTML.
NAME_BREAK = re.compile(r"""[\s"'()<>\[\]{}|/\\,;=?#*]+""")
# Elements that start a new line in the text a reader sees.
BLOCKS = {"address", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
          "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "summary", "table", "tbody", "tfoot", "thead",
          "tr", "ul"}


@dataclass(frozen=True)
class Published:
    """A version as the site publishes it: validated front matter, the sanitised body's text, and the
    address of its page (from the output root, as ``article.url``)."""

    fields: dict
    text: str
    address: str


def published(doc, address: str) -> Published:
    return Published(doc.fields, block_text(doc.html), address)


def block_text(html: str) -> str:
    """The text of sanitised HTML as a reader sees it, one block (paragraph, heading, list item, table
    row) per line: the word diff compares line by line first. A line break inside a block is a space, as
    in the browser, so that rewrapping a paragraph's Markdown changes nothing."""

    def replace(match) -> str:
        name = match.group(2).lower()
        if name in BLOCKS:
            return "\x00"
        return " " if match.group(1) and name in ("td", "th") else ""

    lines = (" ".join(unescape(line).split()) for line in markup.TAG.sub(replace, html or "").split("\x00"))
    return "\n".join(line for line in lines if line)


def publishable(doc, config, check_forms: bool = True) -> bool:
    """Whether the build would publish this document today: no problem from reading it, none from the
    per-document check of the consultations plugin (``check_forms``: when the build has that plugin)."""
    if doc.problems:
        return False
    return not (check_forms and has_usable_period(doc) and form_template(doc, config)[1] is not None)


class VersionReader:
    """Reads old versions from git into a scratch content folder, through the content plugin's reader."""

    def __init__(self, blobs: Blobs, content_root: Path, config, address_of, paths=(), *, workers=None,
                 check_forms: bool = True):
        """``address_of(doc)``: the address of a document's page (konsulta_history.redirects.page_address);
        ``paths``: every repository-relative path the history has seen (the files a version may name);
        ``workers``: the build's (konsulta_content.workers), to read versions in two processes."""
        self.blobs = blobs
        self.address_of = address_of
        self.prefix = PurePosixPath(content_root.resolve().relative_to(blobs.root).as_posix())
        self.config = config
        self.workers = workers
        self.check_forms = check_forms
        self.files = FileNames(p for p in paths if self._in_content(p) is not None)
        self._why: dict[Version, str] = {}

    def read(self, versions: list[Version], current: dict) -> dict[Version, Published | None]:
        """Each version's published form, None for a version withheld. ``current`` maps today's
        repository-relative paths to (file, Document) as the build read them: a version with the same
        bytes at the same path is that document, and is not read again."""
        found = self.blobs.find([(v.commit, v.path) for v in versions])
        result: dict[Version, Published | None] = {}
        todo = []
        today: dict[str, str | None] = {}  # blob ids of today's files, hashed once each
        for version in versions:
            blob = found[(version.commit, version.path)]
            if blob is None or self._in_content(version.path) is None:
                result[version] = self._withheld(version, "git has no such file")
                continue
            if version.path in current and version.path not in today:
                today[version.path] = _object_id(current[version.path][0], blob.oid)
            if today.get(version.path) == blob.oid:
                result[version] = published(current[version.path][1], self.address_of(current[version.path][1]))
            else:
                todo.append(version)
        if todo:
            with tempfile.TemporaryDirectory(prefix="konsulta-history-") as scratch:
                result.update(self._read_all(todo, Path(scratch)))
        return result

    def _read_all(self, versions: list[Version], scratch: Path) -> dict[Version, Published | None]:
        # A scratch content folder holds one version per path: versions of one file go to separate folders,
        # versions of different files share one, so that they are read together (in parallel, as the build does).
        slots: list[dict[str, Version]] = []
        for version in versions:
            slot = next((s for s in slots if version.path not in s), None)
            if slot is None:
                slots.append(slot := {})
            slot[version.path] = version
        result, named = {}, {}
        for number, slot in enumerate(slots):
            root = scratch / f"{number}"
            for version, doc in self._read_in(root, list(slot.values())).items():
                result[version] = self._judged(version, doc, quiet=True)
                place = root / self._in_content(version.path)
                if result[version] is None and not isinstance(doc, ReadFailure) \
                        and place.stat().st_size <= MAX_DOCUMENT_BYTES:  # too large whatever it names
                    # Rejected, perhaps only for want of the files it names: those its commit had.
                    named[version] = self.files.in_text(place.read_bytes().decode("utf-8", "replace"))
            shutil.rmtree(root, ignore_errors=True)
        found = self.blobs.find([(v.commit, path) for v, paths in named.items() for path in paths])
        again = [(v, [p for p in sorted(paths) if found[(v.commit, p)] is not None]) for v, paths in named.items()]
        again = [(version, paths) for version, paths in again if paths]
        for version in sorted(set(self._why) - {version for version, _ in again}, key=lambda v: (v.path, v.commit)):
            self._withheld(version, self._why[version])
        self._why.clear()
        if again:
            result.update(self._read_with_files(again, scratch))
        return result

    def _read_in(self, root: Path, versions: list[Version]) -> dict:
        """Each version read in the scratch content folder ``root`` (one version per path)."""
        places = {version: root / self._in_content(version.path) for version in versions}
        self.blobs.export({(v.commit, v.path): place for v, place in places.items()})
        workers = self.workers
        if workers is not None and len(places) >= sharing.PARALLEL_FROM:
            workers.start()  # many versions to read: worth another process, if the build did not start it
        read = read_many([str(place) for place in places.values()], root, self.config, workers)
        return {version: read[str(place)] for version, place in places.items()}

    def _read_with_files(self, naming_files, scratch: Path) -> dict[Version, Published | None]:
        """Versions read each in a folder of its own, with the files it names (repository-relative paths)
        as they were in its commit. Every git object is written once (to ``files/``) and linked from
        there: many versions name the same large attachment."""
        store = scratch / "files"
        roots = {version: scratch / f"with-files-{number}" for number, (version, _) in enumerate(naming_files)}
        places = {version: roots[version] / self._in_content(version.path) for version, _ in naming_files}
        self.blobs.export({(v.commit, v.path): place for v, place in places.items()})
        found = self.blobs.find([(version.commit, path) for version, paths in naming_files for path in paths])
        first = {blob.oid: key for key, blob in sorted(found.items()) if blob is not None}
        self.blobs.export({key: store / oid for oid, key in first.items()})
        for version, paths in naming_files:
            for path in paths:
                _place(store / found[(version.commit, path)].oid, roots[version] / self._in_content(path))
        result = {}
        for version, place in places.items():
            doc = read_many([str(place)], roots[version], self.config)[str(place)]
            result[version] = self._judged(version, doc)
            shutil.rmtree(roots[version], ignore_errors=True)
        return result

    def _in_content(self, path: str) -> str | None:
        relative = posixpath.relpath(path, self.prefix.as_posix()) if self.prefix.as_posix() != "." else path
        return None if relative == ".." or relative.startswith("../") else relative

    def _judged(self, version: Version, doc, quiet=False) -> Published | None:
        """The version's published form, or None; ``quiet``: the reason is logged later, if still withheld."""
        if isinstance(doc, ReadFailure):
            why = "it could not be read"
        elif not publishable(doc, self.config, self.check_forms):
            fields = sorted({p.field or f"line {p.line}" for p in doc.problems}) or ["consultation.form"]
            why = f"it does not meet today's rules ({', '.join(fields)})"
        else:
            return published(doc, self.address_of(doc))
        if quiet:
            self._why[version] = why
            return None
        return self._withheld(version, why)

    @staticmethod
    def _withheld(version: Version, why: str) -> None:
        # For editors running the build, never on a page: the problem messages quote the values.
        logger.info("History: the version of %r in commit %s is withheld: %s", version.path, version.short, why)
        return None


class FileNames:
    """Which of the known files a text may name: those whose file name (or its URL-encoded form) it
    contains. More than the reader needs is harmless: each stands in the version's folder as its
    commit had it."""

    def __init__(self, paths):
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for path in paths:
            self.by_name[posixpath.basename(path)].add(path)
        # Names with a space or a separator in them are looked for as they are (few sites have any).
        self.odd = [name for name in self.by_name if NAME_BREAK.search(name)]

    def in_text(self, text: str) -> set[str]:
        found = set()
        for token in set(NAME_BREAK.split(text)):
            for name in {token, urllib.parse.unquote(token)}:
                found |= self.by_name.get(name, set())
        for name in self.odd:
            if name in text or urllib.parse.quote(name) in text:
                found |= self.by_name[name]
        return found


def _place(stored: Path, target: Path) -> None:
    """A stored file linked (else copied) to ``target``; nothing where it cannot be a file, or where the
    version itself is (never written through a link), so that the reader finds what git had."""
    if not stored.is_file() or os.path.lexists(target):
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(stored, target)
        except OSError:
            shutil.copyfile(stored, target)  # a file system without hard links
    except OSError:
        pass


def _object_id(path: Path, like: str) -> str | None:
    """The git blob id of a file today, hashed as ``like`` was (SHA-1 or SHA-256 repositories)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha1 if len(like) == 40 else hashlib.sha256
    return digest(b"blob %d\x00" % len(data) + data).hexdigest()
