// lunr.js 2.3.9 on the index files a Python build wrote: the golden queries give the same documents (and
// scores) as lunr.py, each query loading only the chunks that hold its terms, as the browser does; and the
// browser-side stemmers agree with Snowball 3 (Python). Driven by tests/test_search.py, which builds the
// site and writes the cases: KONSULTA_SEARCH_CASES names that JSON file.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const ROOT = path.resolve(__dirname, "..", "..");
const casesFile = process.env.KONSULTA_SEARCH_CASES;
const ci = (process.env.CI || "").toLowerCase() === "true";

// The script the search page loads: search.js as the build minified it (search/search.js in the built site).
let pageScript = path.join(ROOT, "theme", "static", "js", "search.js");

function loadLunr(lang) {
  // A fresh lunr per language, as in the browser: one page loads one language's stemmer.
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`${path.sep}node_modules${path.sep}lunr`) || key.endsWith("search.js")) { delete require.cache[key]; }
  }
  const lunr = require(path.join(ROOT, "node_modules", "lunr"));
  require(path.join(ROOT, "node_modules", "lunr-languages", "lunr.stemmer.support.js"))(lunr);
  require(path.join(ROOT, "node_modules", "lunr-languages", "lunr.tr.js"))(lunr);
  require(path.join(ROOT, "node_modules", "lunr-languages", "lunr.ro.js"))(lunr);
  // Serbian: the vendored wrapper of @orama/stemmers (scripts/vendor_js.py), as the page loads it.
  require(path.join(ROOT, "theme", "static", "js", "vendor", "lunr.sr.js"))(lunr);
  const search = require(pageScript);
  search.install(lunr);
  return { lunr, search };
}

// The .gz the browser fetches, inflated (and checked against the plain file beside it).
function readJSON(file) {
  const inflated = zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString("utf8");
  assert.strictEqual(inflated, fs.readFileSync(file, "utf8"), `${file}.gz differs from ${file}`);
  return JSON.parse(inflated);
}

