"""The checks a build makes on every outcome's responses, shared with scripts/validate: no personal data
in what is published, and, once an outcome is published, a decision (and its reason) for every response."""

from __future__ import annotations

import datetime as dt

from .personal_data import find_personal_data

# The response texts every reader sees, on the page and in the data files.
PUBLISHED_TEXTS = ("summary", "reason")
# Its reason is the proposal itself: the decision needs no other.
NEEDS_NO_REASON = ("accepted",)
REVIEWED = "personal_data_reviewed"


def is_published(doc, now: dt.datetime) -> bool:
    """An outcome is published from its date on, in the site's time zone (as consultation statuses count it)."""
    day = doc.fields.get("date")
    return isinstance(day, dt.date) and day <= now.date()


def response_problems(site, config, now: dt.datetime) -> list:
    problems = []
    for article in site.articles if site else []:
        doc = article.doc
        if doc.type != "outcome":
            continue
        published = is_published(doc, now)
        first_row = {}  # response id -> the row that has it first
        for number, (response, (path, line, source)) in enumerate(zip(doc.responses, doc.response_places), 1):
            def problem(column, message):
                problems.append(doc.make_problem(message, path=path + (column,), line=line, source=source))

            identifier = response.get("response_id")
            if identifier and identifier in first_row:
                problem("response_id", f"{identifier!r} is also the id of response {first_row[identifier]}: each "
                                       "response of the form service appears once (re-import merges by this id)")
            first_row.setdefault(identifier, number)

            if not response.get(REVIEWED):
                for column in PUBLISHED_TEXTS:
                    for finding in find_personal_data(response.get(column) or "", config.phone_regions):
                        problem(column, f"holds {finding.kind} ({finding.masked}): personal data is never published; "
                                        f"remove it, or, if it is a public body's published contact, say so in the "
                                        f"'{REVIEWED}' column")
            if not published:
                continue
            if not response.get("decision"):
                problem("decision", f"the outcome is published (dated {doc.fields['date'].isoformat()}): give the "
                                    "decision, one of accepted, partially-accepted, rejected, noted")
            elif response["decision"] not in NEEDS_NO_REASON and not response.get("reason"):
                problem("reason", f"the outcome is published: say why the proposal was {response['decision']}")
    return problems
