"""The browser index updated in place (index/export_state.py) is the cold export, byte for byte.

Each step changes the sample archive the way people do (edit a body, add a notice in the middle
of the archive, remove one, move one in time by its date, change its topics), then exports as a
build does — merged postings from the cache, unchanged files linked from the previous site by
digest — and compares every file with a cold export of the same archive (no memo, no state).
The edit must have rewritten only some shards (the others are links to the previous site's).
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_project
from generator.index.browser_export import export, export_into
from generator.pipeline import run
from generator.plugin.incremental import RenderState

EDITED = "notices/2024/ket-luan-ban-chi-dao-chuyen-doi-so-2024.md"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Builds:
    """Exports into a new site folder each time, as `build` does, from one cache."""

    def __init__(self, project: Path, tmp: Path):
        self.project, self.tmp, self.cache = project, tmp, tmp / "cache"
        self.previous: Path | None = None
        self.count = 0

    def export(self):
        self.count += 1
        result = run(self.project / "notices", self.project, "public", self.cache)
        linked = result.linked
        assert linked is not None, [d for d in result.diagnostics if d.severity == "error"]
        site = self.tmp / f"site-{self.count}"
        site.mkdir()
        state = RenderState(self.cache, linked.profile, self.previous)
        files = export_into(linked, site / "na-search", self.cache, state)
        state.files.update(files)
        state.finish(site)
        self.previous = site
        cold = self.tmp / f"cold-{self.count}"
        export(linked, cold / "na-search")
        return site / "na-search", cold / "na-search"


def _linked_from(previous: Path, current: Path) -> set[str]:
    """The files of `current` that are the very files (hard links) of `previous`."""
    out = set()
    for path in current.rglob("*.json"):
        twin = previous / path.relative_to(current)
        if twin.exists() and twin.stat().st_ino == path.stat().st_ino:
            out.add(path.relative_to(current).as_posix())
    return out


def _change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_step_gives_the_cold_exports_bytes(tmp_path):
    project = copy_project(tmp_path / "project")
    builds = Builds(project, tmp_path)
    ours, cold = builds.export()
    assert _tree(ours) == _tree(cold)
    edited = project / EDITED
    original = edited.read_text(encoding="utf-8")
    added = edited.with_name("them-moi.md")
    steps = [
        ("edit a body", lambda: _change(edited, "kết luận như sau:",
                                        "kết luận như sau (xyzzyq quỹ đất):")),
        ("add in the middle", lambda: added.write_text(
            original.replace('number: "178/TB-VPUBND"', 'number: "179/TB-VPUBND"', 1)
            .replace("chuyển đổi số tỉnh 9 tháng", "phòng cháy chữa cháy 9 tháng", 1),
            encoding="utf-8")),
        ("move in time", lambda: (_change(edited, "date: 2024-10-15", "date: 2023-02-15"),
                                  _change(edited, "  date: 2024-10-10", "  date: 2023-02-10"))),
        ("change topics", lambda: _change(edited, "topics: [chuyen-doi-so, de-an-06, ",
                                          "topics: [")),
        ("remove", lambda: added.unlink()),
        ("nothing", lambda: None),
    ]
    for name, step in steps:
        before = builds.previous / "na-search"
        step()
        ours, cold = builds.export()
        assert _tree(ours) == _tree(cold), name
        reused = _linked_from(before, ours)
        if name == "edit a body":
            shards = {p for p in _tree(ours) if p.startswith("t/")}
            kept = shards & reused
            # Only the shards of the edited notice's changed terms are written again.
            assert kept and kept != shards, (len(kept), len(shards))
            # The edited notice's own file is written; every other notice file is linked.
            docs = {p for p in _tree(ours) if re.fullmatch(r"d/\d+\.json", p)}
            assert len(docs - reused) == 1
        if name == "nothing":
            assert {p for p in _tree(ours) if p.startswith(("t/", "d/"))} <= reused


def test_a_damaged_state_is_rebuilt_not_trusted(tmp_path):
    project = copy_project(tmp_path / "project")
    builds = Builds(project, tmp_path)
    builds.export()
    states = list(builds.cache.glob("*search-export-state*"))
    assert states
    for state in states:
        data = bytearray(state.read_bytes())
        data[-40:-20] = b"9" * 20    # inside the packed postings
        state.write_bytes(bytes(data))
    _change(project / EDITED, "kết luận như sau:", "kết luận như sau (sửa):")
    ours, cold = builds.export()
    assert _tree(ours) == _tree(cold)
