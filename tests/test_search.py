"""Search: the index files, the golden queries in lunr.py and (through Node) in lunr.js, stem agreement
between Snowball 3 (Python) and the browser's stemmers, and the search page without JavaScript."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import DEMO, ROOT, SITES, build

GOLDEN = ROOT / "tests" / "search" / "golden.yaml"
CI = os.environ.get("CI", "").lower() == "true"
LANGUAGES = ("tr", "ro", "sq", "sr", "en")  # the demo's
CHUNK_BYTES = 1_500  # small chunks, so that the demo content has several per language and queries load some


def search_overrides() -> dict:
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    plugins = list(settings["PLUGINS"])
    # One process: the search_site fixture records the indexes the generator builds in memory.
    overrides = {"KONSULTA": {**settings["KONSULTA"], "build_processes": 1, "search_chunk_bytes": CHUNK_BYTES}}
    return overrides if "konsulta_search" in plugins else {**overrides, "PLUGINS": plugins + ["konsulta_search"]}


@pytest.fixture(scope="session")
def golden() -> dict:
    return yaml.safe_load(GOLDEN.read_text("utf-8"))


BUILT: dict = {}  # lang -> (entries, lunr.py Index) as the search_site build made them in memory


@pytest.fixture(scope="session")
def search_site(tmp_path_factory, golden) -> Path:
    """The demo content plus the golden set's own documents, built with the search plugin."""
    from konsulta_search import indexer

    base = tmp_path_factory.mktemp("search")
    content = base / "content"
    shutil.copytree(DEMO, content)
    for name, text in golden["documents"].items():
        (content / name).write_text(text, encoding="utf-8")
    build_index = indexer.build_index

    def recording(lang, entries):
        index = build_index(lang, entries)
        BUILT[lang] = (list(entries), index)
        return index
    indexer.build_index = recording
    try:
        return build(content, base / "output", **search_overrides())
    finally:
        indexer.build_index = build_index


@pytest.fixture(scope="session")
def built_indexes(search_site) -> dict:
    assert set(BUILT) == set(LANGUAGES), "the search generator did not run in this process"
    return BUILT


@functools.lru_cache(maxsize=None)
def _index(site: Path, lang: str):
    """The index put back together from the very files the build wrote (manifest and every chunk)."""
    from konsulta_search.indexer import load_index

    return load_index(site / "search", lang)


def _docs(site: Path, lang: str) -> list:
    return json.loads((site / "search" / f"{lang}-docs.json").read_text("utf-8"))["docs"]


def python_results(site: Path, golden: dict) -> dict:
    from konsulta_search.query import search

    found = {}
    indexes = {}
    for case in golden["queries"]:
        lang = case["lang"]
        if lang not in indexes:
            indexes[lang] = _index(site, lang)
        for q in [case["q"]] + ([case["same_as"]] if "same_as" in case else []):
            found.setdefault(lang, []).append(
                {"q": q, "refs": {r["ref"]: r["score"] for r in search(indexes[lang], lang, q)}})
    return found


def test_index_files_per_language_precompressed(search_site):
    import gzip

    for lang in LANGUAGES:
        folder = search_site / "search"
        manifest = json.loads((folder / f"{lang}.json").read_text("utf-8"))
        names = [f"{lang}.json", f"{lang}-docs.json"] + [f"{lang}/{name}" for _, name in manifest["chunks"]]
        assert json.loads((folder / lang / "0.json").read_text("utf-8"))[0][2], "a document's text by section"
        for name in names:
            compressed = (folder / f"{name}.gz").read_bytes()
            assert gzip.decompress(compressed) == (folder / name).read_bytes(), name
            # No time, and the "unknown" operating system whichever Python wrote it (RFC 1952, 2.3.1)
            assert compressed[4:8] == bytes(4) and compressed[9] == 255, (name, compressed[:10].hex())
        assert manifest["pipeline"][0] == "konsulta-trim"
        assert manifest["version"] == "2.3.9" and manifest["fields"] == ["title", "topic", "headings", "summary", "text"]
        assert len(manifest["chunks"]) > 1, "CHUNK_BYTES should cut the demo index into several chunks"
        assert sorted(p.name for p in (folder / lang).glob("terms-*.json")) == sorted(n for _, n in manifest["chunks"])
    assert json.loads((search_site / "search" / "tr.json").read_text("utf-8"))["pipeline"] == [
        "konsulta-trim", "konsulta-stem-tr"]
    assert json.loads((search_site / "search" / "ro.json").read_text("utf-8"))["pipeline"] == [
        "konsulta-trim", "konsulta-query-ro"]


