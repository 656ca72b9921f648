"""Running queries through both search implementations, for the shared vectors, the agreement
tests and bench/: the CLI's (Searcher over the Whoosh index) and the site's (na-search.js in a
page of the built site, in headless Chromium)."""

from __future__ import annotations

# Runs in the page: parse, rank and suggest each query with the site's own script; returns what
# the vectors compare (result URLs in rank order, counts, the parsed form, the suggestion, and
# for the first SHOWN results their snippet, highlights in [[ ]], and the terms they
# matched, as the CLI's --json gives them). A query is a string or {query, sort}. Given the
# expected results (arguments[2]), it stops at the first query that differs: a mutation run
# (tools/mutate_na_search.py) needs no more than that.
BROWSER_SEARCH = """
var queries = arguments[0], limit = arguments[1], done = arguments[arguments.length - 1];
var expected = arguments.length > 3 ? arguments[2] : null;
var index = new naSearch.Index(new URL("na-search/", document.baseURI));
var out = [];
function marked(span) {    // as the CLI's Hit.snippet_marked("[[", "]]")
  return Array.prototype.map.call(span.childNodes, function (n) {
    return n.nodeName === "MARK" ? "[[" + n.textContent + "]]" : n.textContent; }).join("");
}
function matched(r, id, doc) {
  return (r.why ? r.why(id) : []).map(function (m) {
    var x = {term: m.term, rule: m.rule};
    if (m.via !== undefined) { x.via = m.via; x.via_text = naSearch.spelledIn(doc.x || "", m.via); }
    return x;
  });
}
function canon(x) {     // keys in order: WebDriver hands objects over with keys sorted
  return JSON.stringify(x, function (k, v) {
    if (!v || typeof v !== "object" || Array.isArray(v)) return v;
    var o = {};
    Object.keys(v).sort().forEach(function (key) { o[key] = v[key]; });
    return o;
  });
}
function differs(got, want) {
  return Object.keys(want).some(function (k) {
    return k !== "query" && k in got && canon(got[k]) !== canon(want[k]); });
}
function next(i) {
  if (i >= queries.length) { done(out); return; }
  var q = typeof queries[i] === "string" ? {query: queries[i]} : queries[i];
  var t0 = performance.now();
  naSearch.search(index, q.query, null, q.sort || "relevance").then(function (r) {
    var ids = r.docs.slice(0, limit);
    return Promise.all(ids.map(function (id) { return index.doc(id); })).then(function (docs) {
      var shown = docs.slice(0, SHOWN);
      var got = {query: q.query, parsed: naSearch.parsedJSON(r.clauses),
                 keys: docs.map(function (d) { return d.u.replace(/\\/$/, ""); }),
                 full: r.full, partial: r.docs.length - r.full, suggestion: r.suggestion,
                 corrected: r.corrected || null,
                 snippets: shown.map(function (d) {
                   return marked(naSearch.snippet(d.x, r.clauses, 0, r.altWords)); }),
                 matched: shown.map(function (d, k) { return matched(r, ids[k], d); }),
                 ms: performance.now() - t0};
      out.push(got);
      if (expected && differs(got, expected[i])) { done(out); return; }
      next(i + 1);
    });
  }).catch(function (e) { out.push({query: q.query, error: String(e)}); next(i + 1); });
}
next(0);
""".replace("SHOWN", "3")
SHOWN = 3   # results whose snippet and matched terms the vectors hold


def browser_search(browser, site_url: str, queries: list, limit: int = 10,
                   expected: list[dict] | None = None) -> list[dict]:
    """Each query (a string, or {"query", "sort"}) through na-search.js on the built site at
    `site_url`. With `expected`, stops after the first result that differs from it."""
    if not browser.current_url.startswith(site_url):
        browser.get(site_url)
    browser.set_script_timeout(300)
    args = (queries, limit) if expected is None else (queries, limit, expected)
    return browser.execute_async_script(BROWSER_SEARCH, *args)


