"""Hypothesis over file and folder names (Unicode, very long, reserved on Windows) and folder
layouts (nesting, hidden folders, links in and out of the repository, FIFOs): `check` and
`build` never crash, never hang, and never write in the repository anywhere but site/ (the
caches live in the user's cache folder)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, cache_of, copy_project

EXIT_INTERNAL = 3
TIMEOUT = 300
SECRET = "NGOAI-KHO-b41c"
WINDOWS_RESERVED = ["CON", "con.md", "PRN", "AUX.md", "NUL", "nul.md", "COM1", "com1.md", "LPT9.md",
                    "a.", "b ", "x:y.md", 'q"u.md', "s<t>.md", "p|i.md", "a?b*.md", "CON.2024"]
VIETNAMESE = ["Thông báo", "thông báo kết luận", "Thông báo".encode().decode(),
              "Đề án 06", "Hòa", "Hoà", "dự thảo", "Nguyễn Văn Hòa"]

# Without its `related:` line: the notice it cites is not in these archives (a dangling
# reference is an error, and every build with a notice in it was refused).
SAMPLE = (ROOT / "notices" / "2024" / "ket-luan-ban-chi-dao-chuyen-doi-so-2024.md").read_text(
    encoding="utf-8").replace('related: ["98/TB-VPUBND"]\n', "")


def _name_strategy():
    unicode_names = st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        min_size=1, max_size=30)
    long_names = st.integers(min_value=100, max_value=260).map(lambda n: "đ" * (n // 2) + "a" * (n % 2))
    # Linux names are bytes: git stores names that are not UTF-8 at all.
    byte_names = st.binary(min_size=1, max_size=20).filter(
        lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")).map(os.fsdecode)
    return st.one_of(unicode_names, long_names, byte_names, st.sampled_from(WINDOWS_RESERVED),
                     st.sampled_from(VIETNAMESE),
                     st.sampled_from([".an", "_an", "...", "-", " ", "topics.yml", "index.md",
                                      "site", ".cache", "mkdocs.yml", "\u202etxt.md", "a\u200bb"]))


KINDS = ("notice", "draft", "junk", "empty", "binary", "link-in", "link-out", "link-dir-out",
         "loop", "fifo", "folder")


@st.composite
def layouts(draw):
    """A list of (path parts, kind): what a hostile pull request adds under notices/."""
    entries = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        depth = draw(st.integers(min_value=0, max_value=3))
        parts = [draw(_name_strategy()) for _ in range(depth + 1)]
        if draw(st.booleans()):
            parts[-1] += draw(st.sampled_from([".md", ".MD", ".markdown", ".md.txt", ".yml"]))
        entries.append((parts, draw(st.sampled_from(KINDS))))
    return entries


def _content(kind: str, index: int) -> bytes:
    if kind == "notice":
        return SAMPLE.replace('number: "178/TB-VPUBND"', f'number: "{700 + index}/TB-VPUBND"',
                              1).encode()
    if kind == "draft":
        return (f'---\ntype: thong-bao\ntitle: "Dự thảo {index}"\nstatus: draft\n'
                "classification: internal\n---\nNội dung dự thảo.\n").encode()
    if kind == "junk":
        return "---\nnumber: [\n---\n\u202e không phải YAML".encode()
    if kind == "binary":
        return bytes(range(256))
    return b""


def _make(root: Path, outside: Path, entries) -> None:
    notices = root / "notices"
    for index, (parts, kind) in enumerate(entries):
        path = notices.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(path):
                continue
            if kind == "folder":
                path.mkdir()
            elif kind == "link-in":
                path.symlink_to(root / "mkdocs.yml")
            elif kind == "link-out":
                path.symlink_to(outside / "secret.md")
            elif kind == "link-dir-out":
                path.symlink_to(outside, target_is_directory=True)
            elif kind == "loop":
                path.symlink_to(path.parent, target_is_directory=True)
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                path.write_bytes(_content(kind, index))
        except (OSError, ValueError):
            continue  # a name this file system refuses (too long, …): nothing to test there


def _snapshot(base: Path, root: Path) -> dict[str, tuple]:
    """Every entry under `base` except the outputs (site/, .cache/, and the lock file beside
    site/ that keeps two builds with different caches from publishing into it at once), by
    type, size and time."""
    allowed = (root / "site", root / ".cache", root / ".site.lock")
    seen = {}
    for folder, dirs, files in os.walk(base):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in allowed]
        for name in dirs + files:
            if here / name in allowed:
                continue
            info = os.lstat(here / name)
            if os.path.isdir(here / name):  # a folder's time changes when site/ appears in it
                seen[str(here / name)] = (info.st_mode,)
            else:
                seen[str(here / name)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return seen


def _setup(tmp_path_factory, entries):
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(SAMPLE.replace("Kết luận", SECRET), encoding="utf-8")
    root = copy_project(base / "repo", notices=False)
    _make(root, outside, entries)
    return base, root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=TIMEOUT)


def _assert_contained(base: Path, root: Path, before: dict, result) -> None:
    assert result.returncode in (0, 1), result.stderr  # 2: usage, 3: internal error (a crash)
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stderr, result.stderr
    assert _snapshot(base, root) == before
    assert SECRET not in result.stdout + result.stderr
    for folder in (root / "site", root / ".cache", cache_of(root)):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file() and not path.is_symlink():
                assert SECRET.encode() not in path.read_bytes(), path
            assert not path.is_symlink(), path


# Derandomized: the same layouts every run (CI stays reproducible); a build costs seconds, so
# builds get fewer examples than checks.
SETTINGS = dict(deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _run_contained(tmp_path_factory, entries, *command: str):
    base, root = _setup(tmp_path_factory, entries)
    before = _snapshot(base, root)
    result = _run(root, *command)
    _assert_contained(base, root, before, result)
    return root, result


@settings(max_examples=25, **SETTINGS)
@given(entries=layouts())
def test_check_never_crashes_or_writes(tmp_path_factory, entries):
    _run_contained(tmp_path_factory, entries, "check", "--format", "json")


@settings(max_examples=6, **SETTINGS)
@given(entries=layouts())
def test_build_never_crashes_or_writes_outside_site_and_cache(tmp_path_factory, entries):
    root, result = _run_contained(tmp_path_factory, entries, "build")
    if result.returncode == 0:  # a successful build published a site
        _assert_published(root)
    else:  # a refusal names what it refuses, in the archive, and publishes nothing
        assert "notices/" in result.stderr or "notices\\" in result.stderr, result.stderr
        assert not (root / "site").exists()


def _assert_published(root: Path) -> None:
    """Every notice of the layout has its page (not merely an index.html); hidden and
    underscore-prefixed files and folders are not part of the archive."""
    assert (root / "site" / "index.html").is_file()
    numbers = set()
    for folder, dirs, files in os.walk(root / "notices"):  # links are not followed
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in files:
            path = Path(folder) / name
            if name.endswith(".md") and not name.startswith((".", "_")) and path.is_file() \
                    and not path.is_symlink():
                text = path.read_text(encoding="utf-8", errors="replace")
                numbers.update(re.findall(r'^number: "(\d+)/TB-VPUBND"', text, re.M))
    for number in numbers:
        assert (root / "site" / "2024" / f"{number}-tb-vpubnd" / "index.html").is_file(), number


@st.composite
def buildable_layouts(draw):
    """Unusual but valid layouts (Vietnamese and odd names, nesting, drafts, empty folders):
    a build must publish them, so the checks after a success really run."""
    names = st.sampled_from(VIETNAMESE + ["a", "b-c", "2024", "x y", "Đ", "_an", "..an"])
    entries = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        parts = draw(st.lists(names, min_size=1, max_size=3))
        kind = draw(st.sampled_from(["notice", "notice", "draft", "folder"]))
        if kind != "folder":
            parts[-1] += ".md"
        entries.append((parts, kind))
    return entries


@settings(max_examples=3, **SETTINGS)
@given(entries=buildable_layouts())
def test_unusual_valid_layouts_are_published(tmp_path_factory, entries):
    root, result = _run_contained(tmp_path_factory, entries, "build")
    assert result.returncode == 0, result.stderr
    _assert_published(root)
