"""Open data: documents.json validates against its published schema and matches documents.csv, every
address in them leads somewhere, outcomes link their responses; sitemap.xml lists every page with its
translations; robots.txt; schema.org JSON-LD on document pages; the Open data page lists the files."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITES
from pelican.settings import read_settings
from test_feeds import DEMO, LANGUAGES, build_with_feeds, feed, sources

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def theme_with_json_ld(folder):
    """Template overrides that include the JSON-LD component in document pages, until document.html
    does so itself (then there is nothing to override)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (ROOT / "theme" / "templates" / "document.html").read_text("utf-8")
    if "components/json-ld.html" not in source:
        (folder / "document.html").write_text(
            source + '\n{% block head %}{% include "components/json-ld.html" %}{% endblock %}\n', encoding="utf-8")
    return [str(folder)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("opendata")
    return build_with_feeds(DEMO, root / "output", THEME_TEMPLATES_OVERRIDES=theme_with_json_ld(root / "templates"))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The minimal site built for deployment, under an absolute SITEURL."""
    root = tmp_path_factory.mktemp("published")
    konsulta = {**read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"], "licence": LICENCE}
    return build_with_feeds(SITES / "minimal", root / "output", SITEURL="https://konsulta.example.org",
                            RELATIVE_URLS=False, THEME_TEMPLATES_OVERRIDES=theme_with_json_ld(root / "templates"),
                            KONSULTA=konsulta)


LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def documents(site) -> list[dict]:
    return json.loads((site / "data" / "documents.json").read_text("utf-8"))["documents"]


def resolves(site, file_path, href) -> bool:
    path = site / posixpath.normpath(posixpath.join(posixpath.dirname(file_path), href))
    return (path / "index.html").is_file() if href.endswith("/") else path.is_file()


def test_documents_json_validates_against_the_published_schema(site):
    schema = json.loads((site / "data" / "documents.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((site / "data" / "documents.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(data)] == []
    # The schema does say no: a record missing a field, or with a field of another type, is refused.
    broken = json.loads(json.dumps(data))
    del broken["documents"][0]["title"]
    broken["documents"][1]["date"] = "15 December 2026"
    broken["documents"][2]["details"] = {"colour": "blue"}
    assert len(list(validator.iter_errors(broken))) == 3


def test_every_document_is_listed_once_per_language_with_working_addresses(site):
    records = documents(site)
    expected = {(d["lang"], d["slug"]): d for d in sources()}
    assert sorted((r["lang"], r["slug"]) for r in records) == sorted(expected)
    for record in records:
        doc = expected[(record["lang"], record["slug"])]
        assert (record["title"], record["type"], record["date"]) == (doc["title"], doc["type"], str(doc["date"]))
        assert record["url"] == f"../{record['lang']}/{record['slug']}/"
        assert record["translations"][record["lang"]] == record["url"]
        assert set(record["translations"]) == {lang for lang, slug in expected if slug == record["slug"]}
        for href in [*record["translations"].values(), *record["feeds"].values(), *(a["url"] for a in record["attachments"])]:
            assert resolves(site, "data/documents.json", href), href
        # The id is the one its entry has in every feed.
        entry_ids = {e.id for e in feed(site, f"feeds/{record['lang']}/all.atom.xml").entries}
        assert record["id"] in entry_ids
    project = next(r for r in records if r["slug"] == "transparency-quality-social-media" and r["lang"] == "en")
    assert project["details"]["funding"] == {"amount": 70684.5, "currency": "EUR"}
    draft = next(r for r in records if r["slug"] == "public-consultation-concept-document" and r["lang"] == "en")
    assert draft["consultation"] == {"opens": "2026-08-03", "closes": "2026-09-14"}
    assert draft["outcome"] == "public-consultation-concept-document-report"


def test_outcomes_link_their_published_responses(site):
    outcomes = [r for r in documents(site) if r["type"] == "outcome"]
    assert outcomes
    for record in outcomes:
        responses = record["responses"]
        for key in ("csv", "json"):
            assert resolves(site, "data/documents.json", responses[key])
        published = json.loads((site / "data" / responses["json"]).resolve().read_text("utf-8"))
        assert responses["count"] == len(published["responses"]) > 0


def test_csv_lists_the_same_documents_as_json(site):
    rows = list(csv.DictReader(io.StringIO((site / "data" / "documents.csv").read_text("utf-8"), newline="")))
    records = documents(site)
    assert [(row["lang"], row["slug"], row["id"]) for row in rows] == [(r["lang"], r["slug"], r["id"]) for r in records]
    for row, record in zip(rows, records):
        assert row["title"] == record["title"] and row["url"] == record["url"]
        assert row["topics"] == "; ".join(record["topics"])
        for lang in LANGUAGES:
            assert row[f"url_{lang}"] == record["translations"].get(lang, "")
    assert (site / "data" / "documents.csv").read_bytes().split(b"\r\n")[0].startswith(b"id,lang,slug,type,title")


def test_sitemap_lists_every_page_with_its_translations(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}
    from konsulta.browser import pages_of

    pages = {path.removesuffix("index.html") or "./" for path in pages_of(site)}  # not addresses that lead on
    assert set(entries) == {page for page in pages if not page.endswith("404.html")}
    # The drafts' list is the consultations page (the drafts' feed keeps its page: feeds/<lang>/type/draft/).
    assert not [loc for loc in entries if re.fullmatch(r"[a-z]{2}/type/draft/", loc)]
    assert "feeds/en/type/draft/" in entries
    policy = entries["en/e-participation-policy/"]
    alternates = {link.get("hreflang"): link.get("href") for link in policy.findall(f"{XHTML}link")}
    translated = [lang for lang in LANGUAGES if (DEMO / lang / "e-participation-policy.md").is_file()]
    assert len(translated) >= 4
    assert alternates == {lang: f"{lang}/e-participation-policy/" for lang in translated} | {"x-default": "en/e-participation-policy/"}
    assert policy.find(f"{SITEMAP}lastmod").text == "2023-02-27"
    assert entries["en/how-to-request-information/"].find(f"{SITEMAP}lastmod").text == "2026-05-18"
    assert {link.get("hreflang") for link in entries["tr/subscribe/"].findall(f"{XHTML}link")} == {*LANGUAGES, "x-default"}
    assert entries["en/it-coordination-board/"].find(f"{XHTML}link") is not None
    robots = (site / "robots.txt").read_text("utf-8")
    assert "User-agent: *" in robots and "\nSitemap:" not in robots  # a Sitemap line needs an absolute address


def test_an_absolute_siteurl_gives_absolute_addresses(published):
    base = "https://konsulta.example.org/"
    locs = [url.find(f"{SITEMAP}loc").text for url in ET.parse(published / "sitemap.xml").getroot()]
    assert locs and all(loc.startswith(base) for loc in locs)
    assert "Sitemap: https://konsulta.example.org/sitemap.xml" in (published / "robots.txt").read_text("utf-8").splitlines()
    record = next(r for r in documents(published) if r["slug"] == "parking-rules")
    assert record["url"] == base + "en/parking-rules/"
    assert record["id"] == "tag:konsulta.example.org,2026-11-01:en/parking-rules"
    schema = json.loads((published / "data" / "documents.schema.json").read_text("utf-8"))
    assert schema["$id"] == base + "data/documents.schema.json"
    entry = feed(published, "feeds/en/all.atom.xml").entries
    assert {e.link for e in entry} >= {base + "en/parking-rules/"}


def json_ld(site, path) -> dict:
    scripts = BeautifulSoup((site / path).read_text("utf-8"), "html.parser").select('script[type="application/ld+json"]')
    assert len(scripts) == 1, path
    return json.loads(scripts[0].string)


def test_document_pages_describe_themselves_in_json_ld(site, published):
    for record in documents(site):
        data = json_ld(site, f"{record['lang']}/{record['slug']}/index.html")
        assert data["@context"] == "https://schema.org" and data["@id"] == record["id"]
        assert (data["name"], data["inLanguage"]) == (record["title"], record["lang"])
        assert data["url"] == f"../../{record['lang']}/{record['slug']}/"
        if record["type"] != "body":
            assert data["datePublished"] == record["date"]
            assert data["dateModified"] == (record["modified"] or record["date"])
    policy = json_ld(site, "tr/e-participation-policy/index.html")
    assert policy["publisher"]["@type"] == "GovernmentOrganization"
    assert {t["inLanguage"] for t in policy["workTranslation"]} == {"ro", "sq", "en"}
    assert json_ld(site, "en/public-consultation-concept-document-report/index.html")["@type"] == "Report"
    board = json_ld(site, "en/it-coordination-board/index.html")
    assert board["@type"] == "GovernmentOrganization" and board["parentOrganization"]["name"] == "Ministry of Interior"
    assert json_ld(published, "en/parking-rules/index.html")["url"] == "https://konsulta.example.org/en/parking-rules/"
    # A data block, never a script that runs: a title with "</script>" in it stays inside the block.
    assert "<" not in (site / "en/e-participation-policy/index.html").read_text("utf-8").split(
        'type="application/ld+json">')[1].split("</script>")[0]


def test_open_data_page_lists_the_files_and_their_schema(site):
    for lang in LANGUAGES:
        page = f"{lang}/open-data/index.html"
        soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("main a")]
        for name in ("data/documents.json", "data/documents.csv", "data/documents.schema.json", "sitemap.xml"):
            assert f"../../{name}" in links, (lang, name)
        assert all(resolves(site, page, href) for href in links), lang
    english = BeautifulSoup((site / "en/open-data/index.html").read_text("utf-8"), "html.parser")
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
            for row in english.select("main tbody tr")}
    assert rows["documents.json"][0] == "JSON" and rows["documents.schema.json"][0] == "JSON Schema"
    assert rows["documents.csv"][1] == f"{round((site / 'data/documents.csv').stat().st_size / 1000, 1)} kB"
    assert english.find("a", href="../../en/public-consultation-concept-document-report/responses.csv") is not None


def test_two_builds_of_the_same_content_write_identical_data(published, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "minimal", content)
    again = build_with_feeds(content, tmp_path / "output", SITEURL="https://konsulta.example.org",
                             RELATIVE_URLS=False, THEME_TEMPLATES_OVERRIDES=theme_with_json_ld(tmp_path / "templates"),
                             KONSULTA={**read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"], "licence": LICENCE})
    for name in ("data/documents.json", "data/documents.csv", "data/documents.schema.json", "sitemap.xml", "robots.txt",
                 "data/documents.csv-metadata.json"):
        assert (published / name).read_bytes() == (again / name).read_bytes(), name


# --- the licence for reuse (KONSULTA['licence'])

def test_a_sites_licence_is_stated_in_its_data_files_feeds_and_open_data_page(published):
    import feedparser

    for name in ("documents", "decisions"):
        data = json.loads((published / "data" / f"{name}.json").read_text("utf-8"))
        assert data["licence"] == LICENCE and list(data)[0] == "licence"  # before the records
        schema = json.loads((published / "data" / f"{name}.schema.json").read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        assert [error.message for error in validator.iter_errors(data)] == []
        assert list(validator.iter_errors({**data, "licence": {"name": "CC BY 4.0"}}))  # the schema says no
        # CSVW: the metadata a CSV cannot hold, where W3C's convention has tools look for it.
        metadata = json.loads((published / "data" / f"{name}.csv-metadata.json").read_text("utf-8"))
        assert metadata["url"] == f"{name}.csv" and metadata["dc:license"] == {"@id": LICENCE["url"]}
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse((published / "feeds" / f"all.{fmt}.xml").read_bytes())
        assert parsed.feed.rights == "CC BY 4.0: https://creativecommons.org/licenses/by/4.0/", fmt
    page = BeautifulSoup((published / "en" / "open-data" / "index.html").read_text("utf-8"), "html.parser")
    link = page.select_one("p.licence a[rel=license]")
    assert link["href"] == LICENCE["url"] and link.get_text() == "CC BY 4.0"


def test_a_site_without_a_licence_says_so_and_claims_none(site):
    assert "licence" not in json.loads((site / "data" / "documents.json").read_text("utf-8"))
    assert not (site / "data" / "documents.csv-metadata.json").exists()
    assert b"<rights>" not in (site / "feeds" / "all.atom.xml").read_bytes()
    page = BeautifulSoup((site / "en" / "open-data" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("p.licence a") is None
    assert "No licence for reuse is stated" in page.select_one("p.licence").get_text()
