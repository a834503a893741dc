"""Attaches each document's history and writes a page per change showing what changed, word by word,
and a page at each of its earlier addresses that sends readers to the current one.

Only published forms are compared (konsulta_history.published): a version that fails today's rules is
withheld, a version of a commit in KONSULTA['history_redactions'] is redacted, and the comparisons step
over both.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from konsulta_content import report
from konsulta_content.config import load_config
from konsulta_content.pages import write_page

from . import redirects
from .gitlog import Blobs, read_history
from .published import VersionReader, published
from .views import PUBLISHED, REDACTED, WITHHELD, DocumentHistory, compare, last_updated, revisions

logger = logging.getLogger(__name__)


class HistoryGenerator(Generator):
    def generate_context(self):
        site = self.context.get("site")
        if site is None:
            return
        config = load_config(self.settings)
        report(redirects.alias_problems(site, self.settings))
        history = read_history(Path(self.path), config.timezone)
        self.context["history"] = history
        current = {}  # repository-relative path today -> (file, Document as the build read it)
        for article in site.articles:
            source = Path(article.doc.source_path)
            relative = history.relative(source)
            versions = history.versions.get(relative, []) if history.available and relative else []
            article.history = DocumentHistory(available=history.available, reason=history.reason,
                                              versions=versions, repository_path=relative)
            if relative:
                current[relative] = (source, article.doc)
        forms = {}
        if history.available:
            redacted = {v for article in site.articles for v in article.history.versions
                        if v.commit.startswith(config.history_redactions)}
            wanted = [v for article in site.articles for v in article.history.versions if v not in redacted]
            reader = VersionReader(Blobs(history.root), Path(self.path), config, self._address_of, history.paths)
            forms = reader.read(wanted, current)
            for article in site.articles:
                article.history.statuses = {
                    v: REDACTED if v in redacted else PUBLISHED if forms.get(v) is not None else WITHHELD
                    for v in article.history.versions}
        earlier = {}
        for article in site.articles:
            found = revisions(article.history.versions, article.history.statuses, forms, article.doc.fields.get("date"))
            article.history.revisions = found
            article.history.last_updated = last_updated(article.doc.fields.get("modified"), found)
            article.history_changes = [(r.version, r.comparison) for r in article.history.changes]
            article.history.after_consultation = self._after_consultation(article, forms)
            earlier[article] = self._earlier_addresses(article, forms, config)
        self.redirects, warnings = redirects.plan(site, self.settings, earlier)
        for warning in warnings:
            logger.warning("%s", warning)

    def _address_of(self, doc) -> str:
        return redirects.page_address(self.settings, doc.lang, doc.slug)

    def _earlier_addresses(self, article, forms, config) -> list:
        """(address, version) of the versions published at another address than the document's own.
        Versions that were not read (withheld, redacted) had the address their file name gives."""
        found = []
        for version in article.history.versions:
            form = forms.get(version)
            if form is not None:
                address = form.address
            else:
                address = redirects.address_from_path(self.settings, config.languages, self._in_content(version.path))
            if address and address != article.url:
                found.append((address, version))
        return found

    def _in_content(self, repository_path: str) -> str:
        history = self.context["history"]
        content = Path(self.path).resolve().relative_to(history.root).as_posix()
        return repository_path if content == "." else repository_path.removeprefix(content + "/")

    @staticmethod
    def _consulted(article):
        """The version the public commented on: the last one committed by the consultation's closing moment."""
        consultation = getattr(article, "consultation", None)
        if consultation is None or consultation.status not in ("closed", "concluded"):
            return None
        return next((v for v in article.history.versions if v.date <= consultation.closes_at), None)

    def _after_consultation(self, article, forms):
        """The text as consulted (last committed on or before the closing moment) against the text now.
        None when that version is withheld or redacted: no other version is what the public read."""
        consulted = self._consulted(article)
        if consulted is None or forms.get(consulted) is None:
            return None
        comparison = compare(forms[consulted], published(article.doc, article.url), consulted, None)
        return comparison if comparison.changed else None

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        for article in site.articles:
            for version, comparison in getattr(article, "history_changes", []):
                self._write(writer, article, article.history.changes_url(article, version), comparison)
            if article.history.after_consultation is not None:
                self._write(writer, article, f"{article.url}changes/after-consultation/",
                            article.history.after_consultation, after_consultation=True)
        redirects.write(self, writer, getattr(self, "redirects", []))

    def _write(self, writer, article, url, comparison, after_consultation=False):
        write_page(self, writer, url, "changes", lang=article.lang, alternates=[(article.lang, url)],
                   article_of_changes=article, comparison=comparison, after_consultation=after_consultation)
