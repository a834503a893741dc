"""The JSON Schema (draft 2020-12) of documents.json, published beside it.

The type-specific ``details`` come from the content model's own schemas (konsulta_content.schema),
extra fields included, so the published schema cannot drift from what editors may write.
"""

from __future__ import annotations

from konsulta_content.doctypes import TYPES
from konsulta_content.schema import POLICY_STATUSES, SLUG_PATTERN, document_schema

from .licence import LICENCE_SCHEMA
from .records import TOP_LEVEL

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _described(schema: dict, description: str) -> dict:
    return {**schema, "description": description}


def _nullable(schema: dict, description: str) -> dict:
    return {"anyOf": [schema, {"type": "null"}], "description": description}


def _without_messages(schema):
    """The content model's x-message keywords are for editors, not for people reading the data."""
    if isinstance(schema, dict):
        return {k: _without_messages(v) for k, v in schema.items() if not k.startswith("x-")}
    if isinstance(schema, list):
        return [_without_messages(v) for v in schema]
    return schema


def documents_schema(config, schema_id: str | None = None) -> dict:
    text = {"type": "string", "minLength": 1}
    date = {"type": "string", "format": "date"}
    slug = {"type": "string", "pattern": SLUG_PATTERN}
    url = {"type": "string", "format": "uri-reference", "minLength": 1}
    languages = {"enum": list(config.languages)}
    details = {}
    for doc_type in TYPES:
        properties = document_schema(doc_type, config.extra_fields, config.submitter_categories)["properties"]
        details.update({name: schema for name, schema in properties.items() if name not in TOP_LEVEL})

    properties = {
        "id": _described({"type": "string", "pattern": "^tag:"},
                         "Permanent identifier (a tag URI): unchanged when the title, address or dates are edited."),
        "lang": _described(languages, "Language of this version of the document."),
        "slug": _described(slug, "The document's name in its address; translations share it."),
        "type": _described({"enum": list(TYPES)}, "Type of document."),
        "title": _described(text, "Title."),
        "summary": _described({"type": "string"}, "Summary in plain text."),
        "date": _described(date, "Day the document was first published (site time zone)."),
        "modified": _nullable(date, "Day of its last substantive change, if any."),
        "url": _described(url, "Address of its page: absolute when the site has an absolute address, "
                               "otherwise relative to this file."),
        "translations": _described({"type": "object", "propertyNames": languages, "additionalProperties": url,
                                    "minProperties": 1},
                                   "Address of the page in every language the document exists in, this one included."),
        "topics": _described({"type": "array", "items": text}, "Topics, as written in this language."),
        "body": _nullable(slug, "Slug of the issuing body (a document of type body)."),
        "reference": _nullable(text, "Official reference number."),
        "legal_basis": _described({"type": "array", "items": text}, "Laws and decisions the document rests on."),
        "status": _nullable({"enum": list(POLICY_STATUSES)}, "Whether a policy or strategy is in force."),
        "superseded_by": _nullable(slug, "Slug of the policy or strategy that replaced this one."),
        "consultation": _nullable(
            {"type": "object", "required": ["opens", "closes"], "additionalProperties": False,
             "properties": {"opens": _described(date, "First day comments are accepted."),
                            "closes": _described(date, "Last day comments are accepted (until 23:59:59, site time zone).")}},
            "A draft's consultation period."),
        "outcome": _nullable(slug, "Slug of the outcome that answers this draft's consultation."),
        "responds_to": _nullable(slug, "Slug of the draft an outcome answers."),
        "responses": _nullable(
            {"type": "object", "required": ["count", "csv", "json"], "additionalProperties": False,
             "properties": {"count": {"type": "integer", "minimum": 0},
                            "csv": _described(url, "Every response with its decision and reason, as CSV."),
                            "json": _described(url, "The same responses as JSON.")}},
            "An outcome's responses to the consultation."),
        "attachments": _described(
            {"type": "array", "items": {
                "type": "object", "required": ["title", "url", "format", "size"], "additionalProperties": False,
                "properties": {"title": text, "url": url, "format": {"type": "string"},
                               "size": _described({"type": "integer", "minimum": 0}, "Size in bytes.")}}},
            "Files published with the document."),
        "feeds": _described(
            {"type": "object", "required": ["atom", "rss"], "additionalProperties": False,
             "properties": {"atom": url, "rss": url}},
            "The document's own feed: its publication, revision, consultation and outcome."),
        "details": _described({"type": "object", "additionalProperties": False, "properties": _without_messages(details)},
                              "Fields that only some types of document have, as in the content model."),
    }
    document = {
        "type": "object",
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
        "allOf": [
            {"if": {"properties": {"type": {"const": "draft"}}},
             "then": {"properties": {"consultation": {"type": "object"}}}},
            {"if": {"properties": {"type": {"const": "outcome"}}},
             "then": {"properties": {"responses": {"type": "object"}, "responds_to": {"type": "string"}}}},
        ],
    }
    schema = {
        "$schema": DRAFT,
        **({"$id": schema_id} if schema_id else {}),
        "title": "Konsulta documents",
        "description": "Every document of the site, one record per document and language.",
        "type": "object",
        "required": ["documents"],
        "additionalProperties": False,
        "properties": {"licence": LICENCE_SCHEMA,
                       "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}}},
        "$defs": {"document": document},
    }
    return schema
