"""The decision register: every response of every published outcome, with its decision and reason, the
outcome's date and whether the outcome came on time, as data/decisions.json, .csv and a JSON Schema.

One record per response and outcome language (translations of an outcome list their responses in their
own words). An outcome counts once its date has come, by the consultation clock (the build's "now");
on time means dated no later than its consultation's closing day plus KONSULTA['outcome_due_days']
(konsulta_consultations.lifecycle works out that day for each draft).
"""

from __future__ import annotations

from konsulta_content.schema import DECISIONS, SLUG_PATTERN
from konsulta_content.spreadsheets import csv_table

from .licence import LICENCE_SCHEMA

DRAFT = "https://json-schema.org/draft/2020-12/schema"
COLUMNS = ("outcome", "lang", "outcome_date", "outcome_due", "on_time", "draft", "section", "submitter",
           "summary", "decision", "reason", "response_id")


def decision_records(site, now) -> list[dict]:
    """By outcome slug, then language in the site's order, then response order."""
    order = {lang: index for index, lang in enumerate(site.languages)}
    outcomes = sorted((a for a in site.articles if a.doc.type == "outcome" and a.doc.fields["date"] <= now.date()),
                      key=lambda a: (a.doc.slug, order.get(a.doc.lang, len(order)), a.doc.lang))
    found = []
    for article in outcomes:
        doc = article.doc
        draft = site.find(doc.fields.get("responds_to"), doc.lang)
        consultation = getattr(draft, "consultation", None)
        due = consultation.outcome_due if consultation is not None else None
        for response in doc.responses:
            found.append({
                "outcome": doc.slug,
                "lang": doc.lang,
                "outcome_date": doc.fields["date"].isoformat(),
                "outcome_due": due.isoformat() if due else None,
                "on_time": doc.fields["date"] <= due if due else None,
                "draft": doc.fields.get("responds_to"),
                "section": response["section"],
                "submitter": response["submitter"],
                "summary": response["summary"],
                "decision": response["decision"],
                "reason": response["reason"],
                "response_id": response["response_id"] or None,
            })
    return found


def decisions_csv(records) -> bytes:
    def cell(value):
        return "" if value is None else ("true" if value is True else "false" if value is False else value)

    return csv_table(COLUMNS, ([cell(record[column]) for column in COLUMNS] for record in records))


def decisions_schema(config, schema_id: str | None = None) -> dict:
    text = {"type": "string"}
    date = {"type": "string", "format": "date"}
    slug = {"type": "string", "pattern": SLUG_PATTERN}

    def described(schema, description):
        return {**schema, "description": description}

    properties = {
        "outcome": described(slug, "Slug of the outcome that reports the decision."),
        "lang": described({"enum": list(config.languages)}, "Language of the outcome the record comes from."),
        "outcome_date": described(date, "Day the outcome was published (site time zone)."),
        "outcome_due": described({"anyOf": [date, {"type": "null"}]},
                                 "Day the outcome was due: the consultation's closing day plus the site's "
                                 "outcome period; null if the draft is not on the site."),
        "on_time": described({"type": ["boolean", "null"]}, "Whether the outcome was published by its due day."),
        "draft": described(slug, "Slug of the draft that was consulted on."),
        "section": described(text, "Section of the draft the response is about; empty for the draft as a whole."),
        "submitter": described({"enum": list(config.submitter_categories)}, "Category of the respondent, never a person."),
        "summary": described(text, "What the response proposed, as the outcome summarises it."),
        "decision": described({"enum": list(DECISIONS)}, "What was decided."),
        "reason": described(text, "Why; may be empty when the proposal was accepted."),
        "response_id": described({"type": ["string", "null"]}, "The form service's id of the response, if known."),
    }
    return {
        "$schema": DRAFT,
        **({"$id": schema_id} if schema_id else {}),
        "title": "Konsulta decision register",
        "description": "Every response to every published consultation outcome, with the decision and its reason. "
                       "In decisions.csv, on_time is true or false and empty values are empty cells.",
        "type": "object",
        "required": ["decisions"],
        "additionalProperties": False,
        "properties": {"licence": LICENCE_SCHEMA, "decisions": {"type": "array", "items": {
            "type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}}},
    }
