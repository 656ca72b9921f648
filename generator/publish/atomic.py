"""Publish a build in one step: build into a fresh folder, then exchange it with site/.

A failed, interrupted or killed build never touches the published site/, and leftovers of
earlier interrupted builds are removed by the next build that holds the lock.

The exchange is one system call where the platform has one: renameat2(RENAME_EXCHANGE) on
Linux 3.15+, renamex_np(RENAME_SWAP) on macOS 10.12+ (APFS). Elsewhere (Windows, older kernels,
file systems without it) two renames: site/ → a hidden folder, then staging → site/. Between
them site/ is absent for a moment, never half-written; a build killed exactly there leaves the
previous site whole in the hidden folder, and the next build puts it back before anything else.
On Windows a folder that another program has open cannot be renamed: the rename is retried,
then refused with a message naming the program when Windows can tell.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

from ..lockfile import try_lock, unlock

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_STAGING_PREFIX = ".building-"
_OLD_PREFIX = ".replaced-"
_DISCARDED_PREFIX = ".discarded-"
_HELD = "site"            # inside a .replaced- folder: the previous site, whole
_RENAME_SWAP = 2          # renamex_np flag (macOS)
_RENAME_RETRY_SECONDS = 10.0
_WINDOWS = os.name == "nt"   # where a folder in use cannot be renamed
# Set (to anything) to publish with the two-rename fallback even where the platform can swap.
NO_EXCHANGE_ENV = "NOTICE_ARCHIVE_NO_EXCHANGE"


class BuildLocked(Exception):
    """Another build of the same archive is running."""


LOCK_FILE = "build.lock"
_POLL_SECONDS = 0.1


def site_lock_file(site_dir: Path) -> Path:
    """The lock file of one output folder: beside it, hidden, like its staging folders."""
    return site_dir.parent / f".{site_dir.name}.lock"


# Lock files this process holds open. A forked child (the background index work) inherits
# their descriptors, and an flock lasts until every descriptor of it is closed: if the build
# were killed, the orphaned child would hold the archive's lock until it finished. The child
# closes its copies at once, so the lock dies with the build that took it.
_LOCKS_HELD: set = set()


def _close_inherited_locks() -> None:
    # dup2 of /dev/null rather than close: the child's file objects stay valid and close
    # /dev/null when collected, never a descriptor number the child has reused meanwhile.
    for handle in list(_LOCKS_HELD):
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, handle.fileno())
            os.close(null)
    _LOCKS_HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def _open_lock(path: Path):
    """Open a lock file for flock without ever following a link: a repository may carry a
    symlink named like the lock beside site/, and opening it would create or open the file it
    points at, outside the repository."""
    flags = (os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        if path.is_symlink():  # where O_NOFOLLOW does not exist (Windows)
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise BuildLocked(
            f"không mở được tệp khóa {path} ({exc.strerror}); nếu đó là một liên kết tượng "
            "trưng (symlink), hãy xóa nó. site/ giữ nguyên") from None
    return os.fdopen(fd, "a+b")


@contextlib.contextmanager
def build_lock(cache_dir: Path, wait: float = 0.0,
               on_wait: Callable[[], None] | None = None,
               site_dir: Path | None = None) -> Iterator[None]:
    """Hold an exclusive lock for the whole build.

    Two locks, always taken in this order: the cache folder's (memos and the search index are
    shared by every build of the archive) and, given `site_dir`, the output folder's, beside it.
    The second is what keeps two builds with different cache folders (--cache-dir, --safe, two
    users, two checkouts with one --site-dir) from publishing into one site/ at once, where one
    build's clean-up of leftovers would delete the other's staging folder while it is renamed
    into place.

    A second build refuses at once (wait=0), or waits up to `wait` seconds in all for the first
    to finish; `on_wait` is called once if it has to wait. Each lock is an flock on an open
    file, so the kernel releases it when the holder dies, even by SIGKILL.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths = [cache_dir / LOCK_FILE]
    if site_dir is not None:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        paths.append(site_lock_file(site_dir))
    deadline = time.monotonic() + max(0.0, wait)
    announced = False
    with contextlib.ExitStack() as held:
        for path in paths:
            handle = held.enter_context(_open_lock(path))
            while not try_lock(handle):
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
            held.callback(unlock, handle)
            _LOCKS_HELD.add(handle)
            held.callback(_LOCKS_HELD.discard, handle)
        yield


