/* Konsulta search. In the browser: the search page's behaviour, loading lunr.js and the index only when
   the reader starts to search, and of the index only the chunks that hold the query's terms. In Node
   (tests/js/): the same text pipelines, chunk loading and query steps, so that the index files written by
   plugins/konsulta_search give the same documents as lunr.py.
   The pipeline functions here mirror plugins/konsulta_search/pipeline.py, under the same labels. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.KonsultaSearch = api;
    if (root.document) { api.startPage(root.document, root); }
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SPECIAL = { "ı": "i", "İ": "i", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "œ": "oe" };
  var SPECIAL_RE = /[ıİßøØłŁđĐæœ]/g;
  var MARKS_RE = /\p{M}/gu;
  var EDGES_RE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var SEPARATOR_RE = /[\s\-]+/;
  var RO_RESTORABLE_RE = /[st](?=i)/g;
  var MAX_RESTORED = 3;
  var lunrRef = null;
  var stemCache = Object.create(null);

  function fold(word) {
    return word.replace(SPECIAL_RE, function (c) { return SPECIAL[c]; })
      .normalize("NFKD").replace(MARKS_RE, "").toLowerCase();
  }
  function trim(word) { return word.replace(EDGES_RE, ""); }
  /* `casing` is the language's lowercase rule, as the build wrote it in the index's manifest ("lowercase",
     from plugins/konsulta_search/pipeline.py LANGUAGES): "tr" lowercases I to ı and İ to i. */
  function lower(casing, text) {
    if (casing === "tr") { text = text.replace(/I/g, "ı").replace(/İ/g, "i"); }
    return text.toLowerCase();
  }
  function words(casing, query) {
    return lower(casing, query).trim().split(SEPARATOR_RE).filter(Boolean);
  }

  /* Snowball stems from the stemmer the page loaded (theme/static/js/vendor/lunr.<lang>.js). lunr-languages'
     Romanian stemmer knows only the cedilla letters ş ţ; Snowball 3 (Python) uses comma-below ș ț: translate
     in and out. A Turkish proper name keeps its suffix after an apostrophe (Ankara'daki): stem the name. */
  function stem(lang, word) {
    var cache = stemCache[lang] || (stemCache[lang] = new Map());
    var found = cache.get(word);
    if (found !== undefined) { return found; }
    if (!lunrRef || !lunrRef[lang] || !lunrRef[lang].stemmer) { throw new Error("lunr." + lang + ".stemmer is not loaded"); }
    if (lang === "ro") {
      found = lunrRef.ro.stemmer(word.replace(/ș/g, "ş").replace(/ț/g, "ţ")).replace(/ş/g, "ș").replace(/ţ/g, "ț");
    } else if (lang === "tr") {
      found = lunrRef.tr.stemmer(word.split(/['\u2019]/)[0] || word);
    } else {
      found = lunrRef[lang].stemmer(word);
    }
    cache.set(word, found);
    return found;
  }
  function stemVariants(lang, word) {
    var found = [fold(stem(lang, word))];
    var plain = stem(lang, fold(word));
    if (found.indexOf(plain) < 0) { found.push(plain); }
    return found;
  }
  function queryVariants(lang, word) {
    var found = stemVariants(lang, word);
    if (lang !== "ro") { return found; }
    var positions = [], match;
    RO_RESTORABLE_RE.lastIndex = 0;
    while ((match = RO_RESTORABLE_RE.exec(word)) !== null) { positions.push(match.index); }
    positions = positions.slice(-MAX_RESTORED);
    for (var mask = 1; mask < (1 << positions.length); mask++) {
      var letters = Array.from(word);
      for (var bit = 0; bit < positions.length; bit++) {
        if ((mask >> bit) & 1) { letters[positions[bit]] = letters[positions[bit]] === "s" ? "ș" : "ț"; }
      }
      var variant = fold(stem(lang, letters.join("")));
      if (found.indexOf(variant) < 0) { found.push(variant); }
    }
    return found;
  }

  /* A light stemmer as data: the suffix rules the build wrote into the manifest ("rules", from
     plugins/konsulta_search/stem-<lang>.json), run as pipeline.SuffixRules runs them in Python: on the folded
     word, cut the longest ending that leaves min_stem letters, then trailing vowels down to min_stem; a stop
     word gives no term; a query word also tries the word with only its vowels cut. Endings come longest first. */
  function SuffixRules(data) {
    this.minStem = data.min_stem;
    this.endings = data.endings;
    this.vowels = data.final_vowels;
    this.queryBare = data.query_bare;
    this.stopWords = new Set(data.stop_words);
    this.cache = { index: new Map(), query: new Map() };
  }
  SuffixRules.prototype.stripVowels = function (word) {
    while (word.length > this.minStem && this.vowels.indexOf(word[word.length - 1]) >= 0) { word = word.slice(0, -1); }
    return word;
  };
  SuffixRules.prototype.stem = function (word) {
    for (var i = 0; i < this.endings.length; i++) {
      var ending = this.endings[i];
      if (word.length - ending.length >= this.minStem && word.slice(-ending.length) === ending) {
        word = word.slice(0, -ending.length);
        break;
      }
    }
    return this.stripVowels(word);
  };
  SuffixRules.prototype.variants = function (word, query) {
    var cache = this.cache[query ? "query" : "index"], found = cache.get(word);
    if (found) { return found; }
    var folded = fold(word);
    if (this.stopWords.has(folded)) {
      found = [];
    } else {
      found = [this.stem(folded)];
      var bare = this.stripVowels(folded);
      if (query && this.queryBare && found.indexOf(bare) < 0) { found.push(bare); }
    }
    cache.set(word, found);
    return found;
  };
  /* Registers the rules functions of a manifest's language, under the labels the manifest gives them. */
  function installRules(lunr, manifest) {
    var data = manifest && manifest.rules;
    if (!data || lunr.Pipeline.registeredFunctions[data.index] !== undefined) { return; }
    var rules = new SuffixRules(data);
    [[data.index, false], [data.query, true]].forEach(function (pair) {
      lunr.Pipeline.registerFunction(function (token) {
        return rules.variants(token.toString(), pair[1]).map(function (v) { return token.clone(function () { return v; }); });
      }, pair[0]);
    });
  }

  function stemFunction(lang, variants) {
    return function (token) {
      return variants(lang, token.toString()).map(function (v) { return token.clone(function () { return v; }); });
    };
  }

  /* Registers the pipeline functions with lunr.js (and the Snowball stemmers already loaded), and those of
     the suffix rules a manifest carries. */
  function install(lunr, manifest) {
    installRules(lunr, manifest);
    lunrRef = lunr;
    var functions = {
      "konsulta-trim": function (token) {
        token.update(function (s) { return trim(s); });
        return token.toString() ? token : undefined;
      },
      "konsulta-normalise": function (token) { return token.update(function (s) { return fold(s); }); },
      "konsulta-stem-tr": stemFunction("tr", stemVariants),
      "konsulta-stem-ro": stemFunction("ro", stemVariants),
      "konsulta-query-ro": stemFunction("ro", queryVariants),
      "konsulta-stem-sr": stemFunction("sr", stemVariants)
    };
    Object.keys(functions).forEach(function (label) {
      if (lunr.Pipeline.registeredFunctions[label] === undefined) {
        lunr.Pipeline.registerFunction(functions[label], label);
      }
    });
    return lunr;
  }

  /* The functions the build ran on the documents' text, by label, as the manifest names them. */
  function indexPipeline(lunr, manifest) {
    installRules(lunr, manifest);
    return lunr.Pipeline.load(manifest.index_pipeline);
  }

  /* --- search as you type -----------------------------------------------------------------------------
     Without options, search() is plugins/konsulta_search/query.py step for step (the golden tests compare
     them). The page adds two things, measured with the golden set of scripts/bench_search.py:
     - prefix: the last word, while it is being typed (no space after it), also matches every index term
       that starts with it (folded) or with its stems, so `konsult` finds konsultimi; whole words are stemmed
       as before. At most MAX_EXPANSIONS terms per word, each weighing EXPANDED_BOOST against an exact term.
     - typo: a word of TYPO_MIN_LENGTH letters or more that matches nothing also matches the index terms one
       edit away (a letter added, dropped, changed, or two swapped) from one of its stems or its folded form,
       among those that start with its first TYPO_SAME_START letters (so only those chunks are fetched). Only
       for a word that matches nothing, so a query that finds something finds exactly what it did. */
  var MAX_EXPANSIONS = 30;
  var EXPANDED_BOOST = 0.3;
  var TYPO_MIN_LENGTH = 5;
  var TYPO_SAME_START = 2;
  var HIGHEST = "\uffff";

  /* Each word of the query: its terms from the search pipeline (stop words give none and are left out),
     and the prefixes it may match by (the last word, in prefix mode). */
  function analyse(pipeline, casing, query, options) {
    var ws = words(casing, query), found = [];
    ws.forEach(function (word, n) {
      var variants = pipeline.runString(word).filter(function (v, i, all) { return all.indexOf(v) === i; });
      if (!variants.length) { return; }
      var item = { word: fold(trim(word)), variants: variants, prefixes: [] };
      if (options && options.prefix && n === ws.length - 1) {
        item.prefixes = [item.word].concat(variants).filter(function (v, i, all) { return v && all.indexOf(v) === i; });
      }
      found.push(item);
    });
    return found;
  }
  function within1(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||  // one letter changed
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));  // two swapped
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);  // one dropped or added
  }
  /* The index's terms in order (lunr's TokenSet holds them, sorted, in the index the page built). */
  function sortedTerms(idx) {
    if (!idx.konsultaTerms) { idx.konsultaTerms = Object.keys(idx.invertedIndex).sort(); }
    return idx.konsultaTerms;
  }
  function lowerBound(terms, value) {
    var low = 0, high = terms.length;
    while (low < high) { var middle = (low + high) >> 1; if (terms[middle] < value) { low = middle + 1; } else { high = middle; } }
    return low;
  }
  function termsStarting(idx, prefix, limit) {
    var terms = sortedTerms(idx), found = [];
    for (var i = lowerBound(terms, prefix); i < terms.length && found.length < limit && terms[i].lastIndexOf(prefix, 0) === 0; i++) {
      found.push(terms[i]);
    }
    return found;
  }
  function typoStart(word) { return word.slice(0, TYPO_SAME_START); }
  function typoTerms(idx, item) {
    var found = [];
    [item.word].concat(item.variants).forEach(function (form) {
      if (Array.from(form).length < TYPO_MIN_LENGTH) { return; }
      termsStarting(idx, typoStart(form), Infinity).forEach(function (term) {
        if (found.length < MAX_EXPANSIONS && found.indexOf(term) < 0 && within1(form, term)) { found.push(term); }
      });
    });
    return found;
  }
  /* Per word, the index terms it matches, each with its boost; null when a word matches nothing. */
  function matchTerms(idx, items, options) {
    var has = function (t) { return Object.prototype.hasOwnProperty.call(idx.invertedIndex, t); };
    var groups = [];
    for (var n = 0; n < items.length; n++) {
      var item = items[n], group = [];
      item.variants.filter(has).forEach(function (t) { group.push([t, 1]); });
      item.prefixes.forEach(function (p) {
        termsStarting(idx, p, MAX_EXPANSIONS).forEach(function (t) {
          if (!group.some(function (g) { return g[0] === t; }) && group.length < MAX_EXPANSIONS) { group.push([t, EXPANDED_BOOST]); }
        });
      });
      if (!group.length && options && options.typo) {
        typoTerms(idx, item).forEach(function (t) { group.push([t, EXPANDED_BOOST]); });
      }
      if (!group.length) { return null; }
      groups.push(group);
    }
    return groups;
  }

  /* The query steps of plugins/konsulta_search/query.py; with options {prefix, typo}, as the page types. */
  function search(idx, casing, query, options) {
    var groups = matchTerms(idx, analyse(idx.pipeline, casing, query, options), options);
    if (!groups || !groups.length) { return []; }
    var results = idx.query(function (q) {
      groups.forEach(function (group) {
        group.forEach(function (pair) { q.term(pair[0], { usePipeline: false, boost: pair[1] }); });
      });
    });
    return results.filter(function (r) {
      return groups.every(function (group) {
        return group.some(function (pair) { return Object.prototype.hasOwnProperty.call(r.matchData.metadata, pair[0]); });
      });
    });
  }

  /* --- the index in chunks (plugins/konsulta_search/indexer.py) ----------------------------------------
     search/{lang}.json lists the chunks by their first term; a chunk holds, per term in its range, the term,
     its lunr _index and per field the postings [document gap, score, ...]. A query's terms come from the
     search pipeline alone (exact terms: no wildcard, no fuzziness), so only their chunks are fetched. lunr
     scores a field as dot(query vector, field vector) / |query vector|: the components of other terms do
     not count, so field vectors holding only the loaded terms give the scores of the whole index. */
  function queryTerms(pipeline, casing, query) {
    var terms = [];
    words(casing, query).forEach(function (word) {
      pipeline.runString(word).forEach(function (t) { if (terms.indexOf(t) < 0) { terms.push(t); } });
    });
    return terms;
  }
  /* The chunk whose range holds `term`: the last whose first term is <= term (JavaScript's string order,
     which the build sorts by too), or null before the first chunk. */
  function chunkFor(manifest, term) {
    var chunks = manifest.chunks, low = 0, high = chunks.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (chunks[middle][0] <= term) { low = middle + 1; } else { high = middle; }
    }
    return low ? chunks[low - 1][1] : null;
  }
  /* Every chunk whose range meets [low, high]. */
  function chunksBetween(manifest, low, high) {
    var names = [];
    for (var i = 0; i < manifest.chunks.length; i++) {
      var next = manifest.chunks[i + 1];
      if (manifest.chunks[i][0] <= high && (!next || next[0] > low)) { names.push(manifest.chunks[i][1]); }
    }
    return names;
  }
  function ChunkedIndex(lunr, manifest) {
    if (manifest.version !== lunr.version) {
      lunr.utils.warn("search index written for lunr " + manifest.version + ", not " + lunr.version);
    }
    installRules(lunr, manifest);
    this.lunr = lunr;
    this.manifest = manifest;
    this.pipeline = lunr.Pipeline.load(manifest.pipeline);
    this.invertedIndex = Object.create(null);
    this.fieldVectors = Object.create(null);
    this.terms = [];
    this.loaded = Object.create(null);
    this.pending = Object.create(null);
    this.index = null;
  }
  /* Names of the chunks a query needs that are not loaded yet: those of its terms, every chunk a prefix's
     terms may be in, and with options.typo those of the words' typo ranges (typoRanges). */
  ChunkedIndex.prototype.needed = function (casing, query, options) {
    var names = [], manifest = this.manifest, loaded = this.loaded;
    var want = function (name) { if (name && !loaded[name] && names.indexOf(name) < 0) { names.push(name); } };
    var items = analyse(this.pipeline, casing, query, options);
    items.forEach(function (item) {
      item.variants.forEach(function (term) { want(chunkFor(manifest, term)); });
      item.prefixes.forEach(function (prefix) { chunksBetween(manifest, prefix, prefix + HIGHEST).forEach(want); });
      if (options && options.typo) {
        [item.word].concat(item.variants).forEach(function (form) {
          if (Array.from(form).length >= TYPO_MIN_LENGTH) {
            chunksBetween(manifest, typoStart(form), typoStart(form) + HIGHEST).forEach(want);
          }
        });
      }
    });
    return names;
  };
  ChunkedIndex.prototype.add = function (name, rows) {
    if (this.loaded[name]) { return; }
    var fields = this.manifest.fields;
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r], term = row[0], termIndex = row[1], posting = { _index: termIndex };
      for (var f = 0; f < fields.length; f++) {
        var flat = row[2 + f], refs = {}, ref = 0;
        for (var n = 0; n < flat.length; n += 2) {
          ref += flat[n];
          refs[ref] = {};
          var key = fields[f] + "/" + ref;
          var vector = this.fieldVectors[key] || (this.fieldVectors[key] = new this.lunr.Vector());
          vector.insert(termIndex, flat[n + 1]);  // keeps the elements sorted by term index
        }
        posting[fields[f]] = refs;
      }
      if (!(term in this.invertedIndex)) { this.terms.push(term); }
      this.invertedIndex[term] = posting;
    }
    this.loaded[name] = true;
    this.index = null;
  };
  /* A lunr.Index over the chunks loaded so far (made again only after new chunks arrived). */
  ChunkedIndex.prototype.build = function () {
    if (!this.index) {
      this.terms.sort();
      this.index = new this.lunr.Index({
        invertedIndex: this.invertedIndex, fieldVectors: this.fieldVectors,
        tokenSet: this.lunr.TokenSet.fromArray(this.terms), fields: this.manifest.fields, pipeline: this.pipeline
      });
      this.index.konsultaTerms = this.terms;  // sorted above: prefixes and typos look terms up in it
    }
    return this.index;
  };
  /* Fetches (with fetchChunk(name) -> Promise of rows) the chunks the query needs; resolves to the index. */
  ChunkedIndex.prototype.ensure = function (casing, query, fetchChunk, options) {
    var self = this;
    return Promise.all(this.needed(casing, query, options).map(function (name) {
      if (!self.pending[name]) {
        self.pending[name] = Promise.resolve(fetchChunk(name)).then(function (rows) { self.add(name, rows); },
          function (error) { delete self.pending[name]; throw error; });
      }
      return self.pending[name];
    })).then(function () { return self.build(); });
  };

  /* A .gz beside the file, inflated with DecompressionStream (static hosts then send gzip-sized bytes);
     the plain file where the browser cannot, or the host already decoded it. */
  function fetchJSON(window, url) {
    var plain = function () {
      return window.fetch(url).then(function (r) { if (!r.ok) { throw new Error(url); } return r.json(); });
    };
    if (typeof window.DecompressionStream !== "function") { return plain(); }
    return window.fetch(url + ".gz").then(function (r) {
      if (!r.ok) { throw new Error(url); }
      return new window.Response(r.body.pipeThrough(new window.DecompressionStream("gzip"))).json();
    }).catch(plain);
  }

  /* Splits text into pieces, each {text, marked}, marking words whose index terms were matched. */
  function markText(pipeline, casing, text, terms) {
    var pieces = [], pattern = /[^\s\-]+/g, last = 0, m, any = false;
    while ((m = pattern.exec(text)) !== null) {
      var raw = m[0], core = trim(raw);
      var tokens = core ? pipeline.runString(lower(casing, core)) : [];
      var hit = tokens.some(function (t) { return terms.has(t); });
      if (hit) {
        var start = m.index + raw.indexOf(core);
        pieces.push({ text: text.slice(last, start), marked: false });
        pieces.push({ text: core, marked: true });
        last = start + core.length;
        any = true;
      }
    }
    pieces.push({ text: text.slice(last), marked: false });
    return { pieces: pieces.filter(function (p) { return p.text; }), any: any };
  }

  /* A window of about `size` words of text around the first marked word, or null. */
  function snippet(pipeline, casing, text, terms, size) {
    var ws = text.split(/\s+/);
    for (var i = 0; i < ws.length; i++) {
      var core = trim(ws[i]);
      if (!core) { continue; }
      var tokens = ws[i].split(/-+/).map(trim).filter(Boolean).reduce(function (all, part) {
        return all.concat(pipeline.runString(lower(casing, part)));
      }, []);
      if (tokens.some(function (t) { return terms.has(t); })) {
        var from = Math.max(0, i - Math.floor(size / 3)), to = Math.min(ws.length, from + size);
        return (from > 0 ? "… " : "") + ws.slice(from, to).join(" ") + (to < ws.length ? " …" : "");
      }
    }
    return null;
  }

  /* The sections ([id, heading, text], from search/{lang}/{ref}.json) where the matched terms are most
     often, a word of the heading counting HEADING_WEIGHT times; at most `limit`, best first, document order
     between equals; only sections with an id (a heading) and at least one matched word. */
  var HEADING_WEIGHT = 3;
  function bestSections(pipeline, casing, sections, terms, limit) {
    var hits = new Map();
    var count = function (text) {
      var n = 0;
      (text.match(/[^\s\-]+/g) || []).forEach(function (raw) {
        var core = trim(raw);
        if (!core) { return; }
        var hit = hits.get(core);
        if (hit === undefined) {
          hit = pipeline.runString(lower(casing, core)).some(function (t) { return terms.has(t); });
          hits.set(core, hit);
        }
        if (hit) { n += 1; }
      });
      return n;
    };
    return sections.map(function (section, order) {
      return { section: section, order: order, score: section[0] ? HEADING_WEIGHT * count(section[1]) + count(section[2]) : 0 };
    }).filter(function (s) { return s.score > 0; }).sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    }).slice(0, limit).map(function (s) { return s.section; });
  }

  /* --- the page ------------------------------------------------------------------------------ */
  var DETAILED_RESULTS = 10;  // results whose text by section is fetched: snippet and sections
  var MAX_SECTIONS = 3;
  function startPage(document, window) {
    var box = document.querySelector("[data-search]");
    if (!box || !window.fetch || !("normalize" in String.prototype)) { return; }
    var lang = box.getAttribute("data-lang");
    var siteRoot = box.getAttribute("data-root");
    var form = box.querySelector("[data-search-form]");
    var input = box.querySelector("[data-search-input]");
    var status = box.querySelector("[data-search-status]");
    var list = box.querySelector("[data-search-results]");
    var filters = Array.prototype.slice.call(box.querySelectorAll("[data-search-filter]"));
    var msg = function (name) { return box.getAttribute("data-msg-" + name) || ""; };
    var state = { loading: null, store: null, docs: null, pipeline: null, casing: "", fragments: new Map(), timer: null, near: null, waiting: new Map() };

    box.querySelector("[data-search-nojs]").hidden = true;
    form.hidden = false;

    var params = new window.URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    filters.forEach(function (select) {
      var value = params.get(select.name);
      if (value && select.querySelector('option[value="' + window.CSS.escape(value) + '"]')) { select.value = value; }
    });
    // On a small screen the filters fold away unless one is chosen: the results start on the first screen.
    var fold = box.querySelector("[data-search-filters-fold]");
    if (fold && window.matchMedia && window.matchMedia("(max-width: 40rem)").matches &&
        filters.every(function (select) { return !select.value; })) {
      fold.open = false;
    }

    function loadScript(src) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = false;
        script.onload = resolve;
        script.onerror = function () { reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    function load() {
      if (state.loading) { return state.loading; }
      setStatus(msg("loading"));
      var scripts = box.getAttribute("data-scripts").split(/\s+/).filter(Boolean);
      var chain = scripts.reduce(function (p, src) { return p.then(function () { return loadScript(src); }); }, Promise.resolve());
      state.loading = Promise.all([chain, fetchJSON(window, base() + ".json"), fetchJSON(window, base() + "-docs.json")]).then(function (got) {
        var lunr = install(window.lunr, got[1]);
        state.store = new ChunkedIndex(lunr, got[1]);
        state.docs = got[2];
        /* A status the clock has changed since the build: the latest of the moments the index carries that
           has passed, as consultation-status.js (loaded before this script) compares them; no rule here. */
        if (window.Konsulta && window.Konsulta.latestPassed) {
          state.docs.docs.forEach(function (doc) { if (doc.ch) { doc.st = window.Konsulta.latestPassed(doc.ch, doc.st); } });
        }
        state.pipeline = indexPipeline(lunr, got[1]);
        state.casing = got[1].lowercase;
      });
      state.loading.catch(function () { setStatus(msg("error")); });
      return state.loading;
    }
    /* The index with the chunks of `query` loaded (for its prefixes and typo ranges too, as `options` say). */
    function indexFor(query, options) {
      return state.store.ensure(state.casing, query, function (name) { return fetchJSON(window, base() + "/" + name); }, options);
    }
    /* The language's search files: search/{lang}.json, -docs.json, and the folder of its chunks and texts. */
    function base() { return siteRoot + "search/" + lang; }
    function setStatus(text) { status.textContent = text; }
    function updateURL() {
      var next = new window.URLSearchParams();
      if (input.value.trim()) { next.set("q", input.value.trim()); }
      filters.forEach(function (select) { if (select.value) { next.set(select.name, select.value); } });
      var query = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }
    function optionLabel(name, value) {
      var select = filters.filter(function (s) { return s.name === name; })[0];
      var option = select && Array.prototype.filter.call(select.options, function (o) { return o.value === value; })[0];
      return option ? option.textContent : value;
    }
    function appendMarked(parent, pieces) {
      pieces.forEach(function (piece) {
        if (piece.marked) {
          var mark = document.createElement("mark");
          mark.textContent = piece.text;
          parent.appendChild(mark);
        } else {
          parent.appendChild(document.createTextNode(piece.text));
        }
      });
    }
    /* The summary, with its matched words marked; where the summary has none, a window of the document's
       text around its first matched word. Then the document's best-matching sections, each a link to its
       heading. Both need the document's text by section (search/{lang}/{ref}.json), fetched for the first
       results only, and for each only once it comes near the screen (whenNear). */
    function fillDetails(item, paragraph, ref, doc, terms) {
      var summary = markText(state.pipeline, state.casing, doc.s, terms);
      appendMarked(paragraph, summary.pieces);
      whenNear(item, function () {
        var fragment = state.fragments.get(ref);
        if (!fragment) {
          fragment = fetchJSON(window, base() + "/" + ref + ".json").catch(function () { return []; });
          state.fragments.set(ref, fragment);
        }
        fragment.then(function (sections) {
          if (!item.isConnected) { return; }
          if (!summary.any) {
            var text = sections.map(function (s) { return s[2]; }).join(" ");
            var found = text && snippet(state.pipeline, state.casing, text, terms, 30);
            if (found) {
              paragraph.textContent = "";
              appendMarked(paragraph, markText(state.pipeline, state.casing, found, terms).pieces);
            }
          }
          var best = bestSections(state.pipeline, state.casing, sections, terms, MAX_SECTIONS);
          if (best.length) { item.appendChild(sectionList(doc, best, terms)); }
        }).catch(function () {});
      });
    }
    /* Runs `fill` when `item` is on the screen or NEAR_SCREEN below it (scrolled to, or focused with the
       keyboard, which scrolls it there); at once where IntersectionObserver is missing. A draft's text is
       kilobytes: a result the reader never reaches costs nothing. A new list forgets the old one's items. */
    var NEAR_SCREEN = "0px 0px 120px 0px";
    function whenNear(item, fill) {
      if (!window.IntersectionObserver) { fill(); return; }
      if (!state.near) {
        state.near = new window.IntersectionObserver(function (entries) {
          entries.forEach(function (entry) {
            var waiting = state.waiting.get(entry.target);
            if (!entry.isIntersecting || !waiting) { return; }
            state.near.unobserve(entry.target);
            state.waiting.delete(entry.target);
            waiting();
          });
        }, { rootMargin: NEAR_SCREEN });
      }
      state.waiting.set(item, fill);
      state.near.observe(item);
    }
    function sectionList(doc, best, terms) {
      var sections = document.createElement("ul");
      sections.className = "search-result__sections";
      sections.setAttribute("aria-label", msg("sections"));
      best.forEach(function (section) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = siteRoot + doc.u + "#" + encodeURIComponent(section[0]);
        appendMarked(link, markText(state.pipeline, state.casing, section[1], terms).pieces);
        entry.appendChild(link);
        sections.appendChild(entry);
      });
      return sections;
    }
    function filtered(results) {
      return results.filter(function (r) {
        var doc = state.docs.docs[Number(r.ref)];
        return filters.every(function (select) {
          var key = select.getAttribute("data-search-filter"), value = select.value;
          if (!value) { return true; }
          return Array.isArray(doc[key]) ? doc[key].indexOf(value) >= 0 : doc[key] === value;
        });
      });
    }
    function render(results) {
      updateURL();
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (state.near) { state.near.disconnect(); state.waiting.clear(); }
      var query = input.value.trim();
      if (!query) { setStatus(msg("empty")); return; }
      setStatus(results.length ? msg("count").replace("{num}", String(results.length)) : msg("none"));
      results.slice(0, 50).forEach(function (r, position) {
        var doc = state.docs.docs[Number(r.ref)];
        var terms = new Set(Object.keys(r.matchData.metadata));
        var item = document.createElement("li");
        item.className = "search-result";
        var heading = document.createElement("h2");
        heading.className = "search-result__title";
        var link = document.createElement("a");
        link.href = siteRoot + doc.u;
        appendMarked(link, markText(state.pipeline, state.casing, doc.t, terms).pieces);
        heading.appendChild(link);
        var meta = document.createElement("p");
        meta.className = "document-list__meta";
        var type = document.createElement("span");
        type.className = "tag tag--" + doc.ty;
        type.textContent = optionLabel("type", doc.ty);
        meta.appendChild(type);
        meta.appendChild(document.createTextNode(" "));
        var time = document.createElement("time");
        time.setAttribute("datetime", doc.d);
        time.textContent = doc.dl;
        meta.appendChild(time);
        if (doc.st) {
          meta.appendChild(document.createTextNode(" "));
          var st = document.createElement("strong");
          st.className = "status-tag status-tag--" + doc.st;
          st.textContent = optionLabel("status", doc.st);
          meta.appendChild(st);
        }
        if (doc.b && state.docs.bodies[doc.b]) {
          meta.appendChild(document.createTextNode(" · " + msg("body").replace("{body}", state.docs.bodies[doc.b])));
        }
        var text = document.createElement("p");
        text.className = "search-result__snippet";
        item.appendChild(heading);
        item.appendChild(meta);
        item.appendChild(text);
        list.appendChild(item);
        if (position < DETAILED_RESULTS) { fillDetails(item, text, r.ref, doc, terms); } else { appendMarked(text, markText(state.pipeline, state.casing, doc.s, terms).pieces); }
      });
    }
    /* As the reader types: the last word matches by prefix until a space follows it; a query that finds
       nothing tries again with one typo allowed per long word (its chunks are fetched only then). */
    function run() {
      var typed = input.value, query = typed.trim();
      if (!query) { if (state.store) { render([]); } else { updateURL(); setStatus(""); } return; }
      var exact = { prefix: !/\s$/.test(typed) }, loose = { prefix: exact.prefix, typo: true };
      var current = function () { return input.value === typed; };  // else a later run renders its own query
      load().then(function () { return indexFor(query, exact); }).then(function (index) {
        if (!current()) { return null; }
        var results = filtered(search(index, state.casing, query, exact));
        if (results.length) { return results; }
        return indexFor(query, loose).then(function (looser) { return filtered(search(looser, state.casing, query, loose)); });
      }).then(function (results) {
        if (results && current()) { render(results); }
      }, function () { setStatus(msg("error")); });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); window.clearTimeout(state.timer); run(); });
    input.addEventListener("focus", function () { load(); }, { once: true });
    input.addEventListener("input", function () {
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(run, 200);
    });
    filters.forEach(function (select) { select.addEventListener("change", run); });
    if (input.value.trim()) { run(); }
  }

  return {
    fold: fold, trim: trim, lower: lower, words: words, stem: stem, stemVariants: stemVariants,
    queryVariants: queryVariants, SuffixRules: SuffixRules, install: install, indexPipeline: indexPipeline, search: search,
    queryTerms: queryTerms, chunkFor: chunkFor, ChunkedIndex: ChunkedIndex, fetchJSON: fetchJSON,
    markText: markText, snippet: snippet, bestSections: bestSections, startPage: startPage
  };
}));
