"""The shared search vectors (tests/search_vectors.json) hold for every implementation: the
Python parser, the CLI's ranking over the Whoosh index, the exported index read back in Python,
and the site's script in headless Chromium. The same file is the specification of both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.index import Searcher, ranking
from generator.index.query import parse
from generator.index.browser_export import SITE_FOLDER, ExportedIndex
from conftest import cli, cache_of
from search_harness import browser_search, cli_search

VECTORS = json.loads((Path(__file__).with_name("search_vectors.json")).read_text(encoding="utf-8"))
FIELDS = ("keys", "full", "partial", "suggestion")


def expected(v: dict) -> dict:
    return {k: v[k] for k in FIELDS}


@pytest.mark.parametrize("vector", VECTORS["parse"], ids=lambda v: repr(v["query"]))
def test_python_parses_like_the_vectors(vector):
    assert parse(vector["query"]).as_json() == vector["parsed"]


@pytest.fixture(scope="module")
def cli_results(built_public):
    cli(built_public, "search", "de an 06", check=True)  # a build leaves the Whoosh index to it
    with Searcher(cache_of(built_public)) as searcher:
        return cli_search(searcher, [v["query"] for v in VECTORS["rank"]])


@pytest.mark.parametrize("i", range(len(VECTORS["rank"])),
                         ids=[repr(v["query"]) for v in VECTORS["rank"]])
def test_cli_ranks_like_the_vectors(cli_results, i):
    got = cli_results[i]
    assert {k: got[k] for k in FIELDS} == expected(VECTORS["rank"][i])


def test_exported_index_ranks_like_the_vectors(built_public):
    index = ExportedIndex(built_public / "site" / SITE_FOLDER)
    for v in VECTORS["rank"]:
        if v["suggestion"] and v["full"]:
            continue    # the searcher's correction reran it (test_search_understanding.py)
        r = ranking.rank(parse(v["query"]), index)
        keys = [json.loads((index.dir / "d" / f"{d}.json").read_text(encoding="utf-8"))["u"]
                .rstrip("/") for d in r.docs[:10]]
        assert (keys, r.full, r.partial) == (v["keys"], v["full"], v["partial"]), v["query"]


@pytest.mark.browser
def test_browser_parses_and_ranks_like_the_vectors(built_public, browser, serve_dir):
    url = serve_dir(built_public / "site")
    browser.get(url)
    parsed = browser.execute_script(
        "var spec = arguments[1]; return arguments[0].map(function (q) {"
        "  return naSearch.parsedJSON(naSearch.parse(q, spec)); });",
        [v["query"] for v in VECTORS["parse"]],
        json.loads((built_public / "site" / SITE_FOLDER / "meta.json").read_text())["spec"])
    for v, got in zip(VECTORS["parse"], parsed):
        assert got == v["parsed"], v["query"]
    results = browser_search(browser, url, [v["query"] for v in VECTORS["rank"]])
    for v, got in zip(VECTORS["rank"], results):
        assert "error" not in got, got
        assert {k: got[k] for k in FIELDS} == expected(v), v["query"]


def test_a_new_field_prefix_is_one_entry_of_data(tmp_path, monkeypatch):
    """A field prefix added to query_language.json (here `noi:`, the place line) works in the
    CLI's index and in the export with no code change."""
    from conftest import ROOT
    from generator.index import update_index
    from generator.index import query
    from generator.pipeline import run
    from generator.index.browser_export import export

    fields = [*query.spec()["fields"],
              {"name": "place", "kind": "words", "prefixes": ["noi", "place"], "source": "place"}]
    monkeypatch.setitem(query.spec(), "fields", fields)
    query.prefixes.cache_clear()
    try:
        linked = run(ROOT / "notices", ROOT).linked
        update_index(linked, tmp_path / "cache")
        export(linked, tmp_path / "na-search")
        parsed = parse("noi:\"Hậu Giang\" de an 06")
        assert parsed.as_json()[0] == {"kind": "field", "words": ["hau", "giang"],
                                       "field": "place", "value": "Hậu Giang"}
        expected = {n.key for n in linked.notices if n.place == "Hậu Giang"
                    and n.classification == "public"}
        with Searcher(tmp_path / "cache") as searcher:
            cli = searcher.search("noi:hau", limit=None)
        assert {h.key for h in cli.hits} == expected and expected
        index = ExportedIndex(tmp_path / "na-search")
        assert ranking.rank(parse("noi:hau"), index).full == len(expected)
    finally:
        query.prefixes.cache_clear()
