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
    ("trong thời gian từ đầu tháng 1/2013 tới ngày 15/3/2013, bố trí lực lượng thường xuyên "
     "kiểm tra", None, D(2013, 3, 15), "từ đầu tháng 1/2013 tới ngày 15/3/2013"),
    ("từ nay đến ngày 15/3, kiểm tra", D(2024, 1, 5), D(2024, 3, 15), None),
    # a window whose first day has no month of its own, and mixed separators
    ("nhận hồ sơ từ ngày 26 đến ngày 28.6-2017", None, D(2017, 6, 28), None),
    ("tiếp nhận từ ngày 3 đến ngày 7/7", D(2024, 6, 1), D(2024, 7, 7), None),
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


# ------------------------------------------------------------------ real text (issue classes)

def test_the_real_texts_keep_their_score():
    """The blind development set of real directive texts (tests/data/tasks_real): a floor at
    today's figures, so that a change that loses real assignments shows here."""
    real = task_eval.score(data=task_eval.REAL)
    assert len(task_eval.labels(task_eval.REAL)) >= 60 and real.labelled >= 200
    assert real.matched >= 190, real.summary()      # the fifth round's 190 of 212
    assert real.precision >= 0.85 and real.recall >= 0.85, real.summary()
    assert real.deadline_accuracy >= 0.9, real.wrong_dates


def test_the_held_out_and_fresh_sets_keep_their_score():
    """Floors at the fourth round's figures (held-out 19 of 21 extracted, 19 of 23 labelled;
    fresh 47 of 47, 47 of 54): a change that loses them shows here."""
    held = task_eval.score(data=task_eval.HOLDOUT)
    assert held.matched >= 19 and held.precision >= 0.85, held.summary()
    fresh = task_eval.score(data=task_eval.FRESH)
    assert fresh.matched >= 47 and fresh.precision >= 0.95, fresh.summary()


def test_the_blind_development_sets_keep_their_score():
    """Floors at the fourth round's figures on blind2 and blind3, the development set of that
    round (blind2 122 of 148 extracted, 147 labelled; blind3 110 of 128, 134 labelled, 113 of
    129 after the fifth round; every labelled day right): tuned figures, so a floor against
    losing them, not a measure."""
    blind2 = task_eval.score(data=task_eval.BLIND2)
    assert blind2.matched >= 122 and blind2.precision >= 0.80, blind2.summary()
    blind3 = task_eval.score(data=task_eval.BLIND3)
    assert blind3.matched >= 113 and blind3.precision >= 0.85, blind3.summary()
    assert blind2.deadline_accuracy >= 0.9 and blind3.deadline_accuracy >= 0.9, (
        blind2.wrong_dates, blind3.wrong_dates)


def test_blind4_keeps_the_fifth_rounds_score():
    """A floor at the fifth round's figures on blind4 (80 of 106 extracted, 118 labelled; every
    labelled day right), the set that round was read on: tuned, so a floor against losing
    them, not a measure of new text (its blind figure was 0.59 / 0.43)."""
    blind4 = task_eval.score(data=task_eval.BLIND4)
    assert blind4.matched >= 80 and blind4.precision >= 0.72, blind4.summary()
    assert blind4.deadline_accuracy >= 0.9, blind4.wrong_dates


def test_blind5_keeps_round_6s_score():
    """A floor at round 6's figures on blind5 (97 of 139 extracted, 152 labelled; every
    labelled day right; 65 of 116 after round 5b), the set rounds 5b and 6 were read on: tuned,
    so a floor against losing them, not a measure of new text (its blind figure was 0.44 /
    0.27)."""
    blind5 = task_eval.score(data=task_eval.BLIND5)
    assert blind5.matched >= 97 and blind5.precision >= 0.68, blind5.summary()
    assert blind5.deadline_accuracy >= 0.9, blind5.wrong_dates


def test_blind6_keeps_round_6s_score():
    """blind6 was labelled blind and scored once, untuned (72 of 128 extracted, 160 labelled;
    4 of the 5 labelled days found, none wrong); round 6 was then read on it (90 of 132): a
    floor at that tuned figure, not a measure of new text (its blind figure was 0.56 / 0.45)."""
    blind6 = task_eval.score(data=task_eval.BLIND6)
    assert blind6.matched >= 90 and blind6.precision >= 0.66, blind6.summary()
    assert blind6.dated_right >= 4, blind6.wrong_dates
    # a labelled day may be missed (no date found), never replaced by another day
    assert [w for w in blind6.wrong_dates if w[2] is not None] == [], blind6.wrong_dates


def test_blind7_keeps_its_first_run():
    """blind7 was labelled blind while round 6 was tuned on blind5 and blind6, and scored once,
    untuned, on the extractor of 48ab972 (52 of 94 extracted, 115 labelled; 1 of the 5
    labelled days found, none wrong): a floor, as for blind6 before it."""
    blind7 = task_eval.score(data=task_eval.BLIND7)
    assert blind7.matched >= 52 and blind7.precision >= 0.55, blind7.summary()
    assert blind7.dated_right >= 1, blind7.wrong_dates
    # a labelled day may be missed (no date found), never replaced by another day
    assert [w for w in blind7.wrong_dates if w[2] is not None] == [], blind7.wrong_dates


def test_blind8_keeps_its_first_run():
    """blind8 was labelled blind after round 6 and scored once, untuned, on the extractor of
    ef793df (47 of 72 extracted, 116 labelled; 6 of the 7 labelled days found): a floor."""
    blind8 = task_eval.score(data=task_eval.BLIND8)
    assert blind8.matched >= 47 and blind8.precision >= 0.65, blind8.summary()
    assert blind8.dated_right >= 6, blind8.wrong_dates


def test_blind8_never_replaces_a_labelled_day():
    """Its first run replaced one: 03-laocai took "cuối năm 2014" from the meeting's subject
    instead of the order's "trước 15/8" (the work's own date now comes first)."""
    blind8 = task_eval.score(data=task_eval.BLIND8)
    assert [w for w in blind8.wrong_dates if w[2] is not None] == [], blind8.wrong_dates


def _leads(text: str, reference=None) -> list[tuple]:
    return [(t.lead, t.lead_slug, t.external, t.certain)
            for t in task_eval.extractor().extract(text, 1, reference)]


def test_several_leads_one_task_each_and_shared_heads_spelt_out():
    found = _leads("UBND tỉnh yêu cầu các Sở: Xây dựng, Tài chính, Nông nghiệp và Môi trường và "
                   "các đơn vị liên quan tập trung thẩm định hồ sơ dự án.")
    assert [f[0] for f in found] == ["Sở Xây dựng", "Sở Tài chính",
                                     "Sở Nông nghiệp và Môi trường", "Các sở, ban, ngành tỉnh"]
    found = _leads("GĐ các sở Xây dựng, KHĐT, TNMT có trách nhiệm tổng hợp, hướng dẫn.")
    assert [f[1] for f in found] == ["so-xay-dung", "so-ke-hoach-va-dau-tu",
                                     "so-tai-nguyen-va-moi-truong"]
    found = _leads("Giao các sở, ngành tỉnh; Ủy ban nhân dân các huyện, thành phố; các Ban QLDA "
                   "chuyên ngành tỉnh báo cáo tình hình giải ngân trước ngày 23/5/2019.")
    assert len(found) == 3


def test_the_closing_formula_is_never_a_task():
    assert _leads("Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.") == []
    assert _leads("Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Tài chính, Nội vụ; Chủ tịch UBND "
                  "các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./.") == []


def test_support_lists_are_not_cut_mid_name():
    tasks = task_eval.extractor().extract(
        "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Nông nghiệp và Phát triển nông thôn, Bộ "
        "Văn hóa, Thể thao và Du lịch rà soát, báo cáo Thủ tướng Chính phủ.")
    assert tasks[0].support == ("Bộ Nông nghiệp và Phát triển nông thôn",
                                "Bộ Văn hóa, Thể thao và Du lịch")


def test_another_province_is_outside_and_this_one_is_not():
    assert _leads("Giao UBND tỉnh Hà Tĩnh rà soát đê điều.")[0][1:3] == (None, True)
    assert _leads("Giao UBND tỉnh Hậu Giang rà soát đê điều.")[0][1:3] == ("ubnd-tinh", False)
    # a chair's name after the body is not a place
    assert _leads("Phó Chủ tịch UBND tỉnh Phạm Hữu Nghĩa yêu cầu Sở Y tế rà soát.")[0][1] == \
        "so-y-te"
    # a central notice about Hà Tĩnh: its bare "UBND tỉnh" is Hà Tĩnh's
    about = ("Phó Thủ tướng làm việc với lãnh đạo tỉnh Hà Tĩnh.\n\nPhó Thủ tướng kết luận như "
             "sau:\n\n1. Giao UBND tỉnh rà soát hệ thống đê điều.")
    assert _leads(about)[0][1:3] == (None, True)
    # a collective of every province includes this one
    assert _leads("Đề nghị UBND các tỉnh, thành phố trực thuộc Trung ương rà soát, báo "
                  "cáo.")[0][1] == "ubnd-tinh"
    assert _leads("Giao Bộ Công an chủ trì nắm tình hình.")[0][2] is True


def test_abbreviations_titles_and_party_bodies():
    assert _leads("Giao Sở TN&MT chủ trì rà soát.")[0][1] == "so-tai-nguyen-va-moi-truong"
    found = _leads("Ban Thường vụ Tỉnh ủy giao Ban Cán sự Đảng UBND tỉnh, Ủy ban Kiểm tra Tỉnh ủy "
                   "tiếp tục rà soát kỹ lưỡng.")
    assert [f[0] for f in found] == ["Ban Cán sự Đảng UBND tỉnh", "Ủy ban Kiểm tra Tỉnh ủy"]
    # "Tuyên giáo" folds to "tuyen giao": not the marker "giao"
    found = _leads("Đồng chí Trưởng ban Tuyên giáo Tỉnh ủy đề nghị các cơ quan báo chí tập trung "
                   "tuyên truyền.")
    assert [f[0] for f in found] == ["các cơ quan báo chí"]


def test_a_subject_carried_into_the_next_paragraph_is_to_be_confirmed():
    found = _leads("Giao Sở Y tế chủ trì tuyên truyền phòng dịch.\n\nĐồng thời, chú trọng biểu "
                   "dương các tập thể làm tốt.")
    assert [(f[1], f[3]) for f in found] == [("so-y-te", True), ("so-y-te", False)]


def test_a_points_next_paragraph_keeps_its_subject_to_be_confirmed():
    found = _leads("1. Sở Y tế chủ trì rà soát các cơ sở cách ly.\n\n   Tiếp tục tranh thủ thời gian, "
                   "tập trung cao độ xét nghiệm diện rộng.\n\n2. Sở Tài chính bố trí kinh phí.")
    assert [(f[1], f[3]) for f in found] == [("so-y-te", True), ("so-y-te", False),
                                             ("so-tai-chinh", True)]


def test_a_headline_repeated_is_not_a_second_task():
    found = _leads("Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Công Thương đánh giá thực hiện Nghị "
                   "định số 68/2017/NĐ-CP.\n\nSau khi xem xét, Chủ tịch UBND tỉnh có ý kiến chỉ đạo:"
                   "\n\nGiao Sở Công Thương chủ trì tổng hợp báo cáo kết quả thực hiện Nghị định "
                   "số 68/2017/NĐ-CP trước ngày 10/8/2018.")
    assert len(found) == 1


def test_a_reference_back_names_the_bodies_before_it_to_be_confirmed():
    # the bodies named in an earlier paragraph, not the speaker
    found = _leads("Ban Thường vụ Huyện ủy đã chọn Đảng bộ xã Tân Việt và Đảng bộ Xí nghiệp Khai "
                   "thác công trình thủy lợi huyện để tổ chức đại hội điểm.\n\nĐến nay, các đảng "
                   "bộ trên đã hoàn thành đại hội chi bộ. Huyện ủy chỉ đạo các đơn vị trên chỉnh "
                   "sửa dự thảo báo cáo chính trị.")
    assert found == [("Đảng bộ xã Tân Việt", None, False, False),
                     ("Đảng bộ Xí nghiệp Khai thác công trình thủy lợi huyện", None, False,
                      False)]
    # named earlier in the same paragraph, after "TP." that ends a sentence
    found = _leads("Đó là ý kiến của Chủ tịch UBND TP đối với Thủ trưởng các sở ngành, Tổng Giám "
                   "đốc các Tổng Công ty trực thuộc TP. Chủ tịch UBND TP cũng chỉ đạo Thủ trưởng "
                   "các đơn vị trên phải trực tiếp tham dự phiên họp.")
    assert [(f[1] or f[0], f[3]) for f in found] == [("cac-so-nganh", False),
                                                     ("các Tổng Công ty trực thuộc thành phố",
                                                      False)]
    # "Sở này": the last Sở named, not the last body
    found = _leads("Giao UBND huyện Châu Thành và Sở Xây dựng rà soát. Sở này báo cáo kết quả "
                   "trước ngày 30/11/2024.")
    assert [(f[1], f[3]) for f in found] == [("ubnd-huyen-chau-thanh", True),
                                             ("so-xay-dung", True), ("so-xay-dung", False)]
    # nothing named before it: kept as written, never guessed
    assert [f[0] for f in _leads("Yêu cầu các đơn vị trên rà soát.")] == ["các đơn vị trên"]
    # "trên địa bàn" is a place, not a reference back
    assert _leads("Giao các cơ quan, đơn vị trên địa bàn tỉnh rà soát.")[0][3] is True


def test_mixed_unit_lists_and_party_committees_give_one_task_each():
    # one UBND over units of which one is named: a body each; bare kinds stay one collective
    assert [f[0] for f in _leads("Giao UBND huyện, thành phố Vị Thanh rà soát.")] == \
        ["UBND huyện", "UBND thành phố Vị Thanh"]
    assert [f[0] for f in _leads("Giao UBND thành phố Vị Thanh, huyện Châu Thành rà soát.")] == \
        ["UBND thành phố Vị Thanh", "UBND huyện Châu Thành"]
    assert len(_leads("Giao UBND quận, huyện, thị xã rà soát.")) == 1
    found = _leads("Thành ủy yêu cầu lãnh đạo các quận ủy, huyện ủy chỉ đạo xác minh làm rõ.")
    assert [f[0] for f in found] == ["các quận ủy", "các huyện ủy"]
    # "các địa bàn" is where, not who
    assert _leads("Các địa bàn còn lại, hướng dẫn UBND cấp xã tự kiểm tra.") == []
    # "các địa phương" right after a task of named local governments means them
    found = _leads("Chủ tịch UBND tỉnh giao UBND huyện, thành phố Vị Thanh tự kiểm tra. Yêu cầu "
                   "các địa phương thành lập Tổ kiểm tra.")
    assert [f[0] for f in found] == ["UBND huyện", "UBND thành phố Vị Thanh"]


