"""Writes a page per change of a document showing what changed, word by word, and a page at each of
its earlier addresses that sends readers to the current one (the history itself: steps.py)."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_content.pages import write_page

from . import redirects


class HistoryGenerator(Generator):
    def generate_context(self):
        pass  # every document's history comes from this plugin's steps (steps.py)

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        for article in site.articles:
            for revision in article.history.changes:
                self._write(writer, article, article.history.changes_url(article, revision.version),
                            revision.comparison)
            if article.history.after_consultation is not None:
                self._write(writer, article, f"{article.url}changes/after-consultation/",
                            article.history.after_consultation, after_consultation=True)
        redirects.write(self, writer, self.context.get("redirects", []))

    def _write(self, writer, article, url, comparison, after_consultation=False):
        write_page(self, writer, url, "changes", lang=article.lang, alternates=[(article.lang, url)],
                   article_of_changes=article, comparison=comparison, after_consultation=after_consultation)
