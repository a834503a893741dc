"""One lunr index per language, cut into term-range chunks, and the small files the search page reads beside it.

search/{lang}.json                 the manifest: fields, search pipeline, lunr version, document count, and
                                   the chunks (first term and file name of each), read when the reader starts
search/{lang}/terms-NNN-HASH.json  the postings of a range of terms: per term its lunr `_index` and, per field,
                                   (document number, score) pairs; the page fetches only the chunks that hold
                                   its query's terms
search/{lang}-docs.json            what a result shows: title, URL, type, status, date, body, topics, year, summary
search/{lang}/{ref}.json           a document's plain text by section: [[heading id, heading, text], ...] (the
                                   text before the first heading has no id), fetched for the first results on
                                   screen: their best-matching sections, and a snippet where the summary does
                                   not hold the query's words
Each .json has a .json.gz beside it, which the page fetches and inflates where the browser can.

lunr.py's Builder builds the whole index (idf, BM25 field vectors, token set), exactly as before; only its
tokenising and index pipeline run here, once per distinct word (see `IndexBuilder`). The chunks are a
lossless rewriting of that index: `load_index` puts the files back together into the same lunr.py Index.
Scores are lunr's own serialised field-vector values. A document's score for a query is
queryVector.similarity(fieldVector) = dot / |queryVector| (lunr.js 2.3.9 and lunr.py 0.8): only the
components of the query's terms count, so an index holding only the chunks of those terms scores as the whole.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from lunr import __TARGET_JS_VERSION__ as LUNR_VERSION
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token import Token
from lunr.token_set import TokenSet
from lunr.vector import Vector

from .pipeline import index_pipeline, language, lower, rules_manifest, search_pipeline

FIELDS = (("title", 10), ("topic", 4), ("headings", 4), ("summary", 3), ("text", 1))
FRAGMENT_CHARS = 20_000
SEPARATOR = re.compile(r"[ \t\n\r\f\v\xa0-]+")  # lunr.py's Tokenizer: SEPARATOR_CHARS


@dataclass
class Entry:
    """One document as the search sees it."""
    url: str
    title: str
    type: str
    lang: str
    status: str = ""
    # (moment, status) of each change the clock alone brings after the build (Consultation.changes): the
    # page corrects a result's status as consultation-status.js corrects the pages.
    status_changes: tuple = ()
    date: str = ""
    date_label: str = ""
    year: str = ""
    body: str = ""
    body_title: str = ""
    topics: tuple = ()  # (slug, label)
    summary: str = ""
    headings: str = ""
    text: str = ""
    sections: tuple = ()  # (heading id, heading text, text) of each h2/h3, after the text before the first

    @property
    def topic(self) -> str:
        return " ".join(label for _, label in self.topics)


# --- building ---------------------------------------------------------------------------------------------
class IndexBuilder(Builder):
    """lunr.py's Builder, fed terms that went through the index pipeline already.

    Builder.add tokenises character by character and makes a Token per word and per pipeline step; a corpus
    has millions of words but a few thousand distinct ones, and the pipeline is a function of the word alone.
    `add_terms` records exactly what Builder.add records (lunr.py 0.8, no metadata whitelist): the term
    frequencies and length of each field, and the postings, with each new term numbered in the order it is
    first met. Builder.build then scores and assembles the index as usual.
    tests/test_search.py compares the result with Builder.add's on the demo content.
    """

    def __init__(self, lang: str):
        super().__init__()
        self.search_pipeline.add(*search_pipeline(lang))
        self.ref("id")
        for name, boost in FIELDS:
            self.field(name, boost)
        self._index_pipeline = Pipeline()
        self._index_pipeline.add(*index_pipeline(lang))
        self._terms_of_word: dict[str, list[str]] = {}

    def terms(self, text) -> list[str]:
        """Builder.add's Tokenizer (lowercase, split on its separators) then the index pipeline, per word."""
        if text is None:
            return []
        memo, found = self._terms_of_word, []
        for word in SEPARATOR.split(str(text).lower()):
            if not word:
                continue
            terms = memo.get(word)
            if terms is None:
                terms = memo[word] = [str(t) for t in self._index_pipeline.run([Token(word, {})])]
            found.extend(terms)
        return found

    def add_terms(self, doc_ref: str, fields: dict[str, list[str]]) -> None:
        self._documents[doc_ref] = {}
        self.document_count += 1
        inverted_index, names = self.inverted_index, list(self._fields)
        for field_name in names:
            terms = fields.get(field_name) or []
            field_ref = f"{field_name}/{doc_ref}"  # str(FieldRef(doc_ref, field_name))
            frequencies = defaultdict(int, Counter(terms))  # insertion order: first occurrence
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in names}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted_index[term] = posting
                if doc_ref not in posting[field_name]:
                    posting[field_name][doc_ref] = defaultdict(list)


