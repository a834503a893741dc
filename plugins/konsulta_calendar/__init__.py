"""Konsulta calendar: consultation dates as iCalendar files, one for the whole site and one per draft.
What it is: plugin.py."""


def add_template_globals(generator):
    from . import urls

    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(calendar_url=urls.calendar_url, consultations_calendar_url=urls.consultations_calendar_url)


def get_generators(pelican):
    from .generator import CalendarGenerator

    return CalendarGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
