"""The legacy-encoding converter and detector (generator/encodings.py), function by function, in
process: every expected value is written out by hand from the published TCVN3 and VNI charts
and from what Windows shows for the bytes. The charts themselves are shared with
tests/test_import_encoding.py, which converts whole notices."""

from __future__ import annotations

import codecs
import unicodedata

from test_import_encoding import TCVN3_CHART, TONES, VNI_CHART

from generator import encodings
from generator.encodings import (Decoded, bytes_as_windows_glyphs, decode_bytes, fix_legacy_text,
                                 glyphs_to_bytes, guess_encoding, tcvn3_to_unicode,
                                 unicode_to_cp1258, unicode_to_tcvn3, unicode_to_vni,
                                 vietnamese_score, vni_to_unicode)


def _rows(chart):
    for vowel, codes in chart.items():
        for tone, code in zip(TONES, codes):
            if code is not None:
                yield unicodedata.normalize("NFC", vowel + tone), code


def test_vni_letters_are_encoded_as_the_chart_writes_them():
    # The encoder itself, called letter by letter (the module's tables are made from it once,
    # at import, where a mutation testing tool cannot see it).
    for letter, glyphs in _rows(VNI_CHART):
        assert encodings._vni_encode_char(letter) == glyphs, letter
        assert encodings._vni_encode_char(letter.upper()) == glyphs.upper(), letter
    assert encodings._vni_encode_char("đ") == "ñ"
    assert encodings._vni_encode_char("Đ") == "Ñ"
    for plain in "aeiouyAbz1 ":
        assert encodings._vni_encode_char(plain) == plain
    assert encodings._vni_encode_char("ñ") == "ñ"       # a tilde over n is no Vietnamese letter
    assert encodings._vni_encode_char("ç") == "ç"       # a mark on a consonant: left alone
    assert encodings._vni_encode_char("ü") == "ü"       # a vowel with a mark VNI has no byte for


# Every Vietnamese vowel letter with each tone (plain, sắc, huyền, hỏi, ngã, nặng), lower then
# upper case, typed by hand.
LETTERS = ("aAáÁàÀảẢãÃạẠ" "ăĂắẮằẰẳẲẵẴặẶ" "âÂấẤầẦẩẨẫẪậẬ" "eEéÉèÈẻẺẽẼẹẸ" "êÊếẾềỀểỂễỄệỆ"
           "iIíÍìÌỉỈĩĨịỊ" "oOóÓòÒỏỎõÕọỌ" "ôÔốỐồỒổỔỗỖộỘ" "ơƠớỚờỜởỞỡỠợỢ" "uUúÚùÙủỦũŨụỤ"
           "ưƯứỨừỪửỬữỮựỰ" "yYýÝỳỲỷỶỹỸỵỴ")


def test_the_vietnamese_letters_are_every_vowel_with_every_tone():
    assert encodings._vietnamese_letters() == ["đ", "Đ", *LETTERS]


def test_the_tables_hold_every_letter():
    # 146 letters less the plain a e i o u y in both cases and í ì Í Ì, which VNI writes as is
    assert len(encodings.UNICODE_TO_VNI) == 146 - 12 - 4
    assert len(encodings.TCVN3_TO_UNICODE) == 7 + 7 + 12 * 5  # Ă…Đ, ă…đ, five tones per vowel


def test_words_in_capitals_come_back_in_capitals():
    recase = encodings._recase
    assert recase("BIệT") == "BIỆT"
    assert recase("HUệ") == "HUỆ"            # two capitals are enough
    assert recase("Số") == "Số"              # one capital: a capitalised word, left alone
    assert recase("Đặc") == "Đặc"
    assert recase("ĐƠệ") == "ĐƠỆ"            # Đ and Ơ count as capitals
    assert recase("AZệ") == "AZỆ"
    assert recase("ABaệ") == "ABaệ"          # a lower-case letter: mixed case, left alone
    assert recase("ABzệ") == "ABzệ"
    assert recase("ệ") == "ệ"
    assert tcvn3_to_unicode("BI\xd6T Th«ng b¸o") == "BIỆT Thông báo"
    assert tcvn3_to_unicode("TØNH H\xb8U") == "TỈNH HÁU"