def test_chunks_put_back_together_are_the_index_built_in_memory(search_site, built_indexes):
    for lang, (entries, index) in built_indexes.items():
        loaded = _index(search_site, lang)
        assert loaded.serialize() == index.serialize(), lang
        assert loaded.inverted_index == index.inverted_index
        assert {ref: v.elements for ref, v in loaded.field_vectors.items()} == {
            ref: v.elements for ref, v in index.field_vectors.items()}
        assert loaded.token_set.to_list() == index.token_set.to_list()


def test_a_missing_chunk_or_a_term_in_the_wrong_chunk_fails(search_site, tmp_path):
    from konsulta_search.indexer import ChunkError, chunk_for, load_index, read_chunks

    folder = tmp_path / "search"
    shutil.copytree(search_site / "search", folder)
    manifest, rows = read_chunks(folder, "en")
    for row in rows:
        assert chunk_for(manifest, row[0]) is not None
        assert json.loads((folder / "en" / chunk_for(manifest, row[0])).read_text("utf-8")).count(row) == 1
    chunks = manifest["chunks"]
    first, second = (folder / "en" / chunks[0][1]), (folder / "en" / chunks[1][1])

    # A term moved to the end of the next chunk: outside that chunk's range.
    saved = first.read_text("utf-8"), second.read_text("utf-8")
    a, b = json.loads(saved[0]), json.loads(saved[1])
    b.append(a.pop())
    first.write_text(json.dumps(a), "utf-8")
    second.write_text(json.dumps(b), "utf-8")
    with pytest.raises(ChunkError, match="outside its range"):
        load_index(folder, "en")

    # The first term of a chunk moved to the end of the previous one: that chunk no longer starts where listed.
    a, b = json.loads(saved[0]), json.loads(saved[1])
    a.append(b.pop(0))
    first.write_text(json.dumps(a), "utf-8")
    second.write_text(json.dumps(b), "utf-8")
    with pytest.raises(ChunkError):
        load_index(folder, "en")

    first.write_text(saved[0], "utf-8")
    second.write_text(saved[1], "utf-8")
    load_index(folder, "en")
    second.unlink()
    with pytest.raises(ChunkError, match="missing"):
        load_index(folder, "en")


def lunr_builder_index(lang: str, entries: list):
    """The index as lunr.py's Builder.add makes it, tokenising and running the index pipeline itself."""
    from konsulta_search.indexer import FIELDS
    from konsulta_search.pipeline import index_pipeline, lower, search_pipeline
    from lunr.builder import Builder

    builder = Builder()
    builder.pipeline.add(*index_pipeline(lang))
    builder.search_pipeline.add(*search_pipeline(lang))
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost)
    for ref, entry in enumerate(entries):
        builder.add({"id": str(ref), **{name: lower(lang, getattr(entry, name)) for name, _ in FIELDS}})
    return builder.build()


def test_index_builder_gives_the_index_of_lunr_builder_add(built_indexes):
    for lang, (entries, index) in built_indexes.items():
        reference = lunr_builder_index(lang, entries)
        assert index.serialize() == reference.serialize(), lang
        assert [p["_index"] for p in index.inverted_index.values()] == [
            p["_index"] for p in reference.inverted_index.values()]
        assert json.dumps(index.serialize(), ensure_ascii=False) == json.dumps(reference.serialize(), ensure_ascii=False)


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
    for path in (DEMO / lang).glob("*.md"):
        for word in re.split(r"[\s\-]+", lower(lang, path.read_text("utf-8"))):
            word = trim(word)
            if word and not word.isdigit():
                words.add(word)
    return sorted(words)


def pipeline_terms(lang: str, words: list[str]) -> dict:
    """Per word of the content, the terms lunr.py's index pipeline and search pipeline give: search.js must
    give the same from the labels in the manifest (tests/js: "pipelines agree")."""
    from konsulta_search.pipeline import index_pipeline, search_pipeline
    from lunr.pipeline import Pipeline

    index, query = Pipeline(), Pipeline()
    index.add(*index_pipeline(lang))
    query.add(*search_pipeline(lang))
    return {w: [index.run_string(w), query.run_string(w)] for w in words}


