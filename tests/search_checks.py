"""What the site's search script must do, as checks that both the browser tests and
tools/mutate_na_search.py run against a built site in headless Chromium.

- vectors: the parse, understand and rank vectors of search_vectors.json and
  search_vectors_rules.json (what the CLI does, pinned once in data);
- bitmaps: an export where every frequent word is a bitmap, ranked like Python reads it;
- the pages, which only the browser has: the results page against the `page` vectors (every
  result, twenty at a time, filters, facet counts, sort, the address as the state), the header
  box (its list, status line, snippets, keyboard), a missing index, and paging on a larger
  archive. The expected pages are written here once, from the vectors and from the notices'
  own fields, never from what the script shows.

A check raises AssertionError naming what differed.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode

from search_harness import browser_search

TESTS = Path(__file__).resolve().parent
SHARED = json.loads((TESTS / "search_vectors.json").read_text(encoding="utf-8"))
RULES = json.loads((TESTS / "search_vectors_rules.json").read_text(encoding="utf-8"))
RANK_FIELDS = ("keys", "full", "partial", "suggestion", "corrected", "snippets", "matched")
PAGE = 20                      # results the page lists before "Xem thêm"
SUGGEST = "Có phải bạn muốn tìm: "
FACETS = ("topic", "year", "type", "issuer", "signer", "agency")   # the page's order


# --- the vectors ------------------------------------------------------------------------------

def rank_cases() -> list[tuple[dict, dict]]:
    """(query, expected) of every rank vector of both files, in the browser harness's shape."""
    out = []
    for v in SHARED["rank"] + SHARED["rank_staff"] + RULES["rank"]:
        out.append(({"query": v["query"], "sort": v.get("sort", "relevance")},
                    {k: v[k] for k in RANK_FIELDS if k in v}))
    return out


def check_vectors(driver, site_url: str, spec: dict, thesaurus: dict) -> None:
    """Parse, understanding and ranking of na-search.js on the built sample site equal the
    vectors (stops at the first ranking that differs). `spec`: query_language.json;
    `thesaurus`: generator.thesaurus.archive_table(), which the understand vectors assume."""
    driver.get(site_url)
    got = driver.execute_script(
        "var spec = arguments[1], table = arguments[2]; return arguments[0].map(function (q) {"
        "  var c = naSearch.parse(q, spec);"
        "  return naSearch.parsedJSON(c); });",
        [v["query"] for v in SHARED["parse"]], spec, thesaurus)
    for v, parsed in zip(SHARED["parse"], got):
        assert parsed == v["parsed"], f"parse {v['query']!r}: {parsed}"
    got = driver.execute_script(
        "var spec = arguments[1], table = arguments[2]; return arguments[0].map(function (q) {"
        "  return naSearch.understoodJSON(naSearch.understand(naSearch.parse(q, spec), spec,"
        "                                                     table)); });",
        [v["query"] for v in SHARED["understand"]], spec, thesaurus)
    for v, understood in zip(SHARED["understand"], got):
        assert understood == v["understood"], f"understand {v['query']!r}: {understood}"
    cases = rank_cases()
    results = browser_search(driver, site_url, [c for c, _ in cases],
                             expected=[e for _, e in cases])
    if len(results) < len(cases):
        case, want = cases[len(results) - 1] if results else cases[0]
        got = results[-1] if results else {}
        raise AssertionError(f"rank {case}: " + "; ".join(
            f"{k}: {got.get(k)!r} != {want[k]!r}" for k in want if got.get(k) != want[k]))
    for (case, want), got in zip(cases, results):
        assert "error" not in got and {k: got[k] for k in want} == want, f"rank {case}: {got}"


# --- bitmaps: frequent words exported as bitmaps, on the sample archive -----------------------

BITMAP_QUERIES = ["tinh", "cong an tinh", "an toan giao thong", "de an 06 tinh", "ubnd tinh",
                  "tinh hau giang", "pccc tinh", "hoa"]


