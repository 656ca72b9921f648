"""Archive-wide rules: what no single file can tell (duplicates, dangling references, topics)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..diagnostics import ERROR, Diagnostic
from ..model import Archive, Notice
from .suggest import did_you_mean
from .topic_mentions import check_topic_mentions


def _at(notice: Notice, key: str, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(notice.source, notice.lines.get(key, 1), 1, severity, code, message, key)


def check_archive(archive: Archive) -> Iterator[Diagnostic]:
    yield from _unique_numbers(archive)
    yield from _references(archive)
    yield from _topics(archive)
    yield from check_topic_mentions(archive)


def _unique_numbers(archive: Archive) -> Iterator[Diagnostic]:
    seen: dict[tuple, Notice] = {}
    for notice in sorted(archive.notices, key=lambda n: n.source):
        if not notice.number:
            continue
        key = (notice.year, notice.number.casefold())
        first = seen.setdefault(key, notice)
        if first is not notice:
            yield _at(notice, "number", ERROR, "NA201",
                      f'số "{notice.number}" năm {notice.year} đã dùng cho {first.source}; '
                      "mỗi cơ quan đánh số riêng theo từng năm")


def _references(archive: Archive) -> Iterator[Diagnostic]:
    numbers = archive.by_number()
    superseded_by: dict[str, list[Notice]] = defaultdict(list)
    for notice in archive.notices:
        for ref in notice.related:
            if ref not in numbers:
                yield _at(notice, "related", ERROR, "NA202",
                          f'"related" dẫn chiếu "{ref}" không có trong kho lưu trữ'
                          f"{did_you_mean(ref, numbers)}")
        if notice.supersedes:
            target = numbers.get(notice.supersedes)
            if target is None:
                yield _at(notice, "supersedes", ERROR, "NA203",
                          f'"supersedes" dẫn chiếu "{notice.supersedes}" không có trong kho lưu '
                          f"trữ{did_you_mean(notice.supersedes, numbers)}")
            elif target is notice:
                yield _at(notice, "supersedes", ERROR, "NA204", "thông báo không thể tự thay thế "
                          "chính nó")
            else:
                superseded_by[target.number].append(notice)
                if target.status != "superseded":
                    yield _at(target, "status", ERROR, "NA205",
                              f'thông báo này đã được {notice.number} thay thế nên "status" phải '
                              f'là "superseded" (hiện là "{target.status}")')
    for notice in archive.notices:
        if notice.status == "superseded" and notice.number not in superseded_by:
            yield _at(notice, "status", ERROR, "NA206",
                      '"status: superseded" nhưng không thông báo nào ghi "supersedes" số này; '
                      "thêm supersedes vào thông báo mới hoặc sửa status")
    # A supersedes chain must end: follow it from every notice.
    for notice in archive.notices:
        seen = {notice.number}
        current = numbers.get(notice.supersedes or "")
        while current is not None and current.supersedes:
            if current.number in seen:
                yield _at(notice, "supersedes", ERROR, "NA204",
                          f'chuỗi "supersedes" từ {notice.number} quay vòng lại chính nó')
                break
            seen.add(current.number)
            current = numbers.get(current.supersedes)


def _topics(archive: Archive) -> Iterator[Diagnostic]:
    for notice in archive.notices:
        for slug in notice.topics:
            if slug not in archive.topics:
                yield _at(notice, "topics", ERROR, "NA207",
                          f'chủ đề "{slug}" không có trong notices/topics.yml'
                          f"{did_you_mean(slug, archive.topics)}; thêm vào danh mục hoặc sửa slug")
