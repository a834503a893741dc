"""A small fixture site built with the project's settings, checked page by page with BeautifulSoup."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITES, build, deadline_pattern
from pelican.settings import read_settings


def soup(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_standard_pelican_command_builds_another_content_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(SITES / "minimal"), "-s", "pelicanconf.py", "-o", str(tmp_path / "out"),
         "--fatal", "errors"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "en" / "parking-rules" / "index.html").is_file()
    assert (tmp_path / "out" / "tr" / "city-council" / "index.html").is_file()


def test_translations_without_the_default_language_build_without_warnings(tmp_path):
    """A document in Turkish and Romanian only (no English): Pelican's own translation grouping warned
    "There are 2 original (not translated) items" for each; Konsulta groups translations itself."""
    import shutil

    content = shutil.copytree(SITES / "minimal", tmp_path / "content")
    (content / "ro").mkdir()
    (content / "ro" / "about.md").write_text(
        "---\ntitle: Despre\ntype: page\ndate: 2025-01-10\nsummary: Despre acest site.\n---\nText.\n", "utf-8")
    # The site has a comment form: without a privacy notice it would be warned (test_notices.py).
    (content / "en" / "privacy-notice.md").write_text(
        "---\ntitle: Privacy\ntype: page\nnotice: privacy\ndate: 2025-01-10\nsummary: Comments.\n---\nText.\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(tmp_path / "out"),
         "--fatal", "warnings"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "ro" / "about" / "index.html").read_text("utf-8")
    assert 'hreflang="tr"' in page and "../../tr/about/" in page


def test_every_page_declares_its_language(minimal_site):
    for page in minimal_site.rglob("*.html"):
        lang = BeautifulSoup(page.read_text("utf-8"), "html.parser").html["lang"]
        parts = page.relative_to(minimal_site).parts
        first = parts[1] if parts[0] == "feeds" and len(parts) > 2 else parts[0]  # a feed's page: feeds/<lang>/…
        assert lang == (first if first in ("tr", "ro", "sq", "sr", "en") else "en"), page


def test_translations_link_each_other_both_ways(minimal_site):
    english, turkish = soup(minimal_site, "en/city-council/index.html"), soup(minimal_site, "tr/city-council/index.html")
    for page in (english, turkish):
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert alternates == {"tr": "../../tr/city-council/", "en": "../../en/city-council/", "x-default": "../../en/city-council/"}
    switcher = turkish.select_one("nav.language-switcher")
    assert [a["hreflang"] for a in switcher.select("a")] == ["en"]
    assert switcher.select_one("[aria-current]").get_text() == "Türkçe"


def test_language_switcher_offers_only_languages_the_page_exists_in(minimal_site):
    draft = soup(minimal_site, "en/parking-rules/index.html")
    assert draft.select_one("nav.language-switcher") is None  # English only
    home = soup(minimal_site, "en/index.html")
    assert sorted(a["hreflang"] for a in home.select("nav.language-switcher a")) == ["ro", "sq", "sr", "tr"]


def test_document_page_shows_its_facts(minimal_site):
    page = soup(minimal_site, "en/parking-rules/index.html")
    assert page.h1.get_text() == "Draft parking rules"
    facts = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in
             ((div.dt, div.dd) for div in page.select("dl.facts > div"))}
    assert facts["Issued by"] == "City Council"
    closes = datetime(2026, 12, 15, 23, 59, 59, tzinfo=ZoneInfo("Europe/Istanbul"))
    assert facts["Closing date"] == "December 15, 2026"
    closing = next(div.dd for div in page.select("dl.facts > div") if div.dt.get_text() == "Closing date")
    assert closing.time["datetime"] == "2026-12-15T23:59:59+03:00"
    # The deadline, with its time and zone, is said once: in the notice.
    notice = page.select_one("[data-consultation-notice]").get_text(" ", strip=True)
    assert re.search(deadline_pattern(closes, "en", "Istanbul time"), notice), notice
    assert page.body.get_text().count("23:59") == 1
    assert facts["Topics"] == "Transport Old town"
    assert [a["href"] for a in page.select("nav.contents a")] == ["#scope", "#fees"]
    assert page.select_one("#scope").name == "h2"


def test_a_sites_own_zone_label_names_the_zone_and_the_iana_id_stays_in_attributes(tmp_path):
    output = build(SITES / "minimal", tmp_path / "output",
                   KONSULTA={**read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"],
                             "zone_labels": {"en": "Pristina time"}})
    page = soup(output, "en/parking-rules/index.html")
    closes = datetime(2026, 12, 15, 23, 59, 59, tzinfo=ZoneInfo("Europe/Istanbul"))
    notice = page.select_one("[data-consultation-notice]").get_text(" ", strip=True)
    assert re.search(deadline_pattern(closes, "en", "Pristina time"), notice), notice
    assert "Europe/Istanbul" not in page.get_text() and "Istanbul" not in page.body.get_text()


def test_attachments_show_format_and_size_and_are_copied(minimal_site):
    item = soup(minimal_site, "en/parking-rules/index.html").select_one(".attachments li")
    assert item.a["href"] == "../../files/files/parking-map.txt"  # published under files/, apart from pages
    size = (SITES / "minimal" / "files" / "parking-map.txt").stat().st_size
    assert item.select_one(".attachments__info").get_text() == f"(TXT, {size} bytes)"
    assert (minimal_site / "files" / "files" / "parking-map.txt").read_bytes() == (SITES / "minimal/files/parking-map.txt").read_bytes()


def test_outcome_lists_every_response_with_reason_and_links_the_draft(minimal_site, tmp_path, monkeypatch):
    page = soup(minimal_site, "en/parking-outcome/index.html")
    rows = page.select(".responses tbody tr")
    assert [[td.get_text(strip=True) for td in row.select("td")] for row in rows] == [
        ["1", "Fees", "Citizen", "Lower the fee for residents over 65.", "Accepted", "The council agreed that a reduced fee is fair."],
        ["2", "General", "Business", "Allow deliveries before 10:00.", "Rejected", "Early deliveries block the narrow streets."],
    ]
    assert page.find("a", href="../../en/parking-rules/") is not None
    # The draft links its outcome once the outcome is published (dated 2026-12-20).
    assert soup(minimal_site, "en/parking-rules/index.html").find("a", href="../../en/parking-outcome/") is None
    monkeypatch.setenv("KONSULTA_NOW", "2026-12-21T09:00:00")
    later = build(SITES / "minimal", tmp_path / "later")
    assert soup(later, "en/parking-rules/index.html").find("a", href="../../en/parking-outcome/") is not None


def test_listings_by_type_topic_and_body(minimal_site):
    drafts = soup(minimal_site, "en/consultations/index.html")
    assert [a.get_text() for a in drafts.select(".document-list__title a")] == ["Draft parking rules"]
    # One list of drafts, the consultations page: the drafts' type address leads there, and so do links.
    moved = soup(minimal_site, "en/type/draft/index.html")
    assert moved.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../../en/consultations/"
    assert moved.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    draft = soup(minimal_site, "en/parking-rules/index.html")
    assert draft.select_one("nav.breadcrumbs").find("a", href="../../en/consultations/") is not None
    assert draft.find("a", href=re.compile(r"type/draft/")) is None
    topic = soup(minimal_site, "en/topic/old-town/index.html")
    assert topic.h1.get_text() == "Topic: Old town"
    body = soup(minimal_site, "en/issued-by/city-council/index.html")
    assert sorted(a.get_text() for a in body.select(".document-list__title a")) == [
        "Draft parking rules", "What we heard about the parking rules"]
    empty = soup(minimal_site, "ro/type/policy/index.html")
    assert empty.select_one(".empty") is not None and empty.html["lang"] == "ro"


def test_dates_are_written_in_the_page_language(minimal_site):
    turkish = soup(minimal_site, "tr/city-council/index.html")
    assert turkish.find("time", datetime="2025-01-10").get_text() == "10 Ocak 2025"


def test_root_page_offers_every_language(minimal_site):
    root = soup(minimal_site, "index.html")
    assert [a["hreflang"] for a in root.select(".language-choice a")] == ["tr", "ro", "sq", "sr", "en"]


def test_404_page_exists(minimal_site):
    assert soup(minimal_site, "404.html").h1 is not None


def test_two_builds_give_identical_output(tmp_path):
    first = build(SITES / "minimal", tmp_path / "one")
    second = build(SITES / "minimal", tmp_path / "two")
    differences = []

    def compare(comparison, prefix=""):
        differences.extend(prefix + name for name in comparison.diff_files + comparison.left_only + comparison.right_only)
        for name, sub in comparison.subdirs.items():
            compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(first, second))
    assert differences == []
    assert len(list(first.rglob("*.html"))) > 40


@pytest.mark.parametrize("lang", ["tr", "ro", "sq", "sr", "en"])
def test_home_page_per_language(minimal_site, lang):
    page = soup(minimal_site, f"{lang}/index.html")
    assert page.html["lang"] == lang
    assert page.select_one("main#main h1") is not None
    assert page.select_one('a.skip-link[href="#main"]') is not None


def test_front_matter_text_is_escaped_in_every_page(tmp_path):
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "en" / "hostile.md").write_text(
        '---\ntitle: "<script>alert(1)</script> & co"\ntype: news\ndate: 2026-01-01\n'
        'summary: "An ampersand & a quote \\" here"\nreference: "<b onmouseover=x>1</b>"\n---\nBody <em>kept</em>.\n',
        encoding="utf-8")
    site = build(content, tmp_path / "output")
    for page in ("en/hostile/index.html", "en/index.html", "en/type/news/index.html"):
        html = (site / page).read_text("utf-8")
        assert "<script>alert" not in html and "<b onmouseover" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html, page
    document = (site / "en/hostile/index.html").read_text("utf-8")
    assert "Body <em>kept</em>." in document
    assert "An ampersand &amp; a quote &#34; here" in document
