"""A feed as Atom and RSS bytes, with feedgen, made from the entries alone.

feedgen stamps the build time where a feed has no date of its own (Atom's feed <updated>, RSS
<lastBuildDate>) and its version in <generator>: both are set here, so the same content gives the
same bytes. Two processing instructions make a feed readable when opened in a browser: an XSL style
sheet, and a CSS one that browsers without XSLT fall back to.
"""

from __future__ import annotations

from dataclasses import dataclass

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .urls import MEDIA_TYPES

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATOR = "Konsulta"


@dataclass(frozen=True)
class FeedText:
    """What a feed says about itself; links are as written in the feed file."""

    id: str
    lang: str
    title: str
    description: str
    author: str
    self_links: dict  # format ("atom", "rss") -> the feed file's own address
    page_link: str
    page_title: str
    subscribe_link: str
    subscribe_title: str
    web_page_link: str  # the feed as a page of the site (urls.WEB_PAGE_SUFFIX)
    web_page_title: str
    rights: str | None = None  # the site's licence: Atom <rights>, RSS <copyright>


class _ChannelLinks(BaseExtension):
    """RSS has one link and no link names: the page and the Subscribe page go in as Atom links, named,
    as the browser view shows them."""

    def __init__(self):
        self.links = []
        self.declare_dc = False

    def extend_ns(self):
        # Declared once on <rss> for the entries' dc:language, not again on every item.
        return {"dc": DC_NS} if self.declare_dc else {}

    def extend_rss(self, rss):
        channel = rss.find("channel")
        for link in self.links:
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", link)
        return rss


class _EntryLanguage(BaseEntryExtension):
    """Each entry's language: xml:lang in Atom, dc:language in RSS (a feed may mix languages)."""

    def __init__(self):
        self.lang = None

    def extend_atom(self, entry):
        entry.set(XML_LANG, self.lang)
        return entry

    def extend_rss(self, item):
        etree.SubElement(item, f"{{{DC_NS}}}language").text = self.lang
        return item


@dataclass(frozen=True)
class FeedJob:
    """One feed's files, as plain data another process can make them from (konsulta_content.workers)."""

    files: dict  # format -> the file's path from the output root
    text: FeedText
    entries: tuple
    link: object  # link(url) as in feed_files: a konsulta_content.addresses.LinkFrom
    stylesheets: tuple
    empty_updated: object


def feed_batch(jobs: list[FeedJob]) -> list[tuple[str, bytes]]:
    """(path, bytes) of every file of ``jobs``, in any process."""
    return [(job.files[fmt], content) for job in jobs
            for fmt, content in feed_files(job.text, job.entries, link=job.link, stylesheets=job.stylesheets,
                                           empty_updated=job.empty_updated).items()]


def feed_files(text: FeedText, entries, *, link, stylesheets, empty_updated) -> dict[str, bytes]:
    """Format -> the feed file's bytes, for each format of ``text.self_links``. ``link(url)`` writes a URL
    from the output root as the feed files (in one folder) must; ``stylesheets`` are (media type, href)
    pairs; an empty feed is dated ``empty_updated``. One feedgen object serves both formats: a build
    writes two files per document, and building the entries was half the time."""
    fg = FeedGenerator()
    fg.register_extension("konsulta", _ChannelLinks, _EntryLanguage)
    fg.id(text.id)
    fg.title(text.title)
    fg.subtitle(text.description)  # RSS <description> too
    fg.language(text.lang)
    fg.author(name=text.author)
    fg.generator(GENERATOR)
    if text.rights:
        fg.rights(text.rights)  # feedgen writes it as RSS <copyright> too
    fg.konsulta.links = [
        {"rel": "alternate", "type": "text/html", "href": text.page_link, "title": text.page_title},
        {"rel": "related", "type": "text/html", "href": text.web_page_link, "title": text.web_page_title},
        {"rel": "related", "type": "text/html", "href": text.subscribe_link, "title": text.subscribe_title},
    ]
    fg.updated(max((e.updated for e in entries), default=empty_updated))
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.id)
        fe.title(entry.title)
        fe.link(href=link(entry.url), rel="alternate")
        fe.summary(entry.summary or entry.title)
        fe.published(entry.published)
        fe.updated(entry.updated)
        if entry.author:
            fe.author(name=entry.author)
        for category in entry.categories:
            fe.category(term=category.term, label=category.label,
                        **({"scheme": category.scheme} if category.scheme else {}))
        fe.konsulta.lang = entry.lang
    # Written as text, not added to the tree and serialised again.
    head = "<?xml version='1.0' encoding='UTF-8'?>\n" + "".join(
        f'<?xml-stylesheet type="{media_type}" href="{href}"?>\n' for media_type, href in stylesheets)
    files = {}
    for fmt, self_link in text.self_links.items():
        fg.konsulta.declare_dc = fmt == "rss"
        fg.link(href=self_link, rel="self", type=MEDIA_TYPES[fmt], replace=True)
        fg.link(href=text.web_page_link, rel="related", type="text/html", title=text.web_page_title)
        fg.link(href=text.subscribe_link, rel="related", type="text/html", title=text.subscribe_title)
        # feedgen makes the last link added RSS's <link>: the page the feed follows.
        fg.link(href=text.page_link, rel="alternate", type="text/html", title=text.page_title)
        root = (fg.atom_str if fmt == "atom" else fg.rss_str)(pretty=True, xml_declaration=False)
        files[fmt] = head.encode() + root
    return files
