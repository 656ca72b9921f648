"""Search quality, agreement, speed and bytes of the site's search box against the CLI, on a
synthetic archive (bench/generate.py) of N notices.

    python bench/search_quality.py -n 2000 [--dir /tmp/archive] [--rounds 3]
    python bench/search_quality.py -n 2000 --with-real --judged tests/search_staff.json --no-speed

Prints, for the judged queries of tests/search_judged.json: recall@10 and MRR of the CLI and of
the browser (na-search.js in headless Chromium), and the share of the CLI's top ten the
browser's top ten hold; then, typing each query into the header box of a fresh page: the time
from the last keystroke to the first result on screen (medians; the box waits 80 ms for more
keystrokes first), and the bytes that query downloaded (every file under na-search/ the page
fetched, raw and gzip-compressed as a static host would send JSON).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

# Types the query into the box as the last keystroke would leave it, and reports when the
# first result link is on screen, and which index files the page fetched.
TYPE_AND_WAIT = """
var q = arguments[0], done = arguments[arguments.length - 1];
var input = document.getElementById("na-search-input");
var list = document.getElementById("na-search-results");
var t0 = performance.now();
function finish() {
  var files = performance.getEntriesByType("resource").map(function (e) { return e.name; })
    .filter(function (n) { return n.indexOf("/na-search/") >= 0; });
  done({ms: performance.now() - t0, files: files, count: list.querySelectorAll("li").length});
}
var seen = false;
new MutationObserver(function () {
  if (!seen && list.querySelector("li a")) { seen = true; finish(); }
}).observe(list, {childList: true, subtree: true});
setTimeout(function () { if (!seen) { seen = true; finish(); } }, 10000);
input.value = q;
input.dispatchEvent(new Event("input"));
"""


def page_with_box(site: Path) -> None:
    """index.html with the header's search box and the script, beside the exported index."""
    partial = (ROOT / "theme" / "partials" / "na-search.html").read_text(encoding="utf-8")
    box = partial.split("-#}", 1)[1].replace("{{ base_url | e }}", ".") \
        .replace("{{ 'tim-kiem/' | url }}", "tim-kiem/")
    script = (ROOT / "theme" / "assets" / "javascripts" / "na-search.js").read_text(encoding="utf-8")
    (site / "na-search.js").write_text(script, encoding="utf-8")
    (site / "index.html").write_text("<!doctype html><meta charset=utf-8><body>" + box
                                     + "<script src=na-search.js></script>", encoding="utf-8")


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from conftest import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}")
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def serve(folder: Path) -> str:
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> int:
    from generate import generate

    from generator.index import Searcher, update_index
    from generator.pipeline import run
    from generator.index.browser_export import export
    from search_harness import browser_search, cli_search, evaluate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--notices", type=int, default=2000)
    parser.add_argument("--dir", type=Path, help="keep the archive here (reused if present)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per query")
    parser.add_argument("--judged", type=Path, default=ROOT / "tests" / "search_judged.json",
                        help="the judged queries (tests/search_staff.json: staff's own words)")
    parser.add_argument("--with-real", action="store_true",
                        help="hide the sample and benchmark notices among the synthetic ones")
    parser.add_argument("--speed", action=argparse.BooleanOptionalAction, default=True,
                        help="time each query typed into the box (--no-speed: quality only)")
    parser.add_argument("--skip-quality", action="store_true",
                        help="browser speed and bytes only (no Whoosh index, no CLI)")
    args = parser.parse_args()
    project = args.dir or Path(tempfile.mkdtemp(prefix="search-quality-"))
    if not (project / "notices").exists():
        generate(args.notices, project, with_real=args.with_real)
    t = time.perf_counter()
    linked = run(project / "notices", project).linked
    print(f"{len(linked.notices)} notices; load, validate, link {time.perf_counter() - t:.1f} s")
    if not args.skip_quality:
        t = time.perf_counter()
        stats = update_index(linked, project / "cache")
        print(f"whoosh index: {time.perf_counter() - t:.1f} s ({stats.changed} changed)")
    site = project / "site"
    site.mkdir(exist_ok=True)
    t = time.perf_counter()
    info = export(linked, site / "na-search")
    print(f"browser export: {time.perf_counter() - t:.1f} s, {info['shards']} shards, "
          f"{info['index_bytes'] / 1e6:.1f} MB of term shards, facets "
          f"{info['facets'] / 1024:.0f} KB, meta {info['meta'] / 1024:.0f} KB, vocabulary "
          f"{info['vocab'] / 1024:.0f} KB")
    page_with_box(site)
    judged = json.loads(args.judged.read_text(encoding="utf-8"))
    queries = [j["query"] for j in judged["queries"]]
    url = serve(site)
    browser = start_browser()
    try:
        if not args.skip_quality:
            cli_times = []
            with Searcher(project / "cache") as searcher:
                for q in queries[:5]:
                    searcher.search(q)      # warm up
                t = time.perf_counter()
                cli = cli_search(searcher, queries)
                cli_times.append((time.perf_counter() - t) / len(queries))
            browser.set_script_timeout(600)
            got = browser_search(browser, url, queries)
            report = evaluate(judged["queries"], cli, got, linked.notices)
            print(f"\n{'query':48} {'rel':>5} {'cli r@10':>8} {'cli rr':>6} "
                  f"{'br r@10':>8} {'br rr':>6} {'agree':>6}")
            for r in report["rows"]:
                def f(v):
                    return "   -" if v is None else f"{v:.2f}"
                print(f"{r['query'][:48]:48} {r['relevant']:5} {f(r['cli_recall']):>8} "
                      f"{f(r['cli_rr']):>6} {f(r['browser_recall']):>8} {f(r['browser_rr']):>6} "
                      f"{r['agreement']:6.2f}")
            print(f"\n{report['judged']} judged queries of {report['queries']}: CLI recall@10 "
                  f"{report['cli_recall']:.3f}, MRR {report['cli_mrr']:.3f}; browser recall@10 "
                  f"{report['browser_recall']:.3f}, MRR {report['browser_mrr']:.3f}; browser top "
                  f"ten hold {report['agreement'] * 100:.1f}% of the CLI's")
            print(f"CLI query in process (Searcher open): mean {cli_times[0] * 1000:.0f} ms")
        if not args.speed:
            return 0

        cold, warm, sizes = [], [], []
        for q in queries:
            for round_ in range(args.rounds):
                browser.get(url)            # a fresh page: nothing of the index in memory
                r = browser.execute_async_script(TYPE_AND_WAIT, q)
                cold.append(r["ms"])
                if round_ == 0:
                    files = [site / "na-search" / f.split("/na-search/", 1)[1].split("?")[0]
                             for f in set(r["files"])]
                    raw = sum(p.stat().st_size for p in files if p.exists())
                    packed = sum(len(gzip.compress(p.read_bytes())) for p in files if p.exists())
                    sizes.append((raw, packed, q, len(files)))
                r = browser.execute_async_script(TYPE_AND_WAIT, q + " ")   # same page, again
                warm.append(r["ms"])
        cold.sort()
        warm.sort()
        print(f"\nfirst result after the last keystroke ({len(queries)} queries x {args.rounds}): "
              f"fresh page median {statistics.median(cold):.0f} ms, p90 "
              f"{cold[int(len(cold) * 0.9)]:.0f} ms; index already loaded median "
              f"{statistics.median(warm):.0f} ms, p90 {warm[int(len(warm) * 0.9)]:.0f} ms "
              "(includes the box's 80 ms wait)")
        sizes.sort()
        raw = [s[0] for s in sizes]
        print(f"bytes per query (fresh page, ten results shown): median "
              f"{statistics.median(raw) / 1024:.0f} KB, largest {sizes[-1][0] / 1024:.0f} KB "
              f"({sizes[-1][1] / 1024:.0f} KB gzip, {sizes[-1][3]} files, {sizes[-1][2]!r}); "
              f"gzip median {statistics.median(s[1] for s in sizes) / 1024:.0f} KB")
    finally:
        browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
