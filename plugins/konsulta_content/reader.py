"""Pelican reader for Konsulta documents: YAML front matter, then Markdown (konsulta_content.loading).

It never raises for bad content: problems travel with the document (and through
Pelican's content cache), so every problem of a build can be reported together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from .config import load_config
from .loading import FILE_EXTENSIONS, publication_day, read_document


class KonsultaReader(BaseReader):
    enabled = True
    file_extensions = list(FILE_EXTENSIONS)

    def read(self, source_path):
        config = load_config(self.settings)
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
