"""The document types, declared once: each type's name and what the code says about it. The content
model's fields per type (schema.py), the listings and the menu (konsulta_listings), the feeds by type,
the search filters and the open data all read the types from here.

The words a reader sees for a type are the theme's (components/type-name.html, type-plural.html), so
that translators find them with every other interface string.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentType:
    name: str  # as front matter writes it: `type: draft`
    noun: str  # as a sentence of a problem names one, after "a"/"an": "news item"
    described: str  # what a new file of it is, in the comment scripts/new writes on top
    schema_org: str  # the schema.org type its page's JSON-LD gives it
    menu: int | None = None  # its place in the main menu; None: not there (drafts are under Consultations)


DOCUMENT_TYPES = (
    DocumentType("policy", "policy", "policy", "DigitalDocument", menu=2),
    DocumentType("strategy", "strategy", "strategy", "DigitalDocument", menu=3),
    DocumentType("draft", "draft", "draft for consultation", "DigitalDocument"),
    DocumentType("outcome", "outcome", "consultation outcome", "Report", menu=1),
    DocumentType("project", "project", "project", "Project", menu=4),
    DocumentType("body", "body", "public body", "GovernmentOrganization", menu=5),
    DocumentType("page", "page", "page", "WebPage"),  # "About this site", in the footer
    DocumentType("news", "news item", "news", "NewsArticle", menu=6),
)
TYPES = tuple(t.name for t in DOCUMENT_TYPES)  # in the order listings and filters show them
MENU_TYPES = tuple(t.name for t in sorted((t for t in DOCUMENT_TYPES if t.menu is not None), key=lambda t: t.menu))
_BY_NAME = {t.name: t for t in DOCUMENT_TYPES}


def document_type(name: str) -> DocumentType | None:
    return _BY_NAME.get(name)
