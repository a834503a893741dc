"""How the search reads each language, declared once (``LANGUAGES``), and the text pipelines' functions,
registered with lunr.py under the labels that theme/static/js/search.js registers with lunr.js, so an
index built here loads in the browser.

``LANGUAGES`` says, per language: the functions run on document text (``index``) and on each query word
(``query``), by label; its lowercase rule; the Snowball stemmer its stem functions use; and the
lunr-languages stemmer the search page loads. The build writes the index's labels and the lowercase rule
into each language's manifest (indexer.py), and the query labels are lunr's own serialised pipeline: the
browser reads all three from there, so a new language that uses the functions there are is a row here.

- every language: ``konsulta-trim`` strips what is not a letter or digit at the ends of a token;
- tr, ro: ``konsulta-stem-tr`` / ``konsulta-stem-ro`` emit fold(stem(word)) and stem(fold(word)),
  so a word typed with or without its diacritics meets one of the two; a Romanian query word also
  tries ș/ț restored (``konsulta-query-ro``);
- sr: ``konsulta-stem-sr`` as tr and ro, with Snowball's Serbian stemmer (which also reads Cyrillic);
- sq (Snowball has no Albanian): ``konsulta-stem-sq`` / ``konsulta-query-sq`` run the suffix rules of
  stem-sq.json (``SuffixRules``), a data file read here for the index and written into the language's
  manifest, from which search.js runs the same rules on the query: one definition of them;
- en: ``konsulta-normalise`` (fold), then lunr's own stopWordFilter and Porter ``stemmer``, which the
  browser runs as lunr.js 2.3.9 has it; here lunr.py's, with the one step where the two differ done as
  lunr.js does it (``BrowserPorter``: a final y becomes i after a consonant, days -> day, not dai);
- any other: ``konsulta-normalise`` only.

Folding (``fold``): Turkish ı and İ become i, Romanian comma-below and cedilla ș ş ț ţ become s t, and
every other letter loses its combining marks after NFKD (ë->e, ç->c, ğ->g, ă->a, â->a, î->i, ö->o...).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter

TRIM, NORMALISE, STOP_WORDS, PORTER = "konsulta-trim", "konsulta-normalise", "stopWordFilter", "stemmer"
STEM_TR, STEM_RO, QUERY_RO, STEM_SR = "konsulta-stem-tr", "konsulta-stem-ro", "konsulta-query-ro", "konsulta-stem-sr"
STEM_SQ, QUERY_SQ = "konsulta-stem-sq", "konsulta-query-sq"
TURKISH_CASE = "tr"  # I is ı and İ is i


@dataclass(frozen=True)
class Language:
    index: tuple[str, ...]  # labels of the functions run on document text, in order
    query: tuple[str, ...]  # on each query word: stored in the index, lunr.js runs them in the browser
    lowercase: str = ""  # TURKISH_CASE, or "" for the default
    snowball: str | None = None  # the snowballstemmer algorithm its stem function uses
    browser_stemmer: str | None = None  # the Snowball stemmer the page loads (theme/static/js/vendor/lunr.<x>.js)
    rules: str | None = None  # a suffix rules file, stem-<rules>.json beside this module (SuffixRules)


LANGUAGES = {
    "tr": Language(index=(TRIM, STEM_TR), query=(TRIM, STEM_TR), lowercase=TURKISH_CASE, snowball="turkish",
                   browser_stemmer="tr"),
    "ro": Language(index=(TRIM, STEM_RO), query=(TRIM, QUERY_RO), snowball="romanian", browser_stemmer="ro"),
    "sq": Language(index=(TRIM, STEM_SQ), query=(TRIM, QUERY_SQ), rules="sq"),
    "sr": Language(index=(TRIM, STEM_SR), query=(TRIM, STEM_SR), snowball="serbian", browser_stemmer="sr"),
    # Stop words leave the query as they left the index: every query word must match, and "of" matches nothing.
    "en": Language(index=(TRIM, NORMALISE, STOP_WORDS, PORTER), query=(TRIM, NORMALISE, STOP_WORDS, PORTER)),
}
OTHER = Language(index=(TRIM, NORMALISE), query=(TRIM, NORMALISE))  # any language without a row


def language(lang: str) -> Language:
    return LANGUAGES.get(lang, OTHER)

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_SPECIAL = str.maketrans({"ı": "i", "İ": "i", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                          "æ": "ae", "œ": "oe"})
_TR_APOSTROPHE = re.compile("['’]")
_RO_RESTORABLE = re.compile(r"[st](?=i)")
MAX_RESTORED = 3  # ș/ț positions tried for one Romanian query word: 2**3 variants at most


@lru_cache(maxsize=200_000)  # a corpus has a few thousand distinct words and millions of tokens
def fold(word: str) -> str:
    word = word.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def trim(word: str) -> str:
    return _EDGES.sub("", word)


def lower(lang: str, text: str) -> str:
    """Lowercase as the language does (its ``lowercase`` rule). Runs on documents and queries alike."""
    if language(lang).lowercase == TURKISH_CASE:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(language(lang).snowball)


@lru_cache(maxsize=200_000)
def stem(lang: str, word: str) -> str:
    """The Snowball stem of a lowercase word (Romanian in comma-below form, as Snowball 3 writes it)."""
    if lang == "ro":
        word = word.replace("ş", "ș").replace("ţ", "ț")
    if lang == "tr":
        word = _TR_APOSTROPHE.split(word, 1)[0] or word  # Ankara'daki -> Ankara: the suffix of a proper name
    return _stemmer(lang).stemWord(word)


def stem_variants(lang: str, word: str) -> list[str]:
    return list(_stem_variants(lang, word))  # a copy: callers extend it


@lru_cache(maxsize=200_000)
def _stem_variants(lang: str, word: str) -> tuple[str, ...]:
    found = [fold(stem(lang, word))]
    plain = stem(lang, fold(word))
    if plain not in found:
        found.append(plain)
    return tuple(found)


def query_variants(lang: str, word: str) -> list[str]:
    """Index-side variants plus, for Romanian words typed without diacritics, ș/ț restored before i
    (consultatie -> consultație), because Romanian stems differ by them: consultație -> consult."""
    found = stem_variants(lang, word)
    if lang == "ro":
        positions = [m.start() for m in _RO_RESTORABLE.finditer(word)][-MAX_RESTORED:]
        for mask in range(1, 2 ** len(positions)):
            letters = list(word)
            for bit, position in enumerate(positions):
                if mask >> bit & 1:
                    letters[position] = "ș" if letters[position] == "s" else "ț"
            variant = fold(stem(lang, "".join(letters)))
            if variant not in found:
                found.append(variant)
    return found


@dataclass(frozen=True)
class SuffixRules:
    """A light stemmer as data (stem-<lang>.json): on a folded word, cut the longest of `endings` that leaves
    at least `min_stem` letters, then trailing `final_vowels` down to `min_stem`; `stop_words` (folded) give
    no term. A query word also tries the word with only its trailing vowels cut (`query_bare`).
    theme/static/js/search.js (suffixRules) runs the same data, which the build writes into the manifest."""
    min_stem: int
    endings: tuple[str, ...]  # longest first
    final_vowels: str
    query_bare: bool
    stop_words: frozenset[str]

    def data(self) -> dict:
        """The rules as the manifest carries them to the browser."""
        return {"min_stem": self.min_stem, "endings": list(self.endings), "final_vowels": self.final_vowels,
                "query_bare": self.query_bare, "stop_words": sorted(self.stop_words)}

    def strip_vowels(self, word: str) -> str:
        while len(word) > self.min_stem and word[-1] in self.final_vowels:
            word = word[:-1]
        return word

    def stem(self, word: str) -> str:
        for ending in self.endings:
            if word.endswith(ending) and len(word) - len(ending) >= self.min_stem:
                word = word[:-len(ending)]
                break
        return self.strip_vowels(word)

    def variants(self, word: str, query: bool) -> list[str]:
        folded = fold(word)
        if folded in self.stop_words:
            return []
        found = [self.stem(folded)]
        bare = self.strip_vowels(folded)
        if query and self.query_bare and bare not in found:
            found.append(bare)
        return found


@lru_cache(maxsize=None)
def suffix_rules(lang: str) -> SuffixRules:
    data = json.loads((Path(__file__).with_name(f"stem-{language(lang).rules}.json")).read_text("utf-8"))
    return SuffixRules(min_stem=data["min_stem"], final_vowels=data["final_vowels"], query_bare=data["query_bare"],
                       endings=tuple(sorted(data["endings"], key=len, reverse=True)),
                       stop_words=frozenset(data["stop_words"]))


def rules_manifest(lang: str) -> dict | None:
    """What the manifest carries for a language stemmed by rules: the rules and the labels they run under."""
    row = language(lang)
    if row.rules is None:
        return None
    return {"index": row.index[-1], "query": row.query[-1], **suffix_rules(lang).data()}


@lru_cache(maxsize=200_000)
def _rules_variants(lang: str, word: str, query: bool) -> tuple[str, ...]:
    return tuple(suffix_rules(lang).variants(word, query))


def rules_variants(lang: str, word: str, query: bool = False) -> list[str]:
    return list(_rules_variants(lang, word, query))


# --- lunr pipeline functions (token, i, tokens) -> token | list | None
def konsulta_trim(token, i=None, tokens=None):
    token.update(lambda s, m: trim(s))
    return token if str(token) else None


def konsulta_normalise(token, i=None, tokens=None):
    return token.update(lambda s, m: fold(s))


def _stem_function(lang: str, variants):
    def stem_token(token, i=None, tokens=None):
        return [token.clone(lambda s, m, v=v: v) for v in variants(lang, str(token))]
    return stem_token


konsulta_stem_tr = _stem_function("tr", stem_variants)
konsulta_stem_ro = _stem_function("ro", stem_variants)
konsulta_query_ro = _stem_function("ro", query_variants)
konsulta_stem_sr = _stem_function("sr", stem_variants)
konsulta_stem_sq = _stem_function("sq", rules_variants)
konsulta_query_sq = _stem_function("sq", lambda lang, word: rules_variants(lang, word, query=True))
english_stop_words = stop_word_filter  # lunr.py registers it as "stopWordFilter", as lunr.js does


class BrowserPorter(PorterStemmer):
    """lunr.py's Porter stemmer, with step 1c as lunr.js 2.3.9 has it, since queries are stemmed in the
    browser. lunr.py follows the published algorithm (y -> i when the stem has a vowel: days -> dai, cry ->
    cry); lunr.js turns a final y into i only after a consonant that is not the word's first letter
    (`re_1c = /^(.+?[^aeiou])y$/`: days -> day, cry -> cri, by -> by). The other steps agree on every word
    of the demo's English (tests/js: "pipelines agree")."""

    def step1c(self):
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


