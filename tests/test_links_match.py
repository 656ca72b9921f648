"""The shared matcher: topic names and aliases, and cited documents, recognised in plain text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from generator.match import TopicMatcher, _fold_ascii, find_documents, fold_with_offsets
from generator.model import Topic
from generator.text import fold

TOPICS = {
    "an-ninh-trat-tu": Topic("an-ninh-trat-tu", "An ninh, trật tự", ("ANTT",)),
    "luc-luong": Topic("luc-luong", "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
                       ("Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",)),
    "de-an-06": Topic("de-an-06", "Đề án 06", ("Đề án 06 của Chính phủ",)),
}


def found(text):
    return [(text[m.start:m.end], m.slug) for m in TopicMatcher(TOPICS).find(text)]


def test_longest_phrase_wins_and_matching_ignores_case_diacritics_and_line_breaks():
    text = ("Triển khai Luật Lực lượng tham gia bảo vệ AN NINH, trật tự\nở cơ sở; bảo đảm an ninh, "
            "trat tu; thực hiện đề án 06 của chính phủ và Đề án 06.")
    assert found(text) == [
        ("Luật Lực lượng tham gia bảo vệ AN NINH, trật tự\nở cơ sở", "luc-luong"),
        ("an ninh, trat tu", "an-ninh-trat-tu"),
        ("đề án 06 của chính phủ", "de-an-06"),
        ("Đề án 06", "de-an-06"),
    ]


def test_whole_words_only():
    assert found("ANTTX và XANTT, Đề án 061, ANTT.") == [("ANTT", "an-ninh-trat-tu")]


def test_offsets_survive_text_that_folds_to_another_length():
    decomposed = unicodedata.normalize("NFD", "Về ANTT") + " \u0301 và Đề án 06"
    assert found(decomposed) == [("ANTT", "an-ninh-trat-tu"), ("Đề án 06", "de-an-06")]


@given(st.text(alphabet="aăâđeêoôơuưy ÁÀẢÃẠẮẰĐÊẾỀỂỄỆ\u0301\u0323-,.06", max_size=40))
def test_fold_with_offsets_maps_back(text):
    folded, origin = fold_with_offsets(text)
    assert folded == "".join(fold(c) for c in text)
    if origin is None:
        assert len(folded) == len(text)
    else:
        assert len(origin) == len(folded)
        assert all(fold(text[origin[i]]).count(folded[i]) for i in range(len(folded)))


def test_every_character_folds_to_at_most_one_ascii_character_and_that_is_its_fold():
    """What the fast path of fold_with_offsets relies on, for every code point there is."""
    for code in range(0x110000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: never in decoded text
        quick = _fold_ascii(ch)
        assert len(quick) <= 1, hex(code)
        if quick:
            assert quick == fold(ch), hex(code)


@given(st.text(alphabet="aAđĐơƠ Σσİı“”–…한\u0301\u0323\u0338xX-,.06", max_size=40))
def test_fold_with_offsets_outside_vietnamese(text):
    folded, origin = fold_with_offsets(text)
    assert folded == "".join(fold(c) for c in text)
    assert (origin is None) == all(len(fold(c)) == 1 for c in text)


def test_cited_documents():
    text = ("Theo Thông báo số 98/TB-VPUBND ngày 05/4/2024, thông báo 18/TB-VPUBND, "
            "Nghị quyết số 12-NQ/TW ngày 16 tháng 3 năm 2022 của Bộ Chính trị, Quyết định "
            "số 06/QĐ-TTg, Nghị định 30/2020/NĐ-CP, Đề án 06/CP, Luật Đất đai năm 2024 và "
            "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024; Luật phải gắn với thực tế "
            "năm 2025; số 5/TB-X không có loại văn bản.")
    docs = find_documents(text)
    assert [(d.label, d.kind, d.number, d.year, d.key) for d in docs] == [
        ("Thông báo số 98/TB-VPUBND", "Thông báo", "98/TB-VPUBND", 2024, "thong-bao-98-tb-vpubnd"),
        ("Thông báo số 18/TB-VPUBND", "Thông báo", "18/TB-VPUBND", None, "thong-bao-18-tb-vpubnd"),
        ("Nghị quyết số 12-NQ/TW", "Nghị quyết", "12-NQ/TW", 2022, "nghi-quyet-12-nq-tw"),
        ("Quyết định số 06/QĐ-TTg", "Quyết định", "06/QĐ-TTg", None, "quyet-dinh-06-qd-ttg"),
        ("Nghị định số 30/2020/NĐ-CP", "Nghị định", "30/2020/NĐ-CP", None,
         "nghi-dinh-30-2020-nd-cp"),
        ("Đề án 06", "Đề án", "06", None, "de-an-06"),
        ("Luật Đất đai năm 2024", "Luật", None, 2024, "luat-dat-dai-nam-2024"),
        ("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024", "Luật", None, 2024,
         "luat-phong-chay-chua-chay-va-cuu-nan-cuu-ho-nam-2024"),
    ]
    assert text[docs[1].start:docs[1].end] == "thông báo 18/TB-VPUBND"
