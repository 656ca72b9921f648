"""The learned-reader experiment of issue 26 (bench/task_learned.py, not shipped): its candidates
cover the lead shapes it was built for, its trainer is deterministic and learns, and its scorer
counts as tests/task_eval.py does."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import task_eval  # noqa: E402
import task_learned  # noqa: E402


@pytest.fixture(scope="module")
def ex():
    return task_eval.extractor()


def names(ex, body: str) -> set[str]:
    return {c.name for c in task_learned.candidates("t.md", body, 1, ex)}


@pytest.mark.parametrize("body, leads", [
    ("UBND tỉnh giao Sở Tài chính, Sở Xây dựng, UBND huyện Châu Thành rà soát các dự án.",
     {"Sở Tài chính", "Sở Xây dựng", "UBND huyện Châu Thành"}),
    # a plural's head carried over the items after a colon
    ("Thủ tướng yêu cầu các bộ: Công an, Giao thông vận tải rà soát các quy định.",
     {"Bộ Công an", "Bộ Giao thông vận tải"}),
    ("Đề nghị các Sở: Xây dựng, Nội vụ và Tài chính báo cáo kết quả trước ngày 15/9.",
     {"Sở Xây dựng", "Sở Nội vụ", "Sở Tài chính"}),
    # a collective, whole and split into its lower-case items
    ("Giao các sở, ban, ngành và địa phương tổ chức thực hiện.",
     {"các sở, ban, ngành", "địa phương"}),
])
def test_candidates_hold_every_lead(ex, body, leads):
    assert leads <= names(ex, body)


def test_a_name_stops_at_the_command(ex):
    found = names(ex, "Sở Y tế Nghệ An yêu cầu huyện Hưng Nguyên chủ động phòng dịch.")
    assert "Sở Y tế Nghệ An" in found
    assert not any("yêu cầu" in n for n in found)


def test_training_is_deterministic_and_learns():
    rows = [(["bias", "cue", f"w{i % 7}"], True) for i in range(40)] + \
        [(["bias", "no_cue", f"w{i % 5}"], False) for i in range(160)]
    w = task_learned.train(rows)
    assert w == task_learned.train(rows)
    assert task_learned.prob(w, ["bias", "cue", "w1"]) > 0.5 > \
        task_learned.prob(w, ["bias", "no_cue", "w1"])


def test_its_scorer_counts_as_task_eval(ex):
    golds = task_eval.labels(task_eval.HOLDOUT)
    rules = {}
    for name in golds:
        doc = task_eval.load_document(task_eval._path(name, task_eval.HOLDOUT), task_eval.ROOT)
        date = doc.data.get("date") if doc.data else None
        rules[name] = ex.extract(doc.body, doc.body_line,
                                 date if isinstance(date, dt.date) else None)
    expected = task_eval.score(data=task_eval.HOLDOUT)
    assert task_learned.score(rules, golds, ex.matcher) == \
        (expected.predicted, expected.labelled, expected.matched)
