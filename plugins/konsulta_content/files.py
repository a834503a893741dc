"""Files a document publishes besides its page: attachments and the images and files its body links to.

Content is untrusted, so three rules hold for every such file:

- it lies inside the content folder (a path or a symlink that leads out of it is refused);
- it is of a type that cannot run script when a reader opens it on the site's origin. Static hosts
  such as GitHub Pages cannot serve one file with its own headers (Content-Disposition, a CSP
  sandbox), so "serve it so it cannot run" is not available to most sites: an allow-list of types is.
  HTML, SVG, XML and scripts are refused; the file's first bytes must match its type, so a page
  renamed to .pdf is refused too;
- it is published under FILES_FOLDER, a folder no page, feed or data file is written to, so a file
  can never replace what the build generates. The copy refuses to overwrite anything.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

# Every published file lives under this folder of the output, at its path inside the content folder.
# No language code, slug or generated folder can be "files" (languages are 2-3 letter codes, slugs
# live inside a language folder), so nothing else is ever written here.
FILES_FOLDER = "files"

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_TEXT = None  # UTF-8 text, served as text: no signature to check


@dataclass(frozen=True)
class FileType:
    label: str  # shown to readers: "PDF", "Spreadsheet (ODS)"...
    signatures: tuple[bytes, ...] | None  # the file must start with one of these (None: UTF-8 text)
    image: bool = False  # may be shown with <img>


TYPES: dict[str, FileType] = {
    # documents
    "pdf": FileType("PDF", (b"%PDF-",)),
    "odt": FileType("ODT", _ZIP),
    "docx": FileType("DOCX", _ZIP),
    "doc": FileType("DOC", _OLE),
    "rtf": FileType("RTF", (b"{\\rtf",)),
    "txt": FileType("TXT", _TEXT),
    "epub": FileType("EPUB", _ZIP),
    # presentations
    "odp": FileType("ODP", _ZIP),
    "pptx": FileType("PPTX", _ZIP),
    "ppt": FileType("PPT", _OLE),
    # spreadsheets and data
    "ods": FileType("ODS", _ZIP),
    "xlsx": FileType("XLSX", _ZIP),
    "xls": FileType("XLS", _OLE),
    "csv": FileType("CSV", _TEXT),
    "tsv": FileType("TSV", _TEXT),
    "json": FileType("JSON", _TEXT),
    "geojson": FileType("GEOJSON", _TEXT),
    # images without script (SVG can carry script: refused)
    "png": FileType("PNG", (b"\x89PNG\r\n\x1a\n",), image=True),
    "jpg": FileType("JPG", (b"\xff\xd8\xff",), image=True),
    "jpeg": FileType("JPEG", (b"\xff\xd8\xff",), image=True),
    "gif": FileType("GIF", (b"GIF87a", b"GIF89a"), image=True),
    "webp": FileType("WEBP", (b"RIFF",), image=True),  # RIFF....WEBP: checked in _matches
    "avif": FileType("AVIF", (b"ftypavif", b"ftypavis"), image=True),  # after a 4-byte box size
    # archives
    "zip": FileType("ZIP", _ZIP),
    "7z": FileType("7Z", (b"7z\xbc\xaf\x27\x1c",)),
    "gz": FileType("GZ", (b"\x1f\x8b",)),
}
# Why a type that is not in TYPES is refused, where a plain "not allowed" would leave an editor guessing.
REFUSED_WHY = {
    "svg": "an SVG image can carry script: export it as PNG",
    "html": "a web page published as a file would run its script on this site: publish its text as a "
            "document, or attach it as PDF",
    "htm": "a web page published as a file would run its script on this site: attach it as PDF",
    "xhtml": "a web page published as a file would run its script on this site: attach it as PDF",
    "xml": "an XML file can run script in a browser: attach it as ZIP, or convert it to CSV or JSON",
    "js": "script files are never published from content",
    "mjs": "script files are never published from content",
}


def file_type(path: str | Path) -> FileType | None:
    return TYPES.get(Path(path).suffix.lower().lstrip("."))


def publishable_problem(path: Path, *, image: bool = False) -> str | None:
    """Why the file at ``path`` may not be published (None when it may). ``image``: shown with <img>."""
    extension = path.suffix.lower().lstrip(".")
    kind = TYPES.get(extension)
    if kind is None or (image and not kind.image):
        allowed = sorted(e for e, t in TYPES.items() if t.image or not image)
        why = REFUSED_WHY.get(extension, f"files of type {extension.upper() or '(none)'!s} are not published")
        return (f"{path.name!r} cannot be published: {why}. "
                f"Allowed {'images' if image else 'files'}: {', '.join(allowed)}")
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
            if kind.signatures is _TEXT:
                head += handle.read(64 * 1024)
    except OSError as error:
        return f"{path.name!r} cannot be read ({error.strerror}): check the file"
    if not _matches(kind, head):
        expected = "UTF-8 text" if kind.signatures is _TEXT else f"a {kind.label} file"
        return (f"{path.name!r} is named .{extension} but is not {expected}: "
                "give the file the extension of what it holds, or export it again")
    return None


def _matches(kind: FileType, head: bytes) -> bool:
    if kind.signatures is _TEXT:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            return error.start >= len(head) - 3  # a character cut at the end of what was read
        return True
    if kind.label == "WEBP":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if kind.label == "AVIF":
        return head[4:12] in kind.signatures
    return head.startswith(kind.signatures)


def published_path(source: str) -> str:
    """Where a file at ``source`` (relative to the content folder) is published, from the output root."""
    return f"{FILES_FOLDER}/{source}"


def published_url(source: str) -> str:
    """The address of that file, relative to the site root, percent-encoded (names may have spaces)."""
    return urllib.parse.quote(published_path(source))


class Collision(Exception):
    def __init__(self, source: str, target: Path):
        super().__init__(source)
        self.source, self.target = source, target


def copy_published(content: Path, output: Path, sources) -> None:
    """Copies each source (relative to ``content``) under FILES_FOLDER in ``output``.

    Never overwrites: a file that is already there was written by this build (the output folder
    starts empty, and a previous build's FILES_FOLDER is removed first), so it is a collision.
    Raises Collision for the first one."""
    folder = output / FILES_FOLDER
    if folder.is_symlink() or folder.is_file():
        raise Collision(sorted(sources)[0] if sources else FILES_FOLDER, folder)
    for source in sorted(sources):
        target = output / published_path(source)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise Collision(source, next(p for p in target.parents if p.is_file() or p.is_symlink())) from None
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except FileExistsError:
            raise Collision(source, target) from None
        with os.fdopen(descriptor, "wb") as out, (content / source).open("rb") as data:
            while chunk := data.read(1 << 20):
                out.write(chunk)
