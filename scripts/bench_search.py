"""Search benchmark: Konsulta's lunr index against Pagefind over the same built site.

For generated corpora of 1,000 and 5,000 documents (a quarter in each of tr, ro, sq, en, words drawn from
the demo content), builds the site with the search plugin, runs Pagefind over the output
(`pip install "pagefind[bin]"`, the `bench` extra; PAGEFIND_PYTHON names another Python that has it), and
reports per size:
- index bytes, raw and gzip (English: manifest, every chunk and display data; Pagefind: its whole bundle on disk);
- the English index's chunks: how many, and their gzip sizes (median / largest);
- bytes downloaded before the first result is shown, in headless Chromium (all requests after the page);
- query time in Chromium over a fixed query list, as the page searches while typing (the last word also by
  prefix): median and 95th percentile.

Usage: .venv/bin/python scripts/bench_search.py [--sizes 1000 5000] [--out /tmp/bench-search]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))
os.environ.setdefault("KONSULTA_NOW", "2026-11-24T12:00:00+03:00")
LANGS = ("tr", "ro", "sq", "en")
QUERIES = ["consultation", "public report", "information", "policy draft", "digital", "transparency", "citizens",
           "strategy", "project standards", "office", "guideline", "responses", "participation", "budget",
           "agency", "social media", "request", "plan", "government", "comments"]
TOPICS = {"tr": ["Katılım", "Şeffaflık", "Dijital dönüşüm"], "ro": ["Transparență", "Participare"],
          "sq": ["Konsultim publik", "Transparencë"], "sr": ["Javne konsultacije", "Transparentnost"], "en": ["Participation", "Transparency", "Digital"]}


def vocabulary(lang: str) -> list[str]:
    """The words of the demo's documents in ``lang``; not of its notice pages (privacy, accessibility), so
    that the generated corpus, and the golden queries written for it, stay as they were measured."""
    texts = (p.read_text("utf-8") for p in sorted((ROOT / "content" / lang).glob("*.md")))
    text = " ".join(t.split("---", 2)[-1] for t in texts if not re.search(r"^notice:", t.split("---", 2)[1], re.M))
    return [w for w in re.findall(r"[^\W\d_]{3,}", text)]


def make_corpus(target: Path, size: int, seed: int = 7, langs: tuple[str, ...] = LANGS) -> Path:
    """`size` news documents, `doc-NNNNN` in turn in each of `langs`, of words drawn from the demo content."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    words = {lang: vocabulary(lang) for lang in langs}
    for n in range(size):
        lang = langs[n % len(langs)]
        folder = target / lang
        folder.mkdir(parents=True, exist_ok=True)
        vocab = words[lang]
        title = " ".join(rng.choices(vocab, k=6)).capitalize()
        summary = " ".join(rng.choices(vocab, k=25)) + "."
        paragraphs = ["## " + " ".join(rng.choices(vocab, k=4)).capitalize() + "\n\n" +
                      " ".join(rng.choices(vocab, k=rng.randint(80, 160))) + "." for _ in range(3)]
        year = 2020 + n % 7
        (folder / f"doc-{n:05d}.md").write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ntype: news\ndate: {year}-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
            f"summary: {json.dumps(summary, ensure_ascii=False)}\ntopics: {json.dumps(rng.sample(TOPICS[lang], 1), ensure_ascii=False)}\n---\n"
            + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return target


