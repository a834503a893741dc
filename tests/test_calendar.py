"""Consultation dates as iCalendar files: valid RFC 5545 text, the drafts' own dates, UIDs that survive
edits, and the same bytes from every build of the same content."""

from __future__ import annotations

import datetime as dt
import shutil
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import DEMO, ROOT, build
from icalendar import Calendar
from konsulta_content.frontmatter import parse

OUR_PLUGINS = ["konsulta_calendar", "konsulta_plan"]
TZ = ZoneInfo("Europe/Istanbul")
NO_DOMAIN = "konsulta.invalid"


def plugins() -> list[str]:
    """The project's plugins, plus ours until pelicanconf.py lists them."""
    from pelican.settings import read_settings

    configured = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    return configured + [p for p in OUR_PLUGINS if p not in configured]


def build_with_calendar(content, output, **overrides):
    return build(content, output, PLUGINS=plugins(), **overrides)


def demo_drafts(content=DEMO) -> dict[tuple[str, str], dict]:
    """(lang, slug) -> front matter of every draft, read from the sources, not from the build."""
    found = {}
    for path in sorted(content.glob("*/*.md")):
        fields = parse(path.read_text("utf-8")).data
        if fields.get("type") == "draft":
            found[(path.parent.name, fields.get("slug", path.stem))] = fields
    return found


