"""Konsulta history: last updated, revision history and word-level changes, from git."""

import urllib.parse

from pelican import signals

from konsulta_content.config import load_config

from .generator import HistoryGenerator


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["repository_link"] = repository_link(generator.settings)


def repository_link(settings):
    templates = load_config(settings).repository or {}

    def link(kind: str, **values) -> str | None:
        template = templates.get(kind)
        quoted = {key: urllib.parse.quote(value, safe="/") for key, value in values.items()}
        return template.format(**quoted) if template else None

    return link


def get_generators(pelican):
    return HistoryGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
