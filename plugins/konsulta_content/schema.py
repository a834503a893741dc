"""The content model as JSON Schema: one schema per document type.

``docs/content-model.md`` explains these fields to editors; ``x-message`` carries the
sentence an editor sees when a value does not fit, with ``{value}`` filled in.
"""

from __future__ import annotations

import copy

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

TYPES = ("policy", "strategy", "draft", "outcome", "project", "body", "page", "news")
POLICY_STATUSES = ("in-force", "superseded", "repealed")
DECISIONS = ("accepted", "partially-accepted", "rejected", "noted")

TEXT = {"type": "string", "minLength": 1}
DATE = {"type": "string", "format": "date", "x-message": "{value} is not a date (YYYY-MM-DD)"}
SLUG = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "x-message": "{value} is not a slug: use lowercase letters a-z, digits and hyphens, e.g. open-data-strategy",
}
HTTPS_URL = {
    "type": "string",
    "pattern": r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$",
    "x-message": "{value} is not a web address starting with https://",
}
TEXT_LIST = {"type": "array", "items": TEXT}
MONEY = {
    "type": "object",
    "required": ["amount", "currency"],
    "additionalProperties": False,
    "properties": {
        "amount": {"type": "number", "minimum": 0,
                   "x-message": "{value} is not an amount: write digits with a decimal point, e.g. 70684.50"},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$",
                     "x-message": "{value} is not a currency code such as EUR, TRY or RON"},
    },
}

COMMON = {
    "title": TEXT,
    "type": {"enum": list(TYPES)},
    "lang": {"type": "string"},
    "date": DATE,
    "modified": DATE,
    "summary": {
        "type": "string",
        "minLength": 1,
        "maxLength": 300,
        "pattern": r"^[^<>]*$",
        "x-message": "the summary is plain text: remove HTML tags (< and >)",
    },
    "slug": SLUG,
    "topics": TEXT_LIST,
    "body": SLUG,
    "reference": TEXT,
    "legal_basis": TEXT_LIST,
    "attachments": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["file", "title"],
            "additionalProperties": False,
            "properties": {"file": TEXT, "title": TEXT},
        },
    },
}
REQUIRED = ["title", "type", "date", "summary"]


def response_schema(submitters) -> dict:
    return {
        "type": "object",
        "required": ["submitter", "summary", "decision", "reason"],
        "additionalProperties": False,
        "properties": {
            "section": TEXT,
            "submitter": {"enum": list(submitters)},
            "summary": TEXT,
            "decision": {"enum": list(DECISIONS)},
            "reason": TEXT,
        },
    }


def _type_fields(submitters) -> dict[str, tuple[dict, list, dict]]:
    """type -> (extra properties, extra required fields, extra schema keywords)"""
    status_rules = {
        "if": {"properties": {"status": {"const": "superseded"}}, "required": ["status"]},
        "then": {"required": ["superseded_by"]},
    }
    policy = ({"status": {"enum": list(POLICY_STATUSES)}, "superseded_by": SLUG}, ["status"], status_rules)
    return {
        "policy": policy,
        "strategy": policy,
        "draft": (
            {
                "consultation": {
                    "type": "object",
                    "required": ["closes"],
                    "additionalProperties": False,
                    "properties": {"opens": DATE, "closes": DATE, "form": HTTPS_URL},
                },
                "outcome": SLUG,
            },
            ["consultation"],
            {},
        ),
        "outcome": (
            {
                "responds_to": SLUG,
                "responses": {
                    "oneOf": [
                        {"type": "string", "pattern": r"^[^/\\].*\.(csv|ya?ml)$",
                         "x-message": "{value} is not a .csv, .yaml or .yml file beside the document"},
                        {"type": "array", "items": response_schema(submitters)},
                    ],
                    "x-message": "give a list of responses, or the name of a .csv or .yaml file beside the document",
                },
            },
            ["responds_to", "responses"],
            {},
        ),
        "project": (
            {
                "contract": TEXT,
                "funding_round": {"type": ["string", "integer"]},
                "funding": MONEY,
                "budget": MONEY,
                "location": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"county": TEXT, "city": TEXT},
                },
                "promoter": TEXT,
                "partners": TEXT_LIST,
                "website": HTTPS_URL,
            },
            [],
            {},
        ),
        "body": ({"established": DATE, "parent": SLUG, "chair": TEXT}, [], {}),
        "page": ({}, [], {}),
        "news": ({}, [], {}),
    }


def document_schema(doc_type: str, extra_fields: dict, submitters) -> dict:
    properties, required, keywords = _type_fields(submitters)[doc_type]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": REQUIRED + required,
        "additionalProperties": False,
        "properties": {**COMMON, **properties, **extra_fields},
        **keywords,
    }
    return copy.deepcopy(schema)
