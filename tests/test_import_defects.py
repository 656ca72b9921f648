"""The smaller import defects of issue 25, one test each: LibreOffice's /OpenAction, NA410 on
"KT. Bộ trưởng, Chủ nhiệm", a line ending in ";" in a text PDF, a wrapped authority line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.layout import Page, Word, lines_from_pages
from generator.ingest.sources import read_txt
from generator.ingest.writer import build
from test_check_rules import OTHER, diagnose, mutate


def _pdf_with_open_action(tmp_path: Path, action) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer._root_object[NameObject("/OpenAction")] = action(writer)
    path = tmp_path / "a.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _active(path: Path) -> list[str]:
    import pdfplumber

    from generator.ingest.pdf import _active_content
    with pdfplumber.open(path) as pdf:
        return _active_content(pdf.doc)


def test_open_at_page_one_is_not_javascript(tmp_path):
    from pypdf.generic import (ArrayObject, DictionaryObject, NameObject, NullObject,
                               NumberObject, TextStringObject)
    destination = _pdf_with_open_action(tmp_path, lambda w: ArrayObject([
        w.pages[0].indirect_reference, NameObject("/XYZ"), NullObject(), NullObject(),
        NumberObject(0)]))
    assert _active(destination) == []     # what LibreOffice writes into every export
    script = _pdf_with_open_action(tmp_path, lambda w: DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert(1)")}))
    assert _active(script) == ["JavaScript/hành động tự chạy"]


def test_na410_accepts_the_deputy_of_a_minister_heading_the_office():
    good = mutate('title: "Phó Chánh Văn phòng"', 'title: "Phó Chủ nhiệm"',
                  'authority: "KT. Chánh Văn phòng"', 'authority: "KT. Bộ trưởng, Chủ nhiệm"')
    assert not [d for d in diagnose({"bad.md": good, "other.md": OTHER}) if d.code == "NA410"]
    wrong = mutate('title: "Phó Chánh Văn phòng"', 'title: "Vụ trưởng"',
                   'authority: "KT. Chánh Văn phòng"', 'authority: "KT. Bộ trưởng, Chủ nhiệm"')
    (d,) = [d for d in diagnose({"bad.md": wrong, "other.md": OTHER}) if d.code == "NA410"]
    assert '"Phó Chủ nhiệm"' in d.message and "Phó Bộ trưởng, Chủ nhiệm" not in d.message


def _line(text: str, x0: float, top: float, width: float | None = None) -> list[Word]:
    words, x = [], x0
    for w in text.split():
        words.append(Word(w, x, x + 9 * len(w), top, top + 14))
        x += 9 * len(w) + 5
    return words


def test_a_short_line_ending_in_a_semicolon_continues_its_paragraph():
    body = [
        "1. Các sở, ban, ngành rà soát thủ tục hành chính, cập nhật dữ liệu dân cư và",
        "hoàn thành trước ngày 30 tháng 9 năm 2024;",
        "báo cáo kết quả về Văn phòng UBND tỉnh để tổng hợp, trình Chủ tịch UBND tỉnh xem",
        "xét, quyết định trong tháng 10 năm 2024.",
    ]
    words = []
    for k, text in enumerate(body):
        words += _line(text, 120 if k == 0 else 100, 100 + 18 * k)
    lines = lines_from_pages([Page(800, 1100, words)])
    assert len({line.block for line in lines}) == 1, [(l.block, l.text) for l in lines]


@pytest.mark.parametrize("stack", [
    "KT. BỘ TRƯỞNG, CHỦ\n\t\t\t\t\t\tNHIỆM\n\t\t\t\t\t\tPHÓ CHỦ NHIỆM",
])
def test_a_wrapped_authority_line_joins_its_authority(tmp_path, stack):
    text = ("VĂN PHÒNG CHÍNH PHỦ\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "\t\t\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 447/TB-VPCP\t\tHà Nội, ngày 21 tháng 9 năm 2017\n\n"
            "THÔNG BÁO\nKết luận của Thủ tướng Chính phủ về dịch vụ công trực tuyến\n\n"
            "Các bộ khẩn trương thực hiện./.\n\n"
            "Nơi nhận:\t\t\t\t" + stack.split("\n")[0] + "\n"
            "- Như trên;\t\t\t\t" + stack.split("\n")[1].strip() + "\n"
            "- Lưu: VT, KSTT.\t\t\t\t" + stack.split("\n")[2].strip() + "\n"
            "\t\t\t\t\t\tNguyễn Cao Lục\n")
    path = tmp_path / "tb.txt"
    path.write_text(text, encoding="utf-8")
    source = read_txt(path, text.encode())
    for i, line in enumerate(source.lines, 1):
        line.number = i
    result = build(source, {}, "internal", ("TB", "VPCP"))
    assert result.data["signer"] == {"name": "Nguyễn Cao Lục", "title": "Phó Chủ nhiệm",
                                     "authority": "KT. Bộ trưởng, Chủ nhiệm"}


def test_a_number_broken_at_its_hyphen_is_joined_without_a_space(tmp_path):
    text = ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "\t\t\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 3031/CT-\t\tHà Nội, ngày 12 tháng 8 năm 2024\nBGDĐT\n\n"
            "CHỈ THỊ\nVề nhiệm vụ trọng tâm năm học 2024-2025\n\n"
            "Các sở giáo dục và đào tạo thực hiện./.\n")
    source = read_txt(tmp_path / "ct.txt", text.encode())
    for i, line in enumerate(source.lines, 1):
        line.number = i
    result = build(source, {}, "internal", ())
    assert result.data["number"] == "3031/CT-BGDĐT"
    assert "BGDĐT" not in result.body


@pytest.mark.parametrize("opening, chair, title, location", [
    ("Ngày 10 tháng 8 năm 2024, tại Trụ sở Chính phủ, Thủ tướng Chính phủ Phạm Minh Chính chủ "
     "trì cuộc họp về giáo dục.", "Phạm Minh Chính", "Thủ tướng Chính phủ", "Trụ sở Chính phủ"),
    ("Ngày 08 tháng 8 năm 2024, tại Bộ Giáo dục và Đào tạo, Thứ trưởng Phạm Ngọc Thưởng chủ trì "
     "cuộc họp.", "Phạm Ngọc Thưởng", "Thứ trưởng", "Bộ Giáo dục và Đào tạo"),
])
def test_chair_and_location_of_a_government_meeting(opening, chair, title, location):
    from generator.ingest.extract import parse_meeting
    meeting = parse_meeting(opening)
    assert (meeting["chair"], meeting["chair_title"], meeting["location"]) == (
        chair, title, location)


@pytest.mark.parametrize("heading", ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "CHỦ TỊCH ỦY BAN NHÂN DÂN"])
def test_a_decisions_deciding_body_is_not_part_of_its_title(tmp_path, heading):
    """As a text PDF lays it out: the heading follows the trích yếu in the same block."""
    from generator.ingest.lines import Line, Run, Source
    texts = [("ỦY BAN NHÂN DÂN", (1, 0, 0)), ("TỈNH BẮC NINH", (1, 0, 0)),
             ("Số: 25/2013/QĐ-UBND", (1, 0, 0)),
             ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (1, 0, 1)),
             ("Độc lập - Tự do - Hạnh phúc", (1, 0, 1)),
             ("Bắc Ninh, ngày 05 tháng 3 năm 2013", (1, 0, 1)),
             ("QUYẾT ĐỊNH", None), ("Về việc ban hành Quy chế quản lý vật liệu nổ", None),
             (heading, None), ("Căn cứ Luật Tổ chức chính quyền địa phương;", None)]
    lines = [Line([Run(t)], 10 if cell else 20, cell, i) for i, (t, cell) in
             enumerate(texts, 1)]
    result = build(Source(tmp_path / "qd.pdf", lines, "PDF"), {}, "internal", ())
    assert result.data["title"] == "Về việc ban hành Quy chế quản lý vật liệu nổ"


@pytest.mark.parametrize("misread", ["hgày", "Boy", "ngảy"])
def test_an_ocr_misread_ngay_in_the_place_date_line_is_read(tmp_path, misread):
    import datetime as dt

    from generator.ingest.sources import read_source
    from test_import_text import SIDE_BY_SIDE
    path = tmp_path / "tb.txt"
    path.write_text(SIDE_BY_SIDE.replace("Hậu Giang, ngày 5", f"Hậu Giang, {misread} 5"),
                    encoding="utf-8")
    source = read_source(path)
    source.ocr = True
    result = build(source, {}, "internal", ())
    assert result.data["date"] == dt.date(2024, 7, 5)
    assert any(f"«{misread}» → «ngày»" in n for n in result.notes)


def test_a_province_ocr_glued_in_the_header_is_spelt_as_in_the_date_line(tmp_path):
    from generator.ingest.sources import read_source
    from test_import_text import SIDE_BY_SIDE
    path = tmp_path / "tb.txt"
    path.write_text(SIDE_BY_SIDE.replace("UBND TỈNH HẬU GIANG", "UBND TỈNH HẬUGIANG"),
                    encoding="utf-8")
    result = build(read_source(path), {}, "internal", ("TB", "VPUBND"))
    assert result.data["issuer"] == "Văn phòng UBND tỉnh Hậu Giang"
    assert "issuer" not in result.uncertain
    assert any("hiểu là «Văn phòng UBND tỉnh Hậu Giang»" in n for n in result.notes)
