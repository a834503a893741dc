"""One record per document and language: the metadata documents.json and documents.csv publish.

Every key is in every record (null or empty where a document has no value), so the JSON and the CSV
have the same shape for every type; fields only some types have are under ``details``.
"""

from __future__ import annotations

import datetime as dt

from konsulta_content.documents import consultation_days
from konsulta_feeds import catalogue, identity
from konsulta_history.dates import last_updated
from konsulta_outcomes.exports import response_exports

# Front matter published as top-level keys; every other field is a detail of the document's type.
TOP_LEVEL = ("title", "type", "lang", "date", "modified", "summary", "slug", "topics", "body", "reference",
             "legal_basis", "attachments", "status", "superseded_by", "consultation", "outcome", "responds_to",
             "responses")


def record(article, site, *, link, authority: str) -> dict:
    """``link(url)`` writes a URL from the output root as the data file must."""
    doc = article.doc
    fields = doc.fields
    outcome = site.outcome_of(article, doc.lang) if doc.type == "draft" else None
    feed = catalogue.of_document(article)
    return {
        "id": identity.document_id(doc, authority),
        "lang": doc.lang,
        "slug": doc.slug,
        "type": doc.type,
        "title": doc.title,
        "summary": fields.get("summary") or "",
        "date": fields["date"].isoformat(),
        "modified": _iso(last_updated(article)),  # the page's "Last updated" (konsulta_history.dates)
        "url": link(article.url),
        "translations": {a.doc.lang: link(a.url) for a in site.translations_of(article)},
        "topics": list(fields.get("topics") or []),
        "body": fields.get("body"),
        "reference": fields.get("reference"),
        "legal_basis": list(fields.get("legal_basis") or []),
        "status": fields.get("status"),
        "superseded_by": fields.get("superseded_by"),
        "consultation": _consultation(doc),
        "outcome": outcome.doc.slug if outcome is not None else None,
        "responds_to": fields.get("responds_to"),
        "responses": _responses(article, link) if doc.type == "outcome" else None,
        "attachments": [{"title": a.title, "url": link(a.url), "format": a.format, "size": a.size}
                        for a in doc.attachments],
        "feeds": {"atom": link(feed.atom), "rss": link(feed.rss)},
        "details": {name: _plain(value) for name, value in sorted(fields.items()) if name not in TOP_LEVEL},
    }


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else None


def _consultation(doc) -> dict | None:
    days = consultation_days(doc)
    return {"opens": days[0].isoformat(), "closes": days[1].isoformat()} if days is not None else None


def _responses(article, link) -> dict:
    exports = {export.format.lower(): link(export.path) for export in response_exports(article)}
    return {"count": len(article.doc.responses), **exports}


def _plain(value):
    """Front matter as JSON: dates as YYYY-MM-DD, everything else as written."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def records(site, *, link, authority: str) -> list[dict]:
    """Translations side by side: by slug, then in the site's language order."""
    order = {lang: index for index, lang in enumerate(site.languages)}
    ordered = sorted(site.articles, key=lambda a: (a.doc.slug, order.get(a.doc.lang, len(order)), a.doc.lang))
    return [record(a, site, link=link, authority=authority) for a in ordered]
