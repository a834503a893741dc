"""Where feeds and the Subscribe pages live, as paths from the output root (which are also their URLs).

Site feeds sit under feeds/ and mirror the listing pages they follow (en/type/draft/ is followed by
feeds/en/type/draft.atom.xml); a document's own feed sits beside its page. File names end in .xml so
that any static host serves them as XML, which browsers show through the style sheet; served as
application/atom+xml or application/rss+xml, Chromium shows raw text and others offer a download.
"""

from __future__ import annotations

import posixpath

SUBSCRIBE_PATH = "subscribe"
FEEDS_FOLDER = "feeds"
DOCUMENT_FEED = "feed"
FORMATS = {"atom": ".atom.xml", "rss": ".rss.xml"}
# Each site feed's entries as a page of the site, beside the feed (feeds/en/type/draft/, a folder as every
# page address is, beside feeds/en/type/draft.atom.xml): what a
# browser shows whether or not it runs XSLT, and what the pages' visible "Follow" links lead to. A
# document's feed has its page (catalogue.Feed.web_page).
WEB_PAGE_SUFFIX = "/"
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
# Under THEME_STATIC_DIR: the browser view of a feed, and plain CSS for browsers without XSLT.
STYLESHEETS = (("text/xsl", "feeds/feed.xsl"), ("text/css", "feeds/feed.css"))


def subscribe_url(lang: str) -> str:
    return f"{lang}/{SUBSCRIBE_PATH}/"


def site_feed(*parts: str) -> str:
    """A site feed's path without its format suffix: feeds/en/type/draft."""
    return posixpath.join(FEEDS_FOLDER, *parts)


def document_feed(article) -> str:
    """Beside the document's page, so it follows ARTICLE_SAVE_AS: en/parking-rules/feed."""
    return posixpath.join(posixpath.dirname(article.save_as), DOCUMENT_FEED)

