"""Consultation lifecycle with a frozen clock, comment links, and the pages by status."""

from __future__ import annotations

import datetime as dt
import logging
import urllib.parse
import zoneinfo
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import SITES, build, copy_site
from konsulta_consultations.comments import FormTemplateError, check_template, form_url
from konsulta_consultations.lifecycle import consultation_of
from konsulta_content.config import ConfigError, load_config
from konsulta_content.documents import Document
from konsulta_content.problems import ContentErrors, display_path

FIXTURE = SITES / "consultations"
ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")


def draft(opens, closes, date=dt.date(2026, 1, 1)):
    fields = {"date": date, "consultation": {"opens": opens, "closes": closes}}
    return SimpleNamespace(doc=Document("x.md", "en", "x", "draft", fields))


def status(now, opens, closes, tz="Europe/Istanbul", outcome=None):
    config = load_config({"TIMEZONE": tz, "KONSULTA": {"languages": ["en"]}, "DEFAULT_LANG": "en",
                          "PLUGINS": ["konsulta_consultations"]})
    return consultation_of(draft(opens, closes), outcome, now.astimezone(config.timezone), config).status


def at(text, tz=ISTANBUL):
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


D = dt.date


@pytest.mark.parametrize("now, expected", [
    ("2026-11-30T23:59:59", "upcoming"),   # the last second before opening day
    ("2026-12-01T00:00:00", "open"),       # midnight of the opening day
    ("2026-12-15T23:59:00", "open"),       # the closing minute
    ("2026-12-15T23:59:59", "open"),       # the last second: the closing date is inclusive
    ("2026-12-16T00:00:00", "closed"),     # midnight after the closing day
    ("2026-12-15T21:00:00+00:00", "closed"),  # 00:00 on 16 December in Istanbul, written in UTC
])
def test_status_edges_in_the_site_time_zone(now, expected):
    assert status(at(now), D(2026, 12, 1), D(2026, 12, 15)) == expected


def test_draft_without_opening_date_is_open_from_publication():
    assert status(at("2025-12-31T23:59:59"), None, D(2026, 1, 31)) == "upcoming"
    assert status(at("2026-01-01T00:00:00"), None, D(2026, 1, 31)) == "open"


@pytest.mark.parametrize("closes, last_open_utc, offset", [
    (D(2026, 10, 25), "2026-10-25T21:59:59+00:00", "+02:00"),  # clocks went back that morning
    (D(2027, 3, 28), "2027-03-28T20:59:59+00:00", "+03:00"),   # clocks went forward that morning
])
def test_closing_day_with_a_daylight_saving_change(closes, last_open_utc, offset):
    bucharest = "Europe/Bucharest"
    last_open = at(last_open_utc)
    assert status(last_open, D(2026, 9, 1), closes, tz=bucharest) == "open"
    assert status(last_open + dt.timedelta(seconds=1), D(2026, 9, 1), closes, tz=bucharest) == "closed"
    config = load_config({"TIMEZONE": bucharest, "KONSULTA": {"languages": ["en"]}, "DEFAULT_LANG": "en",
                          "PLUGINS": ["konsulta_consultations"]})
    closes_at = consultation_of(draft(D(2026, 9, 1), closes), None, last_open, config).closes_at
    assert closes_at.isoformat() == f"{closes.isoformat()}T23:59:59{offset}"


def test_published_outcome_concludes_and_unpublished_one_does_not():
    outcome = SimpleNamespace(doc=SimpleNamespace(fields={"date": D(2026, 3, 1)}))
    assert status(at("2026-02-15T10:00:00"), D(2026, 1, 1), D(2026, 1, 31), outcome=outcome) == "closed"
    assert status(at("2026-03-01T10:00:00"), D(2026, 1, 1), D(2026, 1, 31), outcome=outcome) == "concluded"


def test_form_url_encodes_every_placeholder():
    url = form_url("https://forms.example.org/c?d={slug}&l={lang}&t={title}&s={section}&v={version}",
                   slug="harbour-rules", lang="tr", title="Liman kuralları: ücret & yer?", section="fees", version="2026-11-22")
    assert url == ("https://forms.example.org/c?d=harbour-rules&l=tr&t=Liman%20kurallar%C4%B1%3A%20%C3%BCcret%20%26%20yer%3F"
                   "&s=fees&v=2026-11-22")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["t"] == ["Liman kuralları: ücret & yer?"]


