"""Pelican reader for Konsulta documents: YAML front matter, then Markdown (konsulta_content.loading).

It never raises for bad content: problems travel with the document (and through
Pelican's content cache), so every problem of a build can be reported together.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path

from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from .build import of_settings
from .config import load_config
from .loading import FILE_EXTENSIONS, ReadFailure, publication_day, read_document, read_many, unread_document
from .problems import Problem, display_path
from . import workers


class KonsultaReader(BaseReader):
    enabled = True
    file_extensions = list(FILE_EXTENSIONS)

    @cached_property
    def config(self):
        # The build's, checked when it started; a reader used outside a build checks its settings once.
        build = of_settings(self.settings)
        return build.config if build is not None else load_config(self.settings)

    def read(self, source_path):
        config = self.config
        build = of_settings(self.settings)
        doc = build.read_ahead.pop(os.path.abspath(source_path), None) if build is not None else None
        if doc is None or isinstance(doc, ReadFailure):  # not read ahead, or its reading process failed
            doc = read_document(source_path, Path(self.settings["PATH"]), config)
        metadata = {
            "title": doc.title,
            "date": _datetime(publication_day(doc), config.timezone),
            "lang": doc.lang,
            "slug": doc.slug,
            "summary": doc.fields.get("summary", "") if isinstance(doc.fields.get("summary"), str) else "",
            "status": "published",
            "template": "document",
            "doc": doc,
        }
        if isinstance(doc.fields.get("modified"), dt.date):
            metadata["modified"] = _datetime(doc.fields["modified"], config.timezone)
        return doc.html, metadata


def _datetime(day: dt.date, tz) -> SafeDatetime:
    return SafeDatetime(day.year, day.month, day.day, tzinfo=tz)


def read_ahead(generator) -> None:
    """On the articles generator's first preread signal: reads every document it is about to read, shared
    with another process (konsulta_content.workers); Pelican then takes them one by one from here.

    Only for a site with documents enough, and not when Pelican's content cache is loaded: the cache
    holds the documents that did not change, and the few that did are read as Pelican asks for them."""
    build = of_settings(generator.settings)
    if build.read_ahead_started:
        return
    build.read_ahead_started = True
    if generator.settings.get("LOAD_CONTENT_CACHE"):
        return
    files = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"],
                                extensions=FILE_EXTENSIONS)
    if len(files) < workers.PARALLEL_FROM or build.workers.processes < 2:
        return
    build.workers.start()
    paths = [os.path.abspath(os.path.join(generator.path, name)) for name in sorted(files)]
    build.read_ahead.update(read_many(paths, Path(generator.settings["PATH"]), build.config, build.workers))


def unread_documents(generator) -> list[Problem]:
    """Files the articles generator leaves out that look like documents (x.MD, x.mdown): a problem each,
    since a document that silently goes missing is worse than one that stops the build."""
    files = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"],
                                extensions=False)
    return [Problem(display_path(os.path.join(generator.path, name)), None, None, message)
            for name in sorted(files) if (message := unread_document(os.path.basename(name)))]
