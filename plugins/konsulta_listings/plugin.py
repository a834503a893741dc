"""What konsulta_listings is (konsulta_content.plugins), and the KONSULTA settings it reads (konsulta_content.declare)."""

from konsulta_content.declare import Custom, Invalid, Setting
from konsulta_content.plugins import Need, Plugin
from konsulta_content.doctypes import TYPES

from . import urls


def _always_in_menu(value, basics) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(t, str) for t in value):
        raise Invalid(f"give a list of document types, e.g. ['policy', 'strategy']; types are {', '.join(TYPES)}")
    unknown = [t for t in value if t not in TYPES]
    if unknown:
        raise Invalid(*(f"{t!r} is not a document type; types are {', '.join(TYPES)}" for t in unknown))
    return tuple(value)


KONSULTA_SETTINGS = (
    Setting("always_in_menu", Custom(_always_in_menu, "list of document types"), (),
            "Document types whose entry the main menu and the home page's \"Browse\" list show in every "
            "language, even with no documents of that type there. Without it a type appears in a language once "
            "that language has a document of it (\"About this site\" in the footer likewise, for `page`); its "
            "listing page is written either way. Example: `[\"policy\", \"strategy\"]`."),
)

PLUGIN = Plugin(
    "konsulta_listings",
    "Home pages and listings of documents by type, topic and issuing body, in every language; the root "
    "page and 404; which types the menu offers.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
    # The drafts' listing is the consultations page where that plugin is built (urls.drafts_page).
    uses=(Need("konsulta_consultations", "consultations"),),
    writes=("index.html", "404.html", "{lang}/", f"{{lang}}/{urls.TYPE_PATH}/", f"{{lang}}/{urls.TOPICS_PATH}/",
            f"{{lang}}/{urls.TOPIC_PATH}/", f"{{lang}}/{urls.ISSUED_BY_PATH}/"),
    settings=KONSULTA_SETTINGS,
)
