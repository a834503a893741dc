"""A plan file as JSON Schema, and its failures as sentences an editor can act on.

``docs/consultation-plan.md`` explains the format to editors.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator

from konsulta_content.schema import SLUG, TEXT
from konsulta_content.validation import explain as explain_field

DOCS = "docs/consultation-plan.md"


def _per_language(languages) -> dict:
    return {
        "type": "object",
        "x-languages": True,  # its field names are language codes
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {lang: TEXT for lang in languages},
        "x-message": "{value} is not text per language: write one line per language under the field, "
                     "such as en: Regulation on open data",
    }


def plan_schema(languages) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["consultations"],
        "additionalProperties": False,
        "properties": {
            "consultations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["body", "quarter", "title"],
                    "additionalProperties": False,
                    "properties": {
                        "body": SLUG,
                        "quarter": {"type": "integer", "minimum": 1, "maximum": 4,
                                    "x-message": "{value} is not a quarter: write 1, 2, 3 or 4"},
                        "title": _per_language(languages),
                        "draft": SLUG,
                        "note": _per_language(languages),
                    },
                },
            },
        },
    }


def validate(data, languages) -> list[tuple[tuple, str]]:
    """Every problem of one plan file as (field path, sentence)."""
    if not isinstance(data, dict):
        return [((), "a plan starts with the line 'consultations:' followed by the list of planned "
                     f"consultations (see {DOCS})")]
    validator = Draft202012Validator(plan_schema(languages))
    found = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for problem in _explain(error, languages):
            if problem not in found:
                found.append(problem)
    return found


def _explain(error, languages) -> list[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    value = error.instance
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in value]
        where = "the plan" if not path else "the entry"
        return [(path + (name,), f"this field is required: add it to {where} (see {DOCS})") for name in missing]
    if error.validator == "additionalProperties":
        extras = sorted(set(value) - set(properties))
        if error.schema.get("x-languages"):
            return [(path + (name,), f"{name!r} is not a site language; use one of: {', '.join(languages)}")
                    for name in extras]
        allowed = ", ".join(sorted(properties))
        return [(path + (name,), f"unknown field: check its spelling or remove it; fields here are: {allowed}")
                for name in extras]
    return explain_field(error)
