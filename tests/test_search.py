"""Search: the index files, the golden queries in lunr.py and (through Node) in lunr.js, stem agreement
between Snowball 3 (Python) and the browser's stemmers, and the search page without JavaScript."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SITES, build

GOLDEN = ROOT / "tests" / "search" / "golden.yaml"
CI = os.environ.get("CI", "").lower() == "true"


def search_overrides() -> dict:
    from pelican.settings import read_settings

    plugins = list(read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"])
    return {} if "konsulta_search" in plugins else {"PLUGINS": plugins + ["konsulta_search"]}


@pytest.fixture(scope="session")
def golden() -> dict:
    return yaml.safe_load(GOLDEN.read_text("utf-8"))


@pytest.fixture(scope="session")
def search_site(tmp_path_factory, golden) -> Path:
    """The demo content plus the golden set's own documents, built with the search plugin."""
    base = tmp_path_factory.mktemp("search")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    for name, text in golden["documents"].items():
        (content / name).write_text(text, encoding="utf-8")
    return build(content, base / "output", **search_overrides())


def _index(site: Path, lang: str):
    from konsulta_search import pipeline  # noqa: F401  (registers the pipeline functions)
    from lunr.index import Index

    return Index.load(json.loads((site / "search" / f"{lang}.json").read_text("utf-8")))


def _docs(site: Path, lang: str) -> list:
    return json.loads((site / "search" / f"{lang}-docs.json").read_text("utf-8"))["docs"]


def python_results(site: Path, golden: dict) -> dict:
    from konsulta_search.query import search

    found = {}
    for case in golden["queries"]:
        lang = case["lang"]
        index, docs = _index(site, lang), _docs(site, lang)
        found.setdefault(lang, []).append(
            {"q": case["q"], "urls": [docs[int(r["ref"])]["u"] for r in search(index, lang, case["q"])]})
        if "same_as" in case:
            found[lang].append({"q": case["same_as"], "urls": [docs[int(r["ref"])]["u"]
                                                              for r in search(index, lang, case["same_as"])]})
    return found


def test_index_files_per_language_precompressed(search_site):
    for lang in ("tr", "ro", "sq", "en"):
        for name in (f"{lang}.json", f"{lang}-docs.json"):
            path = search_site / "search" / name
            assert path.is_file() and (search_site / "search" / f"{name}.gz").is_file()
        index = json.loads((search_site / "search" / f"{lang}.json").read_text("utf-8"))
        assert index["pipeline"][0] == "konsulta-trim"
        assert (search_site / "search" / lang / "0.txt").is_file()
    assert json.loads((search_site / "search" / "tr.json").read_text("utf-8"))["pipeline"] == [
        "konsulta-trim", "konsulta-stem-tr"]
    assert json.loads((search_site / "search" / "ro.json").read_text("utf-8"))["pipeline"] == [
        "konsulta-trim", "konsulta-query-ro"]


def test_golden_queries_in_python(search_site, golden):
    from konsulta_search.query import search

    failures = []
    for case in golden["queries"]:
        lang = case["lang"]
        index, docs = _index(search_site, lang), _docs(search_site, lang)
        urls = {docs[int(r["ref"])]["u"] for r in search(index, lang, case["q"])}
        label = f"{lang} {case['q']!r}: got {sorted(urls)}"
        if "expect" in case and urls != set(case["expect"]):
            failures.append(f"{label}, expected {sorted(case['expect'])}")
        if "includes" in case and not set(case["includes"]) <= urls:
            failures.append(f"{label}, must include {sorted(case['includes'])}")
        if "same_as" in case:
            other = {docs[int(r["ref"])]["u"] for r in search(index, lang, case["same_as"])}
            if not other or urls != other:
                failures.append(f"{label}, expected the same as {case['same_as']!r}: {sorted(other)}")
    assert failures == []


def content_words(lang: str) -> list[str]:
    from konsulta_search.pipeline import lower, trim

    words = set()
    for path in (ROOT / "content" / lang).glob("*.md"):
        for word in re.split(r"[\s\-]+", lower(lang, path.read_text("utf-8"))):
            word = trim(word)
            if word and not word.isdigit():
                words.add(word)
    return sorted(words)


def node_cases(site: Path, golden: dict) -> dict:
    from konsulta_search.pipeline import fold, query_variants, stem_variants, trim

    stems = {}
    for lang in ("tr", "ro", "sq", "en"):
        if lang in ("tr", "ro"):
            stems[lang] = {w: stem_variants(lang, w) for w in content_words(lang)}
        else:
            stems[lang] = {w: [fold(trim(w))] for w in content_words(lang)}
    variants = {"ro": {w: query_variants("ro", w) for w in content_words("ro") + ["consultatie", "consultatiei"]}}
    return {"site": str(site), "queries": python_results(site, golden), "stems": stems, "query_variants": variants}


def require_node():
    node = shutil.which("node")
    missing = "node is not installed (apt-get install nodejs npm)" if node is None else (
        "node_modules/lunr is missing: run `npm ci`" if not (ROOT / "node_modules" / "lunr").is_dir() else None)
    if missing:
        if CI:
            pytest.fail(missing)
        pytest.skip(missing)
    return node


def test_golden_queries_and_stems_in_node_agree_with_python(search_site, golden, tmp_path):
    node = require_node()
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(node_cases(search_site, golden), ensure_ascii=False), "utf-8")
    report = tmp_path / "report.json"
    run = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "KONSULTA_SEARCH_CASES": str(cases), "KONSULTA_SEARCH_REPORT": str(report)},
                         timeout=300)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    agreement = json.loads(report.read_text("utf-8"))
    print(f"stem agreement (JS/Python): {agreement}")
    assert all(rate.endswith("(100.0%)") for rate in agreement.values()), agreement


def test_search_page_per_language_works_without_javascript(search_site):
    from bs4 import BeautifulSoup

    for lang in ("tr", "ro", "sq", "en"):
        page = BeautifulSoup((search_site / lang / "search" / "index.html").read_text("utf-8"), "html.parser")
        box = page.find(attrs={"data-search": True})
        assert box["data-lang"] == lang
        nojs = box.find(attrs={"data-search-nojs": True})
        assert nojs.find("a", href=re.compile(r"type/draft/")), "the no-JS message links the listings"
        assert box.find("form")["hidden"] is not None
        assert box.find(attrs={"role": "status"})["aria-live"] == "polite"
        assert all(box.find("label", attrs={"for": s["id"]}) for s in box.find_all(["select", "input"]))
        scripts = [s["src"] for s in page.find_all("script")]
        assert scripts == ["../../theme/js/search.js"] or all(s.endswith("search.js") for s in scripts)
    home = BeautifulSoup((search_site / "tr" / "index.html").read_text("utf-8"), "html.parser")
    header_form = home.find("form", class_="search-box")
    assert header_form["method"] == "get" and header_form["action"].endswith("tr/search/")
    assert header_form.find("input", attrs={"name": "q"})


def test_language_without_documents_gets_an_empty_index(tmp_path):
    """tests/sites/minimal has no Romanian document: its index must still load and answer."""
    import json

    from lunr.index import Index

    import konsulta_search.pipeline  # noqa: F401 - registers the pipeline labels the index names

    site = build(SITES / "minimal", tmp_path / "output", **search_overrides())
    data = json.loads((site / "search" / "ro.json").read_text("utf-8"))
    assert data["fieldVectors"] == [] and data["invertedIndex"] == [] and data["version"] == "2.3.9"
    assert Index.load(data).search("consultare") == []
