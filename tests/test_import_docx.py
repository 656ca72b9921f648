"""Import of Word originals built here with python-docx, laid out the way Word templates are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from conftest import ROOT

from generator.encodings import unicode_to_tcvn3
from generator.ingest.sources import read_source
from generator.ingest.writer import build
from generator.load.loader import load_topics
from generator.validate.topics import build_topics


@pytest.fixture(scope="module")
def topics():
    return build_topics(load_topics(ROOT / "notices", ROOT))[0]


def _cell_lines(cell, lines):
    """Fill a table cell: each item is text or (text, bold, italic)."""
    first = True
    for item in lines:
        text, bold, italic = (item, False, False) if isinstance(item, str) else item
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic


def thong_bao_docx(path: Path, *, secret: bool = False, encode=lambda s: s) -> Path:
    d = docx.Document()
    if secret:
        d.add_paragraph().add_run("MẬT").bold = True
    header = d.add_table(rows=2, cols=2)
    _cell_lines(header.cell(0, 0), [encode("UBND TỈNH HẬU GIANG"), (encode("VĂN PHÒNG"), True, False)])
    _cell_lines(header.cell(0, 1), [(encode("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), True, False),
                                    (encode("Độc lập - Tự do - Hạnh phúc"), True, False)])
    _cell_lines(header.cell(1, 0), [encode("Số: 125/TB-VPUBND")])
    _cell_lines(header.cell(1, 1), [(encode("Hậu Giang, ngày 05 tháng 7 năm 2024"), False, True)])
    d.add_paragraph().add_run(encode("THÔNG BÁO")).bold = True
    title = d.add_paragraph()
    title.add_run(encode("Kết luận của Phó Chủ tịch UBND tỉnh Trương Cảnh Tuyên")).bold = True
    title.add_run().add_break()
    title.add_run(encode("tại cuộc họp về công tác phòng cháy, chữa cháy năm 2024")).bold = True
    d.add_paragraph(encode(
        "Ngày 03 tháng 7 năm 2024, tại Phòng họp số 1, trụ sở UBND tỉnh, Phó Chủ tịch UBND tỉnh "
        "Trương Cảnh Tuyên chủ trì cuộc họp về công tác phòng cháy, chữa cháy trên địa bàn tỉnh. "
        "Dự họp có đại diện lãnh đạo Công an tỉnh và các sở, ngành liên quan."))
    d.add_paragraph(encode("Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:"))
    d.add_paragraph().add_run(encode("I. Về kết quả")).bold = True
    d.add_paragraph(encode("Công tác phòng cháy, chữa cháy được tăng cường, không để xảy ra "
                           "cháy lớn."))
    d.add_paragraph().add_run(encode("II. Nhiệm vụ thời gian tới")).bold = True
    d.add_paragraph(encode("Công an tỉnh kiểm tra các cơ sở có nguy cơ cháy, nổ cao."),
                    style="List Number")
    item = d.add_paragraph(style="List Number")
    item.add_run(encode("Sở Công Thương "))
    item.add_run(encode("khẩn trương")).bold = True
    item.add_run(encode(" rà soát phương án phòng cháy, chữa cháy tại các chợ; "))
    item.add_run(encode("hoàn thành trước ngày 30/9/2024")).italic = True
    item.add_run(".")
    d.add_paragraph(encode("Các huyện, thị xã, thành phố phối hợp thực hiện."))
    d.add_paragraph(encode("Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, "
                           "thực hiện./."))
    closing = d.add_table(rows=1, cols=2)
    _cell_lines(closing.cell(0, 0), [(encode("Nơi nhận:"), True, True), encode("- Như trên;"),
                                     encode("- Công an tỉnh;"), encode("- Lưu: VT, KT.")])
    _cell_lines(closing.cell(0, 1), [(encode("KT. CHÁNH VĂN PHÒNG"), True, False),
                                     (encode("PHÓ CHÁNH VĂN PHÒNG"), True, False),
                                     (encode("(Đã ký)"), False, True), "",
                                     (encode("Lưu Ngọc Đông"), True, False)])
    d.save(path)
    return path


def cong_van_docx(path: Path) -> Path:
    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), ["ỦY BAN NHÂN DÂN", ("TỈNH HẬU GIANG", True, False),
                                    "Số: 3653/UBND-TNMT", "V/v triển khai công tác phòng,",
                                    "chống thiên tai năm 2024"])
    _cell_lines(header.cell(0, 1), [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
                                    ("Độc lập - Tự do - Hạnh phúc", True, False),
                                    ("Hậu Giang, ngày 5 tháng 07 năm 2024", False, True)])
    d.add_paragraph("Kính gửi: Các sở, ban, ngành tỉnh.")
    d.add_paragraph("Thực hiện chỉ đạo của Ban Chỉ đạo quốc gia về phòng, chống thiên tai, "
                    "Ủy ban nhân dân tỉnh đề nghị:")
    d.add_paragraph("- Các sở, ngành rà soát phương án phòng, chống thiên tai;")
    d.add_paragraph("- UBND các huyện kiểm tra sạt lở bờ sông./.")
    closing = d.add_table(rows=1, cols=2)
    _cell_lines(closing.cell(0, 0), [("Nơi nhận:", True, True), "- Như trên;", "- Lưu: VT."])
    _cell_lines(closing.cell(0, 1), [("TM. ỦY BAN NHÂN DÂN", True, False),
                                     ("KT. CHỦ TỊCH", True, False), ("PHÓ CHỦ TỊCH", True, False),
                                     ("Trần Minh Luân", True, False)])
    d.save(path)
    return path


@pytest.fixture(scope="module")
def thong_bao(tmp_path_factory, topics):
    path = thong_bao_docx(tmp_path_factory.mktemp("docx") / "125-tb.docx")
    return build(read_source(path), topics, "internal")


def test_header_table_fields(thong_bao):
    data = thong_bao.data
    assert data["number"] == "125/TB-VPUBND"
    assert data["date"] == dt.date(2024, 7, 5)
    assert data["place"] == "Hậu Giang"
    assert data["issuer"] == "Văn phòng UBND tỉnh Hậu Giang"
    assert data["type"] == "thong-bao"


def test_bold_title_over_a_line_break(thong_bao):
    assert thong_bao.data["title"] == ("Kết luận của Phó Chủ tịch UBND tỉnh Trương Cảnh Tuyên "
                                       "tại cuộc họp về công tác phòng cháy, chữa cháy năm 2024")


def test_meeting_from_opening_paragraph(thong_bao):
    assert thong_bao.data["meeting"] == {
        "date": dt.date(2024, 7, 3), "location": "Phòng họp số 1, trụ sở UBND tỉnh",
        "chair": "Trương Cảnh Tuyên", "chair_title": "Phó Chủ tịch UBND tỉnh"}


def test_signing_block_in_a_table(thong_bao):
    assert thong_bao.data["recipients"] == ["Như trên", "Công an tỉnh", "Lưu: VT, KT"]
    assert thong_bao.data["signer"] == {"name": "Lưu Ngọc Đông", "title": "Phó Chánh Văn phòng",
                                        "authority": "KT. Chánh Văn phòng"}


def test_status_classification_topics(thong_bao):
    assert thong_bao.data["status"] == "issued"
    assert thong_bao.data["classification"] == "internal"
    assert thong_bao.data["topics"] == ["phong-chay-chua-chay"]
    assert thong_bao.missing == []


def test_body_keeps_sections_numbering_and_emphasis(thong_bao):
    body = thong_bao.body
    assert "## I. Về kết quả\n" in body and "## II. Nhiệm vụ thời gian tới\n" in body
    assert "\n1. Công an tỉnh kiểm tra các cơ sở" in body  # Word's automatic numbering
    assert ("\n2. Sở Công Thương **khẩn trương** rà soát phương án phòng cháy, chữa cháy tại "
            "các chợ; *hoàn thành trước ngày 30/9/2024*.") in body
    assert "\n    Các huyện, thị xã, thành phố phối hợp thực hiện." in body
    assert body.rstrip().endswith("\n\nVăn phòng UBND tỉnh thông báo để các cơ quan, đơn vị "
                                  "biết, thực hiện./.")
    assert "Nơi nhận" not in body and "CỘNG HÒA" not in body and "Lưu Ngọc Đông" not in body


def test_evidence_for_each_field(thong_bao):
    fields = thong_bao.fields
    assert fields["number"]["evidence"] == "Số: 125/TB-VPUBND"
    assert fields["date"]["evidence"] == "Hậu Giang, ngày 05 tháng 7 năm 2024"
    assert fields["issuer"]["evidence"] == "UBND TỈNH HẬU GIANG / VĂN PHÒNG"
    assert "KT. CHÁNH VĂN PHÒNG" in fields["signer"]["evidence"]


def test_cong_van(tmp_path, topics):
    imported = build(read_source(cong_van_docx(tmp_path / "cv.docx")), topics, "internal")
    data = imported.data
    assert data["type"] == "cong-van"
    assert data["number"] == "3653/UBND-TNMT"
    assert data["title"] == "V/v triển khai công tác phòng, chống thiên tai năm 2024"
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Hậu Giang"
    assert data["date"] == dt.date(2024, 7, 5)
    assert data["signer"] == {"name": "Trần Minh Luân", "title": "Phó Chủ tịch",
                              "authority": "TM. Ủy ban nhân dân, KT. Chủ tịch"}
    assert data["recipients"] == ["Như trên", "Lưu: VT"]
    assert imported.body.startswith("Kính gửi: Các sở, ban, ngành tỉnh.")
    assert "\n- Các sở, ngành rà soát" in imported.body
    assert "meeting" not in data


def test_secret_mark(tmp_path, topics):
    path = thong_bao_docx(tmp_path / "mat.docx", secret=True)
    imported = build(read_source(path), topics, "public")
    assert imported.data["classification"] == "secret"  # the mark wins over --classification


def test_legacy_font_text_in_docx(tmp_path, topics):
    """Word files typed in .VnTime keep TCVN3 bytes as Latin-1 letters: they are converted."""
    path = thong_bao_docx(tmp_path / "vntime.docx", encode=unicode_to_tcvn3)
    imported = build(read_source(path), topics, "internal")
    assert imported.data["signer"]["name"] == "Lưu Ngọc Đông"
    assert imported.data["title"].startswith("Kết luận của Phó Chủ tịch UBND tỉnh Trương Cảnh")
    assert imported.data["number"] == "125/TB-VPUBND"
    assert any("TCVN3" in note for note in imported.notes)


def test_table_in_the_body_becomes_one_paragraph_per_row(tmp_path, topics):
    path = thong_bao_docx(tmp_path / "bang.docx")
    d = docx.Document(path)
    anchor = next(p for p in d.paragraphs if p.text.startswith("Công tác phòng cháy"))
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("STT", "Đơn vị", "Số vụ cháy"), ("1", "Huyện Phụng Hiệp", "02")]):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(text)
    anchor._p.addnext(table._tbl)
    d.save(path)
    imported = build(read_source(path), topics, "internal")
    assert "\n\nSTT; Đơn vị; Số vụ cháy\n\n1; Huyện Phụng Hiệp; 02\n\n" in imported.body
    assert any("bảng trong thân văn bản" in note for note in imported.notes)
    assert imported.data["signer"]["name"] == "Lưu Ngọc Đông"  # the closing table is not this one


def test_columns_laid_out_with_tabs_instead_of_tables(tmp_path, topics):
    """Older templates align the header and the signature with tab stops, not tables."""
    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    d.add_paragraph("TỈNH HẬU GIANG\t\tĐộc lập - Tự do - Hạnh phúc")
    d.add_paragraph("VĂN PHÒNG")
    d.add_paragraph("Số: 412/TB-VP UBND\t\tHậu Giang, ngày 28 tháng 11 năm 2023")
    d.add_paragraph("")
    d.add_paragraph().add_run("THÔNG BÁO").bold = True
    d.add_paragraph().add_run("Kết luận của Chủ tịch UBND tỉnh Đồng Văn Thanh tại cuộc họp về "
                              "công tác bồi thường, hỗ trợ, tái định cư").bold = True
    d.add_paragraph("Ngày 24/11/2023, Chủ tịch UBND tỉnh Đồng Văn Thanh chủ trì cuộc họp về "
                    "công tác bồi thường, hỗ trợ, tái định cư các dự án trọng điểm.")
    d.add_paragraph("1.\tCác địa phương đẩy nhanh công tác bồi thường, giải phóng mặt bằng.")
    d.add_paragraph("2.\tSở Tài nguyên và Môi trường hướng dẫn xác định giá đất bồi thường, "
                    "hỗ trợ, tái định cư.")
    d.add_paragraph("Văn phòng UBND tỉnh thông báo đến các cơ quan, đơn vị biết, thực hiện./.")
    d.add_paragraph("Nơi nhận:\t\tKT. CHÁNH VĂN PHÒNG")
    d.add_paragraph("- Như trên;\t\tPHÓ CHÁNH VĂN PHÒNG")
    d.add_paragraph("- UBND tỉnh: CT, PCT;")
    d.add_paragraph("- Lưu: VT. KT")
    d.add_paragraph("")
    d.add_paragraph("\t\t\tNguyễn Văn Ánh")
    path = tmp_path / "tabs.docx"
    d.save(path)
    imported = build(read_source(path), topics, "internal")
    data = imported.data
    assert data["issuer"] == "Văn phòng UBND tỉnh Hậu Giang"
    assert data["number"] == "412/TB-VP UBND"
    assert data["date"] == dt.date(2023, 11, 28)
    assert data["title"].startswith("Kết luận của Chủ tịch UBND tỉnh Đồng Văn Thanh")
    assert data["meeting"]["chair"] == "Đồng Văn Thanh"
    assert data["recipients"] == ["Như trên", "UBND tỉnh: CT, PCT", "Lưu: VT. KT"]
    assert data["signer"] == {"name": "Nguyễn Văn Ánh", "title": "Phó Chánh Văn phòng",
                              "authority": "KT. Chánh Văn phòng"}
    assert "\n1. Các địa phương đẩy nhanh" in imported.body  # a tab after "1." is no column
    assert "\n2. Sở Tài nguyên" in imported.body
    assert data["topics"] == ["boi-thuong-tai-dinh-cu"]
