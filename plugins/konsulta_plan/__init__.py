"""Konsulta plan: each year's planned consultations, from a YAML file per year, as pages in every language.
What it is: plugin.py."""


def add_template_globals(generator):
    from . import urls

    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals["plan_url"] = urls.plan_url


def get_generators(pelican):
    from .generator import PlanGenerator

    return PlanGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
