"""A page in one language names what exists only in others: open consultations, listings by status, type
and body, home pages; names written in another language are marked with it; the 404 page and the root
page serve every language (issue: "other languages vanish")."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import DEMO
from konsulta_content.frontmatter import parse


def page(site, path):
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def demo_documents() -> dict[tuple[str, str], dict]:
    """(lang, slug) -> front matter of every demo document."""
    found = {}
    for path in DEMO.glob("*/*.md"):
        fields = parse(path.read_text("utf-8")).data
        found[(path.parent.name, fields.get("slug", path.stem))] = fields
    return found


def open_drafts_only_elsewhere(site, lang) -> set[str]:
    """Slugs of open drafts with no version in ``lang``, read from the built pages of each language."""
    slugs = {}
    for other in ("tr", "ro", "sq", "sr", "en"):
        for link in page(site, f"{other}/consultations/open/index.html").select(".document-list__title a"):
            slugs.setdefault(link["href"].rstrip("/").rsplit("/", 1)[-1], set()).add(other)
    return {slug for slug, languages in slugs.items() if lang not in languages}


def test_an_albanian_page_names_the_consultations_open_only_in_other_languages(demo_site):
    expected = open_drafts_only_elsewhere(demo_site, "sq")
    assert expected, "the demo has a draft open in other languages than Albanian"
    for path in ("sq/consultations/index.html", "sq/consultations/open/index.html", "sq/index.html"):
        block = page(demo_site, path).select_one(".other-languages")
        assert block is not None, path
        links = block.select("a")
        assert {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in links} == expected, path
        for link in links:
            assert link["lang"] == link["hreflang"] != "sq"
            assert (demo_site / path).parent.joinpath(link["href"], "index.html").resolve().is_file(), link["href"]
        assert "Të hapura edhe në gjuhë të tjera" in block.get_text()


def test_a_document_in_every_language_is_not_named_as_elsewhere(demo_site):
    # The English home page: every open draft the demo has in English is listed as English, not again.
    english = page(demo_site, "en/index.html")
    listed = {a["href"] for a in english.select("#consultations-heading ~ ul .document-list__title a")}
    elsewhere = english.select_one(".other-languages")
    if elsewhere is not None:
        names = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in elsewhere.select("a")}
        assert not names & {href.rstrip("/").rsplit("/", 1)[-1] for href in listed}


def test_a_type_listing_names_the_documents_of_that_type_only_in_other_languages(demo_site):
    documents = demo_documents()
    named_somewhere = 0
    for lang in ("sq", "ro", "sr"):
        for doc_type in ("policy", "strategy", "project", "outcome"):
            mine = {slug for (language, slug), fields in documents.items() if language == lang and fields["type"] == doc_type}
            theirs = {slug for (language, slug), fields in documents.items()
                      if language != lang and fields["type"] == doc_type} - mine
            listing = demo_site / lang / "type" / doc_type / "index.html"
            if not listing.exists():
                continue
            block = page(demo_site, f"{lang}/type/{doc_type}/index.html").select_one(".other-languages")
            named = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in block.select("a")} if block else set()
            assert named == theirs, (lang, doc_type)
            named_somewhere += len(named)
    assert named_somewhere > 0  # the demo has documents that some language lacks


def test_the_root_page_marks_no_language_as_current(demo_site):
    root = page(demo_site, "index.html")
    assert root.select("nav.language-switcher [aria-current]") == []
    assert len(root.select("nav.language-switcher a")) == 5
    # A page of one language still marks its own.
    assert page(demo_site, "en/index.html").select_one("nav.language-switcher [aria-current]").get_text() == "English"


def test_every_language_has_its_404_page_and_the_site_wide_one_speaks_them_all(demo_site):
    for lang, heading in (("tr", "Sayfa bulunamadı"), ("sq", "Faqja nuk u gjet"), ("en", "Page not found")):
        own = page(demo_site, f"{lang}/404.html")
        assert own.html["lang"] == lang and own.h1.get_text() == heading
    site_wide = page(demo_site, "404.html")
    sections = site_wide.select("section.not-found-other")
    assert sorted(s["lang"] for s in sections) == sorted({"tr", "ro", "sq", "sr", "en"} - {site_wide.html["lang"]})
    for section in sections:
        assert section.h2.get_text() and section.a["hreflang"] == section["lang"]
