"""Front matter parsing, Markdown rendering and sanitising, one function at a time."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, deadline_pattern
from konsulta_content import frontmatter
from konsulta_content.rendering import render, slugify_heading
from konsulta_i18n import formatting


def test_front_matter_keeps_dates_as_text_and_knows_lines():
    matter = frontmatter.parse("---\ntitle: T\nconsultation:\n  closes: 2026-12-15\n---\nBody\n")
    assert matter.data["consultation"]["closes"] == "2026-12-15"
    assert matter.line_of(("consultation", "closes")) == 4
    assert matter.line_of(("consultation", "missing")) == 3
    assert matter.body == "Body\n" and matter.body_first_line == 6


def test_duplicate_fields_are_noticed():
    matter = frontmatter.parse("---\ntitle: A\ntitle: B\n---\n")
    assert matter.duplicate_keys == [(("title",), 3)]


@pytest.mark.parametrize("text, line, start", [
    ("no fence\n", 1, "no front matter"),
    ("---\ntitle: open\n", 1, "front matter is not closed"),
    ("---\n---\n", 1, "front matter is empty"),
    ("---\n- a\n- b\n---\n", 2, "front matter must be a list of 'field: value' lines"),
    ("---\ntitle: !!python/name:os.system\n---\n", 2, "YAML tag"),
    ("---\ntitle: &a [*a]\nx: : :\n---\n", 3, "front matter is not valid YAML"),
])
def test_front_matter_errors_name_their_line(text, line, start):
    with pytest.raises(frontmatter.FrontMatterError) as raised:
        frontmatter.parse(text)
    assert raised.value.line == line
    assert raised.value.message.startswith(start)


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<img src="x.png" alt="x" onerror="alert(1)">',
    '<div onclick="alert(1)">x</div>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<style>body{display:none}</style>',
    '[x](javascript:alert(1))',
    '<form action="https://evil.example"><input name="p"></form>',
])
def test_sanitiser_removes_scripts_handlers_and_dangerous_urls(hostile):
    html = render(f"Text\n\n{hostile}\n").html.lower()
    for marker in ("<script", "javascript:", "onerror", "onclick", "<iframe", "data:text", "<style", "<form", "<svg", "<input"):
        assert marker not in html, f"{marker} survived in {html}"


def test_external_links_get_noopener_and_internal_links_do_not():
    html = render("[a](https://example.org/x) [b](//example.org) [c](/en/other/) [d](#part)").html
    assert html.count('rel="noopener"') == 2
    assert '<a href="/en/other/">c</a>' in html and '<a href="#part">d</a>' in html


def test_headings_are_demoted_below_the_title_and_get_stable_ids():
    rendered = render("# Giriş\n\n## Görüş ve öneriler {#gorusler}\n\n### İlkeler\n")
    assert [(h.level, h.id) for h in rendered.headings] == [(2, "giris"), (2, "gorusler"), (3, "ilkeler")]
    assert "<h1" not in rendered.html


def test_images_need_alt_text():
    assert render("![](a.png)").problems == ()  # alt="" marks a decorative image: allowed
    assert [src for src, _ in render('<img src="a.png">').problems] == ["a.png"]


@pytest.mark.parametrize("text, slug", [
    ("Şeffaflık İlkesi", "seffaflik-ilkesi"),
    ("Consultarea publică și transparența", "consultarea-publica-si-transparenta"),
    ("Pjesëmarrja në vendimmarrje", "pjesemarrja-ne-vendimmarrje"),
    ("  -- ", "section"),
])
def test_heading_ids_read_well_in_every_language(text, slug):
    assert slugify_heading(text) == slug


@pytest.mark.parametrize("lang, expected", [
    ("tr", "15 Aralık 2026"),
    ("ro", "15 decembrie 2026"),
    ("sq", "15 dhjetor 2026"),
    ("sr", "15. decembar 2026."),
    ("en", "December 15, 2026"),
])
def test_dates_are_formatted_per_language_without_system_locales(lang, expected):
    assert formatting.local_date(dt.date(2026, 12, 15), lang) == expected


@pytest.mark.parametrize("lang", ["tr", "ro", "sq", "en"])
@pytest.mark.parametrize("zone", ["Europe/Istanbul", "Europe/Bucharest", "UTC"])
def test_deadlines_say_day_24_hour_time_and_the_zones_label(lang, zone):
    closes = dt.datetime(2026, 12, 15, 23, 59, 59, tzinfo=ZoneInfo(zone))
    text = formatting.deadline(closes, lang, "the label")
    assert re.fullmatch(deadline_pattern(closes, lang, "the label"), text), text
    assert "23:59:59" not in text and "11:59" not in text  # no seconds, no 12-hour clock (CLDR's for en and sq)


@pytest.mark.parametrize("lang, label", [("en", "Belgrade time"), ("tr", "Belgrad saati"),
                                         ("ro", "ora din Belgrad"), ("sq", "ora në Beograd")])
def test_a_zone_is_named_by_its_city_in_the_pages_language(lang, label):
    from konsulta_i18n.catalogues import translations_for
    from konsulta_i18n.zones import zone_label

    catalogue = translations_for(ROOT / "theme" / "translations", lang)
    assert zone_label(ZoneInfo("Europe/Belgrade"), lang, {}, catalogue) == label
    # A site's own label wins: a Kosovo site need not name Belgrade.
    assert zone_label(ZoneInfo("Europe/Belgrade"), lang, {lang: "ora e Prishtinës"}, catalogue) == "ora e Prishtinës"


def test_language_names_are_written_in_their_own_language():
    assert [formatting.language_name(c) for c in ("tr", "ro", "sq", "sr", "en")] == [
        "Türkçe", "Română", "Shqip", "Srpski", "English"]


def test_money_and_sizes_use_the_page_locale():
    assert formatting.money(70684.5, "EUR", "ro") == "70.684,50\xa0EUR"
    assert formatting.file_size(2_500_000, "en") == "2.5 MB"


@pytest.mark.parametrize("lang, expected", [("en", "20 bytes"), ("tr", "20 bayt"), ("ro", "20 de byți"), ("sq", "20 bajt")])
def test_small_file_sizes_are_spelled_in_every_language(lang, expected):
    assert formatting.file_size(20, lang) == expected


def test_body_ids_never_take_an_id_the_theme_uses():
    rendered = render("## Main\n\nText.\n\n## Notes {#details-heading}\n\n## Main points\n")
    assert [h.id for h in rendered.headings] == ["main-text", "details-heading-text", "main-points"]
    assert 'id="main"' not in rendered.html
