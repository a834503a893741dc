"""What a document page shows of its history, and the comparisons behind its changes pages.

Comparisons are between published forms (konsulta_history.published), never raw Markdown: a history
page shows only what the current rules would publish.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .gitlog import Version
from .published import Published
from .worddiff import Piece, counts, word_diff

PUBLISHED, WITHHELD, REDACTED = "published", "withheld", "redacted"


@dataclass
class DocumentHistory:
    available: bool
    reason: str | None
    versions: list[Version] = field(default_factory=list)
    repository_path: str | None = None
    last_updated: dt.date | None = None
    after_consultation: Comparison | None = None
    statuses: dict[Version, str] = field(default_factory=dict)

    def status(self, version: Version) -> str:
        """published, withheld (fails today's rules) or redacted (KONSULTA['history_redactions'])."""
        return self.statuses.get(version, WITHHELD)

    def changes_url(self, article, version: Version) -> str:
        return f"{article.url}changes/{version.short}/"


@dataclass
class FieldChange:
    name: str
    before: str
    after: str


@dataclass
class Comparison:
    """Two versions of one document: the word-level body diff and the front matter fields that changed."""

    older: Version | None
    newer: Version | None  # None: the text as it is in this build
    pieces: list[Piece]
    fields: list[FieldChange]

    @property
    def words(self) -> dict[str, int]:
        return counts(self.pieces)

    @property
    def changed(self) -> bool:
        return bool(self.fields) or any(p.kind != "same" for p in self.pieces)


def _shown(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)  # dates as YYYY-MM-DD


def compare(older_form: Published, newer_form: Published, older: Version | None, newer: Version | None) -> Comparison:
    old_fields, new_fields = older_form.fields, newer_form.fields
    fields = [FieldChange(name, _shown(old_fields.get(name, "")), _shown(new_fields.get(name, "")))
              for name in sorted(set(old_fields) | set(new_fields)) if old_fields.get(name) != new_fields.get(name)]
    return Comparison(older, newer, word_diff(older_form.text, newer_form.text), fields)


def pairs(versions: list[Version], statuses: dict[Version, str]) -> list[tuple[Version, Version]]:
    """(version, the version it is compared with), newest first: each published version against the
    nearest older published one; withheld and redacted versions are stepped over, never compared."""
    shown = [v for v in versions if statuses.get(v) == PUBLISHED]
    return list(zip(shown, shown[1:]))
