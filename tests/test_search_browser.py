"""The search page in headless Chromium: a query typed with the keyboard, results with marked words,
filters changed with the keyboard, the query in the URL, the count announced, and axe on the results."""

from __future__ import annotations

import pytest
from browser import chromium, serve
from test_accessibility import WCAG_TAGS
from test_search import golden, search_site  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.browser  # every test here drives Chromium


@pytest.fixture(scope="module")
def browser_on_search(search_site):  # noqa: F811
    with serve(search_site) as base_url, chromium() as browser:
        yield base_url, browser


def test_keyboard_search_filters_url_and_axe(browser_on_search, search_site):  # noqa: F811
    import json

    from axe_playwright_python.sync_playwright import Axe

    base_url, browser = browser_on_search
    context = browser.new_context()
    foreign, index_requests = [], []
    context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base_url) else
               index_requests.append(r.url) if "/search/tr" in r.url else None)
    page = context.new_page()
    page.goto(f"{base_url}/tr/search/")
    assert page.is_hidden("[data-search-nojs]") and page.is_visible("[data-search-form]")
    assert index_requests == [], "the index loads only when the reader starts to search"

    page.focus("#search-q")
    page.keyboard.type("katilim")
    page.keyboard.press("Enter")
    page.wait_for_selector(".search-result")
    titles = page.locator(".search-result__title").all_inner_texts()
    assert any("İstanbul" in t for t in titles)
    assert page.locator(".search-result mark").count() > 0
    status = page.locator("[data-search-status]")
    assert status.get_attribute("aria-live") == "polite"
    count = page.locator(".search-result").count()
    assert str(count) in status.inner_text()
    assert "q=katilim" in page.url
    assert any(u.endswith(".json.gz") for u in index_requests)
    # Of the index, only the manifest and the chunks that hold the query's terms.
    manifest = json.loads((search_site / "search" / "tr.json").read_text("utf-8"))
    chunks = {u.rsplit("/", 1)[1] for u in index_requests if "/terms-" in u}
    assert chunks and chunks < {f"{name}.gz" for _, name in manifest["chunks"]}, chunks

    # Narrow by type with the keyboard: Tab from the search button to the type select, then arrows.
    page.focus("#search-type")
    news_index = page.eval_on_selector("#search-type", "s => Array.from(s.options).findIndex(o => o.value === 'news')")
    for _ in range(news_index):
        page.keyboard.press("ArrowDown")
    page.wait_for_function("document.querySelector('#search-type').value === 'news'")
    page.wait_for_function(f"document.querySelectorAll('.search-result').length < {count}")
    assert "type=news" in page.url
    types = page.locator(".search-result .tag").all_inner_texts()
    assert types and len(set(types)) == 1

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                  for v in results.response["violations"]]
    assert violations == []

    # A shared URL runs its search on arrival, in another language, without diacritics typed.
    page.goto(f"{base_url}/ro/search/?q=consultatie")
    page.wait_for_selector(".search-result")
    assert page.input_value("#search-q") == "consultatie"
    assert page.locator(".search-result mark").count() > 0
    page.goto(f"{base_url}/sq/search/?q=shqiperi")
    page.wait_for_selector(".search-result")
    assert "Shqipëri" in page.locator(".search-result__title").first.inner_text()
    # A summary without the word: the snippet is a window of the document's text (search/en/N.txt).
    page.goto(f"{base_url}/en/search/?q=budget")
    page.wait_for_selector(".search-result__snippet:has-text('…') mark")
    context.close()
    assert foreign == []


def test_header_box_leads_to_the_search_page_with_the_query(browser_on_search):
    base_url, browser = browser_on_search
    page = browser.new_page()
    page.goto(f"{base_url}/en/")
    page.focus("#search-box-q")
    page.keyboard.type("consultation report")
    page.keyboard.press("Enter")
    page.wait_for_selector(".search-result")
    assert "/en/search/" in page.url and page.input_value("#search-q") == "consultation report"
    page.close()


def test_without_javascript_the_page_says_so_and_links_listings(browser_on_search):
    base_url, browser = browser_on_search
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/en/search/?q=report")
    assert page.is_visible("[data-search-nojs]")
    assert page.is_hidden("[data-search-form]")
    assert page.locator("[data-search-nojs] a").count() >= 3
    context.close()


