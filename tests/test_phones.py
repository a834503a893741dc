"""On a 320 px phone no page scrolls sideways: wide tables scroll inside a labelled, focusable region that
shows it scrolls, and long addresses, words and code wrap (tests/sites/phones holds each of them)."""

from __future__ import annotations

import pytest
from browser import chromium, serve
from conftest import SITES, build

from konsulta.browser import accessibility_problems, page_url, pages_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    site = build(SITES / "phones", tmp_path_factory.mktemp("phones") / "output")
    with serve(site) as base_url, chromium() as browser:
        context = browser.new_context(viewport={"width": 320, "height": 640})
        yield site, base_url, browser, context.new_page()
        context.close()


def test_no_page_scrolls_sideways_at_320_px(phone):
    site, base_url, _, page = phone
    wide = []
    for path in pages_of(site):
        page.goto(page_url(base_url, path))
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            wide.append(path)
    assert wide == []


def test_wide_tables_scroll_in_labelled_focusable_regions(phone):
    _, base_url, _, page = phone
    page.goto(page_url(base_url, "en/wide-annex/index.html"))
    regions = page.evaluate("""() => [...document.querySelectorAll('.document__body table')].map(table => {
        const region = table.parentElement;
        const labelledBy = region.getAttribute('aria-labelledby');
        return {role: region.getAttribute('role'), tabindex: region.tabIndex,
                name: labelledBy ? document.getElementById(labelledBy).textContent.trim() : region.getAttribute('aria-label'),
                scrolls: region.scrollWidth > region.clientWidth};
    })""")
    assert regions == [
        {"role": "region", "tabindex": 0, "name": "Tariffs by district", "scrolls": True},
        {"role": "region", "tabindex": 0, "name": "Consultation responses by district and category of submitter",
         "scrolls": True},
    ]
    # The keyboard scrolls a region: focus it and press the right arrow.
    page.focus(".document__body .table-scroll")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.document__body .table-scroll').scrollLeft > 0", timeout=5000)


def test_the_wide_page_has_no_wcag_violations_at_320_px(phone):
    _, base_url, browser, _ = phone
    failures, foreign = accessibility_problems(browser, base_url, ["en/wide-annex/index.html"],
                                               viewport={"width": 320, "height": 640})
    assert failures == [] and foreign == []


# --- the theme's own tables: one card per row on a phone, every column readable

TABLE_PAGES = ("en/public-consultation-concept-document-report/index.html", "en/consultations/index.html",
               "en/open-data/index.html", "tr/consultations/index.html")


@pytest.fixture(scope="module")
def demo_served(demo_site, phone):
    _, _, browser, _ = phone  # one Chromium per module: Playwright's sync API runs one at a time
    with serve(demo_site) as base_url:
        yield base_url, browser


@pytest.mark.parametrize("width", [320, 390])
def test_every_column_of_the_themes_tables_is_read_without_scrolling_sideways(demo_served, width):
    base_url, browser = demo_served
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    for path in TABLE_PAGES:
        page.goto(page_url(base_url, path))
        tables = page.evaluate("""() => [...document.querySelectorAll('main table')]
            .filter(table => !table.closest('.document__body'))  // an editor's own table scrolls in its region
            .map(table => ({
                fits: table.scrollWidth <= table.parentElement.clientWidth,
                cells_off_screen: [...table.querySelectorAll('tbody td, tbody th, tfoot td, tfoot th')].filter(cell =>
                    cell.getBoundingClientRect().width > 0 && cell.getBoundingClientRect().right > window.innerWidth).length,
                // A card names each value's column, in the page's language, as the header does.
                labels: [...table.querySelectorAll('tbody td[data-label]')].every(cell =>
                    cell.dataset.label === table.querySelectorAll('thead th')[cell.cellIndex].textContent.trim()),
            }))""")
        assert tables, path
        assert all(t == {"fits": True, "cells_off_screen": 0, "labels": True} for t in tables), (path, width, tables)
    context.close()


def test_the_card_tables_keep_their_table_semantics_and_have_no_wcag_violations_at_320_px(demo_served):
    base_url, browser = demo_served
    failures, foreign = accessibility_problems(browser, base_url, list(TABLE_PAGES), viewport={"width": 320, "height": 640})
    assert failures == [] and foreign == []
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(page_url(base_url, TABLE_PAGES[0]))
    # What a screen reader is given: a table of rows and cells, though each row is shown as a card.
    snapshot = page.locator("section.responses table").aria_snapshot()
    assert snapshot.startswith("- table") and "- row" in snapshot and "- cell" in snapshot, snapshot
    context.close()


# --- what a reader came for is on the first screen of a 390 x 844 phone

def test_an_open_drafts_status_and_comment_link_are_on_the_first_screen(demo_served):
    base_url, browser = demo_served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(page_url(base_url, "en/e-participation-guideline/index.html"))
    for selector in ("section.consultation .status-tag", "[data-consultation-notice] a.button[data-comment-link]"):
        box = page.locator(selector).first.bounding_box()
        assert box["y"] + box["height"] <= 844, (selector, box)
    context.close()


def test_search_filters_fold_on_a_phone_unless_one_is_chosen(demo_served):
    base_url, browser = demo_served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(page_url(base_url, "en/search/index.html") + "?q=consultation")
    page.wait_for_selector("[data-search-results] li")
    assert page.locator("[data-search-filters-fold]").evaluate("d => d.open") is False
    assert page.locator("[data-search-results] li").first.bounding_box()["y"] < 844
    # The fold opens with the keyboard, and a chosen filter keeps it open.
    page.focus("[data-search-filters-fold] > summary")
    page.keyboard.press("Enter")
    assert page.locator("[data-search-filters-fold]").evaluate("d => d.open") is True
    page.goto(page_url(base_url, "en/search/index.html") + "?q=consultation&type=draft")
    assert page.locator("[data-search-filters-fold]").evaluate("d => d.open") is True
    context.close()
    # On a wide screen the filters stay open.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(page_url(base_url, "en/search/index.html") + "?q=consultation")
    page.wait_for_selector("[data-search-results] li")
    assert page.locator("[data-search-filters-fold]").evaluate("d => d.open") is True
    context.close()