def test_party_lists_and_time_adverbials_before_the_subject():
    found = _leads("Ban Thường vụ Huyện ủy yêu cầu các đảng ủy, chi bộ trực thuộc Huyện ủy, Ban "
                   "Thường trực Ủy ban MTTQ Việt Nam huyện và các cơ quan liên quan tổ chức quán "
                   "triệt.")
    assert [f[0] for f in found] == ["các đảng ủy, chi bộ trực thuộc Huyện ủy",
                                     "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
                                     "các cơ quan liên quan"]
    found = _leads("Theo đó, trong thời gian từ đầu tháng 1/2013 tới ngày 15/3/2013, Công an tỉnh "
                   "bố trí lực lượng thường xuyên kiểm tra.")
    assert [f[1] for f in found] == ["cong-an-tinh"]


def test_relative_clauses_titles_and_party_cells():
    # a relative clause that says who is part of the name; one that gives a condition is not
    found = task_eval.extractor().extract(
        "UBND tỉnh Lạng Sơn yêu cầu các đơn vị được giao kiểm tra, giám sát hoạt động khai thác "
        "khoáng sản trên địa bàn, kiên quyết xử lý nghiêm các vi phạm.")
    assert [(t.lead, t.action[:9]) for t in found] == [
        ("các đơn vị được giao kiểm tra, giám sát hoạt động khai thác khoáng sản", "kiên quyế")]
    found = task_eval.extractor().extract(
        "1. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương đang thực hiện giãn cách xã "
        "hội theo Chỉ thị số 16/CT-TTg căn cứ tình hình dịch bệnh, chủ động quyết định việc tiếp "
        "tục giãn cách.")
    assert [(t.lead_slug, t.action[:8]) for t in found] == [("ubnd-tinh", "chủ động")]
    # work in progress is a report, not a task
    assert _leads("Sở Y tế đang phối hợp với các đơn vị kiểm tra các cơ sở, xử lý nghiêm vi "
                  "phạm.") == []
    # "Bí thư Tỉnh ủy X" stands for the committee; "X chỉ đạo việc …" is X's own work
    found = _leads("Đồng chí Bí thư Tỉnh ủy Bến Tre chỉ đạo việc triển khai thực hiện nghiêm Công "
                   "điện số 1099/CĐ-TTg.")
    assert [f[0] for f in found] == ["Tỉnh ủy Bến Tre"]
    # a speech verb is not a task
    assert _leads("Đồng chí Bí thư Tỉnh ủy nhấn mạnh: việc học tập nghị quyết cần được thực hiện "
                  "nghiêm túc.") == []
    found = _leads("Ban Thường vụ Huyện ủy đề nghị Đảng bộ xã Trần Hợi, Chi bộ Trường Trung học "
                   "phổ thông Võ Thị Hồng chuẩn bị các điều kiện.")
    assert [f[0] for f in found] == ["Đảng bộ xã Trần Hợi",
                                     "Chi bộ Trường Trung học phổ thông Võ Thị Hồng"]


def test_news_of_an_issued_document_gives_the_task_to_the_bodies_it_orders():
    found = _leads("Vì vậy, ngày 24/5, UBND tỉnh tiếp tục ban hành công văn 2326, chỉ đạo công an "
                   "tỉnh, Sở GTVT, UBND và Ban an toàn giao thông các huyện, thị xã, thành phố tiếp "
                   "tục chỉ đạo các lực lượng tăng cường tuần tra.")
    assert [f[1] for f in found] == ["cong-an-tinh", "so-giao-thong-van-tai", "ubnd-cap-huyen",
                                     "ban-atgt-cap-huyen"]


def test_a_letters_addressees_are_whom_its_units_mean():
    letter = ("Kính gửi:\n\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện, thị xã, thành phố.\n\n"
              "Để triển khai Chỉ thị số 12/CT-TTg, UBND tỉnh đề nghị các đơn vị triển khai thực "
              "hiện một số nội dung sau:\n\n1. Tăng cường công tác tuyên truyền.\n\n2. Báo cáo "
              "kết quả về Sở Y tế trước ngày 30/10/2024.")
    found = _leads(letter)
    assert [(f[1], f[3]) for f in found] == [("cac-so-nganh", False), ("ubnd-cap-huyen", False)] * 2
    found = _leads("Kính gửi: Sở Y tế; Sở Tài chính.\n\nĐề nghị các cơ quan, đơn vị rà soát.")
    assert [(f[1], f[3]) for f in found] == [("so-y-te", False), ("so-tai-chinh", False)]
    # without an addressee list, "các đơn vị" is read as before (here the vocabulary's
    # collective), not guessed
    assert [f[1:] for f in _leads("Đề nghị các cơ quan, đơn vị rà soát.")] == \
        [("cac-so-nganh", False, True)]
    found = _leads("Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy, thị ủy, thành ủy và đảng ủy trực "
                   "thuộc Tỉnh ủy tổ chức quán triệt.")
    assert [f[0] for f in found] == ["các huyện ủy", "các thị ủy", "các thành ủy",
                                     "các đảng ủy trực thuộc Tỉnh ủy"]


def test_a_bare_council_takes_the_place_of_the_body_after_it():
    found = _leads("Đề nghị Huyện ủy, HĐND, UBND huyện lãnh đạo, chỉ đạo triển khai thực hiện.")
    assert [f[0] for f in found] == ["Huyện ủy", "HĐND huyện", "UBND huyện"]


def test_one_word_titles_place_lists_and_the_work_written_before_its_owner():
    found = _leads("Trưởng Công an huyện, Chánh Thanh tra huyện, Trưởng phòng Tài chính - Kế "
                   "hoạch huyện tổ chức kiểm tra.")
    assert [f[0] for f in found] == ["Công an huyện", "Thanh tra huyện",
                                     "Phòng Tài chính - Kế hoạch huyện"]
    # "Trường" (a school) is a body, not the title "Trưởng"
    assert [f[0] for f in _leads("Trường Trung học phổ thông Võ Thị Hồng tổ chức kiểm tra.")] == \
        ["Trường Trung học phổ thông Võ Thị Hồng"]
    found = _leads("Yêu cầu UBND các xã: Vĩnh Viễn, Vĩnh Thuận Tây, Xà Phiên rà soát hộ nghèo.")
    assert [f[0] for f in found] == ["UBND xã Vĩnh Viễn", "UBND xã Vĩnh Thuận Tây",
                                     "UBND xã Xà Phiên"]
    assert [f[1] for f in _leads("Nhiệm vụ rà soát quy hoạch được giao cho Sở Xây dựng, hoàn "
                                 "thành trước ngày 30/6/2025.")] == ["so-xay-dung"]
    assert [f[1] for f in _leads("Việc tổng hợp báo cáo giao Văn phòng UBND tỉnh thực "
                                 "hiện.")] == ["van-phong-ubnd-tinh"]


def test_statistics_praise_and_a_reports_contents_are_not_tasks():
    assert _leads("Sở Y tế tổ chức 120 cuộc kiểm tra trong năm 2023, phát hiện 15 vi phạm.") == []
    assert _leads("Chủ tịch UBND tỉnh đánh giá cao sự nỗ lực của Sở Y tế.") == []
    assert _leads("Sở Y tế báo cáo: trong quý III, toàn tỉnh ghi nhận 200 ca bệnh.") == []
    # ordered or ahead, counts are the work itself
    assert len(_leads("Giao Sở Y tế tổ chức 10 cuộc kiểm tra tại 5 cơ sở.")) == 1
    assert len(_leads("Sở Y tế tiếp tục tổ chức 10 cuộc kiểm tra tại 5 cơ sở.")) == 1
    assert len(_leads("Sở Y tế báo cáo UBND tỉnh trước ngày 10/10/2024.")) == 1
    assert _leads("Sở Y tế cho rằng cần tăng cường kiểm tra.") == []
    assert len(_leads("Sở Tư pháp cho ý kiến về dự thảo trước ngày 15/10/2024.")) == 1


def test_attribution_before_the_subject_and_the_authorities_of_every_level():
    found = _leads("Theo Chủ tịch UBND tỉnh, thời gian tới, các địa phương cần chủ động rà soát "
                   "các khu vực có nguy cơ sạt lở.")
    assert [f[1] for f in found] == ["ubnd-cap-huyen"]
    found = _leads("Bí thư Tỉnh ủy đề nghị các cấp ủy, chính quyền các cấp tiếp tục quan tâm lãnh "
                   "đạo công tác này.")
    assert [f[0] for f in found] == ["các cấp ủy", "chính quyền các cấp"]


def test_plans_written_as_fields_a_table_or_chu_tri_lines():
    plan = ("Kế hoạch như sau:\n\n"
            "| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Rà soát quy định về định mức | Sở Tài chính | Sở Xây dựng | Tháng 12/2024 |\n"
            "| 2 | Xây dựng kế hoạch chuyển đổi số | Sở TT&TT; UBND các huyện, thị xã, thành phố "
            "| Các sở, ban, ngành tỉnh | Quý I/2025 |\n\n"
            "1. Rà soát quy định.\n- Chủ trì: Sở Tài chính.\n- Phối hợp: Sở Xây dựng.\n"
            "- Thời gian hoàn thành: tháng 12/2024.\n\n"
            "2. Tổng kết năm (Chủ trì: Sở Nội vụ; phối hợp: các sở, ngành; thời gian: quý I/2025).")
    found = [(t.line, t.lead_slug, t.support_slugs, t.deadline, t.deadline_text, t.action)
             for t in task_eval.extractor().extract(plan, 1, D(2024, 9, 1))]
    assert found == [
        (5, "so-tai-chinh", ("so-xay-dung",), D(2024, 12, 31), "Tháng 12/2024",
         "Rà soát quy định về định mức"),
        (6, "so-thong-tin-va-truyen-thong", ("cac-so-nganh",), D(2025, 3, 31), "Quý I/2025",
         "Xây dựng kế hoạch chuyển đổi số"),
        (6, "ubnd-cap-huyen", ("cac-so-nganh",), D(2025, 3, 31), "Quý I/2025",
         "Xây dựng kế hoạch chuyển đổi số"),
        (8, "so-tai-chinh", ("so-xay-dung",), D(2024, 12, 31), "tháng 12/2024",
         "Rà soát quy định"),
        (13, "so-noi-vu", ("cac-so-nganh",), D(2025, 3, 31), "quý I/2025", "Tổng kết năm"),
    ]
    # a table without a "chủ trì" column is not a plan of tasks
    assert _leads("| Đơn vị | Số vụ |\n|---|---|\n| Sở Y tế | 12 |") == []
    # who chairs a meeting is not a task
    assert _leads("Thời gian: 8 giờ 00 ngày 15/7/2024.\n\nĐịa điểm: Phòng họp số 1, UBND tỉnh.\n\n"
                  "Chủ trì: Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh.") == []
    assert _leads("Ngày 10/7/2024, UBND tỉnh tổ chức cuộc họp (chủ trì: Chủ tịch UBND tỉnh) về "
                  "giải phóng mặt bằng.") == []


def test_a_whole_sector_and_collectives_of_organisations():
    found = _leads("Theo đó, Bộ Y tế yêu cầu toàn Ngành Y tế và các cơ quan, tổ chức, cá nhân liên "
                   "quan chủ động xây dựng các phương án bảo vệ.")
    assert [f[0] for f in found] == ["Ngành Y tế", "các cơ quan, tổ chức, cá nhân liên quan"]
    found = _leads("UBND tỉnh đề nghị ngành giao thông vận tải chỉ đạo các đơn vị quản lý hạ tầng "
                   "giao thông.")
    assert [f[0] for f in found] == ["ngành giao thông vận tải"]
    assert _leads("Ngành nghề nông thôn phát triển mạnh trong năm qua.") == []


def test_a_body_in_a_purpose_clause_has_its_own_task_and_date():
    # the rules' own `certain`: the bare "Sở" read as the one just named is their guess
    tasks = task_eval.extractor(doubts=False).extract(
        "Sở Y tế gửi hồ sơ về Sở Tài chính trước ngày 15/9/2024 để Sở tổng hợp trình UBND tỉnh "
        "trước ngày 30/9/2024.")
    assert [(t.lead_slug, t.deadline, t.certain) for t in tasks] == [
        ("so-y-te", D(2024, 9, 15), True), ("so-tai-chinh", D(2024, 9, 30), False)]
    # the issuer considering is no task; a purpose without a body is none either
    assert len(_leads("Giao Sở Y tế báo cáo UBND tỉnh để UBND tỉnh xem xét, chỉ đạo.")) == 1
    assert len(_leads("Giao Sở Xây dựng hướng dẫn để Sở có cơ sở triển khai.")) == 1


def test_accountability_is_not_a_task_but_the_work_after_it_is():
    assert _leads("Thủ trưởng cơ quan, đơn vị chịu trách nhiệm đối với những trường hợp báo cáo "
                  "không trung thực; bỏ sót sai phạm.") == []
    found = _leads("Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm trước Chủ tịch "
                   "UBND tỉnh nếu để xảy ra vụ việc phức tạp; thực hiện chế độ báo cáo nhanh hằng "
                   "ngày về Công an tỉnh.")
    assert [f[1] for f in found] == ["ubnd-cap-huyen"]
    # a body answerable for doing work has a task
    assert _leads("Sở Tài chính chịu trách nhiệm rà soát, tổng hợp dự toán.")[0][1] == \
        "so-tai-chinh"


def test_a_local_unit_named_bo_is_not_a_ministry():
    assert _leads("Giao Bộ phận Một cửa các cấp hướng dẫn người dân.")[0][2] is False


def test_jurisdiction_and_abbreviations_are_checked_where_written():
    from generator.load import TopicsDocument
    from generator.validate.agencies import build_agencies, build_scope

    doc = TopicsDocument("notices/agencies.yml", {
        "jurisdiction": 12, "abbreviations": ["TN&MT"],
        "so-y-te": {"name": "Sở Y tế", "kind": "so-nganh"}}, {"jurisdiction": 3,
                                                            "abbreviations": 4})
    agencies, found = build_agencies(doc)
    assert list(agencies) == ["so-y-te"] and not found      # settings are not agencies
    scope, found = build_scope(doc)
    assert scope.jurisdiction == () and scope.abbreviations == ()
    assert [(d.line, d.code, d.field) for d in found] == [(3, "NA701", "jurisdiction"),
                                                         (4, "NA701", "abbreviations")]
    assert all("phải là" in d.message for d in found)


