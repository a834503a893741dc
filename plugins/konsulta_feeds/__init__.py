"""Konsulta feeds: Atom and RSS feeds for every language, type, topic, issuing body, opening
consultations and single document; <link rel="alternate"> on every page; a Subscribe page per language.

Needs konsulta_content, konsulta_listings, konsulta_consultations and konsulta_calendar (listed before
this plugin in PLUGINS).
"""

from pelican import signals

from . import urls
from .catalogue import page_feeds
from .generator import FeedsGenerator


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(page_feeds=page_feeds, subscribe_url=urls.subscribe_url)


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
