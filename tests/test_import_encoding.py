"""Legacy Vietnamese encodings and decomposed Unicode are detected and converted to NFC."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata

import pytest

from conftest import ROOT
from test_check_encodings import _TCVN3

from generator.encodings import (decode_bytes, glyphs_to_bytes, tcvn3_to_unicode,
                                       unicode_to_cp1258, unicode_to_tcvn3, unicode_to_vni,
                                       vni_to_unicode)
from generator.ingest.sources import read_source
from generator.ingest.writer import build
from generator.load.loader import load_topics
from generator.validate.topics import build_topics

ORIGINAL = """UBND TỈNH HẬU GIANG
VĂN PHÒNG

Số: 88/TB-VPUBND

Hậu Giang, ngày 15 tháng 3 năm 2024

THÔNG BÁO

Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa về công tác bảo đảm trật tự, an toàn giao thông

Ngày 12 tháng 3 năm 2024, tại Hội trường UBND tỉnh, Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa chủ trì cuộc họp về trật tự, an toàn giao thông quý I năm 2024.

1. Kéo giảm tai nạn giao thông trên cả 3 tiêu chí; xử lý nghiêm vi phạm nồng độ cồn.

2. Sở Giao thông vận tải khắc phục các điểm đen về tai nạn giao thông.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Như thành phần họp;
- Lưu: VT, NC.

KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Lưu Ngọc Đông
"""

SAMPLE = "Đặc biệt, Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa đề nghị các sở, ngành thực hiện quyết liệt, hiệu quả; kéo giảm tội phạm ở mức thấp nhất, BẢO ĐẢM AN NINH."


@pytest.fixture(scope="module")
def topics():
    return build_topics(load_topics(ROOT / "notices", ROOT))[0]


def test_vni_table_both_ways():
    assert vni_to_unicode(unicode_to_vni(SAMPLE)) == SAMPLE
    assert unicode_to_vni("Thông báo") == "Thoâng baùo"  # the published VNI chart


def test_tcvn3_table_both_ways():
    assert unicode_to_tcvn3("Thông báo") == "Th«ng b¸o"  # the published TCVN3 chart
    # Capitals typed in .VnTimeH come back upper case word by word; the one known limit is a
    # capital accented letter starting a mixed-case word ("Đặc" is fine: Đ has its own byte).
    assert tcvn3_to_unicode(unicode_to_tcvn3(SAMPLE)) == SAMPLE


# The published charts, typed into the tests from the TCVN 5712:1993 (VN3, "ABC") and VNI Windows
# code tables, independently of generator/encodings.py. TCVN3's is shared with the check tests
# (order plain, huyền, hỏi, ngã, sắc, nặng); here each row is in the order of TONES below.
TCVN3_CHART = {vowel: (c[0], c[1], c[4], c[2], c[3], c[5]) for vowel, c in _TCVN3.items()}
TCVN3_SINGLES = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
                 "Đ": 0xA7}
VNI_CHART = {  # as the letters look when the VNI bytes are shown in Windows-1252
    "a": (None, "aø", "aù", "aû", "aõ", "aï"), "ă": ("aê", "aè", "aé", "aú", "aü", "aë"),
    "â": ("aâ", "aà", "aá", "aå", "aã", "aä"), "e": (None, "eø", "eù", "eû", "eõ", "eï"),
    "ê": ("eâ", "eà", "eá", "eå", "eã", "eä"), "i": (None, "ì", "í", "æ", "ó", "ò"),
    "o": (None, "oø", "où", "oû", "oõ", "oï"), "ô": ("oâ", "oà", "oá", "oå", "oã", "oä"),
    "ơ": ("ô", "ôø", "ôù", "ôû", "ôõ", "ôï"), "u": (None, "uø", "uù", "uû", "uõ", "uï"),
    "ư": ("ö", "öø", "öù", "öû", "öõ", "öï"), "y": (None, "yø", "yù", "yû", "yõ", "î"),
}
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _letter_id(value) -> str:
    # ASCII node ids ("U+1EA1"): a second pytest session in one process (mutmut's) does not find
    # the escaped ids pytest makes of Vietnamese letters.
    if isinstance(value, str):
        return "-".join(f"U+{ord(c):04X}" for c in value)
    return str(value)


def _chart_rows(chart):
    for vowel, codes in chart.items():
        for tone, code in zip(TONES, codes):
            if code is not None:
                yield unicodedata.normalize("NFC", vowel + tone), code


@pytest.mark.parametrize("letter, byte", [*_chart_rows(TCVN3_CHART), *TCVN3_SINGLES.items()],
                         ids=_letter_id)
def test_tcvn3_matches_the_published_chart(letter, byte):
    assert glyphs_to_bytes(unicode_to_tcvn3(letter)) == bytes([byte])
    assert tcvn3_to_unicode(bytes([byte]).decode("latin-1")) == letter


@pytest.mark.parametrize("letter, glyphs", [*_chart_rows(VNI_CHART), ("đ", "ñ")], ids=_letter_id)
def test_vni_matches_the_published_chart(letter, glyphs):
    assert unicode_to_vni(letter) == glyphs
    assert vni_to_unicode(glyphs) == letter
    # Capitals: the same bytes' upper-case counterparts (Ù for ù, Â for â, Ñ for ñ).
    assert unicode_to_vni(letter.upper()) == glyphs.upper()
    assert vni_to_unicode(glyphs.upper()) == letter.upper()


@pytest.mark.parametrize("letter", sorted(set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                                             "ùúủũụưừứửữựỳýỷỹỵđ")), ids=_letter_id)
def test_every_lower_case_letter_round_trips(letter):
    assert tcvn3_to_unicode(unicode_to_tcvn3(letter)) == letter
    assert vni_to_unicode(unicode_to_vni(letter)) == letter
    assert vni_to_unicode(unicode_to_vni(letter.upper())) == letter.upper()


ENCODINGS = {
    "cp1258": (unicode_to_cp1258, "Windows-1258"),
    "tcvn3": (lambda s: glyphs_to_bytes(unicode_to_tcvn3(s)), "TCVN3 (ABC)"),
    "vni": (lambda s: glyphs_to_bytes(unicode_to_vni(s)), "VNI"),
    "utf16": (lambda s: s.encode("utf-16"), "UTF-16"),
    "utf16-no-bom": (lambda s: s.encode("utf-16-le"), "UTF-16"),
    "utf8-bom": (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "UTF-8 (BOM)"),
    "nfd": (lambda s: unicodedata.normalize("NFD", s).encode("utf-8"), "UTF-8, NFD"),
}


@pytest.mark.parametrize("name", ENCODINGS)
def test_detects_and_decodes(name):
    encode, label = ENCODINGS[name]
    decoded = decode_bytes(encode(ORIGINAL))
    assert decoded.encoding == label
    assert decoded.text == ORIGINAL
    assert unicodedata.is_normalized("NFC", decoded.text)


def test_cp1258_writes_combining_tones():
    # Windows-1258 has â ê ô ơ ư ă as letters but every tone as a combining byte after them.
    assert unicode_to_cp1258("Hòa") == b"Ho\xcca"
    assert unicode_to_cp1258("Hậu") == b"H\xe2\xf2u"
    assert decode_bytes(b"H\xe2\xf2u Giang, ng\xe0y").text == "Hậu Giang, ngày"


@pytest.mark.parametrize("name", ENCODINGS)
def test_legacy_original_imports_with_fields(name, tmp_path, topics):
    encode, _ = ENCODINGS[name]
    path = tmp_path / "original.txt"
    path.write_bytes(encode(ORIGINAL))
    data = build(read_source(path), topics, "internal").data
    assert data["number"] == "88/TB-VPUBND"
    assert data["date"] == dt.date(2024, 3, 15)
    assert data["issuer"] == "Văn phòng UBND tỉnh Hậu Giang"
    assert data["title"] == ("Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa về công tác bảo "
                             "đảm trật tự, an toàn giao thông")
    assert data["signer"] == {"name": "Lưu Ngọc Đông", "title": "Phó Chánh Văn phòng",
                              "authority": "KT. Chánh Văn phòng"}
    assert data["meeting"]["chair"] == "Nguyễn Văn Hòa"
    assert data["topics"] == ["an-toan-giao-thong"]
