"""Konsulta history: last updated, revision history and word-level changes, from git; and pages at
documents' earlier addresses that send readers on (docs/history.md). What it is: plugin.py."""


def add_template_globals(generator):
    from konsulta_content.build import config_of
    from .views import changes_url

    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["repository_link"] = repository_link(generator.settings)
        env.globals["history_messages_lang"] = config_of(generator.settings).history_messages_lang
        env.globals["changes_url"] = changes_url


def repository_link(settings):
    import urllib.parse

    from konsulta_content.build import config_of

    templates = config_of(settings).repository or {}

    def link(kind: str, **values) -> str | None:
        template = templates.get(kind)
        quoted = {key: urllib.parse.quote(value, safe="/") for key, value in values.items()}
        return template.format(**quoted) if template else None

    return link


def get_generators(pelican):
    from .generator import HistoryGenerator

    return HistoryGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