def test_tcvn3_both_ways():
    assert tcvn3_to_unicode("Th«ng b¸o kÕt luËn") == "Thông báo kết luận"
    assert tcvn3_to_unicode("") == ""
    assert unicode_to_tcvn3("Thông báo") == "Th«ng b¸o"
    assert unicode_to_tcvn3("Tho\u0302ng") == "Th«ng"      # NFD in, one byte out
    assert unicode_to_tcvn3("Ế") == "\xd5"                  # capitals share the lower-case byte
    assert unicode_to_tcvn3("Đ Ă Ơ") == "\xa7 \xa1 \xa5"    # these have bytes of their own
    assert unicode_to_tcvn3("Hà Nội 1") == "H\xb5 N\xe9i 1"
    assert unicode_to_tcvn3("ÀB") == "\xb5B"


def test_vni_both_ways():
    assert vni_to_unicode("Thoâng baùo") == "Thông báo"
    assert vni_to_unicode("THOÂNG BAÙO") == "THÔNG BÁO"
    assert vni_to_unicode("kieåm tra") == "kiểm tra"
    assert vni_to_unicode("iø iù IØ IÙ") == "ì í Ì Í"     # i + tone byte, as some writers do
    assert unicode_to_vni("Tho\u0302ng ba\u0301o") == "Thoâng baùo"
    assert unicode_to_vni("Đường") == "Ñöôøng"


def test_cp1258_writes_tones_as_combining_bytes():
    assert unicode_to_cp1258("Thông báo") == b"Th\xf4ng b\xe1o"
    assert unicode_to_cp1258("Hòa") == b"Ho\xcca"
    assert unicode_to_cp1258("Hậu") == b"H\xe2\xf2u"
    assert unicode_to_cp1258("ợ") == b"\xf5\xf2"
    assert unicode_to_cp1258("Ỹ") == b"Y\xde"
    assert unicode_to_cp1258("Ho\u0300a") == b"Ho\xcca"
    assert unicode_to_cp1258("中") == b"?"


def test_windows_glyphs_both_ways():
    # 0x81 is one of cp1252's five holes: Windows shows the Latin-1 control character.
    assert bytes_as_windows_glyphs(b"\x80\x81\x8d\x8f\x90\x9d\xab\xe9A") == \
        "€\x81\x8d\x8f\x90\x9d«éA"
    assert glyphs_to_bytes("€\x81«éA") == b"\x80\x81\xab\xe9A"
    assert glyphs_to_bytes("中") == b"?"
    assert glyphs_to_bytes("") == b""


def test_vietnamese_score():
    assert vietnamese_score("") == 0.0
    assert vietnamese_score("123 ...") == 0.0
    assert vietnamese_score("của và xyz abc") == 0.5
    assert vietnamese_score("CỦA 2024 THÔNG") == 1.0
    assert vietnamese_score("the office") == 0.0


# 15 English words: one common Vietnamese word among 16 is too little to call it Vietnamese.
ENGLISH = " the cat sat on a mat and then it ran off into a dark wood"


def test_legacy_text_is_converted_only_when_it_reads_clearly_better():
    assert fix_legacy_text("Th«ng b¸o kÕt luËn") == ("Thông báo kết luận", "TCVN3 (ABC)")
    assert fix_legacy_text("Thoâng baùo keát luaän") == ("Thông báo kết luận", "VNI")
    assert fix_legacy_text("Thông báo kết luận") == ("Thông báo kết luận", "Unicode")
    assert fix_legacy_text("Tho\u0302ng ba\u0301o") == ("Thông báo", "Unicode")
    assert fix_legacy_text("Th«ng" + ENGLISH) == ("Th«ng" + ENGLISH, "Unicode")
    assert fix_legacy_text("Th«ng vµ" + ENGLISH) == ("Thông và" + ENGLISH, "TCVN3 (ABC)")
    assert fix_legacy_text("") == ("", "Unicode")
    # a little better is not enough: 1 in 10 words against 1 in 11
    assert fix_legacy_text("cho a b c d e f g h x«y") == ("cho a b c d e f g h x«y", "Unicode")
    # exactly at the thresholds: 2 words in 25 (0.08), and 0.25 against 0.20 (+0.05)
    two_in_25 = "Th«ng Th«ng" + " x" * 23
    assert fix_legacy_text(two_in_25) == (two_in_25, "Unicode")
    assert fix_legacy_text(two_in_25[:-2]) == ("Thông Thông" + " x" * 22, "TCVN3 (ABC)")
    tie = "cho cho cho cho cho Th«ng" + " x" * 18
    assert fix_legacy_text(tie) == (tie, "Unicode")