def empty_index(lang: str) -> Index:
    pipeline = Pipeline()
    pipeline.add(*search_pipeline(lang))
    return Index(inverted_index={}, field_vectors={}, token_set=TokenSet.from_list([]),
                 fields=[name for name, _ in FIELDS], pipeline=pipeline)


def build_index(lang: str, entries: list[Entry]) -> Index:
    if not entries:
        # lunr.py divides by the document count; a language with no documents yet gets an empty index.
        return empty_index(lang)
    builder = IndexBuilder(lang)
    for ref, entry in enumerate(entries):
        builder.add_terms(str(ref), {name: builder.terms(lower(lang, getattr(entry, name))) for name, _ in FIELDS})
    return builder.build()


def labels(entries: list[Entry]) -> dict:
    """{"bodies": slug -> name, "topics": slug -> label} of the entries: the filters' options."""
    bodies, topics = {}, {}
    for entry in entries:
        if entry.body:
            bodies[entry.body] = entry.body_title or entry.body
        for slug, label in entry.topics:
            topics.setdefault(slug, label)
    return {"bodies": bodies, "topics": topics}


def display_data(entries: list[Entry]) -> dict:
    docs = [{"u": entry.url, "t": entry.title, "ty": entry.type, "st": entry.status, "d": entry.date,
             "dl": entry.date_label, "y": entry.year, "b": entry.body, "tp": [s for s, _ in entry.topics],
             "s": entry.summary, **({"ch": [list(change) for change in entry.status_changes]}
                                    if entry.status_changes else {})} for entry in entries]
    return {**labels(entries), "docs": docs}


# --- chunks -----------------------------------------------------------------------------------------------
def term_order(term: str) -> bytes:
    """Terms in the order JavaScript compares strings (UTF-16 code units), which the page's binary search
    over the chunk boundaries and lunr.js's TokenSet both use. Python's order (code points) differs only
    beyond the Basic Multilingual Plane."""
    return term.encode("utf-16-be")


def chunk_entries(serialized: dict) -> list[list]:
    """[term, _index, postings of field 1, ...] per term in JavaScript order; postings are flat
    [document number, score, ...] with document numbers as gaps from the previous one, scores as lunr
    serialised them in the field vectors."""
    fields = serialized["fields"]
    scores: dict[tuple[str, int], float] = {}  # (field/ref, term index) -> score
    for field_ref, elements in serialized["fieldVectors"]:
        for n in range(0, len(elements), 2):
            scores[field_ref, elements[n]] = elements[n + 1]
    entries = []
    for term, posting in sorted(serialized["invertedIndex"], key=lambda item: term_order(item[0])):
        index = posting["_index"]
        row = [term, index]
        for field in fields:
            flat, previous = [], 0
            for ref in sorted(int(r) for r in posting[field]):
                flat += [ref - previous, scores[f"{field}/{ref}", index]]
                previous = ref
            row.append(flat)
        entries.append(row)
    return entries


