"""Work that runs in another process while mkdocs renders pages in this one.

A build renders pages on one core; the Whoosh update and the browser index's analysis need
only the linked archive, so they run beside it and use the other core. The child gets its
arguments inherited when forked, pickled through a pipe when spawned (generator/processes.py),
and sends back one picklable result or the reason it failed. Where no process can be started,
the work runs here, in `wait`.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any, Callable

from .. import processes


class BackgroundFailed(RuntimeError):
    """The work failed in the child; the message says why (in Vietnamese)."""


class InBackground:
    def __init__(self, work: Callable[..., Any], args: tuple, name: str, failure: str):
        """`work(*args)` in a child process named `name`; `failure` starts the message of a
        failed run ("lập chỉ mục tìm kiếm thất bại")."""
        self.work, self.args, self.failure = work, args, failure
        self.process = None
        try:
            context = processes.context()
        except ValueError:
            return
        self.receive, send = context.Pipe(duplex=False)
        # Not a daemon: a daemon may not start processes of its own (Whoosh's pool would).
        self.process = context.Process(target=_child,
                                       args=(work, args, failure, send, os.getpid()), name=name)
        self.process.start()
        send.close()

    def wait(self) -> Any:
        """The result of the work; raise BackgroundFailed with the child's reason."""
        if self.process is None:
            return self.work(*self.args)
        try:
            message = self.receive.recv() if self.receive.poll(None) else None
        except EOFError:
            message = None
        self.process.join()
        if not (isinstance(message, tuple) and message[0] == "ok"):
            raise BackgroundFailed(message or f"{self.failure}: tiến trình con dừng "
                                              f"(mã {self.process.exitcode})")
        return message[1]

    def cancel(self) -> None:
        if self.process is None:
            return
        # Closed first: a child blocked sending a large result into a full pipe would never
        # see its SIGTERM handled, and join would wait for ever (a stopped build hung so).
        self.receive.close()
        if self.process.is_alive():
            self.process.terminate()  # each work leaves its files consistent when stopped
            self.process.join(10)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()


def _die_with_parent(parent: int) -> None:
    """A build killed outright (SIGKILL, a power cut of the terminal) must not leave its
    background work running on: it would go on writing into a staging folder that the next
    build has already cleaned up. On Linux the kernel sends this child SIGTERM when the build
    dies; elsewhere the work is spawned and ends with its pipe."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before the line above took effect
        os._exit(1)


def _child(work, args, failure, send, parent: int) -> None:
    # A forked child inherits the build's handler that turns SIGTERM into an exception (see
    # publish/atomic.py): the build's cancel must stop it, not start its error reporting.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    try:
        send.send(("ok", work(*args)))
    except BaseException as exc:  # reported to the parent, which fails the build cleanly
        send.send(f"{failure}: {type(exc).__name__}: {exc}")
    finally:
        send.close()