def node_cases(site: Path, golden: dict) -> dict:
    from konsulta_search.pipeline import fold, query_variants, stem_variants, trim

    stems = {}
    for lang in LANGUAGES:
        if lang in ("tr", "ro", "sr"):
            stems[lang] = {w: stem_variants(lang, w) for w in content_words(lang)}
        else:
            stems[lang] = {w: [fold(trim(w))] for w in content_words(lang)}
    variants = {"ro": {w: query_variants("ro", w) for w in content_words("ro") + ["consultatie", "consultatiei"]}}
    # Every word of the content through both pipelines of every language, the Albanian rules and the Serbian
    # Snowball stemmer among them; and Albanian forms the demo lacks, Serbian in Cyrillic and with dj for đ.
    extra = {"sq": ["konsultimesh", "qytetarëve", "strategjisë", "zyrave", "KONSULTIMEVE"],
             "sr": ["закона", "консултације", "gradjana", "GRAĐANA"]}
    # English: lunr.js and lunr.py stem a final y differently (pipeline.BrowserPorter); the words here are
    # those where they did: y after a vowel, after a consonant, after a first letter, a first y.
    extra["en"] = ["days", "delays", "cry", "by", "sky", "policy", "policies", "yearly", "employ", "Monday"]
    pipelines = {lang: pipeline_terms(lang, content_words(lang) + extra.get(lang, [])) for lang in LANGUAGES}
    return {"site": str(site), "queries": python_results(site, golden), "stems": stems, "query_variants": variants,
            "pipelines": pipelines}


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

    for lang in LANGUAGES:
        page = BeautifulSoup((search_site / lang / "search" / "index.html").read_text("utf-8"), "html.parser")
        box = page.find(attrs={"data-search": True})
        assert box["data-lang"] == lang
        nojs = box.find(attrs={"data-search-nojs": True})
        assert nojs.find("a", href=re.compile(r"/consultations/$")), "the no-JS message links the listings"
        assert box.find("form")["hidden"] is not None
        assert box.find(attrs={"role": "status"})["aria-live"] == "polite"
        assert all(box.find("label", attrs={"for": s["id"]}) for s in box.find_all(["select", "input"]))
        scripts = [s["src"] for s in page.find_all("script")]
        # The status script first: search.js corrects a result's status with it (tests/test_status_script.py).
        assert scripts == ["../../theme/js/consultation-status.js", "../../search/search.js"], scripts
    # the page's script is the theme's search.js minified (the Node tests run this very file): a third smaller
    source = (ROOT / "theme" / "static" / "js" / "search.js").read_text("utf-8")
    script = (search_site / "search" / "search.js").read_text("utf-8")
    assert len(script) < 0.7 * len(source)
    assert "Konsulta search. In the browser" in source and "Konsulta search" not in script, "comments are removed"
    home = BeautifulSoup((search_site / "tr" / "index.html").read_text("utf-8"), "html.parser")
    header_form = home.find("form", class_="search-box")
    assert header_form["method"] == "get" and header_form["action"].endswith("tr/search/")
    assert header_form.find("input", attrs={"name": "q"})


def test_language_without_documents_gets_an_empty_index(tmp_path):
    """tests/sites/minimal has no Romanian document: its index must still load and answer."""
    import json

    from lunr.index import Index

    import konsulta_search.pipeline  # noqa: F401 - registers the pipeline labels the index names

    from konsulta_search.indexer import load_index

    site = build(SITES / "minimal", tmp_path / "output", **search_overrides())
    data = json.loads((site / "search" / "ro.json").read_text("utf-8"))
    assert data["chunks"] == [] and data["documents"] == 0 and data["version"] == "2.3.9"
    index = load_index(site / "search", "ro")
    assert index.search("consultare") == []
    assert Index.load(index.serialize()).search("consultare") == []


@pytest.mark.parametrize("value", [0, 499, "10000", 1.5])
def test_search_chunk_size_setting_is_checked(value):
    from konsulta_content.config import ConfigError, load_config

    with pytest.raises(ConfigError, match=r"KONSULTA\['search_chunk_bytes'\]: give a whole number of bytes"):
        load_config({"KONSULTA": {"languages": ["en"], "search_chunk_bytes": value}, "DEFAULT_LANG": "en",
                     "TIMEZONE": "Europe/Istanbul", "PLUGINS": ["konsulta_search"]})
