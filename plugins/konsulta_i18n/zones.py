"""How pages name the time zone of a deadline: by a label a person recognises, never by an IANA id.

A site sets the label per language (``KONSULTA['zone_labels']``); a Kosovo site, for example, would
rather say "ora e Prishtinës" than name Belgrade, the city its zone is filed under. Without one, the
label is the zone's city in the page's language, in the catalogue's words: 'Istanbul time',
'İstanbul saati'. The IANA id stays in machine-readable attributes only.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import get_timezone_location

from .formatting import babel_locale


def zone_city(tzinfo: dt.tzinfo, lang: str) -> str:
    """The zone's exemplar city in the language (CLDR): Europe/Belgrade -> 'Beograd' in Albanian."""
    return get_timezone_location(tzinfo, locale=babel_locale(lang), return_city=True)


def zone_label(tzinfo: dt.tzinfo, lang: str, labels: dict, translations) -> str:
    """``labels``: the site's own, by language; ``translations``: the page language's catalogue."""
    if lang in labels:
        return labels[lang]
    return translations.ugettext("%(city)s time") % {"city": zone_city(tzinfo, lang)}
