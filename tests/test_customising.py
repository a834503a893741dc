"""What a site changes without forking Konsulta (docs/customising.md): which types the menu offers,
its own templates and components, footer links, a logo and colours. Each is built here as a site would."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITES, build, copy_site
from pelican.settings import read_settings

DEMO_KONSULTA = read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"]


def page(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html.parser")


def menu(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("nav.site-nav a")]


def browse(soup) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".browse-list li")]


def footer(soup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("footer.site-footer a")]


def build_with(tmp_path, content: Path | None = None, **konsulta) -> Path:
    return build(content or SITES / "minimal", tmp_path / "output", KONSULTA={**DEMO_KONSULTA, **konsulta})


# --- the menu

def test_menu_offers_only_the_types_a_language_has_documents_of(minimal_site):
    english, turkish = page(minimal_site, "en/index.html"), page(minimal_site, "tr/index.html")
    assert menu(english) == ["Home", "Consultations", "Consultation plans", "Outcomes", "Issuing bodies", "Topics"]
    assert menu(turkish) == ["Ana sayfa", "Görüşe açılan taslaklar", "Danışma planları", "Yayımlayan kurumlar", "Konular"]
    # A document's page has its language's menu too (the header is one fragment per language).
    assert menu(page(minimal_site, "en/parking-rules/index.html")) == menu(english)
    assert browse(english) == ["Consultations (1)", "Outcomes (1)", "Issuing bodies (1)", "Topics"]
    assert browse(turkish) == ["Yayımlayan kurumlar (1)", "Bilgi sayfaları (1)", "Konular"]
    # "About this site" lists the information pages: only where the language has some.
    assert "About this site" not in [text for text, _ in footer(english)]
    assert "Bu site hakkında" in [text for text, _ in footer(turkish)]
    # Listing pages are written for every type all the same: no address stops working.
    assert (minimal_site / "en" / "type" / "policy" / "index.html").is_file()


def test_always_in_menu_shows_chosen_types_in_every_language(tmp_path):
    output = build_with(tmp_path, always_in_menu=["policy", "page"])
    english, romanian = page(output, "en/index.html"), page(output, "ro/index.html")
    assert menu(english) == ["Home", "Consultations", "Consultation plans", "Outcomes", "Policies", "Issuing bodies",
                             "Topics"]
    assert menu(romanian) == ["Acasă", "Consultări publice", "Planuri de consultare", "Politici publice", "Teme"]
    assert browse(english) == ["Policies (0)", "Consultations (1)", "Outcomes (1)", "Issuing bodies (1)",
                               "Information pages (0)", "Topics"]
    assert "About this site" in [text for text, _ in footer(english)]


# --- templates and components of the site's own

def test_a_site_template_or_component_replaces_the_theme_s(tmp_path):
    overrides = tmp_path / "templates"
    (overrides / "components").mkdir(parents=True)
    # A component is a macro: the site's file defines it with the theme's parameters (footer-links.yaml).
    (overrides / "components" / "footer-links.html").write_text(
        '{% macro footer_links(lang, links=(), current_page=None, notices=()) %}'
        '<p class="council-footer">{{ lang }}: Council of Example</p>{% endmacro %}\n', encoding="utf-8")
    (overrides / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Lost? Call 155.</h1>{% endblock %}\n', encoding="utf-8")
    output = build(SITES / "minimal", tmp_path / "output", THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    english = page(output, "en/index.html")
    assert [p.get_text() for p in english.select("footer .council-footer")] == ["en: Council of Example"]
    assert page(output, "tr/about/index.html").select_one("footer .council-footer").get_text() == "tr: Council of Example"
    assert "Subscribe" not in english.select_one("footer").get_text()  # the theme's component is not used
    lost = page(output, "404.html")
    assert lost.select_one("main h1").get_text() == "Lost? Call 155."
    assert lost.select_one("nav.site-nav") is not None  # the theme's base.html still frames it


# --- footer links

def test_footer_links_in_each_language(tmp_path):
    output = build_with(tmp_path, footer_links=[
        {"text": {"en": "Accessibility", "tr": "Erişilebilirlik", "ro": "Accesibilitate", "sq": "Aksesueshmëria",
                  "sr": "Pristupačnost"},
         "url": "https://example.gov/accessibility"},
        {"text": "GitHub", "url": {"en": "https://github.com/example/en", "tr": "https://github.com/example/tr",
                                   "ro": "https://github.com/example/ro", "sq": "https://github.com/example/sq",
                                   "sr": "https://github.com/example/sr"}},
        {"text": "<b>Contact</b>", "url": "mailto:info@example.gov"},
        {"text": "About", "url": "/tr/about/"},
    ])
    english, turkish = page(output, "en/index.html"), page(output, "tr/about/index.html")
    assert footer(english)[-4:] == [("Accessibility", "https://example.gov/accessibility"),
                                    ("GitHub", "https://github.com/example/en"),
                                    ("<b>Contact</b>", "mailto:info@example.gov"), ("About", "../tr/about/")]
    assert footer(turkish)[-4:] == [("Erişilebilirlik", "https://example.gov/accessibility"),
                                    ("GitHub", "https://github.com/example/tr"),
                                    ("<b>Contact</b>", "mailto:info@example.gov"), ("About", "../../tr/about/")]
    assert "&lt;b&gt;Contact&lt;/b&gt;" in (output / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("links, expected", [
    ([{"text": "X", "url": "javascript:alert(1)"}],
     "link 1 url: 'javascript:alert(1)' is not an https:// address, a mailto: address or a path on this site starting with /"),
    ([{"text": "X", "url": "http://example.gov"}], "link 1 url: 'http://example.gov' is not an https:// address"),
    ([{"text": "X", "url": "//evil.example/x"}], "link 1 url: '//evil.example/x' is not an https:// address"),
    ([{"text": "X", "url": "https://example.gov/a b"}], "link 1 url: 'https://example.gov/a b' contains a space"),
    ([{"text": {"en": "X"}, "url": "/x/"}], "link 1 text has no entry for tr, ro, sq, sr: give one per site language"),
    ([{"text": {"en": "X", "tr": "X", "ro": "X", "sq": "X", "sr": "X", "de": "X"}, "url": "/x/"}],
     "link 1 text is given for 'de', which is not a site language (tr, ro, sq, sr, en)"),
    ([{"text": "", "url": "/x/"}], "link 1 text: '' is not a text to show"),
    ([{"text": "X", "href": "/x/"}], "link 1: give a list of links, each {'text': ..., 'url': ...}"),
    ({"text": "X", "url": "/x/"}, "give a list of links"),
])
def test_footer_link_mistakes_are_settings_errors(links, expected):
    from konsulta_content.config import ConfigError, load_config

    with pytest.raises(ConfigError) as stopped:
        load_config(read_settings(str(ROOT / "pelicanconf.py"), override={"KONSULTA": {**DEMO_KONSULTA, "footer_links": links}}))
    assert any(line.startswith(f"KONSULTA['footer_links']: {expected}") for line in str(stopped.value).splitlines())


# --- a logo

def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG of one colour (browsers show it), without an image library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def site_with_logo(tmp_path, name="logo.png", data=None) -> Path:
    content = copy_site("minimal", tmp_path / "content")
    (content / "images").mkdir()
    (content / "images" / name).write_bytes(png(160, 80, (200, 120, 20)) if data is None else data)
    return content


def test_logo_from_the_content_folder_is_published_and_shown(tmp_path):
    content = site_with_logo(tmp_path)
    output = build_with(tmp_path, content, logo="images/logo.png")
    assert (output / "files" / "images" / "logo.png").read_bytes() == (content / "images" / "logo.png").read_bytes()
    for path, src in (("en/index.html", "../files/images/logo.png"), ("tr/about/index.html", "../../files/images/logo.png")):
        name = page(output, path).select_one("a.site-header__name")
        assert [(img["src"], img["alt"]) for img in name.select("img")] == [(src, "")]
        assert name.get_text(strip=True)  # the link's text is the site's name, beside the decorative image


def logo_problems(content: Path, logo) -> list[str]:
    from konsulta_content.config import ConfigError, load_config

    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"PATH": str(content), "KONSULTA": {**DEMO_KONSULTA, "logo": logo}})
    with pytest.raises(ConfigError) as stopped:
        load_config(settings)
    return str(stopped.value).splitlines()[1:]


def test_a_logo_that_could_run_script_or_is_not_an_image_is_refused(tmp_path):
    svg = site_with_logo(tmp_path / "svg", "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert logo_problems(svg, "images/logo.svg") == [
        "KONSULTA['logo']: 'logo.svg' cannot be published: an SVG image can carry script: export it as PNG. "
        "Allowed images: avif, gif, jpeg, jpg, png, webp"]
    page_as_png = site_with_logo(tmp_path / "html", "logo.png", b"<html><script>alert(1)</script></html>")
    assert logo_problems(page_as_png, "images/logo.png") == [
        "KONSULTA['logo']: 'logo.png' is named .png but is not a PNG file: give the file the extension of what it "
        "holds, or export it again"]
    pdf = site_with_logo(tmp_path / "pdf", "logo.pdf", b"%PDF-1.4\n")
    assert logo_problems(pdf, "images/logo.pdf")[0].startswith("KONSULTA['logo']: 'logo.pdf' cannot be published")


def test_a_logo_outside_the_content_folder_is_refused(tmp_path):
    content = site_with_logo(tmp_path)
    (tmp_path / "secret.png").write_bytes(png(2, 2, (0, 0, 0)))
    (content / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    assert logo_problems(content, "../secret.png") == [
        "KONSULTA['logo']: '../secret.png' is not a path inside the content folder: give the path of an image in "
        "the content folder, e.g. 'images/logo.png', or None"]
    assert logo_problems(content, "/etc/hostname")[0].startswith("KONSULTA['logo']: '/etc/hostname' is not a path inside")
    assert logo_problems(content, "images/link.png") == [
        "KONSULTA['logo']: 'images/link.png' leads outside the content folder (a link or a symlink): copy the image into it"]
    assert logo_problems(content, "images/missing.png") == [
        "KONSULTA['logo']: the content folder has no file 'images/missing.png': give the path of an image in the "
        "content folder, e.g. 'images/logo.png', or None"]


def test_a_bad_logo_stops_the_build_before_anything_is_written(tmp_path):
    from konsulta_content.config import ConfigError

    content = site_with_logo(tmp_path, "logo.svg", b"<svg/>")
    with pytest.raises(ConfigError, match=r"KONSULTA\['logo'\]: 'logo.svg' cannot be published"):
        build_with(tmp_path, content, logo="images/logo.svg")
    assert not (tmp_path / "output").exists()


# --- colours

COLOURS = {"accent": "#5a1f4a", "link": "#7A2862", "link_visited": "#4b2a6b"}


def test_colours_go_into_a_style_sheet_every_page_links(tmp_path):
    output = build_with(tmp_path, colours=COLOURS)
    assert (output / "theme" / "css" / "site-colours.css").read_text(encoding="utf-8") == (
        "/* KONSULTA['colours'] of this site, written by the build (docs/customising.md). */\n"
        ":root {\n  --brand: #5a1f4a;\n  --brand-dark: #3f1634;\n  --link: #7a2862;\n  --link-visited: #4b2a6b;\n}\n")
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        sheets = [link["href"].rsplit("theme/", 1)[-1] for link in soup.select('link[rel="stylesheet"]')]
        assert sheets == ["css/konsulta.css", "css/site-colours.css"], path
        # The Content-Security-Policy allows no inline style: nothing on the page may need it.
        assert soup.select("style, [style]") == [], path


def test_without_colours_no_style_sheet_is_written_or_linked(minimal_site):
    assert not (minimal_site / "theme" / "css" / "site-colours.css").exists()
    assert "site-colours.css" not in (minimal_site / "en" / "index.html").read_text(encoding="utf-8")


def test_the_published_policy_allows_the_site_s_style_sheet(tmp_path):
    output = build(SITES / "minimal", tmp_path / "output", settings_file="publishconf.py",
                   KONSULTA={**DEMO_KONSULTA, "colours": COLOURS})
    soup = page(output, "en/index.html")
    policy = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    sheet = soup.select('link[rel="stylesheet"]')[-1]["href"]
    assert sheet == "https://konsulta.example.org/theme/css/site-colours.css"  # same origin as the pages


@pytest.mark.parametrize("colours, expected", [
    ({"link": "#999999"}, ["link: #999999 on the page background (#ffffff) has a contrast of 2.84:1; WCAG 2.2 AA "
                           "needs at least 4.5:1 for text: choose a darker colour",
                           "link: #999999 on the footer and fact boxes (#f3f2f1) has a contrast of 2.54:1; WCAG 2.2 "
                           "AA needs at least 4.5:1 for text: choose a darker colour"]),
    # 4.54:1 on white passes; on the footer's grey the same colour falls short.
    ({"link_visited": "#767676"}, ["link_visited: #767676 on the footer and fact boxes (#f3f2f1) has a contrast of "
                                   "4.06:1; WCAG 2.2 AA needs at least 4.5:1 for text: choose a darker colour"]),
    ({"accent": "#6fa8dc"}, ["accent: white text on #6fa8dc (the site header, its menu and buttons) has a contrast "
                             "of 2.52:1; WCAG 2.2 AA needs at least 4.5:1 for text: choose a darker colour"]),
    ({"accent": "blue"}, ["accent: 'blue' is not a hex colour such as '#1a4c8b'"]),
    ({"accent": "#12345"}, ["accent: '#12345' is not a hex colour such as '#1a4c8b'"]),
    ({"background": "#000000"}, ["'background' is not a colour the theme lets a site set; give any of accent, link, "
                                 "link_visited"]),
    ("#5a1f4a", ["give a dict from colour name to a hex colour, e.g. {'accent': '#0b3a53', 'link': '#1a4c8b'}"]),
])
def test_a_colour_without_enough_contrast_is_a_settings_error_naming_the_ratio(colours, expected):
    from konsulta_content.config import ConfigError, load_config

    with pytest.raises(ConfigError) as stopped:
        load_config(read_settings(str(ROOT / "pelicanconf.py"), override={"KONSULTA": {**DEMO_KONSULTA, "colours": colours}}))
    assert str(stopped.value).splitlines()[1:] == [f"KONSULTA['colours']: {line}" for line in expected]


def test_contrast_ratios_are_wcag_s():
    from konsulta_content.appearance import contrast_ratio

    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#0b3a53", "#ffffff") == contrast_ratio("#ffffff", "#0b3a53")
    # The theme's own colours pass the checks a site's colours must pass.
    from konsulta_content.appearance import _colours

    assert _colours({"accent": "#0b3a53", "link": "#1a4c8b", "link_visited": "#5b2a86"}, None)


def test_the_colour_file_never_replaces_a_theme_file(tmp_path):
    import shutil

    from konsulta_content.config import ConfigError
    from konsulta_theme import PATH

    theme = Path(shutil.copytree(PATH, tmp_path / "theme", ignore=shutil.ignore_patterns("__pycache__")))
    (theme / "static" / "css" / "site-colours.css").write_text("/* the theme's own */\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"KONSULTA\['colours'\]: the build writes these colours to "
                                          r"'theme/css/site-colours.css', and the theme's static files have a file"):
        build(SITES / "minimal", tmp_path / "output", THEME=str(theme), KONSULTA={**DEMO_KONSULTA, "colours": COLOURS})
    assert not (tmp_path / "output").exists()


# --- all of it together, in a browser: WCAG 2.2 AA, keyboard, a 320 px screen

@pytest.fixture(scope="module")
def customised_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("customised")
    content = site_with_logo(root)
    return build(content, root / "output", KONSULTA={
        **DEMO_KONSULTA, "logo": "images/logo.png", "colours": COLOURS, "always_in_menu": ["policy"],
        "footer_links": [{"text": {"en": "Accessibility", "tr": "Erişilebilirlik", "ro": "Accesibilitate",
                                   "sq": "Aksesueshmëria", "sr": "Pristupačnost"}, "url": "https://example.gov/accessibility"},
                         {"text": "Contact", "url": "mailto:info@example.gov"}]})


CUSTOMISED_PAGES = ["en/index.html", "tr/index.html", "en/parking-rules/index.html", "en/type/policy/index.html",
                    "tr/about/index.html", "404.html"]


@pytest.mark.browser
def test_a_customised_site_keeps_wcag_22_aa(customised_site):
    from axe_playwright_python.sync_playwright import Axe
    from browser import chromium, serve
    from test_accessibility import WCAG_TAGS

    failures = []
    with serve(customised_site) as base_url, chromium() as browser:
        tab = browser.new_page()
        for path in CUSTOMISED_PAGES:
            assert tab.goto(f"{base_url}/{path.removesuffix('index.html')}").ok, path
            assert tab.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == \
                "rgb(90, 31, 74)", path  # the site's accent, from its own style sheet
            results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            failures += [f"{path}: {v['id']}: {v['help']}" for v in results.response["violations"]]
    assert failures == []


@pytest.mark.browser
def test_a_customised_site_works_by_keyboard_and_on_a_phone(customised_site):
    from browser import chromium, serve

    with serve(customised_site) as base_url, chromium() as browser:
        phone = browser.new_context(viewport={"width": 320, "height": 640})
        tab = phone.new_page()
        for path in CUSTOMISED_PAGES:
            tab.goto(f"{base_url}/{path.removesuffix('index.html')}")
            assert not tab.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"), path
            logo = tab.locator(".site-header__logo")
            assert logo.is_visible() and logo.evaluate("img => img.naturalWidth") == 160, path
        tab.goto(f"{base_url}/en/")
        reached = []
        for _ in range(60):  # Tab through the page until the site's own footer link has focus
            tab.keyboard.press("Tab")
            reached.append(tab.evaluate("document.activeElement.getAttribute('href')"))
            if reached[-1] == "mailto:info@example.gov":
                break
        assert reached[0] == "#main" and "https://example.gov/accessibility" in reached
        assert reached[-1] == "mailto:info@example.gov"
        assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # focus is visible
        phone.close()
