"""Questions in staff's words: the thesaurus (shipped and per archive), query understanding and
did-you-mean, held to the shared vectors (tests/search_vectors.json, key "understand") in Python
and in the site's script, and to what they do to a ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import thesaurus
from generator.index import ranking
from generator.index.query import parse
from generator.index.understand import understand
from search_harness import standalone_page

VECTORS = json.loads((Path(__file__).with_name("search_vectors.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS["understand"], ids=lambda v: repr(v["query"]))
def test_python_understands_like_the_vectors(vector):
    assert understand(parse(vector["query"]), thesaurus.archive_table()).as_json() \
        == vector["understood"]


@pytest.mark.browser
def test_browser_understands_like_the_vectors(tmp_path, browser, serve_dir):
    from generator.index.query import spec
    standalone_page(tmp_path)
    browser.get(serve_dir(tmp_path))
    got = browser.execute_script(
        "var spec = arguments[1], table = arguments[2]; return arguments[0].map(function (q) {"
        "  return naSearch.understoodJSON(naSearch.understand(naSearch.parse(q, spec), spec, table)); });",
        [v["query"] for v in VECTORS["understand"]], spec(), thesaurus.archive_table())
    for v, understood in zip(VECTORS["understand"], got):
        assert understood == v["understood"], v["query"]


def test_the_shipped_thesaurus_reads_without_a_problem():
    table = thesaurus.archive_table()
    assert ["thien tai", "synonym"] in table["ngap lut"]
    assert ["phong chong thien tai", "abbreviation"] in table["pctt"]
    assert ["pctt", "abbreviation"] in table["phong chong thien tai"]   # both ways
    assert ["sot xuat huyet", "narrower"] in table["dich benh"]
    assert "dich benh" not in dict(table["sot xuat huyet"]) if "sot xuat huyet" in table else True
    assert table["gd dt"] == [["giao duc va dao tao", "abbreviation"]]


def test_an_archive_adds_its_words_and_bad_entries_are_named():
    problems: list[tuple[str, str]] = []
    relations = thesaurus.read({
        "related": {"cống hở": ["thoát nước", "ngập úng"]},
        "synonyms": [["bồi thường", 12], "đền bù"],
        "abbreviation": {"X": "y"},
        "narrower": {"": ["a"]},
    }, lambda key, code, message: problems.append((code, key, message)))
    table = thesaurus.archive_table(relations)
    assert table["cong ho"] == [["ngap ung", "synonym"], ["thoat nuoc", "synonym"]]
    codes = {(code, key) for code, key, _ in problems}
    assert ("NA721", "abbreviation") in codes        # unknown section, with did-you-mean
    assert ("NA721", "synonyms[2]") in codes          # a group that is not a list
    assert ("NA722", "narrower.") in codes            # no word to search
    assert any('có phải "abbreviations"' in m for _, _, m in problems)
    assert all(m.isprintable() for _, _, m in problems)


def test_an_archive_uses_only_the_alternatives_it_has_words_for():
    full = {"ngap lut": [["thien tai", "synonym"], ["trieu cuong", "synonym"]], "xyz": [["abc", "synonym"]]}
    assert thesaurus.for_vocabulary(full, {"thien", "tai"}) == {
        "ngap lut": [["thien tai", "synonym"]]}


@pytest.mark.parametrize("word, before, after, typed, expected", [
    ("tia", "thien", None, "tia", "tai"),        # the neighbour chooses, spelled as the topic
    ("tia", None, None, "tia", None),            # a real syllable without support: left alone
    ("xom", None, None, "xóm", None),            # typed with accents: left alone
    ("attp", None, None, "attp", None),          # an abbreviation is not a typo
    ("bnag", "mat", None, "bnag", "bằng"),       # transposed letters; "mat bang" is a term
    ("thongg", None, None, "thongg", None),
    ("nguyeen", None, None, "nguyeen", "nguyễn"),   # not a syllable, not an abbreviation
])
def test_did_you_mean_corrects_typos_not_words(word, before, after, typed, expected):
    vocabulary = [("tai", 50, "tại"), ("tin", 80, "tin"), ("bang", 40, "bằng"),
                  ("xem", 30, "xem"), ("thong", 90, "thông"), ("nguyen", 70, "nguyễn"),
                  ("atp", 2, "atp")]
    pairs = ranking.context_pairs({"thien tai": [], "mat bang": []},
                                  {"pctt": {"name": "Phòng, chống thiên tai", "aliases": []}},
                                  set())
    assert ranking.suggest_word(word, vocabulary, typed=typed, before=before, after=after,
                                pairs=pairs) == expected


def test_the_distance_counts_a_transposition_once():
    assert ranking.distance("tia", "tai", 2) == 1
    assert ranking.distance("thien", "thein", 1) == 1
    assert ranking.distance("abc", "xyz", 2) == 3
    assert ranking.distance("kiem tra", "kiemtra", 1) == 1


# --- on the sample archive: the CLI, the exported index and the browser agree -----------------

FIELDS = ("keys", "full", "partial", "suggestion")


def test_staff_questions_rank_alike_in_the_cli_and_the_export(built_public):
    from conftest import cache_of, cli
    from generator.index import Searcher
    from generator.index.browser_export import SITE_FOLDER, ExportedIndex
    from search_harness import cli_search

    cli(built_public, "search", "de an 06", check=True)
    with Searcher(cache_of(built_public)) as searcher:
        got = cli_search(searcher, [v["query"] for v in VECTORS["rank_staff"]])
        explained = searcher.search("ngap lut").as_json()
    for v, g in zip(VECTORS["rank_staff"], got):
        assert {k: g[k] for k in FIELDS} == {k: v[k] for k in FIELDS}, v["query"]
    index = ExportedIndex(built_public / "site" / SITE_FOLDER)
    for v in VECTORS["rank_staff"]:
        if v["suggestion"]:
            continue    # the correction is the searcher's (it reruns the query)
        r = ranking.rank(parse(v["query"]), index)
        keys = [json.loads((index.dir / "d" / f"{d}.json").read_text(encoding="utf-8"))["u"]
                .rstrip("/") for d in r.docs[:10]]
        assert (keys, r.full, r.partial) == (v["keys"], v["full"], v["partial"]), v["query"]
    # search --json says how each result matched
    first = explained["results"][0]["matched"]
    assert {"term": "ngap lut", "rule": "synonym", "via": "thien tai",
            "via_text": "thiên tai"} in first
    assert explained["understood"]["spans"][0]["term"] == "ngap lut"


@pytest.mark.browser
def test_staff_questions_rank_alike_in_the_browser(built_public, browser, serve_dir):
    from search_harness import browser_search
    url = serve_dir(built_public / "site")
    results = browser_search(browser, url, [v["query"] for v in VECTORS["rank_staff"]])
    for v, got in zip(VECTORS["rank_staff"], results):
        assert "error" not in got, got
        assert {k: got[k] for k in FIELDS} == {k: v[k] for k in FIELDS}, v["query"]
    # the results page says which rule matched
    browser.get(url + "tim-kiem/?q=ngap+lut")
    import time
    for _ in range(100):
        notes = [e.text for e in browser.find_elements("css selector", ".na-hit__why")]
        if notes:
            break
        time.sleep(0.1)
    assert any(n.startswith("khớp theo từ đồng nghĩa: ngap lut → thiên tai") for n in notes), notes


def test_check_names_bad_thesaurus_entries_and_search_uses_good_ones(tmp_path):
    from conftest import cli, copy_project
    project = copy_project(tmp_path / "p")
    (project / "notices" / "thesaurus.yml").write_text(
        "related:\n  cống hở: [đường thủy nội địa]\nsynonym:\n  - [a, b]\n"
        "narrower:\n  thiên tai: [\"!!!\"]\n", encoding="utf-8")
    out = cli(project, "check")
    assert out.returncode != 0
    assert ('notices/thesaurus.yml:3:1: error NA721: mục "synonym" của thesaurus.yml không hợp '
            'lệ (có phải "synonyms"?)') in out.stdout + out.stderr
    assert ('notices/thesaurus.yml:6:1: error NA722: "narrower.thiên tai": "!!!" không có chữ '
            'nào để tìm\n') in out.stdout + out.stderr
    assert "3 lỗi" not in out.stdout + out.stderr   # one problem, one message
    (project / "notices" / "thesaurus.yml").write_text(
        "related:\n  cống hở: [đường thủy nội địa]\n", encoding="utf-8")
    found = json.loads(cli(project, "search", "cong ho", "--json", check=True).stdout)
    assert found["total"] >= 1
    assert any({"term": "cong ho", "rule": "synonym", "via": "duong thuy noi dia",
                "via_text": "đường thủy nội địa"} in r["matched"] for r in found["results"])
    text = cli(project, "search", "cong ho", check=True).stdout
    assert "khớp theo từ đồng nghĩa: cong ho → đường thủy nội địa" in text
