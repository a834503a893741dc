"""An outcome's responses as files beside its page: CSV for spreadsheets, JSON for programs.

The bytes are made from the document alone, so two builds write identical files and the page can
show a file's size before the generator writes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from konsulta_content.documents import RESPONSE_COLUMNS
from konsulta_content.spreadsheets import csv_table

RESPONSES_CSV, RESPONSES_JSON = "responses.csv", "responses.json"  # beside the outcome's page
# What is published of each response: the editors' note on personal data stays in the content folder.
# The form service's response id lets a respondent who kept it find their own proposal and its decision.
PUBLISHED_COLUMNS = (*RESPONSE_COLUMNS, "response_id")


@dataclass(frozen=True)
class Export:
    format: str  # shown to readers as an attachment's format is
    media_type: str
    path: str  # relative to the output folder, which is also the link from SITEURL
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def responses_csv(doc) -> bytes:
    return csv_table(PUBLISHED_COLUMNS, ([response[column] for column in PUBLISHED_COLUMNS] for response in doc.responses))


def responses_json(doc) -> bytes:
    envelope = {
        "slug": doc.slug,
        "lang": doc.lang,
        "title": doc.title,
        "responds_to": doc.fields.get("responds_to"),
        "responses": [{column: response[column] for column in PUBLISHED_COLUMNS} for response in doc.responses],
    }
    return (json.dumps(envelope, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def response_exports(article) -> tuple[Export, ...]:
    folder = PurePosixPath(article.save_as).parent
    return (
        Export("CSV", "text/csv", str(folder / RESPONSES_CSV), responses_csv(article.doc)),
        Export("JSON", "application/json", str(folder / RESPONSES_JSON), responses_json(article.doc)),
    )
