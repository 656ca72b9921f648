"""Archive-wide rules: what no single file can tell (duplicates, dangling references, topics)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import PurePosixPath
from typing import Iterable, Iterator

from ..diagnostics import ERROR, WARNING, Diagnostic
from ..model import Archive, Notice
from ..text import fold
from .form import NUMBER, check_form
from .suggest import did_you_mean
from .tasks import check_tasks
from .url_safety import check_urls


def _at(notice: Notice, key: str, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(notice.source, notice.lines.get(key, 1), 1, severity, code, message, key)


# Notices are dated in Vietnam's time (UTC+7, no daylight saving): a notice signed this morning
# in Hậu Giang must not be "in the future" for a CI runner whose clock is still on yesterday (UTC).
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")


def today_in_vietnam() -> dt.date:
    """Today's date in Vietnam, or that of `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when it
    is set: the reproducible-builds convention, so that builds made either side of midnight can
    still be the same byte for byte (the overdue marks say "as of" this date). A value that is
    not a whole number of seconds is ignored, as other tools do."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), VIETNAM_TIME).date()
    return dt.datetime.now(VIETNAM_TIME).date()


def check_archive(archive: Archive, today: dt.date | None = None,
                  unreadable: Iterable[str] = ()) -> Iterator[Diagnostic]:
    """Every rule that needs a valid Notice; `today` is injectable so tests do not age.

    `unreadable`: the numbers of files in the archive that failed on their own (an invalid
    `status`, say). They are not in `archive`, but a reference to one is not "not in the
    archive": its file's own error is the cause, reported once, and no echo is added here.

    Each further rule is one `yield from` line here, in its own module.
    """
    today = today or today_in_vietnam()
    for notice in archive.notices:
        yield from check_form(notice, today)
    yield from _unique_numbers(archive)
    yield from _references(archive, {_number_identity(n) for n in unreadable})
    yield from _topics(archive)
    yield from _folder_years(archive)
    yield from check_urls(archive)
    yield from check_tasks(archive)


def _number_identity(number: str) -> str:
    """"6/TB-UBND", "06/TB-UBND" and "06/TB- UBND" are one number."""
    compact = number.replace(" ", "")
    match = NUMBER.match(compact)
    if match and match["digits"]:
        compact = f"{int(match['digits'])}/{compact.split('/', 1)[1]}"
    return compact.casefold()


def _unique_numbers(archive: Archive) -> Iterator[Diagnostic]:
    """Every notice sharing a number gets the error, each naming the others: whichever file a
    pull request adds, the reviewer sees the problem on it."""
    groups: dict[tuple, list[Notice]] = defaultdict(list)
    for notice in sorted(archive.notices, key=lambda n: n.source):
        if notice.number:
            groups[(notice.year, _number_identity(notice.number))].append(notice)
    for group in groups.values():
        for notice in group if len(group) > 1 else ():
            others = ", ".join(f'{o.source} ("{o.number}")' for o in group if o is not notice)
            yield _at(notice, "number", ERROR, "NA201",
                      f'số "{notice.number}" năm {notice.year} đã dùng cho {others}; mỗi cơ quan '
                      "đánh số riêng theo từng năm, hãy sửa số")


def _references(archive: Archive, unreadable: set[str]) -> Iterator[Diagnostic]:
    numbers = archive.by_number()
    superseded: set[str] = set()  # sources of notices some notice supersedes
    for notice in archive.notices:
        for ref in notice.related:
            if ref not in numbers and _number_identity(ref) not in unreadable:
                yield _at(notice, "related", ERROR, "NA202",
                          f'"related" dẫn chiếu "{ref}" không có trong kho lưu trữ'
                          f"{did_you_mean(ref, numbers)}")
        if notice.supersedes:
            target = numbers.get(notice.supersedes, citing=notice)
            if target is None and _number_identity(notice.supersedes) in unreadable:
                pass  # the file with that number has an error of its own: the cause
            elif target is None:
                yield _at(notice, "supersedes", ERROR, "NA203",
                          f'"supersedes" dẫn chiếu "{notice.supersedes}" không có trong kho lưu '
                          f"trữ{did_you_mean(notice.supersedes, numbers)}")
            elif target is notice:
                yield _at(notice, "supersedes", ERROR, "NA204", "thông báo không thể tự thay thế "
                          "chính nó")
            else:
                superseded.add(target.source)
                if target.status != "superseded":
                    yield _at(target, "status", ERROR, "NA205",
                              f'thông báo này đã được {notice.number} ({notice.source}) thay thế '
                              f'nên "status" phải là "superseded" (hiện là "{target.status}")')
    for notice in archive.notices:
        if notice.status == "superseded" and notice.source not in superseded:
            yield _at(notice, "status", ERROR, "NA206",
                      '"status: superseded" nhưng không thông báo nào ghi "supersedes" số này; '
                      "thêm supersedes vào thông báo mới hoặc sửa status")
    # A supersedes chain must end: follow it from every notice.
    for notice in archive.notices:
        seen = {notice.source}
        current = numbers.get(notice.supersedes, citing=notice)
        if current is notice:
            continue  # NA204 above already says it supersedes itself
        while current is not None and current.supersedes:
            if current.source in seen:
                yield _at(notice, "supersedes", ERROR, "NA204",
                          f'chuỗi "supersedes" từ {notice.number} quay vòng lại chính nó')
                break
            seen.add(current.source)
            current = numbers.get(current.supersedes, citing=current)


def _topics(archive: Archive) -> Iterator[Diagnostic]:
    for notice in archive.notices:
        for slug in notice.topics:
            if slug not in archive.topics:
                yield _at(notice, "topics", ERROR, "NA207",
                          f'chủ đề "{slug}" không có trong notices/topics.yml'
                          f"{_topic_suggestion(slug, archive)}; thêm vào danh mục hoặc sửa slug")


def _topic_suggestion(written: str, archive: Archive) -> str:
    """A topic written by its name or an alias ("Đề án 06") suggests its slug."""
    folded = " ".join(fold(written).split())
    for topic in archive.topics.values():
        if any(" ".join(fold(name).split()) == folded for name in (topic.name, *topic.aliases)):
            return f' (đây là tên chủ đề; dùng slug "{topic.slug}")'
    return did_you_mean(written, archive.topics)


def _folder_years(archive: Archive) -> Iterator[Diagnostic]:
    """notices/<year>/ is where people look for a year's notices: a notice filed under another
    year is easily missed or counted twice by hand."""
    for notice in archive.notices:
        folder = PurePosixPath(notice.source).parent.name
        if notice.date and len(folder) == 4 and folder.isdigit() \
                and int(folder) != notice.date.year:
            yield _at(notice, "date", WARNING, "NA415",
                      f"ngày ban hành thuộc năm {notice.date.year} nhưng tệp nằm trong thư mục "
                      f"{folder}/; chuyển tệp sang thư mục {notice.date.year}/ hoặc sửa ngày")
