"""What konsulta_outcomes is (konsulta_content.plugins)."""

from konsulta_content.plugins import Need, Plugin

from .exports import RESPONSES_CSV, RESPONSES_JSON

PLUGIN = Plugin(
    "konsulta_outcomes",
    "What an outcome's responses add up to (counts by decision and submitter category, as charts), and "
    "the responses as CSV and JSON beside each outcome's page.",
    needs=(Need("konsulta_content", "site"),),
    writes=(f"{{lang}}/{{slug}}/{RESPONSES_CSV}", f"{{lang}}/{{slug}}/{RESPONSES_JSON}"),
)
