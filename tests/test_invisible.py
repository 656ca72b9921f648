"""Invisible and bidirectional control characters ("Trojan Source"): an error in identifiers, a
warning in text naming the line, and `check --fix` removes them where nothing visible changes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project
from generator.load.invisible import notice_invisible, strip_invisible, topics_invisible

NOTICE = "notices/2024/ket-luan-ban-chi-dao-chuyen-doi-so-2024.md"
ZWSP, ZWJ, LRM, RLO, PDF, RLI, PDI, WJ, BOM = ("\u200b", "\u200d", "\u200e", "\u202e", "\u202c",
                                              "\u2067", "\u2069", "\u2060", "\ufeff")


def run_check(project, *args):
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "json", *args],
                            cwd=project, capture_output=True, text=True, encoding="utf-8",
                            timeout=120)
    return result.returncode, json.loads(result.stdout), result.stderr


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "repo")


def edit(project, rel, old, new):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project, rel, needle):
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


@pytest.mark.parametrize("old,new,field", [
    ('number: "178/TB-VPUBND"', f'number: "178/TB{ZWSP}-VPUBND"', "number"),
    ("date: 2024-10-15", f'date: "2024-10-15{WJ}"', "date"),
    ("status: issued", f"status: issued{ZWJ}", "status"),
    ("topics: [", f"topics: [{LRM}", "topics"),
])
def test_invisible_character_in_an_identifier_is_an_error(project, old, new, field):
    edit(project, NOTICE, old, new)
    code, found, _ = run_check(project)
    assert code == 1
    line = line_of(project, NOTICE, new.split(":")[0] + ":")
    hits = [d for d in found if d["code"] == "NA024"]
    assert [(d["path"], d["line"], d["severity"], d["field"]) for d in hits] == [
        (NOTICE, line, "error", field)]
    built = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 1 and "NA024" in built.stderr


def test_invisible_character_in_text_is_a_warning_on_its_line(project):
    edit(project, NOTICE, 'title: "Kết luận', f'title: "Kết{ZWSP} luận')
    text = (project / NOTICE).read_text(encoding="utf-8")
    last = [li for li in text.split("\n") if li.strip()][-1]
    edit(project, NOTICE, last, f"{RLI}{last}{PDI}")
    code, found, _ = run_check(project)
    assert code == 0  # warnings only
    hits = sorted((d["line"], d["field"]) for d in found if d["code"] == "NA025")
    assert hits == [(line_of(project, NOTICE, "title:"), "title"),
                    (line_of(project, NOTICE, RLI), "body")]


def test_trojan_source_in_topics_yml(project):
    edit(project, "notices/topics.yml", "de-an-06:", f"de-an-06{ZWSP}:")
    edit(project, "notices/topics.yml", 'name: "Đề án 06"', f'name: "Đề án{RLO} 06"')
    code, found, _ = run_check(project)
    assert code == 1
    by_code = {d["code"]: d for d in found if d["path"] == "notices/topics.yml"
               and d["code"] in ("NA024", "NA025")}
    assert by_code["NA024"]["line"] == line_of(project, "notices/topics.yml", f"de-an-06{ZWSP}:")
    assert by_code["NA025"]["line"] == line_of(project, "notices/topics.yml", RLO)


def test_fix_removes_what_cannot_change_the_meaning(project):
    edit(project, NOTICE, 'number: "178/TB-VPUBND"', f'number: "178/{BOM}TB-VPUBND{ZWSP}"')
    edit(project, NOTICE, 'title: "Kết luận', f'title: "Kết{WJ} luận')
    text = (project / NOTICE).read_text(encoding="utf-8")
    last = [li for li in text.split("\n") if li.strip()][-1]
    edit(project, NOTICE, last, f"{last[:5]}{RLO}{last[5:12]}{PDF}{last[12:]} {ZWSP}")
    code, _, fixed = run_check(project, "--fix")
    assert "ký tự ẩn" in fixed
    after = (project / NOTICE).read_text(encoding="utf-8")
    assert 'number: "178/TB-VPUBND"' in after and "Kết luận" in after
    # The right-to-left override stays (removing it would change what a reader sees), and so
    # does its terminator; the zero-width space on that line goes.
    assert f"{last[:5]}{RLO}{last[5:12]}{PDF}{last[12:]}\n" in after  # trailing space fixed too
    code, found, _ = run_check(project)
    assert code == 0
    assert [d["code"] for d in found if d["path"] == NOTICE and d["code"] in ("NA024", "NA025")] \
        == ["NA025"]


def test_strip_keeps_marks_that_matter():
    assert strip_invisible(f"a{ZWSP}b{WJ}c{BOM}d") == ("abcd", 3)
    assert strip_invisible(f"Hòa{LRM} bình")[0] == "Hòa bình"
    emoji = "👩\u200d💻"  # a joiner inside an emoji sequence is part of the picture
    assert strip_invisible(emoji) == (emoji, 0)
    arabic = f"مرحبا{LRM} 2024"  # with right-to-left script, direction marks decide the order
    assert strip_invisible(arabic) == (arabic, 0)
    assert strip_invisible(f"x{RLO}abc{PDF}") == (f"x{RLO}abc{PDF}", 0)


def test_a_leading_bom_is_not_text_but_one_inside_is():
    text = f'---\nnumber: "1/TB-X"\ntitle: "A{BOM}B"\n---\nBody\n'
    found = notice_invisible("n.md", text)
    assert [(d.line, d.code, d.field) for d in found] == [(3, "NA025", "title")]
    found = topics_invisible("t.yml", f"a{ZWSP}:\n  name: X\n  parent: b{ZWSP}\n")
    assert [(d.line, d.code) for d in found] == [(1, "NA024"), (3, "NA024")]


def test_sample_archive_is_clean():
    for path in (ROOT / "notices").rglob("*.md"):
        rel = path.relative_to(ROOT).as_posix()
        assert notice_invisible(rel, path.read_text(encoding="utf-8")) == []
