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
