"""The plausibility layer of import: every rule flags its field (and only a doubtful one), and
a flagged notice is a draft with review: and a comment per field."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest.sources import read_source
from generator.ingest.syllables import is_syllable, odd_words
from generator.ingest.writer import build, render
from test_import_text import SIDE_BY_SIDE

TODAY = dt.date(2025, 1, 1)

SYLLABLES = ["hòa", "hoà", "thuỷ", "quốc", "giữa", "gì", "nghiêng", "khuya", "Nguyễn", "Đông",
             "tiếp", "uyển", "yêu", "kế", "ghế", "oạch", "chuyển", "Lượng", "ĐỒNG", "Quỳnh",
             "quýt", "quyết", "quốc", "quê", "quân", "gìn", "giếng"]
NOT_SYLLABLES = ["ZM8ïÌ7", "tỉnhbắcninh", "vụầ", "tiềp", "ce", "nge", "ghá", "iên", "vIệcc",
                 "ngưoi"]


@pytest.mark.parametrize("word", SYLLABLES)
def test_vietnamese_syllables_pass(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", NOT_SYLLABLES)
def test_what_is_no_syllable_fails(word):
    assert not is_syllable(word)


def test_codes_numbers_and_abbreviations_are_not_odd_words():
    text = ("Theo Quyết định số 84/2012/QĐ-UBND và Nghị định 30/2020/NĐ-CP, UBND, HĐND, "
            "Đ/c Nguyễn Văn A, b/c, COVID-19, 4+1, a) mục II.")
    assert odd_words(text, lenient_ascii=False) == []
    assert odd_words("thực hiện trên website của Sở", lenient_ascii=True) == []
    assert odd_words("mạng ZM8ïÌ7/. hoàn thành", lenient_ascii=False) == ["ZM8ïÌ7/"]
    assert odd_words("Lưu: VT, PV01, PC06.", lenient_ascii=False) == []
    assert odd_words("Lưu: VT, 3K8W.", lenient_ascii=False) == ["3K8W"]


def imported(tmp_path, text, known=("TB", "VPUBND")):
    path = tmp_path / "tb.txt"
    path.write_text(text, encoding="utf-8")
    return build(read_source(path), {}, "internal", known, TODAY)


def test_a_plausible_original_is_issued_with_nothing_to_review(tmp_path):
    result = imported(tmp_path, SIDE_BY_SIDE)
    assert result.uncertain == {}
    assert result.status == "issued" and "review" not in result.data


RULES = [
    ("number code not the issuer's", "125/TB-VPUBND", "125/TB-VVPUBND", "number", "VVPUBND"),
    ("number type code of another type", "125/TB-VPUBND", "125/QĐ-VPUBND", "type", "QĐ"),
    ("date in the future", "ngày 5 tháng 07 năm 2024", "ngày 5 tháng 07 năm 2026", "date",
     "sau ngày hôm nay"),
    ("date before a cited document", "Sau khi nghe báo cáo,",
     "Thực hiện Công văn số 12/UBND-KT ngày 20/7/2024, sau khi nghe báo cáo,", "date",
     "20/07/2024"),
    ("issuer merged with the motto", "VĂN PHÒNG\t\tĐộc lập",
     "VĂN PHÒNG CỘNG HÒA XÃ HỘI\t\tĐộc lập", "issuer", "Quốc hiệu"),
    ("title with OCR junk", "tại cuộc họp về chuyển đổi số\n",
     "tại cuộc họp về chuyển đổi sốầ\n", "title", "sốầ"),
    ("signer name that is a title", "Đồng Thị Mỹ Hạnh", "Nâng Cao Chất Lượng, Hi",
     "signer.name", "chức danh"),
    ("signer name with a stray letter", "Đồng Thị Mỹ Hạnh", "Đồng Thị Mỹ Hạnhh",
     "signer.name", "âm tiết"),
    ("authority misread as a title", "KT. CHÁNH VĂN PHÒNG", "KỸ CHÁNH VĂN PHÒNG",
     "signer.title", "Kỹ Chánh"),
    ("issuer's province cut short", "UBND TỈNH HẬU GIANG\t", "UBND TỈNH HẬU\t", "issuer",
     "khác địa danh"),
    ("title with a speck read as a dash", "tại cuộc họp về chuyển đổi số\n",
     "tại cuộc họp - về chuyển đổi số\n", "title", "dấu lạ"),
    ("signer without a title", "- Như trên;\t\t\t\tPHÓ CHÁNH VĂN PHÒNG\n", "- Như trên;\n",
     "signer.title", "chức vụ"),
    ("recipient split off its line", "- Lưu: VT, KGVX.", "- Lưu: VT, KGVX.\nngang",
     "recipients", "ngang"),
    ("recipient misread", "- Như trên;", "- Như trênẫ;", "recipients", "trênẫ"),
    ("word slid into a date", "hoàn thành chính quyền số.",
     "hoàn thành trước ngày 30 tháng 9 năm mạng 2024.", "body", "năm mạng 2024"),
    ("garbage replacing the closing", "thực hiện./.", "thực hiện mạng ZM8ïÌ7/.", "body",
     "ZM8ïÌ7"),
]


@pytest.mark.parametrize("what, old, new, field, reason", RULES, ids=[r[0] for r in RULES])
def test_each_rule_flags_its_field(tmp_path, what, old, new, field, reason):
    assert old in SIDE_BY_SIDE
    result = imported(tmp_path, SIDE_BY_SIDE.replace(old, new, 1))
    assert field in result.uncertain, (what, result.uncertain)
    if reason:
        assert any(reason in r for r in result.uncertain[field]), result.uncertain[field]
    assert result.status == "draft"
    assert field in result.data["review"]
    text = render(result)
    assert f"# cần đối chiếu {field} (" in text
    assert "status: draft" in text


def test_number_codes_agree_with_issuers_of_other_offices(tmp_path):
    """Codes derived from the issuer's own name are plausible without having been seen."""
    text = (SIDE_BY_SIDE.replace("UBND TỈNH HẬU GIANG\t\t", "BỘ CÔNG AN\t\t")
            .replace("VĂN PHÒNG\t\tĐộc lập", "CÔNG AN TỈNH HẬU GIANG\t\tĐộc lập")
            .replace("125/TB-VPUBND", "125/TB-CAT"))
    result = imported(tmp_path, text, known=())
    assert result.data["issuer"].startswith("Công an tỉnh")
    assert "number" not in result.uncertain, result.uncertain


