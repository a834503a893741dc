"""The demo fixture (tests/sites/demo) the engine tests rely on: every document type, five languages, drafts in
each state, a full outcome."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

LANGUAGES = ("tr", "ro", "sq", "sr", "en")
# The languages the demo's documents are translated into throughout; Serbian, the fifth, has three.
TRANSLATED_THROUGHOUT = ("tr", "ro", "sq", "en")
TYPES = ("policy", "strategy", "draft", "outcome", "project", "body", "page", "news")
# The day the demo content was written for; the consultation lifecycle freezes "now" the same way.
DEMO_TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def documents(demo_site):
    """(lang, slug) -> parsed page, for every document page of the demo build."""
    found = {}
    for page in demo_site.glob("*/*/index.html"):
        lang, slug = page.parent.parent.name, page.parent.name
        html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        if html.select_one("article.document"):
            found[(lang, slug)] = html
    return found


def doc_type(page) -> str:
    return next(c.removeprefix("document--") for c in page.select_one("article.document")["class"] if c.startswith("document--"))


def test_every_document_type_is_present(documents):
    assert {doc_type(page) for page in documents.values()} >= set(TYPES)


def test_some_document_exists_in_all_four_languages(documents):
    languages_of = defaultdict(set)
    for lang, slug in documents:
        languages_of[slug].add(lang)
    assert any(langs >= set(TRANSLATED_THROUGHOUT) for langs in languages_of.values())


def test_each_language_has_documents(documents):
    assert {lang for lang, _ in documents} == set(LANGUAGES)


def _consultation_dates(page):
    times = {div.dt.get_text(): div.dd.time["datetime"] for div in page.select(".consultation dl.facts > div")
             if div.dd.time is not None}
    return (dt.datetime.fromisoformat(times["Opening date"]).date() if "Opening date" in times else None,
            dt.datetime.fromisoformat(times["Closing date"]).date())


def test_drafts_cover_upcoming_open_and_closed(documents):
    states = set()
    for (lang, _), page in documents.items():
        if lang == "en" and doc_type(page) == "draft":
            opens, closes = _consultation_dates(page)
            states.add("upcoming" if opens and opens > DEMO_TODAY else "closed" if closes < DEMO_TODAY else "open")
    assert states == {"upcoming", "open", "closed"}


def test_an_outcome_has_at_least_twelve_responses_with_reasons(documents):
    outcomes = [page for page in documents.values() if doc_type(page) == "outcome"]
    assert outcomes
    largest = max(outcomes, key=lambda page: len(page.select(".responses tbody tr")))
    rows = largest.select(".responses tbody tr")
    assert len(rows) >= 12
    decisions = {row.select("td")[4].get_text(strip=True) for row in rows}
    assert len(decisions) >= 3
    assert all(row.select("td")[5].get_text(strip=True) for row in rows)


def test_outcome_and_draft_link_each_other(documents):
    for (lang, slug), page in documents.items():
        if doc_type(page) == "outcome":
            draft_link = page.select_one(".facts a[href*='/']")
            assert draft_link is not None
    drafts_with_outcome = [p for p in documents.values()
                           if doc_type(p) == "draft" and p.select_one(".consultation a")]
    assert drafts_with_outcome


def test_project_sheet_shows_contract_funding_and_budget(documents):
    projects = [page for (lang, _), page in documents.items() if doc_type(page) == "project" and lang == "en"]
    assert projects
    facts = {div.dt.get_text(): div.dd.get_text(strip=True) for div in projects[0].select(".project dl.facts > div")}
    assert {"Contract number", "Funding", "Budget", "Location", "Promoter"} <= set(facts)
    assert "€" in facts["Budget"]


def test_body_pages_list_what_the_body_issued(documents):
    bodies = [page for (lang, _), page in documents.items() if doc_type(page) == "body" and lang == "en"]
    assert any(page.select(".document-list__item") for page in bodies)


def test_attachments_exist_in_the_output(demo_site, documents):
    links = [a["href"] for page in documents.values() for a in page.select(".attachments a")]
    assert links
    for (lang, slug), page in documents.items():
        for link in page.select(".attachments a"):
            assert (demo_site / lang / slug / link["href"]).resolve().is_file(), link["href"]
