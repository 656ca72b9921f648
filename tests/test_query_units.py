"""The query parser and its helpers (generator/index/query.py), in process and without an index:
every expected value is written out by hand. The shared vectors are read here too so that the
parser is checked without building a site (tests/test_search_vectors.py checks the searches)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.index import query
from generator.index.query import (Clause, ParsedQuery, Synonyms, acronym_table, field_value,
                                   fold_number, is_digits, number_keys, number_query_keys, parse,
                                   prefixes_kind, resolve_topic, word_fields)
from generator.text import fold

VECTORS = json.loads(Path(__file__).with_name("search_vectors.json").read_text(encoding="utf-8"))


def _ascii_id(i: int, text: str) -> str:
    # ASCII node ids: mutmut re-runs tests by node id in one process, where escaped ids are lost.
    return f"{i}-" + re.sub(r"[^A-Za-z0-9 :/.-]", "?", fold(text))


@pytest.mark.parametrize("vector", VECTORS["parse"],
                         ids=[_ascii_id(i, v["query"]) for i, v in enumerate(VECTORS["parse"])])
def test_parse_vectors(vector):
    assert parse(vector["query"]).as_json() == vector["parsed"]


def test_clauses_keep_the_syllables_as_typed():
    (word,) = parse("Hoà").clauses
    assert word == Clause("word", ("hoa",), ("hoà",))
    (phrase,) = parse('"An Toàn giao"').clauses
    assert phrase.kind == "phrase"
    assert phrase.typed == ("an", "toàn", "giao")
    assert parse(None).clauses == []


def test_field_values_are_trimmed_inside_quotes():
    assert parse('signer:" Lưu "').as_json() == [
        {"kind": "field", "words": ["luu"], "field": "signer", "value": "Lưu"}]
    assert parse('signer:"  "').as_json() == []
    assert parse("signer:!!!").as_json() == []
    assert parse('signer:"Xuân"').as_json() == [
        {"kind": "field", "words": ["xuan"], "field": "signer", "value": "Xuân"}]
    assert parse("year:X2024").as_json() == [
        {"kind": "field", "words": [], "field": "year", "value": "2024"}]


def test_number_fields_lose_their_outer_separators():
    assert parse("so:/125/TB-.").as_json() == [
        {"kind": "field", "words": [], "field": "number", "value": "125/tb"}]
    assert parse("so:-/.").as_json() == []
    assert parse("year:'2024'").as_json() == [
        {"kind": "field", "words": [], "field": "year", "value": "2024"}]
    assert parse("year:2o24").as_json() == [
        {"kind": "field", "words": [], "field": "year", "value": "224"}]


def test_numbers_typed_as_words():
    assert parse("125/TB-VPUBND;").as_json() == [
        {"kind": "number", "words": ["125", "tb", "vpubnd"], "value": "125/tb-vpubnd"}]
    assert parse("(125/TB),").as_json() == [{"kind": "phrase", "words": ["125", "tb"]}]
    assert parse("125/TB)").as_json() == [
        {"kind": "number", "words": ["125", "tb"], "value": "125/tb"}]
    assert parse("125\\TB").as_json() == [
        {"kind": "number", "words": ["125", "tb"], "value": "125/tb"}]
    assert parse("125/TBX").as_json() == [
        {"kind": "number", "words": ["125", "tbx"], "value": "125/tbx"}]
    assert parse("7/").as_json() == [{"kind": "number", "words": ["7"], "value": "7"}]
    # a number needs its slash after the digits: "TB/125" and "125-TB" are words
    assert parse("125-TB").as_json() == [{"kind": "phrase", "words": ["125", "tb"]}]
    assert parse("a125/TB").as_json() == [{"kind": "phrase", "words": ["a125", "tb"]}]


def test_clause_json_leaves_out_empty_parts():
    assert Clause("word", ("a",)).as_json() == {"kind": "word", "words": ["a"]}
    assert Clause("field", (), field="year", value="2024").as_json() == {
        "kind": "field", "words": [], "field": "year", "value": "2024"}
    assert Clause("number", ("1",), value="1").as_json() == {
        "kind": "number", "words": ["1"], "value": "1"}


def test_empty_and_loose():
    assert ParsedQuery().empty is True
    assert parse("   ").empty is True
    parsed = parse("de an year:2024 so:98 125/TB")
    assert parsed.empty is False
    assert [c.kind for c in parsed.loose] == ["word", "word", "number"]


def test_pairs_are_neighbouring_words_and_phrase_syllables():
    assert parse("de an 06").pairs() == [("de", "an"), ("an", "06")]
    assert parse('"an toàn giao" thông').pairs() == [("an", "toan"), ("toan", "giao")]
    # a phrase does not pair with the word after it, nor a field with its neighbours
    assert parse("ket year:2024 luan").pairs() == []
    assert parse("de an de an").pairs() == [("de", "an"), ("an", "de")]
    assert parse("de").pairs() == []
    assert parse('de an "x y"').pairs() == [("de", "an"), ("x", "y")]


def test_highlight_words_leave_out_non_word_fields():
    parsed = parse('kết "an toàn" signer:Hòa topic:pccc so:125/TB year:2024')
    assert parsed.highlight_words() == {"ket", "an", "toan", "hoa"}
    assert parse("").highlight_words() == set()


def test_prefixes_and_kinds():
    assert query.prefixes()["nguoiky"]["name"] == "signer"
    assert query.prefixes()["so"]["name"] == "number"
    assert prefixes_kind("signer") == "words"
    assert prefixes_kind("number") == "number"
    assert prefixes_kind("year") == "year"
    assert prefixes_kind("nothing") == ""
    assert [f["name"] for f in word_fields()] == ["signer", "issuer", "chair", "agency"]


def test_fields_digest_is_short_and_follows_the_fields(monkeypatch):
    digest = query.fields_digest()
    assert len(digest) == 8 and int(digest, 16) >= 0
    spec = dict(query.spec())
    spec["fields"] = [*spec["fields"], {"name": "x", "kind": "words", "prefixes": ["x"]}]
    reordered = {"fields": [dict(reversed(f.items())) for f in query.spec()["fields"]]}
    monkeypatch.setattr(query, "spec", lambda: reordered)
    assert query.fields_digest() == digest     # the same fields, keys in another order
    monkeypatch.setattr(query, "spec", lambda: spec)
    assert query.fields_digest() != digest


def test_field_value_follows_dotted_paths():
    notice = SimpleNamespace(signer=SimpleNamespace(name="Lưu Ngọc Đông"), meeting=None,
                             agencies=["Sở Y tế", "", "Công an tỉnh"], issuer="UBND", number=125)
    assert field_value(notice, "signer.name") == "Lưu Ngọc Đông"
    assert field_value(notice, "meeting.chair") == ""
    assert field_value(notice, "missing") == ""
    assert field_value(notice, "agencies") == "Sở Y tế · Công an tỉnh"
    assert field_value(SimpleNamespace(a=("x", "y")), "a") == "x · y"
    assert field_value(notice, "number") == "125"


def test_is_digits():
    assert is_digits("0123456789") is True
    assert is_digits("12a") is False
    assert is_digits("") is False
    assert is_digits("١٢") is False  # Arabic-Indic digits are not notice numbers


def test_fold_number():
    assert fold_number("125/TB-VPUBND") == "125/tb-vpubnd"
    assert fold_number("06 / QĐ - TTg") == "06/qd-ttg"
    assert fold_number("125\\TB") == "125/tb"
    assert fold_number("Qu\u0110") == "qud"


def test_number_keys():
    assert number_keys("125/TB-VPUBND") == ["125", "125/tb", "125/tb-vpubnd", ":tb", ":vpubnd"]
    assert number_keys("84/2012/QĐ-UBND") == [
        "84", "84/2012", "84/2012/qd", "84/2012/qd-ubnd", ":qd", ":ubnd"]
    assert number_keys("/TB-VP") == ["/tb", "/tb-vp", ":tb", ":vp"]
    assert number_keys("TB/TB") == ["tb", "tb/tb", ":tb"]
    assert number_keys("3.1/KH") == ["3", "3.1", "3.1/kh", ":kh"]


def test_number_query_keys():
    assert number_query_keys("") == []
    assert number_query_keys("125/tb") == ["125/tb"]
    assert number_query_keys("0/x") == ["0/x"]
    assert number_query_keys("9abc") == ["9abc"]
    assert number_query_keys("kh-ubnd") == [":kh", ":ubnd"]
    assert number_query_keys("-kh..x/") == [":kh", ":x"]


TOPICS = {
    "phong-chay-chua-chay": {"name": "Phòng cháy, chữa cháy", "aliases": ["PCCC"]},
    "thue": {"name": "Thuế", "aliases": ["Ngân sách nhà nước"]},
    "covid-19": {"name": "Covid 19"},
    "an": {"name": "An"},
    "de-an-06": {"name": "Đề án 06", "aliases": ["Dự án 06"]},
    "nam": {"name": "2024 2025"},
    "phuong-cham": {"name": "Phương châm cụ cả"},
}


def test_acronym_table():
    assert acronym_table(TOPICS) == {
        "c19": ("covid-19",),                   # two words: their initials, not the first word
        "da06": ("de-an-06",),
        "nsnn": ("thue",),                      # aliases give acronyms too
        "pccc": ("phong-chay-chua-chay", "phuong-cham"),
        "thue": ("thue",),
    }
    assert acronym_table({"x": {"name": "!!!"}}) == {}


def test_resolve_topic_by_slug_name_alias_and_acronym():
    synonyms = Synonyms.from_topics(TOPICS)
    assert synonyms.by_acronym["da06"] == ("de-an-06",)
    assert synonyms.resolve_topic("de-an-06") == ["de-an-06"]
    assert synonyms.resolve_topic("Đề án 06") == ["de-an-06"]
    assert synonyms.resolve_topic("du an 06") == ["de-an-06"]
    assert synonyms.resolve_topic("phong chay chua chay") == ["phong-chay-chua-chay"]
    assert synonyms.resolve_topic("pccc") == ["phong-chay-chua-chay"]
    assert synonyms.resolve_topic("PC CC") == ["phong-chay-chua-chay", "phuong-cham"]
    assert synonyms.resolve_topic("da06") == ["de-an-06"]
    assert synonyms.resolve_topic("khong co") == []
    assert synonyms.resolve_topic("") == []
    assert resolve_topic(TOPICS, {"": ("thue",)}, "!!!") == []
