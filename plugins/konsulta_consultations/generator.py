"""Gives every draft its consultation (status, comment links) and writes the consultation pages."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from konsulta_content import report
from konsulta_content.config import load_config
from konsulta_content.pages import in_every_language, write_page

from .checks import check_site_form, form_template, has_usable_period, short_consultation_warning
from .clock import build_now
from .comments import form_url
from .index import CommentLinks, ConsultationIndex
from .lifecycle import STATUSES, consultation_of

logger = logging.getLogger(__name__)

CONSULTATIONS_PATH = "consultations"


def consultations_url(lang: str, status: str | None = None) -> str:
    return f"{lang}/{CONSULTATIONS_PATH}/{status}/" if status else f"{lang}/{CONSULTATIONS_PATH}/"


class ConsultationsGenerator(Generator):
    def generate_context(self):
        site = self.context.get("site")
        config = load_config(self.settings)
        check_site_form(config)
        now = build_now(config)
        index = ConsultationIndex(site)
        problems = []
        for article in site.articles if site else []:
            doc = article.doc
            if not has_usable_period(doc):
                continue
            article.consultation = consultation_of(article, site.outcome_of(article, doc.lang), now, config)
            article.comment_links = self._comment_links(article, config, problems)
            index.drafts.append(article)
            warning = short_consultation_warning(doc, article.consultation.length_days, config)
            if warning:
                logger.warning("%s", warning)
        report(problems)
        self.context["consultations"] = index
        self.context["build_now"] = now

    def _comment_links(self, article, config, problems):
        doc = article.doc
        template, problem = form_template(doc, config)
        if problem:
            problems.append(problem)
        if not template:
            return None
        version = doc.last_changed.isoformat()
        common = {"slug": doc.slug, "lang": doc.lang, "title": doc.title, "version": version}
        return CommentLinks(
            draft=form_url(template, **common),
            # Without {section} every section link would be the same address: offer the draft link only.
            sections={h.id: form_url(template, section=h.id, **common)
                      for h in doc.headings if h.level in (2, 3) and h.id} if "{section}" in template else {},
        )

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
