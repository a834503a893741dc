"""Search quality: the golden set (scripts/search-golden.yaml) through the built site's own search page in
Chromium, and through Pagefind on the same built site; recall@10 and mean reciprocal rank per language.

The site is the demo content (tests/sites/demo) plus the golden set's generated corpus
(bench_search.make_corpus). Each engine is a checkout of Konsulta with its own virtual environment
(`make .venv/bin/.installed`): this one, and with --before another (the search before a change, e.g. a
`git worktree add /tmp/before19 <commit>`), which builds the same content with its own code. Pagefind
(PAGEFIND_PYTHON, as for scripts/bench_search.py) indexes this checkout's built site, every language.

Per query, the search page is opened once per language, the field cleared, the query typed key by key, and
the result links read once the status line gives the count; for Pagefind, `pagefind.search(query)` on a
page in the language, the results' URLs read in its order. Only document pages count (Pagefind also
indexes listings and the search pages): a result is the slug of `/{lang}/{slug}/`, documents only.

- recall@10: of the documents a query expects, the share among the first 10 results; averaged over queries.
- MRR: 1 / the rank of the first expected document among the first 10 results (0 when none is there),
  averaged over queries.

Usage: .venv/bin/python scripts/bench_search_quality.py [--before /tmp/before19] [--out /tmp/bench-search-quality]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))
import bench_search  # noqa: E402

GOLDEN = ROOT / "scripts" / "search-golden.yaml"
DEMO = ROOT / "tests" / "sites" / "demo"
CUTOFF = 10
KINDS = ("exact", "multi", "inflected", "prefix", "typo")
WORD = re.compile(r"[^\W_]+")
DOCUMENT_PAGE = re.compile(r'<article[^>]*class="document[ "]')


def load_golden() -> dict:
    return yaml.safe_load(GOLDEN.read_text("utf-8"))


def make_content(golden: dict, target: Path) -> Path:
    """The demo content with the golden set's corpus added: the content every engine builds."""
    corpus = golden["corpus"]
    if target.exists():
        shutil.rmtree(target)
    bench_search.make_corpus(target, corpus["size"], corpus["seed"], tuple(corpus["langs"]))
    for path in DEMO.rglob("*"):
        if path.is_file():
            destination = target / path.relative_to(DEMO)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return target


def document_words(path: Path) -> set[str]:
    """The folded words of a document's front matter and body (title, summary, topics, text)."""
    from konsulta_search.pipeline import fold

    return {fold(w) for w in WORD.findall(path.read_text("utf-8"))}


def golden_problems(golden: dict, content: Path) -> list[str]:
    """What is wrong with the golden set against the content it is written for: an expected document that
    does not exist; an exact or multi-word query with a word its document lacks; a prefix that starts no
    word of its document. (Inflected forms and typos are meant to differ from the text.)"""
    from konsulta_search.pipeline import fold

    problems = []
    for lang, queries in golden["queries"].items():
        if len(queries) < 25:
            problems.append(f"{lang}: {len(queries)} queries, fewer than 25")
        for item in queries:
            q, kind = item["q"], item.get("kind")
            if kind not in KINDS:
                problems.append(f"{lang} {q!r}: kind {kind!r} is not one of {KINDS}")
            if not item.get("expect"):
                problems.append(f"{lang} {q!r}: expects no document")
            for slug in item.get("expect", []):
                path = content / lang / f"{slug}.md"
                if not path.is_file():
                    problems.append(f"{lang} {q!r}: no document {lang}/{slug}")
                    continue
                words = document_words(path)
                typed = [fold(w) for w in WORD.findall(q)]
                if kind in ("exact", "multi"):
                    problems.extend(f"{lang} {q!r}: {lang}/{slug} has no word {w!r}" for w in typed if w not in words)
                if kind == "prefix" and not any(w.startswith(typed[-1]) for w in words):
                    problems.append(f"{lang} {q!r}: no word of {lang}/{slug} starts with {typed[-1]!r}")
    return problems


