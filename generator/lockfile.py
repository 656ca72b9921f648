"""An exclusive lock on an open file, on every platform: flock where it exists, msvcrt on Windows.

Both are released by the operating system when the holding process dies, even by SIGKILL or
a closed console window, so a killed build never leaves a lock behind.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import IO, Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class Busy(Exception):
    """The lock is held by another process."""


def try_lock(handle: IO) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    handle.seek(0)
    try:  # one byte at offset 0 (locking past the end of a file is allowed on Windows)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def unlock(handle: IO) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return
    handle.seek(0)
    with contextlib.suppress(OSError):
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None, poll: float = 0.1) -> Iterator[IO]:
    """Hold the lock on `path` (created if missing) for the block.

    wait=None waits as long as it takes; otherwise Busy is raised after `wait` seconds.
    Polling rather than a blocking call: msvcrt's blocking mode gives up after ten seconds.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        deadline = None if wait is None else time.monotonic() + max(0.0, wait)
        while not try_lock(handle):
            if deadline is not None and time.monotonic() >= deadline:
                raise Busy(str(path))
            time.sleep(poll)
        try:
            yield handle
        finally:
            unlock(handle)
