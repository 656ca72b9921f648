"""Decree 30 form rules (generator/validate/form.py) and archive-wide rules (rules.py), branch by
branch and in process: each defect gives exactly the diagnostics written out here by hand (code,
line, column and the whole message a reviewer reads). tests/test_check_rules.py has one case per
code; this file walks the edges of each rule."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT
from test_check_rules import GOOD, OTHER, TODAY, diagnose, mutate

from generator.diagnostics import ERROR, WARNING
from generator.load import LoadResult, load_document
from generator.validate import validate
from generator.validate.rules import _number_identity


# Each code's severity and the field it names (NA406: the date or the meeting's, by line).
KIND = {
    "NA108": (ERROR, "body"), "NA401": (ERROR, "number"), "NA402": (ERROR, "number"),
    "NA403": (WARNING, "number"), "NA404": (WARNING, "number"), "NA405": (WARNING, "number"),
    "NA407": (ERROR, "meeting.date"), "NA408": (WARNING, "signer.authority"),
    "NA409": (ERROR, "number"), "NA410": (WARNING, "signer.title"), "NA411": (WARNING, "body"),
    "NA412": (ERROR, "classification"), "NA413": (WARNING, "body"), "NA415": (WARNING, "date"),
    "NA201": (ERROR, "number"), "NA202": (ERROR, "related"), "NA203": (ERROR, "supersedes"),
    "NA204": (ERROR, "supersedes"), "NA205": (ERROR, "status"), "NA206": (ERROR, "status"),
    "NA207": (ERROR, "topics"),
}


def kind(d) -> tuple[str, str]:
    if d.code == "NA406":
        return ERROR, "date" if d.line == 7 else "meeting.date"
    return KIND[d.code]


def found(text: str, today: dt.date = TODAY, other: str = OTHER) -> list[tuple]:
    """(code, line, column, message) of each diagnostic `text` gets as notices/2024/bad.md."""
    diagnostics = diagnose({"bad.md": text, "other.md": other}, today=today)
    for d in diagnostics:
        assert (d.severity, d.field) == kind(d), d
    return [(d.code, d.line, d.column, d.message) for d in diagnostics]


def codes(text: str, **kwargs) -> list[str]:
    return [f[0] for f in found(text, **kwargs)]


def number(value: str, *more: str) -> str:
    return mutate("125/TB-VPUBND", value, *more)


# --- the number ------------------------------------------------------------------------------

@pytest.mark.parametrize("written, message", [
    ("0125/TB-VPUBND", 'số "0125" có số 0 thừa; viết "125/TB-VPUBND"'),
    ("010/TB-VPUBND", 'số "010" có số 0 thừa; viết "10/TB-VPUBND"'),
    ("6/TB-VPUBND", 'số nhỏ hơn 10 viết có số 0 đứng trước: "06/TB-VPUBND"'),
], ids=["extra zero", "extra zero before ten", "one digit"])
def test_leading_zeros(written, message):
    assert found(number(written)) == [("NA403", 2, 1, message)]


def test_numbers_in_form_give_nothing():
    for written in ("09/TB-VPUBND", "10/TB-VPUBND", "999999999/TB-VPUBND", "84/2024/TB-VPUBND",
                    "125/TB-UBND-VP"):  # the issuer part may hold a dash of its own
        assert found(number(written)) == [], written


def test_number_zero():
    assert found(number("00/TB-VPUBND")) == [
        ("NA401", 2, 1, 'số thứ tự trong "00/TB-VPUBND" phải từ 1 trở lên')]


def test_blank_digits():
    assert found(number("/TB-VPUBND")) == [
        ("NA401", 2, 1, 'số ký hiệu "/TB-VPUBND" để trống số thứ tự; chỉ dự thảo (status: draft) '
                        "mới được để trống, hãy điền số đã cấp")]
    assert found(number("/TB-VPUBND", "status: issued", "status: draft")) == []


def test_ten_digits_are_not_a_number():
    assert found(number("1234567890/TB-VPUBND")) == [
        ("NA401", 2, 1, 'số ký hiệu "1234567890/TB-VPUBND" không đúng dạng <số>/<mã loại>-<mã '
                        "cơ quan> (ví dụ 125/TB-VPUBND, công văn: 3653/UBND-TNMT)")]


def test_party_numbers_are_named():
    assert found(number("2927-TB/TU")) == [
        ("NA401", 2, 1, 'số ký hiệu "2927-TB/TU" là kiểu số của văn bản Đảng (số-loại/cơ quan), '
                        "chưa được hỗ trợ; kho này dùng dạng <số>/<mã loại>-<mã cơ quan>")]


def test_year_in_the_number():
    assert found(number("84/2023/TB-VPUBND")) == [
        ("NA409", 2, 1, 'năm 2023 trong số ký hiệu "84/2023/TB-VPUBND" khác năm ban hành 2024 '
                        '(trường "date"); sửa một trong hai')]
    undated = number("84/2023/TB-VPUBND", "date: 2024-07-15\n", "", "status: issued",
                     "status: draft")
    assert codes(undated) == []


@pytest.mark.parametrize("written, hint", [
    ("125/-VPUBND", " (ví dụ .../TB-UBND)"),
    ("125/TB-", " (ví dụ .../TB-UBND)"),
    ("125/TBX", " (ví dụ .../TB-UBND)"),
    ("125/TB—VPUBND", '; dùng dấu gạch nối "-" thay cho "—"'),
    ("125/TB−VPUBND", '; dùng dấu gạch nối "-" thay cho "−"'),
    ("125/TB‐VPUBND", '; dùng dấu gạch nối "-" thay cho "‐"'),
    ("125/TB‑VPUBND", '; dùng dấu gạch nối "-" thay cho "‑"'),
], ids=["no type code", "no issuer", "no dash", "em dash", "minus sign", "hyphen",
        "non-breaking hyphen"])
def test_symbol_without_both_parts(written, hint):
    assert found(number(written)) == [
        ("NA401", 2, 1, f'số ký hiệu "{written}" thiếu phần <mã loại>-<mã cơ quan> sau dấu "/"'
                        + hint)]


def test_type_codes():
    qd = mutate("type: thong-bao", "type: quyet-dinh", "125/TB-VPUBND", "125/QD-VPUBND")
    assert found(qd) == [
        ("NA405", 2, 1, 'mã loại "QD" trong "125/QD-VPUBND" viết sai hoa/thường hoặc thiếu dấu; '
                        'viết đúng như Nghị định 30: "QĐ"')]
    trich = number("125/TrS-VPUBND")
    assert found(trich) == [
        ("NA402", 2, 1, 'mã "TrS" trong "125/TrS-VPUBND" là mã bản trích sao, không phải mã loại '
                        'văn bản; số của bản gốc (Thông báo) mang mã "TB"')]
    kh = number("125/KH-VPUBND")
    assert found(kh) == [
        ("NA402", 2, 1, 'mã "KH" trong số "125/KH-VPUBND" là của kế hoạch (ke-hoach) nhưng '
                        '"type" là thong-bao (mã "TB"); sửa "type" hoặc số ký hiệu')]


def test_cong_van_numbers():
    cv = mutate("type: thong-bao", "type: cong-van", "125/TB-VPUBND", "3653/SL-UBND")
    assert found(cv) == [
        ("NA402", 2, 1, 'công văn không có mã loại trong số ký hiệu, nhưng "3653/SL-UBND" mang mã '
                        '"SL"; sửa "type" hoặc số ký hiệu (công văn: 3653/UBND-TNMT)')]
    for plain in ("3653/UBND-TNMT", "3653/UBND"):
        assert found(mutate("type: thong-bao", "type: cong-van", "125/TB-VPUBND", plain)) == []


def test_spaces_in_the_number():
    assert found(number("125 /TB - VPUBND")) == [
        ("NA404", 2, 1, 'số ký hiệu "125 /TB - VPUBND" có khoảng trắng; viết liền: '
                        '"125/TB-VPUBND"')]


# --- dates -----------------------------------------------------------------------------------

def test_dates_in_the_future_and_meetings_after_the_notice():
    later = mutate("  date: 2024-07-12", "  date: 2025-02-01")
    assert found(later) == [
        ("NA406", 9, 1, "ngày họp 01/02/2025 ở tương lai (hôm nay 01/01/2025); kiểm tra lại "
                        "năm/tháng"),
        ("NA407", 9, 1, "ngày họp 01/02/2025 sau ngày ban hành 15/07/2024; thông báo kết luận chỉ "
                        "ban hành sau cuộc họp, sửa một trong hai ngày")]
    assert found(mutate("date: 2024-07-15", "date: 2025-01-02"))[0] == (
        "NA406", 7, 1, "ngày ban hành 02/01/2025 ở tương lai (hôm nay 01/01/2025); kiểm tra lại "
                       "năm/tháng")
    # today itself is not the future, and a meeting on the day of the notice is fine
    same_day = mutate("  date: 2024-07-12", "  date: 2024-07-15")
    assert found(same_day, today=dt.date(2024, 7, 15)) == []
    no_meeting = GOOD.split("meeting:")[0] + "signer:" + GOOD.split("signer:")[1]
    assert codes(no_meeting) == []
    assert codes(mutate("date: 2024-07-15", "date: 2025-01-02", text=no_meeting)) == [
        "NA406", "NA415"]


def test_a_draft_without_a_date_has_its_meeting_checked_alone():
    draft = mutate("date: 2024-07-15\n", "", "status: issued", "status: draft",
                   "  date: 2024-07-12", "  date: 2025-02-01")
    assert codes(draft) == ["NA406"]


# --- the signing block -----------------------------------------------------------------------

def authority(value: str, title: str = "Phó Chánh Văn phòng") -> str:
    return mutate('authority: "KT. Chánh Văn phòng"', f'authority: "{value}"',
                  'title: "Phó Chánh Văn phòng"', f'title: "{title}"')


@pytest.mark.parametrize("value, hint", [
    ("kt: Chánh Văn phòng", 'viết "KT. Chánh Văn phòng"'),
    ("tm.Ủy ban nhân dân", 'viết "TM. Ủy ban nhân dân"'),
    ("Tuq Giám đốc", 'viết "TUQ. Giám đốc"'),
    ("KT.Chánh Văn phòng", 'viết "KT. Chánh Văn phòng"'),
    ("Thay mặt Ủy ban", 'bắt đầu bằng một trong KT., TL., TM., Q., TUQ. (ví dụ "KT. Chánh Văn '
                        'phòng")'),
], ids=["colon", "no space", "tuq", "no space after the dot", "spelt out"])
def test_authority_wording(value, hint):
    line = value
    assert found(authority(value)) == [
        ("NA408", 16, 1, f'dòng thẩm quyền ký "{line}" không theo mẫu; {hint}')]


def test_only_the_first_odd_authority_line_is_reported():
    assert found(authority("Kt Chánh / Thay mặt X")) == [
        ("NA408", 16, 1, 'dòng thẩm quyền ký "Kt Chánh" không theo mẫu; viết "KT. Chánh"')]
    assert found(authority("TM. Ủy ban nhân dân / Kt Chủ tịch")) == [
        ("NA408", 16, 1, 'dòng thẩm quyền ký "Kt Chủ tịch" không theo mẫu; viết "KT. Chủ tịch"')]


def test_signers_without_an_authority_line():
    assert found(mutate('  authority: "KT. Chánh Văn phòng"\n', "")) == []
    no_signer = GOOD.split("signer:")[0] + "recipients:" + GOOD.split("recipients:")[1]
    assert found(mutate("status: issued", "status: draft", text=no_signer)) == []


def test_deputy_titles():
    for same in ("phó  chánh văn phòng", "Pho Chanh Van Phong", " Phó Chánh Văn phòng "):
        assert found(authority("KT. Chánh Văn phòng", same)) == [], same
    assert found(authority("KT. Chánh Văn phòng", "Chánh Văn phòng")) == [
        ("NA410", 15, 1, 'ký thay (KT. Chánh Văn phòng) thì chức vụ người ký là cấp phó: '
                         '"Phó Chánh Văn phòng", không phải "Chánh Văn phòng"')]
    # the last line of a stack names the principal; TL. and TM. sign for no deputy
    assert found(authority("TM. Ủy ban nhân dân; KT. Chủ tịch", "Phó Chủ tịch")) == []
    assert found(authority("KT. Chủ tịch | TL. Chánh Văn phòng", "Trưởng phòng")) == []
    assert found(authority("/ ;", "Chánh Văn phòng")) == []


# --- dates written in the body ---------------------------------------------------------------

def body(text: str) -> str:
    return mutate("1. Sở Giao", text + "\n\n1. Sở Giao")


@pytest.mark.parametrize("date, problems", [
    ("ngày 32 tháng 7 năm 2024", "ngày hoặc tháng không tồn tại"),
    ("ngày 00 tháng 7 năm 2024", "ngày hoặc tháng không tồn tại"),
    ("ngày 12 tháng 13 năm 2024", "ngày hoặc tháng không tồn tại"),
    ("ngày 12 tháng 0 năm 2024", "ngày hoặc tháng không tồn tại"),
    ("ngày 1 tháng 1 năm 2024", "ngày nhỏ hơn 10 viết 01; tháng 1 viết 01"),
    ("ngày 9 tháng 12 năm 2024", "ngày nhỏ hơn 10 viết 09"),
    ("ngày 10 tháng 2 năm 2024", "tháng 2 viết 02"),
    ("ngày 10 tháng 03 năm 2024", "tháng 03 viết 3"),
    ("ngày 1 tháng 03 năm 2024", "ngày nhỏ hơn 10 viết 01; tháng 03 viết 3"),
], ids=["day 32", "day 0", "month 13", "month 0", "first of january", "day 9", "february",
        "march with a zero", "first of march"])
def test_body_dates(date, problems):
    text = body(f"Hôm nay, {date}, họp.")
    assert found(text) == [
        ("NA411", 26, 10, f'ngày viết "{date}": {problems} (Nghị định 30/2020/NĐ-CP)')]


def test_body_dates_in_form():
    for date in ("ngày 01 tháng 01 năm 2024", "ngày 09 tháng 02 năm 2024",
                 "ngày 10 tháng 3 năm 2024", "ngày 31 tháng 12 năm 2024", "Ngày 1/1/2024"):
        assert found(body(date)) == [], date


def test_every_body_date_on_every_line():
    text = body("ngày 5 tháng 7 năm 2024 và ngày 6 tháng 7 năm 2024\n\nngày 7 tháng 7 năm 2024")
    assert [(f[1], f[2]) for f in found(text)] == [(26, 1), (26, 28), (28, 1)]


# --- the header and signing blocks pasted into the body ---------------------------------------

BLOCK = ("thuộc phần đầu/cuối văn bản (số ký hiệu, độ khẩn, nơi nhận, chữ ký); trang tự dựng phần "
         "này từ front matter, hãy xóa khỏi nội dung")


@pytest.mark.parametrize("line, shown", [
    ("HỎA TỐC", "HỎA TỐC"), ("**HOẢ TỐC**", "HOẢ TỐC"), ("THƯỢNG KHẨN", "THƯỢNG KHẨN"),
    ("## KHẨN", "KHẨN"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("**Độc lập - Tự do - Hạnh phúc**", "Độc lập - Tự do - Hạnh phúc"),
    ("Độc lập-Tự do-Hạnh phúc", "Độc lập-Tự do-Hạnh phúc"),
    ("Số, ký hiệu: 125/TB-VPUBND", "Số, ký hiệu: 125/TB-VPUBND"),
    ("Số:125/TB", "Số:125/TB"), ("Nơi nhận :", "Nơi nhận :"),
    ("> TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"), ("TUQ. GIÁM ĐỐC", "TUQ. GIÁM ĐỐC"),
    ("Nơi nhận: " + "x" * 60, "Nơi nhận: " + "x" * 50),
], ids=["hoa toc", "hoa toc old tone", "thuong khan", "khan heading", "quoc hieu",
        "quoc hieu old tone", "tieu ngu", "tieu ngu no spaces", "so ky hieu", "so no space",
        "noi nhan space", "tm upper", "tuq upper", "long line cut at 60"])
def test_header_and_signing_lines(line, shown):
    assert found(body(line)) == [("NA413", 26, 1, f'dòng "{shown}" {BLOCK}')]


def test_ordinary_lines_are_not_blocks():
    for line in ("KT. Chánh Văn phòng đề nghị", "Số lượng: 125/TB", "Nơi nhận hồ sơ là Sở",
                 "khẩn", "Độc lập", "Số: 125", "TM Ủy ban"):
        assert found(body(line)) == [], line


@pytest.mark.parametrize("line, mark", [
    ("**MẬT**", "MẬT"), ("# TỐI MẬT", "TỐI MẬT"), ("\xa0TUYỆT MẬT\xa0 ", "TUYỆT MẬT"),
    ("> _MẬT_", "MẬT"),
], ids=["bold", "heading", "no-break spaces", "quoted"])
def test_secrecy_marks(line, mark):
    assert found(body(line)) == [
        ("NA412", 26, 1, f'văn bản mang dấu độ mật "{mark}" nhưng classification là "public"; đặt '
                         "classification: secret (không xuất bản) hoặc xóa dấu nếu đã được giải "
                         "mật")]
    internal = mutate("classification: public", "classification: internal", text=body(line))
    assert codes(internal) == ["NA412"]


def test_blocks_after_blank_lines_and_marks():
    text = body("***\n\n\n   \nHỎA TỐC")
    assert [(f[0], f[1]) for f in found(text)] == [("NA413", 30)]


def test_a_draft_may_have_no_body_yet():
    empty = GOOD.split("---\n\n")[0] + "---\n\n"
    assert found(empty) == [
        ("NA108", 23, 1, "thông báo đã ban hành nhưng không có nội dung; dán nội dung văn bản sau "
                         "dòng '---' đóng front matter")]
    assert codes(mutate("status: issued", "status: draft", text=empty)) == []


# --- archive-wide rules ----------------------------------------------------------------------

def test_number_identity():
    assert _number_identity("06/TB- UBND") == "6/tb-ubnd"
    assert _number_identity("0084/2012/QĐ-UBND") == "84/2012/qđ-ubnd"
    assert _number_identity("/TB-UBND") == "/tb-ubnd"
    assert _number_identity("2927-TB/TU") == "2927-tb/tu"


def test_duplicate_numbers_name_each_other():
    twin = mutate('title: "Kết luận', 'title: "Một kết luận khác')
    third = mutate('title: "Kết luận', 'title: "Kết luận thứ ba')
    files = {"a.md": GOOD, "b.md": twin, "c.md": third, "other.md": OTHER}
    got = [(d.path, d.code, d.line, d.message) for d in diagnose(files)]
    tail = "; mỗi cơ quan đánh số riêng theo từng năm, hãy sửa số"
    assert got == [
        ("notices/2024/a.md", "NA201", 2, 'số "125/TB-VPUBND" năm 2024 đã dùng cho '
         'notices/2024/b.md ("125/TB-VPUBND"), notices/2024/c.md ("125/TB-VPUBND")' + tail),
        ("notices/2024/b.md", "NA201", 2, 'số "125/TB-VPUBND" năm 2024 đã dùng cho '
         'notices/2024/a.md ("125/TB-VPUBND"), notices/2024/c.md ("125/TB-VPUBND")' + tail),
        ("notices/2024/c.md", "NA201", 2, 'số "125/TB-VPUBND" năm 2024 đã dùng cho '
         'notices/2024/a.md ("125/TB-VPUBND"), notices/2024/b.md ("125/TB-VPUBND")' + tail)]


def test_drafts_without_numbers_are_not_duplicates():
    draft = mutate('number: "125/TB-VPUBND"\n', "", "status: issued", "status: draft")
    assert diagnose({"a.md": draft, "b.md": draft, "other.md": OTHER}) == ()


def test_reference_messages():
    assert found(mutate('related: ["98/TB-VPUBND"]', 'related: ["98/TB-VPUBND", "7/XX"]')) == [
        ("NA202", 19, 1, '"related" dẫn chiếu "7/XX" không có trong kho lưu trữ')]
    assert found(mutate("status: issued", 'supersedes: "7/XX"\nstatus: issued')) == [
        ("NA203", 20, 1, '"supersedes" dẫn chiếu "7/XX" không có trong kho lưu trữ')]
    target = [(d.path, d.code, d.line, d.message) for d in diagnose({
        "bad.md": mutate("status: issued", 'supersedes: "98/TB-VPUBND"\nstatus: issued'),
        "other.md": OTHER})]
    assert target == [("notices/2024/other.md", "NA205", 8,
                       'thông báo này đã được 125/TB-VPUBND (notices/2024/bad.md) thay thế nên '
                       '"status" phải là "superseded" (hiện là "issued")')]
    assert found(mutate("status: issued", "status: superseded")) == [
        ("NA206", 20, 1, '"status: superseded" nhưng không thông báo nào ghi "supersedes" số '
                         "này; thêm supersedes vào thông báo mới hoặc sửa status")]
    assert found(mutate("status: issued", 'supersedes: "125/TB-VPUBND"\nstatus: issued')) == [
        ("NA204", 20, 1, "thông báo không thể tự thay thế chính nó")]


def test_a_superseded_notice_with_its_successor_is_clean():
    old = mutate("status: issued", "status: superseded", text=OTHER)
    new = mutate("status: issued", 'supersedes: "98/TB-VPUBND"\nstatus: issued')
    assert diagnose({"new.md": new, "old.md": old}) == ()


def test_supersedes_chains():
    a = mutate("status: issued", 'supersedes: "98/TB-VPUBND"\nstatus: superseded')
    b = mutate("status: issued", 'supersedes: "125/TB-VPUBND"\nstatus: superseded', text=OTHER)
    found = diagnose({"a.md": a, "b.md": b})
    assert found and all((d.severity, d.field) == KIND[d.code] for d in found)
    got = [(d.path, d.code, d.line, d.message) for d in found]
    assert got == [
        ("notices/2024/a.md", "NA204", 20, 'chuỗi "supersedes" từ 125/TB-VPUBND quay vòng lại '
                                           "chính nó"),
        ("notices/2024/b.md", "NA204", 8, 'chuỗi "supersedes" từ 98/TB-VPUBND quay vòng lại '
                                          "chính nó")]
    # a chain that ends: the newest supersedes the middle one, which supersedes the oldest
    oldest = mutate("98/TB-VPUBND", "97/TB-VPUBND", "status: issued", "status: superseded",
                    text=OTHER)
    middle = mutate("status: issued", 'supersedes: "97/TB-VPUBND"\nstatus: superseded',
                    text=OTHER)
    newest = mutate('related: ["98/TB-VPUBND"]', "related: []", "status: issued",
                    'supersedes: "98/TB-VPUBND"\nstatus: issued')
    assert diagnose({"a.md": newest, "b.md": middle, "c.md": oldest}) == ()


def test_a_topic_written_by_its_name_suggests_the_slug():
    named = mutate("[an-toan-giao-thong]", '["An toàn giao thông"]')
    (d,) = diagnose({"bad.md": named, "other.md": OTHER})
    assert (d.code, d.line, d.message) == (
        "NA207", 18, 'chủ đề "An toàn giao thông" không có trong notices/topics.yml (đây là tên '
                     'chủ đề; dùng slug "an-toan-giao-thong"); thêm vào danh mục hoặc sửa slug')
    alias = mutate("[an-toan-giao-thong]", '["ANTT"]')
    (d,) = diagnose({"bad.md": alias, "other.md": OTHER})
    assert '(đây là tên chủ đề; dùng slug "an-ninh-trat-tu")' in d.message


def _numbered(number: str, date: str, *pairs: str) -> str:
    return mutate("98/TB-VPUBND", number, "date: 2024-05-20", f"date: {date}", *pairs, text=OTHER)


def _loop_after(a_supersedes: str) -> dict[str, str]:
    """a.md (11/TB) supersedes `a_supersedes`; b.md (12/TB) and c.md (13/TB) supersede each
    other, a loop that does not pass through a.md."""
    def notice(number: str, supersedes: str, status: str) -> str:
        return _numbered(f"{number}/TB-VPUBND", "2024-05-20", "status: issued",
                         f'supersedes: "{supersedes}/TB-VPUBND"\nstatus: {status}')
    return {"a.md": notice("11", a_supersedes, "issued"), "b.md": notice("12", "13", "superseded"),
            "c.md": notice("13", "12", "superseded")}


def test_a_loop_that_does_not_return_to_its_start_is_found_from_every_notice():
    got = [(d.path, d.code, d.message) for d in diagnose(_loop_after("12"))]
    assert got == [(f"notices/2024/{name}.md", "NA204",
                    f'chuỗi "supersedes" từ {number} quay vòng lại chính nó')
                   for name, number in (("a", "11/TB-VPUBND"), ("b", "12/TB-VPUBND"),
                                        ("c", "13/TB-VPUBND"))]


def test_a_notice_superseding_itself_does_not_stop_the_other_chains():
    got = [(d.path, d.code, d.message) for d in diagnose(_loop_after("11"))]
    assert got == [
        ("notices/2024/a.md", "NA204", "thông báo không thể tự thay thế chính nó"),
        ("notices/2024/b.md", "NA204", 'chuỗi "supersedes" từ 12/TB-VPUBND quay vòng lại chính nó'),
        ("notices/2024/c.md", "NA204", 'chuỗi "supersedes" từ 13/TB-VPUBND quay vòng lại chính nó')]


def diagnose_files(files: dict[str, str], today: dt.date = TODAY):
    """Validate these files (path under notices/ → content) as the whole archive."""
    from test_check_rules import TOPICS
    docs = [load_document(ROOT / "notices" / path, ROOT, data=text.encode())
            for path, text in files.items()]
    return validate(LoadResult(tuple(docs), TOPICS), today=today).diagnostics


def test_a_number_used_in_two_years_resolves_to_the_notice_before_the_citing_one():
    """98/TB-VPUBND of 2023 and of 2024: the July 2024 notice supersedes the 2023 one (the 2024
    one is issued later, in September); the 2024 one in turn supersedes the July notice."""
    files = {
        "2023/old.md": _numbered("98/TB-VPUBND", "2023-05-20", "status: issued",
                                 "status: superseded"),
        "2024/new.md": mutate("status: issued", 'supersedes: "98/TB-VPUBND"\nstatus: superseded'),
        "2024/later.md": _numbered("98/TB-VPUBND", "2024-09-01", "status: issued",
                                   'supersedes: "125/TB-VPUBND"\nstatus: issued'),
    }
    assert diagnose_files(files) == ()


def diagnose_in(folder: str, text: str, today: dt.date = TODAY):
    docs = [load_document(ROOT / "notices" / folder / "bad.md", ROOT, data=text.encode()),
            load_document(ROOT / "notices" / "2024" / "other.md", ROOT, data=OTHER.encode())]
    from test_check_rules import TOPICS
    return [(d.code, d.line, d.message) for d in
            validate(LoadResult(tuple(docs), TOPICS), today=today).diagnostics]


def test_folder_years():
    assert diagnose_in("2023", GOOD) == [
        ("NA415", 7, "ngày ban hành thuộc năm 2024 nhưng tệp nằm trong thư mục 2023/; chuyển tệp "
                     "sang thư mục 2024/ hoặc sửa ngày")]
    for folder in ("2024", "20245", "202", "abcd", "ubnd/2024"):
        assert diagnose_in(folder, GOOD) == [], folder


def test_today_is_the_date_in_vietnam_whatever_the_machine_clock_says(monkeypatch):
    from generator.validate import rules

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # 20:00 UTC on New Year's Eve is 03:00 on 1 January in Hậu Giang
            utc = dt.datetime(2024, 12, 31, 20, 0, tzinfo=dt.timezone.utc)
            return utc.astimezone(tz) if tz else utc.replace(tzinfo=None)

    monkeypatch.setattr(rules.dt, "datetime", Clock)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the suite fixes it (conftest.py)
    assert rules.today_in_vietnam() == dt.date(2025, 1, 1)


def test_check_archive_defaults_to_today_in_vietnam():
    far = mutate("date: 2024-07-15", "date: 2999-01-01", '["98/TB-VPUBND"]', "[]")
    doc = load_document(ROOT / "notices" / "2999" / "bad.md", ROOT, data=far.encode())
    from test_check_rules import TOPICS
    assert [d.code for d in validate(LoadResult((doc,), TOPICS)).diagnostics] == ["NA406"]
    near = mutate("date: 2024-07-15", "date: 2001-01-01", "  date: 2024-07-12",
                  "  date: 2001-01-01", '["98/TB-VPUBND"]', "[]")
    doc = load_document(ROOT / "notices" / "2001" / "bad.md", ROOT, data=near.encode())
    assert [d.code for d in validate(LoadResult((doc,), TOPICS)).diagnostics] == []
