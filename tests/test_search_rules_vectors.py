"""The ranking-rule vectors (tests/search_vectors_rules.json) hold for the CLI's ranking, the
exported index read in Python and na-search.js in headless Chromium.

Each vector names the ranking rule it pins (accents, proximity, partial vs full, phrase, field
prefixes, did-you-mean, numbers, questions, topics, the date sort) or is one of ~200 generated
queries; the rule vectors also hold the snippets and matched terms of their first results. The
`page` vectors are the results page with filters: every result, checked here against the CLI
and in Chromium on the page itself (search_checks.py). The expected values are the CLI's
results, written by tests/make_search_rules_vectors.py (regenerate when ranking changes on
purpose).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import cache_of, cli
from generator.index import Searcher, ranking
from generator.index.query import parse
from generator.index.browser_export import SITE_FOLDER, ExportedIndex
from search_harness import browser_search, cli_search

FILE = json.loads(Path(__file__).with_name("search_vectors_rules.json").read_text(
    encoding="utf-8"))
VECTORS, PAGES = FILE["rank"], FILE["page"]
FIELDS = ("keys", "full", "partial", "suggestion", "corrected", "snippets", "matched")
RULES = {"accent", "accent alike", "proximity", "partial vs full", "phrase", "field prefix",
         "did-you-mean", "number", "question", "topic", "date sort", "generated"}


def _expected(v: dict) -> dict:
    return {k: v[k] for k in FIELDS if k in v}


def _got(v: dict, got: dict) -> dict:
    return {k: got[k] for k in FIELDS if k in v}


def _case(v: dict) -> dict:
    return {"query": v["query"], "sort": v.get("sort", "relevance")}


def test_every_rule_is_pinned_and_accents_separate():
    rules = [v["rule"] for v in VECTORS]
    assert set(rules) == RULES
    assert rules.count("generated") >= 190
    by_query = {v["query"]: v for v in VECTORS if v["rule"] == "accent"}
    assert len(by_query) >= 10
    for query, v in by_query.items():
        assert v["keys"] != by_query[v["twin"]]["keys"], query
    assert any(v["suggestion"] for v in VECTORS if v["rule"] == "did-you-mean")
    assert any(v["partial"] and v["full"] for v in VECTORS if v["rule"] == "partial vs full")
    # the rule vectors pin snippets and matched terms, with highlights and thesaurus matches
    pinned = [v for v in VECTORS if v["rule"] != "generated"]
    assert all(len(v["snippets"]) == min(3, len(v["keys"])) for v in pinned)
    assert sum("[[" in s for v in pinned for s in v["snippets"]) > 100
    assert any(m.get("via_text") for v in pinned for ms in v["matched"] for m in ms)
    assert any(v["partial"] and v["full"] > 1 for v in VECTORS if v["rule"] == "date sort")
    # pages: filters alone, filters with words, both sorts, a correction, nothing found
    assert any(p["query"] == "" and p["keys"] for p in PAGES)
    assert any(p.get("topic") and p.get("year") and p.get("sort") == "date" for p in PAGES)
    assert any(p["suggestion"] for p in PAGES) and any(not p["keys"] for p in PAGES)


@pytest.fixture(scope="module")
def cli_results(built_public):
    cli(built_public, "search", "de an 06", check=True)  # a build leaves the Whoosh index to it
    with Searcher(cache_of(built_public)) as searcher:
        return cli_search(searcher, [_case(v) for v in VECTORS])


def test_cli_ranks_like_the_vectors(cli_results):
    wrong = [(v["rule"], v["query"]) for v, got in zip(VECTORS, cli_results)
             if _got(v, got) != _expected(v)]
    assert not wrong, wrong


def test_cli_lists_the_results_pages(built_public):
    """The results page's vectors are the CLI's `search` with the same filters and sort."""
    with Searcher(cache_of(built_public)) as searcher:
        for page in PAGES:
            r = searcher.search(page["query"], topic=page.get("topic"), year=page.get("year"),
                                sort=page.get("sort", "relevance"), limit=None)
            got = {"keys": [h.key for h in r.hits], "full": r.total,
                   "partial": r.partial_total, "suggestion": r.suggestion,
                   "corrected": r.corrected}
            assert got == {k: page[k] for k in got}, page


def test_exported_index_ranks_like_the_vectors(built_public):
    index = ExportedIndex(built_public / "site" / SITE_FOLDER)
    wrong = []
    for v in VECTORS:
        if v["suggestion"] and v["full"]:
            continue    # the searcher's correction reran it (test_search_understanding.py)
        r = ranking.rank(parse(v["query"]), index, None, v.get("sort", "relevance"))
        keys = [json.loads((index.dir / "d" / f"{d}.json").read_text(encoding="utf-8"))["u"]
                .rstrip("/") for d in r.docs[:10]]
        if (keys, r.full, r.partial) != (v["keys"], v["full"], v["partial"]):
            wrong.append((v["rule"], v["query"]))
    assert not wrong, wrong


@pytest.mark.browser
def test_browser_ranks_like_the_vectors(built_public, browser, serve_dir):
    url = serve_dir(built_public / "site")
    browser.get(url)
    results = browser_search(browser, url, [_case(v) for v in VECTORS])
    assert len(results) == len(VECTORS)
    wrong = [(v["rule"], v["query"], got.get("error") or _got(v, got)) for v, got
             in zip(VECTORS, results) if "error" in got or _got(v, got) != _expected(v)]
    assert not wrong, wrong
