"""Mutation testing of the site's search script (theme/assets/javascripts/na-search.js).

    .venv/bin/python tools/mutate_na_search.py [--every N] [--limit N] [--lines L,L]
                                               [--checks LIST] [--timeout SECONDS]

Builds the sample archive once (and, beside it, a 30-notice archive of bench/generate.py for
paging, an archive with no notice, an export where frequent words are bitmaps, and a copy of
the site without its index), then for each mutant (one operator swapped: === and !==, < and
<=, > and >=, && and ||, + and -, * and /) writes the mutated script into all five and runs the checks of tests/search_checks.py
in headless Chromium, in this order, stopping at the first that fails:

  vectors  parse, understand and rank vectors of tests/search_vectors.json and
           tests/search_vectors_rules.json (what the CLI does: lists, counts, suggestions,
           date sort, snippets, matched terms);
  bitmaps  the ranking over bitmap-coded frequent words;
  pages    the results page of every `page` vector and its address as its state, the header
           box and its keyboard, ?q= on any page, a missing index, an empty archive, paging
           twenty at a time.

A mutant is killed when a check fails, a query throws or a page never shows what it should
(`--timeout` seconds). `--every N` tries one mutant in N (spread over the file), for a quicker
estimate; `--lines` only those of the lines given (after `--every`: survivors re-run). Prints the score, which check killed how many, and each survivor (line and swap), to
be judged by hand: equivalent, not reached, or a gap.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from screenshots import serve  # tools/ is this script's folder: the same static server

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path("assets") / "javascripts" / "na-search.js"
SWAPS = {" === ": " !== ", " !== ": " === ", " < ": " <= ", " <= ": " < ", " > ": " >= ",
         " >= ": " > ", " && ": " || ", " || ": " && ", " + ": " - ", " - ": " + ",
         " * ": " / ", " / ": " * "}
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")
CHECKS = ("vectors", "bitmaps", "pages")


def mutants(source: str):
    """(offset, old, new, line) of every operator swap outside comments and strings' ends."""
    pattern = re.compile("|".join(re.escape(k) for k in SWAPS))
    for m in pattern.finditer(source):
        line_start = source.rfind("\n", 0, m.start()) + 1
        line = source[line_start:source.find("\n", m.start())]
        if line.lstrip().startswith(("/*", "*", "//")):
            continue
        yield m.start(), m.group(0), SWAPS[m.group(0)], source.count("\n", 0, m.start()) + 1