def _json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def split_chunks(entries: list[list], target_gzip: int) -> list[tuple[str, bytes]]:
    """(first term, JSON bytes) of consecutive runs of terms of about `target_gzip` compressed bytes each (the
    language's own compression ratio turns the target into raw bytes). A term with more postings gets a chunk
    of its own. The target is KONSULTA['search_chunk_bytes']. Each row is serialised once: the whole index
    (for the ratio) and every chunk are the same rows joined."""
    if not entries:
        return []
    encoded = [_json_bytes(row) for row in entries]
    ratio = len(gzip_bytes(_json_list(encoded))) / sum(len(e) + 1 for e in encoded)
    target_raw = max(1, int(target_gzip / ratio))
    chunks, current, size = [], [], 0
    for row, raw in zip(entries, encoded):
        if current and size + len(raw) + 1 > target_raw:
            chunks.append(current)
            current, size = [], 0
        current.append((row, raw))
        size += len(raw) + 1
    chunks.append(current)
    return [(rows[0][0][0], _json_list([raw for _, raw in rows])) for rows in chunks]


def _json_list(encoded: list[bytes]) -> bytes:
    """The JSON list of already serialised items, as _json_bytes would write the list."""
    return b"[" + b",".join(encoded) + b"]"


def _with_gzip(name: str, raw: bytes) -> list[tuple[str, bytes]]:
    return [(name, raw), (name + ".gz", gzip_bytes(raw))]


# RFC 1952's "unknown" operating system. Python 3.11 and 3.12 write 3 (Unix) in this header byte and
# 3.13 writes 255; with it fixed, the same content gives the same bytes whichever Python builds the site.
GZIP_OS_UNKNOWN = b"\xff"


def gzip_bytes(raw: bytes) -> bytes:
    """``raw`` gzipped with no time and no operating system in the header: the files served, and what
    split_chunks estimates their sizes with. Level 6: level 9 took four times as long for 1 % fewer bytes
    (0.10 s against 0.03 s at 1,000 documents, a second at 10,000)."""
    data = gzip.compress(raw, compresslevel=6, mtime=0)
    return data[:9] + GZIP_OS_UNKNOWN + data[10:]


def index_files(lang: str, index: Index, documents: int, target_gzip: int) -> list[tuple[str, bytes]]:
    """The manifest {lang}.json and the chunks {lang}/terms-*.json (paths from the search folder). Chunk names
    carry a hash of their content, so a page never mixes a cached chunk with a newer manifest. The manifest
    also gives the page the language's index pipeline and lowercase rule (pipeline.LANGUAGES), and the suffix
    rules of a language stemmed by them."""
    serialized = index.serialize()
    files, listed = [], []
    for number, (first_term, raw) in enumerate(split_chunks(chunk_entries(serialized), target_gzip)):
        name = f"terms-{number:03d}-{hashlib.sha256(raw).hexdigest()[:8]}.json"
        files += _with_gzip(f"{lang}/{name}", raw)
        listed.append([first_term, name])
    manifest = {"version": serialized["version"], "fields": serialized["fields"],
                "pipeline": serialized["pipeline"], "index_pipeline": list(language(lang).index),
                "lowercase": language(lang).lowercase, "documents": documents, "chunks": listed}
    rules = rules_manifest(lang)
    if rules:  # a language stemmed by suffix rules: the browser runs them from here (pipeline.SuffixRules)
        manifest["rules"] = rules
    return files + _with_gzip(f"{lang}.json", _json_bytes(manifest))


def language_files(lang: str, entries: list[Entry], chunk_bytes: int) -> list[tuple[str, bytes]]:
    """Every file of one language's search, as (path from the search folder, bytes): in any process
    (konsulta_content.workers), since it needs the entries alone."""
    files = index_files(lang, build_index(lang, entries), len(entries), chunk_bytes)
    files += _with_gzip(f"{lang}-docs.json", _json_bytes(display_data(entries)))
    for ref, entry in enumerate(entries):
        files += _with_gzip(f"{lang}/{ref}.json", _json_bytes(fragment(entry)))
    return files


