"""Konsulta i18n: every page is rendered in its own language within one Pelican run: interface strings
(catalogues.py) and dates, numbers and sizes (formatting.py), installed in the templates by templates.py.
What it is: plugin.py."""


def register():
    from pelican import signals

    from .templates import install

    signals.generator_init.connect(install)
