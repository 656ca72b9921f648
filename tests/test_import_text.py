"""Plain-text originals exported from Word: columns side by side, one line per paragraph."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT

from generator.ingest.sources import read_source
from generator.ingest.writer import build
from generator.load.loader import load_topics
from generator.validate.topics import build_topics

SIDE_BY_SIDE = (
    "UBND TỈNH HẬU GIANG\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "VĂN PHÒNG\t\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 125/TB-VPUBND\t\tHậu Giang, ngày 5 tháng 07 năm 2024\n"
    "\n"
    "THÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh Đặng Quốc Thái\n"
    "tại cuộc họp về chuyển đổi số\n"
    "\n"
    "Chiều ngày 03/7/2024, tại Phòng họp số 1, trụ sở UBND tỉnh, đồng chí Đặng Quốc Thái, Chủ "
    "tịch UBND tỉnh, Trưởng Ban Chỉ đạo chuyển đổi số tỉnh chủ trì cuộc họp.\n"
    "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận:\n"
    "1. Đẩy mạnh chuyển đổi số\n"
    "trong các cơ quan nhà nước.\n"
    "2. Các sở hoàn thành chính quyền số.\n"
    "Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.\n"
    "\n"
    "Nơi nhận:\t\t\t\tKT. CHÁNH VĂN PHÒNG\n"
    "- Như trên;\t\t\t\tPHÓ CHÁNH VĂN PHÒNG\n"
    "- Lưu: VT, KGVX.\n"
    "\t\t\t\t\t\tĐồng Thị Mỹ Hạnh\n")


def test_side_by_side_columns_and_wrapped_lines(tmp_path):
    path = tmp_path / "tb.txt"
    path.write_text(SIDE_BY_SIDE, encoding="utf-8")
    topics = build_topics(load_topics(ROOT / "notices", ROOT))[0]
    imported = build(read_source(path), topics, "internal")
    data = imported.data
    assert data["number"] == "125/TB-VPUBND"
    assert data["date"] == dt.date(2024, 7, 5)
    assert data["issuer"] == "Văn phòng UBND tỉnh Hậu Giang"
    assert data["title"] == "Kết luận của Chủ tịch UBND tỉnh Đặng Quốc Thái tại cuộc họp về chuyển đổi số"
    assert data["meeting"] == {"date": dt.date(2024, 7, 3),
                               "location": "Phòng họp số 1, trụ sở UBND tỉnh",
                               "chair": "Đặng Quốc Thái", "chair_title": "Chủ tịch UBND tỉnh"}
    assert data["recipients"] == ["Như trên", "Lưu: VT, KGVX"]
    assert data["signer"] == {"name": "Đồng Thị Mỹ Hạnh", "title": "Phó Chánh Văn phòng",
                              "authority": "KT. Chánh Văn phòng"}
    assert data["topics"] == ["chuyen-doi-so"]
    assert imported.body == (
        "Chiều ngày 03/7/2024, tại Phòng họp số 1, trụ sở UBND tỉnh, đồng chí Đặng Quốc Thái, "
        "Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chuyển đổi số tỉnh chủ trì cuộc họp.\n\n"
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận:\n\n"
        "1. Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.\n\n"
        "2. Các sở hoàn thành chính quyền số.\n\n"
        "Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.\n")


QUYET_DINH = """ỦY BAN NHÂN DÂN
TỈNH HẬU GIANG

Số: 1234/QĐ-UBND

Hậu Giang, ngày 20 tháng 8 năm 2024

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác triển khai Đề án 06 tỉnh Hậu Giang

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HẬU GIANG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;

Theo đề nghị của Giám đốc Công an tỉnh.

QUYẾT ĐỊNH:

Điều 1. Thành lập Tổ công tác triển khai Đề án 06 tỉnh Hậu Giang.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

(Đã ký)

