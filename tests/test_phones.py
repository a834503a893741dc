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
