"""Writes every feed in Atom and RSS, and a Subscribe page per language that lists them.

Once the build has checked every problem (``prepare_output``), each feed's entries are made here and its
files are started in the build's other process, if it has one (konsulta_content.workers): the XML is
made from the entries alone, while this process writes the pages. ``generate_output`` writes the files
the Subscribe pages and each feed as a page of the site."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import cached_property

from pelican.generators import Generator

from konsulta_consultations.lifecycle import start_of_day
from konsulta_content.addresses import LinkFrom
from konsulta_content.build import config_of
from konsulta_content.pages import in_every_language, write_file, write_page
from konsulta_content.workers import batches_of
from konsulta_history.dates import last_changed

from . import catalogue, identity, urls
from .entries import EntryMaker, feed_entries
from .wording import ThemeMacros
from .xml import FeedJob, FeedText, feed_batch

# The feed names and entry texts are macros of this component, beside the <link>s it writes into pages.
WORDING_TEMPLATE = "components/feed-links"
# Feeds per batch shared with the other process: about a hundredth of the feeds of a 1,000-document site.
FEEDS_PER_BATCH = 16


class FeedsGenerator(Generator):
    def generate_context(self):
        pass  # documents, consultations and histories come from the Konsulta plugins' steps

    def prepare_output(self, build) -> None:
        site = self.context.get("site")
        if site is None:
            return
        self._sections = {lang: catalogue.sections(site, lang) for lang in site.languages}
        feeds = [catalogue.everything()] + [feed for lang in site.languages
                                            for _, group in self._sections[lang] for feed in group]
        jobs = [self._job(site, feed) for feed in feeds]
        self._web_pages = [(feed, job.entries) for feed, job in zip(feeds, jobs) if feed.kind != "document"]
        self._files = build.workers.share(feed_batch, batches_of(jobs, FEEDS_PER_BATCH))

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        for files in self._files.results():
            for path, content in files:
                write_file(self.output_path, path, content)
        every = in_every_language(site.languages, urls.subscribe_url)
        for lang in site.languages:
            write_page(self, writer, urls.subscribe_url(lang), "subscribe", lang=lang, alternates=every,
                       feed_sections=self._sections[lang], every_language_feed=catalogue.everything())
        # Each feed as a page: its entries, dates in the page's language, and the feed's addresses (a
        # document's feed has its own page: catalogue.Feed.web_page).
        timezone = self._entries.timezone
        for feed, entries in self._web_pages:
            # Each entry on the day it has in the site's zone (a revision is dated by its commit's zone).
            dated = [(entry, entry.updated.astimezone(timezone).date()) for entry in entries]
            write_page(self, writer, feed.web_page, "feed", lang=feed.lang or site.default_lang, alternates=(),
                       feed=feed, feed_entries=dated)

    @cached_property
    def _entries(self) -> EntryMaker:
        # A document is in up to six feeds, and the maker keeps its entries.
        site = self.context["site"]
        wording = ThemeMacros(self.get_template(WORDING_TEMPLATE), DEFAULT_LANG=site.default_lang)
        return EntryMaker(site, authority=self.context["tag_authority"], timezone=config_of(self.settings).timezone,
                          wording=wording, siteurl=self.settings.get("SITEURL") or "")

    @cached_property
    def _empty_feed_date(self) -> dt.datetime:
        # An empty feed has no entry to take its date from: it is dated by the site's latest change.
        latest = max((last_changed(a) for a in self.context["site"].articles), default=dt.date(1970, 1, 1))
        return start_of_day(latest, self._entries.timezone)

    def _job(self, site, feed) -> FeedJob:
        """What one feed's files are made of: its entries and its texts, as plain data."""
        config = config_of(self.settings)
        siteurl = self.settings.get("SITEURL") or ""
        maker = self._entries
        wording, authority = maker.wording, maker.authority
        limit = self.settings.get("FEED_MAX_ITEMS") or None
        static = self.settings.get("THEME_STATIC_DIR", "theme")
        entries = feed_entries(feed, maker, self.context.get("consultations"))[:limit]
        lang = feed.lang or site.default_lang
        # Both formats' files are in one folder, so every relative link is the same in both.
        link = LinkFrom(feed.file("atom"), siteurl)
        text = FeedText(
            id=identity.feed_id(feed.path, authority),
            lang=lang,
            title=wording(lang, "feed_title", feed),
            description=wording(lang, "feed_description"),
            author=config.site_name(lang, self.settings["SITENAME"]),
            self_links={fmt: link(feed.file(fmt)) for fmt in urls.FORMATS},
            page_link=link(feed.page),
            page_title=wording(lang, "page_link_title"),
            subscribe_link=link(urls.subscribe_url(lang)),
            subscribe_title=wording(lang, "subscribe_link_title"),
            web_page_link=link(feed.web_page),
            web_page_title=wording(lang, "web_page_link_title"),
            rights=f"{config.licence['name']}: {config.licence['url']}" if config.licence else None,
        )
        # Style sheets are always relative: a browser applies XSLT from the feed's own origin only.
        stylesheets = tuple((media, LinkFrom(feed.file("atom"), "")(posixpath.join(static, href)))
                            for media, href in urls.STYLESHEETS)
        return FeedJob({fmt: feed.file(fmt) for fmt in urls.FORMATS}, text, tuple(entries), link, stylesheets,
                       self._empty_feed_date)
