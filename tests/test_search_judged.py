"""Judged queries (tests/search_judged.json: unaccented, old tone marks, phrases, names,
numbers, fields, a misspelling) on a synthetic archive of the genre: the CLI and the site's
search box both find the relevant notices, and the browser's top ten hold the CLI's.
bench/search_quality.py runs the same on thousands of notices."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from search_harness import browser_search, cli_search, evaluate, standalone_page

JUDGED = json.loads(Path(__file__).with_name("search_judged.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    from generator.index import update_index
    from generator.pipeline import run
    from generator.index.browser_export import export

    project = generate(400, tmp_path_factory.mktemp("synthetic") / "p")
    linked = run(project / "notices", project).linked
    update_index(linked, project / "cache")
    site = project / "site"
    site.mkdir()
    export(linked, site / "na-search")
    standalone_page(site)
    return project, linked


@pytest.mark.slow
@pytest.mark.browser
def test_judged_queries_in_the_cli_and_the_browser(synthetic, browser, serve_dir):
    from generator.index import Searcher

    project, linked = synthetic
    queries = [j["query"] for j in JUDGED["queries"]]
    assert len(queries) >= 30
    with Searcher(project / "cache") as searcher:
        cli = cli_search(searcher, queries)
    got = browser_search(browser, serve_dir(project / "site"), queries)
    assert not [g for g in got if "error" in g]
    report = evaluate(JUDGED["queries"], cli, got, linked.notices)
    assert report["judged"] >= 30, [r for r in report["rows"] if not r["relevant"]]
    weak = [r for r in report["rows"] if r["relevant"] and
            (r["browser_recall"] < 1 or r["browser_rr"] < 1 or r["agreement"] < 1)]
    assert report["browser_recall"] >= 0.95 and report["browser_mrr"] >= 0.95, weak
    assert report["cli_recall"] >= 0.95 and report["cli_mrr"] >= 0.95, weak
    assert report["agreement"] >= 0.9, weak