@pytest.mark.parametrize("title", ["tại cuộc họp về chuyển đổi số.",
                                   "tại cuộc họp về 'chuyển đổi' số",
                                   "tại cuộc họp - Về chuyển đổi số"])
def test_a_speck_read_as_a_mark_in_an_ocr_title_is_in_doubt(tmp_path, title):
    """A lone quote before a syllable ("về 'chuyển") is dropped instead (cleanup.ocr_specks;
    tests/test_import_scans.py); one with its pair may be the original's; a dash where the
    trích yếu wraps, before a capital, is a speck (round-4 blind run: "doanh nghiệp - Về")."""
    path = tmp_path / "tb.txt"
    path.write_text(SIDE_BY_SIDE.replace("tại cuộc họp về chuyển đổi số", title, 1),
                    encoding="utf-8")
    source = read_source(path)
    source.ocr = True     # as if read by Tesseract: specks become marks
    result = build(source, {}, "internal", ("TB", "VPUBND"), TODAY)
    assert "title" in result.uncertain, result.uncertain



@pytest.mark.parametrize("issuer", ["Ủy ban nhân dân tỉnhbắcninh",
                                    "_ủy Ban Nhân dân - tỉnh Lào Cai",
                                    "Ủy ban nhân dân Cộng hòa xã hội chủ nghĩa Việt Nam"])
