"""The `original:` field: a notice's original (signed PDF, scan) kept in the repository.

The path is untrusted like every other value: it must be relative, must not climb out with
`..`, must resolve (symlinks followed) to a regular file inside the repository, and must stay
within a size limit, since it is published beside the notice.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from ..diagnostics import ERROR, Diagnostic
from ..load import inside
from ..model import Notice

MAX_ORIGINAL_BYTES = 30 * 1024 * 1024


def original_form_problem(value: str) -> str | None:
    """What is wrong with the written path itself (no file system access), or None."""
    if "\\" in value or "\x00" in value:
        return f'"original" phải là đường dẫn dạng a/b/c.pdf, không có "\\\\" hay ký tự NUL: {value!r}'
    path = PurePosixPath(value)
    if path.is_absolute() or value.startswith("~"):
        return f'"original" phải là đường dẫn tương đối trong kho (originals/…), không phải {value}'
    if ".." in path.parts:
        return f'"original" không được chứa ".." (ra ngoài kho): {value}'
    return None


def resolve_original(value: str, root: Path) -> tuple[Path | None, str | None]:
    """(the file, None) when the original may be published, else (None, why)."""
    if original_form_problem(value):
        return None, original_form_problem(value)
    base = root.resolve()
    candidate = base / value
    try:
        real = candidate.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        return None, f'không có tệp bản gốc "{value}" trong kho'
    except (OSError, RuntimeError) as exc:  # a symlink loop and the like
        return None, f'không đọc được tệp bản gốc "{value}" ({exc})'
    if not inside(base, real):  # outside, or in a hidden folder such as .git (CI's token)
        return None, f'tệp bản gốc "{value}" trỏ ra ngoài kho (liên kết tượng trưng): không công bố'
    if not real.is_file():
        return None, f'"{value}" không phải là tệp'
    size = real.stat().st_size
    if size > MAX_ORIGINAL_BYTES:
        return None, (f'tệp bản gốc "{value}" lớn {size / 1024 ** 2:.1f} MB, vượt giới hạn '
                      f"{MAX_ORIGINAL_BYTES // 1024 ** 2} MB")
    return real, None


def check_originals(notices: Iterable[Notice], root: Path) -> Iterator[Diagnostic]:
    for notice in notices:
        if notice.original and not original_form_problem(notice.original):
            _, problem = resolve_original(notice.original, root)
            if problem:
                yield Diagnostic(notice.source, notice.lines.get("original", 1), 1, ERROR,
                                 "NA421", problem, "original")
