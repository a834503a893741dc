"""Konsulta open data: documents.json and documents.csv with a published JSON Schema, sitemap.xml with
language alternates, robots.txt, schema.org JSON-LD for document pages, and an Open data page per language.
What it is, and what it needs: plugin.py.
"""

PLUGIN_NAME = "konsulta_opendata"


def add_template_globals(generator):
    from . import urls
    from .jsonld import json_ld

    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(open_data_url=urls.open_data_url, json_ld=json_ld)


def get_generators(pelican):
    from .generator import OpenDataGenerator

    return OpenDataGenerator


def record_page(path, context):
    """Every page Pelican writes, with its alternates and date, for sitemap.xml (kept with the build)."""
    from konsulta_content.build import of_settings

    from .sitemap import page_of

    build = of_settings(context)
    page = page_of(path, context)
    if build is not None and page is not None:
        build.state_of(PLUGIN_NAME).setdefault("pages", {})[page.url] = page


def write_sitemap(pelican):
    """After every generator has written its pages."""
    from konsulta_content.addresses import link_from
    from konsulta_content.build import of_settings
    from konsulta_content.pages import write_file

    from . import urls
    from .sitemap import sitemap_bytes

    pages = of_settings(pelican.settings).state_of(PLUGIN_NAME).get("pages", {})
    siteurl = pelican.settings.get("SITEURL") or ""
    # Locally, addresses relative to the site root (where sitemap.xml is); "./" is the root page itself.
    content = sitemap_bytes(pages.values(), link=lambda url: link_from(urls.SITEMAP, url, siteurl) or "./",
                            default_lang=pelican.settings["DEFAULT_LANG"])
    write_file(pelican.output_path, urls.SITEMAP, content)


def register():
    from pelican import signals

    from konsulta_content import hooks

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(record_page)
    hooks.output_written.connect(write_sitemap)
