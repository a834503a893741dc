"""Where the open data files and pages live, as paths from the output root (which are also their URLs)."""

from __future__ import annotations

OPEN_DATA_PATH = "open-data"
DOCUMENTS_JSON = "data/documents.json"
DOCUMENTS_CSV = "data/documents.csv"
DOCUMENTS_SCHEMA = "data/documents.schema.json"
DECISIONS_JSON = "data/decisions.json"
DECISIONS_CSV = "data/decisions.csv"
DECISIONS_SCHEMA = "data/decisions.schema.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def open_data_url(lang: str) -> str:
    return f"{lang}/{OPEN_DATA_PATH}/"
