"""What konsulta_search is (konsulta_content.plugins), and the KONSULTA settings it reads (konsulta_content.declare)."""

from konsulta_content.declare import Setting, Whole
from konsulta_content.plugins import Need, Plugin

from .urls import SEARCH_FOLDER, SEARCH_PATH

KONSULTA_SETTINGS = (
    Setting("search_chunk_bytes",
            Whole("give a whole number of bytes, at least 500, e.g. 10000", minimum=500,
                  type_doc="whole number, at least 500"), 10_000,
            "Target gzip size of one search index chunk ([search](search.md)). Smaller chunks mean fewer bytes "
            "per query and more files; the tests use 1500 so the demo has several chunks per language."),
)

PLUGIN = Plugin(
    "konsulta_search",
    "One lunr index per language, built with each language's text pipeline and cut into chunks, and a "
    "search page per language that loads only the chunks a query needs.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
    uses=(Need("konsulta_consultations", "consultation"),),  # a draft's status, to filter by
    writes=(f"{SEARCH_FOLDER}/", f"{{lang}}/{SEARCH_PATH}/"),
    settings=KONSULTA_SETTINGS,
)