_browser_porter = BrowserPorter()


def porter_stemmer(token, i=None, tokens=None):
    """lunr's "stemmer" (lunr.js runs its own under that label in the browser), as lunr.js stems."""
    return token.update(_browser_porter.stem)

FUNCTIONS = {
    TRIM: konsulta_trim,
    NORMALISE: konsulta_normalise,
    STEM_TR: konsulta_stem_tr,
    STEM_RO: konsulta_stem_ro,
    QUERY_RO: konsulta_query_ro,
    STEM_SR: konsulta_stem_sr,
    STEM_SQ: konsulta_stem_sq,
    QUERY_SQ: konsulta_query_sq,
}
LUNR_FUNCTIONS = {STOP_WORDS: english_stop_words, PORTER: porter_stemmer}  # lunr's labels, which lunr.js knows


def register() -> None:
    for label, function in FUNCTIONS.items():
        if Pipeline.registered_functions.get(label) is not function:
            Pipeline.register_function(function, label)
    # lunr's "stemmer" label now names the lunr.js-compatible stemmer, so an index read back (load_index)
    # stems queries as the browser does; set directly, since register_function warns on a known label.
    porter_stemmer.label = PORTER
    Pipeline.registered_functions[PORTER] = porter_stemmer


def index_pipeline(lang: str) -> list:
    """Functions run on document text, in order."""
    return [{**FUNCTIONS, **LUNR_FUNCTIONS}[label] for label in language(lang).index]


def search_pipeline(lang: str) -> list:
    """Functions run on each query word (stored in the index: lunr.js runs them in the browser)."""
    return [{**FUNCTIONS, **LUNR_FUNCTIONS}[label] for label in language(lang).query]


register()
