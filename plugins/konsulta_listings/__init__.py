"""Konsulta listings: per-language home pages, listings by type, topic and issuing body, and which of
them the menu offers (menu.py). What it is: plugin.py."""


def add_template_globals(generator):
    from konsulta_content.build import config_of
    from konsulta_content.doctypes import MENU_TYPES
    from konsulta_content.site import topic_slug

    from . import urls
    from .menu import listed_types

    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(
        home_url=urls.home_url,
        type_url=urls.type_url_in(plugin_names(generator.settings)),
        topics_url=urls.topics_url,
        topic_url=urls.topic_url,
        topic_slug=topic_slug,
        issued_by_url=urls.issued_by_url,
        listed_types=listed_types(config_of(generator.settings).always_in_menu),
        menu_types=MENU_TYPES,
    )


def plugin_names(settings) -> set[str]:
    from konsulta_content.build import of_settings
    from konsulta_content.plugins import load, plugin_name

    build = of_settings(settings)
    plugins = build.plugins if build is not None else load(settings.get("PLUGINS"))
    return {plugin.name for plugin in plugins} | {plugin_name(p) for p in settings.get("PLUGINS") or ()}


def get_generators(pelican):
    from .generator import ListingsGenerator

    return ListingsGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
