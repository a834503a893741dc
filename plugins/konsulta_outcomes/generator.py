"""Writes every outcome's responses as CSV and JSON beside its page."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from .exports import response_exports


class ResponsesGenerator(Generator):
    def generate_context(self):
        pass  # outcomes and their responses come from konsulta_content's document index

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        output = Path(self.output_path)
        for article in site.articles:
            if article.doc.type != "outcome" or not article.save_as:
                continue
            for export in response_exports(article):
                target = output / export.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(export.content)
