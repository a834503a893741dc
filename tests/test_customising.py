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