def fragment(entry: Entry) -> list[list[str]]:
    """A document's text by section, the first FRAGMENT_CHARS characters of it: what a result shows beyond
    its summary. A document without sections (an older cache) is one piece of its whole text."""
    pieces, left = [], FRAGMENT_CHARS
    for section_id, heading, text in entry.sections or (("", "", entry.text),):
        pieces.append([section_id, heading, text[:max(0, left)]])
        left -= len(text)
    return pieces


def write(folder: Path, lang: str, files: list[tuple[str, bytes]]) -> None:
    """Writes one language's files into the search folder, first removing the chunks of an earlier build."""
    chunk_folder = folder / lang
    chunk_folder.mkdir(parents=True, exist_ok=True)
    for old in chunk_folder.glob("terms-*.json*"):
        old.unlink()
    for name, raw in files:
        (folder / name).write_bytes(raw)


# --- reading back -----------------------------------------------------------------------------------------
class ChunkError(ValueError):
    """A chunk is missing, or holds a term outside its range."""


def chunk_for(manifest: dict, term: str) -> str | None:
    """The name of the chunk whose range holds `term` (None: before the first chunk, so not in the index)."""
    position = bisect.bisect_right([term_order(first) for first, _ in manifest["chunks"]], term_order(term))
    return manifest["chunks"][position - 1][1] if position else None


def read_chunks(folder: Path, lang: str) -> tuple[dict, list[list]]:
    """The manifest and every term row of its chunks, checking each chunk is there and holds only its range."""
    manifest = json.loads((folder / f"{lang}.json").read_text("utf-8"))
    chunks, rows = manifest["chunks"], []
    for number, (first, name) in enumerate(chunks):
        path = folder / lang / name
        if not path.is_file():
            raise ChunkError(f"{lang}: chunk {name} is missing")
        chunk = json.loads(path.read_text("utf-8"))
        if not chunk or chunk[0][0] != first:
            raise ChunkError(f"{lang}: chunk {name} does not start with {first!r}")
        following = term_order(chunks[number + 1][0]) if number + 1 < len(chunks) else None
        for row in chunk:
            key = term_order(row[0])
            if key < term_order(first) or (following is not None and key >= following):
                raise ChunkError(f"{lang}: term {row[0]!r} is in chunk {name}, outside its range")
        rows.extend(chunk)
    return manifest, rows


def load_index(folder: Path, lang: str) -> Index:
    """The lunr.py Index the build wrote for `lang`, put back together from the manifest and all its chunks."""
    manifest, rows = read_chunks(folder, lang)
    fields, documents = manifest["fields"], manifest["documents"]
    inverted_index, elements = {}, defaultdict(list)  # elements: field/ref -> [(term index, score)]
    for row in sorted(rows, key=lambda r: r[0]):
        term, index, postings = row[0], row[1], row[2:]
        if term in inverted_index:
            raise ChunkError(f"{lang}: term {term!r} is in two chunks")
        posting = {}
        for field, flat in zip(fields, postings):
            posting[field], ref = {}, 0
            for n in range(0, len(flat), 2):
                ref += flat[n]
                posting[field][str(ref)] = {}
                elements[f"{field}/{ref}"].append((index, flat[n + 1]))
        posting["_index"] = index
        inverted_index[term] = posting
    field_vectors = {}
    for ref in range(documents):  # Builder's order: documents, then fields; empty fields keep an empty vector
        for field in fields:
            pairs = sorted(elements.pop(f"{field}/{ref}", []))
            field_vectors[f"{field}/{ref}"] = Vector([value for pair in pairs for value in pair])
    if elements:
        raise ChunkError(f"{lang}: postings name documents beyond {documents}: {sorted(elements)[:3]}")
    if manifest["version"] != LUNR_VERSION:
        raise ChunkError(f"{lang}: index written for lunr {manifest['version']}, not {LUNR_VERSION}")
    return Index(inverted_index=inverted_index, field_vectors=field_vectors,
                 token_set=TokenSet.from_list(sorted(inverted_index)), fields=list(fields),
                 pipeline=Pipeline.load(manifest["pipeline"]))
