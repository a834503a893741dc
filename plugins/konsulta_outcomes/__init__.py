"""Konsulta outcomes: what an outcome's responses add up to, and the responses as open data files.

Templates get ``response_counts(doc)`` and ``response_exports(article)``; a generator writes the
exports beside each outcome page. What it is: plugin.py.
"""


def add_template_globals(generator):
    from konsulta_content.build import config_of

    from .exports import response_exports
    from .statistics import count_responses

    env = getattr(generator, "env", None)
    if env is None:
        return
    categories = config_of(generator.settings).submitter_categories
    env.globals.update(
        response_counts=lambda doc: count_responses(doc.responses, categories),
        response_exports=response_exports,
    )


def get_generators(pelican):
    from .generator import ResponsesGenerator

    return ResponsesGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
