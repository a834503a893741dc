"""What konsulta_feeds is (konsulta_content.plugins)."""

from konsulta_content.plugins import Need, Plugin

from . import urls

PLUGIN = Plugin(
    "konsulta_feeds",
    "Atom and RSS feeds that follow every listing page (a language's documents, each type, topic and "
    "issuing body), consultations as they open, every language together, and each document with its "
    "revisions, each listing's also as a page of the site; <link rel=\"alternate\"> on every page; a Subscribe page per language.",
    needs=(Need("konsulta_content", "site", "tag_authority"), Need("konsulta_i18n"),
           Need("konsulta_listings"),  # the addresses of the pages its feeds follow
           Need("konsulta_consultations", "consultation", "consultations")),
    uses=(Need("konsulta_history", "history"),),  # revisions, and "Last updated" (konsulta_history.dates)
    writes=(f"{urls.FEEDS_FOLDER}/", f"{{lang}}/{urls.SUBSCRIBE_PATH}/",
            *(f"{{lang}}/{{slug}}/{urls.DOCUMENT_FEED}{suffix}" for suffix in urls.FORMATS.values())),
)