@pytest.mark.parametrize("template, message", [
    ("http://forms.example.org/{slug}", "is not an https:// address"),
    ("https://evil.example.net/{slug}", "'evil.example.net' is not an allowed comment form host"),
    ("https://forms.example.org/{page}", "unknown placeholder {page}"),
    ("https://forms.example.org/{slug", "has a stray brace"),
])
def test_form_templates_outside_the_rules_are_refused(template, message):
    with pytest.raises(FormTemplateError, match=message.replace("{", r"\{").replace("?", r"\?")):
        check_template(template, ["forms.example.org"])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(FIXTURE, tmp_path_factory.mktemp("consultations") / "output")


def page(site, path):
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def active_form_links(html):
    """Form links a reader can follow now: those inside <template> are inert until the script uses them,
    and hidden ones (an upcoming draft's section links) are shown only once it opens."""
    for inert in [*html.find_all("template"), *html.find_all(attrs={"hidden": True})]:
        inert.decompose()
    return [a["href"] for a in html.find_all("a", href=True) if a["href"].startswith("https://forms.example.org/")]


def test_open_draft_has_a_form_link_for_the_draft_and_each_section(site):
    html = page(site, "en/no-opening-date/index.html")
    section = html.select_one("section.consultation")
    assert section["data-status"] == "open"
    links = active_form_links(html)
    base = ("https://forms.example.org/konsulta?document=no-opening-date&lang=en&title=Draft%20without%20an%20opening%20date"
            "&section={}&version=2026-11-10")
    assert links == [base.format(""), base.format("scope")]
    assert "6 days left." in section.get_text(" ", strip=True)
    comment = html.select_one("p.section-comment a")
    assert comment.get_text() == "Comment on this section: Scope"


def test_upcoming_and_closed_drafts_have_no_form_link(site):
    for path in ("en/harbour-rules/index.html", "en/late-report/index.html", "en/answered/index.html"):
        assert active_form_links(page(site, path)) == [], path
    upcoming = page(site, "en/harbour-rules/index.html").select_one("section.consultation")
    assert upcoming["data-status"] == "upcoming"
    assert "Comments can be sent from December 1, 2026 until December 15, 2026, 23:59 (Istanbul time)." in upcoming.get_text(" ", strip=True)


def test_page_carries_the_moments_its_status_changes_for_the_status_script(site):
    """The build computes when an upcoming draft opens and closes (the first second after its closing day),
    and the notice from each moment on; the script only compares the clock with them."""
    section = page(site, "en/harbour-rules/index.html").select_one("section.consultation")
    changes = [(t["data-from"], t["data-status"], t.has_attr("data-shows-comment-links"),
                t.has_attr("data-removes-comment-links")) for t in section.find_all("template", attrs={"data-from": True})]
    assert changes == [("2026-12-01T00:00:00+03:00", "open", True, False),
                       ("2026-12-16T00:00:00+03:00", "closed", False, True)]
    # And what "days left" says from each day it is open: 14 on the opening day (1 December) to 0 on the 15th.
    days = [(t["data-days-from"], t.get_text()) for t in section.find_all("template", attrs={"data-days-from": True})]
    assert days[0] == ("2026-12-01T00:00:00+03:00", "14 days left.") and len(days) == 15
    assert days[-1] == ("2026-12-15T00:00:00+03:00", "Today is the last day.")
    open_now = page(site, "en/no-opening-date/index.html").select_one("section.consultation")
    assert [(t["data-from"], t["data-status"]) for t in open_now.find_all("template", attrs={"data-from": True})] == [
        ("2026-12-01T00:00:00+03:00", "closed")]
    # Open when built (24 November): from the next day on, to the closing day (30 November).
    assert [t["data-days-from"][:10] for t in open_now.find_all("template", attrs={"data-days-from": True})] == [
        f"2026-11-{day}" for day in range(25, 31)]
    for done in ("late-report", "answered"):  # a consultation that closed changes by the clock no more
        assert page(site, f"en/{done}/index.html").select_one("section.consultation").find_all("template") == []


@pytest.mark.parametrize("now, changes", [
    ("2026-11-30T23:59:59", [("2026-12-01T00:00:00+03:00", "open"), ("2026-12-16T00:00:00+03:00", "closed")]),
    ("2026-12-01T00:00:00", [("2026-12-16T00:00:00+03:00", "closed")]),
    ("2026-12-15T23:59:59", [("2026-12-16T00:00:00+03:00", "closed")]),
    ("2026-12-16T00:00:00", []),
])
def test_each_change_is_a_moment_after_now_with_the_status_the_rule_gives_then(now, changes):
    config = load_config({"TIMEZONE": "Europe/Istanbul", "KONSULTA": {"languages": ["en"]}, "DEFAULT_LANG": "en",
                          "PLUGINS": ["konsulta_consultations"]})
    consultation = consultation_of(draft(D(2026, 12, 1), D(2026, 12, 15)), None, at(now), config)
    assert [(c.at.isoformat(), c.status) for c in consultation.changes] == changes
    for change in consultation.changes:
        assert status(change.at, D(2026, 12, 1), D(2026, 12, 15)) == change.status
        assert status(change.at - dt.timedelta(seconds=1), D(2026, 12, 1), D(2026, 12, 15)) != change.status


