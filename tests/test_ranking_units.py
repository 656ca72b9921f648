"""`index/ranking.py` in process: the shared vectors ranked over the sample archive's exported
index (made here, without mkdocs), the orders and restrictions the results page asks for, and
the pieces (BM25 weight, idf, did-you-mean distance and suggestions) on their own.
mutmut's fast selection for the module.

The export is made once per process (`exported()`), so under mutmut every mutant reuses the one
the clean code wrote: a fault in `term_weight` (used while exporting) is caught by the unit
tests below, not by the vectors."""

from __future__ import annotations

import atexit
import functools
import json
import math
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from generator.index import ranking
from generator.index.query import parse

ROOT = Path(__file__).resolve().parent.parent
RULES = json.loads((ROOT / "tests" / "search_vectors_rules.json").read_text(encoding="utf-8"))["rank"]
SHARED = json.loads((ROOT / "tests" / "search_vectors.json").read_text(encoding="utf-8"))["rank"]


@functools.cache
def exported():
    from generator import pipeline
    from generator.index.browser_export import ExportedIndex, export

    out = Path(tempfile.mkdtemp(prefix="na-ranking-"))
    atexit.register(shutil.rmtree, out, True)
    result = pipeline.run(ROOT / "notices", ROOT, "public", cache_dir=out / "cache")
    export(result.linked, out / "search")
    index = ExportedIndex(out / "search")
    keys = [json.loads((out / "search" / "d" / f"{d}.json").read_text(encoding="utf-8"))["u"]
            .rstrip("/") for d in range(index.n)]
    return index, keys


def ranked(query: str, **kw):
    index, keys = exported()
    r = ranking.rank(parse(query), index, **kw)
    return r, [keys[d] for d in r.docs]


def vector_id(v) -> str:
    """ASCII without quotes or backslashes: mutmut re-runs tests by node id."""
    text = v.get("rule", "") + " " + v["query"]
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii(text)).strip("_")


@pytest.mark.parametrize("v", [v for v in RULES + SHARED if not (v["suggestion"] and v["full"])],
                         ids=vector_id)
def test_the_exported_index_ranks_like_the_vectors(v):
    """(A vector whose suggestion reran the query is the searcher's business.)"""
    r, keys = ranked(v["query"], sort=v.get("sort", "relevance"))
    assert (keys[:10], r.full, r.partial) == (v["keys"], v["full"], v["partial"])


def test_the_vectors_reach_every_rule():
    rules = {v["rule"] for v in RULES}
    assert {"proximity", "partial vs full", "phrase", "did-you-mean"} <= rules
    assert any(v["full"] and v["partial"] for v in RULES)


def test_date_order_is_full_matches_newest_first_then_partial():
    index, _ = exported()
    query = "giai phong mat bang chau thanh"
    by_relevance, _ = ranked(query)
    by_date, _ = ranked(query, sort="date")
    assert by_relevance.partial > 0 and by_relevance.full > 0
    assert sorted(by_date.docs) == sorted(by_relevance.docs) and by_date.full == by_relevance.full
    full, partial = by_date.docs[:by_date.full], by_date.docs[by_date.full:]
    assert full == sorted(full, key=index.order) and partial == sorted(partial, key=index.order)
    assert set(full) == by_relevance.full_docs


@pytest.mark.parametrize("query", ["ngập lụt cầu đường", "đề án 06", "hòa", "kinh phí"],
                         ids=["ngap_lut", "de_an_06", "hoa", "kinh_phi"])
def test_a_limit_gives_the_first_of_the_whole_order(query):
    whole, _ = ranked(query)
    assert len(whole.docs) > 3
    first, _ = ranked(query, limit=3)
    assert first.docs == whole.docs[:3]
    assert (first.full, first.partial, first.matches) == (whole.full, whole.partial, len(whole.docs))
    assert first.full_docs == whole.full_docs


def test_allowed_restricts_every_match_and_keeps_the_order():
    whole, _ = ranked("giai phong mat bang chau thanh")
    allowed = set(whole.docs[1::2]) | {whole.docs[0]}
    part, _ = ranked("giai phong mat bang chau thanh", allowed=allowed)
    assert part.docs == [d for d in whole.docs if d in allowed]
    assert part.full == len(whole.full_docs & allowed) > 0


def test_an_empty_query_lists_what_the_filters_allow_in_archive_order():
    index, _ = exported()
    r = ranking.rank(parse(""), index, allowed={5, 1, 3})
    assert r.docs == sorted({5, 1, 3}, key=index.order) and r.full == 3 and r.partial == 0
    assert ranking.rank(parse(""), index, allowed={5, 1, 3}, limit=2).docs == r.docs[:2]
    assert ranking.rank(parse(""), index).docs == []