def test_a_mangled_issuer_is_in_doubt(tmp_path, issuer):
    from generator.ingest.lines import Source
    from generator.ingest.plausible import check_fields
    doubts = check_fields({"issuer": issuer, "number": "25/2013/QĐ-UBND", "type": "quyet-dinh"},
                          {}, "", Source(tmp_path / "x.pdf", [], "PDF"), (), TODAY)
    assert "issuer" in doubts, doubts


def _ocr_source(tmp_path, weak_line: str, weak: tuple):
    """SIDE_BY_SIDE as if OCRed, with `weak` (word, confidence) on the line holding
    `weak_line`."""
    path = tmp_path / "tb.txt"
    path.write_text(SIDE_BY_SIDE, encoding="utf-8")
    source = read_source(path)
    source.ocr = True
    for line in source.lines:
        if weak_line in line.text:
            line.weak = weak
    return source


@pytest.mark.parametrize("weak, in_doubt", [
    ((("Giang,", 61.0),), False),     # the place name: says nothing about the date
    ((("ngày", 70.0),), False),       # a form word the date pattern already fixes
    ((("5", 42.0),), True),           # the day itself
])
def test_a_weak_word_puts_the_date_in_doubt_only_when_it_is_part_of_the_date(
        tmp_path, weak, in_doubt):
    source = _ocr_source(tmp_path, "Hậu Giang, ngày", weak)
    result = build(source, {}, "internal", ("TB", "VPUBND"), TODAY)
    assert ("date" in result.uncertain) is in_doubt, result.uncertain


def test_a_weak_word_of_the_title_puts_the_title_in_doubt(tmp_path):
    source = _ocr_source(tmp_path, "chuyển đổi số", (("chuyển", 55.0),))
    result = build(source, {}, "internal", ("TB", "VPUBND"), TODAY)
    assert any("55%" in r for r in result.uncertain["title"]), result.uncertain


def test_an_issuer_that_disagrees_with_the_number_is_in_doubt_too(tmp_path):
    """'BỘ TÀI NGUYÊN VÀ MÔI' / 'TRƯỜNG' once gave the issuer 'Trường' beside 1017/BTNMT-…:
    either field may be the misread one, so both are flagged."""
    from generator.ingest.lines import Source
    from generator.ingest.plausible import check_fields
    doubts = check_fields({"issuer": "Trường", "number": "1017/BTNMT-TCMT", "type": "cong-van"},
                          {}, "", Source(tmp_path / "x.pdf", [], "PDF"), (), TODAY)
    assert "number" in doubts and "issuer" in doubts, doubts
    fine = check_fields({"issuer": "Văn phòng UBND tỉnh Lạng Sơn", "number": "3585/VP-KTN",
                         "type": "cong-van"}, {}, "", Source(tmp_path / "x.pdf", [], "PDF"),
                        (), TODAY)
    assert "issuer" not in fine and "number" not in fine, fine


@pytest.mark.parametrize("header, repaired", [
    ("- TỈNH HẬU GIANG\t\t", "Văn phòng UBND tỉnh Hậu Giang"),   # "UBND" lost, a speck read
    ("UBND TỈNH HẬU GIANG:\t\t", "Văn phòng UBND tỉnh Hậu Giang"),     # a speck read as ":"
    ("- TỈNH LÀO CAI\t\t", None),   # the date line says Hậu Giang: no single reading
])
def test_an_ocr_issuer_is_repaired_only_when_number_and_place_agree(tmp_path, header, repaired):
    path = tmp_path / "tb.txt"
    path.write_text(SIDE_BY_SIDE.replace("UBND TỈNH HẬU GIANG\t\t", header, 1), encoding="utf-8")
    source = read_source(path)
    source.ocr = True
    result = build(source, {}, "internal", ("TB", "VPUBND"), TODAY)
    if repaired:
        assert result.data["issuer"] == repaired
        assert "issuer" not in result.uncertain, result.uncertain
        assert any("hiểu là" in n and repaired in n for n in result.notes)
    else:
        assert result.data["issuer"] != "Văn phòng UBND tỉnh Hậu Giang"
        assert "issuer" in result.uncertain, result.data["issuer"]


