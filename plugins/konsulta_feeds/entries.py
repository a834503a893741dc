"""What a feed says about a document: its entry, its revisions, and a consultation's opening. Every date
comes from the document and its history in git; nothing reads the clock, so builds of the same content
write the same feeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from konsulta_consultations.lifecycle import start_of_day
from konsulta_content.addresses import is_absolute
from konsulta_history.dates import last_changed
from konsulta_listings import urls as listing_urls

from . import identity


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str | None  # the listing pages' address, when the site has an absolute one


@dataclass(frozen=True)
class Entry:
    id: str
    lang: str
    title: str
    summary: str
    url: str  # the page, from the output root
    published: dt.datetime
    updated: dt.datetime
    categories: tuple[Category, ...] = ()
    author: str | None = None  # the issuing body's name


class EntryMaker:
    """Entries of one build: the site's documents, its tag authority and time zone, the theme's wording."""

    def __init__(self, site, *, authority: str, timezone, wording, siteurl: str = ""):
        self.site = site
        self.authority = authority
        self.timezone = timezone
        self.wording = wording
        self.siteurl = siteurl.rstrip("/") if is_absolute(siteurl) else ""
        self._made = {}  # (kind, lang, slug) -> Entry: a document is in up to six feeds, its entry is one

    def _once(self, kind, article, make):
        key = (kind, *article.doc.key)
        if key not in self._made:
            self._made[key] = make(article)
        return self._made[key]

    def _moment(self, day: dt.date) -> dt.datetime:
        return start_of_day(day, self.timezone)

    def _categories(self, doc) -> tuple[Category, ...]:
        def scheme(path):
            return f"{self.siteurl}/{doc.lang}/{path}/" if self.siteurl else None

        found = [Category(doc.type, self.wording(doc.lang, "type_name", doc.type), scheme(listing_urls.TYPE_PATH))]
        for topic in doc.fields.get("topics") or []:
            found.append(Category(self.site.topic_slug(topic), topic, scheme(listing_urls.TOPIC_PATH)))
        body_slug = doc.fields.get("body")
        if isinstance(body_slug, str):
            found.append(Category(body_slug, self._body_name(body_slug, doc.lang), scheme(listing_urls.ISSUED_BY_PATH)))
        return tuple(found)

    def _body_name(self, body_slug: str, lang: str) -> str:
        body = self.site.find(body_slug, lang)
        return body.title if body is not None else body_slug

    def _entry(self, article, **changes) -> Entry:
        doc = article.doc
        values = dict(
            id=identity.document_id(doc, self.authority),
            lang=doc.lang,
            title=doc.title,
            summary=doc.fields.get("summary") or "",
            url=article.url,
            published=self._moment(doc.fields["date"]),
            updated=self._moment(last_changed(article)),
            categories=self._categories(doc),
            author=self._body_name(doc.fields["body"], doc.lang) if isinstance(doc.fields.get("body"), str) else None,
        )
        values.update(changes)
        return Entry(**values)

    def document(self, article) -> Entry:
        """The document as published, updated on its last change: the same entry in every feed."""
        return self._once("document", article, self._entry)

    def revisions(self, article) -> list[Entry]:
        """The document's revisions as entries of their own, for people following that one document: each
        update in git with a page showing what changed (konsulta_history), and the `modified` day when
        no update in git falls on it (a revision from before the repository, or a copy without git)."""
        return self._once("revisions", article, self._revisions)

    def _revisions(self, article) -> list[Entry]:
        doc, lang = article.doc, article.doc.lang
        history = getattr(article, "history", None)
        updates = history.updates if history is not None else []
        found = [self._entry(article, id=identity.revision_id(doc, self.authority, revision.version.commit),
                             title=self.wording(lang, "revision_title", doc.title),
                             summary=self.wording(lang, "revision_summary", revision.note or revision.version.message,
                                                  revision.comparison),
                             url=history.changes_url(article, revision.version),
                             published=revision.version.date, updated=revision.version.date)
                 for revision in updates]
        modified = doc.fields.get("modified")
        if isinstance(modified, dt.date) and all(r.version.date.date() != modified for r in updates):
            moment = self._moment(modified)
            found.append(self._entry(article, id=identity.revision_id(doc, self.authority, modified.isoformat()),
                                     title=self.wording(lang, "revision_title", doc.title),
                                     published=moment, updated=moment))
        return found

    def opening(self, article) -> Entry | None:
        """A consultation's opening, dated the moment it opened; none before that moment."""
        return self._once("opening", article, self._opening)

    def _opening(self, article) -> Entry | None:
        consultation = getattr(article, "consultation", None)
        if consultation is None or not consultation.has_opened:
            return None
        lang = article.doc.lang
        return self._entry(
            article, id=identity.opening_id(article.doc, self.authority),
            title=self.wording(lang, "opening_title", article.doc.title),
            summary=self.wording(lang, "opening_summary", article.doc.fields.get("summary") or "", consultation.closes_at),
            published=consultation.opens_at, updated=consultation.opens_at,
        )


def newest_first(entries) -> list[Entry]:
    return sorted(entries, key=lambda e: (-e.updated.timestamp(), -e.published.timestamp(), e.id))


def feed_entries(feed, maker: EntryMaker, consultations) -> list[Entry]:
    """The entries of one feed (see catalogue.Feed), newest first."""
    site = maker.site
    if feed.kind == "all":
        found = [maker.document(a) for a in site.articles]
    elif feed.kind == "language":
        found = [maker.document(a) for a in site.in_lang(feed.lang)]
    elif feed.kind == "type":
        found = [maker.document(a) for a in site.in_lang(feed.lang, feed.key)]
    elif feed.kind == "topic":
        found = [maker.document(a) for a in site.topics(feed.lang).get(feed.key, ("", []))[1]]
    elif feed.kind == "body":
        found = [maker.document(a) for a in site.issued_by(feed.key, feed.lang)]
    elif feed.kind == "consultations":
        drafts = consultations.in_lang(feed.lang) if consultations is not None else []
        found = [maker.opening(a) for a in drafts]
    else:
        found = _document_history(feed, maker)
    return newest_first(e for e in found if e is not None)


def _document_history(feed, maker: EntryMaker) -> list:
    """One document followed on its own: published, revised, its consultation opened, its outcome."""
    article = maker.site.find(feed.key, feed.lang)
    found = [maker.document(article), *maker.revisions(article), maker.opening(article)]
    if article.doc.type == "draft":
        outcome = maker.site.outcome_of(article, article.doc.lang)
        if outcome is not None:
            found.append(maker.document(outcome))
    return found
