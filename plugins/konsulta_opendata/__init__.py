"""Konsulta open data: documents.json and documents.csv with a published JSON Schema, sitemap.xml with
language alternates, robots.txt, schema.org JSON-LD for document pages, and an Open data page per language.

Needs konsulta_content, konsulta_listings, konsulta_outcomes, konsulta_calendar and konsulta_feeds
(listed before this plugin in PLUGINS).
"""

from pelican import signals

from konsulta_content import hooks, parallel
from konsulta_content.addresses import link_from
from konsulta_content.pages import write_file

from . import urls
from .generator import OpenDataGenerator
from .jsonld import json_ld
from .sitemap import page_of, sitemap_bytes

# Pages written by the current build, for sitemap.xml (reset when a build starts).
_pages = {}


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(open_data_url=urls.open_data_url, json_ld=json_ld)


def get_generators(pelican):
    return OpenDataGenerator


def forget_pages(pelican):
    _pages.clear()


def record_page(path, context):
    page = page_of(path, context)
    if page is not None:
        _pages[page.url] = page


def write_sitemap(pelican):
    """After every generator has written its pages (in both processes)."""
    siteurl = pelican.settings.get("SITEURL") or ""
    # Locally, addresses relative to the site root (where sitemap.xml is); "./" is the root page itself.
    content = sitemap_bytes(_pages.values(), link=lambda url: link_from(urls.SITEMAP, url, siteurl) or "./",
                            default_lang=pelican.settings["DEFAULT_LANG"])
    write_file(pelican.output_path, urls.SITEMAP, content)


def register():
    parallel.bring_back("sitemap pages", lambda: dict(_pages), _pages.update)
    signals.initialized.connect(forget_pages)
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(record_page)
    hooks.output_written.connect(write_sitemap)
