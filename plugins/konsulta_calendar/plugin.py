"""What konsulta_calendar is (konsulta_content.plugins)."""

from konsulta_content.plugins import Need, Plugin

from .urls import CALENDARS_FOLDER, DRAFT_CALENDAR, SITE_CALENDAR

PLUGIN = Plugin(
    "konsulta_calendar",
    "Consultation dates as iCalendar files people add to their calendars: every consultation's opening "
    "and closing day in one file, each draft's own beside its page, and each issuing body's and topic's per language.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n"),
           Need("konsulta_listings")),  # the calendars of bodies and topics mirror their listing pages
    uses=(Need("konsulta_history", "history"),),  # "Last updated" dates the events (konsulta_history.dates)
    writes=(SITE_CALENDAR, f"{CALENDARS_FOLDER}/", f"{{lang}}/{{slug}}/{DRAFT_CALENDAR}"),
)
