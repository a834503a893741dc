"""Outcome pages: counts by decision and by submitter, the chart that draws them, and the responses as
CSV and JSON beside the page. Every expectation is worked out from the source files, not from the plugin.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DEMO, ROOT, SITES, build, copy_site
from pelican.settings import read_settings

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
CONTENTS = {"minimal": SITES / "minimal", "demo": DEMO}
COLUMNS = ["section", "submitter", "summary", "decision", "reason", "response_id"]
DECISIONS = ["accepted", "partially-accepted", "rejected", "noted"]
CATEGORIES = list(SETTINGS["KONSULTA"]["submitter_categories"])
ENGLISH = {"accepted": "Accepted", "partially-accepted": "Partially accepted", "rejected": "Rejected", "noted": "Noted",
           "citizen": "Citizen", "ngo": "Civil society organisation", "business": "Business",
           "public-body": "Public body", "academia": "Academia"}
BOM = b"\xef\xbb\xbf"


def plugins_with_outcomes() -> list[str]:
    """The project's plugins plus konsulta_outcomes, whether or not pelicanconf.py lists it yet."""
    plugins = list(SETTINGS["PLUGINS"])
    return plugins if "konsulta_outcomes" in plugins else plugins + ["konsulta_outcomes"]


def source_outcomes(content: Path) -> dict[tuple[str, str], dict]:
    """(lang, slug) -> front matter with 'responses' replaced by the rows as written, read with yaml and csv."""
    found = {}
    for path in sorted(content.rglob("*.md")):
        front = path.read_text("utf-8-sig").split("---\n", 2)[1]
        data = yaml.safe_load(front) or {}
        if data.get("type") != "outcome":
            continue
        rows = data["responses"]
        if isinstance(rows, str):
            source = path.parent / rows
            with open(source, encoding="utf-8-sig", newline="") as file:
                rows = list(csv.DictReader(file)) if source.suffix == ".csv" else yaml.safe_load(file)
        data["responses"] = [{column: (row.get(column) or "").strip() for column in COLUMNS} for row in rows]
        found[(data.get("lang") or path.relative_to(content).parts[0], data.get("slug") or path.stem)] = data
    return found


SOURCES = {name: source_outcomes(content) for name, content in CONTENTS.items()}
OUTCOMES = [pytest.param(name, lang, slug, id=f"{name}:{lang}/{slug}")
            for name, outcomes in SOURCES.items() for lang, slug in outcomes]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    return {name: build(content, tmp_path_factory.mktemp(name) / "output", PLUGINS=plugins_with_outcomes())
            for name, content in CONTENTS.items()}


def page_of(site: Path, lang: str, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / lang / slug / "index.html").read_text("utf-8"), "html.parser")


def summary_tables(page) -> dict[str, object]:
    tables = page.select(".outcome-summary table")
    assert len(tables) == 2, "one table by decision, one by submitter category"
    return dict(zip(("decision", "submitter"), tables))


def test_both_fixture_sites_have_outcomes():
    assert ("en", "parking-outcome") in SOURCES["minimal"]
    assert any(len(outcome["responses"]) > 2 for outcome in SOURCES["demo"].values())


@pytest.mark.parametrize("name, lang, slug", OUTCOMES)
def test_tables_count_responses_as_the_source_does(sites, name, lang, slug):
    responses = SOURCES[name][(lang, slug)]["responses"]
    expected = {"decision": (DECISIONS, Counter(r["decision"] for r in responses)),
                "submitter": (CATEGORIES, Counter(r["submitter"] for r in responses))}
    for kind, table in summary_tables(page_of(sites[name], lang, slug)).items():
        assert table.caption.get_text(strip=True)
        assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
        rows = table.select("tbody tr")
        assert all(row.th["scope"] == "row" for row in rows)
        keys, counts = expected[kind]
        assert [int(row.td.get_text(strip=True)) for row in rows] == [counts[key] for key in keys], kind
        if lang == "en":
            assert [row.th.get_text(strip=True) for row in rows] == [ENGLISH[key] for key in keys]
        assert table.select_one("tfoot th")["scope"] == "row"
        assert int(table.select_one("tfoot td").get_text(strip=True)) == len(responses)


@pytest.mark.parametrize("name, lang, slug", OUTCOMES)
def test_charts_draw_the_tables_with_a_text_alternative(sites, name, lang, slug):
    page = page_of(sites[name], lang, slug)
    charts = page.select(".outcome-summary svg")
    assert len(charts) == 2
    for (kind, table), chart in zip(summary_tables(page).items(), charts):
        assert chart["role"] == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        title, desc = chart.find(id=title_id), chart.find(id=desc_id)
        assert title.name == "title" and title.get_text() == table.caption.get_text(strip=True)
        labels = [row.th.get_text(strip=True) for row in table.select("tbody tr")]
        counts = [int(row.td.get_text(strip=True)) for row in table.select("tbody tr")]
        assert desc.name == "desc"
        for label, count in zip(labels, counts):
            assert f"{label}: {count}" in desc.get_text(), (kind, desc.get_text())
        # One label and one count per table row; a bar for each category that has responses.
        assert [t.get_text() for t in chart.select("text.outcome-chart__label")] == labels
        assert [int(t.get_text()) for t in chart.select("text.outcome-chart__count")] == counts
        bars = chart.select("rect")
        assert len(bars) == sum(1 for count in counts if count)
        widths = [float(bar["width"].removesuffix("%")) for bar in bars]
        drawn = [count for count in counts if count]
        assert all(abs(w / max(widths) - c / max(drawn)) < 0.01 for w, c in zip(widths, drawn))
        assert max(widths) <= 85, "room is left for the count after the longest bar"
        # Nothing to fetch and nothing to run.
        assert not chart.select("script, image, use, a, foreignObject")
        assert not any(attribute.endswith("href") for element in chart.find_all(True) for attribute in element.attrs)