if (!casesFile) {
  test("search cases from a Python build", (t) => {
    const message = "KONSULTA_SEARCH_CASES is not set: run `.venv/bin/python -m pytest tests/test_search.py`, which builds the site and runs these tests";
    if (ci) { assert.fail(message); }
    t.skip(message);
  });
} else {
  const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
  pageScript = path.join(cases.site, "search", "search.js");

  test("golden queries: lunr.js loads only the query's chunks and returns what lunr.py returned", async () => {
    const failures = [];
    let partial = 0;
    for (const lang of Object.keys(cases.queries)) {
      const { lunr, search } = loadLunr(lang);
      const folder = path.join(cases.site, "search");
      const manifest = readJSON(path.join(folder, `${lang}.json`));
      const docs = readJSON(path.join(folder, `${lang}-docs.json`)).docs;
      for (const { q, refs } of cases.queries[lang]) {
        const store = new search.ChunkedIndex(lunr, manifest);  // a fresh page per query
        const fetched = [];
        const index = await store.ensure(lang, q, (name) => { fetched.push(name); return readJSON(path.join(folder, lang, name)); });
        const terms = search.queryTerms(store.pipeline, lang, q);
        const expected = [...new Set(terms.map((t) => search.chunkFor(manifest, t)).filter(Boolean))].sort();
        if (JSON.stringify([...fetched].sort()) !== JSON.stringify(expected)) {
          failures.push(`${lang} ${JSON.stringify(q)}: fetched ${fetched} for terms ${terms}, expected ${expected}`);
        }
        if (fetched.length < manifest.chunks.length) { partial += 1; }
        const got = search.search(index, lang, q);
        const same = got.length === Object.keys(refs).length && got.every((r) => r.ref in refs && Math.abs(r.score - refs[r.ref]) < 1e-9);
        if (!same) {
          const urls = (list) => list.map((ref) => docs[Number(ref)].u).sort();
          failures.push(`${lang} ${JSON.stringify(q)}: lunr.js ${JSON.stringify(got.map((r) => [docs[Number(r.ref)].u, r.score]))} ` +
                        `lunr.py ${JSON.stringify(urls(Object.keys(refs)))} ${JSON.stringify(refs)}`);
        }
        // The order of the results is lunr's: by score, as lunr.py ranked them.
        const scores = got.map((r) => r.score);
        if (scores.some((s, n) => n && s > scores[n - 1])) { failures.push(`${lang} ${JSON.stringify(q)}: not ranked by score`); }
      }
    }
    assert.deepStrictEqual(failures, []);
    assert.ok(partial > 0, "no golden query loaded fewer than all chunks: the test site should have several per language");
  });

  test("with every chunk loaded, the index answers as lunr.Index.load of the whole", () => {
    for (const lang of Object.keys(cases.queries)) {
      const { lunr, search } = loadLunr(lang);
      const folder = path.join(cases.site, "search");
      const manifest = readJSON(path.join(folder, `${lang}.json`));
      const store = new search.ChunkedIndex(lunr, manifest);
      for (const [, name] of manifest.chunks) { store.add(name, readJSON(path.join(folder, lang, name))); }
      const index = store.build();
      assert.strictEqual(index.tokenSet.toArray().length, Object.keys(index.invertedIndex).length);
      for (const { q } of cases.queries[lang]) {
        const fresh = new search.ChunkedIndex(lunr, manifest);
        for (const name of fresh.needed(lang, q)) { fresh.add(name, readJSON(path.join(folder, lang, name))); }
        const whole = search.search(index, lang, q).map((r) => [r.ref, r.score]);
        const part = search.search(fresh.build(), lang, q).map((r) => [r.ref, r.score]);
        assert.deepStrictEqual(part, whole, `${lang} ${q}`);
      }
    }
  });

  test("stemmers and normaliser agree with Python on the words of the content", () => {
    const report = {};
    const failures = [];
    for (const lang of Object.keys(cases.stems)) {
      const { search } = loadLunr(lang);
      let same = 0;
      const words = Object.entries(cases.stems[lang]);
      for (const [word, expected] of words) {
        const got = lang === "tr" || lang === "ro" || lang === "sr" ? search.stemVariants(lang, word) : [search.fold(search.trim(word))];
        if (JSON.stringify(got) === JSON.stringify(expected)) { same += 1; } else { failures.push(`${lang} ${word}: js ${got} py ${expected}`); }
      }
      report[lang] = `${same}/${words.length} (${(100 * same / Math.max(1, words.length)).toFixed(1)}%)`;
    }
    if (process.env.KONSULTA_SEARCH_REPORT) { fs.writeFileSync(process.env.KONSULTA_SEARCH_REPORT, JSON.stringify(report)); }
    console.log(`stem agreement: ${JSON.stringify(report)}`);
    assert.deepStrictEqual(failures.slice(0, 20), []);
  });

  test("pipelines agree: every word of the content gives the same index and query terms in both", () => {
    const failures = [];
    const report = {};
    for (const [lang, words] of Object.entries(cases.pipelines)) {
      const { lunr, search } = loadLunr(lang);
      const manifest = readJSON(path.join(cases.site, "search", `${lang}.json`));
      const index = search.indexPipeline(lunr, manifest);
      const query = lunr.Pipeline.load(manifest.pipeline);
      let same = 0;
      for (const [word, expected] of Object.entries(words)) {
        const got = [index.runString(word), query.runString(word)];
        if (JSON.stringify(got) === JSON.stringify(expected)) { same += 1; } else { failures.push(`${lang} ${word}: js ${JSON.stringify(got)} py ${JSON.stringify(expected)}`); }
      }
      report[lang] = `${same}/${Object.keys(words).length}`;
    }
    console.log(`pipeline agreement: ${JSON.stringify(report)}`);
    assert.ok(["sq", "sr", "en"].every((lang) => Object.keys(cases.pipelines).includes(lang)));
    assert.deepStrictEqual(failures.slice(0, 20), []);
  });

  test("query variants agree with Python (Romanian ș/ț restoration)", () => {
    const failures = [];
    for (const [lang, entries] of Object.entries(cases.query_variants)) {
      const { search } = loadLunr(lang);
      for (const [word, expected] of Object.entries(entries)) {
        const got = search.queryVariants(lang, word);
        if (JSON.stringify(got) !== JSON.stringify(expected)) { failures.push(`${lang} ${word}: js ${got} py ${expected}`); }
      }
    }
    assert.deepStrictEqual(failures, []);
  });
}