ĐẶNG QUỐC THÁI
"""


def test_quyet_dinh_without_noi_nhan(tmp_path):
    path = tmp_path / "qd.txt"
    path.write_text(QUYET_DINH, encoding="utf-8")
    topics = build_topics(load_topics(ROOT / "notices", ROOT))[0]
    imported = build(read_source(path), topics, "internal")
    data = imported.data
    assert data["type"] == "quyet-dinh"
    assert data["number"] == "1234/QĐ-UBND"
    assert data["title"] == "Về việc thành lập Tổ công tác triển khai Đề án 06 tỉnh Hậu Giang"
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Hậu Giang"
    assert data["signer"] == {"name": "Đặng Quốc Thái", "title": "Chủ tịch",
                              "authority": "TM. Ủy ban nhân dân"}
    assert "meeting" not in data and "recipients" not in data
    assert imported.missing == ["recipients"]
    assert data["status"] == "issued"
    assert imported.body.startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HẬU GIANG\n\nCăn cứ Luật")
    assert imported.body.rstrip().endswith("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    assert "ĐẶNG QUỐC THÁI" not in imported.body


def test_tl_kt_signing_stack(tmp_path):
    text = SIDE_BY_SIDE.replace("Nơi nhận:\t\t\t\tKT. CHÁNH VĂN PHÒNG\n",
                                "Nơi nhận:\t\t\t\tTL. CHỦ TỊCH\n\t\t\t\tKT. CHÁNH VĂN PHÒNG\n")
    path = tmp_path / "tl.txt"
    path.write_text(text, encoding="utf-8")
    topics = build_topics(load_topics(ROOT / "notices", ROOT))[0]
    data = build(read_source(path), topics, "internal").data
    assert data["signer"] == {"name": "Đồng Thị Mỹ Hạnh", "title": "Phó Chánh Văn phòng",
                              "authority": "TL. Chủ tịch, KT. Chánh Văn phòng"}
    assert data["recipients"] == ["Như trên", "Lưu: VT, KGVX"]


from generator.ingest.extract import parse_meeting  # noqa: E402

OPENINGS = [
    ("Vào lúc 14 giờ 00, ngày 12/7/2024, tại Phòng họp số 1 UBND tỉnh, Phó Chủ tịch UBND tỉnh "
     "Trương Cảnh Tuyên chủ trì cuộc họp.",
     {"date": dt.date(2024, 7, 12), "location": "Phòng họp số 1 UBND tỉnh",
      "chair": "Trương Cảnh Tuyên", "chair_title": "Phó Chủ tịch UBND tỉnh"}),
    ("Ngày 03/7/2024, Phó Chủ tịch UBND tỉnh Hầu Minh Kha chủ trì họp về giải ngân vốn đầu tư "
     "công tại Phòng họp số 2, trụ sở UBND tỉnh, thành phần dự họp gồm các sở.",
     {"date": dt.date(2024, 7, 3), "location": "Phòng họp số 2, trụ sở UBND tỉnh",
      "chair": "Hầu Minh Kha", "chair_title": "Phó Chủ tịch UBND tỉnh"}),
    ("Chiều ngày 5 tháng 7 năm 2024, tại Hội trường Ủy ban nhân dân huyện Long Mỹ, ông Nguyễn "
     "Văn Ba, Giám đốc Sở Nông nghiệp và Phát triển nông thôn chủ trì.",
     {"date": dt.date(2024, 7, 5), "location": "Hội trường UBND huyện Long Mỹ",
      "chair": "Nguyễn Văn Ba", "chair_title": "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"}),
    ("Ngày 15/3/2024, UBND tỉnh nhận được Công văn số 12/BCA của Bộ Công an.", None),
]


@pytest.mark.parametrize("text,expected", OPENINGS)
def test_meeting_openings(text, expected):
    assert parse_meeting(text) == expected


def test_meeting_chaired_by_clause():
    assert parse_meeting(
        "Ngày 12/7/2024, tại Hội trường UBND tỉnh, dưới sự chủ trì của đồng chí Nguyễn Văn Hòa, "
        "Phó Chủ tịch UBND tỉnh, Ban Chỉ đạo đã họp.") == {
        "date": dt.date(2024, 7, 12), "location": "Hội trường UBND tỉnh",
        "chair": "Nguyễn Văn Hòa", "chair_title": "Phó Chủ tịch UBND tỉnh"}


def test_type_line_followed_by_the_body_has_no_title(tmp_path):
    path = tmp_path / "khong-trich-yeu.txt"
    path.write_text("Số: 15/TB-VPUBND\n\nHậu Giang, ngày 02 tháng 02 năm 2024\n\nTHÔNG BÁO\n\n"
                    "Ngày 01 tháng 02 năm 2024, tại Hội trường UBND tỉnh, Chủ tịch UBND tỉnh "
                    "Đồng Văn Thanh chủ trì cuộc họp.\n", encoding="utf-8")
    topics = build_topics(load_topics(ROOT / "notices", ROOT))[0]
    imported = build(read_source(path), topics, "internal")
    assert "title" not in imported.data and "title" in imported.missing
    assert imported.body.startswith("Ngày 01 tháng 02 năm 2024")
    assert imported.data["meeting"]["chair"] == "Đồng Văn Thanh"


def test_a_tong_cuc_under_its_ministry_keeps_the_archive_casing(tmp_path):
    """Blind run of round 4 (Tổng cục Thuế): "TỔNG CỤC THUẾ" came out "Tổng Cục Thuế"
    silently. A Tổng cục, like a Cục or a Sở, is followed by its proper name."""
    text = SIDE_BY_SIDE.replace("UBND TỈNH HẬU GIANG\t\t", "BỘ TÀI CHÍNH\t\t").replace(
        "VĂN PHÒNG\t\t", "TỔNG CỤC THUẾ\t\t").replace("125/TB-VPUBND", "125/TB-TCT").replace(
        "Hậu Giang, ngày", "Hà Nội, ngày").replace("KT. CHÁNH VĂN PHÒNG", "KT. TỔNG CỤC TRƯỞNG"
    ).replace("PHÓ CHÁNH VĂN PHÒNG", "PHÓ TỔNG CỤC TRƯỞNG")
    path = tmp_path / "tct.txt"
    path.write_text(text, encoding="utf-8")
    imported = build(read_source(path), {}, "internal")
    assert imported.data["issuer"] == "Tổng cục Thuế"
    assert imported.data["signer"]["title"] == "Phó Tổng cục trưởng"
    assert imported.data["signer"]["authority"] == "KT. Tổng cục trưởng"