def _build(project: Path, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "-q"], cwd=project, env=env,
                   check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--checks", default=",".join(CHECKS),
                        help="which checks, comma-separated (default: all)")
    parser.add_argument("--lines", default="",
                        help="only the mutants on these lines (comma-separated): survivors "
                             "re-run after a new check")
    parser.add_argument("--timeout", type=float, default=20,
                        help="seconds a page may take to show what it should")
    args = parser.parse_args()
    wanted = [c for c in args.checks.split(",") if c]
    if not set(wanted) <= set(CHECKS):
        parser.error(f"--checks: one or more of {', '.join(CHECKS)}")
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    import search_checks as checks
    from generate import generate
    from generator import thesaurus
    from generator.index import Searcher
    from generator.index.query import spec
    from generator.project import Project
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    work = Path(tempfile.mkdtemp(prefix="na-mutate-js-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "user-cache"))
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]   # the Searcher below finds it there
    project = work / "project"   # the caches stay outside it, as the tool requires
    project.mkdir()
    for name in ("mkdocs.yml", "theme", "notices"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    _build(project, env)
    site = project / "site"
    original = (site / SCRIPT).read_text(encoding="utf-8")
    targets = [site / SCRIPT]
    servers = []
    urls = {}
    url, server = serve(site)
    urls["site"] = url
    servers.append(server)
    if "bitmaps" in wanted:
        bitmaps = work / "bitmaps"
        bitmaps.mkdir()
        bitmap_queries, bitmap_expected = checks.export_with_bitmaps(ROOT, bitmaps)
        targets.append(bitmaps / "na-search.js")
        urls["bitmaps"], server = serve(bitmaps)
        servers.append(server)
    if "pages" in wanted:
        facts = checks.archive_facts(ROOT)
        paged = generate(checks.PAGED_NOTICES, work / "paged")
        _build(paged, env)
        with Searcher(Project.find(paged / "mkdocs.yml").cache_dir) as searcher:
            paged_pages = checks.paged_expectations(searcher)
        broken = checks.without_meta(site, work / "broken")
        empty = work / "empty"                 # no notice yet: no term shard at all
        (empty / "notices").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", empty)
        shutil.copytree(ROOT / "theme", empty / "theme")
        for name in ("topics.yml", "agencies.yml"):
            shutil.copy(ROOT / "notices" / name, empty / "notices")
        _build(empty, env)
        targets += [paged / "site" / SCRIPT, broken / SCRIPT, empty / "site" / SCRIPT]
        for name, folder in (("paged", paged / "site"), ("broken", broken),
                             ("empty", empty / "site")):
            urls[name], server = serve(folder)
            servers.append(server)
    query_spec, table = spec(), thesaurus.archive_table()

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={work / 'profile'}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")
                                              or "/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    t = args.timeout
    runs = {
        "vectors": [lambda: checks.check_vectors(driver, urls["site"], query_spec, table)],
        "bitmaps": [lambda: checks.check_bitmaps(driver, urls["bitmaps"], bitmap_queries,
                                                   bitmap_expected)],
        "pages": [lambda: checks.check_results_pages(driver, urls["site"], facts, t),
                  lambda: checks.check_results_page_state(driver, urls["site"], facts, t),
                  lambda: checks.check_header_box(driver, urls["site"], t),
                  lambda: checks.check_keyboard(driver, urls["site"], t),
                  lambda: checks.check_shared_address(driver, urls["site"], t),
                  lambda: checks.check_missing_index(driver, urls["broken"], t),
                  lambda: checks.check_empty_archive(driver, urls["empty"], t),
                  lambda: checks.check_paging(driver, urls["paged"], paged_pages, t)],
    }

    def failing() -> str | None:
        """The first check that fails, or None."""
        for name in wanted:
            for run in runs[name]:
                try:
                    run()
                except Exception as e:   # a difference, a script error, a page never shown
                    return f"{name}: {type(e).__name__}: {str(e)[:300]}"
        return None

    def write(text: str) -> None:
        for target in targets:
            target.write_text(text, encoding="utf-8")

    try:
        write(original)
        start = time.monotonic()
        reason = failing()
        if reason:
            print(f"the unmutated script fails the checks: nothing to measure\n{reason}")
            return 1
        print(f"checks: {', '.join(wanted)} ({time.monotonic() - start:.0f} s unmutated)")
        chosen = list(mutants(original))[::args.every]
        if args.lines:
            lines = {int(x) for x in args.lines.split(",")}
            chosen = [m for m in chosen if m[3] in lines]
        if args.limit:
            chosen = chosen[:args.limit]
        survivors, killed_by = [], {name: 0 for name in wanted}
        for n, (offset, old, new, line) in enumerate(chosen, 1):
            write(original[:offset] + new + original[offset + len(old):])
            reason = failing()
            if reason is None:
                survivors.append((line, old.strip(), new.strip()))
            else:
                killed_by[reason.split(":")[0]] += 1
            print(f"\r{n}/{len(chosen)} tried, {len(survivors)} survived", end="", flush=True)
        write(original)
        killed = len(chosen) - len(survivors)
        print(f"\nna-search.js: {killed} / {len(chosen)} killed "
              f"({100 * killed / max(1, len(chosen)):.0f}%); killed by "
              + ", ".join(f"{name} {count}" for name, count in killed_by.items()))
        for line, old, new in survivors:
            print(f"  survived: line {line}: {old} -> {new}: "
                  f"{original.splitlines()[line - 1].strip()[:100]}")
    finally:
        driver.quit()
        for server in servers:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