def test_decode_bytes_names_what_it_read():
    assert decode_bytes(codecs.BOM_UTF8 + "Hòa".encode()) == Decoded("Hòa", "UTF-8 (BOM)", False)
    assert decode_bytes("Hòa".encode("utf-16")) == Decoded("Hòa", "UTF-16", False)
    assert decode_bytes("Hòa".encode("utf-16-be")) == Decoded("Hòa", "UTF-16", False)
    assert decode_bytes("Hòa".encode("utf-16-le")) == Decoded("Hòa", "UTF-16", False)
    assert decode_bytes(b"a\x00b\x00") == Decoded("ab", "UTF-16", False)
    assert decode_bytes(b"\x00a\x00b") == Decoded("ab", "UTF-16", False)
    assert decode_bytes(b"abc\x00") == Decoded("abc\x00", "UTF-8", False)  # one NUL in four
    assert decode_bytes(b"a\x00") == Decoded("a\x00", "UTF-8", False)      # too short for UTF-16
    # which half holds the NULs decides the byte order; U+0200 has a zero low byte
    assert decode_bytes("Āab".encode("utf-16-be")) == Decoded("Āab", "UTF-16", False)
    assert decode_bytes("Ȁab".encode("utf-16-le")) == Decoded("Ȁab", "UTF-16", False)
    # a tie: little-endian
    assert decode_bytes(b"a\x00\x00b") == Decoded("a\u6200", "UTF-16", False)
    # broken bytes are replaced, never an exception
    assert decode_bytes(b"a\x00b\x00c") == Decoded("ab\ufffd", "UTF-16", False)
    assert decode_bytes(codecs.BOM_UTF16_LE + b"a\x00b") == Decoded("a\ufffd", "UTF-16", False)
    assert decode_bytes(codecs.BOM_UTF8 + b"a\xff") == Decoded("a\ufffd", "UTF-8 (BOM)", False)
    assert decode_bytes("Thông báo".encode()) == Decoded("Thông báo", "UTF-8", False)
    assert decode_bytes("Tho\u0302ng".encode()) == Decoded("Thông", "UTF-8, NFD", True)
    assert decode_bytes(codecs.BOM_UTF8 + "o\u0302".encode()) == \
        Decoded("ô", "UTF-8 (BOM), NFD", True)
    assert decode_bytes("Th«ng b¸o kÕt luËn".encode()) == \
        Decoded("Thông báo kết luận", "TCVN3 (ABC) (trong UTF-8)", True)


def test_decode_bytes_of_legacy_files():
    assert decode_bytes(b"Th\xabng b\xb8o k\xd5t lu\xcbn") == \
        Decoded("Thông báo kết luận", "TCVN3 (ABC)", True)
    assert decode_bytes(b"Tho\xe2ng ba\xf9o ke\xe1t lua\xe4n") == \
        Decoded("Thông báo kết luận", "VNI", True)
    assert decode_bytes(b"Th\xf4ng b\xe1o k\xea\xect lu\xe2\xf2n") == \
        Decoded("Thông báo kết luận", "Windows-1258", True)
    # a byte Windows-1258 leaves undefined is replaced, never an exception
    assert decode_bytes(b"\x8a Th\xf4ng b\xe1o") == \
        Decoded("\ufffd Thông báo", "Windows-1258", True)
    # nothing reads as Vietnamese: the first candidate, Windows-1258
    assert decode_bytes(b"\xc0bc") == Decoded("Àbc", "Windows-1258", True)


def test_guess_encoding():
    assert guess_encoding(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le")) == "UTF-16"
    assert guess_encoding(codecs.BOM_UTF16_BE + "ab".encode("utf-16-be")) == "UTF-16"
    assert guess_encoding(b"a\x00b\x00") == "UTF-16"
    assert guess_encoding(b"abc\x00") is None
    assert guess_encoding(b"Th\xabng b\xb8o k\xd5t lu\xcbn") == "TCVN3 (ABC)"
    assert guess_encoding(b"Tho\xe2ng ba\xf9o ke\xe1t lua\xe4n") == "VNI"
    assert guess_encoding(b"Th\xf4ng b\xe1o k\xea\xect lu\xe2\xf2n") == "Windows-1258"
    assert guess_encoding(b"\xc0bc xyz") is None
    # only the first 64 KiB are read: "v" is the last byte read, "\xb5" (à) the first left out
    assert guess_encoding(b" " * 65535 + b"v\xb5") is None
    assert guess_encoding(b" " * 65534 + b"v\xb5") == "TCVN3 (ABC)"
