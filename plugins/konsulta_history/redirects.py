"""Old addresses that keep working: a small page at each earlier address of a document that sends readers
to where it is now, and a `_redirects` file for hosts that read one (Netlify, Cloudflare Pages).

A document's earlier addresses are those of its versions on the branch (konsulta_history.gitlog: a file
renamed in git, a `slug` changed) and those its front matter lists under `aliases` (addresses it had
before the site kept it in git, or on another site). The page works on any static host: a link, a
`<meta http-equiv="refresh">` with no delay and a canonical link, no script.

An alias is the editor's statement, so an alias that cannot lead to its document (it is a page of the
site today, or another document's alias) is a problem naming both. An earlier address from git is not:
the current page keeps it (a name renamed away may be reused by a new document, and history cannot
be changed), and the build warns, naming both.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import PurePosixPath

from konsulta_content.pages import write_file, write_page
from konsulta_content.problems import display_path
from konsulta_content.schema import ALIASES, is_slug


REDIRECTS_FILE = "_redirects"
ALIAS = re.compile(ALIASES["items"]["pattern"])
FROM_ALIAS, FROM_HISTORY = "alias", "history"


@dataclass(frozen=True)
class Redirect:
    source: str  # the earlier address, from the output root: "en/old-name/" or "old/page.html"
    article: object  # the document it leads to
    kind: str  # FROM_ALIAS or FROM_HISTORY


def page_address(settings, lang: str, slug: str) -> str:
    """A document's address from the output root, as Pelican makes ``article.url`` (ARTICLE_URL)."""
    return settings["ARTICLE_URL"].format(lang=lang, slug=slug)


def address_from_path(settings, languages, content_relative: str) -> str | None:
    """The address a file at this content path had when its front matter set no `slug` (for versions
    that are not read: withheld or redacted); None where it cannot have had one."""
    path = PurePosixPath(content_relative)
    if len(path.parts) < 2 or path.parts[0] not in languages or not is_slug(path.stem):
        return None
    return page_address(settings, path.parts[0], path.stem)


def normalised(alias: str) -> str:
    """An alias as an address from the output root: no leading slash; a folder ends with one."""
    address = alias.lstrip("/")
    return address if address.endswith(("/", ".html", ".htm")) else address + "/"


def writable(address: str) -> bool:
    """Whether a page may be written at this address: what the content model accepts as an alias (never
    "..", a hidden name or an absolute path), checked again where the file is written."""
    return ALIAS.fullmatch("/" + address) is not None


class Addresses:
    """What the site publishes where, to tell whether an earlier address is free. ``top_level``: what the
    build writes at the root of the output besides the language folders (every plugin's declared files,
    konsulta_content.plugins.Plugins.top_level); the theme's static files come with THEME_STATIC_DIR."""

    def __init__(self, site, settings, top_level):
        self.site = site
        self.documents = {page_address(settings, a.doc.lang, a.doc.slug): a for a in site.articles}
        self.top = {*top_level, settings.get("THEME_STATIC_DIR") or "theme"}

    def taken_by(self, address: str) -> tuple[str, object | None] | None:
        """(what the site has there, the document if it is one) for an address the site uses; None when free."""
        parts = address.split("/")
        folders = ["/".join(parts[:n]) + "/" for n in range(1, len(parts))]
        for folder in folders:  # a document's page, or a page in its folder (its changes pages)
            if folder in self.documents:
                article = self.documents[folder]
                where = "the address of" if folder == address else "under the address of"
                return f"{where} {display_path(article.doc.source_path)}", article
        first = parts[0]
        if first in self.site.languages:
            second = parts[1] if len(parts) > 1 else ""
            if second in ("", "index.html"):
                return f"the home page of the language {first!r}", None
            if second in self.site.reserved:
                return f"where the site lists documents ({first}/{second}/)", None
            return None
        if first in self.top:
            return f"where the site publishes {first}{'/' if len(parts) > 1 else ''}", None
        return None


def check_aliases(build) -> None:
    """konsulta_history's checking step (plugin.py): the aliases' problems, in the build and scripts/validate."""
    build.report(alias_problems(build.site, build.settings, build.plugins.top_level()))


