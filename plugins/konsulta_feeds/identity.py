"""Permanent ids for feed entries and feeds: tag URIs (RFC 4151) that no edit of a title, URL or date changes.

A document's lasting name is its file name without the extension: translations share it (it is how
they find each other), and a URL is changed with the `slug` field, which leaves the file name alone.
The language tells translations apart; the day of first publication (`date`, which the content model
fixes as the day the document first appeared) keeps a file name reused years later for another
document from taking over the old one's entries:

    tag:konsulta.example.org,2026-11-02:en/e-participation-guideline

The authority is SITEURL's host, as in calendar UIDs (konsulta.invalid for local builds).
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

# Feeds are named by their path; a tag's date only has to be a day its authority held the name.
FEED_TAG_DATE = "2026"


def document_id(doc, authority: str) -> str:
    stem = quote(PurePath(doc.source_path).stem, safe="-._~")
    return f"tag:{authority},{doc.fields['date'].isoformat()}:{doc.lang}/{stem}"


def revision_id(doc, authority: str, revision: str) -> str:
    """``revision``: the commit id of a revision in git, or the day of a `modified` without one."""
    return f"{document_id(doc, authority)}/revised/{revision}"


def opening_id(doc, authority: str) -> str:
    """One entry per consultation: moving its opening day updates the entry, it does not add one."""
    return f"{document_id(doc, authority)}/consultation-opens"


def feed_id(feed_path: str, authority: str) -> str:
    return f"tag:{authority},{FEED_TAG_DATE}:{feed_path}"
