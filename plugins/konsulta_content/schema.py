"""The content model as JSON Schema: one schema per document type.

``docs/content-model.md`` explains these fields to editors; ``x-message`` carries the
sentence an editor sees when a value does not fit, with ``{value}`` filled in.
"""

from __future__ import annotations

import copy
import re

from .doctypes import TYPES

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A slug names folders and files of the output (en/<slug>/, feeds/en/issued-by/<slug>.atom.xml), and
# file systems allow 255 bytes per name. Slugs are ASCII, so 100 characters are 100 bytes: room for
# any suffix, and longer than any address people read (the demo's longest slug has 54).
MAX_SLUG_LENGTH = 100
# Topics become folder and file names through their slug (en/topic/<slug>/, feeds/en/topic/<slug>.atom.xml).
# Their slug keeps letters of every language, in UTF-8 up to 4 bytes each, and a few characters expand
# (U+FDFA is 18 letters): the topic is limited in characters for people, its slug in bytes for file systems.
MAX_TOPIC_LENGTH = 100
MAX_TOPIC_SLUG_BYTES = 200
# Dates of documents and consultations: a year outside these is a typo (0226 for 2026), and no date
# computation downstream (time zones, the outcome's due day, feeds, iCalendar, Babel) can overflow
# within them. Bodies may have been established long before (a ministry in 1868).
FIRST_YEAR, LAST_YEAR = 1900, 2200
FIRST_ESTABLISHED_YEAR = 1000
# The largest amount of money a project may state: far above any single project's budget (a
# country's yearly budget is around 10^13 in the smallest currencies), and small enough that
# amounts in cents stay exact as floating-point numbers (up to about 9 * 10^13).
MAX_AMOUNT = 10**12

POLICY_STATUSES = ("in-force", "superseded", "repealed")
DECISIONS = ("accepted", "partially-accepted", "rejected", "noted")

TEXT = {"type": "string", "minLength": 1}


def _years(first: int, last: int) -> str:
    """The years first..last (whole centuries) at the start of a date: ^(?:(?:19|20|21)[0-9]{2}|2200)-"""
    assert first % 100 == 0 and last % 100 == 0, "year bounds are whole centuries"
    centuries = "|".join(str(century) for century in range(first // 100, last // 100))
    return f"^(?:(?:{centuries})[0-9]{{2}}|{last})-"


def date_schema(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> dict:
    return {
        "type": "string",
        "format": "date",
        "x-message": "{value} is not a date (YYYY-MM-DD)",
        # Only a real date is checked for its year, so that "2026-13-01" gets one message, not two.
        "if": {"format": "date"},
        "then": {"pattern": _years(first_year, last_year),
                 "x-message": f"{{value}} is not between the years {first_year} and {last_year}: check the year"},
    }


def in_computable_range(day) -> bool:
    """Whether a date can safely be computed with: the widest range any date field allows."""
    return min(FIRST_YEAR, FIRST_ESTABLISHED_YEAR) <= day.year <= LAST_YEAR


def is_slug(text) -> bool:
    """What SLUG accepts: the only names that may become part of an output path."""
    return isinstance(text, str) and len(text) <= MAX_SLUG_LENGTH and re.match(SLUG_PATTERN, text) is not None


DATE = date_schema()
SLUG = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "maxLength": MAX_SLUG_LENGTH,
    "x-message": "{value} is not a slug: use lowercase letters a-z, digits and hyphens, e.g. open-data-strategy",
    "x-messages": {"maxLength": f"is {{length}} characters long; a slug may have at most {MAX_SLUG_LENGTH}: "
                                "shorten it"},
}
HTTPS_URL = {
    "type": "string",
    "pattern": r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$",
    "x-message": "{value} is not a web address starting with https://",
}
TEXT_LIST = {"type": "array", "items": TEXT}
# Earlier addresses of a document, from the site's root (konsulta_history.redirects gives each a page that
# sends readers on): folders (/en/old-name/) or .html pages, in letters, digits and - _ . ~; no name
# starting with a dot, so never ".." nor a hidden file.
_ALIAS_SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*"
ALIASES = {
    "type": "array",
    "items": {
        "type": "string",
        "maxLength": 200,
        "pattern": rf"^/?(?:{_ALIAS_SEGMENT}/)*(?:{_ALIAS_SEGMENT}/|[A-Za-z0-9_~-]+|{_ALIAS_SEGMENT}\.html?)$",
        "x-message": "{value} is not an address of this site: write it from the site's root, as /en/old-name/ "
                     "or /old/page.html (letters, digits and - _ . ~)",
    },
}
TOPICS = {"type": "array", "items": {**TEXT, "maxLength": MAX_TOPIC_LENGTH}}
MONEY = {
    "type": "object",
    "required": ["amount", "currency"],
    "additionalProperties": False,
    "properties": {
        "amount": {"type": "number", "minimum": 0, "maximum": MAX_AMOUNT,
                   "x-message": "{value} is not an amount: write digits with a decimal point, e.g. 70684.50",
                   "x-messages": {"maximum": f"{{value}} is more than {MAX_AMOUNT:,}: check the amount "
                                             "(write it in the currency's units, e.g. 70684.50)"}},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$",
                     "x-message": "{value} is not a currency code such as EUR, TRY or RON"},
    },
}

# The notices a public body must publish, each a page of the site in each language (front matter
# `notice:` on a `type: page` document): the footer links them, and every comment link names the privacy one.
NOTICES = ("privacy", "accessibility")

# What the editors say a version changed, in the document's language: the history lists it for the
# version that wrote it (konsulta_history), instead of the commit message.
CHANGE_NOTE = "change_note"

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
    CHANGE_NOTE: {
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
        "pattern": r"^[^<>\n]*$",
        "x-message": "a change note is one line of plain text (no < or >), at most 200 characters, e.g. "
                     "'Section 3 now names the deadline for replies'",
    },
    "slug": SLUG,
    "topics": TOPICS,
    "body": SLUG,
    "reference": TEXT,
    "legal_basis": TEXT_LIST,
    "aliases": ALIASES,
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
        "required": ["submitter", "summary"],
        "additionalProperties": False,
        "properties": {
            "section": TEXT,
            "submitter": {"enum": list(submitters)},
            "summary": TEXT,
            "decision": {"enum": list(DECISIONS)},
            "reason": TEXT,
            "response_id": {"type": ["string", "integer"], "pattern": r"^[^\x00-\x1f\x7f]{1,200}$",
                            "x-message": "{value} is not a form service's response id (one line of text)"},
            "personal_data_reviewed": TEXT,
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
        "body": ({"established": date_schema(FIRST_ESTABLISHED_YEAR), "parent": SLUG, "chair": TEXT}, [], {}),
        "page": ({"notice": {"enum": list(NOTICES),
                             "x-message": "{value} is not a notice a page can be: give " + " or ".join(NOTICES)}},
                 [], {}),
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
