"""What konsulta_opendata is (konsulta_content.plugins)."""

from konsulta_content.plugins import Need, Plugin

from . import urls

PLUGIN = Plugin(
    "konsulta_opendata",
    "Every document's metadata as documents.json and documents.csv with a published JSON Schema; "
    "sitemap.xml with language alternates; robots.txt; schema.org JSON-LD in document pages; an Open data "
    "page per language.",
    needs=(Need("konsulta_content", "site", "tag_authority"), Need("konsulta_i18n"),
           Need("konsulta_listings"),  # the home page each JSON-LD names
           Need("konsulta_outcomes"),  # the responses files each outcome's record links
           Need("konsulta_feeds"),  # each document's permanent id and feed
           Need("konsulta_consultations", "build_now")),  # which decisions the register has published
    uses=(Need("konsulta_history", "history"),),  # "Last updated" (konsulta_history.dates)
    writes=(f"{urls.DATA_FOLDER}/", urls.SITEMAP, urls.ROBOTS, f"{{lang}}/{urls.OPEN_DATA_PATH}/"),
)
