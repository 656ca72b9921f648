"""Publish a build in one step: build into a fresh folder, then exchange it with site/.

A failed, interrupted or killed build never touches the published site/, and leftovers of
earlier interrupted builds are removed by the next build that holds the lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_STAGING_PREFIX = ".building-"
_OLD_PREFIX = ".replaced-"


class BuildLocked(Exception):
    """Another build of the same archive is running."""


@contextlib.contextmanager
def build_lock(cache_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock for the whole build; a second build refuses instead of racing."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / "build.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked("một lần dựng khác của kho lưu trữ này đang chạy; hãy đợi nó xong "
                              "rồi chạy lại") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _staging_name(site_dir: Path) -> str:
    return f".{site_dir.name}{_STAGING_PREFIX}"


def remove_leftovers(site_dir: Path) -> None:
    """Delete staging folders that killed builds left behind (call only while holding the lock)."""
    parent = site_dir.parent
    if not parent.is_dir():
        return
    for prefix in (_staging_name(site_dir), f".{site_dir.name}{_OLD_PREFIX}"):
        for leftover in parent.glob(prefix + "*"):
            shutil.rmtree(leftover, ignore_errors=True)


def staging_dir(site_dir: Path) -> Path:
    """A fresh, empty folder beside site/ (same file system, so the final rename is atomic)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_staging_name(site_dir), dir=site_dir.parent))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EPERM):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def publish(staging: Path, site_dir: Path) -> None:
    """Make `staging` the new site/ in one step; the previous site/ is then deleted."""
    os.chmod(staging, 0o755)  # mkdtemp makes 0700; a published folder is world-readable
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    # Fallback: two renames; between them site/ is briefly absent but never half-written.
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{_OLD_PREFIX}", dir=site_dir.parent))
    os.rmdir(old)
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)