@pytest.mark.parametrize("written, register", [
    ("Bộ Nông nghiệp & PTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Bộ Thông tin Truyền thông", "Bộ Thông tin và Truyền thông"),
    ("Sở Tài nguyên - Môi trường", "Sở Tài nguyên và Môi trường"),
    ("Bộ Giao thông Vận tải", "Bộ Giao thông vận tải"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Phòng Kế hoạch - Đầu tư", "Phòng Kế hoạch - Đầu tư"),   # not a name fixed by law: as written
])
def test_official_names_written_without_their_conjunction_read_as_one_name(written, register):
    from generator.abbreviations import expand
    assert expand(written) == register


@pytest.mark.parametrize("sentence, lead", [
    ("Văn phòng UBND tỉnh được giao hoàn thiện hệ thống báo cáo, xây dựng chỉ số điều hành.",
     "Văn phòng UBND tỉnh"),
    ("Sở Nội vụ được giao phối hợp với các cơ quan nghiên cứu, tham mưu việc sắp xếp bộ máy.",
     "Sở Nội vụ"),
    ("Công an tỉnh được phân công chủ trì, phối hợp với Sở Tư pháp rà soát các vụ việc.",
     "Công an tỉnh"),
])
def test_a_body_named_in_full_before_duoc_giao_is_the_lead(sentence, lead):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead for t in tasks] == [lead]
    assert "được" in tasks[0].text


def test_a_collective_narrowed_by_duoc_giao_keeps_its_qualifier():
    tasks = task_eval.extractor().extract(
        "Các đơn vị được giao kiểm tra, giám sát hoạt động khai thác, kiên quyết xử lý vi phạm.")
    assert [t.lead for t in tasks] == ["Các đơn vị được giao kiểm tra, giám sát hoạt động khai thác"]


@pytest.mark.parametrize("sentence", [
    "Các vấn đề cần giải quyết tập trung vào việc bồi thường, hỗ trợ tái định cư.",
    "Các chế độ báo cáo sẽ được rà soát, giảm thiểu nếu đã có dữ liệu số.",
    "Các tiêu chí phải hoàn thành trước ngày 30/6/2024.",
    "Các yêu cầu cần bảo đảm tiến độ, chất lượng.",
    "Lực lượng tăng cường tuần tra, kiểm soát trên các tuyến đường.",
    "I. MỤC ĐÍCH,\nYÊU CẦU VÀ TIÊU CHÍ CỤ THỂ\n1. Mục đích",
])
def test_abstract_nouns_headings_and_a_bare_force_are_not_leads(sentence):
    assert task_eval.extractor().extract(sentence) == []


def test_a_named_force_is_still_a_lead():
    tasks = task_eval.extractor().extract("Lực lượng Công an tỉnh tăng cường tuần tra.")
    assert [t.lead for t in tasks] == ["Công an tỉnh"]


@pytest.mark.parametrize("sentence, leads", [
    ("UBND các tỉnh gồm Nghệ An, Hà Tĩnh và Quảng Bình chủ động sơ tán dân.",
     ["UBND tỉnh Nghệ An", "UBND tỉnh Hà Tĩnh", "UBND tỉnh Quảng Bình"]),
    ("Do đó, UBND các tỉnh, thành phố có dự án gồm: Đà Nẵng, Quảng Nam, Bình Định cần lập kế "
     "hoạch khởi công.", ["UBND thành phố Đà Nẵng", "UBND tỉnh Quảng Nam", "UBND tỉnh Bình Định"]),
    ("Giao UBND các xã gồm: Vĩnh Viễn, Vĩnh Thuận Tây và Long Trị rà soát diện tích lúa.",
     ["UBND xã Vĩnh Viễn", "UBND xã Vĩnh Thuận Tây", "UBND xã Long Trị"]),
    ("UBND các tỉnh, thành phố gồm: Hải Phòng và TPHCM báo cáo Bộ Xây dựng.",
     ["UBND thành phố Hải Phòng", "UBND thành phố Hồ Chí Minh"]),
])
def test_a_collective_of_ubnd_followed_by_gom_gives_one_lead_per_place(sentence, leads):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead for t in tasks] == leads
    if "tỉnh" in sentence:   # other provinces' UBNDs: outside this archive
        assert all(t.external for t in tasks)


def test_a_gom_list_that_is_not_all_provinces_stays_the_collective():
    tasks = task_eval.extractor().extract(
        "UBND các tỉnh gồm Nghệ An, Khu kinh tế Đông Nam chủ động sơ tán dân.")
    assert [t.lead for t in tasks] != ["UBND tỉnh Nghệ An", "UBND Khu kinh tế Đông Nam"]
    assert not any(t.lead.startswith("UBND tỉnh Khu") for t in tasks)


_LEDE_REPORT = ("Chủ tịch UBND tỉnh vừa ký ban hành Công điện số 14/CĐ-UBND yêu cầu Sở Y tế, "
                "Sở Giáo dục và Đào tạo chủ động ứng phó với dịch bệnh.")


@pytest.mark.parametrize("after, kept", [
    ("Chủ tịch UBND tỉnh yêu cầu Công an tỉnh tăng cường tuần tra.", True),
    ("Theo dự báo, mưa lớn còn kéo dài đến hết tuần.", True),
    ("Trong đó, giao Sở Y tế bố trí đủ thuốc, vật tư.", False),     # the body details it
    ("1. Sở Y tế bố trí đủ thuốc, vật tư.\n2. Công an tỉnh tăng cường tuần tra.", False),
    ("Sở Y tế bố trí đủ thuốc, vật tư y tế.", None),    # Sở Y tế's task is in the body
])
def test_news_of_an_order_is_a_task_unless_the_body_gives_it(after, kept):
    """A headline line above, a lede with the document just issued: the lede reports the order
    to its bodies, unless what follows details that order."""
    body = f"Chủ động ứng phó dịch bệnh\n\n{_LEDE_REPORT}\n\n{after}"
    tasks = task_eval.extractor().extract(body)
    from_lede = {t.lead for t in tasks if t.text.startswith("Chủ tịch UBND tỉnh vừa ký")}
    if kept is True:
        assert from_lede == {"Sở Y tế", "Sở Giáo dục và Đào tạo"}
    elif kept is False:
        assert from_lede == set()
    else:
        assert from_lede == {"Sở Giáo dục và Đào tạo"}


def test_an_abbreviation_defined_in_passing_is_not_part_of_the_name():
    tasks = task_eval.extractor().extract(
        "Chủ tịch Ủy ban nhân dân (UBND) tỉnh vừa ban hành chỉ thị yêu cầu Thủ trưởng các sở, "
        "ban, ngành tỉnh quyết liệt triển khai các biện pháp phòng dịch.")
    assert [t.lead for t in tasks] == ["Các sở, ban, ngành tỉnh"]


@pytest.mark.parametrize("sentence, leads", [
    ("Bộ Y tế ra công văn khẩn về tăng cường phòng, chống dịch.", []),
    ("Sở Nội vụ vừa ban hành kế hoạch tuyển dụng công chức năm 2024.", []),
    ("UBND tỉnh đã ký quyết định phê duyệt dự án.", []),
    ("Sở Y tế ban hành kế hoạch kiểm tra an toàn thực phẩm.", ["Sở Y tế"]),   # an order
    ("Sở Y tế vừa ban hành văn bản yêu cầu các bệnh viện rà soát.", ["các bệnh viện"]),
])
def test_news_that_a_body_issued_a_document_is_not_its_task(sentence, leads):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead for t in tasks] == leads


@pytest.mark.parametrize("sentence, leads", [
    ("UBND quận yêu cầu Sở Y tế, UBND 21 phường nội dung sau:\n"
     "1. Chỉ đạo, tổ chức triển khai và phát động cán bộ tham gia Giải.",
     ["Sở Y tế", "UBND 21 phường"]),
    ("Giao UBND huyện Long Mỹ một số nhiệm vụ sau: rà soát diện tích lúa.",
     ["UBND huyện Long Mỹ"]),
    ("Đề nghị Công an tỉnh các nội dung sau: tăng cường tuần tra.", ["Công an tỉnh"]),
])
def test_the_work_named_after_its_bodies_ends_the_name(sentence, leads):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == leads


@pytest.mark.parametrize("sentence", [
    "Chủ tịch UBND tỉnh yêu cầu giám đốc, thủ trưởng các sở, ban, ngành tỉnh, chủ tịch UBND "
    "các huyện, thị xã, thành phố tập trung theo dõi tình hình.",
    "Giao các sở, ngành tỉnh, UBND các huyện rà soát diện tích.",
    "Đề nghị các sở, ban, ngành thành phố và UBND các huyện, thị xã, thành phố chủ động ứng phó.",
])
def test_a_level_word_closes_a_collective_and_the_list_goes_on(sentence):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead_slug for t in tasks] == ["cac-so-nganh", "ubnd-cap-huyen"]


@pytest.mark.parametrize("text, leads", [
    ("Đồng chí Bí thư Tỉnh ủy chỉ đạo tại buổi giao ban sáng 09/11/2024\n"
     "Yêu cầu Ủy ban nhân dân tỉnh chỉ đạo các ngành tập trung thực hiện một số vấn đề sau:\n"
     "- Đẩy mạnh rà soát các chỉ tiêu năm 2024.", ["UBND tỉnh"]),
    ("Chủ tịch UBND tỉnh chỉ đạo tại cuộc họp giao ban tuần, yêu cầu Sở Y tế tăng cường kiểm "
     "tra.", ["Sở Y tế"]),
    ("Giám đốc Sở Y tế chỉ đạo tại hội nghị, giao Trung tâm Kiểm soát bệnh tật tỉnh tăng cường "
     "giám sát.", ["Trung tâm Kiểm soát bệnh tật tỉnh"]),
    ("Bộ Chính trị giao ban thường vụ các tỉnh ủy khẩn trương hoàn thành đề án.",
     ["ban thường vụ các tỉnh ủy"]),
])
def test_who_directs_at_a_meeting_is_the_speaker_not_a_lead(text, leads):
    tasks = task_eval.extractor().extract(text)
    assert [t.lead for t in tasks] == leads


@pytest.mark.parametrize("sentence, leads", [
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam các cấp, các đoàn thể chính trị - xã hội tập "
     "trung thực hiện tốt.", ["Ủy ban Mặt trận Tổ quốc Việt Nam các cấp",
                              "các đoàn thể chính trị - xã hội"]),
    ("Đề nghị Mặt trận Tổ quốc các cấp, các ban, ngành tập trung thực hiện tốt.",
     ["Mặt trận Tổ quốc các cấp", "Các sở, ban, ngành tỉnh"]),
    ("Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các ngành, các cấp khẩn trương "
     "hoàn thành tổng kết.", ["Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các ngành, "
                              "các cấp"]),
    ("Yêu cầu các ngành, các cấp tập trung thực hiện tốt.", ["Các sở, ngành, địa phương"]),
])
def test_a_body_of_every_level_then_a_collective_are_two_leads(sentence, leads):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == leads


def test_an_introduction_run_into_its_points_announces_them_and_is_no_task():
    body = ("Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Chủ tịch UBND các huyện khẩn trương "
            "triển khai các nội dung sau:\nSở Y tế bố trí đủ thuốc, vật tư. Công an tỉnh tăng "
            "cường tuần tra, kiểm soát.")
    tasks = task_eval.extractor().extract(body)
    assert [t.lead for t in tasks] == ["Sở Y tế", "Công an tỉnh"]


def test_points_with_no_subject_run_into_an_introduction_are_its_leads_task():
    tasks = task_eval.extractor().extract(
        "Chủ tịch UBND tỉnh yêu cầu Sở Y tế khẩn trương triển khai các nội dung sau: Bố trí đủ "
        "thuốc, vật tư. Tăng cường kiểm tra an toàn thực phẩm.")
    assert [t.lead for t in tasks] == ["Sở Y tế"]
    assert "Tăng cường kiểm tra" in tasks[0].text


@pytest.mark.parametrize("line", ["Cập nhật ngày: 07/08/2024 05:40:48", "Đăng ngày: 27/04/2024",
                                  "Cập nhật lúc 10:20 ngày 5/5/2024", "Nguồn: Báo Đồng Tháp"])
def test_a_news_page_own_lines_do_not_continue_a_task(line):
    tasks = task_eval.extractor().extract(f"Sở Y tế tăng cường kiểm tra an toàn thực phẩm.\n{line}")
    assert [t.lead for t in tasks] == ["Sở Y tế"]
    assert line not in tasks[0].text


@pytest.mark.parametrize("sentence, leads", [
    ("Giao UBND các huyện: Long Mỹ, Vị Thủy và Châu Thành rà soát diện tích.",
     ["UBND huyện Long Mỹ", "UBND huyện Vị Thủy", "UBND huyện Châu Thành"]),
    ("Yêu cầu UBND các xã: Vĩnh Viễn và Long Trị báo cáo trước ngày 15/3/2024.",
     ["UBND xã Vĩnh Viễn", "UBND xã Long Trị"]),
])
def test_a_list_of_places_ends_with_va_before_its_last_place(sentence, leads):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == leads


def test_va_inside_a_department_name_of_a_shared_list_stays_in_the_name():
    tasks = task_eval.extractor().extract("Giao các Sở: Xây dựng, Tài nguyên và Môi trường rà soát.")
    assert [t.lead for t in tasks] == ["Sở Xây dựng", "Sở Tài nguyên và Môi trường"]


