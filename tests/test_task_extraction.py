"""Task extraction measured against hand labels (tests/data/tasks/labels.yml): the sample archive
and realistic conclusions written for the purpose (every hard case of the genre)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import deadlines
from generator.agencies import AgencyMatcher, key
from generator.deadlines import best_deadline, find_deadlines
from generator.link.extract_tasks import TaskExtractor
from generator.validate import tasks

import task_eval

D = dt.date


# The extractor's exact counts on the hand labels (labelled, extracted, matched, matched with a
# labelled day, of those with the right day). A change to the extractor that moves them updates
# them here, in the same commit, saying why: a drop of a few tasks is a regression to explain.
EXPECTED_COUNTS = {
    "realistic conclusions": (118, 118, 118, 58, 58),
    "sample archive": (124, 124, 124, 46, 46),
    "all": (242, 242, 242, 104, 104),
}


def _counts(scores) -> tuple[int, int, int, int, int]:
    return (scores.labelled, scores.predicted, scores.matched, scores.dated, scores.dated_right)


def test_precision_recall_and_deadlines_against_the_labels(capsys):
    custom = task_eval.score(lambda name: not name.startswith("notices/"))
    samples = task_eval.score(lambda name: name.startswith("notices/"))
    overall = task_eval.score()
    with capsys.disabled():
        print(f"\nrealistic conclusions: {custom.summary()}")
        print(f"sample archive:        {samples.summary()}")
        print(f"all:                   {overall.summary()}")
    assert len([n for n in task_eval.labels() if not n.startswith("notices/")]) >= 15
    found = {"realistic conclusions": _counts(custom), "sample archive": _counts(samples),
             "all": _counts(overall)}
    assert found == EXPECTED_COUNTS, (overall.misses, overall.extras, overall.wrong_dates)


def test_every_sample_notice_is_labelled():
    labelled = set(task_eval.labels())
    samples = {p.relative_to(task_eval.ROOT).as_posix()
               for p in (task_eval.ROOT / "notices").rglob("*.md")}
    assert samples <= labelled


@pytest.mark.parametrize("text, reference, iso, phrase", [
    ("trình UBND tỉnh trước ngày 30/9/2024.", None, D(2024, 9, 30), "trước ngày 30/9/2024"),
    ("báo cáo trước 16 giờ ngày 20/11/2024", None, D(2024, 11, 20), None),
    ("hoàn thành trong tháng 10/2024", None, D(2024, 10, 31), None),
    ("hoàn thành trong tháng 02/2024", None, D(2024, 2, 29), None),
    ("hoàn thành trong quý III/2024", None, D(2024, 9, 30), None),
    ("trong Quý IV năm 2023", None, D(2023, 12, 31), None),
    ("chậm nhất ngày 15/10/2024", None, D(2024, 10, 15), None),
    ("trước ngày 15 tháng 10 năm 2024", None, D(2024, 10, 15), None),
    ("trước ngày 30/9", D(2024, 8, 1), D(2024, 9, 30), None),
    ("trước ngày 15/01", D(2024, 12, 20), D(2025, 1, 15), None),
    ("từ ngày 15/6/2024 đến ngày 15/8/2024", None, D(2024, 8, 15), None),
    ("hoàn thành trong năm 2024", None, D(2024, 12, 31), None),
    ("trước 16h00 ngày 20/11/2024", None, D(2024, 11, 20), None),
    ("báo cáo UBND tỉnh hằng tháng", None, None, "hằng tháng"),
    ("trước ngày 20 hằng tháng", None, None, "trước ngày 20 hằng tháng"),
    ("thường xuyên kiểm tra", None, None, "thường xuyên"),
])
def test_deadline_phrases(text, reference, iso, phrase):
    found = best_deadline(text, reference)
    assert found is not None
    assert found.date == iso
    if phrase:
        assert found.text == phrase


@pytest.mark.parametrize("text", [
    "theo Công văn số 1234/BKHĐT-TH ngày 02/10/2024 của Bộ Kế hoạch và Đầu tư",
    "Nghị định số 88/2024/NĐ-CP ngày 15/7/2024 của Chính phủ",
    "Đến ngày 15/8/2024, dự án đã bàn giao 92,4% mặt bằng",
    "có hiệu lực thi hành từ ngày 01/7/2024",
    "lực lượng vừa ra mắt vào ngày 01/7",
])
def test_dates_that_are_not_deadlines(text):
    assert [d for d in find_deadlines(text, D(2024, 8, 20)) if d.date] == []


def test_agency_names_match_folded_with_aliases():
    agencies = task_eval.extractor().matcher.agencies
    m = AgencyMatcher(agencies)
    assert m.resolve("Sở GTVT") == m.resolve("so giao thong van tai") == "so-giao-thong-van-tai"
    assert m.resolve("Ủy ban nhân dân huyện Châu Thành A") == "ubnd-huyen-chau-thanh-a"
    assert m.resolve("UBND TP. Vị Thanh") == m.resolve("UBND thành phố Vị Thanh")
    assert m.resolve("Sở Văn hoá, Thể thao và Du lịch") == "so-van-hoa-the-thao-va-du-lich"
    assert m.resolve("CA tỉnh") == "cong-an-tinh"
    assert key("Sở TN&MT") == key("Sở TN và MT")
    # A 2025 merger: the old department's work passes to its successor.
    assert m.successors("so-giao-thong-van-tai") == ["so-xay-dung"]
    assert m.successors("so-ke-hoach-va-dau-tu", D(2024, 1, 1)) == []


def test_one_task_per_lead_and_the_support():
    ex = task_eval.extractor()
    tasks = ex.extract("1. Giao Sở Tài chính, Sở Y tế, UBND các huyện, thị xã, thành phố chủ "
                       "trì, phối hợp với Công an tỉnh rà soát kinh phí, báo cáo trước ngày "
                       "30/9/2024.\n", 1, D(2024, 8, 1))
    assert [t.lead_slug for t in tasks] == ["so-tai-chinh", "so-y-te", "ubnd-cap-huyen"]
    assert all(t.support == ("Công an tỉnh",) for t in tasks)
    assert all(t.deadline == D(2024, 9, 30) for t in tasks)
    assert tasks[0].point == "1"


def test_without_a_vocabulary_leads_are_kept_as_written():
    ex = TaskExtractor(AgencyMatcher({}))
    tasks = ex.extract("2. Sở Xây dựng tỉnh Sóc Trăng chủ trì, phối hợp Công an tỉnh kiểm tra "
                       "các công trình, hoàn thành trong quý III/2025.\n\n3. Đề nghị Bộ Giao "
                       "thông vận tải sớm phê duyệt dự án.\n", 1, D(2025, 5, 1))
    assert [(t.lead, t.lead_slug) for t in tasks] == [
        ("Sở Xây dựng tỉnh Sóc Trăng", None), ("Bộ Giao thông vận tải", None)]
    assert tasks[0].support == ("Công an tỉnh",)
    assert tasks[0].deadline == D(2025, 9, 30)


def test_results_are_not_tasks():
    ex = task_eval.extractor()
    body = ("## I. Kết quả đạt được\n\nSở Y tế đã tổ chức tiêm chủng cho 95% trẻ em. Công an tỉnh "
            "phát huy tốt vai trò thường trực.\n\n## II. Nhiệm vụ thời gian tới\n\n1. UBND huyện "
            "Phụng Hiệp đã hoàn thành việc kiểm đếm.\n\n2. Sở Y tế tiếp tục tiêm chủng mở rộng.\n")
    assert [(t.lead_slug, t.point) for t in ex.extract(body)] == [("so-y-te", "II.2")]


def test_a_request_to_an_unlisted_body_names_it():
    ex = task_eval.extractor()
    body = ("Sau khi nghe Sở Nội vụ báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n\n"
            "1. Đề nghị Viettel Hậu Giang hỗ trợ đường truyền cho Bộ phận Một cửa.\n\n"
            "2. Bưu điện tỉnh tiếp nhận, trả kết quả thủ tục hành chính tại nhà.\n")
    assert [(t.lead, t.lead_slug) for t in ex.extract(body)] == [
        ("Viettel Hậu Giang", None), ("Bưu điện tỉnh", None)]



@pytest.mark.parametrize("line", ["Giao Sở Y tế BÁO CÁO TRƯỚC NGÀY 30/4/2023, ĐÃ xong.",
                                  "GİAO Sở Y tế báo cáo trước ngày 30/4/2023.",
                                  "Gıao Sở Y tế báo cáo Trước ngày 30/4/2023, THỜI HẠN: 5/5/2023"])
def test_lowered_and_case_insensitive_search_agree(line):
    low = deadlines.lowered(line)
    assert (low is None) == ("ı" in line or "İ" in line)  # test_text.py: lowered()
    for pattern in (deadlines._CANDIDATE, tasks._ASSIGNS, tasks._PAST):
        assert [m.span() for m in pattern.finditer(line, low)] == \
            [m.span() for m in pattern.finditer(line, None)]
    assert [m.span() for m in deadlines._dated_matches(line, low)] == \
        [m.span() for m in deadlines._dated_matches(line, None)]
    dated = deadlines.dated_deadlines(line, D(2024, 3, 1))
    assert dated and dated == [d for d in find_deadlines(line, D(2024, 3, 1)) if d.date]
