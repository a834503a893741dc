"""Attaches each document's history and writes a page per change showing what changed, word by word."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from konsulta_content.config import load_config
from konsulta_content.pages import write_page

from .gitlog import Blobs, read_history
from .views import DocumentHistory, compare


class HistoryGenerator(Generator):
    def generate_context(self):
        site = self.context.get("site")
        if site is None:
            return
        config = load_config(self.settings)
        history = read_history(Path(self.path), config.timezone)
        self.context["history"] = history
        blobs = Blobs(history.root) if history.available else None
        for article in site.articles:
            source = Path(article.doc.source_path)
            relative = history.relative(source)
            versions = history.versions.get(relative, []) if history.available and relative else []
            modified = article.doc.fields.get("modified")
            newest = versions[0].date.date() if versions else None
            article.history = DocumentHistory(
                available=history.available,
                reason=history.reason,
                versions=versions,
                repository_path=relative,
                last_updated=modified or newest,
            )
        if blobs:
            # Every text the comparisons below need, from one `git cat-file` run: one run per document
            # was most of this generator's time.
            blobs.texts([(v.commit, v.path) for article in site.articles for v in self._texts_needed(article)])
        for article in site.articles:
            versions = article.history.versions
            article.history_changes = self._changes(article, versions, blobs)
            article.history.after_consultation = self._after_consultation(
                article, versions, blobs, Path(article.doc.source_path))

    @staticmethod
    def _consulted(article, versions):
        """The version the public commented on: the last one committed by the consultation's closing moment."""
        consultation = getattr(article, "consultation", None)
        if consultation is None or consultation.status not in ("closed", "concluded"):
            return None
        return next((v for v in versions if v.date <= consultation.closes_at), None)

    def _texts_needed(self, article):
        versions = article.history.versions
        consulted = self._consulted(article, versions)
        return [*(versions if len(versions) >= 2 else []), *([consulted] if consulted else [])]

    def _changes(self, article, versions, blobs):
        """(version, comparison with the version before it), newest first."""
        if not blobs or len(versions) < 2:
            return []
        texts = blobs.texts([(v.commit, v.path) for v in versions])
        return [(newer, compare(texts[(older.commit, older.path)] or "", texts[(newer.commit, newer.path)] or "", older, newer))
                for newer, older in zip(versions, versions[1:])]

    def _after_consultation(self, article, versions, blobs, source):
        """The text as consulted (last committed on or before the closing moment) against the text now."""
        consulted = self._consulted(article, versions) if blobs else None
        if consulted is None:
            return None
        text = blobs.texts([(consulted.commit, consulted.path)])[(consulted.commit, consulted.path)] or ""
        comparison = compare(text, source.read_text(encoding="utf-8-sig"), consulted, None)
        return comparison if comparison.changed else None

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        for article in site.articles:
            for version, comparison in getattr(article, "history_changes", []):
                self._write(writer, article, f"{article.url}changes/{version.short}/", comparison)
            if article.history.after_consultation is not None:
                self._write(writer, article, f"{article.url}changes/after-consultation/",
                            article.history.after_consultation, after_consultation=True)

    def _write(self, writer, article, url, comparison, after_consultation=False):
        write_page(self, writer, url, "changes", lang=article.lang, alternates=[(article.lang, url)],
                   article_of_changes=article, comparison=comparison, after_consultation=after_consultation)