def export_with_bitmaps(root: Path, folder: Path) -> tuple[list[str], list[dict]]:
    """Export the sample archive into `folder` with every word in more than a quarter of the
    notices as a bitmap (common_min_docs 1 instead of 1,000), beside a bare page holding the
    script; returns BITMAP_QUERIES and words in exactly a quarter of the notices (the
    boundary: weighted, not flat), with the ranking Python reads from those files (the
    exported index is held to the CLI by the vectors)."""
    from generator.index import ranking
    from generator.index.browser_export import ExportedIndex, export
    from generator.index.query import parse, spec
    from generator.pipeline import run
    from search_harness import standalone_page

    constants = spec()["ranking"]
    before = constants["common_min_docs"]
    constants["common_min_docs"] = 1
    try:
        export(run(root / "notices", root).linked, folder / "na-search")
        shards = [json.loads(p.read_text(encoding="utf-8"))
                  for p in (folder / "na-search" / "t").iterdir()]
        assert any(isinstance(v, str) for s in shards for v in s.values()), "no bitmap exported"
        index = ExportedIndex(folder / "na-search")
        n = json.loads((folder / "na-search" / "meta.json").read_text(encoding="utf-8"))["n"]
        edge = sorted(k for s in shards for k, v in s.items() if k.isalpha() and k.isascii()
                      and isinstance(v, list) and len(v) == 2 * n * constants["common_share"])
        assert edge, "no word in exactly a quarter of the notices"
        queries = BITMAP_QUERIES + edge[:4] + [f"{w} tinh" for w in edge[:2]]
        out = []
        for query in queries:
            r = ranking.rank(parse(query), index)
            keys = [json.loads((folder / "na-search" / "d" / f"{d}.json").read_text(
                encoding="utf-8"))["u"].rstrip("/") for d in r.docs[:100]]
            out.append({"keys": keys, "full": r.full, "partial": r.partial})
    finally:
        constants["common_min_docs"] = before
    standalone_page(folder)
    return queries, out


def check_bitmaps(driver, url: str, queries: list[str], expected: list[dict]) -> None:
    driver.get(url)
    got = browser_search(driver, url, queries, limit=100)
    assert len(got) == len(queries)
    for query, want, g in zip(queries, expected, got):
        assert "error" not in g and {k: g[k] for k in want} == want, f"bitmaps {query!r}: {g}"


# --- the notices' own fields, for the facets --------------------------------------------------

def archive_facts(root: Path, profile: str = "public") -> dict:
    """Per published notice key, its value(s) of each facet, and each value's label: what the
    results page's facets must count, taken from the notices and not from the export."""
    from generator.index.writer import indexable, notice_agencies
    from generator.pipeline import run
    from generator.text import canonical

    linked = run(root / "notices", root, profile).linked
    notices = indexable(linked)
    values, labels = {}, {f: {} for f in FACETS}
    for n in notices:
        agencies = notice_agencies(n, linked)
        v = {"topic": set(n.topics), "year": {str(n.year)} if n.year else set(),
             "type": {n.type}, "issuer": {n.issuer} if n.issuer else set(),
             "signer": {canonical(n.signer.name)} if n.signer and n.signer.name else set(),
             "agency": set(agencies)}
        values[n.key] = v
        labels["type"][n.type] = n.type_name
        if n.issuer:
            labels["issuer"][n.issuer] = n.issuer
        if n.signer and n.signer.name:
            labels["signer"].setdefault(canonical(n.signer.name), n.signer.name)
        if n.year:
            labels["year"][str(n.year)] = str(n.year)
        for key in agencies:
            agency = linked.agencies.get(key)
            labels["agency"][key] = agency.name if agency else key
    for slug, topic in linked.topics.items():
        labels["topic"][slug] = topic.name
    return {"values": values, "labels": labels}


def expected_facets(facts: dict, keys: list[str], chosen: dict) -> list:
    """The page's facet groups over `keys` (every result): a value with notices, or the
    chosen one; by count then name (years newest first); at most twelve a group."""
    out = []
    for f in FACETS:
        counts = {}
        for key in keys:
            for value in facts["values"][key][f]:
                counts[value] = counts.get(value, 0) + 1
        labels = facts["labels"][f]
        items = [[value, labels[value], counts.get(value, 0), chosen.get(f) == value]
                 for value in labels if counts.get(value) or chosen.get(f) == value]
        if not items:
            continue
        if f == "year":
            items.sort(key=lambda x: x[0], reverse=True)
        else:
            items.sort(key=lambda x: (-x[2], x[1]))
        out.append([f, items[:12]])
    return out


