// lunr.js 2.3.9 on the index files a Python build wrote: the golden queries give the same documents as
// lunr.py, and the browser-side stemmers agree with Snowball 3 (Python). Driven by tests/test_search.py,
// which builds the site and writes the cases: KONSULTA_SEARCH_CASES names that JSON file.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const casesFile = process.env.KONSULTA_SEARCH_CASES;
const ci = (process.env.CI || "").toLowerCase() === "true";

function loadLunr(lang) {
  // A fresh lunr per language, as in the browser: one page loads one language's stemmer.
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`${path.sep}node_modules${path.sep}lunr`) || key.endsWith("search.js")) { delete require.cache[key]; }
  }
  const lunr = require(path.join(ROOT, "node_modules", "lunr"));
  require(path.join(ROOT, "node_modules", "lunr-languages", "lunr.stemmer.support.js"))(lunr);
  require(path.join(ROOT, "node_modules", "lunr-languages", "lunr.tr.js"))(lunr);
  require(path.join(ROOT, "node_modules", "lunr-languages", "lunr.ro.js"))(lunr);
  const search = require(path.join(ROOT, "theme", "static", "js", "search.js"));
  search.install(lunr);
  return { lunr, search };
}

if (!casesFile) {
  test("search cases from a Python build", (t) => {
    const message = "KONSULTA_SEARCH_CASES is not set: run `.venv/bin/python -m pytest tests/test_search.py`, which builds the site and runs these tests";
    if (ci) { assert.fail(message); }
    t.skip(message);
  });
} else {
  const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));

  test("golden queries: lunr.js returns the documents lunr.py returned, on the same index files", () => {
    const failures = [];
    for (const lang of Object.keys(cases.queries)) {
      const { lunr, search } = loadLunr(lang);
      const index = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(cases.site, "search", `${lang}.json`), "utf8")));
      const docs = JSON.parse(fs.readFileSync(path.join(cases.site, "search", `${lang}-docs.json`), "utf8")).docs;
      for (const { q, urls } of cases.queries[lang]) {
        const got = search.search(index, lang, q).map((r) => docs[Number(r.ref)].u).sort();
        if (JSON.stringify(got) !== JSON.stringify([...urls].sort())) {
          failures.push(`${lang} ${JSON.stringify(q)}: lunr.js ${JSON.stringify(got)} lunr.py ${JSON.stringify(urls)}`);
        }
      }
    }
    assert.deepStrictEqual(failures, []);
  });

  test("stemmers and normaliser agree with Python on the words of the content", () => {
    const report = {};
    const failures = [];
    for (const lang of Object.keys(cases.stems)) {
      const { search } = loadLunr(lang);
      let same = 0;
      const words = Object.entries(cases.stems[lang]);
      for (const [word, expected] of words) {
        const got = lang === "tr" || lang === "ro" ? search.stemVariants(lang, word) : [search.fold(search.trim(word))];
        if (JSON.stringify(got) === JSON.stringify(expected)) { same += 1; } else { failures.push(`${lang} ${word}: js ${got} py ${expected}`); }
      }
      report[lang] = `${same}/${words.length} (${(100 * same / Math.max(1, words.length)).toFixed(1)}%)`;
    }
    if (process.env.KONSULTA_SEARCH_REPORT) { fs.writeFileSync(process.env.KONSULTA_SEARCH_REPORT, JSON.stringify(report)); }
    console.log(`stem agreement: ${JSON.stringify(report)}`);
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
