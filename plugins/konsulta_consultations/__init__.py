"""Konsulta consultations: each draft's status from its dates, comment links while it is open,
and pages by status with a per-body overview. What it is: plugin.py."""


def add_template_globals(generator):
    from markupsafe import Markup

    from konsulta_content.config import load_config

    from .interest import interest_url
    from .sections import with_section_links
    from .urls import consultations_url

    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals["consultations_url"] = consultations_url
    template = load_config(generator.settings).interest_form
    env.globals["interest_url"] = lambda **values: interest_url(template, **values)
    env.filters["with_section_links"] = lambda html, links, label, hidden=False: Markup(
        with_section_links(str(html), links, label, hidden))


def get_generators(pelican):
    from .generator import ConsultationsGenerator

    return ConsultationsGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