def test_closed_draft_says_outcome_is_being_prepared_and_flags_overdue(site):
    text = page(site, "en/late-report/index.html").select_one("section.consultation").get_text(" ", strip=True)
    assert "Comments closed on June 30, 2026. The outcome is being prepared." in text
    assert "The outcome was due on August 29, 2026 and has not been published yet." in text


def test_concluded_draft_links_its_outcome(site):
    section = page(site, "en/answered/index.html").select_one("section.consultation")
    assert section["data-status"] == "concluded"
    assert section.find("a", href="../../en/answered-outcome/") is not None


def test_pages_by_status_and_open_first_on_home(site):
    for status_name, slugs in {"open": ["no-opening-date"], "upcoming": ["harbour-rules"],
                               "closed": ["short", "late-report"], "concluded": ["answered"]}.items():
        listed = [a["href"].split("/")[-2] for a in page(site, f"en/consultations/{status_name}/index.html")
                  .select(".document-list__title a")]
        assert listed == slugs, status_name
    home = [a["href"].split("/")[-2] for a in page(site, "en/index.html").select("#consultations-heading ~ ul .document-list__title a")]
    assert home[:2] == ["no-opening-date", "harbour-rules"]


def test_per_body_overview(site):
    row = page(site, "en/consultations/index.html").select_one("tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert cells == ["Ministry of Examples", "3", "30 days", "33%", "Draft whose outcome is late A short consultation"]


def test_short_consultation_is_a_warning_that_names_the_draft(tmp_path, caplog):
    # A copy: Pelican logs a given message once per process, and the module's build logged this one.
    content = copy_site("consultations", tmp_path / "content")
    with caplog.at_level(logging.WARNING):
        build(content, tmp_path / "output")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "minimum" in r.getMessage()]
    advice = "fewer than the minimum of 20 (KONSULTA['min_consultation_days']): move 'consultation.closes' later"
    assert sorted(warnings) == [f"{display_path(content)}/en/harbour-rules.md: the consultation lasts 15 days, {advice}",
                                f"{display_path(content)}/en/short.md: the consultation lasts 10 days, {advice}"]


def test_form_on_a_host_not_allowed_is_a_build_error(tmp_path):
    content = tmp_path / "content" / "en"
    content.mkdir(parents=True)
    (content / "d.md").write_text("---\ntitle: D\ntype: draft\ndate: 2026-11-01\nsummary: S.\nconsultation:\n"
                                  "  closes: 2026-12-30\n  form: https://forms.elsewhere.net/{slug}\n---\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(tmp_path / "content", tmp_path / "output")
    assert [(p.line, p.field) for p in raised.value.problems] == [(8, "consultation.form")]
    assert "'forms.elsewhere.net' is not an allowed comment form host" in raised.value.problems[0].message


def test_site_form_template_outside_the_rules_stops_the_build(tmp_path):
    settings = {"languages": ["en"], "comment_form": "http://forms.example.org/{slug}", "comment_hosts": ["forms.example.org"]}
    with pytest.raises(ConfigError, match=r"KONSULTA\['comment_form'\]: .* is not an https:// address"):
        build(FIXTURE, tmp_path / "output", KONSULTA=settings)


def test_now_from_settings_and_invalid_now(tmp_path, monkeypatch):
    monkeypatch.delenv("KONSULTA_NOW")
    konsulta = {"languages": ["en"], "now": "2026-12-20T08:00:00", "comment_hosts": ["forms.example.org"]}
    site = build(FIXTURE, tmp_path / "one", KONSULTA=konsulta)
    assert page(site, "en/harbour-rules/index.html").select_one("section.consultation")["data-status"] == "closed"
    monkeypatch.setenv("KONSULTA_NOW", "next tuesday")
    with pytest.raises(SystemExit, match="KONSULTA_NOW: 'next tuesday' is not a date and time"):
        build(FIXTURE, tmp_path / "two", KONSULTA=konsulta)
