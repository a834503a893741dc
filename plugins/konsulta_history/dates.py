"""A document's "Last updated", the one date every place states: its page, its JSON-LD, the sitemap, the
open data and the feeds.

It is the front matter's `modified` when given (the editor's word), else the day of the document's
latest update in git (konsulta_history.views: a version a reader sees a difference in, after the day of
publication); formatting-only commits do not count. Without konsulta_history's context (a site without
the plugin), `modified` alone.
"""

from __future__ import annotations

import datetime as dt


def last_updated(article) -> dt.date | None:
    """The day of the document's last update; None when it has not been updated since publication."""
    history = getattr(article, "history", None)
    if history is not None:
        return history.last_updated
    modified = article.doc.fields.get("modified")
    return modified if isinstance(modified, dt.date) else None


def last_changed(article) -> dt.date:
    """The day of the document's last update, else of its publication: what dates it in feeds and sitemaps."""
    return last_updated(article) or article.doc.fields["date"]
