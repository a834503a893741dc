"""Konsulta plan: each year's planned consultations, from a YAML file per year, as pages in every language."""

from pelican import signals

from . import urls
from .generator import PlanGenerator


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals["plan_url"] = urls.plan_url


def get_generators(pelican):
    return PlanGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
