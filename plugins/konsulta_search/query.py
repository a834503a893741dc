"""How a query runs against a language's index: the same steps as KonsultaSearch.search in
theme/static/js/search.js, so the golden queries give the same documents in Python and in the browser.

1. lowercase as the language does (Turkish I/İ), split on spaces and hyphens as lunr's tokenizer;
2. each word through the index's search pipeline; a word that yields nothing (a stop word) is dropped;
3. keep the variants the index holds; a word with none means no result;
4. one optional clause per variant (pipeline off), then keep documents that match every word.
"""

from __future__ import annotations

import re

from .pipeline import lower

SEPARATOR = re.compile(r"[\s\-]+")


def words(lang: str, query: str) -> list[str]:
    return [w for w in SEPARATOR.split(lower(lang, query).strip()) if w]


def search(index, lang: str, query: str) -> list[dict]:
    groups = []
    for word in words(lang, query):
        variants = list(dict.fromkeys(index.pipeline.run_string(word)))
        if not variants:
            continue
        present = [v for v in variants if v in index.inverted_index]
        if not present:
            return []
        groups.append(present)
    if not groups:
        return []

    def clauses(q):
        for group in groups:
            for variant in group:
                q.term(variant, use_pipeline=False)

    results = index.query(callback=clauses)
    return [r for r in results
            if all(any(v in r["match_data"].metadata for v in group) for group in groups)]
