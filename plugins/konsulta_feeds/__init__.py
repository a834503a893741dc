"""Konsulta feeds: Atom and RSS feeds for every language, type, topic, issuing body, opening
consultations and single document; <link rel="alternate"> on every page; a Subscribe page per language.
What it is, and what it needs: plugin.py."""


def add_template_globals(generator):
    from konsulta_content.addresses import is_absolute

    from . import urls
    from .catalogue import follow_feed, page_feeds

    env = getattr(generator, "env", None)
    if env is None:
        return
    # is_absolute_address: a feed's page gives its addresses in full where the page's SITEURL is absolute.
    env.globals.update(page_feeds=page_feeds, follow_feed=follow_feed, subscribe_url=urls.subscribe_url,
                       is_absolute_address=is_absolute)


def get_generators(pelican):
    from .generator import FeedsGenerator

    return FeedsGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
