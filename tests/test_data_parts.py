"""Data files assembled from parts kept in the cache are the files made from nothing.

Calendars are made from each event's folded text, memoised by the event's lines: after a cold
build, after a build with every part known, and after an edit that changes a task, every data
file (feeds, notices.json, calendars) has the bytes of the same files written without a cache.
"""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project
from generator.pipeline import run
from generator.render import write_data_files

EDITED = "notices/2024/ket-luan-ban-chi-dao-chuyen-doi-so-2024.md"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parts_from_the_cache_give_the_same_bytes(tmp_path):
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    edited = project / EDITED
    for step, site_url in (("cold", ""), ("warm", ""), ("edit", ""), ("absolute", "https://x.vn/a/")):
        if step == "edit":
            text = edited.read_text(encoding="utf-8")
            old = "đề xuất giải pháp cụ thể, báo cáo UBND tỉnh trước ngày 31/10/2024"
            assert old in text
            edited.write_text(text.replace(old, old.replace("cụ thể", "khả thi")
                                           .replace("31/10", "15/11"), 1), encoding="utf-8")
        linked = run(project / "notices", project, "public", cache).linked
        ours, plain = tmp_path / f"ours-{step}", tmp_path / f"plain-{step}"
        write_data_files(linked, ours, site_url, "Lưu trữ", cache)
        write_data_files(linked, plain, site_url, "Lưu trữ")
        mine, theirs = _tree(ours), _tree(plain)
        assert any(p.endswith(".ics") and b"BEGIN:VEVENT" in data for p, data in mine.items())
        assert mine == theirs, step
    assert list(cache.glob("*calendar-events*"))
