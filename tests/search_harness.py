"""Running queries through both search implementations, for the shared vectors, the agreement
tests and bench/: the CLI's (Searcher over the Whoosh index) and the site's (na-search.js in a
page of the built site, in headless Chromium)."""

from __future__ import annotations

# Runs in the page: parse, rank and suggest each query with the site's own script; returns what
# the vectors compare (result URLs in rank order, counts, the parsed form, the suggestion).
BROWSER_SEARCH = """
var queries = arguments[0], limit = arguments[1], done = arguments[arguments.length - 1];
var index = new naSearch.Index(new URL("na-search/", document.baseURI));
var out = [];
function next(i) {
  if (i >= queries.length) { done(out); return; }
  var t0 = performance.now();
  naSearch.search(index, queries[i], null, "relevance").then(function (r) {
    var ids = r.docs.slice(0, limit);
    return Promise.all(ids.map(function (id) { return index.doc(id); })).then(function (docs) {
      out.push({query: queries[i], parsed: naSearch.parsedJSON(r.clauses),
                keys: docs.map(function (d) { return d.u.replace(/\\/$/, ""); }),
                full: r.full, partial: r.docs.length - r.full, suggestion: r.suggestion,
                ms: performance.now() - t0});
      next(i + 1);
    });
  }).catch(function (e) { out.push({query: queries[i], error: String(e)}); next(i + 1); });
}
next(0);
"""


def browser_search(browser, site_url: str, queries: list[str], limit: int = 10) -> list[dict]:
    """Each query through na-search.js on the built site at `site_url`."""
    if not browser.current_url.startswith(site_url):
        browser.get(site_url)
    browser.set_script_timeout(300)
    return browser.execute_async_script(BROWSER_SEARCH, queries, limit)


def cli_search(searcher, queries: list[str], limit: int = 10) -> list[dict]:
    """Each query through the CLI's Searcher, in the same shape as browser_search."""
    out = []
    for q in queries:
        r = searcher.search(q, limit=limit)
        out.append({"query": q, "parsed": r.parsed, "keys": [h.key for h in r.hits],
                    "full": r.total, "partial": r.partial_total, "suggestion": r.suggestion})
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
