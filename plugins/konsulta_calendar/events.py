"""A consultation's opening and closing days as iCalendar events.

They are all-day events (VALUE=DATE): consultation dates are days in the site's time zone, and an
all-day event sits on that day in any reader's calendar without a VTIMEZONE. The closing day is
inclusive (comments are accepted until 23:59:59 local time), which the closing event's text says.

Nothing here reads the clock: UIDs come from the slug and the site's domain, DTSTAMP from the
document's own dates, so two builds of the same content write the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from icalendar import Calendar, Event


KINDS = ("opens", "closes")
PRODID = "-//Konsulta//Consultation calendar//EN"


class Wording(Protocol):
    """Translated event texts, in the language of the document an event comes from."""

    def summary(self, lang: str, kind: str, title: str) -> str: ...

    def description(self, lang: str, kind: str, timezone: str) -> str: ...


def consultation_days(doc) -> list[tuple[str, dt.date]]:
    """(kind, day) for the days a draft's consultation has: no 'opens', no opening event."""
    period = doc.fields.get("consultation") if doc.type == "draft" else None
    if not isinstance(period, dict):
        return []
    return [(kind, period[kind]) for kind in KINDS if isinstance(period.get(kind), dt.date)]


def uid(slug: str, kind: str, domain: str) -> str:
    """The same event in every file and language, and across title or date changes."""
    return f"consultation-{kind}-{slug}@{domain}"


def stamp(doc, tz) -> dt.datetime:
    """Start of the document's last change (else publication) day in the site's zone, in UTC."""
    return dt.datetime.combine(doc.last_changed, dt.time(0, 0), tzinfo=tz).astimezone(dt.timezone.utc)


def draft_events(article, *, wording: Wording, domain: str, url: str, tz) -> list[Event]:
    doc = article.doc
    zone = getattr(tz, "key", str(tz))
    events = []
    for kind, day in consultation_days(doc):
        event = Event()
        event.add("uid", uid(doc.slug, kind, domain))
        event.add("dtstamp", stamp(doc, tz))
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", wording.summary(doc.lang, kind, doc.title), parameters={"language": doc.lang})
        description = wording.description(doc.lang, kind, zone)
        if isinstance(doc.fields.get("summary"), str):
            description += "\n\n" + doc.fields["summary"]
        event.add("description", description, parameters={"language": doc.lang})
        event.add("url", url)
        # A deadline, not an appointment: it must not mark the whole day as busy.
        event.add("transp", "TRANSPARENT")
        events.append(event)
    return events


def calendar(name: str, events: list[Event], *, subscription: bool = False) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)  # RFC 7986
    cal.add("x-wr-calname", name)  # what most clients still read
    if subscription:
        # Subscribed clients check again daily; consultations are planned in days, not hours.
        cal.add("refresh-interval", dt.timedelta(days=1), parameters={"value": "DURATION"})
        cal.add("x-published-ttl", "P1D")
    for event in events:
        cal.add_component(event)
    return cal
