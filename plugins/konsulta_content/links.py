"""The addresses in a document's body: link markers, local images and files, remote images.

Pelican copies any file a `{attach}`/`{static}` marker names, wherever it lies, into the output,
wherever that leads; so Konsulta resolves every marker itself, inside the content folder, and leaves
Pelican only `{filename}` links to documents it has checked (those copy nothing). What cannot be
resolved is a problem naming the line, never a silent skip.

Markers (as in Pelican): `{attach}path`, `{static}path`, `{filename}path` and the `|attach|path` form.
A path starting with "/" is relative to the content folder, any other to the document's folder.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from . import files
from .problems import display_path

MARKER = re.compile(r"^(?:\{(?P<braced>[^{}]*)\}|\|(?P<piped>[^|]*)\|)(?P<target>.*)$", re.DOTALL)
# An address that leaves the site: a scheme, or a host after two slashes (browsers read "\" as "/").
OFF_SITE = re.compile(r"^([a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)
FILE_MARKERS = ("attach", "static")
DOCUMENT_MARKERS = ("filename",)
DOCUMENT_SUFFIXES = (".md", ".markdown")
# Document pages live at {lang}/{slug}/, two folders below the site root.
TO_SITE_ROOT = "../../"


class LinkProblem(Exception):
    """An address in the body that cannot be published, with the sentence that says what to do."""


class BodyLinks:
    """Resolves the addresses of one document's body and remembers the files it publishes."""

    def __init__(self, source_path: str, content_root: Path):
        self.folder = Path(source_path).parent
        self.root = content_root.resolve()
        self.published: list[str] = []  # files to publish, relative to the content folder
        # Links to pages of this site as written ("../other-document/"): checked once every document is
        # read, against the addresses documents get (site.Site.check_links)
        self.site_links: list[str] = []

    def resolve(self, tag: str, attribute: str, value: str) -> tuple[str, bool]:
        """(address to publish, whether it must reach Pelican as written). Raises LinkProblem."""
        marker = MARKER.match(value)
        if marker is not None:
            what = (marker.group("braced") if marker.group("braced") is not None else marker.group("piped")).strip()
            return self._marker(what, marker.group("target"), image=(tag == "img"))
        if tag == "img" and attribute == "src":
            return self._image(value), False
        if tag == "a" and attribute == "href" and value.strip() and not value.startswith("#") and not OFF_SITE.match(value):
            self._page_link(value)
        return value, False

    def _page_link(self, value: str) -> None:
        """A link to a page of the site, kept for Site.check_links; one that names a file beside the
        document would lead nowhere once published (pages are folders of their own), so it is a problem."""
        path, _ = _split_address(value)
        if path and not path.startswith("/"):
            try:
                found = (self.folder / urllib.parse.unquote(path)).resolve()
                is_file = found.is_relative_to(self.root) and found.is_file()
            except (OSError, ValueError, RuntimeError):
                is_file = False
            if is_file and found.suffix.lower() in DOCUMENT_SUFFIXES:
                raise LinkProblem(f"the link {value!r} names the document's file, not its page: write "
                                  f"({{filename}}{value}), which leads to its page")
            if is_file:
                raise LinkProblem(f"the link {value!r} names a file, which is published only when the link says so: "
                                  f"write ({{attach}}{value})")
        self.site_links.append(value)

    def _marker(self, what: str, target: str, *, image: bool) -> tuple[str, bool]:
        path, suffix = _split_address(target)
        if what in FILE_MARKERS:
            source = self._content_file(path, image=image)
            return TO_SITE_ROOT + files.published_url(source) + suffix, False
        if what in DOCUMENT_MARKERS:
            found = self._inside(path)
            if found.suffix.lower() not in DOCUMENT_SUFFIXES:
                raise LinkProblem(f"{{{what}}}{target} is not a document: link documents (.md) with "
                                  "{filename}, and files with {attach}")
            # Pelican replaces {filename} with the linked document's address; it reads no file to do so.
            return "{filename}/" + urllib.parse.quote(found.relative_to(self.root).as_posix()) + suffix, True
        raise LinkProblem(f"the link marker {{{what}}} is not supported: link a file with {{attach}}path and a "
                          "document with {filename}path.md")

    def _image(self, src: str) -> str:
        if OFF_SITE.match(src):
            raise LinkProblem(f"the image {src!r} is on another site: every reader's browser would contact it "
                              "(and the published security policy blocks it). Save the image in the content "
                              "folder and link it by its path")
        if src.startswith(("/", "#")):
            return src  # an address on this site, outside the content: nothing to publish
        path, suffix = _split_address(src)
        return TO_SITE_ROOT + files.published_url(self._content_file(path, image=True)) + suffix

    def _content_file(self, path: str, *, image: bool) -> str:
        found = self._inside(path)
        problem = files.publishable_problem(found, image=image)
        if problem:
            raise LinkProblem(problem)
        source = found.relative_to(self.root).as_posix()
        self.published.append(source)
        return source

    def _inside(self, path: str) -> Path:
        return find_content_file(self.root, self.folder, urllib.parse.unquote(path))


def find_content_file(root: Path, folder: Path, path: str) -> Path:
    """The existing file ``path`` names (relative to ``folder``, or to the content folder ``root`` when it
    starts with "/"), which must lie inside ``root`` once symlinks are followed. Raises LinkProblem."""
    if not path:
        raise LinkProblem("no file is named: write the file's path")
    base = root if path.startswith("/") else folder
    try:
        found = (base / path.lstrip("/")).resolve()
        exists = found.is_file()
    except (OSError, ValueError, RuntimeError):  # a symlink loop, a NUL byte, a name too long
        raise LinkProblem(f"{path!r} is not a usable file name: give a path relative to this document") from None
    if not found.is_relative_to(root):
        raise LinkProblem(f"{path!r} leads outside the content folder: the file must be inside the content "
                          "folder; copy it there and give its path from there")
    if not exists:
        raise LinkProblem(f"file not found: {display_path(found)}; add the file or fix the path "
                          "(relative to this document, or to the content folder when it starts with /)")
    return found


def site_address(address: str, lang: str, slug: str) -> tuple[str, str]:
    """(path from the site root, fragment) a link on the page of document (``lang``, ``slug``) leads to,
    as a browser resolves it: the page is the folder {lang}/{slug}/ (ARTICLE_URL), so "../other/" is
    another document of the language and "../../tr/other/" one in Turkish."""
    parsed = urllib.parse.urlsplit(urllib.parse.urljoin(f"https://site.invalid/{lang}/{slug}/", address.strip()))
    return urllib.parse.unquote(parsed.path).lstrip("/"), urllib.parse.unquote(parsed.fragment)


def _split_address(address: str) -> tuple[str, str]:
    """('path', '?query#fragment') of a relative address."""
    cut = min((i for i in (address.find("?"), address.find("#")) if i >= 0), default=len(address))
    return address[:cut], address[cut:]