def test_typing_a_prefix_shows_results_as_you_type_and_announces_them(browser_on_search):
    """No Enter: the results follow the typing, and the last word matches by prefix (konsult -> konsultimi)."""
    base_url, browser = browser_on_search
    page = browser.new_page()
    page.goto(f"{base_url}/sq/search/")
    page.focus("#search-q")
    page.keyboard.type("konsult")
    page.wait_for_selector(".search-result")
    marked = {m.lower() for m in page.locator(".search-result mark").all_inner_texts()}
    assert any(word.startswith("konsultim") for word in marked), marked
    status = page.locator("[data-search-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert str(page.locator(".search-result").count()) in status.inner_text()
    # A space ends the word: it is then matched whole (stemmed), which "konsult" is not in Albanian text.
    whole = page.evaluate("""async () => {
        const m = await KonsultaSearch.fetchJSON(window, '../../search/sq.json');
        const store = new KonsultaSearch.ChunkedIndex(lunr, m);
        const get = (name) => KonsultaSearch.fetchJSON(window, '../../search/sq/' + name);
        const byPrefix = KonsultaSearch.search(await store.ensure('', 'konsult', get, {prefix: true}), '', 'konsult', {prefix: true});
        const whole = KonsultaSearch.search(await store.ensure('', 'konsult', get), '', 'konsult');
        return [byPrefix.length, whole.length]; }""")
    assert whole[0] > whole[1], whole
    page.close()


def test_a_long_word_with_a_typo_still_finds_its_documents(browser_on_search):
    base_url, browser = browser_on_search
    page = browser.new_page()
    page.goto(f"{base_url}/en/search/")
    page.focus("#search-q")
    page.keyboard.type("guidline ")  # guideline, one letter dropped; the space: a whole word, not a prefix
    page.wait_for_selector(".search-result")
    hrefs = page.eval_on_selector_all(".search-result__title a", "links => links.map(a => a.getAttribute('href'))")
    assert any(h.endswith("en/e-participation-guideline/") for h in hrefs), hrefs
    assert any("guideline" in m.lower() for m in page.locator(".search-result mark").all_inner_texts())
    page.close()


def test_a_section_hit_links_to_its_heading_and_lands_on_it(browser_on_search):
    """A result lists its best-matching sections; following one with the keyboard lands on that heading,
    whose id is the one the per-section comment links use."""
    base_url, browser = browser_on_search
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{base_url}/en/search/?q=handling+requests")
    # Focused with the keyboard, a result comes to the screen, and with it its sections (fetched only then).
    page.locator(".search-result__title a[href$='en/e-participation-guideline/']").focus()
    link = page.locator(".search-result__sections a[href$='e-participation-guideline/#handling-requests']")
    link.wait_for()
    assert page.locator(".search-result__sections").first.get_attribute("aria-label")
    assert "handling" in link.inner_text().lower()
    # styled for a 320 px screen: no sideways scrolling, a link one can tap (WCAG 2.2 target size), no bullet
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert link.bounding_box()["height"] >= 24
    assert link.evaluate("a => getComputedStyle(a.closest('ul')).listStyleType") == "none"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/e-participation-guideline/#handling-requests")
    heading = page.locator("#handling-requests")
    assert heading.evaluate("h => h.matches(':target') && /^H[23]$/.test(h.tagName)")
    box = heading.bounding_box()
    assert box is not None and -1 < box["y"] < 640, box  # scrolled to it (to a fraction of a pixel)
    page.close()


def test_a_result_fetches_its_text_only_when_it_comes_near_the_screen(browser_on_search):
    """The text by section of a result (search/{lang}/{ref}.json) is fetched when the result is on the screen
    or just below it: on a phone, the first results' texts come at once, the others as the reader scrolls."""
    import re

    base_url, browser = browser_on_search
    page = browser.new_page(viewport={"width": 320, "height": 640})
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if re.search(r"/search/en/\d+\.json", r.url) else None)
    page.goto(f"{base_url}/en/search/?q=consultation")
    page.wait_for_selector(".search-result")
    page.wait_for_load_state("networkidle")
    shown = min(page.locator(".search-result").count(), 10)
    assert shown >= 5, "the query should find more results than a phone's screen holds"
    assert len(fetched) < shown, fetched  # on a phone the form fills most of the screen
    page.locator(".search-result").first.scroll_into_view_if_needed()
    page.wait_for_selector(".search-result__sections")
    page.wait_for_load_state("networkidle")
    on_screen = len(fetched)
    assert 0 < on_screen < shown, fetched
    page.locator(".search-result").nth(shown - 1).scroll_into_view_if_needed()
    page.wait_for_function(f"document.querySelectorAll('.search-result')[{shown - 1}].querySelector('.search-result__sections')"
                           " || performance.getEntriesByType('resource').filter(e => /\\/search\\/en\\/\\d+\\.json/.test(e.name)).length"
                           f" > {on_screen}")
    page.wait_for_load_state("networkidle")
    assert on_screen < len(fetched) <= shown, fetched
    assert len(set(fetched)) == len(fetched), "each text is fetched once"
    page.close()
