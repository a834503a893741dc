"""Writes every outcome's responses as CSV and JSON beside its page."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_consultations.clock import build_now
from konsulta_content import report
from konsulta_content.config import load_config
from konsulta_content.pages import write_file

from .checks import response_problems
from .exports import response_exports


class ResponsesGenerator(Generator):
    def generate_context(self):
        # Outcomes and their responses come from konsulta_content's document index; what they publish is
        # checked here, with the consultation clock, before konsulta_content stops on problems.
        config = load_config(self.settings)
        report(response_problems(self.context.get("site"), config, build_now(config)))

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        for article in site.articles:
            if article.doc.type != "outcome" or not article.save_as:
                continue
            for export in response_exports(article):
                write_file(self.output_path, export.path, export.content)
