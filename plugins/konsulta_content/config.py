"""load_config: a site's KONSULTA dict and the Pelican settings Konsulta depends on, checked against
the settings every plugin declares (declare.py; konsulta_content's own are in plugin.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from .declare import Basics, check, declarations


class ConfigError(SystemExit):
    """Stops the build (or scripts/validate) with every settings problem at once, without a traceback.
    Each problem is "['key']: message" for a KONSULTA key, or "SETTING: message" for a Pelican one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "Konsulta settings are not valid:\n" + "\n".join(
                f"KONSULTA{p}" if p.startswith(("[", ":")) else p for p in problems)
        )


@dataclass(frozen=True)
class KonsultaConfig:
    """A site's checked settings. Every declared KONSULTA key is an attribute (``config.comment_form``),
    its default where the site sets none; a key whose plugin is not in PLUGINS is not there."""

    languages: tuple[str, ...]
    default_lang: str
    timezone: ZoneInfo
    values: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str):
        values = self.__dict__.get("values", {})  # read directly: copy and pickle probe before __init__
        if name.startswith("__") or name not in values:
            raise AttributeError(f"KonsultaConfig has no {name!r}: no plugin in PLUGINS declares KONSULTA[{name!r}]")
        return values[name]

    def site_name(self, lang: str, fallback: str) -> str:
        return self.site_names.get(lang, fallback)


_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


def _languages(value, settings: Mapping) -> tuple[tuple[str, ...], list[str]]:
    """(the site's languages, problems): a list of codes Babel knows."""
    problems = []
    fallback = [settings.get("DEFAULT_LANG", "en")]
    if not isinstance(value, (list, tuple)) or not value:
        problems.append("give a non-empty list of language codes, e.g. ['tr', 'en']")
        value = fallback
    for code in value:
        if not isinstance(code, str) or not _LANG_CODE.match(code):
            problems.append(f"{code!r} is not a language code such as 'tr' or 'sq'")
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            problems.append(f"Babel knows no locale {code!r}")
    return tuple(value), problems


def load_config(settings: dict) -> KonsultaConfig:
    """Checks settings['KONSULTA'] against the declarations of konsulta_content and of every plugin in
    settings['PLUGINS'], and the Pelican settings Konsulta depends on. All problems stop the build together."""
    raw = settings.get("KONSULTA")
    problems: list[str] = []
    if raw is None:
        raw = {}
    elif not isinstance(raw, dict):
        problems.append(": give a dict of settings, e.g. KONSULTA = {'languages': ['en']}")
        raw = {}
    basics = _basics(settings, raw, problems)
    declared = declarations(settings.get("PLUGINS"))
    values, found = check(raw, declared, basics)
    problems.extend(found)
    if problems:
        raise ConfigError(problems)
    return KonsultaConfig(languages=basics.languages, default_lang=basics.default_lang, timezone=basics.timezone,
                          values=values)


def _basics(settings: Mapping, raw: Mapping, problems: list[str]) -> Basics:
    """The settings every other check relies on: languages, DEFAULT_LANG, TIMEZONE, the content folder."""
    languages, found = _languages(raw.get("languages", [settings.get("DEFAULT_LANG", "en")]), settings)
    problems.extend(f"['languages']: {message}" for message in found)
    default_lang = settings.get("DEFAULT_LANG", languages[0])
    if default_lang not in languages:
        problems.append(
            f"['languages']: DEFAULT_LANG {default_lang!r} must be one of the site languages {list(languages)}"
        )
    try:
        timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        problems.append(f"TIMEZONE: {settings.get('TIMEZONE')!r} is not an IANA time zone such as 'Europe/Istanbul'")
        timezone = ZoneInfo("UTC")
    return Basics(languages, default_lang, timezone, settings.get("PATH"), settings)
