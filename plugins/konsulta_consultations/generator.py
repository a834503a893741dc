"""Writes the consultation pages: every consultation of a language, and those of each status."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_content.pages import in_every_language, write_page

from .lifecycle import STATUSES
from .urls import consultations_url


class ConsultationsGenerator(Generator):
    def generate_context(self):
        pass  # every draft's consultation comes from this plugin's step (steps.py)

    def generate_output(self, writer):
        site, index = self.context.get("site"), self.context.get("consultations")
        if site is None or index is None:
            return
        every = lambda make: in_every_language(site.languages, make)  # noqa: E731
        for lang in site.languages:
            write_page(self, writer, consultations_url(lang), "consultations", lang=lang,
                       alternates=every(consultations_url),
                       overview=index.body_overview(lang))
            for status in STATUSES:
                write_page(self, writer, consultations_url(lang, status), "consultations-status", lang=lang,
                           alternates=every(lambda other, s=status: consultations_url(other, s)),
                           status=status, documents=index.in_lang(lang, status))
