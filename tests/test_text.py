import unicodedata

import pytest

from generator.text import canonical, fold, nfc, slugify, unify_tones


@pytest.mark.parametrize("old,new", [("hoà", "hòa"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"),
                                     ("khoẻ", "khỏe"), ("tuỳ", "tùy"), ("hoạ", "họa"),
                                     ("xoè", "xòe"), ("luỹ", "lũy")])
def test_old_and_new_tone_placement_unify(old, new):
    assert old != new  # a pair of one spelling twice would prove nothing
    assert unify_tones(old) == unify_tones(new) != fold(new)  # one form, tone kept
    assert canonical(old) == canonical(new.upper())


def test_tone_placement_keeps_other_words():
    # qu- and gi- are onsets, so "quỳnh", "quý", "giữa" keep the tone where it is.
    for word in ("người", "quyết", "giá", "ngoài", "toán", "hoàng", "của", "tuổi", "gì",
                 "quỳnh", "quý", "giữa", "khuya"):
        assert unify_tones(word) == word


def test_fold_removes_every_mark_and_dd():
    assert fold("Đề án 06 của Chính phủ") == "de an 06 cua chinh phu"
    assert fold("đường") == "duong"
    assert fold(unicodedata.normalize("NFD", "Điện")) == "dien"


def test_nfc_composes_decomposed_text():
    text = unicodedata.normalize("NFD", "Nguyễn Văn Hòa")
    assert nfc(text) == "Nguyễn Văn Hòa"
    assert unicodedata.is_normalized("NFC", nfc(text))


def test_slugify_is_ascii_and_stable():
    assert slugify("125/TB-VPUBND") == "125-tb-vpubnd"
    assert slugify("06/QĐ-UBND") == "06-qd-ubnd"
    assert slugify("Đề án 06") == "de-an-06"
    assert slugify("///") == "x"
