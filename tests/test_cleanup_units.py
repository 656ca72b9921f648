"""`ingest/cleanup.py` on the flattened lines that copying from a portal, a PDF viewer or OCR
really produces: each case is the text a user pastes and the lines the field reader must see.
Fast and in process (mutmut's selection for this module)."""

from __future__ import annotations

import pytest

from generator.ingest.cleanup import HEAD_LINES, clean, ocr_digits
from generator.ingest.lines import Line, Run

BODY = [f"{i}. Giao Sở Tài chính chủ trì thực hiện nội dung số {i}." for i in range(1, 60)]


def lines_of(texts: list[str]) -> list[Line]:
    return [Line([Run(t)], block=i, number=i + 1) for i, t in enumerate(texts)]


def cleaned(texts: list[str]) -> tuple[list[str], list[str]]:
    out, notes = clean(lines_of(texts))
    return [l.text for l in out], notes


# (id, lines of a header as copied, the lines the field reader must see)
HEADERS = [
    ("pipe_cells",
     ["ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "TỈNH HẬU GIANG | Độc lập - Tự do - Hạnh phúc"],
     ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "TỈNH HẬU GIANG", "Độc lập - Tự do - Hạnh phúc"]),
    ("table_borders", ["| VĂN PHÒNG UBND TỈNH |", "|---|---|"], ["VĂN PHÒNG UBND TỈNH"]),
    ("pipe_at_the_end", ["VĂN PHÒNG UBND TỈNH |", "THÔNG BÁO"], ["VĂN PHÒNG UBND TỈNH", "THÔNG BÁO"]),
    ("pipe_at_the_start", ["| Số: 12/TB-VP", "THÔNG BÁO"], ["Số: 12/TB-VP", "THÔNG BÁO"]),
    ("a_pipe_inside_a_word_stays", ["A|B trong tên riêng"], ["A|B trong tên riêng"]),
    ("motto_after_issuer",
     ["VĂN PHÒNG UBND TỈNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
     ["VĂN PHÒNG UBND TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    ("motto_unaccented_hoa",
     ["SỞ TÀI CHÍNH CỘNG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
     ["SỞ TÀI CHÍNH", "CỘNG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    ("party_motto", ["TỈNH ỦY HẬU GIANG ĐẢNG CỘNG SẢN VIỆT NAM"],
     ["TỈNH ỦY HẬU GIANG", "ĐẢNG CỘNG SẢN VIỆT NAM"]),
    ("motto_alone_is_not_split", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    ("motto_after_a_bullet_is_not_split", ["* Độc lập - Tự do - Hạnh phúc"],
     ["* Độc lập - Tự do - Hạnh phúc"]),
    ("number_then_place",
     ["Số: 214/TB-VPUBND Hậu Giang, ngày 05 tháng 3 năm 2024"],
     ["Số: 214/TB-VPUBND", "Hậu Giang, ngày 05 tháng 3 năm 2024"]),
    ("number_then_numeric_date",
     ["Số: 7/TB-UBND Cần Thơ, 12/3/2024"], ["Số: 7/TB-UBND", "Cần Thơ, 12/3/2024"]),
    ("number_then_two_word_place",
     ["Số 09/TB-VP Thành phố Hồ Chí Minh, ngày 1 tháng 2 năm 2024"],
     ["Số 09/TB-VP", "Thành phố Hồ Chí Minh, ngày 1 tháng 2 năm 2024"]),
    ("number_alone_then_joined",
     ["Số:", "125/TB-VPUBND", "THÔNG BÁO"], ["Số: 125/TB-VPUBND", "THÔNG BÁO"]),
    ("ocr_number_alone_then_joined", ["Số:", "l25/TB-VP"], ["Số: l25/TB-VP"]),
    ("so_followed_by_words_is_not_joined", ["Số:", "Kết luận của Chủ tịch"],
     ["Số:", "Kết luận của Chủ tịch"]),
    ("place_date_broken_once",
     ["Bình Định, ngày 22", "tháng 02 năm 2024", "THÔNG BÁO"],
     ["Bình Định, ngày 22 tháng 02 năm 2024", "THÔNG BÁO"]),
    ("place_date_broken_twice",
     ["Bình Định, ngày", "22 tháng 02", "năm 2024", "THÔNG BÁO"],
     ["Bình Định, ngày 22 tháng 02 năm 2024", "THÔNG BÁO"]),
    # The lone "22" is the day, not a page number: kept, never dropped.
    ("place_date_broken_three_times_is_left",
     ["Bình Định, ngày", "22", "tháng 02", "năm 2024"],
     ["Bình Định, ngày", "22", "tháng 02", "năm 2024"]),
    ("month_alone_on_a_line_is_kept",
     ["Hà Nội, ngày 5 tháng", "3", "năm 2024"], ["Hà Nội, ngày 5 tháng 3 năm 2024"]),
    ("place_date_followed_by_title_is_left",
     ["Bình Định, ngày 22", "THÔNG BÁO"], ["Bình Định, ngày 22", "THÔNG BÁO"]),
    ("place_date_whole_is_left",
     ["Bình Định, ngày 22 tháng 02 năm 2024", "năm nay"],
     ["Bình Định, ngày 22 tháng 02 năm 2024", "năm nay"]),
]


@pytest.mark.parametrize("texts, expected", [pytest.param(t, e, id=i) for i, t, e in HEADERS])
def test_header_lines_come_out_one_field_a_line(texts, expected):
    out, _ = cleaned(texts + BODY)
    assert out[:len(expected)] == expected
    assert out[len(expected):] == BODY


def test_joins_are_reported_with_line_numbers():
    _, notes = cleaned(["Số:", "125/TB-VPUBND", "Bình Định, ngày 22", "tháng 02 năm 2024"] + BODY)
    assert notes == ["số văn bản ở dòng sau «Số:» (dòng 2): đã ghép",
                     "dòng địa danh, ngày tháng bị ngắt (dòng 3–4): đã ghép "
                     "«Bình Định, ngày 22 tháng 02 năm 2024»"]


def test_portal_text_is_dropped_at_both_ends_and_reported():
    texts = ["Trang chủ", "Lượt xem: 1234", "THÔNG BÁO"] + BODY + ["Chia sẻ", "Facebook"]
    out, notes = cleaned(texts)
    assert out == ["THÔNG BÁO"] + BODY
    assert notes == ["bỏ chữ của trang web quanh văn bản: «Trang chủ» (dòng 1); "
                     "«Lượt xem: 1234» (dòng 2); «Chia sẻ» (dòng 63); «Facebook» (dòng 64)"]


def test_portal_words_in_the_middle_of_a_long_notice_stay():
    middle = ["Chia sẻ kinh nghiệm giữa các địa phương."]
    body = BODY + BODY
    out, notes = cleaned(body[:HEAD_LINES + 5] + middle + body[HEAD_LINES + 5:])
    assert middle[0] in out and notes == []


def test_the_report_names_at_most_six_dropped_lines():
    texts = ["Trang chủ"] * 8 + BODY
    out, notes = cleaned(texts)
    assert out == BODY
    assert notes[0].count("«Trang chủ»") == 6 and "(dòng 6)" in notes[0] and "(dòng 7)" not in notes[0]


@pytest.mark.parametrize("number", ["12", "- 3 -", "– 14 –", "7 "],
                         ids=["bare", "hyphens", "en_dashes", "trailing_space"])
def test_a_page_number_inside_a_sentence_is_dropped(number):
    texts = BODY[:3] + ["giao Sở Xây dựng chủ trì", number, "phối hợp với các sở."] + BODY[3:]
    out, notes = cleaned(texts)
    assert out == BODY[:3] + ["giao Sở Xây dựng chủ trì", "phối hợp với các sở."] + BODY[3:]
    assert notes == [f"bỏ số trang «{number.strip()}» (dòng 5)"]


@pytest.mark.parametrize("before, after", [
    pytest.param("Kết luận như sau.", "phối hợp", id="sentence_ended_with_a_full_stop"),
    pytest.param("Nội dung gồm:", "phối hợp", id="after_a_colon"),
    pytest.param("giao Sở chủ trì;", "phối hợp", id="after_a_semicolon"),
    pytest.param("giao Sở chủ trì", "Phối hợp", id="next_line_capitalised"),
    pytest.param("giao Sở chủ trì", "1234 người", id="a_number_of_four_digits"),
])
def test_a_number_that_is_not_a_page_number_stays(before, after):
    number = "1234" if after.startswith("1234") else "12"
    texts = BODY[:3] + [before, number, after] + BODY[3:]
    out, notes = cleaned(texts)
    assert number in out and not any(n.startswith("bỏ số trang") for n in notes)


# (id, a closing line as copied, the lines it must become)
CLOSINGS = [
    ("recipients_then_authority", "Nơi nhận: KT. CHỦ TỊCH", ["Nơi nhận:", "KT. CHỦ TỊCH"]),
    ("recipients_then_title_in_capitals", "Nơi nhận: CHÁNH VĂN PHÒNG",
     ["Nơi nhận:", "CHÁNH VĂN PHÒNG"]),
    ("recipients_then_a_recipient_stays", "Nơi nhận: Như trên;", ["Nơi nhận: Như trên;"]),
    ("bullet_then_title_in_capitals", "- Lưu: VT, NC. CHÁNH VĂN PHÒNG",
     ["- Lưu: VT, NC.", "CHÁNH VĂN PHÒNG"]),
    ("bullet_then_short_capitals_stay", "- Lưu: VT, NC. VP UB", ["- Lưu: VT, NC. VP UB"]),
    ("bullet_then_authority", "- Lưu: VT; KT. CHỦ TỊCH", ["- Lưu: VT;", "KT. CHỦ TỊCH"]),
    ("plus_bullet_then_authority", "+ Lưu VT. TL. CHỦ TỊCH", ["+ Lưu VT.", "TL. CHỦ TỊCH"]),
    # Unclear where the recipients end: left whole rather than "TM." kept with the recipients.
    ("authority_without_a_stop_stays_whole", "- Như trên TM. ỦY BAN NHÂN DÂN",
     ["- Như trên TM. ỦY BAN NHÂN DÂN"]),
    ("district_among_recipients_stays", "- Sở GTVT; UBND Q. Bình Thạnh",
     ["- Sở GTVT; UBND Q. Bình Thạnh"]),
    ("district_after_a_stop_stays", "- Sở GTVT. Q. Bình Thạnh", ["- Sở GTVT. Q. Bình Thạnh"]),
    ("authority_at_the_start_stays", "- KT. CHỦ TỊCH", ["- KT. CHỦ TỊCH"]),
    ("authority_after_a_word_stays", "- Lưu văn thư KT. CHỦ TỊCH",
     ["- Lưu văn thư KT. CHỦ TỊCH"]),
    ("no_bullet_stays", "Lưu: VT, NC. CHÁNH VĂN PHÒNG", ["Lưu: VT, NC. CHÁNH VĂN PHÒNG"]),
]


@pytest.mark.parametrize("line, expected", [pytest.param(l, e, id=i) for i, l, e in CLOSINGS])
def test_closing_lines_come_apart(line, expected):
    out, _ = cleaned(BODY + [line, "Nguyễn Văn A"])
    assert out == BODY + expected + ["Nguyễn Văn A"]


def test_closing_splits_apply_to_a_short_notice_too():
    out, _ = cleaned(["THÔNG BÁO", "Nơi nhận: KT. CHỦ TỊCH"])
    assert out == ["THÔNG BÁO", "Nơi nhận:", "KT. CHỦ TỊCH"]


def test_header_splits_do_not_reach_the_body():
    body = BODY[:HEAD_LINES] + ["SỞ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] + BODY
    out, _ = cleaned(body)
    assert out == body


def test_pipes_in_the_closing_split_only_when_the_closing_has_them():
    closing = ["Nơi nhận: | KT. CHỦ TỊCH", "- Như trên; | PHÓ CHỦ TỊCH"]
    out, _ = cleaned(BODY + closing)
    assert out == BODY + ["Nơi nhận:", "KT. CHỦ TỊCH", "- Như trên;", "PHÓ CHỦ TỊCH"]


def test_lines_of_rules_and_bars_are_dropped():
    out, _ = cleaned(["THÔNG BÁO", "-----", "| |", "***", "==="] + BODY + ["___"])
    assert out == ["THÔNG BÁO"] + BODY


def test_styles_line_numbers_and_blocks_survive_a_split():
    line = Line([Run("VĂN PHÒNG UBND TỈNH ", bold=True),
                 Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, italic=True)],
                block=3, cell=(0, 0, 1), number=7)
    out, _ = clean([line] + lines_of(BODY))
    first, second = out[0], out[1]
    assert first.runs == [Run("VĂN PHÒNG UBND TỈNH", bold=True)]
    assert second.runs == [Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, italic=True)]
    assert (first.block, first.cell, first.number) == (3, (0, 0, 1), 7)
    assert (second.block, second.cell, second.number) == (3, (0, 0, 1), 7)


def test_a_line_split_three_times():
    out, _ = cleaned(["UBND TỈNH | SỞ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] + BODY)
    assert out[:3] == ["UBND TỈNH", "SỞ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


@pytest.mark.parametrize("read, digits", [
    ("2O24", "2024"), ("2o24", "2024"), ("l25", "125"), ("I2", "12"), ("|9", "19"),
    ("i0", "10"), ("S0", "50"), ("B9", "89"), ("D1", "01"), ("2024", "2024"),
], ids=lambda v: "bar" + v[1:] if v.startswith("|") else v)
def test_ocr_letters_read_for_digits(read, digits):
    assert ocr_digits(read) == digits


def test_a_joined_line_keeps_the_first_lines_place():
    lines = [Line([Run("Số:")], block=4, cell=(1, 0, 0), number=7),
             Line([Run("125/TB-VPUBND", bold=True)], block=5, cell=(1, 0, 0), number=8),
             Line([Run("Bình Định, ngày 22")], block=6, cell=(1, 0, 1), number=9),
             Line([Run("tháng 02 năm 2024")], block=7, cell=(1, 0, 1), number=10)]
    out, _ = clean(lines + lines_of(BODY))
    number, date = out[0], out[1]
    assert (number.text, number.block, number.cell, number.number) == ("Số: 125/TB-VPUBND", 4, (1, 0, 0), 7)
    assert number.runs[-1] == Run("125/TB-VPUBND", bold=True)
    assert (date.text, date.block, date.cell, date.number) == (
        "Bình Định, ngày 22 tháng 02 năm 2024", 6, (1, 0, 1), 9)
