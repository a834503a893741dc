"""Where the calendar files live, as paths from the output root (which are also their URLs)."""

from __future__ import annotations

import posixpath

from konsulta_listings import urls as listing_urls

SITE_CALENDAR = "consultations.ics"
DRAFT_CALENDAR = "consultation.ics"
# A body's and a topic's consultations, per language, mirroring the listing pages they are offered on
# (en/issued-by/ministry/ is followed by calendars/en/issued-by/ministry.ics).
CALENDARS_FOLDER = "calendars"


def consultations_calendar_url() -> str:
    return SITE_CALENDAR


def calendar_url(article) -> str:
    """Beside the draft's page, so it follows ARTICLE_SAVE_AS: en/it-project-standards/consultation.ics."""
    return posixpath.join(posixpath.dirname(article.save_as), DRAFT_CALENDAR)


def body_calendar_url(lang: str, body_slug: str) -> str:
    return posixpath.join(CALENDARS_FOLDER, lang, listing_urls.ISSUED_BY_PATH, f"{body_slug}.ics")


def topic_calendar_url(lang: str, topic_slug: str) -> str:
    return posixpath.join(CALENDARS_FOLDER, lang, listing_urls.TOPIC_PATH, f"{topic_slug}.ics")
