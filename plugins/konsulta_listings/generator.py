"""Writes what is not one document: home pages, listings by type, topic and body, the root page and 404."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_content.pages import in_every_language, write_page

from . import urls


class ListingsGenerator(Generator):
    def generate_context(self):
        pass  # the document index comes from konsulta_content once articles are read

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        languages = site.languages
        every = lambda make: in_every_language(languages, make)  # noqa: E731

        for lang in languages:
            write_page(self, writer, urls.home_url(lang), "home", lang=lang, alternates=every(urls.home_url))
            for doc_type in site.types:
                write_page(
                    self, writer, urls.type_url(lang, doc_type), "listing", lang=lang,
                    alternates=every(lambda other, t=doc_type: urls.type_url(other, t)),
                    listing_kind="type", listing_key=doc_type, documents=site.in_lang(lang, doc_type),
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
                )
        default = self.settings["DEFAULT_LANG"]
        write_page(self, writer, "", "root", lang=default, alternates=every(urls.home_url))
        write_page(self, writer, "404.html", "404", lang=default, alternates=[])