def stop_signals() -> tuple[int, ...]:
    """The signals that ask a build to stop on this platform, besides SIGINT (Ctrl-C).

    SIGTERM everywhere; SIGHUP (terminal closed) where it exists, i.e. not on Windows;
    SIGBREAK (Ctrl-Break, console closed) only on Windows.
    """
    names = ("SIGTERM", "SIGHUP", "SIGBREAK")
    return tuple(getattr(signal, n) for n in names if hasattr(signal, n))


class BuildInterrupted(BaseException):
    """SIGTERM/SIGHUP/SIGBREAK arrived: unwind like Ctrl-C so the staging folder is removed.

    A BaseException, like KeyboardInterrupt, so no `except Exception` in mkdocs swallows it.
    """

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn the platform's stop signals into BuildInterrupted for the duration (SIGINT already
    raises KeyboardInterrupt)."""
    def handler(signum, frame):
        raise BuildInterrupted(signum)

    previous = {}
    for signum in stop_signals():
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
    """Hold stop signals back while site/ is being swapped, then deliver them.

    The handlers are replaced by ones that remember the signal, which is raised again once the
    swap is over. A signal mask would not do: it holds only for the calling thread, and the
    kernel hands a process-wide signal to any thread that has it unblocked, after which Python
    runs the handler in the main thread at once. Handlers work alike on every platform.
    """
    arrived: list[int] = []
    previous = {}
    for signum in (signal.SIGINT, *stop_signals()):
        try:
            previous[signum] = signal.signal(signum, lambda n, frame: arrived.append(n))
        except (OSError, ValueError):  # not the main thread: leave signals alone
            pass
    try:
        yield
    finally:
        for signum, old_handler in previous.items():
            signal.signal(signum, old_handler)
        for signum in dict.fromkeys(arrived):
            signal.raise_signal(signum)


def _staging_name(site_dir: Path) -> str:
    return f".{site_dir.name}{_STAGING_PREFIX}"


def remove_leftovers(site_dir: Path) -> None:
    """Delete what killed builds left beside site/ (call only while holding the lock).

    A build killed between the two renames of the fallback leaves no site/, and the previous
    one, whole, as `<hidden folder>/site`: that is put back first, never deleted.
    """
    parent = site_dir.parent
    if not parent.is_dir():
        return
    held = [p for p in parent.glob(f".{site_dir.name}{_OLD_PREFIX}*") if (p / _HELD).is_dir()]
    if held and not site_dir.exists():
        newest = max(held, key=lambda p: p.stat().st_mtime_ns)
        _rename(newest / _HELD, site_dir)
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
    """Atomically swap two folders in one system call; False where the platform cannot."""
    if os.environ.get(NO_EXCHANGE_ENV):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform == "darwin":  # renamex_np(from, to, RENAME_SWAP)
            result = libc.renamex_np(os.fsencode(a), os.fsencode(b), _RENAME_SWAP)
        else:
            result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                                    _RENAME_EXCHANGE)
    except (OSError, AttributeError, TypeError):  # no such call (Windows, old libc)
        return False
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def swap(staging: Path, site_dir: Path) -> Path | None:
    """Make `staging` the new site/ in one step; returns where the previous site/ now is.

    Call with signals deferred (see `signals_deferred`) so Ctrl-C never falls between the two
    renames of the fallback.
    """
    os.chmod(staging, 0o755)  # mkdtemp makes 0700; a published folder is world-readable
    if not site_dir.exists():
        _rename(staging, site_dir)
        return None
    if _exchange(staging, site_dir):
        return staging  # now holds the previous site
    # Fallback: two renames; between them site/ is briefly absent, never half-written, and the
    # previous site is whole at <holder>/site, where remove_leftovers finds it if we die here.
    holder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{_OLD_PREFIX}", dir=site_dir.parent))
    try:
        _rename(site_dir, holder / _HELD)
    except OSError:
        os.rmdir(holder)
        raise
    try:
        _rename(staging, site_dir)
    except OSError:  # put the previous site back: never leave no site/ behind on an error
        _rename(holder / _HELD, site_dir)
        os.rmdir(holder)
        raise
    # Renamed before deletion, so a half-deleted tree is never taken for a whole site.
    _rename(holder / _HELD, holder / "old")
    return holder


class SiteInUse(OSError):
    """site/ stayed locked by another program (Windows); the message names it when possible."""


def _rename(source: Path, target: Path) -> None:
    """os.rename, retried for a while where a folder in use cannot be renamed (Windows)."""
    deadline = time.monotonic() + _RENAME_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            os.rename(source, target)
            return
        except PermissionError:
            if not _WINDOWS:
                raise
            if time.monotonic() >= deadline:
                holders = _holders(target if target.exists() else source)
                who = (f" (đang bị giữ bởi: {', '.join(holders)})" if holders
                       else " (có thể đang mở trong Explorer, trình soạn thảo hoặc máy chủ web)")
                raise SiteInUse(f"không đổi tên được {source.name} thành {target.name} sau "
                                f"{_RENAME_RETRY_SECONDS:g} giây vì thư mục đang được dùng{who}; "
                                "đóng chương trình đó rồi dựng lại. site/ cũ vẫn nguyên vẹn") from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _holders(path: Path) -> list[str]:
    """Programs holding files of `path` open, as "name (pid)", via Windows' Restart Manager."""
    if not _WINDOWS:
        return []
    try:
        from ctypes import wintypes

        rm = ctypes.WinDLL("rstrtmgr")

        class UniqueProcess(ctypes.Structure):
            _fields_ = [("pid", wintypes.DWORD), ("start", wintypes.FILETIME)]

        class ProcessInfo(ctypes.Structure):
            _fields_ = [("process", UniqueProcess), ("app_name", ctypes.c_wchar * 256),
                        ("service", ctypes.c_wchar * 64), ("type", ctypes.c_int),
                        ("status", ctypes.c_ulong), ("session", wintypes.DWORD),
                        ("restartable", wintypes.BOOL)]

        session = wintypes.DWORD()
        key = ctypes.create_unicode_buffer(64)
        if rm.RmStartSession(ctypes.byref(session), 0, key):
            return []
        try:
            files = [str(p) for p in [path, *path.rglob("*")][:256] if p.is_file()]
            array = (ctypes.c_wchar_p * len(files))(*files)
            if rm.RmRegisterResources(session, len(files), array, 0, None, 0, None):
                return []
            needed, count, reason = ctypes.c_uint(), ctypes.c_uint(16), wintypes.DWORD()
            infos = (ProcessInfo * 16)()
            if rm.RmGetList(session, ctypes.byref(needed), ctypes.byref(count), infos,
                            ctypes.byref(reason)):
                return []
            return [f"{infos[i].app_name} (PID {infos[i].process.pid})" for i in range(count.value)]
        finally:
            rm.RmEndSession(session)
    except Exception:  # only a better message is lost
        return []


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
        os.rename(previous, target / "old")
    except OSError:
        shutil.rmtree(previous, ignore_errors=True)
    _remove_detached(target)


def _remove_detached(folder: Path) -> None:
    try:
        subprocess.Popen([sys.executable, "-c", "import os, shutil, sys; "
                          "hasattr(os, 'nice') and os.nice(10); "
                          "shutil.rmtree(sys.argv[1], ignore_errors=True)", str(folder)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
