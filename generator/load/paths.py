"""The repository is untrusted: every path it names is resolved here, and nothing outside it is read.

A pull request can add anything git stores: a symlink to /etc/passwd or to the CI runner's
credentials in .git/config, a `..` in a path-valued field, a FIFO that blocks whoever opens it.
Every file the generator reads from the repository goes through `read_inside`, and every path a
configuration or front-matter field names through `resolve_inside`.

Rules: a path must resolve (symlinks followed) to a place inside the repository root and not
inside a hidden folder there (`.git`, `.cache`, `.venv`: never repository content); only regular
files are opened, with O_NONBLOCK so even a FIFO that slips in between the checks cannot hang
a build. Messages never show where an outside link points: only the path in the repository.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)

OUTSIDE = "NA021"      # resolves outside the repository (symlink, `..`, absolute path)
NOT_REGULAR = "NA022"  # FIFO, socket, device: never opened
BAD_NAME = "NA023"     # a name that is not UTF-8: it cannot be shown, linked or searched


class UnsafePath(OSError):
    """A path the repository names that must not be read; `code` and message say why."""

    def __init__(self, code: str, message: str, path: str):
        super().__init__(message)
        self.code = code
        self.path = path
        self.strerror = message  # callers that report OSError.strerror show our message


def _real(path: Path | str) -> str:
    return os.path.realpath(os.fspath(path))


def printable(text: str) -> str:
    """A path for messages: bytes that are not UTF-8 (kept by Python as surrogates) as \\xNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _show(path: Path | str, root: Path) -> str:
    """The path as the repository names it (never the resolved target)."""
    path = Path(path)
    try:
        return printable(path.relative_to(root).as_posix())
    except ValueError:
        pass
    try:
        return printable(Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix())
    except ValueError:
        return printable(path.as_posix())


def inside(root: Path, path: Path | str, hidden: bool = False) -> bool:
    """Does `path` (symlinks resolved) lie inside `root`, outside its hidden folders?

    `hidden=True` allows hidden folders (for outputs such as `.cache/`, never for inputs).
    """
    real_root = _real(root)
    real = _real(path)
    if real == real_root:
        return True
    if not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return False
    rel = real[len(real_root.rstrip(os.sep)) + 1:]
    return hidden or not any(part.startswith(".") for part in rel.split(os.sep))


def outside_message(shown: str, what: str = "tệp") -> str:
    return (f'{what} "{shown}" trỏ ra ngoài kho lưu trữ (liên kết tượng trưng, "..", đường dẫn '
            "tuyệt đối hoặc thư mục ẩn như .git); không đọc và không xuất bản nội dung ngoài kho: "
            "hãy thay bằng một tệp thật trong kho")


def special_message(shown: str, mode: int) -> str:
    kind = ("FIFO (named pipe)" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
            else "thiết bị" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "tệp đặc biệt")
    return (f'"{shown}" là {kind}, không phải tệp thường; không mở nó (có thể treo lần dựng): '
            "hãy xóa nó khỏi kho")


def resolve_inside(root: Path, value: str | os.PathLike, base: Path | None = None,
                   what: str = "đường dẫn", hidden: bool = False) -> Path:
    """Resolve a path named by the repository (relative to `base`, default the root).

    Returns the resolved path; raises UnsafePath naming `value` when it leads outside the
    repository, whether by `..`, an absolute path or a symlink anywhere along the way.
    """
    root = Path(root)
    if "\0" in os.fspath(value):  # no file has such a name, and os calls refuse it
        raise UnsafePath(BAD_NAME, f'{what} {printable(repr(os.fspath(value)))} chứa ký tự NUL: '
                         "không phải đường dẫn hợp lệ", os.fspath(value))
    candidate = Path(base or root) / value
    if not inside(root, candidate, hidden):
        raise UnsafePath(OUTSIDE, outside_message(os.fspath(value), what), os.fspath(value))
    return Path(_real(candidate))


