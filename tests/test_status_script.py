"""The status script in real Chromium: a page built while a consultation was open, read after it closed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import chromium, serve
from conftest import ROOT, SITES, build

pytestmark = pytest.mark.browser  # every test here drives Chromium


@pytest.fixture(scope="module")
def browser_on_fixture(tmp_path_factory):
    site = build(SITES / "consultations", tmp_path_factory.mktemp("status") / "output")
    with serve(site) as base_url, chromium() as browser:
        yield base_url, browser


def open_at(browser, url, moment, javascript=True):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.clock.install(time=moment)
    page.goto(url)
    return context, page


def notice(page):
    return page.locator("[data-consultation-notice]").inner_text()


ISTANBUL = dt.timezone(dt.timedelta(hours=3))


def test_open_page_read_before_closing_stays_open(browser_on_fixture):
    base_url, browser = browser_on_fixture
    context, page = open_at(browser, f"{base_url}/en/no-opening-date/", dt.datetime(2026, 11, 30, 23, 59, 0, tzinfo=ISTANBUL))
    assert "Open for comments" in notice(page)
    assert page.locator("[data-comment-link]").count() == 2
    context.close()


def test_open_page_read_after_closing_shows_closed_and_drops_form_links(browser_on_fixture):
    base_url, browser = browser_on_fixture
    context, page = open_at(browser, f"{base_url}/en/no-opening-date/", dt.datetime(2026, 12, 1, 0, 0, 1, tzinfo=ISTANBUL))
    assert "Comments closed on November 30, 2026" in notice(page)
    assert page.locator("section.consultation").get_attribute("data-status") == "closed"
    assert page.locator("[data-comment-link]").count() == 0
    assert page.locator('a[href^="https://forms.example.org/"]').count() == 0
    context.close()


def test_upcoming_page_read_after_opening_offers_the_form(browser_on_fixture):
    base_url, browser = browser_on_fixture
    context, page = open_at(browser, f"{base_url}/en/harbour-rules/", dt.datetime(2026, 12, 2, 9, 0, tzinfo=ISTANBUL))
    assert "Open for comments" in notice(page)
    link = page.locator("[data-consultation-notice] a[data-comment-link]")
    assert link.get_attribute("href").startswith("https://forms.example.org/konsulta?document=harbour-rules&lang=en")
    context.close()


def test_without_javascript_the_built_status_stays(browser_on_fixture):
    base_url, browser = browser_on_fixture
    context, page = open_at(browser, f"{base_url}/en/no-opening-date/", dt.datetime(2027, 1, 1, tzinfo=ISTANBUL),
                            javascript=False)
    assert "Open for comments" in page.locator("[data-consultation-notice]").inner_text()
    context.close()


def test_the_script_applies_no_rule_of_its_own():
    """The status rule is written once, in Python (konsulta_consultations.lifecycle.status_at): the script
    names no status and computes no moment, it compares the clock with the moments the build wrote."""
    script = (ROOT / "theme" / "static" / "js" / "consultation-status.js").read_text("utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    assert not re.search(r"upcoming|open|closed|concluded|999|getTime|setHours", code)
    assert "data-from" in code and "Date.now()" in code


def test_the_script_follows_the_moments_the_page_carries(browser_on_fixture, tmp_path):
    """A page whose build said 'closed from 25 November' shows closed on the 26th, whatever its dates: the
    moments are the build's alone."""
    base_url, browser = browser_on_fixture
    context, page = open_at(browser, f"{base_url}/en/no-opening-date/", dt.datetime(2026, 11, 26, 9, 0, tzinfo=ISTANBUL))
    page.eval_on_selector("template[data-status='closed']", "t => t.setAttribute('data-from', '2026-11-25T00:00:00+03:00')")
    page.add_script_tag(path=str(ROOT / "theme" / "static" / "js" / "consultation-status.js"))
    assert "Comments closed on November 30, 2026" in notice(page)
    assert page.locator("[data-comment-link]").count() == 0
    context.close()


# --- what else a page built before the opening must say once the consultation is open

def test_upcoming_page_read_after_opening_counts_days_from_its_own_data_and_shows_the_section_links(browser_on_fixture):
    base_url, browser = browser_on_fixture
    # Built (conftest's clock) while upcoming; read on 2 December, 13 days before the closing day (15th).
    context, page = open_at(browser, f"{base_url}/en/harbour-rules/", dt.datetime(2026, 12, 2, 9, 0, tzinfo=ISTANBUL))
    assert "13 days left." in notice(page)
    sections = page.locator("p.section-comment[data-comment-link]")
    assert sections.count() == 2 and all(sections.nth(i).is_visible() for i in range(2))
    assert "&section=fees&" in sections.first.locator("a").get_attribute("href")
    context.close()
    # On the closing day itself.
    context, page = open_at(browser, f"{base_url}/en/harbour-rules/", dt.datetime(2026, 12, 15, 8, 0, tzinfo=ISTANBUL))
    assert "Today is the last day." in notice(page)
    context.close()


def test_an_upcoming_page_hides_its_section_links_until_it_opens(browser_on_fixture):
    base_url, browser = browser_on_fixture
    for javascript in (True, False):
        context, page = open_at(browser, f"{base_url}/en/harbour-rules/", dt.datetime(2026, 11, 30, 9, 0, tzinfo=ISTANBUL),
                                javascript=javascript)
        sections = page.locator("p.section-comment[data-comment-link]")
        assert sections.count() == 2 and not any(sections.nth(i).is_visible() for i in range(2)), javascript
        assert "Upcoming" in notice(page)
        context.close()


def test_lists_correct_the_status_and_days_left_of_each_draft(browser_on_fixture):
    base_url, browser = browser_on_fixture
    for path in ("en/", "en/consultations/upcoming/", "en/issued-by/ministry/"):
        context, page = open_at(browser, f"{base_url}/{path}", dt.datetime(2026, 12, 2, 9, 0, tzinfo=ISTANBUL))
        item = page.locator(".document-list__item").filter(has_text="Harbour rules").first
        meta = item.locator(".document-list__meta").inner_text()
        assert "Open for comments" in meta and "13 days left." in meta and "Upcoming" not in meta, (path, meta)
        context.close()
    # Without JavaScript, the list keeps the status it was built with.
    context, page = open_at(browser, f"{base_url}/en/", dt.datetime(2026, 12, 2, 9, 0, tzinfo=ISTANBUL), javascript=False)
    item = page.locator(".document-list__item").filter(has_text="Harbour rules").first
    assert "Upcoming" in item.locator(".document-list__meta").inner_text()
    context.close()


def test_search_results_correct_the_status_from_the_moments_the_index_carries(browser_on_fixture):
    """Built while "Harbour rules" was upcoming; searched on 2 December, once it has opened: the result says
    open, and the status filter finds it among the open ones. Searched before the opening it stays upcoming."""
    base_url, browser = browser_on_fixture

    def search(moment, status=""):
        context, page = open_at(browser, f"{base_url}/en/search/?q=harbour" + (f"&status={status}" if status else ""), moment)
        result = page.locator(".search-result").filter(has_text="Harbour rules").first
        result.wait_for()
        found = result.locator(".status-tag").inner_text()
        context.close()
        return found

    assert search(dt.datetime(2026, 12, 2, 9, 0, tzinfo=ISTANBUL)) == "Open for comments"
    assert search(dt.datetime(2026, 12, 2, 9, 0, tzinfo=ISTANBUL), status="open") == "Open for comments"
    assert search(dt.datetime(2026, 11, 25, 9, 0, tzinfo=ISTANBUL)) == "Upcoming"
