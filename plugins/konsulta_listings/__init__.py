"""Konsulta listings: per-language home pages, listings by type, topic and issuing body, and which of
them the menu offers (menu.py)."""

from pelican import signals

from konsulta_content.config import load_config

from . import urls
from .generator import ListingsGenerator
from .menu import listed_types


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(
        home_url=urls.home_url,
        type_url=urls.type_url,
        topics_url=urls.topics_url,
        topic_url=urls.topic_url,
        issued_by_url=urls.issued_by_url,
        listed_types=listed_types(load_config(generator.settings).always_in_menu),
    )


def get_generators(pelican):
    return ListingsGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
