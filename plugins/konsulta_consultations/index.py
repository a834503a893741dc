"""Every draft's consultation, for templates: listings by status and the per-body overview."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .lifecycle import CLOSED, CONCLUDED, OPEN, STATUSES, UPCOMING, body_records


@dataclass
class CommentLinks:
    draft: str
    sections: dict[str, str] = field(default_factory=dict)  # heading id -> form address


@dataclass
class ConsultationIndex:
    site: object
    drafts: list = field(default_factory=list)  # articles with a .consultation
    statuses: tuple = STATUSES

    def in_lang(self, lang: str, status: str | None = None) -> list:
        """Open ones first, closing soonest first; then upcoming, soonest first; then the rest, latest first."""
        return self._ordered([a for a in self.drafts
                              if a.doc.lang == lang and (status is None or a.consultation.status == status)])

    def elsewhere(self, lang: str, status: str | None = None) -> list:
        """The consultations (with ``status``) on drafts that have no version in ``lang``, one article each
        (Site.only_elsewhere), in the order of in_lang."""
        found = [a for a in self.drafts if status is None or a.consultation.status == status]
        return self._ordered(self.site.only_elsewhere(lang, found))

    @staticmethod
    def _ordered(found: list) -> list:
        def order(article):
            c = article.consultation
            if c.status == OPEN:
                return (0, c.closes_at.timestamp(), article.doc.slug)
            if c.status == UPCOMING:
                return (1, c.opens_at.timestamp(), article.doc.slug)
            return (2, -c.closes_at.timestamp(), article.doc.slug)

        return sorted(found, key=order)

    def counts(self, lang: str) -> dict[str, int]:
        return {status: len(self.in_lang(lang, status)) for status in STATUSES}

    def body_overview(self, lang: str) -> list:
        """One record per issuing body, each consultation counted once whatever its translations."""
        chosen = {}
        for article in self.drafts:
            slug = article.doc.slug
            if slug not in chosen or article.doc.lang == lang or (
                    chosen[slug].doc.lang != lang and article.doc.lang == self.site.default_lang):
                chosen[slug] = article
        by_body = defaultdict(list)
        for slug in sorted(chosen):
            article = chosen[slug]
            by_body[article.doc.fields.get("body") or ""].append((article, article.consultation))
        return body_records(by_body)


__all__ = ["ConsultationIndex", "CommentLinks", "OPEN", "UPCOMING", "CLOSED", "CONCLUDED"]