def events(path) -> dict[str, object]:
    """UID -> VEVENT of one .ics file."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def day(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # A copy outside the repository, so that every date comes from the front matter as these tests read it
    # (in git, a document's last change comes from its history: tests/test_history_merges.py).
    folder = tmp_path_factory.mktemp("calendar")
    return build_with_calendar(shutil.copytree(DEMO, folder / "content"), folder / "output")


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    """The demo with one draft renamed and another without an opening date."""
    content = tmp_path_factory.mktemp("edited") / "content"
    shutil.copytree(DEMO, content)
    standards = content / "en" / "it-project-standards.md"
    standards.write_text(standards.read_text("utf-8").replace(
        "title: Draft regulation on IT project standards", "title: Revised draft regulation on IT project standards"),
        encoding="utf-8")
    guide = content / "en" / "social-media-guide.md"
    guide.write_text(guide.read_text("utf-8").replace("  opens: 2026-09-21\n", ""), encoding="utf-8")
    return content, build_with_calendar(content, content.parent / "output")


def test_demo_has_drafts_in_several_languages():
    assert {lang for lang, _ in demo_drafts()} >= {"en", "tr", "ro", "sq"}


def test_every_calendar_parses_and_is_written_as_rfc_5545_requires(site):
    files = sorted(site.rglob("*.ics"))
    # Each draft's, the site's, and per language each issuing body's and topic's (tests/test_following.py).
    assert len([f for f in files if f.relative_to(site).parts[0] != "calendars"]) == len(demo_drafts()) + 1
    assert len(files) > len(demo_drafts()) + 1
    for path in files:
        data = path.read_bytes()
        Calendar.from_ical(data)  # raises on anything the library cannot read
        assert data.endswith(b"\r\n"), path
        lines = data.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines), f"{path}: a line ends without CRLF"
        long_lines = [line for line in lines if len(line) > 75]
        assert long_lines == [], f"{path}: lines longer than 75 octets"
        assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
        assert b"VERSION:2.0" in lines and b"PRODID:-//Konsulta//Consultation calendar//EN" in lines
        data.decode("utf-8")  # folding never splits a character


@pytest.mark.parametrize("key", sorted(demo_drafts()), ids=lambda key: "/".join(key))
def test_each_draft_calendar_has_the_drafts_own_dates(site, key):
    lang, slug = key
    fields = demo_drafts()[key]
    found = events(site / lang / slug / "consultation.ics")
    period = fields["consultation"]
    expected = {f"consultation-closes-{slug}@{NO_DOMAIN}": day(period["closes"]),
                f"consultation-opens-{slug}@{NO_DOMAIN}": day(period.get("opens") or fields["date"])}
    assert set(found) == set(expected)
    stamp = dt.datetime.combine(day(fields.get("modified") or fields["date"]), dt.time(0), TZ).astimezone(dt.timezone.utc)
    for uid, when in expected.items():
        event = found[uid]
        # All-day events (VALUE=DATE): a date, not a date and time.
        assert type(event.decoded("DTSTART")) is dt.date and event.decoded("DTSTART") == when
        assert event.decoded("DTEND") == when + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == stamp
        assert str(event["URL"]) == f"../../{lang}/{slug}/"
        assert event["SUMMARY"].params["LANGUAGE"] == lang
        assert fields["title"] in str(event["SUMMARY"])
        assert event["TRANSP"] == "TRANSPARENT"
    closing = found[f"consultation-closes-{slug}@{NO_DOMAIN}"]
    if lang == "en":
        assert str(closing["SUMMARY"]) == f"Consultation closes: {fields['title']}"
        assert str(closing["DESCRIPTION"]).startswith(
            "Last day to send comments: they are accepted until 23:59 (Istanbul time).\n\n")


def test_site_calendar_lists_each_consultation_once_preferring_the_default_language(site):
    drafts = demo_drafts()
    found = events(site / "consultations.ics")
    slugs = {slug for _, slug in drafts}
    assert set(found) == {f"consultation-{kind}-{slug}@{NO_DOMAIN}" for slug in slugs for kind in ("opens", "closes")}
    for slug in slugs:
        lang = "en" if ("en", slug) in drafts else next(l for l in ("tr", "ro", "sq") if (l, slug) in drafts)
        period = drafts[(lang, slug)]["consultation"]
        closing = found[f"consultation-closes-{slug}@{NO_DOMAIN}"]
        assert closing.decoded("DTSTART") == day(period["closes"])
        assert closing["SUMMARY"].params["LANGUAGE"] == lang
        assert str(closing["URL"]) == f"{lang}/{slug}/"
    calendar = Calendar.from_ical((site / "consultations.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Consultations · Konsulta: Open consultation"


def test_uids_survive_a_title_change(site, edited_site):
    _, edited = edited_site
    for path in ("en/it-project-standards/consultation.ics", "tr/it-project-standards/consultation.ics",
                 "consultations.ics"):
        ours = lambda found: {uid for uid in found if "-it-project-standards@" in uid}  # noqa: E731
        assert ours(events(edited / path)) == ours(events(site / path)) != set(), path
    before = events(site / "en/it-project-standards/consultation.ics")
    after = events(edited / "en/it-project-standards/consultation.ics")
    uid = f"consultation-opens-it-project-standards@{NO_DOMAIN}"
    assert str(before[uid]["SUMMARY"]) == "Consultation opens: Draft regulation on IT project standards"
    assert str(after[uid]["SUMMARY"]) == "Consultation opens: Revised draft regulation on IT project standards"


def test_a_draft_without_an_opening_date_opens_on_its_date_in_the_calendar_too(edited_site):
    """The consultation's days are one rule (konsulta_content.documents.consultation_days): without 'opens'
    it opens on the draft's date, for its status, its page and its calendar alike."""
    content, edited = edited_site
    found = events(edited / "en/social-media-guide/consultation.ics")
    assert list(found) == [f"consultation-opens-social-media-guide@{NO_DOMAIN}",
                           f"consultation-closes-social-media-guide@{NO_DOMAIN}"]
    published = yaml.safe_load((content / "en/social-media-guide.md").read_text("utf-8").split("---")[1])["date"]
    assert found[f"consultation-opens-social-media-guide@{NO_DOMAIN}"].decoded("DTSTART") == published
    assert len(events(edited / "ro/social-media-guide/consultation.ics")) == 2


def test_two_builds_write_identical_calendars(site, tmp_path):
    again = build_with_calendar(site.parent / "content", tmp_path / "again")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.ics")}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.ics")}
    assert first == second


def test_absolute_siteurl_gives_absolute_links_and_its_host_in_uids(tmp_path):
    output = build_with_calendar(DEMO, tmp_path / "output", SITEURL="https://konsulta.example.org", RELATIVE_URLS=False)
    found = events(output / "tr/it-project-standards/consultation.ics")
    assert set(found) == {"consultation-opens-it-project-standards@konsulta.example.org",
                          "consultation-closes-it-project-standards@konsulta.example.org"}
    assert {str(e["URL"]) for e in found.values()} == {"https://konsulta.example.org/tr/it-project-standards/"}
    plans = (output / "en/plan/index.html").read_text("utf-8")
    assert 'href="https://konsulta.example.org/consultations.ics"' in plans
