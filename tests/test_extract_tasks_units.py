"""`link/extract_tasks.py` in process, every field of every task of a realistic conclusion,
written out by hand: who leads, who supports, what, by when (as written and as a date), which
point, which line of the file, and whether the body is outside the province. What an agency's
page shows comes from these fields. mutmut's fast selection for the module, beside
test_task_extraction.py (the hand labels, which score leads and dates)."""

from __future__ import annotations

import datetime as dt

import pytest

import task_eval

D = dt.date

BODY = """\
Ngày 10/3/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp nghe Sở Kế hoạch và Đầu tư báo cáo tiến độ \
giải ngân vốn đầu tư công. Sau khi nghe báo cáo và ý kiến các đại biểu, Chủ tịch UBND tỉnh kết \
luận như sau:

I. ĐÁNH GIÁ CHUNG

Sở Kế hoạch và Đầu tư đã tham mưu kịp thời; tỷ lệ giải ngân đạt 25%.

II. NHIỆM VỤ TRỌNG TÂM

1. Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát, điều chuyển vốn của \
các dự án chậm giải ngân, báo cáo UBND tỉnh trước ngày 15/4/2024.

2. UBND các huyện, thị xã, thành phố:

a) Đẩy nhanh công tác bồi thường, giải phóng mặt bằng, hoàn thành trong quý II/2024.

3. Đề nghị Bộ Giao thông vận tải sớm bố trí vốn cho dự án cao tốc.

4. Sở Xây dựng hoàn thành thẩm định thiết kế các công trình trong tháng 5.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""
FIRST_LINE = 20           # the body's first line in the notice file
NOTICE_DATE = D(2024, 3, 12)


@pytest.fixture(scope="module")
def extractor():
    # `certain` as the reading rules set it; the doubt model is tests/test_task_certainty.py's
    return task_eval.extractor(doubts=False)


def test_every_field_of_every_task_of_a_conclusion(extractor):
    tasks = extractor.extract(BODY, FIRST_LINE, NOTICE_DATE)
    # The assessment (I) and the closing formula give no task; the heading of point 2 gives its
    # subject to point 2.a.
    assert [(t.lead, t.lead_slug, t.support, t.support_slugs, t.point, t.line, t.certain,
             t.external) for t in tasks] == [
        ("Sở Tài chính", "so-tai-chinh", ("Sở Kế hoạch và Đầu tư",), ("so-ke-hoach-va-dau-tu",),
         "II.1", 28, True, False),
        ("UBND các huyện, thị xã, thành phố", "ubnd-cap-huyen", (), (), "II.2.a", 32, True, False),
        ("Bộ Giao thông vận tải", None, (), (), "II.3", 34, True, True),     # a ministry: outside
        ("Sở Xây dựng", "so-xay-dung", (), (), "II.4", 36, True, False),
    ]
    assert [(t.deadline, t.deadline_text) for t in tasks] == [
        (D(2024, 4, 15), "trước ngày 15/4/2024"),
        (D(2024, 6, 30), "hoàn thành trong quý II/2024"),
        (None, None),
        (D(2024, 5, 31), "trong tháng 5"),          # the notice's year
    ]
    assert [t.action for t in tasks] == [
        "rà soát, điều chuyển vốn của các dự án chậm giải ngân, báo cáo UBND tỉnh trước ngày "
        "15/4/2024",
        "Đẩy nhanh công tác bồi thường, giải phóng mặt bằng, hoàn thành trong quý II/2024",
        "sớm bố trí vốn cho dự án cao tốc",
        "hoàn thành thẩm định thiết kế các công trình trong tháng 5",
    ]
    assert tasks[0].text == (
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát, điều chuyển vốn "
        "của các dự án chậm giải ngân, báo cáo UBND tỉnh trước ngày 15/4/2024.")
    assert tasks[1].text == (
        "Đẩy nhanh công tác bồi thường, giải phóng mặt bằng, hoàn thành trong quý II/2024.")


def test_the_same_body_gives_the_same_tasks_from_another_line(extractor):
    """Only the line numbers follow where the body starts in the file."""
    here = extractor.extract(BODY, FIRST_LINE, NOTICE_DATE)
    there = extractor.extract(BODY, 1, NOTICE_DATE)
    assert [t.line - FIRST_LINE + 1 for t in here] == [t.line for t in there] == [9, 13, 15, 17]


def test_without_the_notices_date_a_day_without_its_year_has_no_date(extractor):
    tasks = extractor.extract(BODY, FIRST_LINE, None)
    assert [(t.deadline, t.deadline_text) for t in tasks][3] == (None, "trong tháng 5")
    assert tasks[0].deadline == D(2024, 4, 15)      # written with its year


@pytest.mark.parametrize("sentence, expected", [
    pytest.param(
        "Giao Công an tỉnh chủ trì, phối hợp với UBND huyện Phụng Hiệp kiểm tra, xử lý vi phạm "
        "trật tự xây dựng; báo cáo kết quả chậm nhất ngày 20/5/2024.",
        [("cong-an-tinh", ("UBND huyện Phụng Hiệp",), D(2024, 5, 20), "chậm nhất ngày 20/5/2024",
          False)], id="lead-support-deadline"),
    pytest.param(
        "Sở Giáo dục và Đào tạo, Sở Y tế khẩn trương hoàn thiện Đề án, trình UBND tỉnh trong "
        "tháng 6/2024.",
        [("so-giao-duc-va-dao-tao", (), D(2024, 6, 30), "trong tháng 6/2024", False),
         ("so-y-te", (), D(2024, 6, 30), "trong tháng 6/2024", False)], id="two-leads"),
    pytest.param(
        "Đề nghị UBND tỉnh Sóc Trăng phối hợp nạo vét kênh Quản Lộ - Phụng Hiệp.",
        [(None, (), None, None, True)], id="another-province"),
    pytest.param("Thống nhất chủ trương đầu tư dự án đường tỉnh 927.", [], id="a-decision"),
    pytest.param(
        "Giao Sở Tài nguyên và Môi trường theo dõi, hướng dẫn thường xuyên.",
        [("so-tai-nguyen-va-moi-truong", (), None, "thường xuyên", False)], id="no-day"),
    pytest.param(
        "Các sở, ban, ngành tỉnh rà soát thủ tục hành chính, hoàn thành trước ngày 30/02/2024.",
        [("cac-so-nganh", (), None, "hoàn thành trước ngày 30/02/2024", False)],
        id="impossible-day-kept-as-written"),
])
def test_one_sentence(extractor, sentence, expected):
    tasks = extractor.extract(sentence, 5, NOTICE_DATE)
    assert [(t.lead_slug, t.support, t.deadline, t.deadline_text, t.external)
            for t in tasks] == expected
    assert all(t.line == 5 and t.point is None and t.certain for t in tasks)
