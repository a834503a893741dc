"""docs/adding-a-language.md, followed with German: settings and content, a catalogue started with pybabel
from the template and one entry translated, and the search without a row of its own. The site must build,
speak German where it was translated, write German dates, and find a German word."""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SITES, build

PAGE = """---
title: Über diese Beteiligungsplattform
type: page
date: 2025-04-14
summary: Wie Bürgerinnen und Bürger Entwürfe kommentieren können.
---
## Beteiligung

Jede Behörde veröffentlicht ihre Entwürfe hier, und alle können sie kommentieren.
"""


def test_a_sixth_language_by_the_documented_steps(tmp_path):
    from babel.messages.pofile import read_po, write_po

    # 1. Settings and content.
    content = shutil.copytree(SITES / "minimal", tmp_path / "content")
    (content / "de").mkdir()
    (content / "de" / "ueber.md").write_text(PAGE, encoding="utf-8")
    konsulta = runpy.run_path(str(ROOT / "pelicanconf.py"))["KONSULTA"]
    languages = konsulta["languages"] + ["de"]

    # 2. The catalogue, started from the template with the documented command, one entry translated.
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "init", "-i", str(theme / "translations" / "messages.pot"),
                    "-d", str(theme / "translations"), "-l", "de"], check=True, capture_output=True)
    po = theme / "translations" / "de" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as source:
        catalogue = read_po(source, locale="de")
    catalogue["Search"].string = "Suche"
    with po.open("wb") as target:
        write_po(target, catalogue)

    site = build(content, tmp_path / "output", THEME=str(theme),
                 KONSULTA={**konsulta, "languages": languages, "build_processes": 1})

    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / "de" / "ueber" / "index.html").read_text("utf-8"), "html.parser")
    assert page.html["lang"] == "de"
    assert page.find("time", datetime="2025-04-14").get_text() == "14. April 2025"  # 3. Babel's German
    search_page = BeautifulSoup((site / "de" / "search" / "index.html").read_text("utf-8"), "html.parser")
    assert search_page.h1.get_text() == "Suche"

    # 4. Search without a row: folded whole words (and, in the browser, prefixes and one typo).
    from konsulta_search.indexer import load_index
    from konsulta_search.query import search

    manifest = json.loads((site / "search" / "de.json").read_text("utf-8"))
    assert manifest["pipeline"] == ["konsulta-trim", "konsulta-normalise"]
    docs = json.loads((site / "search" / "de-docs.json").read_text("utf-8"))["docs"]
    found = [docs[int(r["ref"])]["u"] for r in search(load_index(site / "search", "de"), "de", "behorde")]
    assert found == ["de/ueber/"]
