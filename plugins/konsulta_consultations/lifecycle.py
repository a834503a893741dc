"""Where a consultation stands, derived from its dates in the site's time zone: the one definition of
the consultation status rule (``status_at``).

The closing date is inclusive: comments are accepted until 23:59:59 local time on
that day. A draft without an opening date is open from the day it was published
(konsulta_content.documents.consultation_days). A consultation is concluded once its
outcome is published.

Pages are built once a day, so each draft page also carries the moments after the build at which its
status changes by the clock alone (``Consultation.changes``), with the notice for each; the browser
script (theme/static/js/consultation-status.js) compares the clock with those moments and applies no
rule of its own.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from konsulta_content.documents import consultation_days

UPCOMING, OPEN, CLOSED, CONCLUDED = "upcoming", "open", "closed", "concluded"
LIFECYCLE = (UPCOMING, OPEN, CLOSED, CONCLUDED)  # the order a consultation goes through them (search filters)
STATUSES = (OPEN, UPCOMING, CLOSED, CONCLUDED)  # the order listings show them in


@dataclass(frozen=True)
class StatusChange:
    """From ``at`` on, the status is ``status``; comments are accepted only while it is OPEN."""

    at: dt.datetime
    status: str

    @property
    def comments_open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class Consultation:
    opens_at: dt.datetime
    closes_at: dt.datetime  # the last second comments are accepted, as pages state the deadline
    closed_from: dt.datetime  # the first moment they are not: midnight after the closing day
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
    def has_opened(self) -> bool:
        return self.status != UPCOMING

    @property
    def has_closed(self) -> bool:
        """Comments are no longer accepted: its outcome is due, or published."""
        return self.status in (CLOSED, CONCLUDED)

    @property
    def changes(self) -> tuple[StatusChange, ...]:
        """The moments after ``now`` at which the status changes by the clock alone, each with the status
        from then on (an outcome published later is the next build's to show)."""
        has_outcome = self.outcome is not None
        return tuple(StatusChange(moment, status_at(moment, self.opens_at, self.closed_from, has_outcome))
                     for moment in (self.opens_at, self.closed_from) if moment > self.now)

    @property
    def days_left_from(self) -> tuple[tuple[dt.datetime, int], ...]:
        """Each start of a day after ``now`` on which comments are accepted, with the days left from then
        on (days_left's rule): what a page built earlier must say on that day (consultation-status.js
        shows the latest that has passed)."""
        tz = self.closes_at.tzinfo
        first = max(self.opens_at.date(), self.now.date() + dt.timedelta(days=1))
        return tuple((start_of_day(day, tz), (self.closes_at.date() - day).days)
                     for day in _days(first, self.closes_at.date()))

    @property
    def outcome_overdue(self) -> bool:
        return self.status == CLOSED and self.now.date() > self.outcome_due

    @property
    def outcome_on_time(self) -> bool | None:
        if self.outcome is None:
            return None
        return self.outcome.doc.fields["date"] <= self.outcome_due


def _days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def start_of_day(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0, 0), tzinfo=tz)


def end_of_day(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=tz)


def status_at(now: dt.datetime, opens_at: dt.datetime, closed_from: dt.datetime, has_outcome: bool) -> str:
    """The consultation status rule."""
    if now < opens_at:
        return UPCOMING
    if now < closed_from:
        return OPEN
    return CONCLUDED if has_outcome else CLOSED


def consultation_of(draft, outcome, now: dt.datetime, config) -> Consultation:
    first_day, last_day = consultation_days(draft.doc)
    opens_at = start_of_day(first_day, config.timezone)
    closed_from = start_of_day(last_day + dt.timedelta(days=1), config.timezone)
    # An outcome whose date failed validation is not published (its problem stops the build).
    outcome_day = outcome.doc.fields.get("date") if outcome is not None else None
    published_outcome = outcome if isinstance(outcome_day, dt.date) and outcome_day <= now.date() else None
    return Consultation(
        opens_at=opens_at,
        closes_at=end_of_day(last_day, config.timezone),
        closed_from=closed_from,
        status=status_at(now, opens_at, closed_from, published_outcome is not None),
        now=now,
        outcome=published_outcome,
        outcome_due=last_day + dt.timedelta(days=config.outcome_due_days),
        length_days=(last_day - first_day).days + 1,
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
        held = [c for _, c in items if c.has_closed]
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