def test_unknown_words_and_topics_are_reported():
    r, _ = ranked("kinh phí xyzzyq")
    assert r.unknown == ["xyzzyq"] and r.full == 0 and r.partial > 0
    r, _ = ranked("topic:khongcochude")
    assert r.notes == ["không có chủ đề 'khongcochude'"] and r.docs == []


def test_why_says_exact_for_an_accent_the_notice_has_and_names_proximity():
    index, keys = exported()
    r = ranking.rank(parse("tái"), index)
    assert r.docs
    rules = [ranking_rules(r, d) for d in r.docs]
    assert {"exact"} in rules and {"folded"} in rules
    # exact matches come first
    first_folded = rules.index({"folded"})
    assert all(x == {"exact"} for x in rules[:first_folded])
    r = ranking.rank(parse("nguyen van hoa"), index)
    # the notice where "van hoa" stand together ranks first, and says why
    assert {"term": "van hoa", "rule": "proximity"} in r.why.of(r.docs[0])
    assert not any(w["rule"] == "proximity" for d in r.docs[1:] for w in r.why.of(d))


def ranking_rules(r, d) -> set[str]:
    return {w["rule"] for w in r.why.of(d)}


# ---- the pieces ----------------------------------------------------------------------------

def test_term_weight_is_bm25_per_field_scaled_and_rounded():
    k1, b = 1.2, 0.75
    tf, length = 2, 40
    expected = 3.0 * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / 40))
    assert ranking.term_weight({"title": 2}, {"title": 40}) == math.floor(expected * 10 + 0.5)
    both = ranking.term_weight({"title": 1, "body": 3}, {"title": 10, "body": 3000})
    alone = [ranking.term_weight({"title": 1}, {"title": 10}),
             ranking.term_weight({"body": 3}, {"body": 3000})]
    assert abs(both - sum(alone)) <= 1
    assert ranking.term_weight({}, {}) == 1                         # never 0: it was matched
    assert ranking.term_weight({"title": 1}, {"title": 5}) > ranking.term_weight({"body": 1}, {"body": 5})
    assert ranking.term_weight({"body": 1}, {"body": 100}) > ranking.term_weight({"body": 1}, {"body": 5000})
    assert ranking.term_weight({"body": 5}, {"body": 100}) > ranking.term_weight({"body": 1}, {"body": 100})
    assert ranking.term_weight({"meta": 1}, {"meta": 30}) == ranking.term_weight({"topic_text": 1}, {"topic_text": 20})


def test_quantized_length_is_what_whoosh_keeps():
    assert ranking.quantized_length(0) == 0 and ranking.quantized_length(1) == 1
    assert ranking.quantized_length(1500) != 1500 and abs(ranking.quantized_length(1500) - 1500) < 200


def test_idf_common_and_rounding():
    assert ranking.idf(1, 100) == pytest.approx(math.log(1 + 99.5 / 1.5))
    assert ranking.idf(1, 100) > ranking.idf(50, 100) > 0
    assert not ranking.is_common(900, 999)              # too small an archive: weights kept
    assert ranking.is_common(251, 1000) and not ranking.is_common(250, 1000)
    assert ranking.rounded(1.23456) == 12346 and ranking.rounded(0.00004) == 0
    assert ranking.rounded(0.00005) == 1


def test_intersect():
    assert ranking.intersect([]) == set()
    assert ranking.intersect([{1, 2, 3}, {2, 3}, {3, 4}]) == {3}
    s = {1}
    assert ranking.intersect([s]) == {1} and ranking.intersect([s]) is not s


@pytest.mark.parametrize("a, b, limit, d", [
    ("tai", "tai", 2, 0), ("tia", "tai", 2, 1), ("tai", "tao", 2, 1), ("tai", "ta", 2, 1),
    ("tai", "taii", 2, 1), ("ngap", "gnap", 2, 1), ("kinh", "knih", 2, 1), ("abcd", "badc", 2, 2),
    ("lut", "lutxyz", 2, 3), ("abc", "xyz", 2, 3), ("abc", "xyz", 3, 3), ("bao", "baoo", 0, 1),
    ("", "ab", 2, 2), ("thien", "thein", 1, 1), ("thien", "htein", 1, 2), ("abcdef", "badcfe", 2, 3),
])
def test_distance_counts_transpositions_and_stops_above_the_limit(a, b, limit, d):
    assert ranking.distance(a, b, limit) == d
    assert ranking.distance(b, a, limit) == d


