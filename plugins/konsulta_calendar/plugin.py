"""What konsulta_calendar is (konsulta_content.plugins)."""

from konsulta_content.plugins import Need, Plugin

from .urls import DRAFT_CALENDAR, SITE_CALENDAR

PLUGIN = Plugin(
    "konsulta_calendar",
    "Consultation dates as iCalendar files people add to their calendars: every consultation's opening "
    "and closing day in one file, and each draft's own beside its page.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
    uses=(Need("konsulta_history", "history"),),  # "Last updated" dates the events (konsulta_history.dates)
    writes=(SITE_CALENDAR, f"{{lang}}/{{slug}}/{DRAFT_CALENDAR}"),
)
