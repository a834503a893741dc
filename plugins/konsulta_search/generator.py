"""Writes each language's search page and the index files it reads.

Once the build has checked every problem (``prepare_output``), each language's entries are made here and
its index files are started in the build's other process, if it has one (konsulta_content.workers): they
are made from the entries alone, while this process writes the pages."""

from __future__ import annotations

from pathlib import Path

import rjsmin
from pelican.generators import Generator

from konsulta_consultations.lifecycle import LIFECYCLE
from konsulta_content.build import config_of
from konsulta_content import markup
from konsulta_content.markup import plain_text
from konsulta_content.pages import in_every_language, write_page
from konsulta_i18n import formatting

from . import indexer
from .pipeline import language
from .urls import SEARCH_FOLDER, SEARCH_SCRIPT, search_url


def page_script(settings) -> bytes:
    """The search page's script: the theme's ``js/search.js`` (the last of THEME_STATIC_PATHS that has one, as
    Pelican copies them) without its comments and spaces. rjsmin is a tokenising minifier that renames nothing:
    the same file gives the same bytes, and the page downloads about a third less (search.js is written to be
    read, and a static host need not compress it). The theme's own copy is still published, unminified. A
    theme without a search.js of its own gets the bundled theme's."""
    import konsulta_theme

    sources = [Path(settings["THEME"]) / folder / "js" / "search.js" for folder in settings["THEME_STATIC_PATHS"]]
    found = [path for path in sources if path.is_file()]
    source = found[-1] if found else Path(konsulta_theme.PATH) / "static" / "js" / "search.js"
    return rjsmin.jsmin(source.read_text("utf-8")).encode("utf-8") + b"\n"


def sections_of(html: str) -> tuple:
    """(heading id, heading text, plain text up to the next h2/h3) of each h2 and h3 of a body, after ("", "",
    the text before the first): the ids are the reader's heading ids, which the per-section comment links
    use too (konsulta_consultations/sections.py), so a search result can link to the clause."""
    found, start, current = [], 0, ("", "")
    for match, _, attrs, inner in markup.elements(html, "h[23]"):
        found.append((*current, plain_text(html[start:match.start()])))
        current, start = (attrs.get("id", ""), markup.text_of(inner)), match.end()
    found.append((*current, plain_text(html[start:])))
    return tuple(section for section in found if section[0] or section[2])


def entry_for(article, site, lang) -> indexer.Entry:
    doc = article.doc
    consultation = getattr(article, "consultation", None)
    body_slug = doc.fields.get("body") if isinstance(doc.fields.get("body"), str) else ""
    body = site.find(body_slug, lang) if body_slug else None
    topics = tuple((site.topic_slug(t), t) for t in doc.fields.get("topics") or [])
    date = article.date
    return indexer.Entry(
        url=article.url, title=doc.title, type=doc.type, lang=lang,
        status=getattr(consultation, "status", "") or "",
        status_changes=tuple((change.at.isoformat(), change.status) for change in consultation.changes) if consultation else (),
        date=date.date().isoformat(), date_label=formatting.local_date(date, lang), year=str(date.year),
        body=body_slug, body_title=body.doc.title if body else body_slug, topics=topics,
        summary=doc.fields.get("summary") or "",
        headings=" ".join(h.text for h in doc.headings),
        text=doc.text or plain_text(doc.html),  # documents cached by an older Konsulta have no text
        sections=sections_of(doc.html),
    )


class SearchGenerator(Generator):
    def generate_context(self):
        pass

    def prepare_output(self, build) -> None:
        site = self.context.get("site")
        if site is None:
            return
        chunk_bytes = config_of(self.settings).search_chunk_bytes
        self._entries = {lang: [entry_for(article, site, lang) for article in site.in_lang(lang)]
                         for lang in site.languages}
        self._files = build.workers.share(indexer.language_files, [(lang, self._entries[lang], chunk_bytes)
                                                                  for lang in site.languages])

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        folder = Path(self.output_path) / SEARCH_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        (Path(self.output_path) / SEARCH_SCRIPT).write_bytes(page_script(self.settings))
        alternates = in_every_language(site.languages, search_url)
        for lang, files in zip(site.languages, self._files.results()):
            indexer.write(folder, lang, files)
            entries = self._entries[lang]
            data = indexer.labels(entries)
            filters = {
                "types": [t for t in site.types if any(e.type == t for e in entries)],
                "statuses": [s for s in LIFECYCLE if any(e.status == s for e in entries)],
                "topics": sorted(data["topics"].items(), key=lambda item: item[1].casefold()),
                "bodies": sorted(data["bodies"].items(), key=lambda item: item[1].casefold()),
                "years": sorted({e.year for e in entries}, reverse=True),
            }
            write_page(self, writer, search_url(lang), "search", lang=lang, alternates=alternates,
                       page_kind="search", search_filters=filters, search_script=SEARCH_SCRIPT,
                       search_stemmer=language(lang).browser_stemmer or "")