@pytest.mark.parametrize("title, cut", [("Phó Chánh", True), ("Phó chủ", True),
                                        ("Phó Chánh Văn phòng", False), ("Bí thư", False),
                                        ("Phó Chủ tịch", False), ("Thứ trưởng", False)])
def test_a_signing_title_cut_at_its_line_end_is_in_doubt(tmp_path, title, cut):
    """Without levelling, a skewed scan gave 'Phó Chánh' and 'Phó chủ' as the signer's title:
    each opens like a title, so only its end shows it was cut."""
    from generator.ingest.lines import Source
    from generator.ingest.plausible import check_fields
    doubts = check_fields({"signer": {"name": "Trần Văn Huyến", "title": title}}, {}, "",
                          Source(tmp_path / "x.pdf", [], "PDF"), (), TODAY)
    assert ("signer.title" in doubts) is cut, doubts


@pytest.mark.parametrize("closing, reason", [
    ("- Như trên; Sở Y tế;\n- Lưu: VT, KGVX.", "hai nơi nhận trên một dòng"),
    ("- Như trên;\n- Lưu: VT;", "không kết thúc bằng dấu chấm")])
def test_recipients_read_doubtfully_by_ocr_are_in_doubt(tmp_path, closing, reason):
    """Two items on one line (a word after ";" read with confidence is not dropped as a
    speck), and a last item ending in ";" (the painted bench page read "- Lưu: VT, NC." as
    "- Lưu: VT;"): the rest was lost."""
    text = SIDE_BY_SIDE.replace("- Như trên;\t\t\t\tPHÓ CHÁNH VĂN PHÒNG\n- Lưu: VT, KGVX.\n",
                                closing.replace("\n", "\t\t\t\tPHÓ CHÁNH VĂN PHÒNG\n", 1)
                                + "\n")
    assert text != SIDE_BY_SIDE
    path = tmp_path / "tb.txt"
    path.write_text(text, encoding="utf-8")
    source = read_source(path)
    source.ocr = True
    result = build(source, {}, "internal", ("TB", "VPUBND"), TODAY)
    assert any(reason in r for r in result.uncertain.get("recipients", [])), result.uncertain


@pytest.mark.parametrize("under_number, repaired", [(True, True), (False, False)])
def test_an_ocr_misread_vv_is_read_only_right_under_the_number(tmp_path, under_number,
                                                                  repaired):
    """The realistic bench's 300 dpi page read "V/v bảo đảm …" as "VỊv bảo đảm …": no title.
    In the number's cell right under Số nothing else starts "V?v", so it is read as V/v
    (reported); the same words anywhere else are left as read."""
    from generator.ingest.lines import Line, Run
    text = SIDE_BY_SIDE.replace("125/TB-VPUBND", "125/VPUBND-KT").replace(
        "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh Đặng Quốc Thái\n"
        "tại cuộc họp về chuyển đổi số\n", "")
    path = tmp_path / "cv.txt"
    path.write_text(text, encoding="utf-8")
    source = read_source(path)
    source.ocr = True
    so = next(k for k, l in enumerate(source.lines) if l.text.startswith("Số:"))
    cell = source.lines[so].cell if under_number else None
    at = so + 1 if under_number else len(source.lines) - 4
    source.lines.insert(at, Line([Run("VỊv chuyển đổi số trong các cơ quan")], 1, cell))
    result = build(source, {}, "internal", ("VPUBND",), TODAY)
    if repaired:
        assert result.data["title"] == "V/v chuyển đổi số trong các cơ quan"
        assert any("«VỊv» → «V/v»" in n for n in result.notes)
    else:
        assert result.data.get("title") != "V/v chuyển đổi số trong các cơ quan"
        assert not any("«VỊv» → «V/v»" in n for n in result.notes)
