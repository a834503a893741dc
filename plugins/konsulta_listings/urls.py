"""Where every generated page lives. Listing paths sit beside document slugs in a
language folder, so their first segments are reserved slugs (see konsulta_content.site)."""

from __future__ import annotations

TYPE_PATH = "type"
TOPICS_PATH = "topics"
TOPIC_PATH = "topic"
ISSUED_BY_PATH = "issued-by"
RESERVED = (TYPE_PATH, TOPICS_PATH, TOPIC_PATH, ISSUED_BY_PATH)


def home_url(lang: str) -> str:
    return f"{lang}/"


def type_url(lang: str, doc_type: str) -> str:
    return f"{lang}/{TYPE_PATH}/{doc_type}/"


def topics_url(lang: str) -> str:
    return f"{lang}/{TOPICS_PATH}/"


def topic_url(lang: str, slug: str) -> str:
    return f"{lang}/{TOPIC_PATH}/{slug}/"


def issued_by_url(lang: str, body_slug: str) -> str:
    return f"{lang}/{ISSUED_BY_PATH}/{body_slug}/"
