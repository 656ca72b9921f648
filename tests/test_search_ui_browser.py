"""The site's search pages in headless Chromium, against what the CLI finds and what the
notices say (tests/search_checks.py, which tools/mutate_na_search.py runs on every mutant):
the results page of every `page` vector (list, counts, marks, facets), its address as its
state, the header box (list, snippets, explanations, keyboard), a query in any page's
address, a missing index, an archive with no notice yet, and paging twenty at a time on a
larger generated archive; frequent words coded as bitmaps."""

from __future__ import annotations

import sys

import pytest

import search_checks as checks
from conftest import ROOT, cache_of, cli

pytestmark = pytest.mark.browser
TIMEOUT = 120    # ends only a broken page: each check waits for what it wants to see


@pytest.fixture(scope="module")
def facts():
    return checks.archive_facts(ROOT)


@pytest.fixture(scope="module")
def site(built_public, serve_dir):
    return serve_dir(built_public / "site")


def test_results_pages_list_what_the_cli_finds(site, browser, facts):
    checks.check_results_pages(browser, site, facts, TIMEOUT)


def test_results_page_address_is_its_state(site, browser, facts):
    checks.check_results_page_state(browser, site, facts, TIMEOUT)


def test_header_box_shows_what_the_cli_finds(site, browser):
    checks.check_header_box(browser, site, TIMEOUT)


def test_header_box_keyboard(site, browser):
    checks.check_keyboard(browser, site, TIMEOUT)


def test_query_in_any_address_runs_in_the_box(site, browser):
    checks.check_shared_address(browser, site, TIMEOUT)


def test_a_missing_index_is_said(built_public, browser, serve_dir, tmp_path):
    broken = checks.without_meta(built_public / "site", tmp_path / "site")
    checks.check_missing_index(browser, serve_dir(broken), TIMEOUT)


def test_an_archive_without_notices_finds_nothing(browser, serve_dir, tmp_path):
    from conftest import copy_project
    project = copy_project(tmp_path / "p", notices=False)
    cli(project, "build", check=True)
    assert not list((project / "site" / "na-search" / "t").glob("*.json"))
    checks.check_empty_archive(browser, serve_dir(project / "site"), TIMEOUT)


def test_results_page_lists_twenty_at_a_time(browser, serve_dir, tmp_path_factory):
    from generator.index import Searcher

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    project = generate(checks.PAGED_NOTICES, tmp_path_factory.mktemp("paged") / "p")
    cli(project, "build", check=True)
    with Searcher(cache_of(project)) as searcher:
        pages = checks.paged_expectations(searcher)
    checks.check_paging(browser, serve_dir(project / "site"), pages, TIMEOUT)


def test_bitmap_coded_words_rank_like_python(browser, serve_dir, tmp_path):
    """Frequent words as bitmaps, and words at the edge of frequent (weighted, not flat)."""
    queries, expected = checks.export_with_bitmaps(ROOT, tmp_path)
    checks.check_bitmaps(browser, serve_dir(tmp_path), queries, expected)
