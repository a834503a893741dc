"""Konsulta search: one lunr index per language, written at build time, and a search page per language
that loads it with lunr.js only when the reader starts to search (see docs/search.md)."""

from pelican import signals

from .generator import SearchGenerator, search_url


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["search_url"] = search_url


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
