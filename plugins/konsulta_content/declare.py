"""Declaring settings: each KONSULTA key once, in the plugin that reads it, with its type, default and
meaning (in the manner of MkDocs' typed config options). load_config (config.py) checks a site's
KONSULTA dict against these declarations, and docs/settings.md is written from them (settings_doc.py),
so the checks, the defaults and the documentation cannot drift apart.

How a plugin declares its settings: its declaration (``PLUGIN`` in ``<plugin>/plugin.py``, plugins.py)
lists them in ``settings``: ``Setting`` (and ``Renamed``/``Removed`` for keys it no longer reads), built
with this module:

    # konsulta_search/plugin.py
    from konsulta_content.declare import Setting, Whole

    KONSULTA_SETTINGS = (Setting("search_chunk_bytes", Whole("give ...", minimum=500), 10_000, "..."),)
    PLUGIN = Plugin("konsulta_search", "...", settings=KONSULTA_SETTINGS)

konsulta_content never imports another plugin by name: ``declarations`` reads the declaration of every
plugin in the site's PLUGINS (the plugins Pelican loads), and konsulta_content's always.
Order does not matter: the declarations become one table keyed by setting name (a name declared
twice is a mistake in the code, reported as such), and each check sees only the site's basics
(``Basics``: languages, DEFAULT_LANG, TIMEZONE and the content folder, checked before any plugin's
setting) and its own value, never another plugin's setting; problems are sorted by setting name.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from .plugins import load


class Invalid(ValueError):
    """A setting's value is wrong; each message says what to write instead."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = list(messages)


@dataclass(frozen=True)
class Basics:
    """What every check may rely on: the site's languages, default language, time zone and content folder
    (checked first), and Pelican's settings as read."""

    languages: tuple[str, ...]
    default_lang: str
    timezone: ZoneInfo
    content_path: str | None
    settings: Mapping = field(default_factory=dict, repr=False, compare=False)


# --- kinds of value: how one is checked, and what the documentation calls it

class Kind:
    """How a value is checked and cleaned (``check`` returns the clean value or raises Invalid)."""

    type_doc = "value"

    def check(self, value, basics: Basics):
        raise NotImplementedError


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Whole(Kind):
    """A whole number of at least ``minimum``; ``advice`` is the message for anything else."""

    advice: str
    minimum: int = 0
    type_doc: str = "whole number"

    def check(self, value, basics):
        if not _is_whole(value) or value < self.minimum:
            raise Invalid(self.advice)
        return value


@dataclass(frozen=True)
class OneOf(Kind):
    """One of a few values (compared with their type: True is not 1)."""

    choices: tuple
    advice: str
    type_doc: str = ""

    def check(self, value, basics):
        if not any(type(value) is type(choice) and value == choice for choice in self.choices):
            raise Invalid(self.advice)
        return value


@dataclass(frozen=True)
class Flag(Kind):
    advice: str = "give True or False"
    type_doc: str = "`True` or `False`"

    def check(self, value, basics):
        if not isinstance(value, bool):
            raise Invalid(self.advice)
        return value


@dataclass(frozen=True)
class OptionalText(Kind):
    advice: str = "give text or None"
    type_doc: str = "text or `None`"

    def check(self, value, basics):
        if value is not None and not isinstance(value, str):
            raise Invalid(self.advice)
        return value


@dataclass(frozen=True)
class TextList(Kind):
    """A list (or tuple) of text, cleaned to a tuple; ``non_empty``: each item has text."""

    advice: str
    type_doc: str = "list of text"
    non_empty: bool = False

    def check(self, value, basics):
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(item, str) and (item or not self.non_empty) for item in value):
            raise Invalid(self.advice)
        return tuple(value)


@dataclass(frozen=True)
class Custom(Kind):
    """A check of its own: ``function(value, basics)`` returns the clean value or raises Invalid."""

    function: Callable[[Any, Basics], Any]
    type_doc: str

    def check(self, value, basics):
        return self.function(value, basics)


# --- declarations

@dataclass(frozen=True)
class Setting:
    """One KONSULTA key. ``meaning`` is Markdown for docs/settings.md; ``default_doc`` shows the default
    there when its Python form would not read well (e.g. "`[DEFAULT_LANG]`")."""

    name: str
    kind: Kind
    default: Any
    meaning: str
    default_doc: str | None = None

    @property
    def type_doc(self) -> str:
        return self.kind.type_doc


