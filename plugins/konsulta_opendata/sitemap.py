"""sitemap.xml: every page the build writes, with its translations as hreflang alternates.

Pages are collected as Pelican writes them (the content_written signal), so pages of every plugin
are listed without this one knowing them.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from konsulta_history.dates import last_changed

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NOT_LISTED = {"404.html"}  # in any folder: the site-wide one and each language's


@dataclass(frozen=True)
class Page:
    url: str  # from the output root: "en/parking-rules/", "" for the root page
    alternates: tuple[tuple[str, str], ...]  # (language, URL) of every language version, this one included
    lastmod: dt.date | None


def page_of(path: str, context: dict) -> Page | None:
    """The page Pelican just wrote at ``path``, or None for files that are not listed."""
    name = posixpath.join(*os.path.relpath(path, context["OUTPUT_PATH"]).split(os.sep))
    if not name.endswith(".html") or posixpath.basename(name) in NOT_LISTED or context.get("redirect_to") is not None:
        return None  # an earlier address (konsulta_history.redirects) is not a page of its own
    url = name[: -len("index.html")] if name == "index.html" or name.endswith("/index.html") else name
    alternates = context.get("alternates") or ()
    lastmod = None
    article = context.get("article")
    if article is not None and getattr(article, "doc", None) is not None:
        site = context.get("site")
        alternates = site.alternates(article) if site is not None else ()
        lastmod = last_changed(article)  # the page's "Last updated" (konsulta_history.dates)
    return Page(url, tuple(tuple(a) for a in alternates), lastmod if isinstance(lastmod, dt.date) else None)


def sitemap_bytes(pages, *, link, default_lang: str) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in sorted(pages, key=lambda p: p.url):
        element = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = link(page.url)
        if page.lastmod is not None:
            ET.SubElement(element, f"{{{SITEMAP_NS}}}lastmod").text = page.lastmod.isoformat()
        if len(page.alternates) > 1:
            default = next((url for lang, url in page.alternates if lang == default_lang), page.alternates[0][1])
            for lang, url in [*page.alternates, ("x-default", default)]:
                ET.SubElement(element, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=link(url))
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
