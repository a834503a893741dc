"""Writes each language's search page and the index files it reads."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from konsulta_content.config import load_config
from konsulta_content.markup import plain_text
from konsulta_content.pages import in_every_language, write_page

from . import indexer

SEARCH_PATH = "search"
STATUSES = ("upcoming", "open", "closed", "concluded")


def search_url(lang: str) -> str:
    return f"{lang}/{SEARCH_PATH}/"


def entry_for(article, site, lang) -> indexer.Entry:
    from konsulta_i18n import formatting

    doc = article.doc
    consultation = getattr(article, "consultation", None)
    body_slug = doc.fields.get("body") if isinstance(doc.fields.get("body"), str) else ""
    body = site.find(body_slug, lang) if body_slug else None
    topics = tuple((site.topic_slug(t), t) for t in doc.fields.get("topics") or [])
    date = article.date
    return indexer.Entry(
        url=article.url, title=doc.title, type=doc.type, lang=lang,
        status=getattr(consultation, "status", "") or "",
        date=date.date().isoformat(), date_label=formatting.local_date(date, lang), year=str(date.year),
        body=body_slug, body_title=body.doc.title if body else body_slug, topics=topics,
        summary=doc.fields.get("summary") or "",
        headings=" ".join(h.text for h in doc.headings),
        text=doc.text or plain_text(doc.html),  # documents cached by an older Konsulta have no text
    )


class SearchGenerator(Generator):
    parallel_output = True  # writes from the finished context alone (konsulta_content.parallel)
    output_cost = 5  # about five times the calendars' or open data's writing (scripts/bench_build.py, 1,000 documents)

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for job in self.output_jobs(writer):
            job()

    def output_jobs(self, writer) -> list:
        """One job per language (its index files and search page), so that two processes can share them
        (konsulta_content.parallel)."""
        site = self.context.get("site")
        if site is None:
            return []
        return [lambda lang=lang: self._write_language(writer, site, lang) for lang in site.languages]

    def _write_language(self, writer, site, lang) -> None:
        output = Path(self.output_path)
        alternates = in_every_language(site.languages, search_url)
        chunk_bytes = load_config(self.settings).search_chunk_bytes
        articles = site.in_lang(lang)
        entries = [entry_for(article, site, lang) for article in articles]
        indexer.write(output, lang, entries, chunk_bytes)
        data = indexer.labels(entries)
        filters = {
            "types": [t for t in site.types if any(e.type == t for e in entries)],
            "statuses": [s for s in STATUSES if any(e.status == s for e in entries)],
            "topics": sorted(data["topics"].items(), key=lambda item: item[1].casefold()),
            "bodies": sorted(data["bodies"].items(), key=lambda item: item[1].casefold()),
            "years": sorted({e.year for e in entries}, reverse=True),
        }
        write_page(self, writer, search_url(lang), "search", lang=lang, alternates=alternates,
                   page_kind="search", search_filters=filters,
                   search_stemmer=lang if lang in ("tr", "ro") else "")