@dataclass(frozen=True)
class Renamed:
    """A key that was renamed: a site that still uses ``old`` is told to write ``new``."""

    old: str
    new: str
    since: str  # the Konsulta version that renamed it

    def message(self) -> str:
        return (f"renamed to {self.new!r} in Konsulta {self.since}: write KONSULTA[{self.new!r}] instead "
                "(it takes the same value)")


@dataclass(frozen=True)
class Removed:
    """A key that is no longer read: ``advice`` says what replaces it, or that nothing needs to."""

    old: str
    since: str
    advice: str

    def message(self) -> str:
        return f"no longer a setting since Konsulta {self.since}: {self.advice}"


@dataclass(frozen=True)
class PelicanSetting:
    """A Pelican setting, documented with Konsulta's (it is checked, where it is, by load_config)."""

    name: str
    meaning: str
    example: str  # as a site writes it in pelicanconf.py or publishconf.py
    where: str = "pelicanconf.py"


@dataclass(frozen=True)
class Declarations:
    """Every setting the site's plugins declare, by name, with the plugin that declared it (in the
    order declared, plugin by plugin: the order of docs/settings.md; checks do not depend on it)."""

    settings: dict[str, Setting]
    owners: dict[str, str]
    retired: dict[str, Renamed | Removed]
    mistakes: tuple[str, ...] = ()  # declarations that contradict each other (a bug in a plugin)

    def by_owner(self) -> dict[str, list[Setting]]:
        grouped: dict[str, list[Setting]] = {}
        for name, setting in self.settings.items():
            grouped.setdefault(self.owners[name], []).append(setting)
        return grouped


def declarations(plugins: Iterable | None) -> Declarations:
    """The settings of konsulta_content and of each plugin in ``plugins`` (Pelican's PLUGINS), each plugin once."""
    return collect((plugin.name, plugin.settings) for plugin in load(plugins))


def collect(sources: Iterable[tuple[str, Iterable]]) -> Declarations:
    """One table from (owner, declarations) pairs, in any order."""
    settings: dict[str, Setting] = {}
    owners: dict[str, str] = {}
    retired: dict[str, Renamed | Removed] = {}
    retired_owner: dict[str, str] = {}
    mistakes = []
    for owner, declared in sources:
        for item in declared:
            if isinstance(item, Setting):
                if item.name in owners:
                    mistakes.append(f"[{item.name!r}]: declared twice, by {owners[item.name]} and by {owner}: "
                                    "each setting has one owner")
                    continue
                settings[item.name] = item
                owners[item.name] = owner
            elif isinstance(item, (Renamed, Removed)):
                retired[item.old] = item
                retired_owner[item.old] = owner
    for old in sorted(set(retired) & set(settings)):
        mistakes.append(f"[{old!r}]: declared as a setting by {owners[old]} and as retired by "
                        f"{retired_owner[old]}: a name cannot be both")
    return Declarations(settings, owners, retired, tuple(sorted(mistakes)))


def check(raw: Mapping, declared: Declarations, basics: Basics) -> tuple[dict[str, Any], list[str]]:
    """(every declared setting's clean value, its default where the site has none; problems as
    "['key']: message", by setting name). Defaults go through the same checks, which clean them."""
    problems = list(declared.mistakes)
    for key in sorted(set(raw) - set(declared.settings), key=repr):
        problems.append(f"[{key!r}]: {_unknown(key, declared)}")
    values: dict[str, Any] = {}
    for name, setting in sorted(declared.settings.items()):
        try:
            values[name] = setting.kind.check(raw.get(name, setting.default), basics)
        except Invalid as invalid:
            problems.extend(f"[{name!r}]: {message}" for message in invalid.messages)
    return values, problems


def _unknown(key, declared: Declarations) -> str:
    if key in declared.retired:
        return declared.retired[key].message()
    known = ", ".join(sorted(declared.settings))
    if not isinstance(key, str):
        return f"setting names are text; known settings are {known}"
    close = difflib.get_close_matches(key, declared.settings, n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown setting{hint}; known settings are {known}"
