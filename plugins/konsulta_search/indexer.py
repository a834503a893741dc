"""One lunr index per language, and the small files the search page reads beside it.

search/{lang}.json       the lunr index (refs are numbers), loaded when the reader starts to search
search/{lang}-docs.json  what a result shows: title, URL, type, status, date, body, topics, year, summary
search/{lang}/{ref}.txt  a document's plain text, fetched only for the results on screen (snippets)
Each .json has a .json.gz beside it, which the page fetches and inflates where the browser can.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from lunr.builder import Builder
from lunr.index import Index
from lunr.token_set import TokenSet

from .pipeline import index_pipeline, lower, search_pipeline

FIELDS = (("title", 10), ("topic", 4), ("headings", 4), ("summary", 3), ("text", 1))
FRAGMENT_CHARS = 20_000


@dataclass
class Entry:
    """One document as the search sees it."""
    url: str
    title: str
    type: str
    lang: str
    status: str = ""
    date: str = ""
    date_label: str = ""
    year: str = ""
    body: str = ""
    body_title: str = ""
    topics: tuple = ()  # (slug, label)
    summary: str = ""
    headings: str = ""
    text: str = ""

    @property
    def topic(self) -> str:
        return " ".join(label for _, label in self.topics)


def plain_text(html: str) -> str:
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def build_index(lang: str, entries: list[Entry]):
    builder = Builder()
    builder.pipeline.add(*index_pipeline(lang))
    builder.search_pipeline.add(*search_pipeline(lang))
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost)
    if not entries:
        # lunr.py divides by the document count; a language with no documents yet gets an empty index.
        return Index(inverted_index={}, field_vectors={}, token_set=TokenSet.from_list([]),
                     fields=[name for name, _ in FIELDS], pipeline=builder.search_pipeline)
    for ref, entry in enumerate(entries):
        builder.add({"id": str(ref), **{name: lower(lang, getattr(entry, name)) for name, _ in FIELDS}})
    return builder.build()


def display_data(entries: list[Entry]) -> dict:
    bodies, topics, docs = {}, {}, []
    for entry in entries:
        if entry.body:
            bodies[entry.body] = entry.body_title or entry.body
        for slug, label in entry.topics:
            topics.setdefault(slug, label)
        docs.append({"u": entry.url, "t": entry.title, "ty": entry.type, "st": entry.status, "d": entry.date,
                     "dl": entry.date_label, "y": entry.year, "b": entry.body, "tp": [s for s, _ in entry.topics],
                     "s": entry.summary})
    return {"bodies": bodies, "topics": topics, "docs": docs}


def _write_json(path: Path, data) -> None:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))


def write(output: Path, lang: str, entries: list[Entry]):
    """Writes one language's files under output/search/; returns the index."""
    index = build_index(lang, entries)
    folder = output / "search"
    _write_json(folder / f"{lang}.json", index.serialize())
    _write_json(folder / f"{lang}-docs.json", display_data(entries))
    fragments = folder / lang
    fragments.mkdir(parents=True, exist_ok=True)
    for ref, entry in enumerate(entries):
        (fragments / f"{ref}.txt").write_text(entry.text[:FRAGMENT_CHARS], encoding="utf-8")
    return index
