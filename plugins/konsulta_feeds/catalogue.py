"""Every feed of the site: one per listing page (a language's documents, each type, topic and issuing
body), consultations as they open, everything in every language, and one per document.

A feed follows exactly the documents of the page it names, so a listing and its feed never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context

from konsulta_consultations.urls import consultations_url
from konsulta_listings import urls as listing_urls

from . import urls


@dataclass(frozen=True)
class Feed:
    kind: str  # "all", "language", "type", "topic", "body", "consultations" or "document"
    lang: str | None  # None: every language
    path: str  # without the format suffix
    page: str  # the page it follows, from the output root
    key: str | None = None  # the type, topic slug, body slug or document slug
    label: str | None = None  # the topic as written, the body's or document's title

    @property
    def atom(self) -> str:
        return self.path + urls.FORMATS["atom"]

    @property
    def rss(self) -> str:
        return self.path + urls.FORMATS["rss"]

    @property
    def web_page(self) -> str:
        """The feed as a page of the site (urls.WEB_PAGE_SUFFIX). A document's feed is its page, which shows
        every entry of the feed: the document, its revisions (its history), its consultation and outcome."""
        return self.page if self.kind == "document" else self.path + urls.WEB_PAGE_SUFFIX

    def file(self, fmt: str) -> str:
        return self.path + urls.FORMATS[fmt]


def everything() -> Feed:
    return Feed("all", None, urls.site_feed("all"), "")


def language(lang: str) -> Feed:
    return Feed("language", lang, urls.site_feed(lang, "all"), listing_urls.home_url(lang))


def of_type(lang: str, doc_type: str) -> Feed:
    return Feed("type", lang, urls.site_feed(lang, listing_urls.TYPE_PATH, doc_type),
                listing_urls.type_url(lang, doc_type), key=doc_type)


def of_topic(lang: str, slug: str, label: str) -> Feed:
    return Feed("topic", lang, urls.site_feed(lang, listing_urls.TOPIC_PATH, slug),
                listing_urls.topic_url(lang, slug), key=slug, label=label)


def of_body(site, lang: str, body_slug: str) -> Feed:
    body = site.find(body_slug, lang)
    return Feed("body", lang, urls.site_feed(lang, listing_urls.ISSUED_BY_PATH, body_slug),
                listing_urls.issued_by_url(lang, body_slug), key=body_slug, label=body.title if body else body_slug)


def consultations(lang: str) -> Feed:
    return Feed("consultations", lang, urls.site_feed(lang, "consultations"), consultations_url(lang))


def of_document(article) -> Feed:
    return Feed("document", article.doc.lang, urls.document_feed(article), article.url,
                key=article.doc.slug, label=article.title)


def sections(site, lang: str) -> list[tuple[str, list[Feed]]]:
    """One language's feeds in the groups the Subscribe page shows, each group named by its key."""
    return [
        ("language", [language(lang)]),
        ("consultations", [consultations(lang)]),
        ("type", [of_type(lang, doc_type) for doc_type in site.types]),
        ("topic", [of_topic(lang, slug, label) for slug, (label, _) in site.topics(lang).items()]),
        ("body", [of_body(site, lang, body) for body in site.bodies_with_documents_any()]),
        ("document", [of_document(article) for article in site.in_lang(lang)]),
    ]


def _own_feeds(context, site, lang) -> list[Feed]:
    """The feeds about the page itself, most specific first: its document's (and a body's documents'),
    its listing's, the consultations'."""
    found = []
    article = context.get("article")
    if article is not None and getattr(article, "doc", None) is not None:
        found.append(of_document(article))
        if article.doc.type == "body" and article.doc.slug in site.bodies_with_documents_any():
            found.append(of_body(site, lang, article.doc.slug))
    kind, key = context.get("listing_kind"), context.get("listing_key")
    if kind == "type":
        found.append(of_type(lang, key))
    elif kind == "topic":
        found.append(of_topic(lang, site.topic_slug(key), key))
    elif kind == "body":
        found.append(of_body(site, lang, key))
    if str(context.get("page_url") or "").startswith(consultations_url(lang)):
        found.append(consultations(lang))
    return found


@pass_context
def page_feeds(context) -> list[Feed]:
    """The feeds a page links in its <head>, the one about this very page first: feed readers
    and browsers offer the first."""
    site = context.get("site")
    lang = context.get("page_lang")
    if site is None or not lang:
        return []
    found = _own_feeds(context, site, lang)
    if context.get("page_url") == "":
        found.append(everything())
    return found + [language(lang)]


@pass_context
def follow_feed(context) -> Feed | None:
    """The feed a page's visible "Follow" offers: the one about the page itself (a body's page offers
    its documents' feed), or the language's on other pages."""
    site = context.get("site")
    lang = context.get("page_lang")
    if site is None or not lang:
        return None
    own = _own_feeds(context, site, lang)
    return next((feed for feed in own if feed.kind == "body"), own[0] if own else language(lang))