@pytest.mark.parametrize("sentence, lead", [
    ("Giao Bộ trưởng Bộ Tài chính thừa ủy quyền Thủ tướng Chính phủ ký Tờ trình.", "Bộ Tài chính"),
    ("Giao Giám đốc Sở Tư pháp thay mặt UBND tỉnh ký văn bản trả lời.", "Sở Tư pháp"),
    ("Giao Sở Nội vụ thừa uỷ quyền UBND tỉnh ký quyết định khen thưởng.", "Sở Nội vụ"),
])
def test_on_whose_behalf_ends_the_name(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


def test_a_dated_news_sentence_then_the_order_it_carried():
    tasks = task_eval.extractor().extract(
        "Ngày 28-1, UBND tỉnh ban hành Công văn số 65/UBND-VP về bảo đảm an toàn giao thông. "
        "Theo đó, UBND tỉnh yêu cầu Công an tỉnh tăng cường tuần tra, kiểm soát.")
    assert [t.lead for t in tasks] == ["Công an tỉnh"]


def test_a_dated_earlier_order_whose_body_is_given_a_task_later_is_background():
    tasks = task_eval.extractor().extract(
        "Ngày 09/11/2023, UBND tỉnh ban hành Kế hoạch số 261/KH-UBND. Theo đó giao Sở Tài chính "
        "tổng hợp kết quả thực hiện.\n\nĐến nay Sở Tài chính chưa báo cáo. UBND tỉnh yêu cầu Sở "
        "Tài chính khẩn trương thực hiện theo chỉ đạo.")
    assert [t.lead for t in tasks] == ["Sở Tài chính"]
    assert "khẩn trương" in tasks[0].text


def test_a_dated_meeting_line_is_still_a_preamble():
    tasks = task_eval.extractor().extract(
        "Ngày 15/3/2024, Sở Y tế họp với các bệnh viện. Tham dự có lãnh đạo các sở.")
    assert tasks == []


@pytest.mark.parametrize("headline", [
    "Các cấp ủy trực thuộc Tỉnh ủy tích cực chuẩn bị Đại hội Đảng bộ cấp cơ sở",
    "Sở Y tế tăng cường kiểm tra an toàn thực phẩm dịp Tết",
])
def test_a_news_headline_above_the_body_is_not_a_task(headline):
    tasks = task_eval.extractor().extract(
        f"{headline}\n\nUBND tỉnh yêu cầu Công an tỉnh tăng cường tuần tra, kiểm soát.")
    assert [t.lead for t in tasks] == ["Công an tỉnh"]


def test_a_first_line_that_assigns_is_not_a_headline():
    tasks = task_eval.extractor().extract(
        "Giao Sở Y tế rà soát hồ sơ\n\nCông an tỉnh tăng cường tuần tra, kiểm soát.")
    assert [t.lead for t in tasks] == ["Sở Y tế", "Công an tỉnh"]


@pytest.mark.parametrize("sentence", [
    "Trước đó, ngày 11.12.2023, Sở Kế hoạch và Đầu tư có công văn đề nghị các đơn vị báo cáo.",
    "Trước đó, UBND tỉnh đã giao Sở Y tế rà soát các cơ sở.",
    "Trước đây, Sở Xây dựng chủ trì kiểm tra các công trình.",
])
def test_background_introduced_by_truoc_do_is_not_a_task(sentence):
    assert task_eval.extractor().extract(sentence) == []


@pytest.mark.parametrize("sentence, lead", [
    ("Bộ Nông nghiệp và Phát triển nông thôn đề nghị các địa phương chủ động ứng phó hạn hán.",
     "các địa phương"),
    ("Thủ tướng Chính phủ yêu cầu các đơn vị liên quan tăng cường kiểm tra.",
     "các đơn vị liên quan"),
    ("Theo đó, Văn phòng Chính phủ đề nghị các địa phương báo cáo kết quả.", "các địa phương"),
])
def test_a_local_collective_asked_by_a_central_body_is_kept_as_written(sentence, lead):
    tasks = task_eval.extractor().extract(sentence)
    assert [(t.lead, t.lead_slug) for t in tasks] == [(lead, None)]


def test_the_same_collective_asked_by_this_province_stays_local():
    tasks = task_eval.extractor().extract("UBND tỉnh đề nghị các địa phương chủ động ứng phó.")
    assert [t.lead_slug for t in tasks] == ["ubnd-cap-huyen"]


@pytest.mark.parametrize("sentence", [
    "UBND các tỉnh, TP trực thuộc Trung ương chỉ đạo Ban An toàn giao thông xây dựng kế hoạch.",
    "Đề nghị UBND các tỉnh/thành phố chỉ đạo các sở rà soát.",
    "UBND các tỉnh, thành phố trực thuộc TW chỉ đạo rà soát các công trình giao thông.",
])
def test_the_all_provinces_collective_is_addressed_not_speaking(sentence):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead_slug for t in tasks] == ["ubnd-tinh"]
    assert tasks[0].lead.startswith("UBND các tỉnh")


# ------------------------------------------------------------------ round 4 (blind2 + blind3)

@pytest.mark.parametrize("sentence, leads", [
    ("Sở GD&ĐT yêu cầu các trường THPT, các trung tâm GDTX tổ chức ôn tập cho học sinh.",
     ["các trường trung học phổ thông", "các trung tâm Giáo dục thường xuyên"]),
    ("Các trường THCS tổ chức kiểm tra\ncơ sở vật chất trước ngày 15/8/2024.",
     ["Các trường trung học cơ sở"]),
    ("Giao Hiệu trưởng các trường THCS tổ chức tập huấn cho giáo viên.",
     ["các trường trung học cơ sở"]),
])
def test_schools_are_bodies_and_their_abbreviations_spelt_out(sentence, leads):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead for t in tasks] == leads


@pytest.mark.parametrize("sentence", [
    "Các trường hợp vi phạm phải được xử lý nghiêm.",
    "Đối với các trường hợp chưa nộp hồ sơ, tiếp tục hướng dẫn.",
])
def test_cac_truong_hop_is_no_body(sentence):
    assert all(not t.lead.lower().startswith("các trường") for t in
               task_eval.extractor().extract(sentence))


@pytest.mark.parametrize("name, whole", [
    ("Công an 19 tỉnh, thành phố", "Công an 19 tỉnh, thành phố"),
    ("Trưởng phòng GDĐT 24 quận, huyện", "Phòng Giáo dục và Đào tạo 24 quận, huyện"),
    ("UBND 5 huyện, thị xã", "UBND 5 huyện, thị xã"),
])
def test_a_count_of_units_of_several_kinds_is_one_body(name, whole):
    tasks = task_eval.extractor().extract(f"Yêu cầu {name} hoàn thành cấp thẻ trước ngày 30/6/2022.")
    assert [t.lead for t in tasks] == [whole]


@pytest.mark.parametrize("body", [
    # news of a letter, its addressees after "gửi", then the order to "các đơn vị"
    "Theo công văn Sở GDĐT gửi Trưởng phòng GDĐT các quận, huyện; Hiệu trưởng các trường THPT; "
    "Giám đốc Trung tâm GDTX, đến nay vẫn còn nhiều đơn vị chưa nộp báo cáo.\n\n"
    "Vì vậy, Sở đề nghị thủ trưởng các đơn vị nghiêm túc thực hiện báo cáo.",
    # wrapped lines, "gửi đến", a comma list
    "Sở Y tế vừa có văn bản gửi đến\nGiám đốc các bệnh viện; Trưởng phòng Y tế các huyện; "
    "Giám đốc Trung tâm Y tế huyện về việc tiêm chủng.\n\n"
    "Sở Y tế đề nghị các đơn vị khẩn trương rà soát, báo cáo.",
])
def test_a_letters_addressees_after_gui_are_whom_cac_don_vi_means(body):
    tasks = task_eval.extractor().extract(body)
    orders = [t for t in tasks if "rà soát" in t.text or "nghiêm túc" in t.text]
    assert len(orders) == 3 and all(not t.certain for t in orders)
    assert all(not t.lead.startswith("các đơn vị") for t in orders)
    # the news sentence that lists them reports, it gives no task
    assert not [t for t in tasks if "chưa nộp" in t.text or "về việc tiêm" in t.text]


def test_a_term_stated_before_the_report_dates_it():
    body = ("Thời hạn nộp báo cáo: Trước ngày 26/12/2018. Tuy nhiên đến nay nhiều đơn vị chưa "
            "nộp.\n\nVì vậy, Sở Giáo dục và Đào tạo đề nghị Phòng Giáo dục huyện A nghiêm túc "
            "thực hiện báo cáo theo văn bản số 4382.")
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.deadline, t.certain) for t in tasks] == [
        ("Phòng Giáo dục huyện A", D(2018, 12, 26), False)]
    # an order that is no report is not dated by it
    other = body.replace("thực hiện báo cáo theo", "tổ chức tập huấn theo")
    assert [t.deadline for t in task_eval.extractor().extract(other)] == [None]


@pytest.mark.parametrize("body, expected", [
    # a timeline line; a window ends on its last day
    ("Ngày 8/7-17/7/2017: Các trường THPT, các trung tâm GDTX nhận đơn phúc khảo bài thi.",
     [("Các trường trung học phổ thông", D(2017, 7, 17)),
      ("các trung tâm Giáo dục thường xuyên", D(2017, 7, 17))]),
    ("Ngày 18-19/6/2024: Các trường THCS tổ chức kiểm tra\ncơ sở vật chất các điểm thi.",
     [("Các trường trung học cơ sở", D(2024, 6, 19))]),
    # "hạn cuối" after the date, also inside a sentence; the year from the notice
    ("Ngày 7/6: Hạn cuối các trường THPT in và phát Giấy báo dự thi.",
     [("Các trường trung học phổ thông", D(2024, 6, 7))]),
    ("Theo hướng dẫn, ngày 25/5/2024 là hạn cuối Sở Y tế hoàn thành rà soát hồ sơ.",
     [("Sở Y tế", D(2024, 5, 25))]),
    ("- Trước ngày 20/5/2024: UBND các huyện gửi báo cáo kết quả về Sở Nội vụ.",
     [("UBND các huyện, thị xã, thành phố", D(2024, 5, 20))]),
])
def test_a_timeline_line_gives_its_subject_a_task_by_its_date(body, expected):
    tasks = task_eval.extractor().extract(body, 1, D(2024, 3, 1))
    assert [(t.lead, t.deadline) for t in tasks] == expected


@pytest.mark.parametrize("body", [
    "Ngày 27/5/2024: Kết thúc việc kiểm tra, cập nhật dữ liệu đăng ký dự thi.",
    "Ngày 11/7/2024: Công bố kết quả xét công nhận tốt nghiệp.",
    "Ngày 15/3/2024, UBND tỉnh đã tổ chức hội nghị tổng kết.",
])
def test_a_timeline_line_with_no_body_or_a_dated_report_is_no_task(body):
    assert task_eval.extractor().extract(body, 1, D(2024, 3, 1)) == []


@pytest.mark.parametrize("sentence, lead", [
    ("Thủ tướng yêu cầu Bộ trưởng Công an quyết liệt chỉ đạo công an các địa phương.",
     "Bộ Công an"),
    ("Thủ tướng Chính phủ yêu cầu Bộ trưởng Y tế\nkhẩn trương hướng dẫn các địa phương.",
     "Bộ Y tế"),
    ("Phó Thủ tướng đề nghị Bộ trưởng GTVT chỉ đạo rà soát các tuyến đường.",
     "Bộ Giao thông vận tải"),
    ("Bộ trưởng Bộ Y tế chỉ đạo tăng cường kiểm tra.", "Bộ Y tế"),
])
def test_the_minister_of_a_field_stands_for_its_ministry(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


@pytest.mark.parametrize("sentence, lead", [
    ("Với Bộ Công an, tiếp tục mở các đợt cao điểm tấn công trấn áp tội phạm.", "Bộ Công an"),
    ("Với Sở Y tế, khẩn trương hướng dẫn\ncác cơ sở khám chữa bệnh.", "Sở Y tế"),
])
def test_voi_x_names_the_topic_body_like_doi_voi(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


@pytest.mark.parametrize("body", [
    "Sẵn sàng phương án đưa học sinh đi học trở lại\n(NLĐO) - Thủ tướng Chính phủ yêu cầu Bộ "
    "GD-ĐT phối hợp với Bộ Y tế tiêu độc, khử trùng trường học.",
    "Sẵn sàng phương án đưa học sinh đi học trở lại (TTXVN) – Thủ tướng Chính phủ yêu cầu Bộ "
    "GD-ĐT phối hợp với Bộ Y tế tiêu độc, khử trùng trường học.",
])
def test_a_headline_run_into_the_dateline_is_read_past(body):
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.support) for t in tasks] == [("Bộ Giáo dục và Đào tạo", ("Bộ Y tế",))]
    assert tasks[0].text.startswith(("(NLĐO)", "(TTXVN)"))


@pytest.mark.parametrize("sentence, lead", [
    ("Phó Chủ tịch UBND tỉnh An Giang Nguyễn Văn A yêu cầu Sở Y tế tăng cường kiểm tra.",
     "Sở Y tế"),
    ("Chủ tịch UBND tỉnh Lê Văn Bình đề nghị Công an tỉnh\nxử lý nghiêm vi phạm.", "Công an tỉnh"),
])
def test_a_persons_name_between_the_speaker_and_the_marker_is_read_past(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


def test_membership_says_which_bodies_and_a_bare_membership_is_no_task():
    ex = task_eval.extractor()
    assert [t.lead for t in ex.extract(
        "Yêu cầu các sở, ngành là thành viên Ban Chỉ đạo tỉnh tăng cường kiểm tra.")] == [
        "các sở, ngành là thành viên Ban Chỉ đạo tỉnh"]
    assert [t.lead for t in ex.extract(
        "Các sở, ngành là thành viên Ban Chỉ đạo tỉnh tăng cường kiểm tra.")] == [
        "Các sở, ngành là thành viên Ban Chỉ đạo tỉnh"]
    assert ex.extract("Sở Y tế là thành viên Ban Chỉ đạo tỉnh.") == []


@pytest.mark.parametrize("sentence, leads", [
    ("Đồng chí Bí thư yêu cầu Ban Tổ chức Tỉnh ủy và Tiểu ban Nhân sự Đại hội hoàn thiện hồ sơ.",
     ["Ban Tổ chức Tỉnh ủy", "Tiểu ban Nhân sự Đại hội"]),
    ("Yêu cầu hiệu trưởng các trường THPT chuyên và trường THCS\nchủ động tiếp nhận học sinh.",
     ["các trường trung học phổ thông chuyên", "trường trung học cơ sở"]),
    ("Chủ tịch UBND tỉnh chỉ đạo các sở, ban, ngành, Mặt trận, đoàn thể và các địa phương tăng "
     "cường công tác phòng cháy.",
     ["các sở, ban, ngành, Mặt trận, đoàn thể", "UBND các huyện, thị xã, thành phố"]),
])
def test_two_bodies_joined_by_va_are_two_leads(sentence, leads):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == leads


def test_the_front_with_its_full_name_still_ends_a_collective():
    tasks = task_eval.extractor().extract(
        "Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ, Mặt trận và các đoàn thể huyện "
        "tổ chức quán triệt.")
    assert "Mặt trận" not in tasks[0].lead


@pytest.mark.parametrize("sentence, lead", [
    ("Bộ GD&ĐT đề nghị các Sở GDĐT tổ chức rút kinh nghiệm.", "các Sở Giáo dục và Đào tạo"),
    ("Các Sở Y tế cần chỉ đạo\ncác bệnh viện rà soát thuốc.", "Các Sở Y tế"),
])
def test_every_provinces_department_is_one_collective_named_as_written(sentence, lead):
    tasks = task_eval.extractor().extract(sentence)
    assert [t.lead for t in tasks] == [lead]
    # like "UBND các tỉnh", it includes this province's own department
    assert tasks[0].lead_slug is not None


def test_a_shared_head_with_a_list_is_still_one_task_each():
    tasks = task_eval.extractor().extract("Giao các Sở Xây dựng, Tài chính rà soát.")
    assert [t.lead for t in tasks] == ["Sở Xây dựng", "Sở Tài chính"]


@pytest.mark.parametrize("body", [
    "Ngày 14/10, Bộ GD&ĐT có văn bản gửi các Sở GD&ĐT về việc báo cáo sĩ số.\n\n"
    "Bộ GD&ĐT đề nghị các sở báo cáo nhanh tình hình biến động sĩ số.",
    "Bộ Y tế vừa có công văn gửi các Sở Y tế về việc phòng dịch.\n\nĐể tổng hợp, Bộ Y tế đề "
    "nghị các sở\nbáo cáo số ca mắc.",
])
def test_bare_cac_so_means_the_departments_the_letter_was_sent_to(body):
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.certain) for t in tasks if "báo cáo" in t.action] == [
        (tasks[-1].lead, False)]
    assert tasks[-1].lead.startswith("các Sở")


