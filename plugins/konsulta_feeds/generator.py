"""Writes every feed in Atom and RSS, and a Subscribe page per language that lists them."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import cached_property

from pelican.generators import Generator

from konsulta_consultations.lifecycle import start_of_day
from konsulta_content.addresses import link_from, site_authority
from konsulta_content.config import load_config
from konsulta_content.pages import in_every_language, write_file, write_page
from konsulta_history.dates import last_changed

from . import catalogue, identity, urls
from .entries import EntryMaker, feed_entries
from .wording import ThemeMacros
from .xml import FeedText, feed_files

# The feed names and entry texts are macros of this component, beside the <link>s it writes into pages.
WORDING_TEMPLATE = "components/feed-links"


class FeedsGenerator(Generator):
    parallel_output = True  # writes from the finished context alone (konsulta_content.parallel)
    output_cost = 5  # about five times the calendars' or open data's writing (scripts/bench_build.py, 1,000 documents)

    def generate_context(self):
        # Documents and consultations come from the other Konsulta plugins' context. Pages see SITEURL made
        # relative; ids need the site's own, so JSON-LD and open data take the authority from here.
        self.context["tag_authority"] = site_authority(self.settings.get("SITEURL") or "")

    def generate_output(self, writer):
        for job in self.output_jobs(writer):
            job()

    def output_jobs(self, writer) -> list:
        """The feed of everything, then each language's feeds with its Subscribe page: separate jobs, so
        that two processes can share them (konsulta_content.parallel)."""
        site = self.context.get("site")
        if site is None:
            return []
        every = in_every_language(site.languages, urls.subscribe_url)

        def language_feeds(lang):
            sections = catalogue.sections(site, lang)
            self._write_feeds(site, [feed for _, group in sections for feed in group])
            write_page(self, writer, urls.subscribe_url(lang), "subscribe", lang=lang, alternates=every,
                       feed_sections=sections, every_language_feed=catalogue.everything())

        return [lambda: self._write_feeds(site, [catalogue.everything()]),
                *(lambda lang=lang: language_feeds(lang) for lang in site.languages)]

    @cached_property
    def _entries(self) -> EntryMaker:
        # Made in the process that writes first (each process after the fork makes its own): a document is
        # in up to six feeds, and the maker keeps its entries.
        site = self.context["site"]
        config = load_config(self.settings)
        wording = ThemeMacros(self.get_template(WORDING_TEMPLATE), DEFAULT_LANG=site.default_lang)
        return EntryMaker(site, authority=self.context["tag_authority"], timezone=config.timezone, wording=wording,
                          siteurl=self.settings.get("SITEURL") or "")

    @cached_property
    def _empty_feed_date(self) -> dt.datetime:
        # An empty feed has no entry to take its date from: it is dated by the site's latest change.
        latest = max((last_changed(a) for a in self.context["site"].articles), default=dt.date(1970, 1, 1))
        return start_of_day(latest, self._entries.timezone)

    def _write_feeds(self, site, feeds) -> None:
        config = load_config(self.settings)
        siteurl = self.settings.get("SITEURL") or ""
        maker = self._entries
        wording, authority = maker.wording, maker.authority
        limit = self.settings.get("FEED_MAX_ITEMS") or None
        static = self.settings.get("THEME_STATIC_DIR", "theme")

        for feed in feeds:
            entries = feed_entries(feed, maker, self.context.get("consultations"))[:limit]
            lang = feed.lang or site.default_lang
            # Both formats' files are in one folder, so every relative link is the same in both.
            folder_file = feed.file("atom")

            def link(url, path=folder_file):
                return link_from(path, url, siteurl)

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
            )
            # Style sheets are always relative: a browser applies XSLT from the feed's own origin only.
            stylesheets = [(media, link_from(folder_file, posixpath.join(static, href), ""))
                           for media, href in urls.STYLESHEETS]
            files = feed_files(text, entries, link=link, stylesheets=stylesheets,
                               empty_updated=self._empty_feed_date)
            for fmt, content in files.items():
                write_file(self.output_path, feed.file(fmt), content)
