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


def not_found_url(lang: str) -> str:
    return f"{lang}/404.html"


def type_url(lang: str, doc_type: str) -> str:
    return f"{lang}/{TYPE_PATH}/{doc_type}/"


def topics_url(lang: str) -> str:
    return f"{lang}/{TOPICS_PATH}/"


def topic_url(lang: str, slug: str) -> str:
    return f"{lang}/{TOPIC_PATH}/{slug}/"


def issued_by_url(lang: str, body_slug: str) -> str:
    return f"{lang}/{ISSUED_BY_PATH}/{body_slug}/"


# Drafts are listed, by consultation status, on the consultations page when konsulta_consultations is in
# PLUGINS: a second list of the same drafts under type/draft/ would be a second "Consultations" page.
DRAFT = "draft"
CONSULTATIONS_PLUGIN = "konsulta_consultations"


def drafts_page(plugins) -> object | None:
    """consultations_url when the consultations plugin lists the drafts (``plugins``: the build's plugin
    names), else None."""
    if CONSULTATIONS_PLUGIN not in plugins:
        return None
    from konsulta_consultations.urls import consultations_url  # read only when that plugin is built

    return consultations_url


def type_url_in(plugins):
    """type_url, the drafts' listing being the consultations page where there is one."""
    consultations_url = drafts_page(plugins)
    if consultations_url is None:
        return type_url
    return lambda lang, doc_type: consultations_url(lang) if doc_type == DRAFT else type_url(lang, doc_type)