# --- reading the pages ------------------------------------------------------------------------

# The results page as a reader sees it: status, suggestion, the list (a divider, or a notice
# with its partial mark), the "more" button, the facet groups, the form.
RESULTS_PAGE = """
function text(el) { return el && !el.hidden ? el.textContent : null; }
var items = Array.prototype.map.call(document.querySelectorAll("#na-results-list > li"),
  function (li) {
    if (li.classList.contains("na-hit--divider")) return ["divider", li.textContent];
    var a = li.querySelector("a.na-hit__title");
    return [a ? a.href : null, !!li.querySelector(".na-hit__partial")];
  });
var facets = Array.prototype.map.call(document.querySelectorAll("#na-results-facets fieldset"),
  function (g) {
    var links = g.querySelectorAll("a.na-facet__value");
    return [links.length ? links[0].dataset.facet : g.querySelector("legend").textContent,
            Array.prototype.map.call(links, function (a) {
              return [a.dataset.value, a.querySelector("span").textContent,
                      +a.querySelector(".na-facet__count").textContent,
                      a.classList.contains("na-facet__value--on") &&
                        a.getAttribute("aria-current") === "true", a.getAttribute("href")]; })];
  });
return {status: document.getElementById("na-results-status").textContent,
        suggest: text(document.getElementById("na-results-suggest")),
        items: items, more: text(document.getElementById("na-results-more")), facets: facets,
        q: document.getElementById("na-results-q").value,
        sort: document.getElementById("na-results-sort").value,
        search: window.location.search};
"""

# The header box: open or not, status, each entry (link, partial mark, snippet with [[ ]],
# explanation, active), the "all results" link, the suggestion, the list box's ARIA state.
HEADER_BOX = """
function text(el) { return el && !el.hidden ? el.textContent : null; }
function marked(span) {
  return span ? Array.prototype.map.call(span.childNodes, function (n) {
    return n.nodeName === "MARK" ? "[[" + n.textContent + "]]" : n.textContent; }).join("") : null;
}
var input = document.getElementById("na-search-input");
var items = Array.prototype.map.call(document.querySelectorAll("#na-search-results > li"),
  function (li) {
    var a = li.querySelector("a.na-hit__title"), why = li.querySelector(".na-hit__why");
    return {href: a ? a.href : null, partial: !!li.querySelector(".na-hit__partial"),
            snippet: marked(li.querySelector(".na-search__snippet")),
            why: why ? why.textContent : null, active: li.classList.contains("na-hit--active"),
            id: li.id, option: li.getAttribute("role")};
  });
var all = document.getElementById("na-search-all");
return {open: !document.getElementById("na-search-panel").hidden,
        expanded: input.getAttribute("aria-expanded"),
        activedescendant: input.getAttribute("aria-activedescendant"),
        status: document.getElementById("na-search-status").textContent, items: items,
        all: all.hidden ? null : all.getAttribute("href") && all.href,
        suggest: text(document.getElementById("na-search-suggest"))};
"""


def settle(driver, read, want, timeout: float, what: str):
    """Read the page until it shows `want` (the script fills it asynchronously); fail naming
    `what` with the last thing shown. `want` may be a predicate."""
    end = time.monotonic() + timeout
    while True:
        try:
            got = read(driver)
        except Exception as e:     # a page still loading, or broken by the script
            got = f"<{type(e).__name__}: {e}>"
        if (want(got) if callable(want) else got == want):
            return got
        if time.monotonic() > end:
            raise AssertionError(f"{what}: shown {got!r}, wanted {want!r}")
        time.sleep(0.05)


def count_line(full: int, partial: int, corrected: str | None = None) -> str:
    """The status line above results (box and page)."""
    if not full + partial:
        return "Không tìm thấy thông báo nào."
    line = (f"Không có thông báo khớp đủ các từ đã gõ; kết quả cho \u201c{corrected}\u201d. "
            if corrected else "") + f"Tìm thấy {full} thông báo"
    if partial:
        line += (", thêm " if full else " khớp đủ các từ; ") + f"{partial} thông báo khớp một phần"
    return line + "."


