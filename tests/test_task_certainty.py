"""Which tasks are shown as certain (generator/link/task_certainty.py and its doubt model): a
plain explicit assignment stays certain; a headline, a plan, a long collective as a plain
subject, a carried subject or a reference back is flagged "cần xác nhận". Flagging never drops
or changes a task otherwise; the shipped weights are what their training script makes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json

import pytest

import task_eval
from conftest import cli, copy_project
from test_tasks import notice

EX = task_eval.extractor()
RAW = task_eval.extractor(doubts=False)     # the rules' own guesses only


def _flags(body: str) -> list[tuple[str, bool]]:
    return [(t.lead, t.certain) for t in EX.extract(body, 1, dt.date(2024, 8, 1))]


# A conclusion notice around the sentence judged: a preamble, then the sentence, then one more
# order, as the model meets them (one sentence alone reads like a news item's headline).
HEAD = ("Ngày 30/7/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về kinh phí hỗ trợ y tế cơ sở. "
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n\n")
TAIL = ("\n\nGiao Sở Tài chính bố trí kinh phí thực hiện, báo cáo UBND tỉnh trước ngày "
        "30/9/2024.")


def _in_notice(sentence: str) -> list[tuple[str, bool]]:
    flags = _flags(HEAD + sentence + TAIL)
    assert flags[-1] == ("Sở Tài chính", True)
    return flags[:-1]


@pytest.mark.parametrize("sentence", [
    "Giao Sở Y tế rà soát kinh phí hỗ trợ các trạm y tế xã.",
    "Đề nghị Sở Y tế rà soát kinh phí hỗ trợ các trạm y tế xã, báo cáo UBND tỉnh.",
    "Yêu cầu Sở Y tế rà soát kinh phí hỗ trợ các trạm y tế xã.",
    "Sở Y tế được giao rà soát kinh phí hỗ trợ các trạm y tế xã.",
    "Sở Y tế: rà soát kinh phí hỗ trợ các trạm y tế xã.",
    "Sở Y tế rà soát kinh phí hỗ trợ các trạm y tế xã.",
], ids=["giao", "de-nghi", "yeu-cau", "passive", "colon", "subject-verb"])
def test_a_plain_explicit_assignment_stays_certain(sentence):
    assert _in_notice(sentence) == [("Sở Y tế", True)]


def test_one_order_alone_stays_certain():
    assert _flags("Giao Sở Y tế rà soát kinh phí hỗ trợ.") == [("Sở Y tế", True)]
    assert _flags("Sở Y tế được UBND tỉnh giao rà soát kinh phí hỗ trợ.") == [("Sở Y tế", True)]


def test_a_numbered_point_speaks_for_its_task():
    body = "1. Sở Y tế sẽ rà soát kinh phí hỗ trợ các cơ sở y tế tuyến xã."
    assert _flags(body) == [("Sở Y tế", True)]


@pytest.mark.parametrize("sentence", [
    # a plan or a report of what a body will do, not an order; a deadline does not make it one
    "Sở Y tế sẽ rà soát kinh phí hỗ trợ các trạm y tế xã.",
    "Theo lãnh đạo Sở, Sở Y tế sẽ rà soát kinh phí hỗ trợ các trạm y tế xã.",
    "Sở Y tế sẽ rà soát kinh phí hỗ trợ các trạm y tế xã trước ngày 30/9/2024.",
], ids=["will", "will-reported", "will-dated"])
def test_a_plan_is_flagged_in_a_notice(sentence):
    assert _in_notice(sentence) == [("Sở Y tế", False)]


@pytest.mark.parametrize("body, flags", [
    # a headline: no full stop, no one giving an order
    ("UBND huyện Thuận Nam họp triển khai Kế hoạch đấu giá đất",
     [("UBND huyện Thuận Nam", False)]),
    ("Sở Y tế sẽ rà soát kinh phí hỗ trợ.", [("Sở Y tế", False)]),
    # a collective of nine words as a plain subject
    ("Các cơ quan, đơn vị có cổng thông tin điện tử tuyên truyền về chuyển đổi số.",
     [("Các cơ quan, đơn vị có cổng thông tin điện tử", False)]),
    # an order reported after the person who gave it, with "chỉ đạo": news more often than not
    ("Chủ tịch UBND tỉnh chỉ đạo Sở Y tế rà soát kinh phí hỗ trợ.", [("Sở Y tế", False)]),
], ids=["headline", "will", "long-collective", "reported-chi-dao"])
def test_signs_a_reader_would_doubt_flag_the_task(body, flags):
    assert _flags(body) == flags


def test_the_rules_own_guesses_stay_flagged():
    # a subject carried across a paragraph
    carried = _flags("Giao Sở Y tế rà soát kinh phí hỗ trợ.\n\n"
                     "Đồng thời, báo cáo kết quả về UBND tỉnh.")
    assert carried == [("Sở Y tế", True), ("Sở Y tế", False)]
    # a reference back: "Sở này" is the last Sở named
    back = _flags("Giao Sở Tài chính chủ trì thẩm định. Sở Y tế gửi hồ sơ về Sở Tài chính trước "
                  "ngày 15/9/2024 để Sở tổng hợp trình UBND tỉnh trước ngày 30/9/2024.")
    assert ("Sở Tài chính", False) in back


def test_a_report_of_past_work_is_no_task_at_all():
    assert _flags("Sở Y tế đã rà soát kinh phí hỗ trợ và báo cáo UBND tỉnh.") == []


@pytest.mark.parametrize("data", [task_eval.DATA, task_eval.BLIND5], ids=["guard", "blind5"])
def test_flagging_never_drops_or_changes_a_task(data):
    for name in list(task_eval.labels(data))[:25]:
        doc = task_eval.load_document(task_eval._path(name, data), task_eval.ROOT)
        flagged = EX.extract(doc.body, doc.body_line)
        raw = RAW.extract(doc.body, doc.body_line)
        assert [dataclasses.replace(t, certain=True) for t in flagged] == \
            [dataclasses.replace(t, certain=True) for t in raw], name
        # a doubt only ever takes certainty away
        assert all(r.certain or not f.certain for f, r in zip(flagged, raw)), name


def test_the_cli_counts_the_tasks_to_confirm(tmp_path):
    project = copy_project(tmp_path)
    notice(project, "xac-nhan.md", "301/TB-VPUBND", dt.date(2024, 8, 1),
           "Giao Sở Y tế rà soát kinh phí hỗ trợ trước ngày 30/9/2024.\n\n"
           "Đồng thời, báo cáo kết quả về UBND tỉnh.\n")
    out = cli(project, "tasks", "--agency", "so-y-te", check=True).stdout
    listed = [t for t in out.split("\n\n")[1:] if "301/TB-VPUBND" in t]
    assert len(listed) == 2 and sum("cần xác nhận" in t for t in listed) == 1
    header = out.splitlines()[0]
    unsure = int(header.split(" quá hạn, ")[1].split()[0])
    assert header.endswith(")") and "cần xác nhận" in header and unsure >= 1
    assert "đối chiếu với văn bản" in out
    tasks = json.loads(cli(project, "tasks", "--json", "--agency", "so-y-te",
                           check=True).stdout)["tasks"]
    mine = [t for t in tasks if t["notice"]["number"] == "301/TB-VPUBND"]
    assert [t["certain"] for t in mine] == [True, False]
    assert unsure == sum(not t["certain"] for t in tasks)


@pytest.mark.slow     # extracts every labelled set and trains the model 10 times
def test_the_shipped_model_is_a_fresh_training_run():
    spec = importlib.util.spec_from_file_location(
        "train_task_doubts", task_eval.ROOT / "tools" / "train_task_doubts.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    sets = train.labelled_sets()
    assert train.model(sets, train.Data(sets)) == \
        train.MODEL_PATH.read_text(encoding="utf-8")
