"""Wall and CPU seconds of one child process, the measure of the side-by-side scripts
(build_pairs.py, check_pairs.py, first_search.py): CPU is user + system time of the child and
everything it waited for, which a shared machine's load disturbs less than wall time."""

from __future__ import annotations

import resource
import subprocess
import time


def timed_run(cmd: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run `cmd` (keyword arguments go to subprocess.run); return wall s, CPU s and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done
