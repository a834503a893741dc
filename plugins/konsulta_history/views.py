"""What a document page shows of its history, and the comparisons behind its changes pages."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from dataclasses import dataclass, field

from konsulta_content import frontmatter

from .gitlog import Version
from .worddiff import Piece, counts, word_diff


@dataclass
class DocumentHistory:
    available: bool
    reason: str | None
    versions: list[Version] = field(default_factory=list)
    repository_path: str | None = None
    last_updated: dt.date | None = None
    after_consultation: Comparison | None = None

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


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[dict, str]:
    return frontmatter.load_fields(text) or ({}, text)


def _shown(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def compare(older_text: str, newer_text: str, older: Version | None, newer: Version | None) -> Comparison:
    old_fields, old_body = _split(older_text)
    new_fields, new_body = _split(newer_text)
    fields = [FieldChange(name, _shown(old_fields.get(name, "")), _shown(new_fields.get(name, "")))
              for name in sorted(set(old_fields) | set(new_fields)) if old_fields.get(name) != new_fields.get(name)]
    return Comparison(older, newer, word_diff(old_body.strip(), new_body.strip()), fields)