@pytest.mark.parametrize("body", [
    "Sở Y tế cần chỉ đạo các bệnh viện rút kinh nghiệm.\n\n"
    "Đối với công tác phòng dịch, cần báo cáo đầy đủ số ca mắc.",
    "Sở Y tế cần chỉ đạo các bệnh viện rút kinh nghiệm.\n\n"
    "Công tác tiêm chủng,báo cáo về kết quả tiêm.",
])
def test_a_follow_on_paragraph_that_names_its_topic_first_keeps_the_lead(body):
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.certain) for t in tasks] == [("Sở Y tế", True), ("Sở Y tế", False)]


def test_v_v_is_a_letters_subject_line_not_section_five():
    from generator.outline import blocks
    found = blocks("Số: 12/SYT\nV/v: tăng cường phòng dịch\n\nKính gửi: Các bệnh viện", 1)
    assert all(b.point != "V" for b in found)


@pytest.mark.parametrize("sentence, leads", [
    ("Các Bộ: Y tế, Giao thông vận tải và các Bộ, cơ quan, địa phương liên quan trên cơ sở "
     "báo cáo và kiến nghị của Bộ Công Thương, chủ động triển khai các nhiệm vụ.",
     ["Bộ Y tế", "Bộ Giao thông vận tải", "các Bộ, cơ quan, địa phương liên quan"]),
    ("Sở Y tế căn cứ chức năng, nhiệm vụ được giao,\nkhẩn trương hướng dẫn các bệnh viện.",
     ["Sở Y tế"]),
    ("Sở Tài chính trên tinh thần tiết kiệm, rà soát lại các khoản chi.", ["Sở Tài chính"]),
])
def test_an_adverbial_between_the_subject_and_its_verb_is_read_past(sentence, leads):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == leads


@pytest.mark.parametrize("sentence, lead", [
    ("Bộ Công Thương chỉ đạo các đơn vị đẩy mạnh kết nối tiêu thụ.", "Bộ Công Thương"),
    ("UBND tỉnh An Giang chỉ đạo các cơ quan chuyên môn\ntổ chức thực hiện.", "UBND tỉnh An Giang"),
    ("Bộ Y tế chỉ đạo các cơ sở khám chữa bệnh tăng cường thu dung.", "Bộ Y tế"),
    # the archive's own UBND directing is the issuer speaking; named bodies and references
    # back are the ones who work
    ("UBND tỉnh chỉ đạo các đơn vị tăng cường kiểm tra.", "các đơn vị"),
    ("Bộ Y tế chỉ đạo các đơn vị liên quan tăng cường kiểm tra.", "các đơn vị liên quan"),
])
def test_a_body_directing_its_own_units_does_the_work(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


@pytest.mark.parametrize("body", [
    "Dự phiên họp có: Phó Thủ tướng Trần Hồng Hà; các bộ trưởng, thủ trưởng cơ quan ngang bộ; "
    "chủ tịch UBND các địa phương; đại diện các ban quản lý dự án.",
    "Cùng dự hội nghị có\nlãnh đạo Sở Y tế, Sở Tài chính và UBND các huyện.",
    "Dự buổi làm việc gồm: Giám đốc Sở Xây dựng, Giám đốc Sở Giao thông vận tải.",
])
def test_who_attended_is_no_task(body):
    assert task_eval.extractor().extract(body) == []


def test_a_citys_departments_are_named_as_written():
    tasks = task_eval.extractor().extract(
        "Chủ tịch UBND TP yêu cầu giám đốc, thủ trưởng các sở, ban, ngành thành phố, chủ tịch "
        "UBND các phường, xã tập trung theo dõi tình hình.")
    assert [t.lead for t in tasks] == ["các sở, ban, ngành thành phố", "UBND các phường, xã"]


@pytest.mark.parametrize("sentence, lead", [
    ("Theo đó, Sở Y tế nhắc nhở các bệnh viện khẩn trương rà soát thuốc.", "các bệnh viện"),
    ("UBND tỉnh nhắc nhở Sở Y tế\nhoàn thành báo cáo.", "Sở Y tế"),
])
def test_nhac_nho_asks_like_de_nghi(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


def test_a_notice_to_tat_ca_bodies_names_whom_cac_don_vi_means():
    body = ("Sở Giáo dục vừa thông báo lần 2 đến tất cả cơ sở giáo dục về việc thu thập dữ "
            "liệu.\n\nSở Giáo dục đề nghị thủ trưởng các đơn vị khẩn trương rà soát, cập nhật.")
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.certain) for t in tasks] == [("các cơ sở giáo dục", False)]


@pytest.mark.parametrize("body", [
    "Giám đốc Sở yêu cầu các trường THPT tổ chức tiếp nhận học sinh trúng tuyển.\n\n"
    "Thời gian các trường nhận hồ sơ từ ngày 26 đến ngày 28.6-2024.",
    "Giao Sở Y tế tổ chức tiêm chủng.\n\nThời gian tiêm chủng\ntừ ngày 26 đến ngày 28/6/2024.",
])
def test_a_thoi_gian_paragraph_dates_the_task_before_it(body):
    tasks = task_eval.extractor().extract(body)
    assert [(t.deadline, t.certain) for t in tasks] == [(D(2024, 6, 28), False)]


def test_thoi_gian_qua_is_no_deadline():
    body = "Giao Sở Y tế tổ chức tiêm chủng.\n\nThời gian qua, từ ngày 2 đến ngày 8/6/2024 đã tiêm."
    assert [t.deadline for t in task_eval.extractor().extract(body)] == [None]


def test_a_date_in_the_work_wins_over_one_in_the_sentence_opening():
    """The opening dates the meeting or the plan discussed; the work's own date is its deadline
    (blind8's first run took "cuối năm 2025" here, the one wrong day of that run)."""
    body = ("Tại cuộc họp về kế hoạch tháng 9/2025 và các tháng cuối năm 2025, Chủ tịch UBND "
            "tỉnh yêu cầu Sở Xây dựng hoàn thành việc sửa chữa các tuyến đường trước 30/9.")
    tasks = task_eval.extractor().extract(body, 1, D(2025, 9, 10))
    assert [(t.deadline, t.deadline_text) for t in tasks] == [(D(2025, 9, 30), "trước 30/9")]


def test_a_phrase_in_the_work_leaves_the_sentence_date():
    body = "Giao Sở Y tế chủ trì, trước ngày 15/3/2025, thường xuyên kiểm tra an toàn thực phẩm."
    assert [t.deadline for t in task_eval.extractor().extract(body)] == [D(2025, 3, 15)]


@pytest.mark.parametrize("sentence, lead", [
    ("Sở NN&PTNT đề nghị UBND các huyện, thành phố có rừng thực hiện nghiêm quy chế.",
     "UBND các huyện, thành phố có rừng"),
    ("Giao UBND các xã có đê\ntổ chức trực ban 24/24 giờ.", "UBND các xã có đê"),
    # "có kế hoạch" is the work, not a qualifier of the name
    ("Yêu cầu UBND các huyện có kế hoạch kiểm tra.", "UBND các huyện, thị xã, thành phố"),
])
def test_a_qualifier_with_co_narrows_a_collective_and_stays_in_its_name(sentence, lead):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == [lead]


def test_long_lines_that_end_a_sentence_are_paragraphs_and_short_ones_wrap():
    from generator.outline import blocks
    long_line = ("Sở Xây dựng đề nghị UBND các quận, huyện chỉ đạo Đội Quản lý trật tự xây dựng "
                 "đô thị, Phòng Quản lý đô thị tăng cường công tác quản lý trật tự xây dựng.")
    second = ("Kịp thời phát hiện, ngăn chặn và xử lý nghiêm đối với các vi phạm trật tự xây "
              "dựng ngay từ khi mới phát sinh, không để tồn tại kéo dài, phát sinh phức tạp.")
    page = f"{long_line}\n{second}\nNghiêm túc triển khai kết luận thanh tra."
    assert len(blocks(page)) == 3
    wrapped = ("Giao Sở Y tế chủ trì, phối hợp với các đơn vị.\nTổ chức kiểm tra an toàn thực "
               "phẩm\ntrước ngày 30/9/2024.")
    assert len(blocks(wrapped)) == 1
    tasks = task_eval.extractor().extract(page)
    assert len(tasks) == 3 and {t.lead for t in tasks} == {"UBND các quận, huyện"}


@pytest.mark.parametrize("sentence, leads", [
    ("Ban Tuyên giáo Thành ủy đề nghị các cấp ủy Đảng, chính quyền, MTTQ và các tổ chức chính "
     "trị - xã hội đẩy mạnh các hoạt động tuyên truyền.",
     ["các cấp ủy Đảng", "chính quyền", "Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội"]),
    ("Yêu cầu các cấp ủy, chính quyền các cấp\ntập trung lãnh đạo, chỉ đạo.",
     ["các cấp ủy", "chính quyền các cấp"]),
    # a title still heads another title's body
    ("Chủ tịch UBND TP yêu cầu giám đốc, thủ trưởng các sở, ban, ngành thành phố tập trung "
     "theo dõi tình hình.", ["các sở, ban, ngành thành phố"]),
])
def test_the_party_government_front_formula_is_one_lead_each(sentence, leads):
    assert [t.lead for t in task_eval.extractor().extract(sentence)] == leads


@pytest.mark.parametrize("text, point", [
    ("2- Các huyện tổ chức di dời dân khỏi nơi nguy hiểm.", "2"),
    ("3 – Sở Y tế chủ trì kiểm tra.", "3"),
    ("2 - các huyện kiểm tra.", None),
    ("10 - 15 ngày sau, kiểm tra lại.", None),
])
def test_a_point_number_with_a_dash(text, point):
    from generator.outline import blocks
    assert blocks(text)[0].point == point


def test_a_dashed_point_gives_its_subject_a_task():
    tasks = task_eval.extractor().extract(
        "2- Các huyện tổ chức di dời dân khỏi những nơi nguy hiểm, xong trước 14 giờ ngày "
        "17-11-2008.")
    assert [(t.lead, t.deadline, t.point) for t in tasks] == [
        ("Các huyện", D(2008, 11, 17), "2")]


@pytest.mark.parametrize("body, leads", [
    ("Ngày 20/10, UBND tỉnh có văn bản số 13080/UBND-VP yêu cầu các sở, ngành, địa phương "
     "triển khai tổng rà soát an toàn PCCC.\n\nUBND tỉnh giao Công an tỉnh chủ trì hướng dẫn.",
     ["Các sở, ngành, địa phương", "Công an tỉnh"]),
    ("Ngày 11/8/2020, thay mặt UBND tỉnh, Phó Chủ tịch UBND tỉnh đã ký ban hành văn bản số "
     "2508/UBND-KGVX, chỉ đạo Sở Y tế; UBND các huyện tăng cường phòng dịch. Nội dung văn bản "
     "chỉ đạo như sau:", ["Sở Y tế", "UBND các huyện, thị xã, thành phố"]),
])
def test_a_dated_sentence_that_carries_the_order_is_read(body, leads):
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


def test_a_dated_report_without_an_order_is_still_no_task():
    assert task_eval.extractor().extract(
        "Ngày 15/3/2024, UBND tỉnh có văn bản số 12/UBND-VP về kết quả kiểm tra năm 2023.") == []


def test_parts_of_the_work_named_before_their_owner():
    body = ("Sở Nội vụ chủ trì xây dựng các đề án nhánh, bao gồm: Kinh tế đô thị do Sở KH-ĐT "
            "chủ trì, Hạ tầng đô thị do Sở Xây dựng\nchủ trì và Quản trị đô thị do Sở Nội vụ chủ "
            "trì; hoàn thành trước ngày 30/9/2021.")
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.action, t.deadline) for t in tasks] == [
        ("Sở Nội vụ", tasks[0].action, D(2021, 9, 30)),
        ("Sở Kế hoạch và Đầu tư", "Kinh tế đô thị", D(2021, 9, 30)),
        ("Sở Xây dựng", "Hạ tầng đô thị", D(2021, 9, 30))]


def test_a_report_of_who_led_past_work_is_no_part():
    tasks = task_eval.extractor().extract(
        "Đề án do Sở Nội vụ chủ trì xây dựng đã được HĐND tỉnh thông qua.")
    assert tasks == []


@pytest.mark.parametrize("point", [
    "b) Định kỳ hằng tháng báo cáo kết quả thực hiện về Sở Xây dựng.",
    "b) Định kỳ hằng tháng báo cáo kết quả thực hiện\nvề Sở Xây dựng.",          # wrapped
    "b) Hàng quý, báo cáo kết quả thực hiện về Sở Xây dựng.",
    "b) Mỗi tháng tổng hợp, báo cáo kết quả thực hiện về Sở Xây dựng.",
    "b) 6 tháng một lần báo cáo kết quả thực hiện về Sở Xây dựng.",
    "b) Định kỳ báo cáo kết quả thực hiện về Sở Xây dựng.",
    "- Định kỳ hằng tháng báo cáo kết quả thực hiện về Sở Xây dựng.",
], ids=["lettered", "wrapped", "quarterly-comma", "each-month", "every-6-months", "bare",
        "dash"])
def test_a_frequency_before_the_verb_still_gives_the_heading_lead_a_task(point):
    """Round 5: "2. UBND các huyện …:" / "b) Định kỳ hằng tháng báo cáo …" gave no task (a
    frequency without a comma hid the verb)."""
    tasks = task_eval.extractor().extract(
        "2. UBND các huyện, thị xã, thành phố:\na) Tổ chức rà soát các công trình trên địa bàn, "
        f"hoàn thành trước ngày 30/6/2024.\n{point}", 1, D(2024, 5, 2))
    assert [(t.lead_slug, t.deadline) for t in tasks] == [
        ("ubnd-cap-huyen", D(2024, 6, 30)), ("ubnd-cap-huyen", None)]
    assert "báo cáo kết quả" in tasks[1].text


