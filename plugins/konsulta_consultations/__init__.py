"""Konsulta consultations: each draft's status from its dates, comment links while it is open,
and pages by status with a per-body overview."""

from markupsafe import Markup
from pelican import signals

from konsulta_content.config import load_config

from .generator import ConsultationsGenerator, consultations_url
from .interest import interest_url
from .sections import with_section_links


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals["consultations_url"] = consultations_url
    template = load_config(generator.settings).interest_form
    env.globals["interest_url"] = lambda **values: interest_url(template, **values)
    env.filters["with_section_links"] = lambda html, links, label: Markup(with_section_links(str(html), links, label))


def get_generators(pelican):
    return ConsultationsGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
