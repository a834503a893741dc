"""documents.json, documents.csv and the schema as bytes, made from the records alone: the same content
gives the same bytes, and the Open data page can show sizes before the files are written."""

from __future__ import annotations

import json
from dataclasses import dataclass

from konsulta_content.spreadsheets import csv_table


@dataclass(frozen=True)
class DataFile:
    path: str  # from the output root
    format: str  # shown to readers, as an attachment's format is
    media_type: str
    content: bytes

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def size(self) -> int:
        return len(self.content)


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# Lists in a CSV cell are separated by this; JSON keeps them as lists.
LIST_SEPARATOR = "; "


def csv_columns(languages) -> list[str]:
    return (["id", "lang", "slug", "type", "title", "summary", "date", "modified", "url"]
            + [f"url_{lang}" for lang in languages]
            + ["topics", "body", "reference", "legal_basis", "status", "superseded_by", "consultation_opens",
               "consultation_closes", "outcome", "responds_to", "responses_count", "responses_csv", "responses_json",
               "attachments", "feed_atom", "feed_rss"])


def csv_row(record: dict, languages) -> list:
    consultation = record["consultation"] or {}
    responses = record["responses"] or {}
    values = {
        **{key: record[key] for key in ("id", "lang", "slug", "type", "title", "summary", "date", "modified", "url",
                                        "body", "reference", "status", "superseded_by", "outcome", "responds_to")},
        **{f"url_{lang}": record["translations"].get(lang) for lang in languages},
        "topics": LIST_SEPARATOR.join(record["topics"]),
        "legal_basis": LIST_SEPARATOR.join(record["legal_basis"]),
        "consultation_opens": consultation.get("opens"),
        "consultation_closes": consultation.get("closes"),
        "responses_count": responses.get("count"),
        "responses_csv": responses.get("csv"),
        "responses_json": responses.get("json"),
        "attachments": LIST_SEPARATOR.join(a["url"] for a in record["attachments"]),
        "feed_atom": record["feeds"]["atom"],
        "feed_rss": record["feeds"]["rss"],
    }
    return ["" if values[column] is None else values[column] for column in csv_columns(languages)]


def csv_bytes(records, languages) -> bytes:
    return csv_table(csv_columns(languages), (csv_row(record, languages) for record in records))
