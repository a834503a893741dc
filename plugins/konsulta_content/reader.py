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

from . import parallel
from .config import load_config
from .loading import FILE_EXTENSIONS, ReadFailure, publication_day, read_document, read_many, unread_document
from .problems import Problem, display_path

_read_ahead: dict = {}  # absolute path -> Document or ReadFailure, read in parallel before Pelican asks
read_ahead_count = {"documents": 0}  # documents read ahead by this process (the tests check a build used it)


class KonsultaReader(BaseReader):
    enabled = True
    file_extensions = list(FILE_EXTENSIONS)

    @cached_property
    def config(self):
        # Checked once per reader (Pelican makes one per build), not once per document.
        return load_config(self.settings)

    def read(self, source_path):
        config = self.config
        doc = _read_ahead.pop(os.path.abspath(source_path), None)
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
    """On the articles generator's first preread signal: reads every document it is about to read (those
    not in Pelican's content cache) in forked processes; Pelican then reads them one by one from here."""
    if getattr(generator, "konsulta_read_ahead", False):
        return
    generator.konsulta_read_ahead = True
    _read_ahead.clear()
    config = load_config(generator.settings)
    if config.build_processes < 2 or not parallel.can_fork():
        return
    files = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"],
                                extensions=FILE_EXTENSIONS)
    # Pelican's content cache holds Articles (generator layer) or reader output (reader layer, the
    # default): a file in either is not read again, so it is not read ahead either.
    todo = [path for path in (os.path.abspath(os.path.join(generator.path, f)) for f in sorted(files))
            if generator.get_cached_data(os.path.relpath(path, generator.path), None) is None
            and generator.readers.get_cached_data(path, None) is None]
    _read_ahead.update(read_many(todo, Path(generator.settings["PATH"]), config, config.build_processes))
    read_ahead_count["documents"] += len(todo)


def unread_documents(generator) -> list[Problem]:
    """Files the articles generator leaves out that look like documents (x.MD, x.mdown): a problem each,
    since a document that silently goes missing is worse than one that stops the build."""
    files = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"],
                                extensions=False)
    return [Problem(display_path(os.path.join(generator.path, name)), None, None, message)
            for name in sorted(files) if (message := unread_document(os.path.basename(name)))]
