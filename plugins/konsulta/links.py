"""The link checker of the site checks: every internal address of a built site, resolved against its
output folder (pages, the files they load, anchors), in the HTML pages, the feeds and the sitemap.
External addresses are listed, never fetched: a check must give the same answer offline."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Addresses that are not files of the site: listed by the link checker, never fetched.
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
# (tag, attribute) pairs that point to another file or a place in one.
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action"), ("area", "href"), ("video", "src"), ("audio", "src"))


class LinkChecker:
    """Resolves every internal address of a built site against its output folder.

    A page at ``en/x/index.html`` has the URL ``/en/x/``; a directory URL maps to its index.html.
    External http(s), mailto and tel addresses are collected in ``external``, never fetched."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.external: set[str] = set()
        self._ids: dict[Path, set[str]] = {}

    def ids_of(self, page: Path) -> set[str]:
        if page not in self._ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            ids = {tag["id"] for tag in soup.find_all(id=True)}
            ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
            self._ids[page] = ids
        return self._ids[page]

    def target(self, base_url: str, address: str) -> tuple[Path | None, str, str | None]:
        """(file, fragment, problem) for an address found in the document at ``base_url`` (a path from the root)."""
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            if parts.scheme in EXTERNAL_SCHEMES or (not parts.scheme and parts.netloc):
                self.external.add(address)
                return None, "", None
            return None, "", f"address with the scheme {parts.scheme!r}"
        if not parts.path:
            path = base_url
        elif parts.path.startswith("/"):
            path = parts.path
        else:
            path = posixpath.join(posixpath.dirname(base_url), parts.path)
        normal = posixpath.normpath(unquote(path).lstrip("/") or ".")
        if normal == ".." or normal.startswith("../"):
            return None, "", "goes above the site root"
        file = self.root / normal
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return None, "", f"no such file: {file.relative_to(self.root)}"
        return file, unquote(parts.fragment), None

    def check_page(self, page: Path) -> list[str]:
        base_url = "/" + page.relative_to(self.root).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        found = []
        for tag_name, attribute in LINK_ATTRIBUTES:
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                found.extend(self._check(page, base_url, tag[attribute], f"<{tag_name} {attribute}>"))
            for tag in soup.find_all(tag_name, attrs={"srcset": True}):
                for candidate in tag["srcset"].split(","):
                    if candidate.strip():
                        found.extend(self._check(page, base_url, candidate.split()[0], f"<{tag_name} srcset>"))
        return found

    def check_xml(self, file: Path) -> list[str]:
        """Feeds (link href, xml-stylesheet href) and the sitemap (loc, xhtml:link href)."""
        from lxml import etree

        base_url = "/" + file.relative_to(self.root).as_posix()
        tree = etree.parse(str(file))
        addresses = []
        for pi in tree.xpath("//processing-instruction('xml-stylesheet')"):
            if pi.get("href"):
                addresses.append(("xml-stylesheet", pi.get("href")))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            local = etree.QName(element).localname
            if local == "link" and element.get("href"):
                addresses.append(("link href", element.get("href")))
            elif local == "loc" and element.text:
                addresses.append(("loc", element.text.strip()))
        found = []
        for what, address in addresses:
            found.extend(self._check(file, base_url, address, f"<{what}>"))
        return found

    def _check(self, page: Path, base_url: str, address: str, where: str) -> list[str]:
        address = address.strip()
        shown = page.relative_to(self.root)
        target, fragment, problem = self.target(base_url, address)
        if problem:
            return [f"{shown}: {where} {address!r}: {problem}"]
        if target is None or not fragment:
            return []
        if target.suffix == ".html" and fragment not in self.ids_of(target):
            return [f"{shown}: {where} {address!r}: no element with id {fragment!r} in {target.relative_to(self.root)}"]
        return []


def broken_links(root: Path) -> tuple[list[str], set[str]]:
    """(every broken address in the built site at ``root``, as 'file: <tag attribute> 'address': why';
    the external addresses found), over its HTML pages, feeds and sitemap. Check a build with relative
    addresses (pelicanconf.py): in a publishconf.py build every address is absolute, so external."""
    root = root.resolve()
    checker = LinkChecker(root)
    broken = [problem for page in sorted(root.rglob("*.html")) for problem in checker.check_page(page)]
    broken += [problem for file in sorted(root.rglob("*.xml")) for problem in checker.check_xml(file)]
    return broken, checker.external
