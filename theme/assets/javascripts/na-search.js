/* In-browser search of the archive: no server, any static host, any subfolder.
 *
 * The index is exported at build time by generator/render/search_export.py from the same
 * analyzer as `notice-archive search`; a query downloads only the term shards it needs, the
 * facets column, and the notices it shows. fold() and words() must give exactly what Python's
 * generator.text.fold and generator.index.analysis.folded_words give (a test checks this in
 * headless Chromium). Everything from notices is inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{Mn}/gu;
  var PAGE = 10;
  var SNIPPET = 220;

  /* Lower case, every diacritic removed, đ → d: "Đề án" → "de an". */
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(MARKS, "").replace(/đ/g, "d");
  }

  /* The folded syllables of a text. */
  function words(text) {
    return (text.normalize("NFC").match(WORD) || []).map(fold);
  }

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  window.naSearchFold = fold;     // for tests: same output as Python's fold
  window.naSearchWords = words;

  var root = document.getElementById("na-search");
  if (!root) return;
  var base = new URL((root.getAttribute("data-base") || ".").replace(/\/?$/, "/"),
                     window.location.href);
  var indexUrl = new URL("na-search/", base);
  var cache = {};

  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, indexUrl)).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      });
    }
    return cache[path];
  }

  var $ = function (id) { return document.getElementById(id); };
  var input = $("na-search-input"), panel = $("na-search-panel"), status = $("na-search-status");
  var list = $("na-search-results"), more = $("na-search-more");
  var selects = { topic: $("na-search-topic"), year: $("na-search-year"),
                  issuer: $("na-search-issuer"), agency: $("na-search-agency") };
  var header = document.querySelector(".md-header__inner");
  if (header) header.insertBefore(root, header.querySelector(".md-header__source"));

  var state = { seq: 0, ranked: [], shown: 0, terms: [] };

  /* facets.json columns: one character per value (see search_export.SYMBOLS), or arrays. */
  var SYMBOLS = "";
  for (var c = 0x30; c < 0x7f; c++) if (c !== 0x5c) SYMBOLS += String.fromCharCode(c);
  function column(v) {
    if (typeof v !== "string") return v;
    return Array.prototype.map.call(v, function (ch) { return SYMBOLS.indexOf(ch); });
  }
  function lists(v) {
    if (typeof v !== "string") return v;
    return v.split(",").map(column);
  }
  var facetsLoaded = null;
  function loadFacets() {
    if (!facetsLoaded) {
      facetsLoaded = getJSON("facets.json").then(function (f) {
        return { y: column(f.y), i: column(f.i), t: lists(f.t), a: lists(f.a || "") };
      });
    }
    return facetsLoaded;
  }

  function parse(text) {
    // Field prefixes (so:, topic:, signer:, year:) only narrow the CLI's search; here their
    // values are words like any other. Quotes are ignored: all words must match.
    // agency:NAME picks the agency filter instead (a name, an alias or a slug).
    state.agency = null;
    text = text.replace(/(^|\s)agency:("[^"]*"?|\S*)/giu, function (m, pre, value) {
      state.agency = words(value.replace(/"/g, " ").replace(/-/g, " ")).join(" ");
      return " ";
    });
    return words(text.replace(/(^|\s)[\p{L}]+:/gu, " "));
  }

  function agencyFromQuery(meta) {
    if (!state.agency || !meta.agencies) return null;
    for (var i = 0; i < meta.agencies.length; i++) {
      if (meta.agencies[i][2].indexOf(state.agency) >= 0) return i;
    }
    return -1;   // named an agency the archive does not know: nothing matches
  }

  function postingsFor(meta, term) {
    return getJSON("t/" + (fnv1a(term) % meta.shards) + ".json").then(function (shard) {
      var p = shard[term] || [], out = new Map(), id = 0, i;
      if (typeof p === "string") {          // bitmap of a frequent word
        var bytes = atob(p);
        for (i = 0; i < bytes.length; i++) {
          var b = bytes.charCodeAt(i);
          for (var bit = 0; b && bit < 8; bit++, b >>= 1) {
            if (b & 1) out.set(i * 8 + bit, meta.bitmap_weight);
          }
        }
        return out;
      }
      for (i = 0; i < p.length; i += 2) { id += p[i]; out.set(id, p[i + 1]); }
      return out;
    });
  }

  function run() {
    var seq = ++state.seq, text = input.value;
    var terms = parse(text);
    if (!terms.length && !state.agency) { panel.hidden = true; return; }
    panel.hidden = false;
    Promise.all([getJSON("meta.json"), loadFacets()]).then(function (loaded) {
      var meta = loaded[0], facets = loaded[1];
      fillSelects(meta);
      return Promise.all(terms.map(function (t) { return postingsFor(meta, t); }))
        .then(function (lists) {
          if (seq !== state.seq) return;
          // Acronyms staff type ("pccc", "atgt") also match the notices of their topics.
          lists = lists.map(function (p, i) {
            var topics = meta.acronyms[terms[i]];
            if (!topics) return p;
            var merged = new Map(p);
            facets.t.forEach(function (ts, id) {
              if (ts.some(function (x) { return topics.indexOf(x) >= 0; }) && !merged.has(id))
                merged.set(id, 15);
            });
            return merged;
          });
          // Results as you type: an unfinished last word that matches nothing is left out.
          var last = lists.length - 1;
          if (last > 0 && !/\s$/.test(text) && lists[last] && lists[last].size === 0) {
            lists = lists.slice(0, last); terms = terms.slice(0, last);
          }
          rank(meta, facets, terms, lists);
        });
    }).catch(function (err) {
      status.textContent = "Không tải được chỉ mục tìm kiếm (" + err.message + ").";
    });
  }

  function rank(meta, facets, terms, lists) {
    var n = meta.n, scores = null;
    lists.forEach(function (p) {
      var idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      var next = new Map();
      p.forEach(function (w, id) {
        if (scores === null || scores.has(id)) next.set(id, (scores ? scores.get(id) : 0) + w * idf);
      });
      scores = next;
    });
    if (scores === null) {   // "agency:…" alone: every notice, newest first, then filtered
      scores = new Map();
      for (var k = 0; !terms.length && k < n; k++) scores.set(k, 0);
    }
    var matched = Array.from(scores.keys());
    updateCounts(meta, facets, matched);
    var topic = selects.topic.value, year = selects.year.value, issuer = selects.issuer.value;
    var agency = selects.agency ? selects.agency.value : "";
    var named = agencyFromQuery(meta);
    if (named !== null) agency = String(named);
    var kept = matched.filter(function (id) {
      return (topic === "" || facets.t[id].indexOf(+topic) >= 0) &&
             (year === "" || facets.y[id] === +year) &&
             (issuer === "" || facets.i[id] === +issuer) &&
             (agency === "" || (facets.a[id] || []).indexOf(+agency) >= 0);
    });
    kept.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
    state.ranked = kept; state.shown = 0; state.terms = terms;
    list.textContent = "";
    status.textContent = kept.length ? "Tìm thấy " + kept.length + " thông báo"
                                     : "Không tìm thấy thông báo nào.";
    showMore();
  }

  function fillSelects(meta) {
    if (selects.topic.options.length > 1) return;
    var add = function (select, value, label) {
      var o = document.createElement("option");
      o.value = String(value); o.textContent = label; o.dataset.label = label;
      select.appendChild(o);
    };
    meta.topics.forEach(function (t, i) { add(selects.topic, i, t[1]); });
    meta.years.forEach(function (y, i) { add(selects.year, i, String(y)); });
    meta.issuers.forEach(function (s, i) { add(selects.issuer, i, s); });
    if (selects.agency) {
      (meta.agencies || []).forEach(function (a, i) { add(selects.agency, i, a[1]); });
    }
  }

  function updateCounts(meta, facets, matched) {
    var counts = { topic: {}, year: {}, issuer: {}, agency: {} };
    matched.forEach(function (id) {
      facets.t[id].forEach(function (t) { counts.topic[t] = (counts.topic[t] || 0) + 1; });
      counts.year[facets.y[id]] = (counts.year[facets.y[id]] || 0) + 1;
      counts.issuer[facets.i[id]] = (counts.issuer[facets.i[id]] || 0) + 1;
      (facets.a[id] || []).forEach(function (a) { counts.agency[a] = (counts.agency[a] || 0) + 1; });
    });
    Object.keys(selects).forEach(function (name) {
      if (!selects[name]) return;
      Array.prototype.forEach.call(selects[name].options, function (o) {
        if (o.value === "") return;
        o.textContent = o.dataset.label + " (" + (counts[name][o.value] || 0) + ")";
      });
    });
  }

  function showMore() {
    var seq = state.seq, ids = state.ranked.slice(state.shown, state.shown + PAGE);
    state.shown += ids.length;
    more.hidden = state.shown >= state.ranked.length;
    ids.forEach(function (id) {
      var li = document.createElement("li");
      list.appendChild(li);
      getJSON("d/" + id + ".json").then(function (doc) {
        if (seq !== state.seq) return;
        var a = document.createElement("a");
        a.href = new URL(doc.u, base).href;
        a.textContent = doc.t;
        var meta = document.createElement("span");
        meta.className = "na-search__meta";
        meta.textContent = doc.n + (doc.d ? " · " + doc.d : "");
        li.appendChild(a); li.appendChild(meta); li.appendChild(snippet(doc.x, state.terms));
      });
    });
  }

  /* A window of the text with the most distinct query words, matches in <mark>. */
  function snippet(text, terms) {
    text = text.normalize("NFC");
    var spans = [], m, want = new Set(terms);
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (want.has(fold(m[0]))) spans.push([m.index, m.index + m[0].length, fold(m[0])]);
    }
    var begin = 0, best = -1;
    spans.forEach(function (s, i) {
      var seen = new Set();
      for (var j = i; j < spans.length && spans[j][0] < s[0] + SNIPPET; j++) seen.add(spans[j][2]);
      if (seen.size > best) { best = seen.size; begin = Math.max(0, s[0] - 40); }
    });
    if (begin > 0) { var sp = text.indexOf(" ", begin); begin = sp >= 0 && sp < begin + 40 ? sp + 1 : begin; }
    var end = Math.min(text.length, begin + SNIPPET);
    var out = document.createElement("span");
    out.className = "na-search__snippet";
    var pos = begin;
    if (begin > 0) out.appendChild(document.createTextNode("… "));
    spans.forEach(function (s) {
      if (s[0] < pos || s[1] > end) return;
      out.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      out.appendChild(mark);
      pos = s[1];
    });
    out.appendChild(document.createTextNode(text.slice(pos, end) + (end < text.length ? " …" : "")));
    return out;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", function () { if (parse(input.value).length) panel.hidden = false; });
  Object.keys(selects).forEach(function (k) { if (selects[k]) selects[k].addEventListener("change", run); });
  more.addEventListener("click", showMore);
  document.addEventListener("click", function (e) { if (!root.contains(e.target)) panel.hidden = true; });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") panel.hidden = true; });

  // A query handed over in the address (?q=…, e.g. from the home page's form, or a shared
  // link) is searched at once; the home page's form searches in place when scripts run.
  function searchFor(q) {
    input.value = q;
    run();
    input.focus();
  }
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) searchFor(given);
  Array.prototype.forEach.call(document.querySelectorAll("form.na-search"), function (form) {
    form.addEventListener("submit", function (e) {
      var field = form.querySelector("input[name=q]");
      if (!field) return;
      e.preventDefault();
      e.stopPropagation();
      searchFor(field.value);
    });
  });
})();
