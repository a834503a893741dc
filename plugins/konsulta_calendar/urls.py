"""Where the calendar files live, as paths from the output root (which are also their URLs)."""

from __future__ import annotations

import posixpath

SITE_CALENDAR = "consultations.ics"
DRAFT_CALENDAR = "consultation.ics"


def consultations_calendar_url() -> str:
    return SITE_CALENDAR


def calendar_url(article) -> str:
    """Beside the draft's page, so it follows ARTICLE_SAVE_AS: en/it-project-standards/consultation.ics."""
    return posixpath.join(posixpath.dirname(article.save_as), DRAFT_CALENDAR)
