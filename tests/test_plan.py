"""The annual consultation plan: pages in every language from content/plans/<year>.yaml, and every
mistake in a plan file reported with its file, line, field and fix."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DEMO, ROOT, SITES, build
from konsulta_content.problems import ContentErrors

OUR_PLUGINS = ["konsulta_calendar", "konsulta_plan"]
LANGUAGES = ("tr", "ro", "sq", "sr", "en")
INVALID = "tests/sites/plan-invalid"

EXPECTED_PROBLEMS = [
    f"{INVALID}/plans/2027.yaml:3: consultations[0].quarter: 5 is not a quarter: write 1, 2, 3 or 4",
    f"{INVALID}/plans/2027.yaml:6: consultations[1].body: no document has the slug 'town-hall': "
    "check the spelling, or add the body it refers to",
    f"{INVALID}/plans/2027.yaml:10: consultations[1].title.de: 'de' is not a site language; use one of: tr, ro, sq, sr, en",
    f"{INVALID}/plans/2027.yaml:11: consultations[1].owner: unknown field: check its spelling or remove it; "
    "fields here are: body, draft, note, quarter, title",
    f"{INVALID}/plans/2027.yaml:12: consultations[2].title: this field is required: add it to the entry "
    "(see docs/consultation-plan.md)",
    f"{INVALID}/plans/2027.yaml:14: consultations[2].draft: 'city-council' is a body, but draft must name a draft",
    f'{INVALID}/plans/2027.yaml:16: consultations[3].quarter: "Q4" is not a quarter: write 1, 2, 3 or 4',
    f'{INVALID}/plans/2027.yaml:17: consultations[3].title: "Street lighting plan" is not text per language: '
    "write one line per language under the field, such as en: Regulation on open data",
    f"{INVALID}/plans/2027.yaml:20: consultations[3].note.en: this field is given twice: keep one",
    f"{INVALID}/plans/2028.yaml:6: the plan is not valid YAML (found unexpected end of stream, while scanning a "
    "quoted scalar that starts on line 5); check quotes, brackets, colons and indentation",
    f"{INVALID}/plans/next-year.yaml:1: the file name 'next-year' is not a year: name the plan after the year "
    "it covers, e.g. 2027.yaml",
]


def plugins() -> list[str]:
    """The project's plugins, plus ours until pelicanconf.py lists them."""
    from pelican.settings import read_settings

    configured = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    return configured + [p for p in OUR_PLUGINS if p not in configured]


