"""What konsulta_consultations adds to the build once the documents are read (a checking step: its
problems are the build's and scripts/validate's alike): every draft's consultation and comment links."""

from __future__ import annotations

from .checks import (check_site_form, form_template, has_usable_period, over_before_published_warning,
                     short_consultation_warning)
from .clock import build_now
from .comments import form_url
from .index import CommentLinks, ConsultationIndex
from .lifecycle import OPEN, UPCOMING, consultation_of


def attach_consultations(build) -> None:
    """``consultation`` and ``comment_links`` on each draft with a usable period, ``consultations`` for the site;
    a problem for each comment form that is not allowed, a warning for each consultation that is too short."""
    site, config = build.site, build.config
    check_site_form(config)
    now = build_now(config)
    index = ConsultationIndex(site)
    for article in site.articles:
        doc = article.doc
        if not has_usable_period(doc):
            continue
        article.consultation = consultation_of(article, site.outcome_of(article, doc.lang), now, config)
        template, problem = form_template(doc, config)
        if problem:
            build.report([problem])
        article.comment_links = comment_links(doc, template)
        index.drafts.append(article)
        for warning in (over_before_published_warning(doc),
                        short_consultation_warning(doc, article.consultation.length_days, config)):
            if warning:
                build.warn(warning)
    build.context["consultations"] = index
    build.context["build_now"] = now
    if any(a.comment_links and a.consultation.status in (UPCOMING, OPEN) for a in index.drafts) \
            and site.notice("privacy", site.default_lang) is None:
        build.warn("the site offers a comment form, but no page is its privacy notice: people who comment must "
                   "be told who receives their comments and how their personal data is handled; add a page with "
                   "'type: page' and 'notice: privacy' (docs/content-model.md#notices)")


def comment_links(doc, template: str | None) -> CommentLinks | None:
    if not template:
        return None
    version = doc.last_changed.isoformat()
    # A title that failed validation (a number, a list) is reported; the link must still be made.
    title = doc.title if isinstance(doc.title, str) else doc.slug
    common = {"slug": doc.slug, "lang": doc.lang, "title": title, "version": version}
    return CommentLinks(
        draft=form_url(template, **common),
        # Without {section} every section link would be the same address: offer the draft link only.
        sections={h.id: form_url(template, section=h.id, **common)
                  for h in doc.headings if h.level in (2, 3) and h.id} if "{section}" in template else {},
    )
