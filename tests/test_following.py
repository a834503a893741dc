"""Following, in sight: every document, listing, consultations and home page shows a "Follow" with its own
feed (as a page of the site, and Atom and RSS) and, where it has one, a calendar; a body's and a topic's
calendars hold their consultations; every site feed is also a page of the site that says the same as
the feed, dates in the page's language, readable without XSLT or JavaScript, and a document's feed is
read on the document's page, which shows each of its entries."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
import posixpath
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup
from conftest import DEMO
from icalendar import Calendar
from konsulta_content.frontmatter import parse

SITE_ZONE = ZoneInfo("Europe/Istanbul")  # the demo fixture's TIMEZONE
LANGUAGES = ("tr", "ro", "sq", "sr", "en")
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
                            r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")


def sources() -> list[dict]:
    found = []
    for path in sorted(DEMO.glob("*/*.md")):
        fields = parse(path.read_text("utf-8")).data
        found.append({"lang": path.parent.name, "slug": fields.get("slug", path.stem), **fields})
    return found


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def target(site: Path, file_path: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(file_path), href))


def follow_links(site: Path, path: str) -> dict[str, str]:
    """What a page's "Follow" links to, by kind, as paths from the output root."""
    box = page(site, path).select_one("main section.follow")
    assert box is not None, f"{path}: no Follow"
    assert box.select_one("h2").get_text(strip=True)
    found = {}
    for link in box.select("a"):
        kind = link.get("type") or ("subscribe" if link["href"].endswith("/subscribe/") else "web page")
        found[kind] = target(site, path, link["href"])
    return found


def calendar_events(site: Path, path: str) -> set[str]:
    calendar = Calendar.from_ical((site / path).read_bytes())
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_every_document_page_follows_its_own_feed_and_a_draft_its_dates(demo_site):
    docs = sources()
    issuers = {d["body"] for d in docs if isinstance(d.get("body"), str)}
    assert any(d["type"] == "body" and d["slug"] not in issuers for d in docs)  # both kinds of body page
    for doc in docs:
        path = f"{doc['lang']}/{doc['slug']}/index.html"
        links = follow_links(demo_site, path)
        if doc["type"] == "body" and doc["slug"] in issuers:
            expected = f"feeds/{doc['lang']}/issued-by/{doc['slug']}"
            assert links["text/calendar"] == f"calendars/{doc['lang']}/issued-by/{doc['slug']}.ics", path
        else:
            expected = f"{doc['lang']}/{doc['slug']}/feed"
            if doc["type"] == "draft":
                assert links["text/calendar"] == f"{doc['lang']}/{doc['slug']}/consultation.ics", path
            else:
                assert "text/calendar" not in links, path
        if doc["type"] == "body" and doc["slug"] in issuers:
            assert links["web page"] == expected, path
        else:
            assert "web page" not in links, path  # the page is its feed's page: no link to itself
        assert links["application/atom+xml"] == expected + ".atom.xml", path
        assert links["application/rss+xml"] == expected + ".rss.xml", path
        assert links["subscribe"] == f"{doc['lang']}/subscribe", path
        for linked in links.values():
            assert (demo_site / linked).is_file() or (demo_site / linked / "index.html").is_file(), (path, linked)
        if doc["lang"] == "en":
            words = " ".join(page(demo_site, path).select_one("section.follow li").get_text().split())
            assert words in ("Follow with a feed reader: Atom, RSS", "Follow with a feed reader (Atom, RSS)"), words


def test_body_and_topic_listings_follow_their_feed_and_their_consultations_dates(demo_site):
    docs = sources()
    drafts = [d for d in docs if d["type"] == "draft"]
    for lang in LANGUAGES:
        for listing in sorted((demo_site / lang / "issued-by").glob("*/index.html")):
            body = listing.parent.name
            links = follow_links(demo_site, listing.relative_to(demo_site).as_posix())
            assert links["web page"] == f"feeds/{lang}/issued-by/{body}"
            # One event pair per consultation of the body, whatever language its draft is in.
            expected = {f"consultation-{kind}-{d['slug']}@" for d in drafts if d.get("body") == body for kind in ("opens", "closes")}
            found = {uid.split("@")[0] + "@" for uid in calendar_events(demo_site, links["text/calendar"])}
            assert found == expected, (lang, body)
        for listing in sorted((demo_site / lang / "topic").glob("*/index.html")):
            topic = listing.parent.name
            links = follow_links(demo_site, listing.relative_to(demo_site).as_posix())
            assert links["web page"] == f"feeds/{lang}/topic/{topic}"
            assert links["text/calendar"] == f"calendars/{lang}/topic/{topic}.ics"
            listed = {a["href"].rstrip("/").split("/")[-1] for a in page(demo_site, listing.relative_to(demo_site).as_posix())
                      .select("main .document-list__title a")}
            expected = {f"consultation-{kind}-{d['slug']}@" for d in drafts if d["lang"] == lang and d["slug"] in listed
                        for kind in ("opens", "closes")}
            found = {uid.split("@")[0] + "@" for uid in calendar_events(demo_site, links["text/calendar"])}
            assert found == expected, (lang, topic)
    assert any(calendar_events(demo_site, p.relative_to(demo_site).as_posix())
               for p in (demo_site / "calendars").rglob("*.ics")), "no body or topic calendar has an event"