def soup(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def plan_source() -> list[dict]:
    return yaml.safe_load((DEMO / "plans" / "2027.yaml").read_text("utf-8"))["consultations"]


def entries(page) -> dict[int, list[tuple[str, list[str]]]]:
    """quarter -> [(body heading, [entry titles])] as the page shows them."""
    found = {}
    for section in page.select("main section"):
        quarter = int(section.h2["id"].removeprefix("quarter-"))
        found[quarter] = [(h3.get_text(strip=True), [p.get_text(strip=True) for p in
                           h3.find_next_sibling("ul").select(".document-list__title")])
                          for h3 in section.select("h3")]
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(DEMO, tmp_path_factory.mktemp("plan") / "output", PLUGINS=plugins())


def _problems_of(tmp_path, files: dict[str, str]) -> list[str]:
    content = tmp_path / "content"
    for name, text in {"en/city-council.md": (SITES / "plan-invalid/en/city-council.md").read_text("utf-8"),
                       **files}.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(content, tmp_path / "output", PLUGINS=plugins())
    return [str(p).removeprefix(f"{tmp_path}/") for p in raised.value.problems]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_pages_exist_in_every_language_and_link_their_translations(site, lang):
    for path, expected in ((f"{lang}/plan/2027/index.html", "plan/2027/"), (f"{lang}/plan/index.html", "plan/")):
        page = soup(site, path)
        assert page.html["lang"] == lang
        depth = "../" * (path.count("/"))
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert alternates == {**{other: f"{depth}{other}/{expected}" for other in LANGUAGES},
                              "x-default": f"{depth}en/{expected}"}


def test_english_plan_shows_every_entry_by_quarter_then_body(site):
    shown = entries(soup(site, "en/plan/2027/index.html"))
    assert shown == {
        1: [("IT Coordination Board", ["Regulation on IT project standards"]),
            ("Office for Good Governance", ["Revised regulation on minimum standards for public consultation"])],
        2: [("Digital Transformation Office", ["Open data guideline for public bodies"]),
            ("Ministry of Interior", ["Regulation on electronic applications to provincial administrations"]),
            ("National Agency of Civil Servants", ["Code of conduct for civil servants on social media"])],
        3: [("Digital Transformation Office", ["Service standards for the national e-participation portal"]),
            ("Office of the Prime Minister", ["Government annual legislative programme for 2028"])],
        4: [("IT Coordination Board", ["Information security standards for the ministry's data centres"]),
            ("National Agency of Civil Servants", ["Training strategy for local public administration"])],
    }
    # Nothing from the file is left out, nothing is added.
    source = sorted((e["quarter"], e["title"]["en"]) for e in plan_source())
    assert sorted((q, t) for q, groups in shown.items() for _, titles in groups for t in titles) == source


def test_text_missing_in_the_page_language_falls_back_to_english_marked_as_such(site):
    page = soup(site, "tr/plan/2027/index.html")
    titles = {p.get_text(strip=True): p for p in page.select(".document-list__title")}
    assert titles["Kamu kurumları için açık veri rehberi"].find("span", lang=True) is None
    fallback = titles["Revised regulation on minimum standards for public consultation"]
    assert fallback.find("span")["lang"] == "en"
    note = page.find(string="The timing depends on the outcome of the consultation on IT project standards.")
    assert note.parent["lang"] == "en"
    body = page.find("a", string="Office for Good Governance")
    assert (body["lang"], body["hreflang"], body["href"]) == ("en", "en", "../../../en/office-for-good-governance/")
    assert page.find("span", class_="plan__months").get_text() == "(Ocak – Mart)"


def test_published_draft_is_linked_in_the_page_language_with_its_dates(site):
    english = soup(site, "en/plan/2027/index.html").find("a", string="Regulation on IT project standards")
    assert english["href"] == "../../../en/it-project-standards/"
    meta = english.find_parent("li").select_one(".document-list__meta").get_text(" ", strip=True)
    assert meta.endswith("Consultation from January 11, 2027 to February 12, 2027")
    turkish = soup(site, "tr/plan/2027/index.html").find("a", string="Bilişim projeleri standartlarına ilişkin düzenleme")
    assert turkish["href"] == "../../../tr/it-project-standards/" and not turkish.has_attr("hreflang")
    unpublished = soup(site, "en/plan/2027/index.html").find(string="Open data guideline for public bodies")
    assert unpublished.find_parent("li").select_one(".document-list__meta").get_text() == "Draft not published yet"


def test_plan_list_links_each_year_and_the_calendar(site):
    page = soup(site, "sq/plan/index.html")
    years = page.select(".browse-list a")
    assert [a["href"] for a in years] == ["../../sq/plan/2027/"]
    assert f"({len(plan_source())} " in years[0].parent.get_text()
    assert page.find("a", href="../../consultations.ics") is not None


def test_a_site_without_plans_still_has_the_plan_list(tmp_path):
    output = build(SITES / "minimal", tmp_path / "output", PLUGINS=plugins())
    page = soup(output, "en/plan/index.html")
    assert page.select_one("p.empty").get_text() == "No consultation plan has been published yet."
    assert not (output / "en" / "plan" / "2027").exists()


def test_two_builds_write_identical_plan_pages(site, tmp_path):
    again = build(DEMO, tmp_path / "again", PLUGINS=plugins())
    pages = lambda root: {p.relative_to(root): p.read_bytes() for p in root.glob("*/plan/**/index.html")}  # noqa: E731
    assert pages(site) == pages(again) and len(pages(site)) == 2 * len(LANGUAGES)


def test_invalid_plans_fail_the_build_with_every_problem_located_and_explained(tmp_path):
    with pytest.raises(ContentErrors) as raised:
        build(SITES / "plan-invalid", tmp_path / "output", PLUGINS=plugins())
    assert [str(p) for p in raised.value.problems] == EXPECTED_PROBLEMS
    assert list((tmp_path / "output").rglob("*.html")) == []


def test_plan_that_is_a_bare_list_or_empty_or_a_second_file_for_a_year(tmp_path):
    entry = "- body: city-council\n  quarter: 1\n  title:\n    en: Cycle paths\n"
    problems = _problems_of(tmp_path, {
        "plans/2026.yaml": entry,
        "plans/2027.yaml": "# nothing yet\n",
        "plans/2028.yaml": "consultations: []\n",
        "plans/2028.yml": "consultations: []\n",
    })
    assert problems == [
        "content/plans/2026.yaml:1: a plan starts with the line 'consultations:' followed by the list of planned "
        "consultations (see docs/consultation-plan.md)",
        "content/plans/2027.yaml:1: the plan is empty: list the planned consultations under 'consultations:' "
        "(see docs/consultation-plan.md)",
        "content/plans/2028.yml:1: 2028.yaml is also the plan for 2028: keep one file per year",
    ]
