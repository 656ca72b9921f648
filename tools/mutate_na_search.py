"""Mutation testing of the site's search script (theme/assets/javascripts/na-search.js).

    .venv/bin/python tools/mutate_na_search.py [--every N] [--limit N]

Builds the sample archive once, then for each mutant (one operator swapped: === and !==, < and
<=, > and >=, && and ||, + and -, * and /) writes the mutated script into the built site and
runs every shared search vector (tests/search_vectors.json: parse and rank;
tests/search_vectors_rules.json: rank) in headless Chromium, as tests/test_search_vectors.py
does. A mutant is killed when one vector differs, a query fails or the page times out.
`--every N` tries one mutant in N (spread over the file), for a quicker estimate.
Prints the score and each survivor (line and swap), to be judged by hand: equivalent or a gap.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path("assets") / "javascripts" / "na-search.js"
SWAPS = {" === ": " !== ", " !== ": " === ", " < ": " <= ", " <= ": " < ", " > ": " >= ",
         " >= ": " > ", " && ": " || ", " || ": " && ", " + ": " - ", " - ": " + ",
         " * ": " / ", " / ": " * "}
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def mutants(source: str):
    """(offset, old, new, line) of every operator swap outside comments and strings' ends."""
    pattern = re.compile("|".join(re.escape(k) for k in SWAPS))
    for m in pattern.finditer(source):
        line_start = source.rfind("\n", 0, m.start()) + 1
        line = source[line_start:source.find("\n", m.start())]
        if line.lstrip().startswith(("/*", "*", "//")):
            continue
        yield m.start(), m.group(0), SWAPS[m.group(0)], source.count("\n", 0, m.start()) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from search_harness import BROWSER_SEARCH
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    work = Path(tempfile.mkdtemp(prefix="na-mutate-js-"))
    project = work / "project"   # the caches stay outside it, as the tool requires
    project.mkdir()
    for name in ("mkdocs.yml", "theme", "notices"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "user-cache"))
    subprocess.run([sys.executable, "-m", "generator", "build", "-q"], cwd=project, env=env,
                   check=True)
    site = project / "site"
    original = (site / SCRIPT).read_text(encoding="utf-8")
    shared = json.loads((ROOT / "tests" / "search_vectors.json").read_text(encoding="utf-8"))
    rules = json.loads((ROOT / "tests" / "search_vectors_rules.json").read_text(encoding="utf-8"))
    rank = shared["rank"] + rules["rank"]
    fields = ("keys", "full", "partial", "suggestion")
    spec = json.loads((site / "na-search" / "meta.json").read_text(encoding="utf-8"))["spec"]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={work / 'profile'}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")
                                              or "/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})

    def passes() -> bool:
        try:
            driver.get(url)
            driver.set_script_timeout(60)
            parsed = driver.execute_script(
                "var spec = arguments[1]; return arguments[0].map(function (q) {"
                "  return naSearch.parsedJSON(naSearch.parse(q, spec)); });",
                [v["query"] for v in shared["parse"]], spec)
            if parsed != [v["parsed"] for v in shared["parse"]]:
                return False
            got = driver.execute_async_script(BROWSER_SEARCH, [v["query"] for v in rank], 10)
        except Exception:
            return False  # a script error, a page that never loads, an endless loop
        return len(got) == len(rank) and all(
            "error" not in g and all(g[k] == v[k] for k in fields) for v, g in zip(rank, got))

    try:
        if not passes():
            print("the unmutated script fails the vectors: nothing to measure")
            return 1
        chosen = list(mutants(original))[::args.every]
        if args.limit:
            chosen = chosen[:args.limit]
        survivors = []
        for n, (offset, old, new, line) in enumerate(chosen, 1):
            (site / SCRIPT).write_text(original[:offset] + new + original[offset + len(old):],
                                       encoding="utf-8")
            if passes():
                survivors.append((line, old.strip(), new.strip()))
            print(f"\r{n}/{len(chosen)} tried, {len(survivors)} survived", end="", flush=True)
        (site / SCRIPT).write_text(original, encoding="utf-8")
        killed = len(chosen) - len(survivors)
        print(f"\nna-search.js: {killed} / {len(chosen)} killed "
              f"({100 * killed / max(1, len(chosen)):.0f}%)")
        for line, old, new in survivors:
            print(f"  survived: line {line}: {old} -> {new}: "
                  f"{original.splitlines()[line - 1].strip()[:100]}")
    finally:
        driver.quit()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
