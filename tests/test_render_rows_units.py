"""A notice's list line and a task's row are made once per linked archive (and date) and
shared by every page that shows them (render/views.py, render/task_views.py): these check that
a new archive or another date never gets a line made for the old one, and that callers get
copies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.link import link
from generator.load import load_archive
from generator.render import task_views, views
from generator.validate import validate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def archive():
    return validate(load_archive(ROOT / "notices", ROOT)).archive


def test_a_new_archive_never_gets_the_line_made_for_the_old_one(archive):
    first = link(archive, "public")
    notice = next(n for n in first.notices if n.topics)
    line = views.notice_item(notice, first)
    assert line["title"] == notice.title
    renamed = dataclasses.replace(notice, title="Tiêu đề đã sửa")
    notices = tuple(renamed if n is notice else n for n in archive.notices)
    second = link(dataclasses.replace(archive, notices=notices), "public")
    again = second.by_key[notice.key]
    assert views.notice_item(again, second)["title"] == "Tiêu đề đã sửa"
    assert views.notice_item(notice, first)["title"] == notice.title   # each its own
    # The same notice objects, a topic renamed: the line shows the new name.
    slug = notice.topics[0]
    topics = {s: dataclasses.replace(t, name="Chủ đề đổi tên") if s == slug else t
              for s, t in archive.topics.items()}
    third = link(dataclasses.replace(archive, topics=topics), "public")
    assert third.by_key[notice.key] is notice
    assert {"name": "Chủ đề đổi tên", "url": views.topic_url(slug)} in views.notice_item(
        notice, third)["topics"]


def test_lines_and_rows_are_copies(archive):
    linked = link(archive, "public")
    notice = linked.notices[0]
    line = views.notice_item(notice, linked)
    line["draft"] = "đổi"
    assert "draft" not in views.notice_item(notice, linked)
    task = next(t for ts in linked.tasks.values() for t in ts)
    row = task_views.task_row(task, dt.date(2024, 1, 1), linked)
    row["text"] = "đổi"
    assert task_views.task_row(task, dt.date(2024, 1, 1), linked)["text"] == task.text


def test_another_date_makes_the_rows_again(archive):
    linked = link(archive, "public")
    task = next(t for ts in linked.tasks.values() for t in ts
                if t.deadline is not None and not t.done)
    before = task_views.task_row(task, task.deadline, linked)
    after = task_views.task_row(task, task.deadline + dt.timedelta(days=3), linked)
    assert (before["overdue_days"], after["overdue_days"]) == (0, 3)
    without = task_views.task_row(task, task.deadline, linked, with_notice=False)
    assert without["notice"] is None and before["notice"] is not None
