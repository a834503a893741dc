"""Dates, numbers, sizes and language names for one locale, with Babel (no system locales needed)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit


# A site language whose default Babel locale is not the one its content is written in: Serbian's is
# Cyrillic, and Kosovo's institutions publish Serbian in Latin script, so dates and numbers must be Latin too.
BABEL_LOCALES = {"sr": "sr_Latn"}


@lru_cache(maxsize=None)
def babel_locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES.get(lang, lang))


def local_date(value, lang: str, style: str = "long") -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return _format_day(value, lang, style)


@lru_cache(maxsize=1 << 14)
def _format_day(day: dt.date, lang: str, style: str) -> str:
    # Listings and feeds format the same few hundred days thousands of times; Babel takes ~30 µs each.
    return format_date(day, format=style, locale=babel_locale(lang))


def deadline(value: dt.datetime, lang: str, zone_label: str) -> str:
    """A deadline as people say it: the day in words, the time on the 24-hour clock and the zone by a
    label people recognise (zones.py): 'December 15, 2026, 23:59 (Istanbul time)', '15 Aralık 2026
    23:59 (İstanbul saati)'. The 24-hour clock in every language: a deadline must not hang on "PM"
    (CLDR gives Albanian and English a 12-hour clock). Minutes only: 23:59:59 reads as 23:59."""
    locale = babel_locale(lang)
    day = _format_day(value.date(), lang, "long")
    clock = format_skeleton("Hm", value, tzinfo=value.tzinfo, locale=locale)
    moment = str(locale.datetime_formats["long"]).replace("{1}", day).replace("{0}", clock)
    return f"{moment} ({zone_label})"


@lru_cache(maxsize=1 << 14, typed=True)
def percent(value: float, lang: str) -> str:
    return format_percent(value, locale=babel_locale(lang))


def iso_date(value) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def file_size(size: int, lang: str) -> str:
    for unit, scale in (("digital-megabyte", 1_000_000), ("digital-kilobyte", 1_000)):
        if size >= scale:
            return format_unit(round(size / scale, 1), unit, length="short", locale=babel_locale(lang))
    spelled = format_unit(size, "digital-byte", length="long", locale=babel_locale(lang))
    # CLDR lacks the long form in some locales (tr, sq) and Babel then echoes the unit's id.
    if "digital-" in spelled:
        spelled = format_unit(size, "digital-byte", length="short", locale=babel_locale(lang))
    return spelled


def money(amount: float, currency: str, lang: str) -> str:
    return format_currency(amount, currency, locale=babel_locale(lang))


def join_full_stops(text: str, variables: dict) -> str:
    """`text`, a translated message, with the full stop after a placeholder dropped where the value put in
    its place ends with one already: a Serbian date is "18. decembar 2026.", and "... until %(date)s."
    must not end "2026..". Runs before the values are put in (``text % variables``)."""
    for name, value in variables.items():
        if isinstance(value, str) and value.endswith("."):
            text = text.replace(f"%({name})s.", f"%({name})s")
    return text


@lru_cache(maxsize=1 << 14, typed=True)
def number(value, lang: str) -> str:
    return format_decimal(value, locale=babel_locale(lang))


def language_name(code: str) -> str:
    """The language's name in itself, as a switcher should show it: Türkçe, Română, Shqip, Srpski, English
    (the language alone: Serbian's locale would add its script, "srpski (latinica)")."""
    locale = babel_locale(code)
    name = (locale.languages.get(locale.language) if code in BABEL_LOCALES else locale.get_display_name(code)) or code
    return name[:1].upper() + name[1:]
