"""Where the open data files and pages live, as paths from the output root (which are also their URLs)."""

from __future__ import annotations

OPEN_DATA_PATH = "open-data"
DATA_FOLDER = "data"
DOCUMENTS_JSON = f"{DATA_FOLDER}/documents.json"
DOCUMENTS_CSV = f"{DATA_FOLDER}/documents.csv"
DOCUMENTS_SCHEMA = f"{DATA_FOLDER}/documents.schema.json"
DECISIONS_JSON = f"{DATA_FOLDER}/decisions.json"
DECISIONS_CSV = f"{DATA_FOLDER}/decisions.csv"
DECISIONS_SCHEMA = f"{DATA_FOLDER}/decisions.schema.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def open_data_url(lang: str) -> str:
    return f"{lang}/{OPEN_DATA_PATH}/"
