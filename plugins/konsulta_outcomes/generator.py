"""Writes every outcome's responses as CSV and JSON beside its page."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_content.pages import write_file

from .exports import response_exports


class ResponsesGenerator(Generator):
    def generate_context(self):
        pass  # outcomes and their responses come from konsulta_content's document index

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        for article in site.articles:
            if article.doc.type != "outcome" or not article.save_as:
                continue
            for export in response_exports(article):
                write_file(self.output_path, export.path, export.content)
