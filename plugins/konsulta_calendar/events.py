"""A consultation's opening and closing days as iCalendar events.

They are all-day events (VALUE=DATE): consultation dates are days in the site's time zone, and an
all-day event sits on that day in any reader's calendar without a VTIMEZONE. The closing day is
inclusive (comments are accepted until 23:59:59 local time), which the closing event's text says.

Nothing here reads the clock: UIDs come from the slug and the site's domain, DTSTAMP from the
document's own dates, so two builds of the same content write the same bytes.

Every text value (a title, a summary, the calendar's name) goes through ``ical_text``: editors' text may
hold line breaks and control characters (a YAML "\r" is a bare carriage return), which would end an
iCalendar content line early or make the file invalid.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Protocol

from icalendar import Calendar, Event
from icalendar.prop import vText
from konsulta_content.documents import consultation_days
from konsulta_history.dates import last_changed


KINDS = ("opens", "closes")
PRODID = "-//Konsulta//Consultation calendar//EN"
# What RFC 5545 forbids in TEXT (CONTROL, less the line breaks handled before), and the C1 controls.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def ical_text(text: str, *, multiline: bool = False) -> vText:
    """Text as an iCalendar TEXT value, escaped by icalendar and unable to break its content line.

    Every kind of line break (CR, LF, CRLF, VT, FF, NEL, U+2028, U+2029) becomes one escaped newline in a
    multi-line value (a description), a space in a one-line value (a summary, a name); runs of spaces
    are closed up and other control characters removed."""
    lines = [_CONTROLS.sub("", " ".join(line.split())) for line in text.splitlines()]
    return vText("\n".join(lines) if multiline else " ".join(line for line in lines if line))


class Wording(Protocol):
    """Translated event texts, in the language of the document an event comes from."""

    def summary(self, lang: str, kind: str, title: str) -> str: ...

    def description(self, lang: str, kind: str) -> str: ...  # the closing time with the zone's label


def event_days(doc) -> list[tuple[str, dt.date]]:
    """(kind, day) of a draft's opening and closing days, as its consultation has them (without
    'opens' it opens on the draft's date: konsulta_content.documents.consultation_days)."""
    days = consultation_days(doc)
    return list(zip(KINDS, days)) if days is not None else []


def uid(slug: str, kind: str, domain: str) -> str:
    """The same event in every file and language, and across title or date changes."""
    return f"consultation-{kind}-{slug}@{domain}"


def stamp(article, tz) -> dt.datetime:
    """Start of the document's "Last updated" (else publication) day in the site's zone, in UTC: the same
    day the page, the feeds and the open data give (konsulta_history.dates)."""
    return dt.datetime.combine(last_changed(article), dt.time(0, 0), tzinfo=tz).astimezone(dt.timezone.utc)


def draft_events(article, *, wording: Wording, domain: str, tz, url: str | None = None) -> list[Event]:
    """The opening and closing events; without ``url``, give each its address with ``with_url``."""
    doc = article.doc
    events = []
    for kind, day in event_days(doc):
        event = Event()
        event.add("uid", uid(doc.slug, kind, domain))
        event.add("dtstamp", stamp(article, tz))
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", ical_text(wording.summary(doc.lang, kind, doc.title)), parameters={"language": doc.lang})
        description = wording.description(doc.lang, kind)
        if isinstance(doc.fields.get("summary"), str):
            description += "\n\n" + doc.fields["summary"]
        event.add("description", ical_text(description, multiline=True), parameters={"language": doc.lang})
        if url is not None:
            event.add("url", url)
        # A deadline, not an appointment: it must not mark the whole day as busy.
        event.add("transp", "TRANSPARENT")
        events.append(event)
    return events


_EVENT_END = b"END:VEVENT\r\n"


def with_url(event: bytes, url: str) -> bytes:
    """``event`` (Event.to_ical of an event made without a URL) with its URL last, as ``draft_events`` would
    have written it: a draft's events are in calendars of several folders and differ only by this
    relative address, and icalendar takes most of its time folding the other lines."""
    return event[:-len(_EVENT_END)] + _url_line(url) + _EVENT_END


@functools.lru_cache(maxsize=1024)
def _url_line(url: str) -> bytes:
    """The URL content line icalendar writes (escaped and folded), asked for by both of a draft's events."""
    event = Event()
    event.add("url", url)
    return event.to_ical()[len(b"BEGIN:VEVENT\r\n"):-len(_EVENT_END)]


def calendar(name: str, events: list[Event], *, subscription: bool = False) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # icalendar knows neither property's type and would write them unescaped: say they are text.
    cal.add("name", ical_text(name))  # RFC 7986
    cal.add("x-wr-calname", ical_text(name))  # what most clients still read
    if subscription:
        # Subscribed clients check again daily; consultations are planned in days, not hours.
        cal.add("refresh-interval", dt.timedelta(days=1), parameters={"value": "DURATION"})
        cal.add("x-published-ttl", "P1D")
    for event in events:
        cal.add_component(event)
    return cal


def calendar_file(name: str, events: list[bytes], *, subscription: bool = False) -> bytes:
    """The bytes of ``calendar(name, ...)`` holding ``events``, each already written out (Event.to_ical):
    a draft's events are in many files, and icalendar takes most of its time folding lines."""
    head = calendar(name, [], subscription=subscription).to_ical()
    end = b"END:VCALENDAR\r\n"
    return head[:-len(end)] + b"".join(events) + end