def page_address(base: str, page: dict) -> str:
    params = {"q": page["query"]}
    for key in ("topic", "year", "sort"):
        if page.get(key):
            params[key] = page[key]
    return base + "tim-kiem/?" + urlencode(params)


def expected_page(base: str, page: dict, facts: dict | None, shown: int = PAGE) -> dict:
    """The results page of a `page` vector with its first `shown` results listed."""
    keys, full = page["keys"], page["full"]
    items = []
    for i, key in enumerate(keys[:shown]):
        if i == full and full > 0:
            items.append(["divider", "Khớp một phần các từ"])
        items.append([base + key + "/", i >= full])
    rest = len(keys) - min(shown, len(keys))
    want = {"status": count_line(full, page["partial"], page.get("corrected")),
            "suggest": SUGGEST + page["suggestion"] if page["suggestion"] else None,
            "items": items, "more": f"Xem thêm ({rest} kết quả nữa)" if rest else None}
    if facts is not None:
        want["facets"] = expected_facets(facts, keys, page)
    return want


def _results_page(driver) -> dict:
    return driver.execute_script(RESULTS_PAGE)


def _facets_only(shown: dict) -> list:
    """The facet groups without the links' addresses (checked apart)."""
    return [[f, [x[:4] for x in items]] for f, items in shown.get("facets", [])]


def _page_view(shown: dict, want: dict) -> dict:
    view = {k: shown[k] for k in want if k != "facets"}
    if "facets" in want:
        view["facets"] = _facets_only(shown)
    return view


def _canonical_signers(shown: dict) -> dict:
    from generator.text import canonical
    for f, items in shown.get("facets", []):
        if f == "signer":
            for x in items:
                x[0] = canonical(x[0])
    return shown


def check_results_pages(driver, base: str, facts: dict, timeout: float) -> None:
    """Every `page` vector opened by its address: the list, counts, marks, suggestion, facet
    counts and the form are what the CLI and the notices say."""
    for page in RULES["page"]:
        driver.get(page_address(base, page))
        want = expected_page(base, page, facts)
        shown = settle(driver, lambda d: _page_view(_canonical_signers(_results_page(d)), want),
                       want, timeout, f"results page {page}")
        form = _results_page(driver)
        assert (form["q"], form["sort"]) == (page["query"], page.get("sort", "")), form


def _vector(query: str, sort: str = "relevance") -> dict:
    for v in RULES["rank"] + SHARED["rank"]:
        if v["query"] == query and v.get("sort", "relevance") == sort:
            return v
    raise KeyError(query)


def _page_vector(**want) -> dict:
    for p in RULES["page"]:
        if all(p.get(k, "") == v for k, v in want.items()) and \
                all(k in want for k in ("query", "topic", "year", "sort") if p.get(k)):
            return p
    raise KeyError(want)


