"""Read an untrusted original in a child process with bounded memory and time.

A PDF or image can be built to explode when decoded (a decompression bomb, a page tree of
millions of pages, a pathological stream): the child process gets an address-space limit and
the parent a deadline, so the worst such a file can do is fail on its own, with a clear
message, while the batch goes on. Nothing in the file is executed: only text is read.
"""

from __future__ import annotations

import multiprocessing
import resource
import traceback

from .lines import SourceProblem

MEMORY_LIMIT = 2 * 1024 ** 3      # bytes of address space one original's reader may add
TIME_LIMIT = 200                  # seconds without news from the reader (one page's OCR)


def _mapped() -> int:
    """Bytes of address space this process maps now (Linux), 0 where unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn, func, args):
    def progress(done: int, total: int) -> None:
        conn.send(("progress", (done, total)))
    try:
        # The budget is on top of what the forked child already maps (the parent's modules).
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _mapped() + MEMORY_LIMIT
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        conn.send(("ok", func(*args, progress=progress)))
    except SourceProblem as exc:
        conn.send(("problem", str(exc)))
    except MemoryError:
        conn.send(("problem", f"đọc tệp cần quá {MEMORY_LIMIT // 1024 ** 3} GB bộ nhớ (tệp bị "
                              "hỏng hoặc là bom giải nén): bỏ qua"))
    except BaseException as exc:  # any failure of a third-party reader is the file's problem
        conn.send(("problem", f"không đọc được tệp ({type(exc).__name__}: "
                              f"{str(exc)[:200] or traceback.format_exc(limit=1)[-200:]})"))
    finally:
        conn.close()


def run_isolated(func, *args, on_progress=None):
    """func(*args, progress=…) in a forked child under the limits; its SourceProblem is
    re-raised here. The child reports each page through `progress(done, total)`, which resets
    the deadline and is passed on to `on_progress`."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, func, args), daemon=True)
    process.start()
    child.close()
    try:
        while True:
            if not parent.poll(TIME_LIMIT):
                raise SourceProblem(f"đọc tệp (một trang) quá {TIME_LIMIT} giây: bỏ qua")
            status, value = parent.recv()
            if status != "progress":
                break
            if on_progress:
                on_progress(*value)
    except EOFError:
        process.join(5)
        raise SourceProblem("trình đọc tệp dừng đột ngột (tệp bị hỏng hoặc cần quá nhiều bộ "
                            f"nhớ, mã {process.exitcode}): bỏ qua") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
    if status == "problem":
        raise SourceProblem(value)
    return value