VOCAB = [("thien", 5, "thiên"), ("tai", 9, "tai"), ("tai", 1, "tài"), ("thuy", 3, "thủy"),
         ("lut", 4, "lụt"), ("ngap", 4, "ngập"), ("kinh", 7, "kinh"), ("phi", 6, "phí"),
         ("dich", 2, "dịch"), ("dich", 8, "địch"), ("benh", 3, "bệnh"), ("thuong", 2, "thương")]


@pytest.mark.parametrize("word, kw, suggestion", [
    pytest.param("ngapp", {}, "ngập", id="one_edit_not_a_syllable"),
    pytest.param("ngpa", {}, None, id="three_consonants_read_as_an_abbreviation"),
    pytest.param("lutt", {}, "lụt", id="doubled_letter"),
    pytest.param("kiinh", {}, "kinh", id="kiinh"),
    pytest.param("ab", {}, None, id="too_short"),
    pytest.param("xom", {}, None, id="a_real_syllable_the_archive_lacks"),
    pytest.param("pctt", {}, None, id="an_abbreviation"),
    pytest.param("ngapp", {"typed": "ngàpp"}, None, id="typed_with_accents"),
    pytest.param("ngapp", {"typed": "ngapp"}, "ngập", id="typed_as_folded"),
    pytest.param("zzzzq", {}, None, id="nothing_near"),
    pytest.param("thein", {}, "thiên", id="transposed"),
    pytest.param("dihc", {}, "địch", id="most_frequent_form_wins"),
    pytest.param("tia", {"before": "thien"}, "tai", id="context_pair_unspelled"),
    pytest.param("tia", {"before": "thien", "pairs": {"thien tai": ("thiên", "tai")}}, "tai",
                 id="context_pair_spelled"),
    pytest.param("tia", {"after": "lut", "pairs": {"tai lut": ("tài", "lụt")}}, "tài",
                 id="context_pair_after"),
    pytest.param("dihc", {"after": "benh", "pairs": {"dich benh": None}}, "địch",
                 id="context_pair_not_spelled_keeps_the_frequent_form"),
])
def test_suggest_word(word, kw, suggestion):
    pairs = kw.pop("pairs", {"thien tai": ("thiên", "tai")} if "before" in kw else {})
    assert ranking.suggest_word(word, VOCAB, pairs=pairs, **kw) == suggestion


def test_suggest_word_prefers_the_closer_then_the_more_frequent_then_alphabetical():
    assert ranking.suggest_word("baxt", [("bac", 99, "bác"), ("bat", 1, "bát")]) == "bát"
    assert ranking.suggest_word("bax", [("bac", 1, "bác"), ("bat", 9, "bát")]) == "bát"
    assert ranking.suggest_word("bax", [("bat", 5, "bát"), ("bac", 5, "bác")]) == "bác"


def test_looks_like_abbreviation_and_syllable():
    for word in ("pctt", "tnmt", "attp", "bcd"):
        assert ranking._looks_like_abbreviation(word), word
    for word in ("thien", "hoa", "a", "ung"):
        assert not ranking._looks_like_abbreviation(word), word
        assert ranking._looks_like_syllable(word), word
    assert not ranking._looks_like_syllable("ngpa")


def test_context_pairs_spell_topic_names_and_keep_thesaurus_pairs():
    topics = {"a": {"name": "Thiên tai", "aliases": ["Phòng chống lụt bão"]},
              "b": {"name": "Giao thông"}}
    thesaurus = {"ngap lut": [["thien tai", "synonym"], ["xyz abc", "synonym"]]}
    pairs = ranking.context_pairs(thesaurus, topics, {"thien", "tai"})
    assert pairs["thien tai"] == ("thiên", "tai")
    assert pairs["phong chong"] == ("phòng", "chống") and pairs["lut bao"] == ("lụt", "bão")
    assert pairs["giao thong"] == ("giao", "thông")
    assert pairs["ngap lut"] is None
    assert "xyz abc" not in pairs          # an alternative the archive lacks


def test_why_names_the_thesaurus_rule_and_the_alternative_once_per_term():
    index, keys = exported()
    r = ranking.rank(parse("ngập lụt"), index)
    by_key = {keys[d]: r.why.of(d) for d in r.docs}
    assert by_key["2023/104-tb-vpubnd"] == [{"term": "ngập lụt", "rule": "synonym", "via": "thien tai"}]
    assert "thien" in r.why.alternative_words() and "tai" in r.why.alternative_words()
    r = ranking.rank(parse("dịch bệnh"), index)
    assert {"term": "dịch bệnh", "rule": "narrower", "via": "cum"} in r.why.of(keys.index("2025/41-tb-vpubnd"))
    # a field prefix is a filter: it is never listed as a matched word
    r = ranking.rank(parse("year:2024 de an 06"), index)
    assert r.docs and all(w["term"] != "2024" for d in r.docs for w in r.why.of(d))
