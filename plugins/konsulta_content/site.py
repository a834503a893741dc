"""The whole site's documents, indexed for templates, and the checks that need all of them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .documents import REFERENCES
from .problems import a_or_an, display_path
from .rendering import slugify_heading
from .schema import TYPES


# First path segments of listing pages inside a language folder (konsulta_listings.urls).
RESERVED_SLUGS = ("type", "topics", "topic", "issued-by", "consultations", "plan", "subscribe", "open-data", "search")


def topic_slug(topic: str) -> str:
    return slugify_heading(topic)


@dataclass
class Site:
    """Every document of the build, by language and slug. Articles carry their Document as ``doc``."""

    languages: tuple[str, ...]
    default_lang: str
    articles: list = field(default_factory=list)
    by_key: dict = field(default_factory=dict)
    by_slug: dict = field(default_factory=lambda: defaultdict(list))
    types: tuple[str, ...] = TYPES
    # Look-ups computed once: templates and generators ask for them per page, and scanning every
    # document each time made these quadratic (0.9 s for outcome_of alone at 10,000 documents).
    _sorted: dict = field(default_factory=dict, repr=False)
    _issued: dict = field(default_factory=dict, repr=False)
    _topics: dict = field(default_factory=dict, repr=False)
    _answers: dict | None = field(default=None, repr=False)
    _bodies: tuple | None = field(default=None, repr=False)

    @classmethod
    def build(cls, articles, config) -> Site:
        site = cls(config.languages, config.default_lang)
        site.articles = sorted(articles, key=lambda a: (a.doc.lang, a.doc.slug, a.doc.source_path))
        for article in site.articles:
            site.by_key.setdefault(article.doc.key, article)
            site.by_slug[article.doc.slug].append(article)
        return site

    # --- look-ups used by templates and generators
    def in_lang(self, lang: str, doc_type: str | None = None) -> list:
        """Documents of one language, newest first (then by title for a stable order).

        Sorted once per language and type: listings, feeds and body pages ask for these many times."""
        key = (lang, doc_type)
        if key not in self._sorted:
            found = [a for a in self.articles if a.doc.lang == lang and (doc_type is None or a.doc.type == doc_type)]
            self._sorted[key] = sorted(found, key=lambda a: (-a.date.toordinal(), a.doc.title.casefold(), a.doc.slug))
        return list(self._sorted[key])

    def find(self, slug: str | None, lang: str):
        """The document with this slug in ``lang``, else in the default language, else any."""
        if not slug:
            return None
        candidates = self.by_slug.get(slug, [])
        for preferred in (lang, self.default_lang):
            for article in candidates:
                if article.doc.lang == preferred:
                    return article
        return candidates[0] if candidates else None

    def outcome_of(self, draft, lang: str):
        declared = self.find(draft.doc.fields.get("outcome"), lang)
        if declared:
            return declared
        if self._answers is None:
            answers = defaultdict(set)  # draft slug -> slugs of the outcomes that respond to it
            for article in self.articles:
                if article.doc.type == "outcome" and isinstance(article.doc.fields.get("responds_to"), str):
                    answers[article.doc.fields["responds_to"]].add(article.doc.slug)
            self._answers = {slug: sorted(outcomes) for slug, outcomes in answers.items()}
        answering = self._answers.get(draft.doc.slug)
        return self.find(answering[0], lang) if answering else None

    def issued_by(self, body_slug: str, lang: str) -> list:
        if lang not in self._issued:
            by_body: dict[str, list] = defaultdict(list)
            for article in self.in_lang(lang):
                by_body[article.doc.fields.get("body")].append(article)
            self._issued[lang] = by_body
        return list(self._issued[lang].get(body_slug, []))

    def topics(self, lang: str) -> dict[str, tuple[str, list]]:
        """topic slug -> (label as written, documents), for one language."""
        if lang not in self._topics:
            found: dict[str, tuple[str, list]] = {}
            for article in self.in_lang(lang):
                for topic in article.doc.fields.get("topics") or []:
                    label, docs = found.setdefault(topic_slug(topic), (topic, []))
                    docs.append(article)
            self._topics[lang] = sorted(found.items(), key=lambda item: item[1][0].casefold())
        return {slug: (label, list(docs)) for slug, (label, docs) in self._topics[lang]}

    def bodies_with_documents_any(self) -> list[str]:
        """Bodies that issued a document in any language: each gets a listing in every language."""
        if self._bodies is None:
            self._bodies = tuple(sorted({a.doc.fields["body"] for a in self.articles
                                         if isinstance(a.doc.fields.get("body"), str)}))
        return list(self._bodies)

    @staticmethod
    def topic_slug(topic: str) -> str:
        return topic_slug(topic)

    def alternates(self, article) -> list[tuple[str, str]]:
        """(language, URL) of the article and each translation, for hreflang links and the switcher."""
        return [(a.doc.lang, a.url) for a in self.translations_of(article)]

    def translations_of(self, article) -> list:
        """The article and its translations, in site language order."""
        group = {a.doc.lang: a for a in self.by_slug.get(article.doc.slug, [])}
        return [group[lang] for lang in self.languages if lang in group]

    # --- checks that need every document
    def check(self) -> list:
        """Duplicate slugs, translations that disagree, references to documents that do not exist.

        Returns problems instead of storing them on documents, which Pelican may cache."""
        found = []
        for article in self.articles:
            if article.doc.slug in RESERVED_SLUGS:
                found.append(article.doc.make_problem(
                    f"the slug {article.doc.slug!r} is reserved for listing pages "
                    f"({', '.join(RESERVED_SLUGS)}): rename the file or set another 'slug'",
                    path=("slug",) if "slug" in article.doc.fields else ()))
        for (lang, slug), group in _group(self.articles, lambda a: a.doc.key).items():
            if len(group) > 1:
                paths = ", ".join(display_path(a.doc.source_path) for a in group)
                for article in group:
                    found.append(article.doc.make_problem(f"the slug {slug!r} is used by more than one {lang!r} document ({paths}): "
                                        "rename a file or set another 'slug'", path=("slug",) if "slug" in article.doc.fields else ()))
        for stem, group in _group(self.articles, lambda a: Path(a.doc.source_path).stem).items():
            slugs = {a.doc.slug for a in group}
            types = {a.doc.type for a in group}
            if len(slugs) > 1:
                for article in group:
                    found.append(article.doc.make_problem(
                        f"translations of {stem!r} have different slugs ({', '.join(sorted(slugs))}): "
                        "translations share one slug; set the same 'slug' in each language or remove it",
                        path=("slug",)))
            if len(types) > 1:
                for article in group:
                    found.append(article.doc.make_problem(f"translations of {stem!r} have different types ({', '.join(sorted(types))}): "
                                        "give every translation the same 'type'", path=("type",)))
        for article in self.articles:
            doc = article.doc
            for name, allowed in REFERENCES.items():
                target_slug = doc.fields.get(name)
                if not isinstance(target_slug, str):
                    continue
                targets = self.by_slug.get(target_slug, [])
                if not targets:
                    found.append(doc.make_problem(f"no document has the slug {target_slug!r}: check the spelling, or add the "
                                f"{' or '.join(allowed)} it refers to", path=(name,)))
                elif not any(t.doc.type in allowed for t in targets):
                    found.append(doc.make_problem(f"{target_slug!r} is {a_or_an(targets[0].doc.type)}, but {name} must name "
                                f"{a_or_an(' or '.join(allowed))}", path=(name,)))
                elif target_slug == doc.slug:
                    found.append(doc.make_problem("a document cannot refer to itself", path=(name,)))
        return found + self.check_outcome_links()

    def check_outcome_links(self) -> list:
        """A draft's `outcome` and that outcome's `responds_to` must name each other."""
        found = []
        for article in self.articles:
            doc = article.doc
            if doc.type != "draft" or not isinstance(doc.fields.get("outcome"), str):
                continue
            outcome = self.find(doc.fields["outcome"], doc.lang)
            if outcome is not None and outcome.doc.type == "outcome" and outcome.doc.fields.get("responds_to") != doc.slug:
                found.append(doc.make_problem(
                    f"{outcome.doc.slug!r} answers {outcome.doc.fields.get('responds_to')!r}, not this draft: "
                    "fix 'outcome' here or 'responds_to' there", path=("outcome",)))
        return found

    def problems(self) -> list:
        return [p for article in self.articles for p in article.doc.problems]


def _group(items, key) -> dict:
    grouped = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


