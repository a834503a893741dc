"""Konsulta calendar: consultation dates as iCalendar files, one for the whole site and one per draft."""

from pelican import signals

from . import urls
from .generator import CalendarGenerator


def add_template_globals(generator):
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(calendar_url=urls.calendar_url, consultations_calendar_url=urls.consultations_calendar_url)


def get_generators(pelican):
    return CalendarGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
