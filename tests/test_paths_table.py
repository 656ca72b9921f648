"""Every shape of path a repository can name, through the helpers every reader goes through.

`resolve_inside` (paths in mkdocs.yml: docs_dir, custom_dir, site_dir, INHERIT) then
`read_inside`, and `resolve_original` (the `original:` field, published beside a notice). For
each value the table says what must happen: the file inside the repository it names, or a
refusal. Outside the repository lies a file whose bytes must never be returned.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from generator.load.paths import (BAD_NAME, NOT_REGULAR, OUTSIDE, UnsafePath, check_entry, is_loop,
                                  read_inside, read_regular, resolve_inside, special_message,
                                  unsafe_reason, walk_inside)
from generator.validate.originals import resolve_original

SECRET = b"SECRET outside the repository"
NFC = unicodedata.normalize("NFC", "hòa.pdf")
NFD = unicodedata.normalize("NFD", "hòa.pdf")


def _id(value) -> str:
    """An ASCII test id without quotes or backslashes: mutmut re-runs tests by node id."""
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii(value)).strip("_") or "empty"


@pytest.fixture
def repo(tmp_path):
    """repo/goc/a.pdf, a.pdf at the root; goc/link -> outside/sub (outside/a.pdf beside it),
    goc/in -> ../docs (inside), goc/loop -> itself; an NFC file and an NFD link to outside."""
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "a.pdf").write_bytes(SECRET)
    (outside / "sub" / "b.pdf").write_bytes(SECRET)
    root = tmp_path / "repo"
    (root / "goc").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "goc" / "a.pdf").write_bytes(b"goc/a.pdf")
    (root / "a.pdf").write_bytes(b"a.pdf")
    (root / "docs" / "d.pdf").write_bytes(b"docs/d.pdf")
    (root / "goc" / "link").symlink_to(outside / "sub", target_is_directory=True)
    (root / "goc" / "in").symlink_to(Path("..") / "docs", target_is_directory=True)
    (root / "goc" / "loop").symlink_to("loop")
    (root / "goc" / NFC).write_bytes(b"goc/hoa NFC")
    (root / "goc" / NFD).symlink_to(outside / "a.pdf")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_bytes(SECRET)
    return root


# value -> what resolve_inside + read_inside give: bytes of a file inside, or a refusal code
# ("unreadable": resolved inside, but reading fails with an OSError, never outside bytes).
CONFIG_PATHS = {
    "goc/a.pdf": b"goc/a.pdf",
    "goc/../a.pdf": b"a.pdf",                          # `..` before any link: inside
    "goc/link/../a.pdf": OUTSIDE,                      # `..` after a link out: outside/a.pdf
    "goc/link/b.pdf": OUTSIDE,
    "goc/in/d.pdf": b"docs/d.pdf",                     # a link inside the repository: followed
    "goc/in/../goc/a.pdf": b"goc/a.pdf",               # `..` after it: from docs/, not goc/in
    "../outside/a.pdf": OUTSIDE,
    "goc/../../outside/a.pdf": OUTSIDE,
    "/etc/passwd": OUTSIDE,
    "//etc/passwd": OUTSIDE,
    "~/a.pdf": "unreadable",                           # never the home folder: a name in root
    "~": "unreadable",
    "..\\outside\\a.pdf": OUTSIDE,                     # on POSIX one name, and a hidden one
    "goc\\a.pdf": "unreadable",                       # on POSIX one odd name, not goc/a.pdf
    "goc/a.pdf\0.txt": BAD_NAME,
    "\0": BAD_NAME,
    f"goc/{NFC}": b"goc/hoa NFC",
    f"goc/{NFD}": OUTSIDE,                             # the NFD name is the link out
    "goc/loop": "unreadable",
    "goc/loop/a.pdf": "unreadable",
    ".git/config": OUTSIDE,                            # hidden folders are never content
    "goc/in/../.git/config": OUTSIDE,
}


@pytest.mark.parametrize("value", CONFIG_PATHS, ids=_id)
def test_config_paths(repo, value):
    expected = CONFIG_PATHS[value]
    if isinstance(expected, str) and expected in (OUTSIDE, BAD_NAME):
        with pytest.raises(UnsafePath) as caught:
            resolve_inside(repo, value)
        assert caught.value.code == expected
        assert "SECRET" not in str(caught.value)
        return
    real = resolve_inside(repo, value)
    assert os.path.commonpath([real, repo.resolve()]) == os.fspath(repo.resolve())
    if expected == "unreadable":
        with pytest.raises(OSError):
            read_inside(real, repo)
    else:
        assert read_inside(real, repo) == expected


def test_an_absolute_path_inside_the_repository_is_inside(repo):
    assert read_inside(resolve_inside(repo, os.fspath(repo / "goc" / "a.pdf")), repo) \
        == b"goc/a.pdf"


# The `original:` field is stricter: a relative path, no `..` at all, no backslash, no NUL.
ORIGINALS = {
    "goc/a.pdf": b"goc/a.pdf",
    "a.pdf": b"a.pdf",
    "goc/in/d.pdf": b"docs/d.pdf",
    f"goc/{NFC}": b"goc/hoa NFC",
    "goc/../a.pdf": "refused",
    "goc/link/../a.pdf": "refused",
    "goc/in/../goc/a.pdf": "refused",
    "goc/link/b.pdf": "refused",
    "../outside/a.pdf": "refused",
    "/etc/passwd": "refused",
    "//etc/passwd": "refused",
    "~/a.pdf": "refused",
    "~": "refused",
    "goc\\a.pdf": "refused",
    "..\\outside\\a.pdf": "refused",
    "goc/a.pdf\0": "refused",
    f"goc/{NFD}": "refused",
    "goc/loop": "refused",
    "goc/loop/a.pdf": "refused",
    ".git/config": "refused",
    "goc": "refused",                                  # a folder, not a file
    "goc/missing.pdf": "refused",
}


@pytest.mark.parametrize("value", ORIGINALS, ids=_id)
def test_original_paths(repo, value):
    expected = ORIGINALS[value]
    real, problem = resolve_original(value, repo)
    if expected == "refused":
        assert real is None and problem, value
        assert "SECRET" not in problem
    else:
        assert problem is None, problem
        assert real.read_bytes() == expected


def test_the_table_reaches_outside_files(repo):
    """The control: the links really lead out, so the refusals above are not vacuous."""
    assert (repo / "goc" / "link" / ".." / "a.pdf").read_bytes() == SECRET
    assert (repo / "goc" / NFD).read_bytes() == SECRET
    assert (repo / "goc" / "link" / "b.pdf").read_bytes() == SECRET


def test_a_fifo_is_refused_without_opening_it(repo):
    from generator.load.paths import NOT_REGULAR
    os.mkfifo(repo / "goc" / "pipe.pdf")
    for value in ("goc/pipe.pdf", "goc/in/../goc/pipe.pdf"):
        with pytest.raises(UnsafePath) as caught:
            read_inside(resolve_inside(repo, value), repo)
        assert caught.value.code == NOT_REGULAR
        assert "goc/pipe.pdf" in str(caught.value) and "FIFO" in str(caught.value)


def test_refusals_name_the_path_as_the_repository_writes_it(repo):
    with pytest.raises(UnsafePath) as caught:
        read_inside(repo / "goc" / "link" / "b.pdf", repo)
    assert caught.value.code == OUTSIDE
    assert caught.value.path == "goc/link/b.pdf"
    assert '"goc/link/b.pdf"' in str(caught.value) and "outside" not in str(caught.value)
    with pytest.raises(UnsafePath) as caught:
        resolve_inside(repo, "goc/link/../a.pdf", what="docs_dir")
    assert str(caught.value).startswith('docs_dir "goc/link/../a.pdf" trỏ ra ngoài kho')


def test_read_limits(repo):
    """`limit`: at most limit + 1 bytes, enough to tell a file is too large; files larger than
    one read (1 MiB) come back whole."""
    big = repo / "goc" / "big.pdf"
    big.write_bytes(bytes(range(256)) * 8192 + b"end")      # 2 MiB and 3 bytes
    assert read_inside(big, repo) == big.read_bytes()
    assert read_inside(big, repo, limit=10) == bytes(range(11))
    assert read_inside(big, repo, limit=(1 << 20) + 5) == big.read_bytes()[:(1 << 20) + 6]
    assert read_inside(repo / "goc" / "a.pdf", repo, limit=0) == b"g"
    assert read_inside(repo / "goc" / "a.pdf", repo, limit=100) == b"goc/a.pdf"


# --- the walk every reader of a folder goes through (in process: mutmut's selection) ------------

def _walk(top: Path, root: Path, skip=lambda name: False):
    return [(Path(folder).relative_to(root).as_posix(), dirs, files,
             sorted(Path(p).relative_to(root).as_posix() for p in unsafe))
            for folder, dirs, files, unsafe in walk_inside(top, root, skip)]


def test_the_walk_lists_what_is_inside_and_returns_the_rest_as_unsafe(repo):
    import socket
    (repo / "goc" / "sub").mkdir()
    (repo / "goc" / "sub" / "c.pdf").write_bytes(b"c")
    (repo / "goc" / "file-link.pdf").symlink_to(repo / "a.pdf")      # a file inside: listed
    (repo / "goc" / "up").symlink_to("..", target_is_directory=True)  # a loop to the parent
    (repo / "goc" / "broken").symlink_to("nowhere")
    os.mkfifo(repo / "goc" / "fifo")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(repo / "goc" / "sock"))
    try:
        walked = _walk(repo / "goc", repo, skip=lambda name: name == "skipped")
    finally:
        server.close()
    top, *rest = walked
    assert top[0] == "goc"
    assert top[1] == ["in", "sub"]                       # the link inside is followed
    # links to nothing (broken, or to themselves) are listed: reading them fails, reported so
    assert top[2] == ["a.pdf", "broken", "file-link.pdf", NFC, "loop"]
    assert top[3] == ["goc/fifo", f"goc/{NFD}", "goc/link", "goc/sock", "goc/up"]
    assert [r[0] for r in rest] == ["goc/in", "goc/sub"]
    assert rest[0][2] == ["d.pdf"] and rest[1][2] == ["c.pdf"]


def test_a_link_to_a_folder_already_walked_is_not_walked_twice(repo):
    (repo / "goc" / "sub").mkdir()
    (repo / "goc" / "sub" / "again").symlink_to(repo / "goc" / "sub", target_is_directory=True)
    (repo / "goc" / "in2").symlink_to(Path("..") / "docs", target_is_directory=True)
    walked = _walk(repo / "goc", repo)
    folders = [w[0] for w in walked]
    assert folders.count("goc/in") + folders.count("goc/in2") == 1     # docs/ walked once
    assert "goc/sub/again" not in folders
    assert "goc/sub/again" in walked[[w[0] for w in walked].index("goc/sub")][3]


def test_skipped_names_and_unreadable_folders_are_left_out(repo):
    (repo / "goc" / "skipped").mkdir()
    walked = _walk(repo / "goc", repo, skip=lambda name: name in ("skipped", "link"))
    assert "skipped" not in walked[0][1] and "goc/link" not in walked[0][3]
    assert list(walk_inside(repo / "none", repo)) == []


def test_a_name_that_is_not_utf8_is_unsafe_and_shown_escaped(repo):
    name = os.fsdecode(b"b\xe0n.md")
    (repo / "goc" / name).write_bytes(b"x")
    walked = _walk(repo / "goc", repo)
    assert f"goc/{name}" in walked[0][3] and name not in walked[0][2]
    problem = unsafe_reason(repo / "goc" / name, repo)
    assert problem.code == BAD_NAME and problem.path == "goc/b\\xe0n.md"
    assert 'tên "goc/b\\xe0n.md" không phải UTF-8' in str(problem)


def test_unsafe_reasons_say_why(repo):
    os.mkfifo(repo / "goc" / "fifo")
    cases = {
        "goc/link": (OUTSIDE, 'thư mục "goc/link" trỏ ra ngoài kho lưu trữ'),
        f"goc/{NFD}": (OUTSIDE, f'tệp "goc/{NFD}" trỏ ra ngoài kho lưu trữ'),
        "goc/fifo": (NOT_REGULAR, '"goc/fifo" là FIFO (named pipe), không phải tệp thường'),
    }
    for name, (code, start) in cases.items():
        problem = unsafe_reason(repo / name, repo)
        assert (problem.code, problem.path) == (code, name), name
        assert str(problem).startswith(start) and problem.strerror == str(problem), name
    (repo / "goc" / "up").symlink_to("..", target_is_directory=True)
    problem = unsafe_reason(repo / "goc" / "up", repo)
    assert problem.code == OUTSIDE and "vòng lặp vô tận" in str(problem) and problem.path == "goc/up"
    assert unsafe_reason(repo / "goc" / "a.pdf", repo) is None
    assert unsafe_reason(repo / "goc" / "in", repo) is None
    assert unsafe_reason(repo / "goc" / "gone", repo) is None


def test_loops(repo):
    (repo / "goc" / "up").symlink_to("..", target_is_directory=True)
    (repo / "goc" / "self").symlink_to(".", target_is_directory=True)
    assert is_loop(repo / "goc" / "up") and is_loop(repo / "goc" / "self")
    assert not is_loop(repo / "goc" / "in")              # a sibling folder
    assert not is_loop(repo / "goc" / "a.pdf") and not is_loop(repo / "goc")
    (repo / "goc2").mkdir()
    (repo / "goc2" / "x").symlink_to(repo / "goc", target_is_directory=True)
    assert not is_loop(repo / "goc2" / "x")              # "goc" is not above goc2 ("goc2" starts so)


def test_special_files_are_named_by_kind(repo):
    import socket
    import stat as st
    assert "là FIFO (named pipe)" in special_message("x", st.S_IFIFO)
    assert "là socket" in special_message("x", st.S_IFSOCK)
    assert "là thiết bị" in special_message("x", st.S_IFCHR)
    assert "là thiết bị" in special_message("x", st.S_IFBLK)
    assert "là tệp đặc biệt" in special_message("x", 0)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(repo / "goc" / "sock"))
    try:
        problem = check_entry(repo / "goc" / "sock", repo)
    finally:
        server.close()
    assert (problem.code, problem.path) == (NOT_REGULAR, "goc/sock") and "là socket" in str(problem)
    with pytest.raises(UnsafePath) as device:
        read_regular(Path("/dev/null"))
    assert device.value.code == NOT_REGULAR and '"/dev/null" là thiết bị' in str(device.value)


def test_a_broken_link_inside_is_unreadable_not_unsafe(repo):
    (repo / "goc" / "broken").symlink_to("nowhere")
    assert check_entry(repo / "goc" / "broken", repo) is None
    with pytest.raises(OSError) as error:
        read_inside(repo / "goc" / "broken", repo)
    assert not isinstance(error.value, UnsafePath)


def test_paths_in_messages_are_as_the_repository_writes_them(repo, monkeypatch):
    from generator.load.paths import _show, inside, printable
    assert _show(repo / "goc" / "link", repo) == "goc/link"              # never the target
    monkeypatch.chdir(repo)
    assert _show(Path("goc/a.pdf"), repo) == "goc/a.pdf"                 # relative to the cwd
    assert _show(Path("/etc/passwd"), repo) == "/etc/passwd"
    assert printable(os.fsdecode(b"a\xff")) == "a\\xff" and printable("hòa") == "hòa"
    assert inside(repo, repo) and inside(repo, repo / "goc" / "a.pdf")
    assert not inside(repo, repo.parent / (repo.name + "2") / "a.pdf")   # a sibling sharing the prefix
    assert not inside(repo, repo / ".git" / "config") and inside(repo, repo / ".git" / "config", hidden=True)
    assert resolve_inside(repo, ".git/config", hidden=True) == repo / ".git" / "config"
    assert resolve_inside(repo, "a.pdf", base=repo / "goc") == repo / "goc" / "a.pdf"
    with pytest.raises(UnsafePath) as error:
        resolve_inside(repo, "../x", what="thư mục giao diện")
    assert str(error.value).startswith('thư mục giao diện "../x" trỏ ra ngoài kho lưu trữ')


def test_refusal_messages_in_full(repo):
    """The whole advice a user reads, and the path each refusal names (as written)."""
    from generator.load.paths import outside_message
    assert outside_message("goc/link") == (
        'tệp "goc/link" trỏ ra ngoài kho lưu trữ (liên kết tượng trưng, "..", đường dẫn tuyệt '
        "đối hoặc thư mục ẩn như .git); không đọc và không xuất bản nội dung ngoài kho: hãy "
        "thay bằng một tệp thật trong kho")
    assert outside_message("x", "thư mục").startswith('thư mục "x" trỏ ra')
    import stat as st
    assert special_message("goc/fifo", st.S_IFIFO) == (
        '"goc/fifo" là FIFO (named pipe), không phải tệp thường; không mở nó (có thể treo lần '
        "dựng): hãy xóa nó khỏi kho")
    with pytest.raises(UnsafePath) as nul:
        resolve_inside(repo, "goc/a.pdf\0.txt")
    assert (nul.value.code, nul.value.path) == (BAD_NAME, "goc/a.pdf\0.txt")
    assert str(nul.value) == ("đường dẫn 'goc/a.pdf\\x00.txt' chứa ký tự NUL: không phải "
                              "đường dẫn hợp lệ")
    with pytest.raises(UnsafePath) as out:
        resolve_inside(repo, "../outside/a.pdf")
    assert (out.value.code, out.value.path) == (OUTSIDE, "../outside/a.pdf")
    assert str(out.value) == outside_message("../outside/a.pdf", "đường dẫn")


def test_read_regular_never_hangs_on_a_fifo_and_names_it(repo):
    os.mkfifo(repo / "goc" / "fifo")
    with pytest.raises(UnsafePath) as inside_repo:
        read_regular(repo / "goc" / "fifo", root=repo)      # would block without O_NONBLOCK
    assert (inside_repo.value.code, inside_repo.value.path) == (NOT_REGULAR, "goc/fifo")
    with pytest.raises(UnsafePath) as named:
        read_regular(repo / "goc" / "fifo")
    assert named.value.path == str(repo / "goc" / "fifo")
    with pytest.raises(UnsafePath) as device:
        read_regular(Path("/dev/null"))
    assert device.value.path == "/dev/null"


def test_a_link_to_a_folder_within_the_walk_is_not_walked_again(repo):
    (repo / "goc" / "sub").mkdir()
    (repo / "goc" / "sub" / "c.pdf").write_bytes(b"c")
    (repo / "goc" / "z").symlink_to("sub", target_is_directory=True)
    walked = _walk(repo / "goc", repo)
    assert [w[0] for w in walked].count("goc/sub") == 1 and "goc/z" not in [w[0] for w in walked]
    assert "z" not in walked[0][1] and "z" not in walked[0][2] and "goc/z" not in walked[0][3]


def test_name_and_loop_messages_in_full(repo):
    name = os.fsdecode(b"b\xe0n.md")
    (repo / "goc" / name).write_bytes(b"x")
    assert str(unsafe_reason(repo / "goc" / name, repo)) == (
        'tên "goc/b\\xe0n.md" không phải UTF-8 (tạo trên máy dùng bảng mã khác): không hiển thị, '
        "liên kết hay tìm được; hãy đổi tên bằng chữ Unicode")
    (repo / "goc" / "up").symlink_to("..", target_is_directory=True)
    assert str(unsafe_reason(repo / "goc" / "up", repo)) == (
        'thư mục "goc/up" là liên kết tượng trưng trỏ về chính nó hoặc thư mục cha (vòng lặp vô '
        "tận); hãy xóa liên kết")
