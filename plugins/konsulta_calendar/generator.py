"""Writes consultations.ics at the output root, consultation.ics beside every draft page, and per language
one calendar for each issuing body's consultations and one for each topic's (calendars/)."""

from __future__ import annotations

from markupsafe import Markup
from pelican.generators import Generator

from konsulta_content.addresses import link_from, site_authority
from konsulta_content.build import config_of
from konsulta_content.pages import write_file
from konsulta_i18n.catalogues import theme_catalogue
from konsulta_i18n.zones import zone_label

from . import urls
from .events import calendar_file, draft_events, event_days, with_url

# The event texts are macros of this component, beside its link, so they are translated with the theme.
WORDING_TEMPLATE = "components/calendar-links"


class ThemeWording:
    def __init__(self, template, zone_label):
        """``zone_label(lang)``: how the language names the site's time zone (konsulta_i18n.zones)."""
        self.template = template
        self.zone_label = zone_label
        self.modules = {}
        self.descriptions = {}

    def _module(self, lang):
        if lang not in self.modules:
            # page_lang is how konsulta_i18n's gettext knows the language outside a page.
            self.modules[lang] = self.template.make_module({"page_lang": lang})
        return self.modules[lang]

    def summary(self, lang, kind, title):
        return _plain(self._module(lang).event_summary(kind, title))

    def description(self, lang, kind):
        # Two texts per language, asked for by every event: said once each.
        if (lang, kind) not in self.descriptions:
            self.descriptions[(lang, kind)] = _plain(self._module(lang).event_description(kind, self.zone_label(lang)))
        return self.descriptions[(lang, kind)]

    def calendar_name(self, lang, site_name, scope=None):
        return _plain(self._module(lang).calendar_name(site_name, scope))


def _plain(rendered) -> str:
    # The theme autoescapes; iCalendar text is not HTML, so "&amp;" must become "&" again.
    text = rendered.unescape() if isinstance(rendered, Markup) else str(rendered)
    return text.strip()


class CalendarGenerator(Generator):
    def generate_context(self):
        pass  # the drafts come from konsulta_content's document index

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        config = config_of(self.settings)
        siteurl = self.settings.get("SITEURL") or ""
        wording = ThemeWording(self.get_template(WORDING_TEMPLATE), lambda lang: zone_label(
            config.timezone, lang, config.zone_labels, theme_catalogue(self, lang)))
        domain = site_authority(siteurl)
        drafts = [a for a in site.articles if event_days(a.doc)]

        made = {}  # a draft's events without their address, written out once

        def events(article, file_path) -> list[bytes]:
            # A draft is in its own calendar, the site's, and its body's and topics' in every language;
            # only the link to its page, relative to the calendar's folder, differs between them.
            if article.doc.key not in made:
                made[article.doc.key] = [event.to_ical() for event in draft_events(
                    article, wording=wording, domain=domain, tz=config.timezone)]
            url = link_from(file_path, article.url, siteurl)
            return [with_url(event, url) for event in made[article.doc.key]]

        def write(path, name, articles, subscription=True):
            written = [event for article in articles for event in events(article, path)]
            write_file(self.output_path, path, calendar_file(name, written, subscription=subscription))

        for article in drafts:
            write(urls.calendar_url(article), article.title, [article], subscription=False)
        site_name = config.site_name(site.default_lang, self.settings["SITENAME"])
        write(urls.consultations_calendar_url(), wording.calendar_name(site.default_lang, site_name),
              _one_per_consultation(drafts, site, site.default_lang))

        # What a body's or a topic's page offers to follow: its consultations, in the page's language
        # where they have one. Written even when empty, since a subscriber waits for the next one.
        by_body = {}
        for article in drafts:
            by_body.setdefault(article.doc.fields.get("body"), []).append(article)
        for lang in site.languages:
            lang_name = config.site_name(lang, self.settings["SITENAME"])
            for body_slug in site.bodies_with_documents_any():
                body = site.find(body_slug, lang)
                write(urls.body_calendar_url(lang, body_slug),
                      wording.calendar_name(lang, lang_name, body.title if body else body_slug),
                      _one_per_consultation(by_body.get(body_slug, []), site, lang))
            for topic, (label, documents) in site.topics(lang).items():
                write(urls.topic_calendar_url(lang, topic), wording.calendar_name(lang, lang_name, label),
                      [a for a in documents if event_days(a.doc)])


def _one_per_consultation(drafts, site, lang) -> list:
    """One version of each consultation, by slug: the one in ``lang``, else the default language's,
    else the first site language's."""
    chosen = {}
    for article in sorted(drafts, key=lambda a: (a.doc.lang != lang, _preference(a.doc.lang, site))):
        chosen.setdefault(article.doc.slug, article)
    return [chosen[slug] for slug in sorted(chosen)]


def _preference(lang, site) -> int:
    if lang == site.default_lang:
        return -1
    return site.languages.index(lang) if lang in site.languages else len(site.languages)