def test_a_frequency_with_its_own_subject_is_that_subjects_task():
    tasks = task_eval.extractor().extract(
        "2. Sở Xây dựng:\n- Tổ chức rà soát các công trình.\n- Định kỳ hằng tháng, Sở Tài chính "
        "tổng hợp báo cáo UBND tỉnh.")
    assert [t.lead_slug for t in tasks] == ["so-xay-dung", "so-tai-chinh"]


def test_a_frequency_alone_is_no_task():
    assert task_eval.extractor().extract(
        "2. Sở Xây dựng:\n- Định kỳ hằng tháng.\n- Hằng năm có 12 cuộc họp giao ban.") == []


@pytest.mark.parametrize("body", [
    "Chủ tịch UBND tỉnh Thừa Thiên Huế Nguyễn Ngọc Thiện vừa yêu cầu Giám đốc Sở Xây dựng chủ "
    "trì kiểm tra, xử lý các công trình không phép.",
    "(PL)- Chủ tịch UBND tỉnh Thừa Thiên Huế Nguyễn Ngọc Thiện vừa yêu cầu Giám đốc Sở Xây "
    "dựng chủ trì\nkiểm tra, xử lý các công trình không phép.",                       # wrapped
    "Ngoài ra, UBND tỉnh Thừa Thiên Huế còn yêu cầu Sở Xây dựng chủ trì kiểm tra, xử lý các "
    "công trình không phép.",
    "UBND tỉnh Thừa Thiên Huế mới ban hành công điện yêu cầu Sở Xây dựng chủ trì kiểm tra, xử "
    "lý các công trình không phép.",
    "Chủ tịch UBND tỉnh Thừa Thiên Huế Nguyễn Ngọc Thiện cũng đã yêu cầu Sở Xây dựng chủ trì "
    "kiểm tra, xử lý các công trình không phép.",
], ids=["person-then-adverb", "news-dateline-wrapped", "con", "moi-ban-hanh", "two-adverbs"])
def test_who_speaks_with_a_person_or_adverb_before_the_marker_leads_nothing(body):
    """Round 5 (blind4): a person's name and news adverbs between the speaker and "yêu cầu" made
    the speaker the lead; another province's department is kept as written and outside."""
    tasks = task_eval.extractor().extract(body)
    assert [(t.lead, t.external) for t in tasks] == [("Sở Xây dựng", True)]


@pytest.mark.parametrize("body, leads", [
    ("UBND tỉnh Gia Lai yêu cầu UBND thị xã Ayun Pa, huyện Krông Pa, Ia Grai, Chư Pah tăng "
     "cường quản lý bảo vệ rừng.",
     ["UBND thị xã Ayun Pa", "UBND huyện Krông Pa", "UBND huyện Ia Grai", "UBND huyện Chư Pah"]),
    ("UBND tỉnh Gia Lai yêu cầu UBND huyện Krông Pa, Ia Grai và Chư Pah tăng cường quản lý bảo "
     "vệ rừng.", ["UBND huyện Krông Pa", "UBND huyện Ia Grai", "UBND huyện Chư Pah"]),
    ("UBND tỉnh Gia Lai yêu cầu UBND huyện Krông Pa, Công an tỉnh Gia Lai tăng cường quản lý "
     "bảo vệ rừng.", ["UBND huyện Krông Pa", "Công an tỉnh Gia Lai"]),
], ids=["unit-kinds-mixed", "with-va", "another-body-after"])
def test_bare_place_names_after_a_named_unit_are_units_of_that_kind(body, leads):
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


@pytest.mark.parametrize("body", [
    "Các Sở, Ban, ngành, đoàn thể tỉnh, UBND các huyện, thành phố bố trí phân công trực.",
    "Yêu cầu các Sở, Ban, Ngành, đoàn thể tỉnh, UBND các huyện, thành phố bố trí phân công "
    "trực.",
    "Các Sở, Ban, ngành, đoàn thể tỉnh, UBND các huyện,\nthành phố bố trí phân công trực.",
], ids=["subject", "after-marker", "wrapped"])
def test_the_collective_formula_in_capitals_is_one_collective(body):
    """Round 5 (blind4): "các Sở, Ban, ngành, …" read as "các Sở" then a Ban, so the subject
    list collapsed into the vocabulary's shorter collective and the UBND was lost."""
    tasks = task_eval.extractor().extract(body)
    assert [task_eval._lead_key(t.lead) for t in tasks][-1] == "ubnd cac huyen thi xa tp"
    assert len(tasks) == 2 and "doan the" in task_eval._lead_key(tasks[0].lead)


@pytest.mark.parametrize("body, lead", [
    ("Cụ thể, Giám đốc Sở QH&KT Hà Nội Nguyễn Trúc Anh sẽ báo cáo nhóm vấn đề quy hoạch.",
     "Sở Quy hoạch - Kiến trúc Hà Nội"),
    ("Giám đốc Công an thành phố Hà Nội – Trung tướng Đoàn Duy Khương báo cáo nhóm vấn đề "
     "an ninh trật tự.", "Công an thành phố Hà Nội"),
    ("Giám đốc Sở Y tế Hà Nội Trần Thị Nhị Hà\nbáo cáo nhóm vấn đề y tế.", "Sở Y tế Hà Nội"),
    # place names that start with a surname stay whole
    ("Giao Ban Quản lý Khu kinh tế Trần Đề chủ trì rà soát.", "Ban Quản lý Khu kinh tế Trần Đề"),
], ids=["surname-after-province", "rank", "wrapped", "place-like-a-surname"])
def test_a_persons_name_after_a_body_and_its_place_is_not_part_of_the_lead(body, lead):
    assert [t.lead for t in task_eval.extractor().extract(body)] == [lead]


def test_a_speaker_named_with_a_person_who_issued_a_document_leads_nothing():
    tasks = task_eval.extractor().extract(
        "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh vừa ký ban hành Công điện số 14/CĐ-UBND yêu cầu "
        "Sở Xây dựng Hà Nội khẩn trương kiểm tra các công trình.")
    assert [t.lead for t in tasks] == ["Sở Xây dựng Hà Nội"]


@pytest.mark.parametrize("body, lead", [
    ("Phó Thủ tướng yêu cầu Thống đốc Ngân hàng Nhà nước Việt Nam báo cáo tình hình thực hiện "
     "chính sách tiền tệ.", "Ngân hàng Nhà nước Việt Nam"),
    ("Để chấn chỉnh tình trạng một số đơn vị chưa thực hiện các nhiệm vụ, công việc được giao, "
     "Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Y tế khẩn trương rà soát.", "Sở Y tế"),
], ids=["governor", "work-given-then-comma"])
def test_titles_and_work_given_before_the_speaker(body, lead):
    assert [t.lead for t in task_eval.extractor().extract(body)] == [lead]


@pytest.mark.parametrize("body, leads", [
    ("Bộ trưởng Công an đề nghị, trong tháng 8, Công an các đơn vị, địa phương chủ động nắm "
     "chắc tình hình.", ["Công an các đơn vị, địa phương"]),
    ("Chủ tịch UBND tỉnh yêu cầu: từ ngày 30/4 đến hết ngày 03/5, Sở Y tế bố trí phân công "
     "trực hợp lý.", ["Sở Y tế"]),
    ("Đồng thời đề nghị, sau hội nghị này,\nSở Y tế tiếp tục tổ chức phổ biến.", ["Sở Y tế"]),
    ("UBND tỉnh yêu cầu, trong thời gian tới, Sở Y tế tăng cường kiểm tra.", ["Sở Y tế"]),
], ids=["month", "colon-then-window", "wrapped-after-meeting", "coming-period"])
def test_a_time_adverbial_between_the_marker_and_whom_it_asks(body, leads):
    """Round 5 (blind4): "đề nghị, trong tháng 8, X …" gave no task."""
    assert [t.lead for t in task_eval.extractor().extract(body, 1, D(2024, 7, 25))] == leads


def test_a_time_adverbial_with_no_body_after_it_is_no_task():
    assert task_eval.extractor().extract(
        "UBND tỉnh yêu cầu, trong tháng 8, tập trung hoàn thành các chỉ tiêu.") == []


def test_vao_cuoc_ends_a_name():
    tasks = task_eval.extractor().extract(
        "Chủ tịch UBND tỉnh đã có ý kiến chỉ đạo cơ quan chức năng vào cuộc xác minh thông tin.")
    assert [t.lead for t in tasks] == ["cơ quan chức năng"]


@pytest.mark.parametrize("written, leads", [
    ("các huyện, thành ủy, đảng ủy trực thuộc",
     ["các huyện ủy", "các thành ủy", "các đảng ủy trực thuộc"]),
    ("các huyện, thị, thành ủy", ["các huyện ủy", "các thị ủy", "các thành ủy"]),
], ids=["with-party-committees", "three-levels"])
def test_one_uy_shared_by_the_levels_before_it(written, leads):
    tasks = task_eval.extractor().extract(
        f"Đề nghị {written} tiếp tục tổ chức phổ biến, quán triệt.")
    assert [t.lead for t in tasks] == leads


@pytest.mark.parametrize("written", ["Bộ NN&PTNT", "Bộ NN và PTNT", "Bộ NN-PTNT",
                                     "Bộ Nông nghiệp và Phát triển nông thôn"])
def test_an_abbreviated_ministry_ends_where_its_abbreviation_ends(written):
    """Round 5 (blind4): "Bộ NN và PTNT lưu ý …" read "lưu ý" into the name and gave no task."""
    tasks = task_eval.extractor().extract(f"Thủ tướng yêu cầu {written} lưu ý bảy vấn đề lớn.")
    assert [t.lead for t in tasks] == ["Bộ Nông nghiệp và Phát triển nông thôn"]


@pytest.mark.parametrize("body", [
    "Chủ nhiệm Văn phòng Chính phủ Mai Tiến Dũng đã truyền đạt ý kiến của Thủ tướng Chính phủ "
    "yêu cầu Bộ Y tế lưu ý bảy vấn đề lớn.",
    "Tại buổi làm việc, Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Mai Tiến Dũng đã truyền đạt ý "
    "kiến của Thủ tướng\nyêu cầu Bộ Y tế lưu ý bảy vấn đề lớn.",
], ids=["one-line", "wrapped-with-titles"])
def test_who_passes_on_the_prime_ministers_words_leads_nothing(body):
    assert [t.lead for t in task_eval.extractor().extract(body)] == ["Bộ Y tế"]


@pytest.mark.parametrize("body, lead", [
    ("Giao Ban Chỉ đạo phòng chống dịch tỉnh tổ chức kiểm tra.",
     "Ban Chỉ đạo phòng chống dịch tỉnh"),
    ("Giao Ban Chỉ huy phòng chống thiên tai huyện\ntổ chức trực.",
     "Ban Chỉ huy phòng chống thiên tai huyện"),
    ("UBND tỉnh Nghệ An yêu cầu Ban Chỉ huy phòng chống thiên tai – Tìm kiếm cứu nạn tổ chức "
     "trực.", "Ban Chỉ huy phòng chống thiên tai – Tìm kiếm cứu nạn"),
], ids=["ban-chi-dao", "wrapped", "dash-and-capitals"])
def test_a_boards_field_after_chi_huy_or_chi_dao_is_part_of_its_name(body, lead):
    assert [t.lead for t in task_eval.extractor().extract(body)] == [lead]


@pytest.mark.parametrize("body", [
    "Theo đó, để chuẩn bị tốt cho kỳ họp thứ 11, HĐND thành phố khóa XV, diễn ra trong 3 ngày "
    "(từ ngày 3 đến 5/12), Chủ tịch UBND thành phố vừa ký văn bản chỉ đạo Sở Y tế chuẩn bị báo "
    "cáo.",
    "Để chuẩn bị cho Đại hội, Ban Chấp hành Đảng bộ tỉnh, Chủ tịch UBND tỉnh yêu cầu Sở Y tế\n"
    "chuẩn bị báo cáo.",
], ids=["bracket-between", "wrapped"])
def test_a_body_named_in_an_adverbial_before_the_speaker_leads_nothing(body):
    """Round 5 (blind4): the body of a purpose adverbial with commas was taken for the lead."""
    assert [t.lead for t in task_eval.extractor().extract(body)] == ["Sở Y tế"]


def test_a_subject_list_with_commas_still_leads_its_own_sentence():
    tasks = task_eval.extractor().extract(
        "Sở Y tế, Sở Xây dựng tổ chức kiểm tra; báo cáo UBND tỉnh, đề nghị Bộ Y tế hướng dẫn.")
    assert [t.lead for t in tasks][:2] == ["Sở Y tế", "Sở Xây dựng"]


@pytest.mark.parametrize("point", [
    "Tham mưu UBND tỉnh chỉ đạo các cơ quan, đơn vị, địa phương xử lý sai phạm.",
    "Tham mưu Chủ tịch UBND tỉnh giao các sở, ngành xử lý sai phạm.",
    "Đề xuất UBND tỉnh chỉ đạo\ncác cơ quan, đơn vị xử lý sai phạm.",
], ids=["tham-muu-chi-dao", "tham-muu-giao", "de-xuat-wrapped"])
def test_advising_the_speaker_to_direct_others_is_the_advisers_task(point):
    """Round 5 (blind4): "Tham mưu UBND tỉnh chỉ đạo các cơ quan …" credited the bodies the
    province would direct, not the adviser."""
    tasks = task_eval.extractor().extract(f"2. Thanh tra tỉnh:\n- {point}")
    assert [t.lead_slug for t in tasks] == ["thanh-tra-tinh"]


def test_a_paragraph_naming_no_body_does_not_break_a_carried_subject():
    tasks = task_eval.extractor().extract(
        "Theo đó, giao Thanh tra tỉnh tiến hành thanh tra trực tiếp tại Sở Xây dựng.\n\n"
        "Thời kỳ thanh tra từ 01/01/2015 đến 31/12/2022 (kể từ khi Luật Xây dựng có hiệu "
        "lực). Có thể kiểm tra để làm rõ các nội dung liên quan.\n\n"
        "Tổ chức tập huấn, hướng dẫn về nội dung và phương pháp thanh tra.")
    assert [(t.lead_slug, t.certain) for t in tasks] == [
        ("thanh-tra-tinh", True), ("thanh-tra-tinh", False)]


def test_a_paragraph_naming_a_body_still_breaks_it():
    tasks = task_eval.extractor().extract(
        "Theo đó, giao Thanh tra tỉnh tiến hành thanh tra trực tiếp tại Sở Xây dựng.\n\n"
        "Năm 2023, Sở Tài chính đã kiểm tra 15 đơn vị và phát hiện nhiều sai phạm về quản lý "
        "ngân sách.\n\nTổ chức tập huấn, hướng dẫn về nội dung và phương pháp thanh tra.")
    assert [t.lead_slug for t in tasks] == ["thanh-tra-tinh"]


