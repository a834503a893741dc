"""Writes the plan pages in every language: the list of plans, and each year's plan."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_content.pages import in_every_language, write_page

from . import urls


class PlanGenerator(Generator):
    def generate_context(self):
        pass  # the plans come from this plugin's step (steps.py)

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        plans = self.context.get("consultation_plans", [])
        every = lambda make: in_every_language(site.languages, make)  # noqa: E731
        for lang in site.languages:
            self._write(writer, urls.plan_url(lang), lang, every(urls.plan_url), plans=plans)
            for plan in plans:
                self._write(writer, urls.plan_url(lang, plan.year), lang,
                            every(lambda other, year=plan.year: urls.plan_url(other, year)),
                            plan=plan, quarters=plan.quarters(lang, site))

    def _write(self, writer, url, lang, alternates, **context):
        write_page(self, writer, url, "plan", lang=lang, alternates=alternates, **context)
