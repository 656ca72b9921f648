"""Work that runs in another process while mkdocs renders pages in this one.

A build renders pages on one core; the Whoosh update and the browser index's analysis need
only the linked archive, so they run beside it and use the other core. The child gets its
arguments inherited when forked, pickled through a pipe when spawned (generator/processes.py),
and sends back one picklable result or the reason it failed. Where no process can be started,
the work runs here, in `wait`.
"""

from __future__ import annotations

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
        self.process = context.Process(target=_child, args=(work, args, failure, send),
                                       name=name)
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
        if self.process is not None and self.process.is_alive():
            self.process.terminate()  # each work leaves its files consistent when stopped
            self.process.join()


def _child(work, args, failure, send) -> None:
    try:
        send.send(("ok", work(*args)))
    except BaseException as exc:  # reported to the parent, which fails the build cleanly
        send.send(f"{failure}: {type(exc).__name__}: {exc}")
    finally:
        send.close()