@pytest.mark.parametrize("tail", ["các TP: Hạ Long, Cẩm Phả, Móng Cái và huyện Vân Đồn.",
                                  "các huyện: Châu Thành, Long Mỹ."])
def test_places_after_a_colon_are_where_not_who(tail):
    tasks = task_eval.extractor().extract(
        f"Giao Thanh tra tỉnh tiến hành thanh tra trực tiếp tại Sở Xây dựng; {tail}")
    assert [t.lead_slug for t in tasks] == ["thanh-tra-tinh"]


@pytest.mark.parametrize("body, lead", [
    ("Đối với các cơ quan, đơn vị phối hợp, phải chủ động nghiên cứu, có ý kiến gửi cơ quan chủ "
     "trì.", "các cơ quan, đơn vị phối hợp"),
    ("Đối với các đơn vị chủ trì, có trách nhiệm lấy ý kiến\ncác đơn vị liên quan.",
     "các đơn vị chủ trì"),
], ids=["phoi-hop-phai", "chu-tri-co-trach-nhiem-wrapped"])
def test_a_collective_named_by_its_role_before_a_modal(body, lead):
    """Round 5 (blind4): "các cơ quan, đơn vị phối hợp, phải …" collapsed into the vocabulary's
    departments; the role names the bodies."""
    assert [t.lead for t in task_eval.extractor().extract(body)] == [lead]


def test_a_role_word_before_another_verb_is_the_work():
    tasks = task_eval.extractor().extract("Các sở, ngành phối hợp, hỗ trợ UBND các huyện.")
    assert [t.lead_slug for t in tasks] == ["cac-so-nganh"]


@pytest.mark.parametrize("quantifier", ["tất cả", "toàn thể", "toàn bộ"])
def test_a_quantifier_before_the_collective_asked(quantifier):
    """Round 5 (blind4): "yêu cầu tất cả các bộ ngành, địa phương …" gave no task."""
    tasks = task_eval.extractor().extract(
        f"Thủ tướng yêu cầu {quantifier} các bộ, ngành, địa phương trước ngày 20/4/2024\nphải "
        "báo cáo tình hình.")
    assert [(t.lead, t.deadline) for t in tasks] == [("các bộ, ngành, địa phương", D(2024, 4, 20))]


@pytest.mark.parametrize("body, lead", [
    ("2. Hạt Kiểm lâm huyện: Chủ trì tiến hành họp để thống nhất cách xử lý.",
     "Hạt Kiểm lâm huyện"),
    ("2. Hạt Kiểm lâm huyện Châu Thành: Chủ trì\ntiến hành họp.", "Hạt Kiểm lâm huyện Châu Thành"),
], ids=["bare-level", "named-district-wrapped"])
def test_a_provincial_name_with_a_lower_level_is_the_districts_body(body, lead):
    """Round 5 (blind4): "Hạt Kiểm lâm huyện" resolved to the province's Chi cục Kiểm lâm (an
    alias of the sample vocabulary): a wrong local credit. Kept as written, with no page."""
    assert [(t.lead, t.lead_slug) for t in task_eval.extractor().extract(body)] == [(lead, None)]


def test_xa_hoi_after_a_department_is_no_level():
    tasks = task_eval.extractor().extract("Giao Sở Y tế xã hội hóa các dịch vụ y tế.")
    assert [t.lead_slug for t in tasks] == ["so-y-te"]


def test_a_points_order_with_two_areas_is_no_statistics():
    tasks = task_eval.extractor().extract(
        "2. Sở Tài nguyên và Môi trường: Chủ trì, phối hợp với UBND xã tiến hành rà soát diện "
        "tích 25,48ha đất rừng tự nhiên và 171,32ha đất chưa xác định chủ sử dụng.")
    assert [t.lead_slug for t in tasks] == ["so-tai-nguyen-va-moi-truong"]


def test_a_statistics_sentence_is_still_no_task():
    assert task_eval.extractor().extract(
        "Năm 2023, Sở Y tế tổ chức 120 cuộc kiểm tra, phát hiện 15 vi phạm.") == []


@pytest.mark.parametrize("body", [
    "Ông Hải cũng cho biết, đã giao Sở Y tế khẩn trương rà soát các kịch bản.",
    "Chủ tịch UBND tỉnh khẳng định, tỉnh đã yêu cầu Sở Y tế\nkhẩn trương rà soát các kịch bản.",
], ids=["cho-biet-da-giao", "khang-dinh-wrapped"])
def test_an_order_reported_after_who_said_it(body):
    """Round 5 (blind4): "X cho biết, đã giao Sở A …" gave no task (the speaker stood before
    the comma)."""
    assert [t.lead_slug for t in task_eval.extractor().extract(body)] == ["so-y-te"]


def test_a_report_after_cho_biet_with_no_body_is_no_task():
    assert task_eval.extractor().extract("Lãnh đạo Sở Y tế cho biết, đã giao ban định kỳ.") == []


# Round 5b (blind4 and blind5): several leads sharing one head are one lead each.

_BOARDS = ["Ban Quản lý khu công nghệ cao", "Ban Quản lý khu công nghiệp",
           "Ban Quản lý đường sắt đô thị"]


@pytest.mark.parametrize("body, leads", [
    ("UBND Thành phố yêu cầu các Ban Quản lý khu công nghệ cao, khu công nghiệp, đường sắt đô "
     "thị rà soát, phân định rõ trách nhiệm.", _BOARDS),
    ("Yêu cầu các Ban Quản lý khu công nghệ cao,\nkhu công nghiệp và đường sắt đô thị rà soát "
     "trách nhiệm.", _BOARDS),
    ("Yêu cầu Các Ban Quản Lý Khu Công Nghệ Cao, Khu Công Nghiệp rà soát trách nhiệm.",
     ["Ban Quản Lý Khu Công Nghệ Cao", "Ban Quản Lý Khu Công Nghiệp"]),
    ("Yêu cầu các Ban Quan ly khu cong nghe cao, khu cong nghiep, duong sat do thi rà soát "
     "trách nhiệm.", ["Ban Quan ly khu cong nghe cao", "Ban Quan ly khu cong nghiep",
                      "Ban Quan ly duong sat do thi"]),
    # "và" inside a board's field is part of its name
    ("Theo đó, UBND các quận, huyện, các ban quản lý khu đô thị mới, khu chế xuất và công "
     "nghiệp, khu công nghệ cao tăng cường phân công, kiểm tra.",
     ["UBND các quận, huyện", "ban quản lý khu đô thị mới",
      "ban quản lý khu chế xuất và công nghiệp", "ban quản lý khu công nghệ cao"]),
], ids=["commas", "wrapped-and-va", "capitals", "no-diacritics", "va-inside-a-field"])
def test_boards_sharing_one_head_are_one_lead_each(body, leads):
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


@pytest.mark.parametrize("body, leads", [
    # the kinds of a single board, in parentheses or after a comma, are not boards of their own
    ("Yêu cầu các Ban Quản lý dự án đầu tư xây dựng (dân dụng, giao thông, nông nghiệp) rà "
     "soát trách nhiệm.", ["các Ban Quản lý dự án đầu tư xây dựng"]),
    ("Đề nghị các Ban Quản lý dự án chuyên ngành, khu vực đánh giá tình hình thực hiện.",
     ["các Ban Quản lý dự án chuyên ngành, khu vực"]),
    # a bare kind at each level is one collective
    ("UBND thành phố yêu cầu UBND các quận, huyện, thị xã triển khai đồng bộ các giải pháp.",
     ["UBND các quận, huyện, thị xã"]),
    ("Yêu cầu các sở liên quan kiểm tra an toàn.", ["các sở liên quan"]),
], ids=["parenthesised-kinds", "kind-after-comma", "ubnd-levels", "so-lien-quan"])
def test_one_collective_stays_one(body, leads):
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


def test_a_list_of_shared_heads_separated_by_semicolons_after_a_source():
    """blind5: "Theo nội dung công văn …, các sở: A, B; các Ban Quản lý X, Y; các Ban QLDA (…);
    cùng UBND các quận … được giao …": every body of every part, the source read past."""
    body = ("Theo nội dung công văn 3450/UBND-ĐT, các sở: Xây dựng, Nông nghiệp và Môi "
            "trường, Công Thương; các Ban Quản lý khu công nghệ cao, khu công nghiệp, đường sắt "
            "đô thị; các Ban Quản lý dự án đầu tư xây dựng (dân dụng, giao thông, hạ tầng kỹ "
            "thuật và nông nghiệp); cùng UBND các quận, huyện, thị xã được giao rà soát, phân "
            "định rõ trách nhiệm.")
    assert [t.lead for t in task_eval.extractor().extract(body)] == [
        "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Công Thương", *_BOARDS,
        "các Ban Quản lý dự án đầu tư xây dựng", "UBND các quận, huyện, thị xã"]


@pytest.mark.parametrize("body, leads", [
    ("Yêu cầu các sở xây dựng, công thương kiểm tra an toàn.",
     ["Sở Xây dựng", "Sở Công Thương"]),
    ("Giao các sở xây dựng, tài chính và công thương\nkiểm tra an toàn.",
     ["Sở Xây dựng", "Sở Tài chính", "Sở Công Thương"]),
    ("Giao các Sở: Xây dựng, Nông nghiệp và Môi trường, Công Thương kiểm tra an toàn.",
     ["Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Công Thương"]),
], ids=["lower-case", "va-and-wrapped", "capitals-colon"])
def test_departments_sharing_one_head(body, leads):
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


_GROUPS = ["Tập đoàn Điện lực Việt Nam", "Tập đoàn Bưu chính Viễn thông Việt Nam",
           "Tập đoàn Công nghiệp - Viễn thông Quân đội"]


@pytest.mark.parametrize("body", [
    "Các Tập đoàn EVN, VNPT, Viettel phối hợp với các địa phương tháo dỡ công trình.",
    "Yêu cầu các tập đoàn EVN, VNPT và Viettel\nphối hợp tháo dỡ công trình.",
], ids=["subject", "after-marker-wrapped"])
def test_state_groups_by_their_initials_are_spelt_out(body):
    assert [t.lead for t in task_eval.extractor().extract(body)] == _GROUPS


def test_a_groups_initials_with_more_after_them_are_not_the_group():
    """"EVN Hà Nội" is a subsidiary: kept as written, not credited to the group."""
    from generator.abbreviations import body_name
    assert body_name("EVN Hà Nội") is None and body_name("Tổng công ty ACV") == \
        "Tổng công ty Cảng hàng không Việt Nam"
    assert [t.lead for t in task_eval.extractor().extract(
        "Yêu cầu EVN Hà Nội phối hợp tháo dỡ công trình.")] == ["EVN Hà Nội"]


@pytest.mark.parametrize("body, leads", [
    ("Bộ KH&ĐT đề nghị các bộ, cơ quan trung ương và địa phương báo cáo kết quả.",
     ["các bộ, cơ quan trung ương", "các địa phương"]),
    ("Thủ tướng yêu cầu các Bộ ngành và địa phương từ Thanh Hóa đến Bình Thuận tiếp tục "
     "triển khai biện pháp chống hạn.",
     ["các Bộ ngành", "các địa phương từ Thanh Hóa đến Bình Thuận"]),
    ("Đề nghị các bộ, cơ quan trung ương và các địa phương\nbáo cáo kết quả.",
     ["các bộ, cơ quan trung ương", "các địa phương"]),
], ids=["va", "place-range", "va-cac-wrapped"])
def test_the_places_after_va_are_a_lead_of_their_own(body, leads):
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


@pytest.mark.parametrize("body, leads", [
    ("Bộ đề nghị UBND các tỉnh, thành phố Đà Nẵng, Quảng Ngãi, Gia Lai khẩn trương kêu gọi "
     "tàu thuyền.", ["UBND thành phố Đà Nẵng", "UBND tỉnh Quảng Ngãi", "UBND tỉnh Gia Lai"]),
    ("Bộ đề nghị UBND các tỉnh, thành phố Đà Nẵng,\nQuảng Ngãi và Gia Lai khẩn trương kêu gọi "
     "tàu thuyền.", ["UBND thành phố Đà Nẵng", "UBND tỉnh Quảng Ngãi", "UBND tỉnh Gia Lai"]),
    ("UBND TP yêu cầu Sở NN&PTNT, các huyện Chương Mỹ, Đan Phượng, Sóc Sơn và Thanh Trì "
     "khẩn trương thực hiện các dự án.",
     ["Sở Nông nghiệp và Phát triển nông thôn", "UBND huyện Chương Mỹ", "UBND huyện Đan Phượng",
      "UBND huyện Sóc Sơn", "UBND huyện Thanh Trì"]),
    # no place named: the collective as before
    ("Yêu cầu UBND các tỉnh, thành phố trực thuộc Trung ương khẩn trương kêu gọi tàu thuyền.",
     ["UBND các tỉnh, thành phố trực thuộc Trung ương"]),
], ids=["provinces-commas", "provinces-va-wrapped", "bare-districts-in-a-list", "no-names"])
def test_a_plural_unit_with_named_places_is_one_ubnd_each(body, leads):
    """Round 5b (blind5, its next most frequent miss): places named straight after a plural
    kind, with no "gồm", gave one collective (and in the sample vocabulary, this province's
    UBND)."""
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


@pytest.mark.parametrize("body, leads", [
    ("Phó Chủ tịch Thường trực UBND tỉnh Hà Tĩnh Nguyễn Hồng Lĩnh yêu cầu các lực lượng chức "
     "năng kiểm tra tình hình thị trường hàng hóa.", ["các lực lượng chức năng"]),
    ("UBND tỉnh yêu cầu Các lực lượng chức năng\nkiểm tra tình hình thị trường.",
     ["Các lực lượng chức năng"]),
    ("UBND tỉnh yêu cầu các lực lượng vũ trang sẵn sàng ứng cứu.", ["các lực lượng vũ trang"]),
], ids=["news", "capital-wrapped", "armed-forces"])
def test_the_functional_forces_asked_are_a_lead(body, leads):
    """Round 5b (blind5): "các lực lượng" is forces in general and no lead, but "các lực lượng
    chức năng / vũ trang" asked to act are."""
    assert [t.lead for t in task_eval.extractor().extract(body)] == leads


def test_forces_in_general_are_still_no_lead():
    assert [t.lead for t in task_eval.extractor().extract(
        "Sở Y tế huy động các lực lượng tham gia phòng chống dịch.")] == ["Sở Y tế"]


