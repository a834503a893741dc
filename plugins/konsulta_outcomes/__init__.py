"""Konsulta outcomes: what an outcome's responses add up to, and the responses as open data files.

Templates get ``response_counts(doc)`` and ``response_exports(article)``; a generator writes the
exports beside each outcome page, after checking what they publish (checks.py: no personal data, a
decision for every response once the outcome's date has come). Needs konsulta_content, and
konsulta_consultations for the consultation clock (listed before this plugin in PLUGINS).
"""

from pelican import signals

from konsulta_content.config import load_config

from .exports import response_exports
from .generator import ResponsesGenerator
from .statistics import count_responses


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    categories = load_config(generator.settings).submitter_categories
    env.globals.update(
        response_counts=lambda doc: count_responses(doc.responses, categories),
        response_exports=response_exports,
    )


def get_generators(pelican):
    return ResponsesGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
