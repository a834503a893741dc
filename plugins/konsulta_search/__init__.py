"""Konsulta search: one lunr index per language, written at build time, and a search page per language
that loads it with lunr.js only when the reader starts to search (see docs/search.md). What it is:
plugin.py."""


def add_template_globals(generator):
    from .urls import search_url

    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["search_url"] = search_url


def get_generators(pelican):
    from .generator import SearchGenerator

    return SearchGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