def alias_problems(site, settings, top_level) -> list:
    """Every alias that cannot lead to its document: a page of the site today, or another document's alias."""
    addresses = Addresses(site, settings, top_level)
    claimed: dict[str, list] = {}  # address -> [(article, index in its aliases)]
    problems = []
    for article in site.articles:
        aliases = article.doc.fields.get("aliases")
        if not isinstance(aliases, list):
            continue
        seen = set()
        for index, alias in enumerate(aliases):
            if not isinstance(alias, str):
                continue  # reported by the schema
            address = normalised(alias)
            where = ("aliases", index)
            if address in seen:
                problems.append(article.doc.make_problem(f"{alias!r} is given twice: keep one", path=where))
                continue
            seen.add(address)
            taken = addresses.taken_by(address)
            if taken is not None and taken[1] is article:
                where_in = "" if taken[0].startswith("the address") else "under "
                problems.append(article.doc.make_problem(
                    f"{alias!r} is {where_in}this document's own address: remove it from 'aliases'", path=where))
            elif taken is not None:
                problems.append(article.doc.make_problem(
                    f"{alias!r} is {taken[0]}: an old address cannot be a page of the site today; "
                    "remove it from 'aliases'", path=where))
            else:
                claimed.setdefault(address, []).append((article, index))
    for address, claims in claimed.items():
        if len(claims) < 2:
            continue
        for article, index in claims:
            others = ", ".join(display_path(a.doc.source_path) for a, _ in claims if a is not article)
            problems.append(article.doc.make_problem(
                f"{'/' + address!r} is also an alias of {others}: an old address can lead to one document "
                "only; remove it from all but one", path=("aliases", index)))
    return problems


def plan(site, settings, earlier: dict, top_level) -> tuple[list[Redirect], list[str]]:
    """The redirects to write, by earlier address, and warnings for the earlier addresses from git that
    are not written where their document would have them. ``earlier``: article -> [(address, version)],
    the addresses of its versions other than its own. Aliases are taken as checked (alias_problems)."""
    addresses = Addresses(site, settings, top_level)
    found: dict[str, Redirect] = {}
    for article in site.articles:  # aliases first: the editor's word
        for alias in article.doc.fields.get("aliases") or []:
            address = normalised(alias)
            if writable(address) and addresses.taken_by(address) is None and address not in found:
                found[address] = Redirect(address, article, FROM_ALIAS)
    holders: dict[str, tuple] = {}  # address -> (version, article): the document that had it last
    for article, known in earlier.items():
        for address, version in known:
            held = holders.get(address)
            if held is None or (version.date, version.commit) > (held[0].date, held[0].commit):
                holders[address] = (version, article)
    warnings = []
    for address, (_, article) in sorted(holders.items()):
        name = display_path(article.doc.source_path)
        taken = addresses.taken_by(address)
        if taken is not None:
            warnings.append(f"{name}: its earlier address /{address} is now {taken[0]}: that page stays, "
                            "and the address does not lead to this document")
        elif address in found and found[address].article is not article:
            other = display_path(found[address].article.doc.source_path)
            warnings.append(f"{name}: its earlier address /{address} is an alias of {other}: the alias is kept, "
                            "and the address does not lead to this document")
        elif address not in found and writable(address):
            found[address] = Redirect(address, article, FROM_HISTORY)
    earlier_holders = sorted({(address, article.doc.source_path, holders[address][1].doc.source_path)
                              for article, known in earlier.items() for address, _ in known
                              if holders[address][1] is not article})
    for address, path, later in earlier_holders:
        warnings.append(f"{display_path(path)}: its earlier address /{address} was later the address of "
                        f"{display_path(later)}, which it leads to")
    return [found[address] for address in sorted(found)], warnings


def redirects_file(redirects: list[Redirect], siteurl: str) -> bytes:
    """`_redirects` in the syntax Netlify and Cloudflare Pages share: `source destination 301`, paths from
    the host's root. A plain 301, not Netlify's forced `301!`: Cloudflare's Workers static assets reject
    a whole file with it. Netlify then serves the page at the old address (a file shadows a rule that
    is not forced), which sends readers on by itself."""
    prefix = urllib.parse.urlsplit(siteurl).path.strip("/") if "://" in siteurl else ""
    root = f"/{prefix}/" if prefix else "/"
    lines = ["# Earlier addresses of documents and where they are now (written by Konsulta; see docs/history.md)."]
    for redirect in redirects:
        source = urllib.parse.quote(root + redirect.source)
        target = urllib.parse.quote(root + redirect.article.url)
        lines.append(f"{source} {target} 301")
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(generator, writer, redirects: list[Redirect]) -> None:
    """A page at each earlier address, and `_redirects` beside the home page."""
    if not redirects:
        return
    for redirect in redirects:
        article = redirect.article
        write_page(generator, writer, redirect.source, "redirect", lang=article.lang, alternates=(),
                   redirect_to=article)
    write_file(generator.output_path, REDIRECTS_FILE,
               redirects_file(redirects, generator.settings.get("SITEURL") or ""))