BUILD = """import json, os, sys
root, content, output, overrides = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
sys.path[:0] = [os.path.join(root, "tests"), os.path.join(root, "plugins")]
os.chdir(root)
from pathlib import Path
from conftest import build
from pelican.settings import read_settings
settings = read_settings(os.path.join(root, "pelicanconf.py"))
plugins = list(settings["PLUGINS"])
konsulta = {**settings["KONSULTA"], "languages": overrides["languages"]}
build(Path(content), Path(output), KONSULTA=konsulta,
      PLUGINS=plugins if "konsulta_search" in plugins else plugins + ["konsulta_search"])
"""


def build_with(engine: Path, content: Path, output: Path, languages: list[str]) -> Path:
    """Builds `content` with the code and virtual environment of the checkout `engine`."""
    python = engine / ".venv" / "bin" / "python"
    env = {**os.environ, "KONSULTA_NOW": os.environ.get("KONSULTA_NOW", "2026-11-24T12:00:00+03:00")}
    subprocess.run([str(python), "-c", BUILD, str(engine), str(content), str(output),
                    json.dumps({"languages": languages})], check=True, env=env, cwd=engine)
    return output


def commit_of(engine: Path) -> str:
    head = subprocess.run(["git", "-C", str(engine), "log", "-1", "--format=%h %s"], capture_output=True, text=True,
                          check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(engine), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=True).stdout.strip()
    return head + (" (with uncommitted changes)" if dirty else "")


def slugs_of(urls: list[str], lang: str, documents: set[str]) -> list[str]:
    """The documents among result URLs, in order: `/{lang}/{slug}/`, slug a document of the site."""
    found = []
    for url in urls:
        match = re.search(rf"/{re.escape(lang)}/([^/?#]+)/(?:index\.html)?(?:[?#].*)?$", url)
        if match and match.group(1) in documents and match.group(1) not in found:
            found.append(match.group(1))
    return found


def site_documents(site: Path, lang: str) -> set[str]:
    """The slugs of the site's documents in `lang`: the pages whose article is a document."""
    return {page.parent.name for page in (site / lang).glob("*/index.html")
            if DOCUMENT_PAGE.search(page.read_text("utf-8"))}


READY = """([q, loading]) => { const status = document.querySelector('[data-search-status]').textContent;
  return new URLSearchParams(location.search).get('q') === q && status !== '' && status !== loading; }"""
CLEARED = "() => !new URLSearchParams(location.search).get('q')"
RESULT_LINKS = "(links) => links.map((a) => a.href)"


def run_search_page(browser, base_url: str, lang: str, queries: list[dict]) -> list[list[str]]:
    """Each query typed into the language's search page; the result links, in order, per query."""
    page = browser.new_page()
    page.goto(f"{base_url}/{lang}/search/")
    field = page.locator("[data-search-input]")
    loading = page.locator("[data-search]").get_attribute("data-msg-loading")
    found = []
    for item in queries:
        field.fill("")
        page.wait_for_function(CLEARED, timeout=30_000)
        field.press_sequentially(item["q"], delay=15)
        page.wait_for_function(READY, arg=[item["q"].strip(), loading], timeout=60_000)
        found.append(page.eval_on_selector_all(".search-result__title a", RESULT_LINKS))
    page.close()
    return found


PAGEFIND_PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Pagefind golden</title>
<script type="module">const pagefind = await import("/pagefind/pagefind.js"); await pagefind.options({{}});
window.pagefindSearch = async (q) => {{ const r = await pagefind.search(q);
  return Promise.all(r.results.slice(0, 50).map(async (x) => (await x.data()).url)); }};
