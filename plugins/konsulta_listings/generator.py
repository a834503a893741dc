"""Writes what is not one document: home pages, listings by type, topic and body, the root page and 404."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.generators import Generator

from konsulta_content.pages import in_every_language, write_page
from konsulta_i18n.catalogues import theme_catalogue

from . import urls


class ListingsGenerator(Generator):
    def _consultations_title(self, lang: str) -> str:
        """The consultations page's name in the theme's catalogue, as its menu link says it."""
        return theme_catalogue(self, lang).ugettext("Consultations")

    def _not_found_text(self, lang: str) -> dict:
        """What the 404 page says, in ``lang``: the site-wide 404.html says it in every language, since
        the address that was not found tells nothing of the reader's."""
        catalogue = theme_catalogue(self, lang)
        return {"lang": lang, "home_url": urls.home_url(lang), **{key: catalogue.ugettext(message) for key, message in (
            ("heading", "Page not found"),
            ("explanation", "The address may be mistyped or incomplete. Published documents keep their address for good."),
            ("home", "Go to the home page"))}}

    def generate_context(self):
        pass  # the document index comes from konsulta_content once articles are read

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        languages = site.languages
        every = lambda make: in_every_language(languages, make)  # noqa: E731

        from . import plugin_names

        drafts_page = urls.drafts_page(plugin_names(self.settings))
        for lang in languages:
            write_page(self, writer, urls.home_url(lang), "home", lang=lang, alternates=every(urls.home_url))
            for doc_type in site.types:
                if doc_type == urls.DRAFT and drafts_page is not None:
                    # The address stays (it has been published); it leads to the one list of drafts.
                    target = SimpleNamespace(url=drafts_page(lang), title=self._consultations_title(lang))
                    write_page(self, writer, urls.type_url(lang, doc_type), "redirect", lang=lang, alternates=(),
                               redirect_to=target)
                    continue
                write_page(
                    self, writer, urls.type_url(lang, doc_type), "listing", lang=lang,
                    alternates=every(lambda other, t=doc_type: urls.type_url(other, t)),
                    listing_kind="type", listing_key=doc_type, documents=site.in_lang(lang, doc_type),
                    elsewhere=site.elsewhere_of_type(lang, doc_type),
                )
            topics = site.topics(lang)
            write_page(self, writer, urls.topics_url(lang), "topics", lang=lang,
                       alternates=every(urls.topics_url), topics=topics)
            for slug, (label, documents) in topics.items():
                url = urls.topic_url(lang, slug)
                write_page(self, writer, url, "listing", lang=lang, alternates=[(lang, url)],
                       listing_kind="topic", listing_key=label, documents=documents)
            for body_slug in site.bodies_with_documents_any():
                write_page(
                    self, writer, urls.issued_by_url(lang, body_slug), "listing", lang=lang,
                    alternates=every(lambda other, b=body_slug: urls.issued_by_url(other, b)),
                    listing_kind="body", listing_key=body_slug, body=site.find(body_slug, lang),
                    documents=site.issued_by(body_slug, lang),
                    elsewhere=site.only_elsewhere(lang, [a for other in languages if other != lang
                                                         for a in site.issued_by(body_slug, other)]),
                )
            # A server can answer a missing address under /{lang}/ with the page in that language
            # (docs/deploying.md); the site-wide 404.html says it in every language.
            write_page(self, writer, urls.not_found_url(lang), "404", lang=lang, alternates=[])
        default = self.settings["DEFAULT_LANG"]
        # The root page is a choice of language: none of them is the page's own (no aria-current).
        write_page(self, writer, "", "root", lang=default, alternates=every(urls.home_url), language_choice=True)
        others = [self._not_found_text(other) for other in languages if other != default]
        write_page(self, writer, "404.html", "404", lang=default, alternates=[], other_languages=others)
