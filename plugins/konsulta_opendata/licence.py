"""The site's licence (KONSULTA['licence']) as the data files state it: a `licence` member in each JSON
file, its place in their schemas, and CSVW metadata beside each CSV file.

CSV has no place for metadata; W3C's "Model for Tabular Data and Metadata on the Web" (CSVW) looks for
it in `<file>-metadata.json` beside the file, which is where reusers' tools find a CSV's licence.
"""

from __future__ import annotations

LICENCE_SCHEMA = {
    "type": "object", "required": ["name", "url"], "additionalProperties": False,
    "properties": {"name": {"type": "string", "minLength": 1}, "url": {"type": "string", "format": "uri"}},
    "description": "The licence under which the data may be reused (absent when the site states none).",
}
CSVW_CONTEXT = "http://www.w3.org/ns/csvw"


def with_licence(data: dict, licence: dict | None) -> dict:
    """``data`` with the licence first, so that a reader of the file meets it before the records."""
    return {"licence": licence, **data} if licence else data


def csvw_metadata(csv_name: str, title: str, licence: dict) -> dict:
    """The CSVW metadata of the CSV file ``csv_name`` (in the same folder)."""
    return {"@context": CSVW_CONTEXT, "url": csv_name, "dc:title": title,
            "dc:license": {"@id": licence["url"]}, "dc:rights": licence["name"]}


def metadata_path(csv_path: str) -> str:
    return f"{csv_path}-metadata.json"