window.pagefindReady = true;</script></head><body></body></html>"""


def run_pagefind_page(browser, base_url: str, site: Path, lang: str, queries: list[dict]) -> list[list[str]]:
    """Each query through Pagefind's own API on a page in the language (Pagefind picks the index of the
    page's `lang`, as it names it in pagefind-entry.json); the result URLs, in its order."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    code = next((name for name in entry["languages"] if name.split("-")[0] == lang), lang)
    (site / f"pagefind-golden-{lang}.html").write_text(PAGEFIND_PAGE.format(lang=code), "utf-8")
    page = browser.new_page()
    page.goto(f"{base_url}/pagefind-golden-{lang}.html")
    page.wait_for_function("() => window.pagefindReady === true", timeout=30_000)
    found = [page.evaluate("(q) => window.pagefindSearch(q)", item["q"]) for item in queries]
    page.close()
    return found


def score(expected: list[str], ranked: list[str]) -> tuple[float, float]:
    """(recall@10, reciprocal rank within the first 10) of one query."""
    top = ranked[:CUTOFF]
    recall = sum(1 for slug in expected if slug in top) / len(expected)
    rank = next((n for n, slug in enumerate(top, 1) if slug in expected), None)
    return recall, (1 / rank if rank else 0.0)


def summarise(rows: list[dict]) -> dict:
    def mean(values):
        return round(sum(values) / len(values), 3) if values else None
    groups = {"all": rows}
    for row in rows:
        groups.setdefault(row["lang"], []).append(row)
        groups.setdefault(f"kind:{row['kind']}", []).append(row)
    return {name: {"queries": len(group), "recall@10": mean([r["recall"] for r in group]),
                   "mrr": mean([r["rr"] for r in group])} for name, group in groups.items()}


def evaluate(golden: dict, site: Path, runner) -> list[dict]:
    rows = []
    for lang, queries in golden["queries"].items():
        documents = site_documents(site, lang)
        for item, urls in zip(queries, runner(lang, queries)):
            ranked = slugs_of(urls, lang, documents)
            recall, rr = score(item["expect"], ranked)
            rows.append({"lang": lang, "q": item["q"], "kind": item["kind"], "expect": item["expect"],
                         "top": ranked[:CUTOFF], "recall": recall, "rr": rr})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="a checkout of the search before the change, with its .venv")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-search-quality"))
    parser.add_argument("--no-pagefind", action="store_true")
    args = parser.parse_args()
    from browser import chromium, serve

    golden = load_golden()
    problems = golden_problems(golden, make_content(golden, args.out / "content"))
    if problems:
        sys.exit("the golden set does not fit its content:\n" + "\n".join(problems))
    languages = list(golden["queries"])
    engines = [("after", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    results = {}
    sites = {}
    for name, engine in engines:
        sites[name] = build_with(engine, args.out / "content", args.out / name / "output", languages)
        results[name] = {"commit": commit_of(engine)}
    if not args.no_pagefind:
        bench_search.run_pagefind(sites["after"], glob="**/*.html")
    with chromium() as browser:
        for name, site in sites.items():
            with serve(site) as base_url:
                rows = evaluate(golden, site, lambda lang, qs: run_search_page(browser, base_url, lang, qs))
                results[name].update(rows=rows, summary=summarise(rows))
        if not args.no_pagefind:
            site = sites["after"]
            with serve(site) as base_url:
                rows = evaluate(golden, site, lambda lang, qs: run_pagefind_page(browser, base_url, site, lang, qs))
                results["pagefind"] = {"commit": f"Pagefind on the site of {results['after']['commit']}",
                                       "rows": rows, "summary": summarise(rows)}
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    for name, result in results.items():
        print(f"{name}: {result['commit']}")
    columns = languages + [f"kind:{k}" for k in KINDS] + ["all"]
    print("\n| engine | " + " | ".join(c.removeprefix("kind:") for c in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, result in results.items():
        cells = [result["summary"].get(c) for c in columns]
        print(f"| {name} | " + " | ".join(f"{c['recall@10']:.2f} / {c['mrr']:.2f} ({c['queries']})" if c else "–"
                                           for c in cells) + " |")
    print(f"\ncells: recall@10 / MRR (queries); per-query results in {args.out / 'results.json'}")


if __name__ == "__main__":
    main()