def test_consultations_and_home_pages_follow_their_feed_and_every_consultations_dates(demo_site):
    for lang in LANGUAGES:
        for path, feed in ((f"{lang}/consultations/index.html", f"feeds/{lang}/consultations"),
                           (f"{lang}/index.html", f"feeds/{lang}/all")):
            links = follow_links(demo_site, path)
            assert links["web page"] == feed
            assert links["text/calendar"] == "consultations.ics"


def web_pages(site: Path) -> list[tuple[str, str]]:
    """(feed's Atom file, its page) of every site feed (feeds/)."""
    return [(p.relative_to(site).as_posix(), p.relative_to(site).as_posix().removesuffix(".atom.xml") + "/index.html")
            for p in sorted((site / "feeds").rglob("*.atom.xml"))]


def test_a_documents_feed_is_read_on_its_page_which_shows_every_entry(demo_site):
    """A document's feed names the document's page as the feed's page: the page links every revision entry
    (its history's "What changed"), and the document's and opening's entries are the page itself."""
    checked = 0
    for doc in sources():
        atom = f"{doc['lang']}/{doc['slug']}/feed.atom.xml"
        parsed = feedparser.parse((demo_site / atom).read_bytes())
        related = {target(demo_site, atom, link.href) for link in parsed.feed.links if link.rel == "related"}
        assert f"{doc['lang']}/{doc['slug']}" in related, atom
        path = f"{doc['lang']}/{doc['slug']}/index.html"
        linked = {target(demo_site, path, a["href"]) for a in page(demo_site, path).select("main a[href]")}
        for entry in parsed.entries:
            address = target(demo_site, atom, entry.link)
            assert address == f"{doc['lang']}/{doc['slug']}" or address in linked, (atom, entry.title)
            checked += 1
    assert checked > len(sources())


def test_every_feed_is_also_a_page_that_lists_the_same_entries(demo_site):
    pairs = web_pages(demo_site)
    assert len(pairs) > 50
    for atom, web_page in pairs:
        parsed = feedparser.parse((demo_site / atom).read_bytes())
        assert not parsed.bozo, atom
        # The feed names its page, and so does the browser view made from it.
        related = {target(demo_site, atom, link.href) for link in parsed.feed.links if link.rel == "related"}
        assert web_page.removesuffix("/index.html") in related, atom
        soup = page(demo_site, web_page)
        items = soup.select("main li.document-list__item")
        assert [i.select_one("h3 a").get_text() for i in items] == [e.title for e in parsed.entries], web_page
        assert [target(demo_site, web_page, i.select_one("h3 a")["href"]) for i in items] == \
            [target(demo_site, atom, e.link) for e in parsed.entries], web_page
        lang = soup.html["lang"]
        for item, entry in zip(items, parsed.entries):
            # The entry's day in the site's zone, in words in the page's language.
            day = dt.datetime.fromisoformat(entry.updated).astimezone(SITE_ZONE).date()
            shown = item.select_one("time")
            assert shown["datetime"] == day.isoformat(), web_page
            assert shown.get_text() == format_date(day, format="long", locale={"sr": "sr_Latn"}.get(lang, lang)), web_page
        addresses = {a["type"]: target(demo_site, web_page, a["href"]) for a in soup.select("main .feed-addresses a")}
        assert addresses == {"application/atom+xml": atom, "application/rss+xml": atom.replace(".atom.xml", ".rss.xml")}
        if not items:
            assert soup.select_one("main p.empty")