def cli_search(searcher, queries: list, limit: int = 10) -> list[dict]:
    """Each query (a string, or {"query", "sort"}) through the CLI's Searcher, in the same
    shape as browser_search."""
    out = []
    for q in queries:
        q = {"query": q} if isinstance(q, str) else q
        r = searcher.search(q["query"], limit=limit, sort=q.get("sort", "relevance"))
        out.append({"query": q["query"], "parsed": r.parsed, "keys": [h.key for h in r.hits],
                    "full": r.total, "partial": r.partial_total, "suggestion": r.suggestion,
                    "corrected": r.corrected,
                    "snippets": [h.snippet_marked("[[", "]]") for h in r.hits[:SHOWN]],
                    "matched": [h.matched for h in r.hits[:SHOWN]]})
    return out


# --- judged queries (tests/search_judged.json) -----------------------------------------------

def relevant_keys(relevant, notices, topics=None) -> set[str]:
    """Keys of the notices meeting every condition of one judgement, or (a list of
    judgements) any of them."""
    if isinstance(relevant, list):
        return set().union(*(relevant_keys(r, notices) for r in relevant))
    from generator.index.analysis import folded_words
    from generator.index.query import fold_number

    def holds(n) -> bool:
        for kind, value in relevant.items():
            if kind == "text":
                text = " " + " ".join(folded_words(n.title + " " + n.body)) + " "
                if " " + " ".join(folded_words(value)) + " " not in text:
                    return False
            elif kind in ("person", "chair"):
                names = [n.meeting.chair if n.meeting else None]
                if kind == "person":
                    names.append(n.signer.name if n.signer else None)
                if folded_words(value) not in [folded_words(x) for x in names if x]:
                    return False
            elif kind == "number":
                if not n.number or fold_number(n.number) != fold_number(value):
                    return False
            elif kind == "year":
                if n.year != value:
                    return False
            elif kind == "file":
                if n.source.rsplit("/", 1)[-1].rsplit(".", 1)[0] != value:
                    return False
            elif kind == "topic":
                if value not in n.topics:
                    return False
            elif kind == "issuer":
                have = " " + " ".join(folded_words(n.issuer or "")) + " "
                if " " + " ".join(folded_words(value)) + " " not in have:
                    return False
            else:
                raise ValueError(f"unknown judgement {kind!r}")
        return True
    return {n.key for n in notices if holds(n)}


def evaluate(judged: list[dict], cli: list[dict], browser: list[dict], notices) -> dict:
    """recall@10 (of min(10, |relevant|)), MRR and the share of the CLI's top ten that the
    browser's top ten hold, per query and on average over queries with relevant notices."""
    rows = []
    for j, c, b in zip(judged, cli, browser):
        relevant = relevant_keys(j["relevant"], notices)
        row = {"query": j["query"], "kind": j.get("kind", ""), "relevant": len(relevant)}
        for name, result in (("cli", c), ("browser", b)):
            top = result["keys"][:10]
            hits = [k for k in top if k in relevant]
            row[f"{name}_recall"] = (len(hits) / min(10, len(relevant))) if relevant else None
            first = next((i for i, k in enumerate(top, 1) if k in relevant), None)
            row[f"{name}_rr"] = (1 / first if first else 0.0) if relevant else None
        cli_top = set(c["keys"][:10])
        row["agreement"] = (len(cli_top & set(b["keys"][:10])) / len(cli_top)) if cli_top else 1.0
        rows.append(row)
    judged_rows = [r for r in rows if r["relevant"]]

    def mean(key: str) -> float:
        values = [r[key] for r in judged_rows]
        return sum(values) / len(values) if values else 0.0
    return {"rows": rows, "queries": len(rows), "judged": len(judged_rows),
            "cli_recall": mean("cli_recall"), "cli_mrr": mean("cli_rr"),
            "browser_recall": mean("browser_recall"), "browser_mrr": mean("browser_rr"),
            "agreement": sum(r["agreement"] for r in rows) / len(rows) if rows else 0.0}


def standalone_page(folder, export_dir_name: str = "na-search") -> None:
    """A bare page in `folder` holding the site's search script, beside an exported index:
    enough for browser_search without building the whole site."""
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    script = root / "theme" / "assets" / "javascripts" / "na-search.js"
    (Path(folder) / "na-search.js").write_text(script.read_text(encoding="utf-8"),
                                               encoding="utf-8")
    (Path(folder) / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>search</title>"
        "<script src=na-search.js></script>", encoding="utf-8")
