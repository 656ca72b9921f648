"""Rules on tasks (NA714–NA717): `tasks:` leads known to agencies.yml, deadlines after the notice,
`closes:` naming a notice and point that exist.

`check_tasks` needs the whole archive (agencies, other notices); `check_body_deadlines` judges one
notice's text alone, so it runs in the per-file stage, where its result is memoised."""

from __future__ import annotations

import re
from typing import Iterator

from ..agencies import AgencyMatcher
from ..deadlines import dated_deadlines
from ..text import Caseless, lowered
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..model import Archive, Notice
from ..outline import points

# A sentence that assigns work, not one that reports it: only its deadlines are judged.
_ASSIGNS = Caseless.whole_words(("giao", "đề nghị", "yêu cầu", "chủ trì", "hoàn thành", "báo cáo"))
_PAST = Caseless.whole_words(("đã", "đến ngày", "tính đến"))
_DIGIT = re.compile(r"\d")


def check_tasks(archive: Archive) -> Iterator[Diagnostic]:
    matcher = AgencyMatcher(archive.agencies)
    by_number = archive.by_number()
    for notice in archive.notices:
        for i, task in enumerate(notice.tasks or ()):
            where = f"tasks.{i}"
            line = notice.lines.get(f"{where}.lead", notice.lines.get(where, 1))
            if archive.agencies and matcher.resolve(task.lead) is None:
                close = matcher.suggest(task.lead)
                hint = f' (có phải "{close}"?)' if close else ""
                yield Diagnostic(notice.source, line, 1, WARNING, "NA714",
                                 f'cơ quan chủ trì "{task.lead}" của nhiệm vụ thứ {i + 1} không '
                                 f"có trong notices/agencies.yml{hint}; thêm vào danh mục hoặc "
                                 "sửa tên", f"{where}.lead")
            if task.deadline and notice.date and task.deadline < notice.date:
                yield Diagnostic(
                    notice.source, notice.lines.get(f"{where}.deadline", line), 1, WARNING,
                    "NA715", f"thời hạn {task.deadline:%d/%m/%Y} của nhiệm vụ thứ {i + 1} sớm "
                    f"hơn ngày ban hành {notice.date:%d/%m/%Y}; kiểm tra lại năm, tháng",
                    f"{where}.deadline")
        for i, closing in enumerate(notice.closes):
            where = f"closes.{i}"
            line = notice.lines.get(where, notice.lines.get("closes", 1))
            target = by_number.get(closing.notice, citing=notice)
            if target is None:
                yield Diagnostic(notice.source, line, 1, ERROR, "NA716",
                                 f'"closes" nêu thông báo "{closing.notice}" không có trong kho',
                                 where)
                continue
            if closing.point and not _has_point(target, closing.point):
                yield Diagnostic(notice.source, line, 1, ERROR, "NA717",
                                 f'"closes" nêu điểm "{closing.point}" không có trong thông báo '
                                 f"{closing.notice}", where)


def _has_point(notice: Notice, point: str) -> bool:
    point = point.strip().rstrip(".")
    if notice.tasks is not None and any(t.point == point for t in notice.tasks):
        return True
    return point in points(notice.body)


def check_body_deadlines(notice: Notice) -> Iterator[Diagnostic]:
    """A deadline in the text earlier than the notice itself: usually a typo in the year.
    Notices that list their tasks in `tasks:` are judged there (NA715 in check_tasks)."""
    if notice.tasks is not None or not notice.date:
        return
    for offset, line in enumerate(notice.body.splitlines()):
        if not _DIGIT.search(line):
            continue  # every dated deadline has a digit; most lines of prose have none
        low = lowered(line)
        if not _ASSIGNS.search(line, low) or _PAST.search(line, low):
            continue
        for deadline in dated_deadlines(line, notice.date):
            if deadline.date and deadline.date < notice.date:
                yield Diagnostic(
                    notice.source, notice.body_line + offset, deadline.start + 1, WARNING,
                    "NA715", f'thời hạn "{deadline.text}" sớm hơn ngày ban hành '
                    f"{notice.date:%d/%m/%Y}; kiểm tra lại năm, tháng")
