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
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_STAGING_PREFIX = ".building-"
_OLD_PREFIX = ".replaced-"
_DISCARDED_PREFIX = ".discarded-"


class BuildLocked(Exception):
    """Another build of the same archive is running."""


LOCK_FILE = "build.lock"
_POLL_SECONDS = 0.1


@contextlib.contextmanager
def build_lock(cache_dir: Path, wait: float = 0.0,
               on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock for the whole build.

    A second build of the same archive refuses at once (wait=0), or waits up to `wait` seconds
    for the first to finish; `on_wait` is called once if it has to wait. The lock is an flock on
    an open file, so the kernel releases it when the holder dies, even by SIGKILL.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / LOCK_FILE, "a+") as handle:
        deadline = time.monotonic() + max(0.0, wait)
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    if wait > 0:
                        raise BuildLocked(
                            f"đã đợi {wait:g} giây mà lần dựng khác của kho lưu trữ này vẫn "
                            "chưa xong; site/ giữ nguyên, hãy chạy lại sau") from None
                    raise BuildLocked(
                        "một lần dựng khác của kho lưu trữ này đang chạy; site/ giữ nguyên. "
                        "Hãy đợi nó xong rồi chạy lại, hoặc dùng --wait GIÂY để tự đợi") from None
                if not announced and on_wait is not None:
                    on_wait()
                    announced = True
                time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class BuildInterrupted(BaseException):
    """SIGTERM/SIGHUP arrived: unwind like Ctrl-C so the staging folder is removed.

    A BaseException, like KeyboardInterrupt, so no `except Exception` in mkdocs swallows it.
    """

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into BuildInterrupted for the duration (SIGINT already raises)."""
    def handler(signum, frame):
        raise BuildInterrupted(signum)

    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: leave signals alone
            pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP back while site/ is being swapped, then deliver them."""
    deferred = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


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
    for leftover in parent.glob(f".{site_dir.name}{_DISCARDED_PREFIX}*"):
        _remove_detached(leftover)  # its remover may still be at work, or may have died


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


def swap(staging: Path, site_dir: Path) -> Path | None:
    """Make `staging` the new site/ in one step; returns where the previous site/ now is.

    Call with signals deferred (see `signals_deferred`) so Ctrl-C never falls between the two
    renames of the fallback and leaves no site/ at all.
    """
    os.chmod(staging, 0o755)  # mkdtemp makes 0700; a published folder is world-readable
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return None
    if _exchange(staging, site_dir):
        return staging  # now holds the previous site
    # Fallback: two renames; between them site/ is briefly absent, never half-written.
    previous = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{_OLD_PREFIX}", dir=site_dir.parent))
    os.rmdir(previous)
    os.rename(site_dir, previous)
    os.rename(staging, site_dir)
    return previous


def publish(staging: Path, site_dir: Path) -> None:
    """Swap `staging` in as site/, then delete the previous site/.

    If deleting the old tree is interrupted, what is left is a hidden folder beside site/ that
    the next build removes.
    """
    with signals_deferred():
        previous = swap(staging, site_dir)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def discard(previous: Path, site_dir: Path) -> None:
    """Remove the replaced site in a detached process, so the build returns once published.

    Deleting tens of thousands of files costs as much as rendering them on some file systems;
    the folder is renamed out of the way first, and should the remover die, the next build's
    remove_leftovers deletes what is left.
    """
    target = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{_DISCARDED_PREFIX}",
                                   dir=site_dir.parent))
    try:
        os.rename(previous, target / "site")
    except OSError:
        shutil.rmtree(previous, ignore_errors=True)
    _remove_detached(target)


def _remove_detached(folder: Path) -> None:
    try:
        subprocess.Popen([sys.executable, "-c", "import os, shutil, sys; os.nice(10); "
                          "shutil.rmtree(sys.argv[1], ignore_errors=True)", str(folder)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
