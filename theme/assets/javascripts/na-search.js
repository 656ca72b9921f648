/* In-browser search of the archive: no server, any static host, any subfolder.
 *
 * The index is exported at build time by generator/index/browser_export.py from the same
 * analyzer and the same documents as `notice-archive search`; this script parses queries and
 * ranks by the same rules as generator/index/query.py and ranking.py, reading the query language
 * (field prefixes, ranking constants) from the exported meta.json. tests/search_vectors.json
 * checks both implementations. A query downloads meta, facets, the shards of its terms and the
 * notices it shows. Everything from notices is inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{Mn}/gu;
  var TONES = "\u0300\u0301\u0303\u0309\u0323";
  var TOKEN = /([\p{L}\p{Nl}\p{No}]+):("[^"]*"?|[^\s"]*)|"([^"]*)"?|([^\s"]+)/gu;
  var NUMBER = /^[0-9]+[/\\]\S*$/;
  var DIGITS = /^[0-9]+$/;
  var NUMBER_PARTS = /[/\-.]/;
  var SNIPPET = 220;

  /* ---- text: the same results as Python's generator.text / generator.index.analysis ---- */

  /* Lower case, every diacritic removed, đ → d: "Đề án" → "de an". */
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(MARKS, "").replace(/đ/g, "d");
  }

  /* The folded syllables of a text. */
  function words(text) {
    return (text.normalize("NFC").match(WORD) || []).map(fold);
  }

  function typedWords(text) {
    return (text.normalize("NFC").match(WORD) || []).map(function (w) { return w.toLowerCase(); });
  }

  /* One key per accented spelling whatever the tone placement: "hòa", "hoà" → "hoa2". */
  function accentKey(syllable) {
    var decomposed = syllable.normalize("NFC").toLowerCase().normalize("NFD"), base = "", tone = "";
    for (var i = 0; i < decomposed.length; i++) {
      var t = TONES.indexOf(decomposed[i]);
      if (t < 0) base += decomposed[i];
      else if (!tone) tone = String(t + 1);
    }
    return base.normalize("NFC") + tone;
  }

  function foldNumber(text) {
    return fold(text.normalize("NFC")).replace(/ /g, "").replace(/\\/g, "/");
  }

  function strip(text, chars) {
    var a = 0, b = text.length;
    while (a < b && chars.indexOf(text[a]) >= 0) a++;
    while (b > a && chars.indexOf(text[b - 1]) >= 0) b--;
    return text.slice(a, b);
  }

  function slugify(text) {
    return strip(fold(text.normalize("NFC")).replace(/[^a-z0-9]+/g, "-"), "-");
  }

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /* ---- the query language (generator/index/query.py) ---- */

  function fieldOf(spec, name) {
    return spec.fields.filter(function (f) { return f.name === name; })[0];
  }

  function parse(text, spec) {
    var prefixes = {}, clauses = [], m;
    spec.fields.forEach(function (f) { f.prefixes.forEach(function (p) { prefixes[p] = f; }); });
    text = (text || "").normalize("NFC");
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[1] !== undefined) {
        var entry = prefixes[fold(m[1])];
        var value = strip(strip(m[2], '"'), " \t\n\r\f\v");
        if (!entry) addWords(clauses, m[0]);       // "Lưu:" or "http:" is text, not a field
        else if (value) {
          var clause = fieldClause(entry, value);
          if (clause) clauses.push(clause);
        }
      } else if (m[3] !== undefined) addPhrase(clauses, m[3]);
      else addWords(clauses, m[4]);
    }
    return clauses;
  }

  function fieldClause(entry, value) {
    if (entry.kind === "number") {
      var number = strip(foldNumber(value), "/-.");
      return number ? { kind: "field", words: [], field: entry.name, value: number } : null;
    }
    if (entry.kind === "year") {
      var digits = value.replace(/[^0-9]/g, "");
      return digits ? { kind: "field", words: [], field: entry.name, value: digits } : null;
    }
    var ws = words(value);
    return ws.length ? { kind: "field", words: ws, field: entry.name, value: value } : null;
  }

  function addPhrase(clauses, text) {
    var ws = words(text);
    if (ws.length) clauses.push({ kind: ws.length === 1 ? "word" : "phrase", words: ws,
                                  typed: typedWords(text) });
  }

  function addWords(clauses, token) {
    if (NUMBER.test(token)) {
      token = token.replace(/[.,;)]+$/, "");
      clauses.push({ kind: "number", words: words(token), value: strip(foldNumber(token), "/-.") });
      return;
    }
    addPhrase(clauses, token);
  }

  /* The parsed form as tests/search_vectors.json writes it. */
  function parsedJSON(clauses) {
    return clauses.map(function (c) {
      var out = { kind: c.kind, words: c.words.slice() };
      if (c.field) out.field = c.field;
      if (c.value) out.value = c.value;
      return out;
    });
  }

  /* skip: indices of clauses left out (the optional words of a question). */
  function pairs(clauses, skip) {
    var out = [], seen = {}, previous = null;
    function add(a, b) { var k = a + " " + b; if (!seen[k]) { seen[k] = 1; out.push([a, b]); } }
    clauses.forEach(function (c, n) {
      if (skip && skip.has(n)) { previous = null; return; }
      if (c.kind === "phrase") for (var i = 1; i < c.words.length; i++) add(c.words[i - 1], c.words[i]);
      if (c.kind === "word" && previous && previous.kind === "word")
        add(previous.words[previous.words.length - 1], c.words[0]);
      previous = c;
    });
    return out;
  }

  /* ---- query understanding (generator/index/understand.py): optional question words, soft
   * preferences for a year or a title, thesaurus alternatives for a run of words ---- */

  function isYear(w) { return w !== null && /^[0-9]{4}$/.test(w) && +w >= 1900 && +w <= 2099; }

  function understand(clauses, spec, thesaurus) {
    var u = spec.understanding, optionalSet = {}, i, n;
    u.optional.forEach(function (p) { optionalSet[p] = 1; });
    var ws = clauses.map(function (c) { return c.kind === "word" && c.words.length === 1 ? c.words[0] : null; });
    function longest(at, table) {
      var best = 0;
      for (var k = 1; k <= u.max_words; k++) {
        var run = ws.slice(at, at + k);
        if (run.length < k || run.indexOf(null) >= 0) break;
        if (Object.prototype.hasOwnProperty.call(table, run.join(" "))) best = k;
      }
      return best;
    }
    var optional = new Set(), prefer = [], spans = [];
    function altsOf(key) { return thesaurus[key].map(function (x) { return [x[0].split(" "), x[1]]; }); }
    i = 0;
    while (i < clauses.length) {
      // A phrase that is a term as a whole ("GD&ĐT", "ngập lụt" in quotes) gets its alternatives.
      var whole = clauses[i].kind === "phrase" ? clauses[i].words.join(" ") : null;
      if (whole !== null && Object.prototype.hasOwnProperty.call(thesaurus, whole))
        spans.push({ start: i, end: i + 1, term: whole, alts: altsOf(whole) });
      if (ws[i] === null) { i++; continue; }
      if (u.year_words.indexOf(ws[i]) >= 0 && i + 1 < ws.length && isYear(ws[i + 1])) {
        prefer.push({ field: "year", value: ws[i + 1] });
        optional.add(i); optional.add(i + 1);
        i += 2;
        continue;
      }
      var title = longest(i, u.titles), term = longest(i, thesaurus), filler = longest(i, optionalSet);
      n = Math.max(title, term, filler);
      if (!n) { i++; continue; }
      var key = ws.slice(i, i + n).join(" ");
      if (title === n) {
        prefer.push({ field: "text", words: u.titles[key].split(" ") });
        for (var a = i; a < i + n; a++) optional.add(a);
      } else if (term === n) {
        spans.push({ start: i, end: i + n, term: key, alts: altsOf(key) });
      } else {
        for (var b = i; b < i + n; b++) optional.add(b);
      }
      i += n;
    }
    var kept = clauses.filter(function (c, j) { return !optional.has(j); });
    if (!kept.length) { optional = new Set(); prefer = []; }
    var seen = {}, unique = [];
    prefer.forEach(function (p) { var k = JSON.stringify(p); if (!seen[k]) { seen[k] = 1; unique.push(p); } });
    var spanOf = {};
    spans.forEach(function (s) { for (var j = s.start; j < s.end; j++) spanOf[j] = s; });
    return { optional: optional, prefer: unique, spans: spans, spanOf: spanOf };
  }

  /* The understanding as tests/search_vectors.json writes it (Python's Understanding.as_json). */
  function understoodJSON(u) {
    return { optional: Array.from(u.optional).sort(function (a, b) { return a - b; }),
             prefer: u.prefer.map(function (p) { return p.field === "year" ? { field: "year", value: p.value } : { field: "text", words: p.words.slice() }; }),
             spans: u.spans.map(function (s) {
               return { from: s.start, to: s.end, term: s.term,
                        alts: s.alts.map(function (a) { return [a[0].join(" "), a[1]]; }) };
             }) };
  }

  function numberQueryKeys(value) {
    if (!value) return [];
    if (/[0-9]/.test(value[0])) return [value];
    return value.split(NUMBER_PARTS).filter(Boolean).map(function (p) { return ":" + p; });
  }

  function resolveTopic(meta, value) {
    var key = words(value).join(" "), slug = slugify(value), found = [];
    meta.topics.forEach(function (t) {
      var names = [t[1]].concat(t[2]);
      if (slug === t[0] || names.some(function (n) { return words(n).join(" ") === key; }))
        found.push(t[0]);
    });
    if (!found.length && key) found = (meta.acronyms[key.replace(/ /g, "")] || []).slice();
    return found.sort();
  }

  /* ---- the exported index ---- */

  var SYMBOLS = "";
  for (var c = 0x30; c < 0x7f; c++) if (c !== 0x5c) SYMBOLS += String.fromCharCode(c);
  function column(v) {
    if (typeof v !== "string") return v;
    return Array.prototype.map.call(v, function (ch) { return ch === "/" ? -1 : SYMBOLS.indexOf(ch); });
  }
  function lists(v) {
    if (typeof v !== "string") return v;
    return v.split(",").map(column);
  }

  function Index(url) {
    this.url = url;
    this.files = {};
    this.bytes = 0;              // what this page has downloaded of the index (bench/)
  }

  Index.prototype.json = function (path, missingOk) {
    var self = this;
    if (!this.files[path]) {
      this.files[path] = fetch(new URL(path, this.url)).then(function (r) {
        if (!r.ok) {
          if (missingOk && r.status === 404) return {};
          throw new Error(r.status + " " + path);
        }
        return r.text();
      }).then(function (t) {
        if (typeof t !== "string") return t;
        self.bytes += new TextEncoder().encode(t).length;
        return JSON.parse(t);
      });
    }
    return this.files[path];
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.loaded) {
      this.loaded = this.json("meta.json").then(function (meta) {
        self.meta = meta;
        self.spec = meta.spec;
        return self;
      });
    }
    return this.loaded;
  };

  /* Year and topics per notice: only year: and topic: clauses and the results page need them
   * (N bytes and more), so a query of words never downloads them. */
  Index.prototype.loadFacets = function () {
    var self = this;
    if (!this.facetsLoaded) {
      this.facetsLoaded = Promise.all([this.load(), this.json("facets.json")]).then(function (r) {
        self.facets = { y: column(r[1].y), t: lists(r[1].t) };
        return self;
      });
    }
    return this.facetsLoaded;
  };

  /* The results page's other facets (issuer, type, signer, agency): not needed to rank. */
  Index.prototype.loadPage = function () {
    var self = this;
    if (!this.pageLoaded) {
      this.pageLoaded = Promise.all([this.loadFacets(), this.json("facets-page.json")]).then(function (r) {
        var f = r[1];
        self.facets.i = column(f.i); self.facets.k = column(f.k); self.facets.s = column(f.s);
        self.facets.a = lists(f.a);
        self.meta.signers = f.signers; self.meta.agencies = f.agencies;
        return self;
      });
    }
    return this.pageLoaded;
  };

  Index.prototype.terms = function (keys) {
    var self = this, out = {};
    return Promise.all(keys.map(function (key) {
      var h = fnv1a(key) % self.meta.shards;
      return self.json("t/" + h + ".json", true).then(function (shard) {
        out[key] = Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
      });
    })).then(function () { return out; });
  };

  Index.prototype.doc = function (id) { return this.json("d/" + id + ".json"); };
  Index.prototype.vocabulary = function () { return this.json("vocab.json"); };

  function decode(raw, weighted, commonWeight) {
    var out = new Map(), id = 0, i;
    if (raw === null || raw === undefined) return out;
    if (typeof raw === "string") {           // bitmap of a word in many notices
      var bytes = atob(raw);
      for (i = 0; i < bytes.length; i++) {
        var b = bytes.charCodeAt(i);
        for (var bit = 0; b && bit < 8; bit++, b >>= 1) if (b & 1) out.set(i * 8 + bit, commonWeight);
      }
      return out;
    }
    var step = weighted ? 2 : 1;
    for (i = 0; i < raw.length; i += step) { id += raw[i]; out.set(id, weighted ? raw[i + 1] : 1); }
    return out;
  }

  /* ---- the ranking (generator/index/ranking.py) ---- */

  function intersect(sets) {
    if (!sets.length) return new Set();
    var out = new Set(sets[0]);
    sets.slice(1).forEach(function (s) { out.forEach(function (d) { if (!s.has(d)) out.delete(d); }); });
    return out;
  }

  function keysOf(map) { return new Set(map.keys()); }

  function neededTerms(index, clauses, u) {
    var keys = {}, spec = index.spec;
    function add(k) { keys[k] = 1; }
    function addPhrase(words) {
      words.forEach(add);
      for (var i = 1; i < words.length; i++) add(words[i - 1] + " " + words[i]);
    }
    u.spans.forEach(function (s) {
      s.alts.forEach(function (a) { addPhrase(a[0]); });
      if (s.end - s.start > 1) addPhrase(s.term.split(" "));
    });
    u.prefer.forEach(function (p) { if (p.field === "text") addPhrase(p.words); });
    clauses.forEach(function (c, n) {
      if (u.optional.has(n)) return;     // neither matched nor scored: nothing to fetch
      var kind = c.kind === "field" ? fieldOf(spec, c.field).kind : c.kind;
      if (c.kind === "word") { add(c.words[0]); if (DIGITS.test(c.words[0])) add("#" + c.words[0]); }
      else if (c.kind === "phrase") {
        c.words.forEach(add);
        for (var i = 1; i < c.words.length; i++) add(c.words[i - 1] + " " + c.words[i]);
      } else if (kind === "number") {
        numberQueryKeys(c.value).forEach(function (k) { add("#" + k); });
        if (c.kind === "number" && c.words.length > 1) {    // the text citing the number
          c.words.forEach(add);
          for (var j = 1; j < c.words.length; j++) add(c.words[j - 1] + " " + c.words[j]);
        }
      }
      else if (kind === "topic") c.words.forEach(function (w) { add("topic:" + w); });
      else if (kind === "words") c.words.forEach(function (w) { add(c.field + ":" + w); });
      if (c.typed) c.typed.forEach(function (t, i) { if (t !== c.words[i]) add("=" + accentKey(t)); });
    });
    pairs(clauses, u.optional).forEach(function (p) { add(p[0] + " " + p[1]); });
    return Object.keys(keys);
  }

  /* Rank every notice matching the clauses; `allowed` (a Set) restricts them (filters). */
  function rank(index, clauses, allowed, sort) {
    var meta = index.meta, spec = index.spec, R = spec.ranking, n = meta.n;
    if (!clauses.length) {
      var all = allowed ? Array.from(allowed).sort(function (a, b) { return a - b; }) : [];
      return Promise.resolve({ docs: all, full: all.length, scores: new Map(), unknown: [], notes: [] });
    }
    var u = understand(clauses, spec, meta.thesaurus || {});
    var needFacets = clauses.some(function (c) {
      return c.kind === "field" && ["year", "topic"].indexOf(fieldOf(spec, c.field).kind) >= 0;
    }) || u.prefer.some(function (p) { return p.field === "year"; });
    return Promise.all([index.terms(neededTerms(index, clauses, u)),
                        needFacets ? index.loadFacets() : null]).then(function (loaded) {
      var raw = loaded[0];
      var wordCache = {};
      function set(key) { return keysOf(decode(raw[key], false, 1)); }
      function wordScores(w) {
        if (!wordCache[w]) {
          var weights = decode(raw[w], true, R.common_weight), df = weights.size;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          var common = n >= R.common_min_docs && df > n * R.common_share, out = new Map();
          weights.forEach(function (wt, d) { out.set(d, idf * (common ? R.common_weight : wt)); });
          wordCache[w] = out;
        }
        return wordCache[w];
      }
      var sets = [], scores = [], unknown = [], notes = [];
      clauses.forEach(function (c) {
        var score = new Map(), docs, kind = c.kind === "field" ? fieldOf(spec, c.field).kind : c.kind;
        if (c.kind === "word") {
          var w = c.words[0];
          score = new Map(wordScores(w));
          if (!score.size && !DIGITS.test(w)) unknown.push(w);
          if (DIGITS.test(w)) set("#" + w).forEach(function (d) {
            score.set(d, (score.get(d) || 0) + R.number_score);
          });
          docs = keysOf(score);
        } else if (c.kind === "phrase") {
          var parts = c.words.map(function (x) { return keysOf(wordScores(x)); });
          for (var i = 1; i < c.words.length; i++) parts.push(set(c.words[i - 1] + " " + c.words[i]));
          docs = intersect(parts);
          c.words.forEach(function (x) {
            var ws = wordScores(x);
            if (!ws.size && !DIGITS.test(x)) unknown.push(x);
            docs.forEach(function (d) { score.set(d, (score.get(d) || 0) + (ws.get(d) || 0)); });
          });
        } else if (kind === "number") {
          docs = intersect(numberQueryKeys(c.value).map(function (k) { return set("#" + k); }));
          docs.forEach(function (d) { score.set(d, R.number_score); });
          if (c.kind === "number" && c.words.length > 1) {
            // Typed without so:, the number also finds the notices whose text cites it.
            var citing = c.words.map(function (x) { return keysOf(wordScores(x)); });
            for (var k = 1; k < c.words.length; k++) citing.push(set(c.words[k - 1] + " " + c.words[k]));
            var cited = intersect(citing);
            c.words.forEach(function (x) {
              var ws = wordScores(x);
              cited.forEach(function (d) { score.set(d, (score.get(d) || 0) + (ws.get(d) || 0)); });
            });
            cited.forEach(function (d) { docs.add(d); });
          }
        } else if (kind === "year") {
          var yi = meta.years.map(String).indexOf(c.value);
          docs = new Set();
          index.facets.y.forEach(function (y, d) { if (yi >= 0 && y === yi) docs.add(d); });
        } else if (kind === "topic") {
          var slugs = resolveTopic(meta, c.value);
          if (slugs.length) docs = topicDocs(index, slugs);
          else {
            docs = intersect(c.words.map(function (x) { return set("topic:" + x); }));
            if (!docs.size) notes.push("không có chủ đề '" + c.value + "'");
          }
        } else {
          docs = intersect(c.words.map(function (x) { return set(c.field + ":" + x); }));
        }
        sets.push(docs);
        scores.push(score);
      });
      function phraseDocs(words) {
        var parts = words.map(function (x) { return keysOf(wordScores(x)); });
        for (var i = 1; i < words.length; i++) parts.push(set(words[i - 1] + " " + words[i]));
        return intersect(parts);
      }
      function yearDocs(value) {
        var yi = meta.years.map(String).indexOf(value), out = new Set();
        index.facets.y.forEach(function (y, d) { if (yi >= 0 && y === yi) out.add(d); });
        return out;
      }
      // Thesaurus alternatives: a notice the words as typed miss may match through them, with
      // its score times the rule's factor, shared over the run of words (ranking.py).
      var base = sets.map(function (x) { return new Set(x); });     // the words as typed
      var direct = sets.map(function (x) { return new Set(x); });   // ... a term as a phrase
      var via = {}, factors = spec.understanding.rules, supported = [];
      u.spans.forEach(function (span) {
        var width = span.end - span.start, altDocs = new Set();
        supported.push([span, altDocs]);
        if (width > 1) {
          var termWords = [];
          clauses.slice(span.start, span.end).forEach(function (c) { termWords = termWords.concat(c.words); });
          var together = phraseDocs(termWords);
          for (var t = span.start; t < span.end; t++) direct[t] = intersect([direct[t], together]);
        }
        span.alts.forEach(function (alt) {
          var words = alt[0], rule = alt[1];
          var wsList = words.map(function (x) { return wordScores(x); });
          var docs = words.length === 1 ? keysOf(wsList[0]) : phraseDocs(words);
          docs.forEach(function (d) { altDocs.add(d); });
          Array.from(docs).sort(function (a, b) { return a - b; }).forEach(function (d) {
            var value = 0;
            wsList.forEach(function (ws) { value += ws.get(d) || 0; });
            value = value * factors[rule] / width;
            for (var i = span.start; i < span.end; i++) {
              if (direct[i].has(d)) continue;
              if (!sets[i].has(d) || value > scores[i].get(d)) {
                sets[i].add(d);
                scores[i].set(d, value);
                (via[i] = via[i] || new Map()).set(d, [rule, words.join(" ")]);
              }
            }
          });
        });
      });
      var optional = u.optional;
      unknown = unknown.filter(function (w) {
        return clauses.some(function (c, i) { return c.words.indexOf(w) >= 0 && !optional.has(i) && !sets[i].size; });
      });
      var loose = [], fixed = [];
      clauses.forEach(function (c, i) {
        if (c.kind === "field") fixed.push(i); else if (!optional.has(i)) loose.push(i);
      });
      var required = fixed.length ? intersect(fixed.map(function (i) { return sets[i]; })) : null;
      if (allowed) required = required === null ? allowed : intersect([required, allowed]);
      var full = intersect(loose.concat(fixed).map(function (i) { return sets[i]; }));
      if (allowed) full = intersect([full, allowed]);
      var candidates = new Set(full);
      if (loose.length > 1) {
        loose.forEach(function (i) {
          sets[i].forEach(function (d) { if (required === null || required.has(d)) candidates.add(d); });
        });
      }
      // Coverage: matched clauses weighted by the idf of their rarest word, as integers.
      var coverage = new Map(), directCount = new Map(), preferred = new Map();
      var pairCount = new Map(), exactCount = new Map(), total = new Map();
      candidates.forEach(function (d) {
        coverage.set(d, 0); directCount.set(d, 0); preferred.set(d, 0);
        pairCount.set(d, 0); exactCount.set(d, 0); total.set(d, 0);
      });
      loose.forEach(function (i) {
        var c = clauses[i], best = 0;
        c.words.forEach(function (x) {
          var df = wordScores(x).size;
          best = Math.max(best, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        });
        if (!c.words.length) best = 1;
        var weight = Math.floor(best * R.coverage_precision + 0.5);
        sets[i].forEach(function (d) { if (candidates.has(d)) coverage.set(d, coverage.get(d) + weight); });
        direct[i].forEach(function (d) { if (candidates.has(d)) directCount.set(d, directCount.get(d) + 1); });
      });
      u.prefer.forEach(function (p) {
        var docs = p.field === "year" ? yearDocs(p.value)
          : p.words.length === 1 ? keysOf(wordScores(p.words[0])) : phraseDocs(p.words);
        docs.forEach(function (d) { if (candidates.has(d)) preferred.set(d, preferred.get(d) + 1); });
      });
      // The sense the thesaurus supports: the words as typed and one of the term's alternatives.
      supported.forEach(function (x) {
        var span = x[0];
        x[1].forEach(function (d) {
          if (!candidates.has(d)) return;
          for (var i = span.start; i < span.end; i++) if (!base[i].has(d)) return;
          preferred.set(d, preferred.get(d) + 1);
        });
      });
      var pairDocs = [];
      pairs(clauses, optional).forEach(function (p) {
        var docs = new Set();
        set(p[0] + " " + p[1]).forEach(function (d) {
          if (candidates.has(d)) { docs.add(d); pairCount.set(d, pairCount.get(d) + 1); }
        });
        pairDocs.push([p[0] + " " + p[1], docs]);
      });
      var forms = {};
      clauses.forEach(function (c, i) {
        if ((c.kind === "word" || c.kind === "phrase") && !optional.has(i))
          c.typed.forEach(function (t, k) { if (t !== c.words[k]) forms[accentKey(t)] = 1; });
      });
      Object.keys(forms).forEach(function (k) {
        set("=" + k).forEach(function (d) { if (candidates.has(d)) exactCount.set(d, exactCount.get(d) + 1); });
      });
      scores.forEach(function (s, i) {   // clause by clause, in clause order: the CLI's floats
        if (optional.has(i)) return;
        s.forEach(function (value, d) { if (candidates.has(d)) total.set(d, total.get(d) + value); });
      });
      function rounded(x) { return Math.floor(x * R.score_precision + 0.5); }
      var docs = Array.from(candidates);
      docs.sort(sort === "date" ? function (a, b) {
        return (full.has(a) ? 0 : 1) - (full.has(b) ? 0 : 1) || a - b;
      } : function (a, b) {
        return (full.has(a) ? 0 : 1) - (full.has(b) ? 0 : 1) ||
          coverage.get(b) - coverage.get(a) || preferred.get(b) - preferred.get(a) ||
          directCount.get(b) - directCount.get(a) ||
          pairCount.get(b) - pairCount.get(a) ||
          exactCount.get(b) - exactCount.get(a) || rounded(total.get(b)) - rounded(total.get(a)) ||
          a - b;
      });
      var why = function (d) {   // which words a notice matched, and through which rule
        var out = [], seenSpans = {};
        clauses.forEach(function (c, i) {
          if (c.kind === "field" || optional.has(i)) return;
          var typed = (c.typed && c.typed.length ? c.typed : c.words).join(" ");
          if (base[i].has(d)) {
            var accented = (c.typed || []).filter(function (t, k) { return t !== c.words[k]; });
            var exact = accented.length && accented.every(function (t) { return set("=" + accentKey(t)).has(d); });
            out.push({ term: typed, rule: exact ? "exact" : "folded" });
          } else if (via[i] && via[i].has(d)) {
            var span = u.spanOf[i];
            if (seenSpans[span.start]) return;
            seenSpans[span.start] = 1;
            var words = [];
            clauses.slice(span.start, span.end).forEach(function (c2) { words = words.concat(c2.typed); });
            out.push({ term: words.join(" "), rule: via[i].get(d)[0], via: via[i].get(d)[1] });
          }
        });
        pairDocs.forEach(function (p) { if (p[1].has(d)) out.push({ term: p[0], rule: "proximity" }); });
        return out;
      };
      var altWords = new Set();
      Object.keys(via).forEach(function (i) { via[i].forEach(function (v) { v[1].split(" ").forEach(function (w) { altWords.add(w); }); }); });
      return { docs: docs, full: full.size, scores: total, unknown: unknown, notes: notes,
               understood: u, why: why, altWords: altWords };
    });
  }

  function topicDocs(index, slugs) {
    var ids = slugs.map(function (s) {
      return index.meta.topics.map(function (t) { return t[0]; }).indexOf(s);
    });
    var out = new Set();
    index.facets.t.forEach(function (ts, d) {
      if (ts.some(function (x) { return ids.indexOf(x) >= 0; })) out.add(d);
    });
    return out;
  }

  /* ---- did-you-mean ---- */

  /* Edit distance with adjacent transpositions ("tia" → "tai" is one), or limit + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = [], previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var value = Math.min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          value = Math.min(value, before[j - 2] + 1);
        current.push(value);
        low = Math.min(low, value);
      }
      if (low > limit && Math.min.apply(null, previous) >= limit) return limit + 1;
      before = previous; previous = current;
    }
    return previous[b.length] <= limit ? previous[b.length] : limit + 1;
  }

  /* Pairs of neighbouring syllables of the terms the archive uses (ranking.context_pairs):
   * pair → its accented syllables when a topic name spells it, else null. */
  function contextPairs(meta, known) {
    var out = {};
    meta.topics.slice().sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; }).forEach(function (t) {
      [t[1]].concat(t[2]).forEach(function (name) {
        var typed = typedWords(name), ws = words(name);
        for (var i = 0; i + 1 < ws.length; i++) {
          var k = ws[i] + " " + ws[i + 1];
          if (!(k in out)) out[k] = [typed[i], typed[i + 1]];
        }
      });
    });
    var th = meta.thesaurus || {}, phrases = Object.keys(th);
    phrases.slice().forEach(function (k) {
      th[k].forEach(function (a) {
        if (a[0].split(" ").every(function (w) { return known.has(w); })) phrases.push(a[0]);
      });
    });
    phrases.forEach(function (p) {
      var ws = p.split(" ");
      for (var i = 0; i + 1 < ws.length; i++) {
        var k = ws[i] + " " + ws[i + 1];
        if (!(k in out)) out[k] = null;
      }
    });
    return out;
  }

  function compareTuples(x, y) {
    for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  }

  function suggestWord(word, vocab, settings, typed, before, after, pairsKnown) {
    if (word.length < settings.min_length) return null;
    var near = [];
    vocab.forEach(function (v) {
      var d = distance(word, v[0], settings.max_distance);
      if (d <= settings.max_distance) near.push([d, -v[1], v[0], v.length > 2 ? v[2] : v[0]]);
    });
    var supported = [];
    near.forEach(function (c) {
      var left = before ? before + " " + c[2] : null, right = after ? c[2] + " " + after : null;
      var inLeft = left !== null && left in pairsKnown, inRight = right !== null && right in pairsKnown;
      if (!inLeft && !inRight) return;
      var spelled = inLeft && pairsKnown[left] ? pairsKnown[left][1]
        : inRight && pairsKnown[right] ? pairsKnown[right][0] : c[3];
      supported.push([c[0], c[1], c[2], spelled]);
    });
    function best(list) { return list.reduce(function (m, x) { return m === null || compareTuples(x, m) < 0 ? x : m; }, null); }
    if (supported.length) return best(supported)[3];
    if ((typed !== undefined && typed !== null && typed !== word) ||
        new RegExp(settings.syllable).test(word) ||
        !/[aeiouy]/.test(word) || /[^aeiouy0-9]{3}/.test(word)) return null;
    return near.length ? best(near)[3] : null;
  }

  /* The query with each unknown word replaced by the closest known one (accented), or null. */
  function suggestion(index, clauses, unknown) {
    if (!unknown.length) return Promise.resolve(null);
    return index.vocabulary().then(function (vocab) {
      var known = new Set(vocab.map(function (v) { return v[0]; }));
      var pairsKnown = contextPairs(index.meta, known);
      var flat = [];
      clauses.forEach(function (c) {
        if (c.kind === "word" || c.kind === "phrase")
          c.words.forEach(function (w, i) { flat.push([w, c.typed[i]]); });
      });
      var fixes = {}, any = false;
      flat.forEach(function (x, k) {
        var w = x[0];
        if (unknown.indexOf(w) < 0 || (w in fixes)) return;
        fixes[w] = suggestWord(w, vocab, index.spec.suggest, x[1], k ? flat[k - 1][0] : null,
                               k + 1 < flat.length ? flat[k + 1][0] : null, pairsKnown);
        any = any || !!fixes[w];
      });
      if (!any) return null;
      return clauses.map(function (c) {
        var ws = (c.typed || []).map(function (t, i) { return fixes[c.words[i]] || t; });
        if (c.kind === "word") return ws[0];
        if (c.kind === "phrase") return '"' + ws.join(" ") + '"';
        if (c.kind === "number") return c.value.toUpperCase();
        var value = c.value;
        return fieldOf(index.spec, c.field).prefixes[0] + ":" + (value.indexOf(" ") >= 0 ? '"' + value + '"' : value);
      }).join(" ");
    });
  }

  /* ---- snippets ---- */

  /* The passage with the most distinct query words (neighbouring query syllables that are
   * neighbours here count double), cut at word boundaries, matches in <mark>. */
  /* extra: more folded syllables to mark (the thesaurus alternatives that matched). */
  function snippet(text, clauses, size, extra) {
    size = size || SNIPPET;
    text = (text || "").normalize("NFC");
    var want = new Set(extra || []), pairSet = new Set(), spans = [], m;
    clauses.forEach(function (c) {
      if (c.kind !== "field" || fieldOf(c.spec, c.field).kind === "words") c.words.forEach(function (w) { want.add(w); });
    });
    pairs(clauses).forEach(function (p) { pairSet.add(p[0] + " " + p[1]); });
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) spans.push([m.index, m.index + m[0].length, fold(m[0])]);
    var hits = [];
    spans.forEach(function (s, i) { if (want.has(s[2])) hits.push(i); });
    var begin = 0;
    if (hits.length) {
      var best = spans[hits[0]][0], bestScore = -1;
      hits.forEach(function (i, n) {
        var s = spans[i][0], seen = new Set(), score = 0;
        for (var k = n; k < hits.length && spans[hits[k]][1] <= s + size; k++) {
          var j = hits[k];
          seen.add(spans[j][2]);
          if (j + 1 < spans.length && pairSet.has(spans[j][2] + " " + spans[j + 1][2])) score++;
        }
        score += seen.size;
        if (score > bestScore) { bestScore = score; best = s; }
      });
      begin = best;
      for (var k = 0; k < spans.length; k++) if (spans[k][0] >= best - 40) { begin = spans[k][0]; break; }
    }
    var end = Math.min(text.length, begin + size);
    if (end < text.length) {
      var last = -1;
      spans.forEach(function (s) { if (s[1] > begin && s[1] <= end) last = s[1]; });
      if (last > 0) end = last;
    }
    var out = document.createElement("span"), pos = begin;
    out.className = "na-search__snippet";
    if (begin > 0) out.appendChild(document.createTextNode("… "));
    hits.forEach(function (i) {
      var s = spans[i];
      if (s[0] < begin || s[1] > end) return;
      if (s[0] > pos) out.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      out.appendChild(mark);
      pos = s[1];
    });
    if (pos < end) out.appendChild(document.createTextNode(text.slice(pos, end)));
    if (end < text.length) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  /* One query, start to finish: parse, rank, did-you-mean. */
  function search(index, text, allowed, sort) {
    function run(q) {
      var clauses = parse(q, index.spec);
      clauses.forEach(function (c) { c.spec = index.spec; });
      return rank(index, clauses, allowed, sort).then(function (ranked) {
        ranked.clauses = clauses;
        return ranked;
      });
    }
    return index.load().then(function () {
      return run(text).then(function (ranked) {
        return suggestion(index, ranked.clauses, ranked.unknown).then(function (s) {
          ranked.suggestion = s;
          if (!s || ranked.full) return ranked;
          // A typo ("thien tia"): nothing matches every word, the correction does.
          return run(s).then(function (again) {
            if (!again.full) return ranked;
            again.suggestion = s; again.corrected = s; again.typedClauses = ranked.clauses;
            return again;
          });
        });
      });
    });
  }

  window.naSearch = { fold: fold, words: words, parse: parse, parsedJSON: parsedJSON,
                      understand: understand, understoodJSON: understoodJSON,
                      accentKey: accentKey, Index: Index, search: search, snippet: snippet,
                      spelledIn: spelledIn };
  window.naSearchFold = fold;     // for tests: same output as Python's fold
  window.naSearchWords = words;

  /* ---- the page: the header box and the results page ---- */

  var root = document.getElementById("na-search");
  if (!root) return;
  var base = new URL((root.getAttribute("data-base") || ".").replace(/\/?$/, "/"),
                     window.location.href);
  var index = new Index(new URL("na-search/", base));
  var resultsUrl = new URL("tim-kiem/", base);

  function countLine(ranked) {
    if (!ranked.docs.length) return "Không tìm thấy thông báo nào.";
    var line = (ranked.corrected ? "Không có thông báo khớp đủ các từ đã gõ; kết quả cho \u201c" +
                ranked.corrected + "\u201d. " : "") + "Tìm thấy " + ranked.full + " thông báo";
    var partial = ranked.docs.length - ranked.full;
    if (partial) line += (ranked.full ? ", thêm " : " khớp đủ các từ; ") + partial + " thông báo khớp một phần";
    return line + ".";
  }

  // option: an entry of the header box's list box (chosen with the arrows); the results page's
  // list is a plain list of links, where an option role would hide the link inside it.
  function resultItem(id, ranked, position, option) {
    var li = document.createElement("li");
    li.className = "na-hit";
    li.id = "na-hit-" + position + "-" + id;
    if (option) li.setAttribute("role", "option");
    index.doc(id).then(function (doc) {
      var a = document.createElement("a");
      a.href = new URL(doc.u, base).href;
      a.textContent = doc.t;
      a.className = "na-hit__title";
      var info = document.createElement("span");
      info.className = "na-hit__meta";
      info.textContent = doc.n + (doc.d ? " · " + doc.d : "");
      if (position >= ranked.full) {
        var tag = document.createElement("span");
        tag.className = "na-hit__partial";
        tag.textContent = "khớp một phần";
        info.appendChild(document.createTextNode(" · "));
        info.appendChild(tag);
      }
      li.appendChild(a); li.appendChild(info); li.appendChild(snippet(doc.x, ranked.clauses, 0, ranked.altWords));
      var how = explanation(ranked.why ? ranked.why(id) : [], doc.x);
      if (how) {
        var note = document.createElement("span");
        note.className = "na-hit__why";
        note.textContent = how;
        li.appendChild(note);
      }
    });
    return li;
  }

  var RULE_LABELS = { synonym: "từ đồng nghĩa", abbreviation: "chữ viết tắt", narrower: "nghĩa hẹp hơn" };

  /* "khớp theo từ đồng nghĩa: ngập lụt → thiên tai", the alternative as the notice spells it. */
  function explanation(matched, text) {
    return matched.filter(function (m) { return RULE_LABELS[m.rule]; }).map(function (m) {
      return "khớp theo " + RULE_LABELS[m.rule] + ": " + m.term + " → " + spelledIn(text || "", m.via);
    }).join("; ");
  }

  /* The first place `folded` (syllables) appears in `text`, as written there; else `folded`. */
  function spelledIn(text, folded) {
    var want = folded.split(" "), found = [], m;
    var re = new RegExp(WORD.source, "gu");
    text = text.normalize("NFC");
    while ((m = re.exec(text)) !== null) {
      found.push([m.index, m.index + m[0].length, fold(m[0])]);
      var k = found.length - want.length;
      if (k >= 0 && want.every(function (w, i) { return found[k + i][2] === w; }))
        return text.slice(found[k][0], found[found.length - 1][1]);
    }
    return folded;
  }

  function suggestLink(el, text, onPick) {
    el.textContent = "";
    if (!text) { el.hidden = true; return; }
    el.hidden = false;
    el.appendChild(document.createTextNode("Có phải bạn muốn tìm: "));
    var a = document.createElement("a");
    a.href = resultsUrl.href + "?q=" + encodeURIComponent(text);
    a.textContent = text;
    a.addEventListener("click", function (e) { e.preventDefault(); onPick(text); });
    el.appendChild(a);
  }

  /* Header box: the first results as you type, ↑/↓ to choose, Enter to open, Esc to close. */
  var $ = function (id) { return document.getElementById(id); };
  var input = $("na-search-input"), panel = $("na-search-panel"), status = $("na-search-status");
  var list = $("na-search-results"), allLink = $("na-search-all"), suggestEl = $("na-search-suggest");
  var header = document.querySelector(".md-header__inner");
  if (header) header.insertBefore(root, header.querySelector(".md-header__source"));
  var seq = 0, active = -1, timer = null;

  function setActive(i) {
    var items = list.querySelectorAll("li");
    if (!items.length) return;
    active = (i + 1 + items.length + 1) % (items.length + 1) - 1;   // -1: back in the box
    Array.prototype.forEach.call(items, function (li, k) { li.classList.toggle("na-hit--active", k === active); });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function open(show) {
    panel.hidden = !show;
    input.setAttribute("aria-expanded", show ? "true" : "false");
  }

  function runBox() {
    var mine = ++seq, text = input.value;
    if (!text.trim()) { open(false); return; }
    search(index, text, null, "relevance").then(function (ranked) {
      if (mine !== seq) return;
      // Results as you type: an unfinished last word that matches nothing is left out.
      var last = ranked.clauses[ranked.clauses.length - 1];
      if (!ranked.docs.length && ranked.clauses.length > 1 && !/\s$/.test(text) && last.kind === "word" &&
          ranked.unknown.indexOf(last.words[0]) >= 0) {
        var shorter = text.replace(/\S+$/, "");
        return search(index, shorter, null, "relevance").then(function (r) {
          if (mine === seq) showBox(r, text);
        });
      }
      showBox(ranked, text);
    }).catch(function (err) {
      open(true);
      status.textContent = "Không tải được chỉ mục tìm kiếm (" + err.message + ").";
    });
  }

  function showBox(ranked, text) {
    open(true);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = countLine(ranked);
    suggestLink(suggestEl, ranked.suggestion, function (q) { input.value = q; runBox(); input.focus(); });
    list.textContent = "";
    ranked.docs.slice(0, 10).forEach(function (id, i) { list.appendChild(resultItem(id, ranked, i, true)); });
    allLink.href = resultsUrl.href + "?q=" + encodeURIComponent(text);
    allLink.hidden = !ranked.docs.length;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(runBox, 80);
  });
  input.addEventListener("focus", function () { if (input.value.trim() && list.children.length) open(true); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (panel.hidden) { if (input.value.trim()) runBox(); return; }
      e.preventDefault();
      setActive(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      var li = active >= 0 ? list.querySelectorAll("li")[active] : null;
      var a = li && li.querySelector("a.na-hit__title");
      e.preventDefault();
      if (a) window.location.href = a.href;
      else if (input.value.trim()) window.location.href = resultsUrl.href + "?q=" + encodeURIComponent(input.value);
    } else if (e.key === "Escape") {
      // First Esc closes the list (and keeps the query: a search field would clear it).
      if (!panel.hidden) { e.preventDefault(); open(false); }
    }
  });
  document.addEventListener("click", function (e) { if (!root.contains(e.target)) open(false); });

  /* ---- the results page (tim-kiem/?q=…&topic=…&year=…&sort=date) ---- */

  var page = $("na-results");
  var FACETS = [
    { key: "topic", title: "Chủ đề", column: "t", multi: true,
      values: function (m) { return m.topics.map(function (t) { return [t[0], t[1]]; }); } },
    { key: "year", title: "Năm", column: "y",
      values: function (m) { return m.years.map(function (y) { return [String(y), String(y)]; }); } },
    { key: "type", title: "Loại văn bản", column: "k",
      values: function (m) { return m.types.map(function (t) { return [t[0], t[1]]; }); } },
    { key: "issuer", title: "Cơ quan ban hành", column: "i",
      values: function (m) { return m.issuers.map(function (s) { return [s, s]; }); } },
    { key: "signer", title: "Người ký", column: "s",
      values: function (m) { return m.signers.map(function (s) { return [s, s]; }); } },
    { key: "agency", title: "Đơn vị được giao nhiệm vụ", column: "a", multi: true,
      values: function (m) { return m.agencies.map(function (a) { return [a[0], a[1]]; }); } },
  ];
  var PAGE = 20;

  function params() { return new URLSearchParams(window.location.search); }

  function facetAllowed(p, skip) {
    var allowed = null;
    FACETS.forEach(function (f) {
      var value = p.get(f.key);
      if (!value || f.key === skip) return;
      var idx = f.values(index.meta).map(function (v) { return v[0]; }).indexOf(value);
      var keep = new Set(), col = index.facets[f.column];
      col.forEach(function (v, d) { if (f.multi ? v.indexOf(idx) >= 0 : v === idx) keep.add(d); });
      allowed = allowed ? intersect([allowed, keep]) : keep;
    });
    return allowed;
  }

  function go(p, push) {
    var url = window.location.pathname + (p.toString() ? "?" + p.toString() : "");
    if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    renderPage();
  }

  function renderPage() {
    var p = params(), text = p.get("q") || "", sort = p.get("sort") === "date" ? "date" : "relevance";
    var q = $("na-results-q"), sortSelect = $("na-results-sort");
    q.value = text; sortSelect.value = sort === "date" ? "date" : "";
    var mine = ++seq;
    index.loadPage().then(function () {
      var allowed = facetAllowed(p);
      var hasFilter = allowed !== null;
      if (!text.trim() && !hasFilter) {
        $("na-results-status").textContent = "Gõ từ cần tìm: có dấu hoặc không dấu, \"cụm từ\" trong ngoặc kép, so:125/TB, topic:pccc, year:2024, signer:, issuer:, chair:.";
        $("na-results-list").textContent = ""; $("na-results-facets").textContent = "";
        $("na-results-more").hidden = true;
        return;
      }
      return search(index, text, allowed, sort).then(function (ranked) {
        if (mine !== seq) return;
        $("na-results-status").textContent = countLine(ranked);
        suggestLink($("na-results-suggest"), ranked.suggestion, function (s) {
          p.set("q", s); go(p, true);
        });
        renderFacets(p, ranked);
        var listEl = $("na-results-list"), more = $("na-results-more"), shown = 0;
        listEl.textContent = "";
        function showMore() {
          ranked.docs.slice(shown, shown + PAGE).forEach(function (id, i) {
            if (shown + i === ranked.full && ranked.full > 0) {
              var h = document.createElement("li");
              h.className = "na-hit na-hit--divider";
              h.textContent = "Khớp một phần các từ";
              listEl.appendChild(h);
            }
            listEl.appendChild(resultItem(id, ranked, shown + i));
          });
          shown = Math.min(ranked.docs.length, shown + PAGE);
          more.hidden = shown >= ranked.docs.length;
          more.textContent = "Xem thêm (" + (ranked.docs.length - shown) + " kết quả nữa)";
        }
        more.onclick = showMore;
        showMore();
      });
    }).catch(function (err) {
      $("na-results-status").textContent = "Không tải được chỉ mục tìm kiếm (" + err.message + ").";
    });
  }

  function renderFacets(p, ranked) {
    var box = $("na-results-facets");
    box.textContent = "";
    FACETS.forEach(function (f) {
      var values = f.values(index.meta), counts = {}, col = index.facets[f.column];
      ranked.docs.forEach(function (d) {
        (f.multi ? col[d] : [col[d]]).forEach(function (v) { if (v >= 0) counts[v] = (counts[v] || 0) + 1; });
      });
      var chosen = p.get(f.key);
      var items = values.map(function (v, i) { return [v, counts[i] || 0]; })
        .filter(function (x) { return x[1] > 0 || x[0][0] === chosen; });
      if (!items.length) return;
      if (f.key !== "year") items.sort(function (a, b) { return b[1] - a[1] || (a[0][1] < b[0][1] ? -1 : 1); });
      var group = document.createElement("fieldset");
      group.className = "na-facet";
      var legend = document.createElement("legend");
      legend.textContent = f.title;
      group.appendChild(legend);
      var ul = document.createElement("ul");
      items.slice(0, 12).forEach(function (x) {
        var li = document.createElement("li"), a = document.createElement("a");
        var next = new URLSearchParams(p.toString());
        if (chosen === x[0][0]) next.delete(f.key); else next.set(f.key, x[0][0]);
        a.href = "?" + next.toString();
        a.className = "na-facet__value" + (chosen === x[0][0] ? " na-facet__value--on" : "");
        // A link cannot be pressed (aria-pressed is for buttons): the chosen filter is current.
        if (chosen === x[0][0]) a.setAttribute("aria-current", "true");
        a.dataset.facet = f.key; a.dataset.value = x[0][0];
        var label = document.createElement("span"), count = document.createElement("span");
        label.textContent = x[0][1]; count.className = "na-facet__count"; count.textContent = x[1];
        a.appendChild(label); a.appendChild(count);
        a.addEventListener("click", function (e) { e.preventDefault(); go(next, true); });
        li.appendChild(a); ul.appendChild(li);
      });
      group.appendChild(ul);
      box.appendChild(group);
    });
  }

  if (page) {
    $("na-results-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var p = params();
      p.set("q", $("na-results-q").value);
      go(p, true);
    });
    $("na-results-sort").addEventListener("change", function () {
      var p = params();
      if (this.value) p.set("sort", this.value); else p.delete("sort");
      go(p, true);
    });
    window.addEventListener("popstate", renderPage);
    renderPage();
  } else {
    // A query handed over in the address (?q=…) of any other page runs in the header's box.
    var given = params().get("q");
    if (given) { input.value = given; runBox(); input.focus(); }
  }
})();