def check_results_page_state(driver, base: str, facts: dict, timeout: float) -> None:
    """The address is the state: a facet's link adds its filter and removing it comes back,
    the sort menu, the form, the browser's back button, the suggestion's link, a page
    without a query."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    def shows(page, what):
        want = expected_page(base, page, facts)
        settle(driver, lambda d: _page_view(_canonical_signers(_results_page(d)), want), want,
               timeout, what)

    tinh = _page_vector(query="tinh")
    pccc = _page_vector(query="tinh", topic="phong-chay-chua-chay")
    driver.get(page_address(base, tinh))
    shows(tinh, "tinh")
    link = driver.find_element(By.CSS_SELECTOR, 'a.na-facet__value[data-facet="topic"]'
                                                '[data-value="phong-chay-chua-chay"]')
    address = "?q=tinh&topic=phong-chay-chua-chay"
    assert link.get_attribute("href").endswith(address), link.get_attribute("href")
    link.click()
    shows(pccc, "a topic chosen")
    assert _results_page(driver)["search"] == address
    # the chosen value links to the page without it
    driver.find_element(By.CSS_SELECTOR, "a.na-facet__value--on").click()
    shows(tinh, "the topic taken off")
    assert _results_page(driver)["search"] == "?q=tinh"
    driver.back()
    shows(pccc, "back")
    driver.forward()
    shows(tinh, "forward")

    dated, relevant = _page_vector(query="de an 06 pccc", sort="date"), \
        _page_vector(query="de an 06 pccc")
    box = driver.find_element(By.ID, "na-results-q")
    box.clear()
    box.send_keys("de an 06 pccc")
    driver.find_element(By.CSS_SELECTOR, "#na-results-form button[type=submit]").click()
    shows(relevant, "the form")
    Select(driver.find_element(By.ID, "na-results-sort")).select_by_value("date")
    shows(dated, "sorted by date")
    assert _results_page(driver)["search"] == "?q=de+an+06+pccc&sort=date"
    Select(driver.find_element(By.ID, "na-results-sort")).select_by_value("")
    shows(relevant, "sorted by relevance again")
    assert _results_page(driver)["search"] == "?q=de+an+06+pccc"

    # the suggestion's link runs the suggested query
    typo = _page_vector(query="giao thongg")
    driver.get(page_address(base, typo))
    shows(typo, "a typo")
    driver.find_element(By.CSS_SELECTOR, "#na-results-suggest a").click()
    settle(driver, lambda d: _results_page(d)["search"], "?q=giao+th%C3%B4ng", timeout,
           "the suggestion's address")
    settle(driver, lambda d: _results_page(d)["q"], "giao thông", timeout, "the suggestion")

    # no query and no filter: how to search, nothing listed
    driver.get(base + "tim-kiem/")
    settle(driver, lambda d: (_results_page(d)["status"].startswith("Gõ từ cần tìm"),
                              _results_page(d)["items"], _results_page(d)["more"]),
           (True, [], None), timeout, "an empty results page")


def check_header_box(driver, base: str, timeout: float) -> None:
    """Results as you type: the first ten, the status line, partial marks, snippets and
    thesaurus explanations as the vectors (the CLI) give them, the "all results" link."""
    from generator.commands.search import RULE_LABELS
    from selenium.webdriver.common.by import By

    driver.get(base)
    box = driver.find_element(By.ID, "na-search-input")
    # partial matches, a correction shown, a thesaurus match, a typed accent, nothing found,
    # an unknown last word with other words matching (shown as typed, not shortened)
    for query in ("de an 06 pccc", "giao thongg", "ngap lut", "tái", "thien tia", "xyzzy",
                  "de an 06 xyzzy"):
        v = _vector(query)
        box.clear()
        box.send_keys(query)
        items = [{"href": base + key + "/", "partial": i >= v["full"],
                  "snippet": v["snippets"][i] if i < len(v["snippets"]) else None,
                  "why": "; ".join(f"khớp theo {RULE_LABELS[m['rule']]}: {m['term']} → "
                                   f"{m['via_text']}" for m in v["matched"][i]
                                   if m["rule"] in RULE_LABELS) or None
                  if i < len(v["matched"]) else None}
                 for i, key in enumerate(v["keys"])]
        want = {"open": True, "expanded": "true",
                "status": count_line(v["full"], v["partial"], v.get("corrected")),
                "items": items, "suggest": SUGGEST + v["suggestion"] if v["suggestion"] else None,
                "all": base + "tim-kiem/?" + urlencode({"q": query}).replace("+", "%20")
                if v["keys"] else None}

        def read(d):
            shown = d.execute_script(HEADER_BOX)
            shown["items"] = [{k: x[k] for k in ("href", "partial", "snippet", "why")}
                              if i < 3 else {k: x[k] for k in ("href", "partial")}
                              for i, x in enumerate(shown["items"])]
            return {k: shown[k] for k in want}
        for i, item in enumerate(want["items"]):
            if i >= 3:
                del item["snippet"], item["why"]
        settle(driver, read, want, timeout, f"header box {query!r}")

    # An unfinished last word that matches nothing is left out until a space ends it.
    year = _page_vector(query="", year="2023")
    box.clear()
    box.send_keys("year:2023 xyzzy")
    settle(driver, lambda d: [x["href"] for x in d.execute_script(HEADER_BOX)["items"]],
           [base + k + "/" for k in year["keys"][:10]], timeout, "an unfinished word")
    box.send_keys(" ")
    settle(driver, lambda d: (d.execute_script(HEADER_BOX)["status"],
                              d.execute_script(HEADER_BOX)["all"]),
           ("Không tìm thấy thông báo nào.", None), timeout, "a finished unknown word")

    # The suggestion's link puts the suggestion in the box and runs it.
    box.clear()
    box.send_keys("giao thongg")
    link = settle(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#na-search-suggest a"),
                  lambda x: bool(x), timeout, "a suggestion link")[0]
    assert link.get_attribute("href") == base + "tim-kiem/?q=giao%20th%C3%B4ng", \
        link.get_attribute("href")
    link.click()
    right = _vector("giao thông") if any(v["query"] == "giao thông" for v in RULES["rank"]) \
        else None
    settle(driver, lambda d: d.find_element(By.ID, "na-search-input").get_attribute("value"),
           "giao thông", timeout, "the suggestion in the box")
    if right:
        settle(driver, lambda d: d.execute_script(HEADER_BOX)["status"],
               count_line(right["full"], right["partial"]), timeout, "the suggestion's results")


def check_keyboard(driver, base: str, timeout: float) -> None:
    """↓/↑ move through the list and back into the box (wrapping), the first Esc closes and
    keeps the query (a second is the search field's own: it clears it), ↓ opens again, a click elsewhere closes, Enter opens the chosen notice or, with
    none chosen, the results page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    v = _vector("de an 06 pccc")
    n = len(v["keys"])
    assert n >= 3
    driver.get(base + v["keys"][-1] + "/")
    box = driver.find_element(By.ID, "na-search-input")
    box.send_keys("de an 06 pccc")

    def state(d):
        s = d.execute_script(HEADER_BOX)
        active = [i for i, x in enumerate(s["items"]) if x["active"]]
        ids = [x["id"] for x in s["items"]]
        return {"open": s["open"], "expanded": s["expanded"], "active": active,
                "descendant": s["activedescendant"], "count": len(ids),
                "ids_ok": len(set(ids)) == len(ids) and all(x["option"] == "option"
                                                             for x in s["items"])}

    def at(i):
        return {"open": True, "expanded": "true", "active": [i] if i >= 0 else [],
                "descendant": state_ids[i] if i >= 0 else None, "count": n, "ids_ok": True}
    settle(driver, lambda d: (state(d)["count"], state(d)["ids_ok"]), (n, True), timeout,
           "the list")
    state_ids = [x["id"] for x in driver.execute_script(HEADER_BOX)["items"]]
    for keys, where in ((Keys.ARROW_DOWN, 0), (Keys.ARROW_DOWN, 1), (Keys.ARROW_UP, 0),
                        (Keys.ARROW_UP, -1), (Keys.ARROW_UP, n - 1), (Keys.ARROW_DOWN, -1),
                        (Keys.ARROW_DOWN, 0)):
        box.send_keys(keys)
        settle(driver, state, at(where), timeout, f"after {keys!r} (want entry {where})")
    box.send_keys(Keys.ESCAPE)
    settle(driver, lambda d: (state(d)["open"], state(d)["expanded"]), (False, "false"),
           timeout, "Esc")
    assert box.get_attribute("value") == "de an 06 pccc"
    box.send_keys(Keys.ARROW_DOWN)      # opens again, nothing chosen
    settle(driver, state, at(-1), timeout, "↓ on a closed box")
    # a click elsewhere (the panel covers the heading, so the click is the page's own),
    # which also takes the focus away
    driver.execute_script("document.activeElement.blur(); document.querySelector('h1').click()")
    settle(driver, lambda d: state(d)["open"], False, timeout, "a click outside")
    box.click()                          # focus opens it again, the list kept
    settle(driver, lambda d: (state(d)["open"], state(d)["count"]), (True, n), timeout,
           "focus again")
    box.send_keys(Keys.ENTER)            # nothing chosen: the results page
    settle(driver, lambda d: d.current_url, base + "tim-kiem/?q=de%20an%2006%20pccc", timeout,
           "Enter with nothing chosen")
    driver.get(base)
    box = driver.find_element(By.ID, "na-search-input")
    box.send_keys("de an 06 pccc")
    settle(driver, lambda d: state(d)["count"], n, timeout, "the list again")
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    settle(driver, lambda d: d.current_url, base + v["keys"][0] + "/", timeout,
           "Enter on the first entry")


def check_shared_address(driver, base: str, timeout: float) -> None:
    """Any page opened with ?q= runs the query in the header's box."""
    v = _vector("giao thongg")
    driver.get(base + "chu-de/?q=giao+thongg")
    settle(driver, lambda d: (d.execute_script(HEADER_BOX)["status"],
                              [x["href"] for x in d.execute_script(HEADER_BOX)["items"]]),
           (count_line(v["full"], v["partial"], v["corrected"]),
            [base + k + "/" for k in v["keys"]]),
           timeout, "?q= on another page")


def check_missing_index(driver, base: str, timeout: float) -> None:
    """`base`: the site with na-search/meta.json taken away. Both places say the index could
    not be loaded and why."""
    from selenium.webdriver.common.by import By

    message = "Không tải được chỉ mục tìm kiếm (404 meta.json)."
    driver.get(base + "tim-kiem/?q=tinh")
    settle(driver, lambda d: d.find_element(By.ID, "na-results-status").text, message,
           timeout, "results page without an index")
    driver.get(base)
    driver.find_element(By.ID, "na-search-input").send_keys("tinh")
    settle(driver, lambda d: (d.execute_script(HEADER_BOX)["open"],
                              d.execute_script(HEADER_BOX)["status"]), (True, message),
           timeout, "header box without an index")


def check_empty_archive(driver, base: str, timeout: float) -> None:
    """`base`: the site of an archive with no notice yet, whose index has no term shard at all
    (a shard no term hashes to is never written). A query finds nothing and says so."""
    from selenium.webdriver.common.by import By

    nothing = count_line(0, 0)
    driver.get(base + "tim-kiem/?q=tinh+pccc")
    settle(driver, lambda d: (_results_page(d)["status"], _results_page(d)["items"]),
           (nothing, []), timeout, "results page of an empty archive")
    driver.get(base)
    driver.find_element(By.ID, "na-search-input").send_keys("tinh")
    settle(driver, lambda d: (d.execute_script(HEADER_BOX)["open"],
                              d.execute_script(HEADER_BOX)["status"]), (True, nothing),
           timeout, "header box of an empty archive")


def without_meta(site: Path, dest: Path) -> Path:
    """A copy of a built site whose search index lost its meta.json."""
    import shutil
    shutil.copytree(site, dest)
    (dest / "na-search" / "meta.json").unlink()
    return dest


# --- paging, on an archive of more notices than a page lists ----------------------------------

PAGED_NOTICES = 30              # notices of bench/generate.py: more than a page lists
PAGED_QUERIES = ["tinh", "an toan giao thong tai nan"]


def paged_expectations(searcher) -> list[dict]:
    """The CLI's every result for PAGED_QUERIES, as `page` vectors."""
    out = []
    for query in PAGED_QUERIES:
        r = searcher.search(query, limit=None)
        out.append({"query": query, "keys": [h.key for h in r.hits], "full": r.total,
                    "partial": r.partial_total, "suggestion": r.suggestion,
                    "corrected": r.corrected})
    assert any(len(p["keys"]) > PAGE for p in out), "the archive is too small to page"
    assert any(0 < p["full"] < len(p["keys"]) for p in out), "no partial matches to page to"
    return out


def check_paging(driver, base: str, pages: list[dict], timeout: float) -> None:
    """Twenty at a time: "Xem thêm (N kết quả nữa)" lists the next twenty, the divider before
    the first partial match wherever it falls, the button gone at the end."""
    from selenium.webdriver.common.by import By

    for page in pages:
        driver.get(page_address(base, page))
        shown = PAGE
        while True:
            want = expected_page(base, page, None, shown)
            settle(driver, lambda d: _page_view(_results_page(d), want), want, timeout,
                   f"{page['query']!r}, {shown} shown")
            if shown >= len(page["keys"]):
                break
            driver.find_element(By.ID, "na-results-more").click()
            shown += PAGE
