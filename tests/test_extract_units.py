"""`ingest/extract.py` in process: the header fields a person checks after an import, read from
the lines as printed (dates in words or digits, numbers with OCR letters for digits, the
issuer composed from the header's capitals, the meeting of the opening sentence). Expected
values are written out by hand. mutmut's fast selection for the module, beside the whole-notice
tests of test_import_text.py and test_import_defects.py."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest.extract import _is_motto, _read_number, compose_issuer, parse_meeting, \
    parse_vn_date

D = dt.date


@pytest.mark.parametrize("text, date, year, fixes", [
    ("Hậu Giang, ngày 05 tháng 7 năm 2024", D(2024, 7, 5), 2024, []),
    ("Hậu Giang, ngày 5 tháng 12 năm 2024", D(2024, 12, 5), 2024, []),
    ("Cần Thơ, 15/10/2024", D(2024, 10, 15), 2024, []),
    ("Cần Thơ, ngày 15-10-2024", D(2024, 10, 15), 2024, []),
    # OCR letters in the digits of the form are read as the digits they stand for, and said
    ("ngày O5 tháng l2 năm 2O24", D(2024, 12, 5), 2024, ["«O5» → «05»", "«l2» → «12»",
                                                          "«2O24» → «2024»"]),
    ("ngày   tháng   năm 2024", None, 2024, []),          # day and month left blank
    ("ngày 31 tháng 4 năm 2024", None, 2024, []),         # no such day: no date, never 1/5
    ("ngày 29 tháng 2 năm 2023", None, 2023, []),
    ("năm 2023", None, 2023, []),
    ("không có ngày", None, None, []),
], ids=["words", "two-digit-month", "digits", "dashes", "ocr-letters", "blank", "31-april",
        "29-feb-2023", "year-only", "none"])
def test_the_date_of_the_place_date_line(text, date, year, fixes):
    found: list[str] = []
    assert parse_vn_date(text, found) == (date, year)
    assert found == fixes
    assert parse_vn_date(text) == (date, year)       # without a list for the fixes


@pytest.mark.parametrize("raw, number, fixes", [
    ("178/TB-VPUBND", "178/TB-VPUBND", []),
    ("178 / TB - VPUBND", "178/TB-VPUBND", []),          # spaces typed inside
    ("l78/TB-VPUBND", "178/TB-VPUBND", ["«l78» → «178»"]),
    ("O1/TB-VP", "01/TB-VP", ["«O1» → «01»"]),
    ("12/2024/QĐ-UBND", "12/2024/QĐ-UBND", []),          # with its year
    ("2927-TB/TU", "2927-TB/TU", []),                    # a Party number
    ("412/TB-VP UBND", "412/TB-VP UBND", []),            # a space in the code: kept for NA404
    ("TB-VP", "TB-VP", []),                              # no digits: as printed
], ids=["plain", "spaces", "ocr-l", "ocr-o", "year", "party", "space-in-code", "no-digits"])
def test_the_number_as_printed(raw, number, fixes):
    assert _read_number(raw) == (number, fixes)


@pytest.mark.parametrize("lines, issuer", [
    (["UBND TỈNH HẬU GIANG", "VĂN PHÒNG"], "Văn phòng UBND tỉnh Hậu Giang"),
    (["ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG", "VĂN PHÒNG"], "Văn phòng UBND tỉnh Hậu Giang"),
    (["ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG"], "Ủy ban nhân dân tỉnh Hậu Giang"),
    (["UBND TỈNH HẬU GIANG", "SỞ Y TẾ"], "Sở Y tế tỉnh Hậu Giang"),
    (["UBND HUYỆN", "CHÂU THÀNH A"], "UBND huyện Châu Thành A"),
    (["BỘ TÀI NGUYÊN VÀ MÔI", "TRƯỜNG"], "Bộ Tài nguyên và Môi trường"),   # a word wrapped
    # a Party committee's or a ministry's unit keeps its owner (it read "Ban Tuyên giáo")
    (["TỈNH ỦY HẬU GIANG", "BAN TUYÊN GIÁO"], "Ban Tuyên giáo Tỉnh ủy Hậu Giang"),
    (["TỈNH UỶ HẬU GIANG", "VĂN PHÒNG"], "Văn phòng Tỉnh ủy Hậu Giang"),
    (["HUYỆN ỦY CHÂU THÀNH", "BAN TỔ CHỨC"], "Ban Tổ chức Huyện ủy Châu Thành"),
    (["ĐẢNG BỘ TỈNH HẬU GIANG", "TỈNH ỦY"], "Tỉnh ủy Hậu Giang"),
    (["BỘ TÀI CHÍNH", "VỤ NGÂN SÁCH NHÀ NƯỚC"], "Vụ ngân sách nhà nước Bộ Tài chính"),
    (["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"], "Tổng cục Thuế"),    # issues under its own name
], ids=["office", "office-three-lines", "committee", "department", "district", "wrapped-word",
        "party-ban", "party-office-old-spelling", "district-party-ban", "party-organisation",
        "ministry-unit", "tong-cuc"])
def test_the_issuer_from_the_headers_capitals(lines, issuer):
    assert compose_issuer(lines) == issuer


@pytest.mark.parametrize("text, meeting", [
    ("Ngày 12 tháng 7 năm 2024, tại Phòng họp số 1, trụ sở UBND tỉnh, đồng chí Trần Minh Luân, "
     "Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số.",
     {"date": D(2024, 7, 12), "location": "Phòng họp số 1, trụ sở UBND tỉnh",
      "chair": "Trần Minh Luân", "chair_title": "Phó Chủ tịch UBND tỉnh"}),
    ("Ngày 03/7/2024, Phó Chủ tịch UBND tỉnh Nguyễn Văn Tám chủ trì họp tại Hội trường UBND "
     "huyện Châu Thành.",
     {"date": D(2024, 7, 3), "location": "Hội trường UBND huyện Châu Thành",
      "chair": "Nguyễn Văn Tám", "chair_title": "Phó Chủ tịch UBND tỉnh"}),
    # the sentence's full stop is not part of the chair's title
    ("Ngày 12/7/2024, tại Trụ sở UBND tỉnh, đồng chí Trần Minh Luân, Phó Chủ tịch UBND tỉnh.",
     {"date": D(2024, 7, 12), "location": "Trụ sở UBND tỉnh",
      "chair": "Trần Minh Luân", "chair_title": "Phó Chủ tịch UBND tỉnh"}),
    ("Ngày 12/7/2024, tại Phòng họp số 1, đồng chí Lê Văn An, Chủ tịch UBND TP. Tham dự có …",
     {"date": D(2024, 7, 12), "location": "Phòng họp số 1",
      "chair": "Lê Văn An", "chair_title": "Chủ tịch UBND TP"}),
    # a dated opening that names no meeting, and an impossible day
    ("Ngày 15/3/2024, UBND tỉnh nhận được Công văn số 12/BCA của Bộ Công an.", None),
    ("Ngày 31/4/2024, đồng chí Lê Văn An, Chủ tịch UBND tỉnh chủ trì họp.", None),
    # a chair without a place, and a place without a chair
    ("Ngày 12/7/2024, đồng chí Lê Văn An, Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số.",
     {"date": D(2024, 7, 12), "chair": "Lê Văn An", "chair_title": "Chủ tịch UBND tỉnh"}),
    ("Ngày 12/7/2024, Thường trực UBND tỉnh họp tại Hội trường UBND tỉnh.",
     {"date": D(2024, 7, 12), "location": "Hội trường UBND tỉnh"}),
], ids=["title-after-name", "title-before-name", "title-then-full-stop",
        "title-abbreviation-then-full-stop", "no-meeting", "impossible-day", "chair-only",
        "place-only"])
def test_the_meeting_of_the_opening_sentence(text, meeting):
    assert parse_meeting(text) == meeting


@pytest.mark.parametrize("text, motto", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ("Độc lập - Tự do - Hạnh phúc", True),
    ("Độc lập - Tự do - Hạnh phúe", True),          # one letter misread by OCR
    ("ĐẢNG CỘNG SẢN VIỆT NAM", True),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", True),   # one line
    ("Độc lập trong công việc", False),
    ("Về việc thành lập Tổ công tác", False),
], ids=["quoc-hieu", "motto", "motto-ocr", "party", "both-on-one-line", "other-words",
        "title"])
def test_the_national_motto_is_known_even_misread(text, motto):
    assert _is_motto(text) is motto


# --- the issuer of a notice whose header lost it (an OCRed scan, a header cut off) -----------

HEADLESS = """Số: 178/TB-VPUBND

