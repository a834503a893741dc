"""What konsulta_i18n is (konsulta_content.plugins), and the KONSULTA settings it reads
(konsulta_content.declare)."""

from konsulta_content.declare import Custom, Invalid, Setting
from konsulta_content.plugins import Plugin


def _zone_labels(value, basics):
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                              for k, v in value.items()):
        raise Invalid("give a dict from language code to the zone's name in that language, e.g. "
                      "{'sq': 'ora e Prishtinës', 'en': 'Pristina time'}")
    unknown = sorted(set(value) - set(basics.languages))
    if unknown:
        raise Invalid(f"{', '.join(unknown)} not in KONSULTA['languages'] ({', '.join(basics.languages)})")
    return dict(value)


KONSULTA_SETTINGS = (
    Setting("zone_labels", Custom(_zone_labels, "dict language → text"), {},
            "How deadlines name the site's time zone, per language: `{\"sq\": \"ora e Prishtinës\", \"en\": "
            "\"Pristina time\"}`. Where a language has none, the zone's city in that language, in the "
            "catalogue's words (`Belgrade time`, `ora në Beograd`). Deadlines read `December 15, 2026, 23:59 "
            "(Pristina time)`; the IANA id (`TIMEZONE`) appears only in machine-readable attributes."),
)


PLUGIN = Plugin(
    "konsulta_i18n",
    "Every page in its own language: the theme's interface strings from gettext catalogues compiled in "
    "memory, and dates, numbers, sizes and language names from Babel, as template functions and filters.",
    settings=KONSULTA_SETTINGS,
)
