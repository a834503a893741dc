"""Where a consultation stands, derived from its dates in the site's time zone.

The closing date is inclusive: comments are accepted until 23:59:59 local time on
that day. A draft without an opening date is open from the day it was published.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

UPCOMING, OPEN, CLOSED, CONCLUDED = "upcoming", "open", "closed", "concluded"
STATUSES = (OPEN, UPCOMING, CLOSED, CONCLUDED)  # the order listings show them in


@dataclass(frozen=True)
class Consultation:
    opens_at: dt.datetime
    closes_at: dt.datetime
    status: str
    now: dt.datetime
    outcome: object | None  # the outcome article, in the page language where possible
    outcome_due: dt.date
    length_days: int

    @property
    def days_left(self) -> int:
        """Whole days after today until the closing day: 0 on the closing day itself."""
        return (self.closes_at.date() - self.now.date()).days

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def outcome_overdue(self) -> bool:
        return self.status == CLOSED and self.now.date() > self.outcome_due

    @property
    def outcome_on_time(self) -> bool | None:
        if self.outcome is None:
            return None
        return self.outcome.doc.fields["date"] <= self.outcome_due


def start_of_day(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0, 0), tzinfo=tz)


def end_of_day(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=tz)


def status_at(now: dt.datetime, opens_at: dt.datetime, closes_at: dt.datetime, has_outcome: bool) -> str:
    if now < opens_at:
        return UPCOMING
    if now <= closes_at:
        return OPEN
    return CONCLUDED if has_outcome else CLOSED


def consultation_of(draft, outcome, now: dt.datetime, config) -> Consultation:
    fields = draft.doc.fields
    period = fields["consultation"]
    first_day = period.get("opens") or fields["date"]
    opens_at = start_of_day(first_day, config.timezone)
    closes_at = end_of_day(period["closes"], config.timezone)
    published_outcome = outcome if outcome is not None and outcome.doc.fields["date"] <= now.date() else None
    return Consultation(
        opens_at=opens_at,
        closes_at=closes_at,
        status=status_at(now, opens_at, closes_at, published_outcome is not None),
        now=now,
        outcome=published_outcome,
        outcome_due=period["closes"] + dt.timedelta(days=config.outcome_due_days),
        length_days=(period["closes"] - first_day).days + 1,
    )


@dataclass(frozen=True)
class BodyRecord:
    """How one issuing body consults: what the per-body overview shows."""

    body: str
    held: int
    median_days: float | None
    on_time_share: float | None  # of consultations whose outcome was due by now
    overdue: tuple


def body_records(consultations_by_body: dict[str, list[tuple]]) -> list[BodyRecord]:
    """consultations_by_body: body slug -> [(draft article, Consultation)]."""
    records = []
    for body, items in sorted(consultations_by_body.items()):
        held = [c for _, c in items if c.status in (CLOSED, CONCLUDED)]
        due = [c for c in held if c.now.date() > c.outcome_due or c.outcome is not None]
        on_time = [c for c in due if c.outcome_on_time]
        records.append(BodyRecord(
            body=body,
            held=len(held),
            median_days=statistics.median(c.length_days for c in held) if held else None,
            on_time_share=len(on_time) / len(due) if due else None,
            overdue=tuple(a for a, c in items if c.outcome_overdue),
        ))
    return records