def check_entry(path: Path, root: Path) -> UnsafePath | None:
    """Why the file or folder at `path` must not be read, or None. Never opens it.

    Every component counts: a regular file inside a folder that links out is outside too.
    """
    if not utf8_name(os.fspath(path)):
        shown = _show(path, root)
        return UnsafePath(BAD_NAME, f'tên "{shown}" không phải UTF-8 (tạo trên máy dùng bảng mã '
                          "khác): không hiển thị, liên kết hay tìm được; hãy đổi tên bằng chữ "
                          "Unicode", shown)
    try:
        st = os.lstat(path)
    except OSError:
        return None  # gone: the reader reports it as unreadable
    if not inside(root, path):
        shown = _show(path, root)
        what = "thư mục" if os.path.isdir(path) else "tệp"
        return UnsafePath(OUTSIDE, outside_message(shown, what), shown)
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except OSError:
            return None  # a broken link inside the repository: unreadable, reported as such
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        shown = _show(path, root)
        return UnsafePath(NOT_REGULAR, special_message(shown, st.st_mode), shown)
    return None


def read_inside(path: Path, root: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file inside the repository, or UnsafePath / OSError.

    `limit`: read at most limit + 1 bytes (enough to tell the file is too large).
    """
    problem = check_entry(path, root)
    if problem is not None:
        raise problem
    return read_regular(path, limit, root=root)


def read_regular(path: Path, limit: int | None = None, root: Path | None = None) -> bytes:
    """The bytes of a regular file wherever it is (a path a person named on the command line);
    a FIFO, socket or device is UnsafePath, never a hang."""
    # Open the resolved path without following a link swapped in since the check, without
    # blocking on a FIFO swapped in since the check; then make sure it is a regular file.
    fd = os.open(_real(path), os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            shown = _show(path, root) if root is not None else printable(os.fspath(path))
            raise UnsafePath(NOT_REGULAR, special_message(shown, st.st_mode), shown)
        chunks = []
        remaining = (limit + 1) if limit is not None else -1
        while remaining != 0:
            chunk = os.read(fd, 1 << 20 if remaining < 0 else min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if remaining > 0:
                remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def walk_inside(top: Path, root: Path, skip=lambda name: False):
    """os.walk for untrusted trees: (folder, [sub-folder names], [file names], [unsafe paths]).

    A symlinked folder inside the repository is followed when it leads out of `top` (a link to
    a folder within `top` is walked there already; one to an ancestor would be a loop). Links
    leading outside the repository, loops, FIFOs, sockets and devices are not entered or listed
    as files but returned as unsafe paths. `skip(name)` leaves an entry out entirely.
    """
    real_top = _real(top)
    seen = {real_top}
    stack = [Path(top)]
    while stack:
        folder = stack.pop()
        dirs, files, unsafe = [], [], []
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if skip(entry.name):
                continue
            path = entry.path  # a str: building a Path per file would double the walk's cost
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file(follow_symlinks=False)
            except OSError:
                continue
            if not utf8_name(entry.name):
                unsafe.append(Path(path))
            elif is_link:
                if check_entry(Path(path), root) is not None or is_loop(Path(path)):
                    unsafe.append(Path(path))
                elif os.path.isdir(path):
                    real = _real(path)
                    within_top = real == real_top or real.startswith(real_top + os.sep)
                    if not within_top and real not in seen:
                        seen.add(real)
                        dirs.append(entry.name)
                else:
                    files.append(entry.name)  # a link to a file inside the repository
            elif is_dir:
                dirs.append(entry.name)
            elif is_file:
                files.append(entry.name)
            else:
                unsafe.append(Path(path))
        yield folder, dirs, files, unsafe
        stack.extend(Path(folder, d) for d in reversed(dirs))


def is_loop(path: Path) -> bool:
    """A symlinked folder that points at itself or at a folder above it."""
    if not os.path.islink(path) or not os.path.isdir(path):
        return False
    real = _real(path)
    parent = _real(Path(path).parent)
    return parent == real or parent.startswith(real.rstrip(os.sep) + os.sep)


def unsafe_reason(path: Path, root: Path) -> UnsafePath | None:
    """Why `walk_inside` returned `path` as unsafe (outside, special file, loop)."""
    problem = check_entry(path, root)
    if problem is None and is_loop(path):
        shown = _show(path, root)
        problem = UnsafePath(OUTSIDE, f'thư mục "{shown}" là liên kết tượng trưng trỏ về chính '
                             "nó hoặc thư mục cha (vòng lặp vô tận); hãy xóa liên kết", shown)
    return problem
