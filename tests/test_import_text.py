"""Plain-text originals exported from Word: columns side by side, one line per paragraph."""

from __future__ import annotations

import datetime as dt

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