def _read_csv(data: bytes) -> list[dict]:
    assert not data.startswith(BOM)
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    rows = list(reader)
    assert reader.fieldnames == COLUMNS
    return rows


@pytest.mark.parametrize("name, lang, slug", OUTCOMES)
def test_csv_and_json_equal_the_source_row_for_row(sites, name, lang, slug):
    source = SOURCES[name][(lang, slug)]
    folder = sites[name] / lang / slug
    assert _read_csv((folder / "responses.csv").read_bytes()) == source["responses"]
    data = json.loads((folder / "responses.json").read_bytes().decode("utf-8"))
    assert data == {"slug": slug, "lang": lang, "title": source["title"], "responds_to": source["responds_to"],
                    "responses": source["responses"]}


@pytest.mark.parametrize("name, lang, slug", OUTCOMES)
def test_page_links_both_files_with_format_and_size(sites, name, lang, slug):
    from konsulta_i18n.formatting import file_size

    folder = sites[name] / lang / slug
    links = page_of(sites[name], lang, slug).select(".outcome-summary__downloads li")
    found = {}
    for item in links:
        target = (folder / item.a["href"]).resolve()
        assert target.parent == folder.resolve(), item.a["href"]
        fmt = target.suffix.lstrip(".").upper()
        assert item.select_one(".attachments__info").get_text() == f"({fmt}, {file_size(target.stat().st_size, lang)})"
        assert item.a.get_text(strip=True)
        found[target.name] = item.a["type"]
    assert found == {"responses.csv": "text/csv", "responses.json": "application/json"}


def test_exports_are_utf8_text_as_written_by_the_csv_and_json_modules(sites):
    """Byte-level format, so spreadsheet users and diff tools see the same file every time."""
    data = (sites["minimal"] / "en" / "parking-outcome" / "responses.csv").read_bytes()
    assert data.startswith(b"section,submitter,summary,decision,reason,response_id\r\n") and data.endswith(b"\r\n")
    assert data.count(b"\r\n") == 1 + len(SOURCES["minimal"][("en", "parking-outcome")]["responses"])
    text = (sites["minimal"] / "en" / "parking-outcome" / "responses.json").read_text("utf-8")
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    for outcome in [p for site in sites.values() for p in site.rglob("responses.*")]:
        raw = outcome.read_bytes()
        raw.decode("utf-8")  # strict: fails on anything but UTF-8
        assert not raw.startswith(BOM)


def test_two_builds_write_identical_exports(tmp_path):
    for name, content in CONTENTS.items():
        first = build(content, tmp_path / name / "one", PLUGINS=plugins_with_outcomes())
        second = build(content, tmp_path / name / "two", PLUGINS=plugins_with_outcomes())
        files = sorted(p.relative_to(first) for p in first.rglob("responses.*"))
        assert len(files) == 2 * len(SOURCES[name])
        assert sorted(p.relative_to(second) for p in second.rglob("responses.*")) == files
        for path in files:
            assert (first / path).read_bytes() == (second / path).read_bytes(), path


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_luminance(hex_colour) + 0.05)


def test_chart_colours_contrast_with_the_white_page():
    """Chart text at 4.5:1 (WCAG 1.4.3) and bars at 3:1 (1.4.11); one bar colour per decision."""
    css = (ROOT / "theme" / "static" / "css" / "konsulta.css").read_text("utf-8")
    variables = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", re.search(r":root\s*\{([^}]*)\}", css).group(1)))
    block = css[css.index("/* outcome summary */"):]
    rules = re.findall(r"([^{}]+)\{[^{}]*?\bfill:\s*var\(--([\w-]+)\)", block)
    assert rules
    rules = [(re.sub(r"/\*.*?\*/", "", selector, flags=re.S).strip(), variable) for selector, variable in rules]
    for selector, variable in rules:
        needed = 3 if "__bar" in selector else 4.5
        assert contrast_with_white(variables[variable]) >= needed, (selector, variables[variable])
    bar_rules = {selector for selector, _ in rules}
    for decision in DECISIONS:
        assert any(s.endswith(f".outcome-chart__bar--{decision}") for s in bar_rules), decision


def test_outcome_without_responses_publishes_empty_files_and_no_chart(tmp_path):
    content = copy_site("minimal", tmp_path / "content")
    outcome = content / "en" / "parking-outcome.md"
    text = outcome.read_text("utf-8")
    outcome.write_text(text[:text.index("responses:")] + "responses: []\n---\nNo responses.\n", encoding="utf-8")
    site = build(content, tmp_path / "output", PLUGINS=plugins_with_outcomes())
    page = page_of(site, "en", "parking-outcome")
    assert page.select(".outcome-summary table, .outcome-summary svg") == []
    assert len(page.select(".outcome-summary__downloads a")) == 2
    assert _read_csv((site / "en" / "parking-outcome" / "responses.csv").read_bytes()) == []
    assert json.loads((site / "en" / "parking-outcome" / "responses.json").read_text("utf-8"))["responses"] == []
