"""Front matter against the schema, each failure turned into one sentence an editor can act on."""

from __future__ import annotations

import json
from functools import lru_cache

from jsonschema import Draft202012Validator, FormatChecker

from .frontmatter import dotted
from .doctypes import TYPES
from .schema import document_schema, response_schema

_PYTHON_TYPES = {str: "text", int: "a number", float: "a number", bool: "true/false",
                 list: "a list", dict: "a group of fields", type(None): "nothing"}
_SCHEMA_TYPES = {"string": "text", "integer": "a whole number", "number": "a number",
                 "array": "a list", "object": "a group of fields (name: value)", "boolean": "true or false"}


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


@lru_cache(maxsize=64)
def _validator(doc_type: str, extra_fields_json: str, submitters: tuple) -> Draft202012Validator:
    schema = document_schema(doc_type, json.loads(extra_fields_json), submitters)
    return Draft202012Validator(schema, format_checker=FormatChecker())


@lru_cache(maxsize=8)
def _response_validator(submitters: tuple) -> Draft202012Validator:
    return Draft202012Validator(response_schema(submitters), format_checker=FormatChecker())


def explain(error) -> list[tuple[tuple, str]]:
    """(path of the field, sentence) for one jsonschema error."""
    path = tuple(error.absolute_path)
    value = error.instance
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    per_keyword = schema.get("x-messages", {}).get(kind)  # a sentence for one keyword, e.g. maxLength
    if per_keyword:
        length = len(value) if isinstance(value, (str, list, dict)) else None
        return [(path, per_keyword.format(value=_shown(value), length=length, limit=error.validator_value))]
    custom = schema.get("x-message")
    if custom and kind not in ("required", "additionalProperties"):
        return [(path, custom.format(value=_shown(value)))]
    if kind == "required":
        missing = error.message.split("'")[1]
        return [(path + (missing,), "this field is required: add it to the front matter (see docs/content-model.md)")]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        return [
            (path + (name,), "unknown field: check its spelling, remove it, or declare it in "
             f"KONSULTA['extra_fields']; fields here are: {', '.join(allowed)}")
            for name in extras
        ]
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return [(path, f"{_shown(value)} is not one of: {options}")]
    if kind == "const":
        return [(path, f"{_shown(value)} must be {_shown(error.validator_value)}")]
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(_SCHEMA_TYPES.get(w, w) for w in ([wanted] if isinstance(wanted, str) else wanted))
        return [(path, f"expected {wanted}, got {_PYTHON_TYPES.get(type(value), type(value).__name__)} {_shown(value)}")]
    if kind == "minLength":
        return [(path, "is empty: write a value or remove the field")]
    if kind == "maxLength":
        return [(path, f"is {len(value)} characters long: keep it to {error.validator_value} at most")]
    if kind == "minimum":
        return [(path, f"{_shown(value)} must be {error.validator_value} or more")]
    if kind == "maximum":
        return [(path, f"{_shown(value)} must be {error.validator_value} or less")]
    return [(path, error.message)]


def _best(errors):
    """For oneOf/anyOf, report the branch the value was evidently meant for."""
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            chosen = [e for e in error.context if e.validator not in ("type",)]
            if chosen:
                yield from _best(chosen)
                continue
            if error.schema.get("x-message"):
                yield error
                continue
        yield error


def validate_front_matter(data: dict, config) -> list[tuple[tuple, str]]:
    """All problems of one document's front matter as (field path, sentence)."""
    doc_type = data.get("type")
    if doc_type not in TYPES:
        if "type" not in data:
            return [(("type",), f"this field is required: set it to one of: {', '.join(TYPES)}")]
        return [(("type",), f"{_shown(doc_type)} is not one of: {', '.join(TYPES)}")]
    validator = _validator(doc_type, json.dumps(config.extra_fields, sort_keys=True), config.submitter_categories)
    found = []
    for error in _best(sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))):
        found.extend(explain(error))
    return found


def validate_response(row: dict, config) -> list[tuple[tuple, str]]:
    found = []
    for error in _response_validator(config.submitter_categories).iter_errors(row):
        found.extend(explain(error))
    return found


__all__ = ["validate_front_matter", "validate_response", "dotted"]
