"""Every page of the built demo site in headless Chromium: zero axe violations for WCAG 2.2 A and AA,
no request to any other origin (the accessibility check of `konsulta check`), and the keyboard reaches
the content."""

from __future__ import annotations

import pytest
from browser import chromium, serve

from konsulta.browser import WCAG_TAGS, accessibility_problems, page_url, pages_of  # noqa: F401 (WCAG_TAGS: other tests import it here)

pytestmark = pytest.mark.browser  # every test here drives Chromium


@pytest.fixture(scope="module")
def pages(demo_site):
    return pages_of(demo_site)


@pytest.fixture(scope="module")
def browser_on_demo(demo_site):
    with serve(demo_site) as base_url, chromium() as browser:
        yield base_url, browser


def test_demo_site_has_every_page_type(pages):
    for expected in ("index.html", "404.html", "en/index.html", "tr/index.html", "en/type/policy/index.html",
                     "en/topics/index.html"):
        assert expected in pages
    assert any(p.startswith("en/issued-by/") for p in pages)
    assert any(p.startswith("en/topic/") for p in pages)


def test_every_page_has_no_wcag_22_aa_violations_and_no_foreign_requests(browser_on_demo, pages):
    base_url, browser = browser_on_demo
    failures, foreign = accessibility_problems(browser, base_url, pages)
    assert failures == [], "\n".join(failures)
    assert foreign == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser_on_demo):
    base_url, browser = browser_on_demo
    page = browser.new_page()
    page.goto(page_url(base_url, "en/index.html"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.evaluate("getComputedStyle(document.activeElement).left") == "0px"  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_scripts_are_optional_external_files_from_the_site_itself(demo_site):
    # Reading never depends on JavaScript: no inline script, only deferred files of our own.
    from bs4 import BeautifulSoup

    offenders = []
    for page in demo_site.rglob("*.html"):
        for script in BeautifulSoup(page.read_text("utf-8"), "html.parser").find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # schema.org data for search engines: never executed
            if script.string or not script.get("src", "").endswith(".js") or "//" in script["src"] or not script.has_attr("defer"):
                offenders.append(f"{page.relative_to(demo_site)}: {script}")
    assert offenders == []


def test_pages_read_with_javascript_off(browser_on_demo, pages):
    base_url, browser = browser_on_demo
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("en/index.html", "en/e-participation-guideline/index.html", "tr/e-participation-policy/index.html"):
        page.goto(page_url(base_url, path))
        assert page.locator("main h1").is_visible()
        assert len(page.locator("main").inner_text()) > 200
    context.close()


def test_layout_fits_a_phone_without_horizontal_scrolling(browser_on_demo, pages):
    base_url, browser = browser_on_demo
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for path in pages:
        page.goto(page_url(base_url, path))
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            wide.append(path)
    context.close()
    assert wide == []