def build_site(content: Path, output: Path) -> Path:
    from conftest import build
    from pelican.settings import read_settings

    plugins = list(read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"])
    overrides = {} if "konsulta_search" in plugins else {"PLUGINS": plugins + ["konsulta_search"]}
    os.chdir(ROOT)
    return build(content, output, **overrides)


PAGEFIND_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pagefind bench</title>
<script src="/pagefind-bench.js" type="module"></script></head><body><ol id="results"></ol></body></html>"""
PAGEFIND_JS = """const pagefind = await import("/pagefind/pagefind.js");
await pagefind.options({});
window.pagefindSearch = async (q) => { const r = await pagefind.search(q); return r.results; };
const q = new URLSearchParams(location.search).get("q");
if (q) { const results = await window.pagefindSearch(q);
  if (results.length) { const d = await results[0].data(); const li = document.createElement("li");
    li.className = "pf-result"; li.textContent = d.meta.title + " " + d.excerpt; document.getElementById("results").append(li); }
  else { const li = document.createElement("li"); li.className = "pf-result"; document.getElementById("results").append(li); } }
window.pagefindReady = true;"""


def run_pagefind(site: Path, glob: str = "en/**/*.html") -> float:
    started = time.perf_counter()
    subprocess.run([os.environ.get("PAGEFIND_PYTHON", sys.executable), "-m", "pagefind", "--site", str(site), "--glob", glob], check=True,
                   capture_output=True)
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, "utf-8")
    (site / "pagefind-bench.js").write_text(PAGEFIND_JS, "utf-8")
    return time.perf_counter() - started


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gzip_bytes(paths) -> int:
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)


def first_result_bytes(browser, url: str, selector: str, skip: str) -> int:
    """Bytes of every response after the page itself (scripts, index, data) until the first result shows."""
    context = browser.new_context()
    sizes = []

    def on_response(response):
        if response.url.split("?")[0].endswith(skip):
            return
        try:
            sizes.append(len(response.body()))
        except Exception:  # noqa: BLE001 (redirects, aborted)
            pass
    page = context.new_page()
    page.on("response", on_response)
    page.goto(url)
    page.wait_for_selector(selector, state="attached", timeout=60_000)
    page.wait_for_load_state("networkidle")
    total = sum(sizes)
    context.close()
    return total


LUNR_TIMER = """async ([queries, rounds]) => {
  await new Promise((resolve) => { const wait = () => window.lunr && window.KonsultaSearch && document.querySelector('.search-result') ? resolve() : setTimeout(wait, 20); wait(); });
  const manifest = await KonsultaSearch.fetchJSON(window, '../../search/en.json');
  const docs = await KonsultaSearch.fetchJSON(window, '../../search/en-docs.json');
  const store = new KonsultaSearch.ChunkedIndex(lunr, manifest);
  const typing = {prefix: true};  // as the page searches while the last word is typed
  for (const q of queries) { await store.ensure('en', q, (name) => KonsultaSearch.fetchJSON(window, '../../search/en/' + name), typing); }  // warm: chunks fetched once
  const times = [];
  for (let round = 0; round < rounds; round++) { for (const q of queries) {
    const t0 = performance.now(); const results = KonsultaSearch.search(store.build(), 'en', q, typing);
    results.slice(0, 10).map((r) => docs.docs[Number(r.ref)].t); times.push(performance.now() - t0); } }
  return times; }"""
PAGEFIND_TIMER = """async ([queries, rounds]) => {
  while (!window.pagefindReady) { await new Promise((r) => setTimeout(r, 20)); }
  for (const q of queries) { await window.pagefindSearch(q); }  // warm: chunks fetched once
  const times = [];
  for (let round = 0; round < rounds; round++) { for (const q of queries) {
    const t0 = performance.now(); const results = await window.pagefindSearch(q);
    await Promise.all(results.slice(0, 1).map((r) => r.data())); times.push(performance.now() - t0); } }
  return times; }"""


def query_times(browser, url: str, script: str, rounds: int = 5) -> tuple[float, float]:
    page = browser.new_page()
    page.goto(url)
    times = sorted(page.evaluate(script, [QUERIES, rounds]))
    page.close()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-search"))
    args = parser.parse_args()
    from browser import chromium, serve

    rows = []
    for size in args.sizes:
        base = args.out / str(size)
        content = make_corpus(base / "content", size)
        started = time.perf_counter()
        site = build_site(content, base / "output")
        build_seconds = time.perf_counter() - started
        pagefind_seconds = run_pagefind(site)
        search = site / "search"
        manifest = json.loads((search / "en.json").read_text("utf-8"))
        index_files = ["en.json", "en-docs.json"] + [f"en/{name}" for _, name in manifest["chunks"]]
        ours_raw = sum((search / n).stat().st_size for n in index_files)
        ours_gz = sum((search / f"{n}.gz").stat().st_size for n in index_files)
        chunk_gz = sorted((search / f"en/{name}.gz").stat().st_size for _, name in manifest["chunks"])
        pf = site / "pagefind"
        with serve(site) as base_url, chromium() as browser:
            ours_first = first_result_bytes(browser, f"{base_url}/en/search/?q=consultation", ".search-result",
                                            "/en/search/")
            pf_first = first_result_bytes(browser, f"{base_url}/pagefind-bench.html?q=consultation", ".pf-result",
                                          "/pagefind-bench.html")
            ours_median, ours_p95 = query_times(browser, f"{base_url}/en/search/?q=consultation", LUNR_TIMER)
            pf_median, pf_p95 = query_times(browser, f"{base_url}/pagefind-bench.html", PAGEFIND_TIMER)
        rows.append({"documents": size, "build_s": round(build_seconds, 1), "pagefind_s": round(pagefind_seconds, 1),
                     "lunr_index_raw": ours_raw, "lunr_index_gzip": ours_gz, "lunr_chunks": len(chunk_gz),
                     "lunr_chunk_gzip_median": chunk_gz[len(chunk_gz) // 2] if chunk_gz else 0,
                     "lunr_chunk_gzip_max": chunk_gz[-1] if chunk_gz else 0, "lunr_first_result_bytes": ours_first,
                     "lunr_query_median_ms": round(ours_median, 2), "lunr_query_p95_ms": round(ours_p95, 2),
                     "pagefind_bundle_raw": folder_bytes(pf), "pagefind_first_result_bytes": pf_first,
                     "pagefind_query_median_ms": round(pf_median, 2), "pagefind_query_p95_ms": round(pf_p95, 2)})
        print(json.dumps(rows[-1]), flush=True)
    print("\n| documents | ours: index raw / gzip (en) | ours: chunks (en), gzip median / max | ours: first result | "
          "ours: query median / p95 | Pagefind: bundle on disk | Pagefind: first result | Pagefind: query median / p95 |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['documents']} | {r['lunr_index_raw']:,} / {r['lunr_index_gzip']:,} B | "
              f"{r['lunr_chunks']}, {r['lunr_chunk_gzip_median']:,} / {r['lunr_chunk_gzip_max']:,} B | {r['lunr_first_result_bytes']:,} B | "
              f"{r['lunr_query_median_ms']} / {r['lunr_query_p95_ms']} ms | {r['pagefind_bundle_raw']:,} B | "
              f"{r['pagefind_first_result_bytes']:,} B | {r['pagefind_query_median_ms']} / {r['pagefind_query_p95_ms']} ms |")


if __name__ == "__main__":
    main()
