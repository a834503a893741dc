"""What konsulta_outcomes is (konsulta_content.plugins), and the KONSULTA settings it reads
(konsulta_content.declare)."""

from babel.core import get_global

from konsulta_content.declare import Custom, Invalid, Setting
from konsulta_content.plugins import Need, Plugin, Step

from .exports import RESPONSES_CSV, RESPONSES_JSON


# A language official in more countries than this (English, French, Arabic...) says nothing about where
# a site is: it adds no region, and only numbers written in international format (+...) are found.
MOST_REGIONS_PER_LANGUAGE = 3


def regions_of_languages(languages) -> tuple[str, ...]:
    """The countries where each language is official and the language of at least half the people
    (CLDR, through Babel): sq -> AL, XK; tr -> TR; ro -> MD, RO; en -> none (dozens of countries)."""
    territories = get_global("territory_languages")
    found = []
    for lang in languages:
        base = lang.split("_")[0]
        regions = sorted(t for t, spoken in territories.items() if base in spoken
                         and spoken[base].get("official_status") == "official"
                         and spoken[base].get("population_percent", 0) >= 50)
        if len(regions) <= MOST_REGIONS_PER_LANGUAGE:
            found.extend(r for r in regions if r not in found)
    return tuple(found)


def _phone_regions(value, basics):
    import phonenumbers  # only when a build checks settings: scripts that only list settings need not load it

    if value is None:
        return regions_of_languages(basics.languages)
    if not isinstance(value, (list, tuple)) or not all(
            isinstance(code, str) and code in phonenumbers.SUPPORTED_REGIONS for code in value):
        raise Invalid("give a list of two-letter region codes such as ['XK', 'AL'], or None for the countries "
                      "of the site's languages")
    return tuple(value)


KONSULTA_SETTINGS = (
    Setting("phone_regions", Custom(_phone_regions, "list of region codes or `None`"), None,
            "Where a phone number written without its country code (`044 123 456`) is looked for in the "
            "published text of consultation responses; a number written with one (`+383 44 123 456`) is "
            "found whatever the region. `None` takes the countries of the site's languages: those where the "
            "language is official and spoken by at least half the people (`sq`: AL and XK, `tr`: TR, `ro`: "
            "MD and RO); a language official in many countries (`en`) adds none. A response whose summary or "
            "reason holds a phone number, an e-mail address, a national identity number or an IBAN is a "
            "build error ([content model](content-model.md#personal-data-in-responses))."),
)

PLUGIN = Plugin(
    "konsulta_outcomes",
    "What an outcome's responses add up to (counts by decision and submitter category, as charts), and "
    "the responses as CSV and JSON beside each outcome's page.",
    # The consultation clock says whether an outcome's date has come.
    needs=(Need("konsulta_content", "site"), Need("konsulta_consultations", "build_now")),
    steps=(Step("konsulta_outcomes.steps:check_responses", checks=True),),
    writes=(f"{{lang}}/{{slug}}/{RESPONSES_CSV}", f"{{lang}}/{{slug}}/{RESPONSES_JSON}"),
    reports="responses whose published text holds personal data, repeated response ids, and responses "
            "without a decision (or its reason) once their outcome's date has come",
    settings=KONSULTA_SETTINGS,
)