@pytest.mark.parametrize("body, lead, slug, external", [
    ("Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố trực thuộc trung ương tăng cường trực cấp "
     "cứu.", "Sở Y tế các tỉnh, thành phố trực thuộc trung ương", "so-y-te", False),
    ("Bộ Công an yêu cầu Công an các tỉnh, thành phố rà soát các cơ sở kinh doanh.",
     "Công an các tỉnh, thành phố", None, False),   # not in the vocabulary: as written
    ("Ngân hàng Nhà nước chi nhánh tỉnh, thành phố kiểm tra lại việc mở tài khoản.",
     "Ngân hàng Nhà nước chi nhánh tỉnh, thành phố", "ngan-hang-nha-nuoc", False),
    ("Bộ Y tế yêu cầu Sở Y tế các tỉnh, thành phố từ Quảng Ninh đến Nghệ An sẵn sàng thu dung "
     "nạn nhân.", "Sở Y tế các tỉnh, thành phố từ Quảng Ninh đến Nghệ An", None, True),
    ("Bộ đề nghị UBND các tỉnh, thành phố khu vực Tây Nguyên khẩn trương rà soát diện tích.",
     "UBND các tỉnh, thành phố khu vực Tây Nguyên", None, True),
    ("Giao Sở Y tế các tỉnh lân cận phối hợp kiểm tra dịch bệnh.",
     "Sở Y tế các tỉnh lân cận", None, True),
], ids=["department-central-letter", "police", "branch-tinh-thanh-pho", "region-tu-den",
        "ubnd-region", "neighbours"])
def test_a_body_of_every_province_is_named_as_written(body, lead, slug, external):
    """Round 6 (blind6): "Sở Y tế các tỉnh, thành phố …" was this archive's Sở Y tế, shown as
    certain, and "NHNN chi nhánh tỉnh, thành phố" its own branch: every province's body is
    kept as written; only when a region narrows it may this province not be among them."""
    found = _leads(body)
    assert [(f[0], f[1], f[2]) for f in found] == [(lead, slug, external)]


def test_a_local_body_then_another_city_is_still_two_bodies():
    found = _leads("Giao Ngân hàng Nhà nước chi nhánh tỉnh, thành phố Cần Thơ phối hợp kiểm tra.")
    assert found[0][1] == "ngan-hang-nha-nuoc" and "," not in found[0][0]


@pytest.mark.parametrize("body, leads", [
    ("Theo công văn, Sở Xây dựng, Sở Công Thương và UBND các huyện, thị xã, thành phố được giao "
     "rà soát trách nhiệm quản lý.\n\nCông văn yêu cầu các đơn vị triển khai đồng bộ các giải "
     "pháp bảo đảm an toàn.",
     ["Sở Xây dựng", "Sở Công Thương", "UBND các huyện, thị xã, thành phố"] * 2),
    ("UBND tỉnh giao Sở Y tế, Sở Tài chính kiểm tra việc mua sắm thiết bị.\n\n"
     "Đồng chí Chủ tịch đề nghị các cơ quan báo cáo kết quả trước ngày 30/6/2024.",
     ["Sở Y tế", "Sở Tài chính"] * 2),
], ids=["news-of-a-letter", "two-departments"])
def test_a_bare_collective_after_a_paragraph_of_named_leads_means_them(body, leads):
    """Round 6 (blind5, references back): "các đơn vị", "các cơ quan" with no letter's
    addressees, right after a paragraph that gave work to named bodies, are those bodies (a
    guess: not certain)."""
    found = _leads(body)
    assert [f[0] for f in found] == leads
    assert [f[3] for f in found[len(leads) // 2:]] == [False] * (len(leads) // 2)


def test_a_bare_collective_after_one_lead_or_none_stays_as_written():
    found = _leads("Giao Sở Y tế kiểm tra việc mua sắm thiết bị.\n\n"
                   "UBND tỉnh yêu cầu các đơn vị báo cáo kết quả thực hiện.")
    assert [f[0] for f in found] == ["Sở Y tế", "các đơn vị"]
    found = _leads("UBND tỉnh yêu cầu các cơ quan báo cáo kết quả thực hiện.")
    assert [f[0] for f in found] == ["các cơ quan"]


def test_the_localities_after_a_paragraph_of_named_provinces_are_them():
    """Round 6 (blind5): "Các địa phương được yêu cầu …" after a letter to three provinces'
    UBND was this archive's districts; it means the provinces just named (not certain)."""
    found = _leads("Bộ Nông nghiệp và Môi trường có văn bản đề nghị UBND tỉnh Quảng Ngãi, UBND "
                   "tỉnh Gia Lai theo dõi chặt chẽ tàu thuyền.\n\nCác địa phương được yêu cầu "
                   "khẩn trương huy động lực lượng kêu gọi tàu thuyền vào nơi tránh trú.")
    assert [(f[0], f[3]) for f in found[2:]] == [("UBND tỉnh Quảng Ngãi", False),
                                                ("UBND tỉnh Gia Lai", False)]


@pytest.mark.parametrize("caption", [
    "Các địa phương chủ động nguồn hàng, tăng cường kiểm soát thị trường. Ảnh: Minh Anh",
    "Lực lượng chức năng kiểm tra hàng hóa tại chợ (Ảnh: TTXVN).",
    "Sở Y tế kiểm tra công tác phòng dịch tại bệnh viện huyện. Ảnh minh họa",
], ids=["credit", "credit-in-parentheses", "illustration"])
def test_a_photo_caption_is_no_task(caption):
    """Round 6 (blind5, reports and captions): a news photo's caption describes the picture."""
    body = f"UBND tỉnh giao Sở Công Thương kiểm tra thị trường dịp Tết.\n\n{caption}"
    assert [f[0] for f in _leads(body)] == ["Sở Công Thương"]


def test_full_accountability_is_no_task():
    """Round 6 (blind5): "chịu trách nhiệm toàn diện về …" is who answers, like "trước …"."""
    assert _leads("UBND các huyện chịu trách nhiệm toàn diện về an toàn của tàu thuyền.") == []


@pytest.mark.parametrize("body, lead", [
    ("Bộ Giao thông vận tải yêu cầu Tổng Công ty Đầu tư phát triển hạ tầng Việt Nam khẩn trương "
     "sửa chữa mặt đường.", "Tổng Công ty Đầu tư phát triển hạ tầng Việt Nam"),
    ("Giao Quỹ Đầu tư phát triển tỉnh rà soát các khoản cho vay.", "Quỹ Đầu tư phát triển tỉnh"),
    ("Bộ Y tế đề nghị các cơ sở khám bệnh bảo đảm điều kiện phòng rét cho người bệnh.",
     "các cơ sở khám bệnh"),
    # not a reference back to the paragraph before: a collective named by what it manages
    ("Giao Sở Xây dựng, Sở Công Thương kiểm tra các công trình.\n\nThành phố đề nghị các cơ "
     "quan quản lý quy hoạch đô thị chỉ cấp phép đúng quy định.",
     "các cơ quan quản lý quy hoạch đô thị"),
], ids=["dau-tu-phat-trien", "fund", "kham-benh", "co-quan-quan-ly"])
def test_a_field_inside_a_free_name_does_not_end_it(body, lead):
    """Round 6 (blind5, blind6: lead boundaries): "phát triển", "giám sát", "khám" read as
    verbs cut names that carry them as their field."""
    assert [f[0] for f in _leads(body)][-1:] == [lead]


def test_a_bank_inspectorate_is_not_cut_into_a_speaker():
    found = _leads("Cơ quan Thanh tra giám sát Ngân hàng yêu cầu các đơn vị báo cáo.")
    assert all(f[0] != "Cơ quan Thanh tra" for f in found)


@pytest.mark.parametrize("body, leads", [
    ("Sở Tài chính có văn bản gửi Sở Y tế, Sở Giáo dục và Đào tạo yêu cầu rà soát kinh phí mua "
     "sắm.", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
    ("UBND tỉnh có công văn gửi UBND các huyện, thị xã, thành phố đề nghị khẩn trương kiểm tra "
     "các hồ chứa.", ["UBND các huyện, thị xã, thành phố"]),
], ids=["yeu-cau", "de-nghi-cong-van"])
def test_news_of_a_letter_with_co_van_ban_gui_asks_its_addressees(body, leads):
    """Round 6 (news framing): the sender was read as the subject of "có văn bản gửi …"."""
    assert [f[0] for f in _leads(body)] == leads


@pytest.mark.parametrize("body, leads", [
    ("Ban Thường vụ Huyện ủy yêu cầu trước mắt các chi bộ trực thuộc khẩn trương kiện toàn cấp "
     "ủy.", ["các chi bộ trực thuộc"]),
    ("Thường trực Tỉnh ủy yêu cầu sau khi kết thúc hội nghị các đảng bộ trực thuộc xây dựng kế "
     "hoạch thực hiện.", ["các đảng bộ trực thuộc"]),
    ("UBND tỉnh đề nghị trong thời gian tới Sở Tài chính tăng cường kiểm tra giá.",
     ["Sở Tài chính"]),
], ids=["truoc-mat", "sau-khi", "thoi-gian-toi"])
def test_a_time_adverbial_without_commas_between_marker_and_body(body, leads):
    """Round 6 (blind5, Party-side texts): "yêu cầu trước mắt các cấp ủy …", "yêu cầu sau khi
    … các đơn vị …": the time is read past, the body after it asked."""
    assert [f[0] for f in _leads(body)] == leads


@pytest.mark.parametrize("body, leads", [
    ("Riêng đối với các tỉnh, thành phố: Đà Nẵng, Quảng Nam và Kon Tum, Bộ Xây dựng đề nghị Ủy "
     "ban nhân dân cấp tỉnh chỉ đạo rà soát quy hoạch.",
     ["UBND thành phố Đà Nẵng", "UBND tỉnh Quảng Nam", "UBND tỉnh Kon Tum"]),
    ("Đối với các tỉnh Sơn La, Điện Biên, đề nghị UBND tỉnh khẩn trương báo cáo thiệt hại.",
     ["UBND tỉnh Sơn La", "UBND tỉnh Điện Biên"]),
], ids=["colon-speaker-level", "no-colon-ubnd-tinh"])
def test_places_named_first_are_whom_the_level_body_means(body, leads):
    """Round 6 (blind5, lead lists): "Đối với các tỉnh: A, B, C, … đề nghị UBND cấp tỉnh …"
    took the topic's "các tỉnh" for the lead; the places named are its UBND, one each."""
    assert [f[0] for f in _leads(body)] == leads


def test_a_topic_list_that_is_not_provinces_is_no_lead():
    found = _leads("Đối với các địa phương Châu Thành, Vị Thủy, đề nghị Sở Tài chính rà soát.")
    assert [f[0] for f in found] == ["Sở Tài chính"]


@pytest.mark.parametrize("body, lead", [
    ("Bộ Giao thông vận tải yêu cầu VEC kiểm tra toàn bộ mặt đường cao tốc.", "VEC"),
    ("Bộ Công Thương đề nghị EVN bảo đảm cung ứng điện mùa khô.", "EVN"),
], ids=["vec", "evn"])
def test_a_body_asked_by_its_initials_alone(body, lead):
    """Round 6 (blind6, abbreviations): a body named only by its initials after a marker was
    no lead; it is kept as written."""
    assert [f[0] for f in _leads(body)] == [lead]


@pytest.mark.parametrize("body", [
    "UBND tỉnh yêu cầu COVID được kiểm soát chặt chẽ.",
    "UBND TỈNH YÊU CẦU CÁC SỞ KHẨN TRƯƠNG TRIỂN KHAI",
], ids=["a-thing-in-the-passive", "a-heading-in-capitals"])
def test_capitals_that_are_not_a_body_asked(body):
    assert all(f[0] not in ("COVID", "CÁC") for f in _leads(body))


@pytest.mark.parametrize("name, full", [
    ("Sở VH-TT-DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở KH-CN", "Sở Khoa học và Công nghệ"),
    ("Công ty ABC-XY", "Công ty ABC-XY"),
], ids=["hyphens", "two-fields", "not-in-the-table"])
def test_initials_with_other_separators_are_spelt_out(name, full):
    """Round 6 (blind6): writers separate initials as they please ("VH-TT-DL" for the table's
    "VHTT&DL" or "VHTTDL")."""
    from generator.abbreviations import expand
    assert expand(name) == full


@pytest.mark.parametrize("body, leads", [
    ("UBND tỉnh chuyển đơn, yêu cầu UBND huyện Châu Thành khẩn trương giải quyết dứt điểm.",
     ["UBND huyện Châu Thành"]),
    ("Chủ tịch UBND tỉnh quán triệt, yêu cầu Sở Tài chính, Sở Xây dựng tập trung tháo gỡ vướng "
     "mắc.", ["Sở Tài chính", "Sở Xây dựng"]),
], ids=["transfers-a-petition", "two-departments"])
def test_the_speakers_own_act_then_whom_it_asks(body, leads):
    """Round 6 (news framing): "X <its own act>, yêu cầu Y …" is Y's task when X speaks."""
    assert [f[0] for f in _leads(body)] == leads


def test_a_departments_own_work_then_a_demand_stays_its_work():
    assert [f[0] for f in _leads("Giao Sở Y tế kiểm tra, yêu cầu các bệnh viện khắc phục ngay.")
            ] == ["Sở Y tế"]


@pytest.mark.parametrize("body, lead", [
    ("Dưới sự chỉ đạo của cấp ủy, các chi bộ trực thuộc tự kiểm tra và báo cáo kết quả trước "
     "ngày 30/10/2024.", "các chi bộ trực thuộc"),
    ("Dưới sự hướng dẫn của Sở Y tế, các trung tâm y tế huyện tổ chức tiêm bổ sung.",
     "các trung tâm y tế huyện"),
], ids=["party", "guidance"])
def test_who_directs_before_the_subject_is_read_past(body, lead):
    """Round 6 (blind6, Party-side texts): "Dưới sự chỉ đạo của X, Y …" is Y's work."""
    assert [f[0] for f in _leads(body)] == [lead]


def test_a_past_result_under_someones_lead_is_still_no_task():
    assert _leads("Dưới sự lãnh đạo của Tỉnh ủy, Sở Y tế đã hoàn thành kế hoạch.") == []


@pytest.mark.parametrize("body, leads", [
    ("UBND tỉnh yêu cầu các sở, ban, ngành thuộc tỉnh, UBND các huyện, thị xã, thành phố chủ động "
     "ứng phó với mưa lũ.", ["các sở, ban, ngành thuộc tỉnh", "UBND các huyện, thị xã, thành phố"]),
    ("Đề nghị các sở, ngành cấp tỉnh, Ủy ban nhân dân huyện, thành phố rà soát các công trình.",
     ["các sở, ngành cấp tỉnh", "Ủy ban nhân dân huyện, thành phố"]),
], ids=["thuoc-tinh", "cap-tinh"])
def test_a_level_after_a_collective_closes_it_and_the_list_goes_on(body, leads):
    """Round 6 (blind6, lead lists): "thuộc tỉnh", "cấp tỉnh" after a collective ended the
    list there, and the bodies after it lost their task."""
    assert [f[0] for f in _leads(body)] == leads
