"""The whole site's documents, indexed for templates, and the checks that need all of them."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .doctypes import TYPES
from .documents import REFERENCES, blank_text_problem, consultation_days
from .links import site_address
from .problems import a_or_an, display_path
from .rendering import THEME_ID, slugify_heading
from .schema import NOTICES


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
    # Folders of the site's own pages in every language folder (the plugins' declared files, plugins.py):
    # no document may take one as its slug.
    reserved: tuple[str, ...] = ()
    # Names written in a document's folder besides its page (changes/, feeds...: plugins.py)
    beside_documents: tuple[str, ...] = ()
    # Look-ups computed once: templates and generators ask for them per page, and scanning every
    # document each time made these quadratic (0.9 s for outcome_of alone at 10,000 documents).
    _sorted: dict = field(default_factory=dict, repr=False)
    _issued: dict = field(default_factory=dict, repr=False)
    _topics: dict = field(default_factory=dict, repr=False)
    _notices: dict = field(default_factory=dict, repr=False)  # kind -> the pages that claim that notice
    _answers: dict | None = field(default=None, repr=False)
    _bodies: tuple | None = field(default=None, repr=False)

    @classmethod
    def build(cls, articles, config, reserved: tuple[str, ...] = (), beside_documents: tuple[str, ...] = ()) -> Site:
        site = cls(config.languages, config.default_lang, reserved=tuple(reserved),
                   beside_documents=tuple(beside_documents))
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

    def only_elsewhere(self, lang: str, articles) -> list:
        """Of ``articles`` (of any language), the documents that have no version in ``lang``: one article
        each, in the default language where it has one, else in the first of the site's languages that
        has it; in the order of ``articles``. A listing names them, so that a page in one language does
        not say nothing is there while other languages have it."""
        rank = {language: number for number, language in enumerate((self.default_lang, *self.languages))}
        chosen: dict[str, object] = {}
        for article in articles:
            slug, other = article.doc.slug, article.doc.lang
            if other == lang or any(a.doc.lang == lang for a in self.by_slug.get(slug, ())):
                continue
            if slug not in chosen or rank.get(other, len(rank)) < rank.get(chosen[slug].doc.lang, len(rank)):
                chosen[slug] = article
        order = {id(article): number for number, article in enumerate(articles)}
        return sorted(chosen.values(), key=lambda article: order[id(article)])

    def elsewhere_of_type(self, lang: str, doc_type: str) -> list:
        """The documents of a type that have no version in ``lang`` (only_elsewhere), newest first."""
        everywhere = [a for language in self.languages for a in self.in_lang(language, doc_type)]
        return self.only_elsewhere(lang, sorted(everywhere, key=lambda a: (-a.date.toordinal(), a.doc.title.casefold(),
                                                                            a.doc.slug)))

    def notice(self, kind: str, lang: str):
        """The page that is the site's ``kind`` notice (schema.NOTICES) in ``lang``, else in the default
        language, else in any: the one find would give for its slug. None when no page is."""
        pages = self._notice_pages(kind)
        return self.find(pages[0].doc.slug, lang) if pages else None

    def _notice_pages(self, kind: str) -> list:
        """Every page (in any language) whose front matter says it is the ``kind`` notice."""
        if kind not in self._notices:  # every page's footer asks: look through the documents once
            self._notices[kind] = [a for a in self.articles if a.doc.type == "page" and a.doc.fields.get("notice") == kind]
        return self._notices[kind]

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
        if not answering:
            return None
        # An outcome written in the page's language first: outcomes in two languages may have their own
        # slugs (each is then a document of its own language), and the first slug alone would show the
        # other language's outcome on this page.
        in_lang = [self.by_key[(lang, slug)] for slug in answering if (lang, slug) in self.by_key]
        return in_lang[0] if in_lang else self.find(answering[0], lang)

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
        """Duplicate slugs, translations that disagree, references to documents that do not exist or that
        go round in a circle, outcomes that do not fit their draft, texts that say nothing.

        Returns problems instead of storing them on documents, which Pelican may cache."""
        found = []
        for article in self.articles:
            if article.doc.slug in self.reserved:
                found.append(article.doc.make_problem(
                    f"the slug {article.doc.slug!r} is reserved for listing pages "
                    f"({', '.join(self.reserved)}): rename the file or set another 'slug'",
                    path=("slug",) if "slug" in article.doc.fields else ()))
        for (lang, slug), group in _group(self.articles, lambda a: a.doc.key).items():
            if len(group) > 1:
                paths = ", ".join(display_path(a.doc.source_path) for a in group)
                for article in group:
                    found.append(article.doc.make_problem(f"the slug {slug!r} is used by more than one {lang!r} document ({paths}): "
                                        "rename a file or set another 'slug'", path=("slug",) if "slug" in article.doc.fields else ()))
        found += self.check_translations()
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
                    found.append(doc.make_problem(f"a document cannot refer to itself: name another document or remove {name!r}", path=(name,)))
        found += self.check_circles("parent", "the parents go round in a circle ({chain}): a body cannot be part of "
                                    "itself; remove 'parent' from one of them or name another body")
        found += self.check_circles("superseded_by", "the replacements go round in a circle ({chain}): a document cannot "
                                    "be replaced by one it replaces; fix 'superseded_by' in one of them")
        return (found + self.check_outcome_links() + self.check_outcomes() + self.check_texts() + self.check_links()
                + self.check_notices())

    def check_notices(self) -> list:
        """One page per notice: two privacy notices (other than translations of one page) would leave the
        footer and the comment links to pick one."""
        found = []
        for kind in NOTICES:
            pages = self._notice_pages(kind)
            slugs = sorted({a.doc.slug for a in pages})
            for article in (pages if len(slugs) > 1 else ()):
                found.append(article.doc.make_problem(
                    f"{', '.join(repr(s) for s in slugs)} are all the site's {kind} notice: keep 'notice: {kind}' on "
                    "one page (its translations share its slug) and remove it from the others", path=("notice",)))
        return found

    def check_translations(self) -> list:
        """Translations (the same file name in different language folders) share one slug and one type.

        Same-named files in one language's subfolders (en/a/x.md, en/b/x.md) are different documents, not
        translations: each file is compared with the files of the other languages only, and disagrees
        when some other language has no file with its slug (or type)."""
        found = []
        for stem, group in _group(self.articles, lambda a: Path(a.doc.source_path).stem).items():
            if len({a.doc.lang for a in group}) < 2:
                continue
            for article in group:
                others = _group([a for a in group if a.doc.lang != article.doc.lang], lambda a: a.doc.lang).values()
                for name, fix in (("slug", "translations share one slug; set the same 'slug' in each language or remove it"),
                                  ("type", "give every translation the same 'type'")):
                    mine = getattr(article.doc, name)
                    if all(any(getattr(a.doc, name) == mine for a in language) for language in others):
                        continue
                    values = sorted({mine} | {getattr(a.doc, name) for language in others for a in language})
                    found.append(article.doc.make_problem(
                        f"translations of {stem!r} have different {name}s ({', '.join(values)}): {fix}", path=(name,)))
        return found

    def check_circles(self, name: str, message: str) -> list:
        """References by ``name`` (parent, superseded_by) that lead back to where they started: a body
        above itself, a policy replaced by what it replaced. Each document on a circle is named once,
        with the circle as seen from it. (A document naming itself is reported as such.)"""
        allowed = REFERENCES[name]

        def next_of(article):
            target = article.doc.fields.get(name)
            if not isinstance(target, str) or target == article.doc.slug:
                return None
            found = self.find(target, article.doc.lang)
            return found if found is not None and found.doc.type in allowed else None

        found, finished = [], set()
        for start in self.articles:
            path, position = [], {}
            node = start
            while node is not None and id(node) not in finished and id(node) not in position:
                position[id(node)] = len(path)
                path.append(node)
                node = next_of(node)
            finished.update(position)
            if node is None or id(node) not in position:
                continue
            circle = path[position[id(node)]:]
            for index, article in enumerate(circle):
                seen_from = circle[index:] + circle[:index + 1]
                chain = " → ".join(repr(a.doc.slug) for a in seen_from)
                found.append(article.doc.make_problem(message.format(chain=chain), path=(name,)))
        return found

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

    def check_outcomes(self) -> list:
        """One outcome per draft and language, dated after its consultation closed.

        Two outcomes in one language answering one draft left one of them unreachable: a draft's page
        links a single outcome (outcome_of). Outcomes in different languages are each shown in their own.

        An outcome answers the comments, so it cannot come before they are all in: the closing day is
        inclusive (comments are accepted until 23:59:59), so the outcome's date must be a later day. One
        dated earlier is a wrong date, or a decision published while people were still invited to comment."""
        found = []
        outcomes = [a for a in self.articles if a.doc.type == "outcome" and isinstance(a.doc.fields.get("responds_to"), str)]
        for (lang, draft_slug), group in _group(outcomes, lambda a: (a.doc.lang, a.doc.fields["responds_to"])).items():
            if len({a.doc.slug for a in group}) > 1:  # one slug twice is reported as a duplicate slug
                paths = ", ".join(display_path(a.doc.source_path) for a in group)
                for article in group:
                    found.append(article.doc.make_problem(
                        f"{draft_slug!r} is answered by more than one {lang!r} outcome ({paths}): a draft has one "
                        "outcome in each language; merge them into one, or fix 'responds_to'", path=("responds_to",)))
        for article in outcomes:
            draft = self.find(article.doc.fields["responds_to"], article.doc.lang)
            days = consultation_days(draft.doc) if draft is not None else None
            day = article.doc.fields.get("date")
            if days is None or not isinstance(day, dt.date) or day > days[1]:
                continue
            opens, closes = days
            when = (f"before the consultation on {draft.doc.slug!r} opened ({opens.isoformat()})"
                    if day < opens else
                    f"before the consultation on {draft.doc.slug!r} closed (comments are accepted until the end of "
                    f"{closes.isoformat()})")
            found.append(article.doc.make_problem(
                f"{day.isoformat()} is {when}: an outcome answers the comments, so date it "
                f"{(closes + dt.timedelta(days=1)).isoformat()} or later, or fix the draft's consultation dates",
                path=("date",)))
        return found

    def check_texts(self) -> list:
        """Titles, summaries and topics that pass the schema (not empty) but say nothing."""
        found = []
        for article in self.articles:
            fields = article.doc.fields
            texts = [(("title",), fields.get("title")), (("summary",), fields.get("summary"))]
            topics = fields.get("topics")
            texts += [(("topics", index), topic) for index, topic in enumerate(topics if isinstance(topics, list) else [])]
            for path, value in texts:
                message = blank_text_problem(value)
                if message:
                    found.append(article.doc.make_problem(message, path=path))
        return found

    def check_links(self) -> list:
        """Links in a body to a page of this site that does not exist: a document of the language that has
        no such slug (a typo, a renamed document, a translation not written yet), a name in a document's
        folder the site does not write, or a heading that is not on the linked page. Links to the site's
        own pages (listings, consultations, search...) and to other sites are not checked here."""
        found = []
        for article in self.articles:
            doc = article.doc
            for address, line in doc.site_links:
                message = self.link_problem(address, doc)
                if message:
                    found.append(doc.make_problem(message, line=line))
        return found

    def link_problem(self, address: str, doc) -> str | None:
        """Why the link ``address`` on the page of ``doc`` leads nowhere; None when it leads somewhere."""
        path, fragment = site_address(address, doc.lang, doc.slug)
        parts = [part for part in path.split("/") if part]
        if len(parts) < 2 or parts[0] not in self.languages or parts[1] in self.reserved:
            return None  # the root, a home page, a listing, or outside the language folders: not a document
        lang, slug, rest = parts[0], parts[1], parts[2:]
        target = self.by_key.get((lang, slug))
        where = f"the link {address!r} leads to /{path}, "
        if target is None:
            return where + self._missing_document(address, lang, slug, doc)
        if rest and rest[0] not in (*self.beside_documents, "index.html"):
            nearby = self.by_key.get((lang, rest[0]))
            fix = (f"a document's page is a folder, so another document is '../{rest[0]}/'" if nearby is not None
                   else "fix the address")
            return where + f"which this site does not have (the page of {slug!r} has no {rest[0]!r}): {fix}"
        if fragment and not rest and fragment not in target.doc.anchors and not THEME_ID.match(fragment):
            close = difflib.get_close_matches(fragment, sorted(target.doc.anchors), n=1)
            fix = f"did you mean '#{close[0]}'?" if close else "link an id that page has (its contents list links to each heading's)"
            return where + f"which has no heading or anchor with the id {fragment!r}: {fix}"
        return None

    def _missing_document(self, address: str, lang: str, slug: str, doc) -> str:
        elsewhere = [other for other in self.languages if (other, slug) in self.by_key]
        if elsewhere:
            return (f"but {slug!r} has no {lang!r} version (it is in {', '.join(elsewhere)}): link another "
                    f"language's ('{_relative(doc, elsewhere[0], slug)}'), or write the translation")
        for article in self.articles:
            aliases = article.doc.fields.get("aliases")
            if isinstance(aliases, list) and f"{lang}/{slug}" in (str(alias).strip("/") for alias in aliases):
                return (f"an earlier address of {article.doc.slug!r}: link where it is now "
                        f"('{_relative(doc, article.doc.lang, article.doc.slug)}')")
        slugs = sorted({key_slug for key_lang, key_slug in self.by_key if key_lang == lang})
        close = difflib.get_close_matches(slug, slugs, n=1)
        fix = f"did you mean '{_relative(doc, lang, close[0])}'?" if close else "fix the address, or remove the link"
        return f"but no {lang!r} document has the slug {slug!r}: {fix}"

    def problems(self) -> list:
        return [p for article in self.articles for p in article.doc.problems]

    def warnings(self) -> list[str]:
        """What the build prints and lets through, sorted by file and line (as problems are)."""
        found = {w for article in self.articles for w in article.doc.warnings} | set(self.topic_warnings())
        return sorted(found, key=_by_file_and_line)

    def topic_warnings(self) -> list[str]:
        """Topics written in another language than the document's: a Turkish document that kept the English
        topics of the document it translates is listed under "Transparency" beside no Turkish document.

        There is no list of each language's topics, so a topic's language is seen from its use: a topic is
        another language's when no other document of this language has it and at least two documents of
        another language do (other than this document's own translations, which may have kept it from
        this one): one against one cannot tell which is the other's word. Topics with no lowercase letter
        (GDPR, ICT) are the same in many languages and are not checked. This errs towards silence: a topic
        two documents of a language share is taken to be theirs."""
        users: dict = defaultdict(lambda: defaultdict(list))  # topic slug -> language -> articles
        for article in self.articles:
            for _, topic in _topics_of(article.doc):
                users[topic_slug(topic)][article.doc.lang].append(article)
        found = []
        for article in self.articles:
            doc = article.doc
            for index, topic in _topics_of(doc):
                slug = topic_slug(topic)
                if not any(ch.islower() for ch in topic):
                    continue
                # Another document of the language with the topic is the common case, found at once; the
                # other languages' users are counted only for a topic no other document here has.
                if any(other is not article for other in users[slug].get(doc.lang, ())):
                    continue
                elsewhere = [lang for lang in self.languages if lang != doc.lang
                             and sum(other.doc.slug != doc.slug for other in users[slug].get(lang, ())) >= 2]
                if not elsewhere:
                    continue
                own = sorted((label for label, _ in self.topics(doc.lang).values() if topic_slug(label) != slug),
                             key=str.casefold)
                examples = f" ({doc.lang!r} topics so far: {', '.join(own[:8])}{', …' if len(own) > 8 else ''})" if own else ""
                found.append(str(doc.make_problem(
                    f"{topic!r} is a topic of {', '.join(map(repr, elsewhere))} documents, and no other {doc.lang!r} "
                    f"document has it: write the topic in this document's language{examples}, so that it lists the "
                    f"document with the {doc.lang!r} documents on the subject; if the word is the same in "
                    f"{doc.lang!r}, keep it", path=("topics", index))))
        return found


def _topics_of(doc) -> list[tuple[int, str]]:
    """(index, topic) of the document's topics that are text (the schema reports any other)."""
    topics = doc.fields.get("topics")
    return [(index, topic) for index, topic in enumerate(topics) if isinstance(topic, str)] if isinstance(topics, list) else []


def _relative(doc, lang: str, slug: str) -> str:
    """The address of the document (``lang``, ``slug``) as a link on ``doc``'s page writes it."""
    return f"../{slug}/" if lang == doc.lang else f"../../{lang}/{slug}/"


def _by_file_and_line(warning: str):
    path, line, _ = (warning.split(":", 2) + ["", ""])[:3]
    return (path, int(line) if line.isdigit() else 0, warning)


def _group(items, key) -> dict:
    grouped = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


