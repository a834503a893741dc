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


def link_from(file_path: str, url: str, siteurl: str) -> str:
    """``url`` (from the output root) as written in the file at ``file_path``: absolute under an
    absolute SITEURL, else relative to the file's folder, as Pelican writes links in pages."""
    if is_absolute(siteurl):
        return f"{siteurl.rstrip('/')}/{url}"
    return "../" * file_path.count("/") + url


def is_absolute(siteurl: str) -> bool:
    return siteurl.startswith(("https://", "http://"))
