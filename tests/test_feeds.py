"""Feeds: every feed parses and holds what its page lists, newest first, dated by the documents and never
by the build; entry ids survive title and URL edits; two builds write the same bytes; every page links
its feeds; the Subscribe page lists them all; a feed opened in a browser is a readable, accessible page."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import DEMO, FROZEN_NOW, ROOT, SITES, build, deadline_pattern
from konsulta_content.frontmatter import parse

OUR_PLUGINS = ["konsulta_feeds", "konsulta_opendata"]
TZ = ZoneInfo("Europe/Istanbul")
NOW = dt.datetime.fromisoformat(FROZEN_NOW)
LANGUAGES = ("tr", "ro", "sq", "sr", "en")
TYPES = ("policy", "strategy", "draft", "outcome", "project", "body", "page", "news")


def plugins() -> list[str]:
    """The project's plugins, plus ours until pelicanconf.py lists them."""
    from pelican.settings import read_settings

    configured = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    return configured + [p for p in OUR_PLUGINS if p not in configured]


def build_with_feeds(content, output, **overrides) -> Path:
    return build(content, output, PLUGINS=plugins(), **overrides)


def day(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def midnight(value) -> dt.datetime:
    return dt.datetime.combine(day(value), dt.time(0), TZ)


def sources(content=DEMO) -> list[dict]:
    """Every document's front matter, read from the files rather than from the build."""
    found = []
    for path in sorted(content.glob("*/*.md")):
        fields = parse(path.read_text("utf-8")).data
        found.append({"lang": path.parent.name, "slug": fields.get("slug", path.stem), "stem": path.stem, **fields})
    return found


def opened(doc) -> bool:
    return doc["type"] == "draft" and midnight(doc["consultation"].get("opens") or doc["date"]) <= NOW


def feed(site, path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def feed_files(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.xml") if p.name.endswith((".atom.xml", ".rss.xml")))


def target(site, file_path, href) -> Path:
    """Where a relative link written in ``file_path`` points in the output."""
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(file_path), href))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # A copy outside the repository, so that every date comes from the front matter as these tests read
    # it. In git, each update is also an entry of its document's feed: tests/test_history_merges.py.
    folder = tmp_path_factory.mktemp("feeds")
    return build_with_feeds(shutil.copytree(DEMO, folder / "content"), folder / "output")


def test_every_feed_parses_and_its_atom_and_rss_say_the_same(site):
    files = feed_files(site)
    atoms = [f for f in files if f.endswith(".atom.xml")]
    assert len(atoms) * 2 == len(files) and len(atoms) > 100
    for atom in atoms:
        rss = atom.removesuffix(".atom.xml") + ".rss.xml"
        a, r = feed(site, atom), feed(site, rss)
        assert a.version == "atom10" and r.version == "rss20"
        assert [e.id for e in a.entries] == [e.id for e in r.entries], atom
        assert a.feed.title == r.feed.title


def test_entry_counts_match_the_pages_the_feeds_follow(site):
    docs = sources()
    assert len(feed(site, "feeds/all.atom.xml").entries) == len(docs)
    for lang in LANGUAGES:
        mine = [d for d in docs if d["lang"] == lang]
        assert len(feed(site, f"feeds/{lang}/all.atom.xml").entries) == len(mine)
        for doc_type in TYPES:
            expected = len([d for d in mine if d["type"] == doc_type])
            assert len(feed(site, f"feeds/{lang}/type/{doc_type}.rss.xml").entries) == expected, (lang, doc_type)
        consultations = feed(site, f"feeds/{lang}/consultations.atom.xml")
        assert len(consultations.entries) == len([d for d in mine if opened(d)])
    parsed = feed(site, "feeds/en/issued-by/digital-transformation-office.atom.xml")
    assert len(parsed.entries) == len([d for d in docs if d["lang"] == "en" and d.get("body") == "digital-transformation-office"])
    parsed = feed(site, "feeds/en/topic/participation.atom.xml")
    assert len(parsed.entries) == len([d for d in docs if d["lang"] == "en" and "Participation" in d.get("topics", [])])


def test_each_document_has_a_feed_of_its_own_history(site):
    docs = sources()
    answered = {d["responds_to"] for d in docs if d["type"] == "outcome"} | {d["outcome"] for d in docs if d.get("outcome")}
    for doc in docs:
        parsed = feed(site, f"{doc['lang']}/{doc['slug']}/feed.atom.xml")
        expected = 1 + ("modified" in doc) + opened(doc) + (doc["type"] == "draft" and doc["slug"] in answered)
        assert len(parsed.entries) == expected, doc["slug"]
    draft = feed(site, "en/public-consultation-concept-document/feed.atom.xml")
    assert [e.title for e in draft.entries] == [
        "Consultation report on the draft concept document on public consultation",
        "Draft concept document on public consultation",
        "Consultation opens: Draft concept document on public consultation",
    ]
    revised = feed(site, "en/how-to-request-information/feed.atom.xml")
    assert revised.entries[0].id.endswith(":en/how-to-request-information/revised/2026-05-18")
    assert revised.entries[0].title == "Revised: How to request information"


def test_entries_carry_language_categories_summary_and_link_newest_first(site):
    docs = {(d["lang"], d["slug"]): d for d in sources()}
    parsed = feed(site, "feeds/all.atom.xml")
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    for entry in parsed.entries:
        page = target(site, "feeds/all.atom.xml", entry.link)
        assert (page / "index.html").is_file(), entry.link
        lang, slug = page.relative_to(site).parts
        doc = docs[(lang, slug)]
        assert entry.title_detail.language == lang
        assert entry.summary == doc["summary"]
        terms = [tag.term for tag in entry.tags]
        assert terms[0] == doc["type"]
        assert len(terms) == 1 + len(doc.get("topics", [])) + ("body" in doc)
        assert entry.published_parsed == time.gmtime(midnight(doc["date"]).timestamp())
        assert entry.updated_parsed == time.gmtime(midnight(doc.get("modified") or doc["date"]).timestamp())
    rss = feed(site, "feeds/all.rss.xml")
    assert {e.language for e in rss.entries} == set(LANGUAGES)
    english = feed(site, "feeds/en/all.atom.xml").entries
    policy = next(e for e in english if e.title == "E-participation policy")
    assert [(t.term, t.label) for t in policy.tags][:2] == [("policy", "Policy"), ("participation", "Participation")]
    assert policy.author == "Digital Transformation Office"


def test_no_feed_contains_a_date_that_is_not_a_documents_own(site):
    """Published, updated and feed dates are days documents give (or a consultation's opening day):
    the time of the build never appears."""
    docs = sources()
    changes = {time.gmtime(midnight(d[key]).timestamp()) for d in docs for key in ("date", "modified") if key in d}
    openings = {time.gmtime(midnight(d["consultation"].get("opens") or d["date"]).timestamp())
                for d in docs if d["type"] == "draft"}
    allowed = changes | openings
    latest = max(changes)  # an empty feed is dated by the site's latest change
    for path in feed_files(site):
        if path.endswith(".rss.xml"):
            continue
        parsed = feed(site, path)
        stamps = [s for e in parsed.entries for s in (e.published_parsed, e.updated_parsed)]
        assert set(stamps) <= allowed, path
        assert parsed.feed.updated_parsed == max((e.updated_parsed for e in parsed.entries), default=latest), path
        # RSS items have a publication date only; the channel's lastBuildDate is the Atom feed's <updated>.
        rss = feed(site, path.removesuffix(".atom.xml") + ".rss.xml")
        assert {e.published_parsed for e in rss.entries} <= allowed, path
        assert rss.feed.updated_parsed == parsed.feed.updated_parsed, path


def test_consultations_feed_has_an_entry_when_each_consultation_opens(site):
    parsed = feed(site, "feeds/en/consultations.atom.xml")
    assert [e.id.rsplit(":", 1)[1] for e in parsed.entries] == [
        "en/e-participation-guideline/consultation-opens",
        "en/social-media-guide/consultation-opens",
        "en/public-consultation-concept-document/consultation-opens",
    ]  # it-project-standards opens in 2027: no entry yet
    first = parsed.entries[0]
    assert first.title == "Consultation opens: Draft e-participation guideline for public bodies"
    assert first.published_parsed == time.gmtime(midnight("2026-11-02").timestamp())
    closes = dt.datetime(2026, 12, 15, 23, 59, 59, tzinfo=TZ)
    assert re.search(rf"Comments are accepted until {deadline_pattern(closes, 'en', 'Istanbul time')}\.$",
                     first.summary), first.summary


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The minimal site, then the same with one document's title and URL (its `slug`) changed."""
    root = tmp_path_factory.mktemp("edited")
    original = root / "original"
    shutil.copytree(SITES / "minimal", original)
    changed = root / "changed"
    shutil.copytree(SITES / "minimal", changed)
    outcome = changed / "en" / "parking-outcome.md"
    outcome.write_text(outcome.read_text("utf-8").replace(
        "title: What we heard about the parking rules", "title: The responses to the parking rules and our decisions\n"
        "slug: parking-rules-responses"), encoding="utf-8")
    return build_with_feeds(original, root / "out-original"), build_with_feeds(changed, root / "out-changed")


def test_entry_ids_survive_title_and_url_edits(edited):
    before, after = edited

    def outcome_entry(site):
        return next(e for e in feed(site, "feeds/en/all.atom.xml").entries if "parking-rules-responses" in e.link
                    or "parking-outcome" in e.link)

    old, new = outcome_entry(before), outcome_entry(after)
    assert old.title != new.title and old.link != new.link
    assert new.link == "../../en/parking-rules-responses/"
    assert old.id == new.id == "tag:konsulta.invalid,2026-12-20:en/parking-outcome"
    # The draft's own feed follows the outcome under its new address, with the same id.
    followed = feed(after, "en/parking-rules/feed.atom.xml").entries
    assert any(e.id == old.id and e.title == "The responses to the parking rules and our decisions" for e in followed)
    assert (after / "en" / "parking-rules-responses" / "feed.atom.xml").is_file()


def test_two_builds_of_the_same_content_write_identical_feeds(edited, tmp_path):
    before, _ = edited
    again = build_with_feeds(SITES / "minimal", tmp_path / "again")
    files = feed_files(before)
    assert files == feed_files(again) and files
    for path in files:
        assert (before / path).read_bytes() == (again / path).read_bytes(), path


def test_every_page_links_its_feeds_most_specific_first(site):
    from konsulta.browser import pages_of

    pages = pages_of(site)  # not the addresses that only lead on to a page
    for path in pages:
        links = BeautifulSoup((site / path).read_text("utf-8"), "html.parser").select('link[rel="alternate"][type]')
        assert links, path
        for link in links:
            assert link["type"] in ("application/atom+xml", "application/rss+xml") and link.get("title")
            assert not link.has_attr("hreflang")  # hreflang alternates are the page's translations
            assert target(site, path, link["href"]).is_file(), f"{path}: {link['href']}"

    def first_feed(path):
        return BeautifulSoup((site / path).read_text("utf-8"), "html.parser").select_one(
            'link[type="application/atom+xml"]')["href"]

    assert first_feed("en/e-participation-guideline/index.html") == "../../en/e-participation-guideline/feed.atom.xml"
    assert first_feed("en/type/policy/index.html") == "../../../feeds/en/type/policy.atom.xml"
    assert first_feed("tr/topic/katilim/index.html") == "../../../feeds/tr/topic/katilim.atom.xml"
    assert first_feed("en/issued-by/it-coordination-board/index.html") == "../../../feeds/en/issued-by/it-coordination-board.atom.xml"
    assert first_feed("en/consultations/open/index.html") == "../../../feeds/en/consultations.atom.xml"
    assert first_feed("en/index.html") == "../feeds/en/all.atom.xml"
    assert first_feed("index.html") == "./feeds/all.atom.xml"


def test_subscribe_page_lists_every_feed_of_its_language(site):
    files = set(feed_files(site))
    for lang in LANGUAGES:
        page = f"{lang}/subscribe/index.html"
        soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
        listed = {target(site, page, a["href"]).relative_to(site).as_posix() for a in soup.select("main a[type]")
                  if a["type"] in ("application/atom+xml", "application/rss+xml")}
        expected = {f for f in files if f.startswith((f"feeds/{lang}/", f"{lang}/", "feeds/all."))}
        assert listed == expected, lang
        assert soup.h1.get_text() and soup.select_one(f'footer a[href="../../{lang}/subscribe/"][aria-current="page"]')


def test_feeds_name_same_origin_style_sheets_for_browsers(site):
    for path in feed_files(site):
        head = (site / path).read_text("utf-8").split("\n", 3)[:3]
        assert head[1] == f'<?xml-stylesheet type="text/xsl" href="{"../" * path.count("/")}theme/feeds/feed.xsl"?>'
        assert head[2] == f'<?xml-stylesheet type="text/css" href="{"../" * path.count("/")}theme/feeds/feed.css"?>'
    assert (site / "theme" / "feeds" / "feed.xsl").is_file() and (site / "theme" / "feeds" / "feed.css").is_file()


@pytest.mark.browser
def test_a_feed_opened_in_a_browser_is_a_readable_accessible_page(site):
    from axe_playwright_python.sync_playwright import Axe
    from browser import chromium, serve
    from test_accessibility import WCAG_TAGS

    with serve(site) as base_url, chromium() as browser:
        context = browser.new_context()
        foreign = []
        context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base_url) else None)
        page = context.new_page()
        for path in ("feeds/en/all.atom.xml", "feeds/tr/all.rss.xml", "en/public-consultation-concept-document/feed.atom.xml"):
            parsed = feed(site, path)
            page.goto(f"{base_url}/{path}")
            assert page.locator("h1").inner_text() == parsed.feed.title
            assert page.locator("html").get_attribute("lang") == parsed.feed.language or path.startswith("feeds/en")
            assert page.locator("main li.document-list__item").count() == len(parsed.entries)
            assert page.locator("main li.document-list__item h2 a").first.inner_text() == parsed.entries[0].title
            # Chromium announces its own removal of XSLT in a banner of its own making: not the page's content.
            results = Axe().run(page, context={"exclude": [["xslt-warning-banner"]]},
                                options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            assert results.response["violations"] == [], path
        context.close()
    assert foreign == []