Hậu Giang, ngày 15 tháng 10 năm 2024

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số

1. Giao Sở Y tế báo cáo.

{closing}
"""


@pytest.mark.parametrize("number, closing, issuer, evidence, inferred", [
    ("178/TB-VPUBND", "Văn phòng Uỷ ban nhân dân tỉnh thông báo để các cơ quan biết, thực hiện./.",
     "Văn phòng UBND tỉnh Hậu Giang",
     "Số: 178/TB-VPUBND / Hậu Giang, ngày 15 tháng 10 năm 2024 / Văn phòng Uỷ ban nhân dân tỉnh "
     "thông báo…", False),
    ("178/TB-VPUBND", "Ủy ban nhân dân tỉnh ban hành để các cơ quan thực hiện./.",
     "Ủy ban nhân dân tỉnh Hậu Giang",
     "Số: 178/TB-VPUBND / Hậu Giang, ngày 15 tháng 10 năm 2024 / Ủy ban nhân dân tỉnh ban hành…",
     False),
    # no closing that names it: from the number's issuer code, said to need a person's check
    ("178/TB-VPUBND", "Đề nghị các cơ quan, đơn vị thực hiện./.", "Văn phòng UBND tỉnh Hậu Giang",
     "Số: 178/TB-VPUBND / Hậu Giang, ngày 15 tháng 10 năm 2024", True),
    ("178/TB-VP UBND", "Đề nghị các cơ quan, đơn vị thực hiện./.", "Văn phòng UBND tỉnh Hậu Giang",
     "Số: 178/TB-VP UBND / Hậu Giang, ngày 15 tháng 10 năm 2024", True),
], ids=["closing-office", "closing-committee", "from-code", "from-code-with-a-space"])
def test_the_issuer_from_the_closing_or_the_number(tmp_path, number, closing, issuer, evidence,
                                                   inferred):
    from generator.ingest.extract import extract
    from generator.ingest.sources import read_source
    path = tmp_path / "tb.txt"
    path.write_text(HEADLESS.format(closing=closing).replace("178/TB-VPUBND", number),
                    encoding="utf-8")
    ex = extract(read_source(path))
    found = ex.fields["issuer"]
    assert (found.value, found.evidence) == (issuer, evidence)
    note = "cơ quan ban hành suy ra từ ký hiệu số và địa danh: cần người xác nhận"
    assert (note in ex.notes) is inferred


# --- a công văn read from a table header (a .docx or a PDF's header band) ----------------------

def _cong_van(number_lines: list[str], vv: str = "V/v triển khai tiêm chủng", ocr: bool = False):
    from pathlib import Path

    from generator.ingest.extract import extract
    from generator.ingest.lines import Line, Run, Source
    left = ["UBND TỈNH HẬU GIANG", "SỞ Y TẾ", *number_lines, vv, "mở rộng năm 2024"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Hậu Giang, ngày 15 tháng 3 năm 2024"]
    body = ["Kính gửi: UBND các huyện, thị xã, thành phố.",
            "Sở Y tế đề nghị UBND các huyện chỉ đạo triển khai tiêm chủng mở rộng năm 2024, báo "
            "cáo trước ngày 30/4/2024./.", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC",
            "Nguyễn Văn An"]
    cells = [(t, (1, 0, 0)) for t in left] + [(t, (1, 0, 1)) for t in right] + \
        [(t, None) for t in body]
    lines = [Line([Run(t)], 10 if cell else 20 + n, cell, n + 1)
             for n, (t, cell) in enumerate(cells)]
    return extract(Source(Path("cv.docx"), lines, "utf-8", ocr=ocr))


def test_a_cong_van_its_subject_line_and_a_number_broken_at_its_hyphen():
    ex = _cong_van(["Số: 412/SYT-", "NVY"])
    fields = {k: (v.value, v.evidence, v.line) for k, v in ex.fields.items()}
    assert fields["number"] == ("412/SYT-NVY", "Số: 412/SYT-", 3)
    # the V/v over two lines of its cell is the title, and makes the document a công văn
    assert fields["title"] == ("V/v triển khai tiêm chủng mở rộng năm 2024",
                               "V/v triển khai tiêm chủng / mở rộng năm 2024", 5)
    assert fields["type"] == ("cong-van", "V/v triển khai tiêm chủng", 5)
    assert fields["issuer"] == ("Sở Y tế tỉnh Hậu Giang", "UBND TỈNH HẬU GIANG / SỞ Y TẾ", 1)
    assert fields["date"][0] == D(2024, 3, 15) and fields["place"][0] == "Hậu Giang"
    assert fields["recipients"][0] == ["Như trên", "Lưu: VT"]
    assert fields["signer"][0] == {"name": "Nguyễn Văn An", "title": "Giám đốc"}
    assert ex.notes == ["số văn bản xuống dòng ở dấu gạch (dòng 3–4): nối thành «412/SYT-NVY»"]
    # the number's second half is no body line
    assert [line.text for line in ex.body_lines] == [
        "Kính gửi: UBND các huyện, thị xã, thành phố.",
        "Sở Y tế đề nghị UBND các huyện chỉ đạo triển khai tiêm chủng mở rộng năm 2024, báo cáo "
        "trước ngày 30/4/2024./."]


def test_a_number_whose_code_names_the_type():
    ex = _cong_van(["Số: 3031/CT-", "SYT"])
    assert ex.fields["number"].value == "3031/CT-SYT"
    assert (ex.fields["type"].value, ex.fields["type"].line) == ("chi-thi", 3)
    assert ex.fields["title"].value == "V/v triển khai tiêm chủng mở rộng năm 2024"


# --- the closing block: Nơi nhận and the signer, as printed or as a two-column table ---------

CLOSING_HEAD = [
    "ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG", "Số: 178/TB-UBND", "Hậu Giang, ngày 15 tháng 10 năm 2024",
    "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số",
    "Ngày 10/10/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số.",
    "Giao Sở Y tế báo cáo UBND tỉnh trước ngày 30/10/2024.",
    "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."]
LEFT, RIGHT = (1, 0, 0), (1, 0, 1)    # the closing table's Nơi nhận and signing columns


def _closing(closing: list, ocr: bool = False):
    """A notice whose closing lines are `closing`: text, or (text, cell[, weak OCR words])."""
    from pathlib import Path

    from generator.ingest.extract import extract
    from generator.ingest.lines import Line, Run, Source
    lines = []
    for n, item in enumerate(CLOSING_HEAD + closing):
        text, cell, weak = (item, None, ()) if isinstance(item, str) else (*item, ())[:3]
        lines.append(Line([Run(text)], 100 if cell else n, cell, n + 1, weak))
    ex = extract(Source(Path("tb.txt"), lines, "utf-8", ocr=ocr))
    # the closing sentence ends the body, whatever the closing's layout
    assert [line.text for line in ex.body_lines] == CLOSING_HEAD[6:]
    return ex


def _read(ex, name):
    found = ex.fields.get(name)
    return found and (found.value, found.evidence, found.line)


def test_recipients_and_a_signer_signing_for_the_chair():
    ex = _closing(["Nơi nhận:", "- Như trên;", "- TT.TU, TT.HĐND tỉnh;", "- Lưu: VT.",
                   "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"])
    assert _read(ex, "recipients") == (["Như trên", "TT.TU, TT.HĐND tỉnh", "Lưu: VT"],
                                       "- Như trên; / - TT.TU, TT.HĐND tỉnh; / - Lưu: VT.", 11)
    assert _read(ex, "signer") == (
        {"name": "Nguyễn Văn An", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"},
        "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn An", 14)
    assert ex.notes == []


def test_two_authorities_on_one_line_and_a_name_in_capitals():
    # "Nơi nhận: - Như trên;" on one line; "TM. …, KT. …" is two authorities
    ex = _closing(["Nơi nhận: - Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH",
                   "PHÓ CHỦ TỊCH", "NGUYỄN VĂN AN"])
    assert _read(ex, "recipients") == (["Như trên", "Lưu: VT"], "- Như trên; / - Lưu: VT.", 10)
    assert _read(ex, "signer") == (
        {"name": "Nguyễn Văn An", "title": "Phó Chủ tịch",
         "authority": "TM. Ủy ban nhân dân, KT. Chủ tịch"},
        "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / NGUYỄN VĂN AN", 12)


def test_an_authority_wrapped_in_its_cell_and_a_rank_before_the_name():
    ex = _closing(["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. BỘ TRƯỞNG, CHỦ", "NHIỆM",
                   "PHÓ CHỦ NHIỆM", "Lê Văn Tám"])
    assert _read(ex, "signer") == (
        {"name": "Lê Văn Tám", "title": "Phó Chủ nhiệm", "authority": "KT. Bộ trưởng, Chủ nhiệm"},
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM / Lê Văn Tám", 13)
    ex = _closing(["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Đại tá Nguyễn Văn Hận"])
    assert _read(ex, "signer") == ({"name": "Nguyễn Văn Hận", "title": "Giám đốc"},
                                   "GIÁM ĐỐC / Đại tá Nguyễn Văn Hận", 13)


def test_a_closing_table_its_columns_and_a_recipient_wrapped_in_its_cell():
    ex = _closing([("Nơi nhận:", LEFT), ("- Sở Y tế;", LEFT), ("- UBND các huyện, thị xã,", LEFT),
                   ("thành phố;", LEFT), ("- Lưu: VT.", LEFT), ("KT. CHỦ TỊCH", RIGHT),
                   ("PHÓ CHỦ TỊCH", RIGHT), ("Trần Văn Huyến", RIGHT)])
    assert _read(ex, "recipients") == (
        ["Sở Y tế", "UBND các huyện, thị xã, thành phố", "Lưu: VT"],
        "- Sở Y tế; / - UBND các huyện, thị xã, thành phố; / - Lưu: VT.", 11)
    assert _read(ex, "signer") == (
        {"name": "Trần Văn Huyến", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"},
        "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Trần Văn Huyến", 15)


def test_a_closing_table_whose_label_was_lost_starts_at_its_first_dash():
    ex = _closing([("(nhận)", LEFT), ("- Sở Y tế;", LEFT), ("- Lưu: VT.", LEFT),
                   ("CHÁNH VĂN PHÒNG", RIGHT), ("Lê Thị Bình", RIGHT)])
    assert _read(ex, "recipients") == (["Sở Y tế", "Lưu: VT"], "- Sở Y tế; / - Lưu: VT.", 11)
    assert _read(ex, "signer") == ({"name": "Lê Thị Bình", "title": "Chánh Văn phòng"},
                                   "CHÁNH VĂN PHÒNG / Lê Thị Bình", 13)


OCR_CLOSING = [("Nơi nhận:", LEFT), ("- Công an tỉnh; Ta", LEFT, (("Ta", 59.0),)),
               ("- Như trên;", LEFT), ("Ko", LEFT, (("Ko", 0.0),)), ("- Lưu: VT.", LEFT),
               ("GLUAM ĐỌC", RIGHT), ("Nguyễn Văn Hận", RIGHT)]


def test_ocr_specks_in_the_recipients_and_a_misread_title_are_fixed_and_said():
    ex = _closing(OCR_CLOSING, ocr=True)
    recipients = ex.fields["recipients"]
    assert (recipients.value, recipients.evidence, recipients.line) == (
        ["Công an tỉnh", "Như trên", "Lưu: VT"], "- Công an tỉnh; / - Như trên; / - Lưu: VT.", 11)
    assert recipients.line == 11            # the line the first one was read from, speck or not
    assert _read(ex, "signer") == ({"name": "Nguyễn Văn Hận", "title": "Giám đốc"},
                                   "GLUAM ĐỌC / Nguyễn Văn Hận", 15)
    assert ex.notes == ["bỏ vết bẩn ở nơi nhận (dòng 11): «Ta»",
                        "bỏ vết bẩn ở nơi nhận (dòng 13): «Ko»",
                        "sửa lỗi nhận dạng chữ ở khối chữ ký: «Gluam đọc» → «Giám đốc»: cần "
                        "người đối chiếu bản gốc"]


def test_typed_text_is_kept_as_written_where_ocr_would_be_fixed():
    ex = _closing(OCR_CLOSING, ocr=False)
    assert _read(ex, "recipients")[0] == ["Công an tỉnh; Ta", "Như trên", "Ko", "Lưu: VT"]
    assert _read(ex, "signer")[0] == {"name": "Nguyễn Văn Hận", "title": "Gluam đọc"}
    assert ex.notes == []


def test_an_e_signed_closing_keeps_the_name_above_the_signing_time():
    ex = _closing(["Nơi nhận:", "- Như trên;", "TRƯỞNG PHÒNG Y TẾ", "Nguyễn Văn An",
                   "Thời gian ký: 15/10/2024 09:12"])
    # a one-letter word of a title ("Y") is kept; a stray capital I, V or X is OCR's
    assert _read(ex, "signer") == ({"name": "Nguyễn Văn An", "title": "Trưởng phòng Y tế"},
                                   "TRƯỞNG PHÒNG Y TẾ / Nguyễn Văn An", 12)
    ex = _closing(["Nơi nhận:", "- Như trên;", "PHÓ I CHÁNH VĂN PHÒNG", "Nguyễn Văn An"])
    assert _read(ex, "signer")[0] == {"name": "Nguyễn Văn An", "title": "Phó Chánh Văn phòng"}


# --- header and body bounds over whole originals, line by line --------------------------------

def _original(spec: list, ocr: bool = False):
    """Lines as (text, block, cell, bold), or plain text as a paragraph of its own."""
    from pathlib import Path

    from generator.ingest.extract import extract
    from generator.ingest.lines import Line, Run, Source
    lines = []
    for n, item in enumerate(spec):
        text, block, cell, bold = (item, n, None, False) if isinstance(item, str) else item
        lines.append(Line([Run(text, bold)], block, cell, n + 1))
    return extract(Source(Path("vb.docx"), lines, "utf-8", ocr=ocr))


def _fields(ex) -> dict:
    return {k: (v.value, v.evidence, v.line) for k, v in ex.fields.items()}


def test_a_number_broken_at_its_slash_is_joined_and_its_code_is_no_issuer():
    # Before the fix the number was lost and "SYT-NVY" joined the issuer's capitals:
    # "Sở Y tế syt-nvy tỉnh Hậu Giang"
    ex = _original(["UBND TỈNH HẬU GIANG", "SỞ Y TẾ", "Số: 412/", "SYT-NVY",
                    "Hậu Giang, ngày 15 tháng 3 năm 2024", "Kính gửi: UBND các huyện.",
                    "Sở Y tế đề nghị báo cáo./."])
    f = _fields(ex)
    assert f["number"] == ("412/SYT-NVY", "Số: 412/", 3)
    assert f["issuer"] == ("Sở Y tế tỉnh Hậu Giang", "UBND TỈNH HẬU GIANG / SỞ Y TẾ", 1)
    # numbered, with no type line and no V/v: a công văn, read from its Số line
    assert f["type"] == ("cong-van", "Số: 412/", 3)
    assert ex.notes == ["số văn bản xuống dòng ở dấu gạch chéo (dòng 3–4): nối thành "
                        "«412/SYT-NVY»"]
    assert [line.text for line in ex.body_lines] == ["Kính gửi: UBND các huyện.",
                                                      "Sở Y tế đề nghị báo cáo./."]


def test_secrecy_urgency_and_an_ocr_letter_in_the_date_are_read_and_said():
    ex = _original(["ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG", "Số: 178/TB-UBND",
                    "Hậu Giang, ngày O5 tháng 10 năm 2024", "[MẬT]", "HỎA TỐC", "THÔNG BÁO",
                    "Kết luận của Chủ tịch UBND tỉnh", "Giao Sở Y tế báo cáo./."])
    f = _fields(ex)
    assert f["classification"] == ("secret", "[MẬT]", 5)
    assert f["place"] == ("Hậu Giang", "Hậu Giang, ngày O5 tháng 10 năm 2024", 4)
    assert f["date"] == (D(2024, 10, 5), "Hậu Giang, ngày O5 tháng 10 năm 2024", 4)
    assert f["issuer"] == ("Ủy ban nhân dân tỉnh Hậu Giang", "ỦY BAN NHÂN DÂN / TỈNH HẬU GIANG", 1)
    assert ex.notes == [
        "độ khẩn «HỎA TỐC» (dòng 6): không có trường tương ứng, chỉ ghi nhận",
        "sửa lỗi nhận dạng chữ trong ngày ban hành (dòng 4): «O5» → «05»: cần người đối chiếu "
        "bản gốc"]
    assert ex.year_hint == 2024


def test_a_header_with_neither_number_nor_type_line():
    ex = _original(["UBND TỈNH HẬU GIANG", "Hậu Giang, ngày 15 tháng 10 năm 2024",
                    "Kính gửi: Sở Y tế.", "Đề nghị Sở Y tế báo cáo"])
    f = _fields(ex)
    assert f["issuer"] == ("UBND tỉnh Hậu Giang", "UBND TỈNH HẬU GIANG", 1)
    assert "number" not in f and "type" not in f
    assert [line.text for line in ex.body_lines] == ["Kính gửi: Sở Y tế.", "Đề nghị Sở Y tế báo cáo"]


def test_text_without_a_header_is_all_body():
    ex = _original(["Giao Sở Y tế báo cáo.", "Sở Tài chính bố trí kinh phí.", "Nguyễn Văn An"])
    assert ex.fields == {}
    assert [line.text for line in ex.body_lines] == ["Giao Sở Y tế báo cáo.",
                                                     "Sở Tài chính bố trí kinh phí.",
                                                     "Nguyễn Văn An"]


H_LEFT, H_RIGHT = (1, 0, 0), (1, 0, 1)


def test_a_header_table_without_a_number():
    ex = _original([("UBND TỈNH HẬU GIANG", 1, H_LEFT, False), ("SỞ Y TẾ", 1, H_LEFT, False),
                    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, H_RIGHT, False),
                    ("Độc lập - Tự do - Hạnh phúc", 1, H_RIGHT, False), "THÔNG BÁO",
                    "Về việc lịch tiêm chủng", "Kính gửi: Trạm Y tế các xã.",
                    "Đề nghị các trạm thực hiện./."])
    f = _fields(ex)
    assert f["issuer"] == ("Sở Y tế tỉnh Hậu Giang", "UBND TỈNH HẬU GIANG / SỞ Y TẾ", 1)
    assert f["type"] == ("thong-bao", "THÔNG BÁO", 5)
    assert f["title"] == ("Về việc lịch tiêm chủng", "Về việc lịch tiêm chủng", 6)
    assert "number" not in f


def test_a_typed_cong_van_its_v_v_line_is_header_not_body():
    ex = _original(["UBND TỈNH HẬU GIANG", "SỞ Y TẾ", "Số: 412/SYT-NVY",
                    "V/v triển khai tiêm chủng", "Hậu Giang, ngày 15 tháng 3 năm 2024",
                    "Kính gửi: UBND các huyện.", "Sở Y tế đề nghị báo cáo./."])
    f = _fields(ex)
    assert f["title"] == ("V/v triển khai tiêm chủng", "V/v triển khai tiêm chủng", 4)
    assert f["type"] == ("cong-van", "V/v triển khai tiêm chủng", 4)
    assert [line.text for line in ex.body_lines] == ["Kính gửi: UBND các huyện.",
                                                     "Sở Y tế đề nghị báo cáo./."]


HEADER = ["UBND TỈNH HẬU GIANG", "Số: 178/TB-UBND", "Hậu Giang, ngày 15 tháng 10 năm 2024",
          "THÔNG BÁO", "Kết luận của Chủ tịch", "Giao Sở Y tế báo cáo."]


def test_a_closing_without_its_closing_sentence_starts_at_noi_nhan():
    ex = _original(HEADER + ["Nơi nhận:", "- Sở Y tế;", "- Lưu: VT.", "CHỦ TỊCH",
                             "Trần Văn Huyến"])
    f = _fields(ex)
    assert f["recipients"] == (["Sở Y tế", "Lưu: VT"], "- Sở Y tế; / - Lưu: VT.", 8)
    assert f["signer"] == ({"name": "Trần Văn Huyến", "title": "Chủ tịch"},
                           "CHỦ TỊCH / Trần Văn Huyến", 10)
    assert [line.text for line in ex.body_lines] == ["Giao Sở Y tế báo cáo."]


def test_a_closing_table_found_at_its_authority_starts_at_its_first_line():
    ex = _original(HEADER + [(t, 9, c, False) for t, c in [
        ("- Sở Y tế;", H_LEFT), ("- Lưu: VT.", H_LEFT), ("KT. CHỦ TỊCH", H_RIGHT),
        ("PHÓ CHỦ TỊCH", H_RIGHT), ("Trần Văn Huyến", H_RIGHT)]])
    f = _fields(ex)
    assert f["recipients"] == (["Sở Y tế", "Lưu: VT"], "- Sở Y tế; / - Lưu: VT.", 7)
    assert f["signer"][0] == {"name": "Trần Văn Huyến", "title": "Phó Chủ tịch",
                              "authority": "KT. Chủ tịch"}
    assert [line.text for line in ex.body_lines] == ["Giao Sở Y tế báo cáo."]


TOP = ["UBND TỈNH HẬU GIANG", "Số: 178/TB-UBND", "Hậu Giang, ngày 15 tháng 10 năm 2024"]
LONG = "Sở Y tế báo cáo " + "tình hình " * 25 + "đầy đủ."


@pytest.mark.parametrize("paragraphs, title, body", [
    # bold over two paragraphs: one trích yếu; a long bold paragraph after it is body
    ([("Kết luận của Chủ tịch UBND tỉnh", True), ("tại cuộc họp về chuyển đổi số", True),
      (LONG, True)], "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số", [LONG]),
    # visibly unfinished: the next paragraph starts in lower case
    ([("Kết luận của Chủ tịch UBND tỉnh tại cuộc họp", False), ("về chuyển đổi số", False)],
     "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số", []),
    # finished by its colon: what follows is body, lower case or not
    ([("Kết luận về các nội dung sau:", False), ("tiếp tục rà soát hồ sơ.", False)],
     "Kết luận về các nội dung sau:", ["tiếp tục rà soát hồ sơ."]),
], ids=["bold-paragraphs", "unfinished", "colon"])
def test_a_title_over_several_paragraphs(paragraphs, title, body):
    spec = TOP + [("THÔNG BÁO", 3, None, True)] + \
        [(text, 4 + k, None, bold) for k, (text, bold) in enumerate(paragraphs)] + \
        ["Giao Sở Y tế báo cáo./."]
    ex = _original(spec)
    assert (ex.fields["title"].value, ex.fields["title"].line) == (title, 5)
    assert [line.text for line in ex.body_lines] == body + ["Giao Sở Y tế báo cáo./."]


def test_the_chairs_title_before_a_comma_and_the_name():
    assert parse_meeting("Ngày 03/7/2024, Phó Chủ tịch UBND tỉnh, Nguyễn Văn Tám chủ trì họp "
                         "tại Hội trường UBND huyện Châu Thành.") == {
        "date": D(2024, 7, 3), "location": "Hội trường UBND huyện Châu Thành",
        "chair": "Nguyễn Văn Tám", "chair_title": "Phó Chủ tịch UBND tỉnh"}


@pytest.mark.parametrize("ocr, title, notes", [
    # OCR read the slash of V/v as "|": fixed under the number, in its cell, and said
    (True, "V/v triển khai tiêm chủng mở rộng năm 2024",
     ["sửa lỗi nhận dạng chữ «V|v» → «V/v» (dòng 4, dưới số văn bản): cần người đối chiếu"]),
    # typed text is never corrected: the line is left as written, and no V/v is read
    (False, None, []),
], ids=["ocr", "typed"])
def test_a_v_v_misread_by_ocr(ocr, title, notes):
    ex = _cong_van(["Số: 412/SYT-NVY"], vv="V|v triển khai tiêm chủng", ocr=ocr)
    assert (ex.fields["title"].value if "title" in ex.fields else None) == title
    assert [n for n in ex.notes if "V/v" in n] == notes


def test_an_ocr_letter_in_the_number_and_a_type_line_that_runs_on():
    ex = _original(["ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG", "Số: l78/TB-UBND",
                    "Hậu Giang, ngày 15 tháng 10 năm 2024", "THÔNG BÁO KẾT LUẬN",
                    "của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số",
                    "Giao Sở Y tế báo cáo./."])
    f = _fields(ex)
    assert f["number"] == ("178/TB-UBND", "Số: l78/TB-UBND", 3)
    assert f["type"] == ("thong-bao", "THÔNG BÁO KẾT LUẬN", 5)
    assert ex.notes == ["sửa lỗi nhận dạng chữ trong số văn bản (dòng 3): «l78» → «178»: cần "
                        "người đối chiếu bản gốc"]


def test_a_signing_block_of_a_name_alone_and_a_label_with_its_first_recipient():
    ex = _closing([("Nơi nhận: - Sở Y tế;", LEFT), ("- Lưu: VT.", LEFT),
                   ("Nguyễn Văn An", RIGHT)])
    assert _read(ex, "recipients") == (["Sở Y tế", "Lưu: VT"], "- Sở Y tế; / - Lưu: VT.", 10)
    assert _read(ex, "signer") == ({"name": "Nguyễn Văn An"}, "Nguyễn Văn An", 12)