def test_feed_pages_give_dates_in_their_language(demo_site):
    for lang in ("tr", "sq", "ro", "sr"):
        soup = page(demo_site, f"feeds/{lang}/all/index.html")
        dates = [t.get_text() for t in soup.select("main time")]
        assert dates, lang
        assert not any(ENGLISH_MONTHS.search(d) for d in dates), (lang, dates[:3])
    turkish = [t.get_text() for t in page(demo_site, "feeds/tr/all/index.html").select("main time")]
    assert any(re.search(r"\d{1,2} (Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık) \d{4}", d)
               for d in turkish), turkish[:3]


def test_the_xslt_view_of_rss_shows_no_english_month_names(demo_site):
    """Browsers' XSLT view of a feed, as lxml's XSLT 1.0 applies the site's style sheet: RSS dates are
    RFC 822 with English month names, so the view shows them as numbers, as Atom's."""
    from lxml import etree

    transform = etree.XSLT(etree.parse(str(demo_site / "theme" / "feeds" / "feed.xsl")))
    for path in ("feeds/tr/all.rss.xml", "feeds/tr/all.atom.xml"):
        view = str(transform(etree.parse(str(demo_site / path))))
        soup = BeautifulSoup(view, "html.parser")
        dates = [p.get_text(" ", strip=True).split(" · ")[0] for p in soup.select("p.document-list__meta")]
        assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates), (path, dates[:3])
        if path.endswith(".rss.xml"):
            # The day as the feed wrote it, in the site's zone: "Tue, 24 Nov 2026 00:00:00 +0300".
            written = [parsedate_to_datetime(item.findtext("pubDate")).date().isoformat()
                       for item in etree.parse(str(demo_site / path)).iter("item")]
            assert dates == written, path
        # The view's links include the feed as a page of the site.
        assert any(a["href"].endswith("/all/") for a in soup.select("ul.inline-list a")), path


def test_the_css_view_of_a_feed_names_its_links(demo_site):
    css = (demo_site / "theme" / "feeds" / "feed.css").read_text("utf-8")
    assert "link[title]::after" in css and "attr(href)" in css


@pytest.mark.browser
def test_feed_pages_and_follow_work_on_a_phone_with_keyboard_and_without_javascript(demo_site):
    from axe_playwright_python.sync_playwright import Axe
    from browser import chromium, serve
    from test_accessibility import WCAG_TAGS

    paths = ("feeds/tr/all/", "feeds/en/consultations/", "feeds/en/issued-by/office-for-good-governance/",
             "en/it-project-standards/", "en/issued-by/office-for-good-governance/")
    with serve(demo_site) as base_url, chromium() as browser:
        foreign = []
        context = browser.new_context(viewport={"width": 320, "height": 640})
        context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base_url) else None)
        tab = context.new_page()
        for path in paths:
            tab.goto(f"{base_url}/{path}")
            assert tab.evaluate("document.documentElement.scrollWidth") <= 320, path
            results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            assert results.response["violations"] == [], path
        # Keyboard only: Tab reaches the Follow's feed link, and Enter opens the feed's page.
        tab.goto(f"{base_url}/en/issued-by/office-for-good-governance/")
        for _ in range(200):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.closest('section.follow') !== null"):
                break
        else:
            raise AssertionError("Tab never reached the Follow links")
        assert tab.evaluate("document.activeElement.getAttribute('href')").endswith("feeds/en/issued-by/office-for-good-governance/")
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/feeds/en/issued-by/office-for-good-governance/")
        assert tab.locator("main li.document-list__item").count() >= 1
        context.close()
        # Without JavaScript: the same links and entries are there (no script makes them).
        context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
        tab = context.new_page()
        tab.goto(f"{base_url}/en/it-project-standards/")
        assert tab.locator("section.follow a").count() == 4  # Atom, RSS, calendar, Subscribe
        assert tab.locator("section.follow a[type='text/calendar']").is_visible()
        tab.goto(f"{base_url}/feeds/tr/all/")
        assert tab.locator("main li.document-list__item time").first.is_visible()
        context.close()
    assert foreign == []


def test_the_subscribe_page_names_each_feed_with_a_link_to_its_page(demo_site):
    for lang in LANGUAGES:
        path = f"{lang}/subscribe/index.html"
        items = page(demo_site, path).select("main section li")
        assert len(items) > 10, lang
        for item in items:
            first, atom = item.select("a")[0], item.select_one("a[type='application/atom+xml']")
            address = target(demo_site, path, first["href"])
            assert (demo_site / address / "index.html").is_file(), (lang, address)
            feed = target(demo_site, path, atom["href"]).removesuffix(".atom.xml")
            # A site feed's own page, or the document's page for a document's feed.
            assert address == feed or feed == f"{address}/feed", (lang, address, feed)
