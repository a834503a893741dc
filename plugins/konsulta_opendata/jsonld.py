"""schema.org JSON-LD for a document page: what it is, in which language, when, and who issued it."""

from __future__ import annotations

import datetime as dt

from jinja2 import pass_context

from konsulta_content.doctypes import document_type
from konsulta_feeds import identity
from konsulta_history.dates import last_changed
from konsulta_listings.urls import home_url



@pass_context
def json_ld(context, article, siteurl: str) -> dict:
    """``siteurl`` is the page's SITEURL, so addresses resolve as the page's own links do."""
    site = context["site"]
    doc = article.doc
    fields = doc.fields

    def url(path):
        return f"{siteurl}/{path}"

    def organisation(slug):
        body = site.find(slug, doc.lang)
        if body is None:
            return None
        return {"@type": "GovernmentOrganization", "name": body.title, "url": url(body.url)}

    data = {
        "@context": "https://schema.org",
        "@type": kind.schema_org if (kind := document_type(doc.type)) is not None else "CreativeWork",
        # The permanent identity the feeds use: the same whatever the title or address becomes.
        "@id": identity.document_id(doc, context["tag_authority"]),
        "name": doc.title,
        "description": fields.get("summary") or "",
        "inLanguage": doc.lang,
        "url": url(article.url),
        "isPartOf": {"@type": "WebSite", "name": context["site_name"](doc.lang), "url": url(home_url(doc.lang))},
    }
    translations = [a for a in site.translations_of(article) if a is not article]
    if translations:
        data["workTranslation"] = [{"@type": data["@type"], "inLanguage": a.doc.lang, "url": url(a.url)}
                                   for a in translations]
    if doc.type == "body":
        if isinstance(fields.get("established"), dt.date):
            data["foundingDate"] = fields["established"].isoformat()
        parent = organisation(fields["parent"]) if isinstance(fields.get("parent"), str) else None
        if parent:
            data["parentOrganization"] = parent
        return data
    data["headline"] = doc.title
    data["datePublished"] = fields["date"].isoformat()
    data["dateModified"] = last_changed(article).isoformat()  # the page's "Last updated" (konsulta_history.dates)
    if fields.get("topics"):
        data["keywords"] = list(fields["topics"])
    if fields.get("reference"):
        data["identifier"] = fields["reference"]
    publisher = organisation(fields["body"]) if isinstance(fields.get("body"), str) else None
    if publisher:
        data["publisher"] = data["author"] = publisher
    if doc.type == "outcome" and isinstance(fields.get("responds_to"), str):
        draft = site.find(fields["responds_to"], doc.lang)
        if draft is not None:
            data["about"] = {"@type": "DigitalDocument", "name": draft.title, "url": url(draft.url)}
    return data
