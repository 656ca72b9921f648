"""Which way worker processes start: one choice for every parallel step of the generator.

Linux forks: a forked worker inherits the imported modules and the parent's data, so it starts
in milliseconds. Windows has no fork and macOS makes it unsafe (system frameworks with threads),
so there, and wherever os.fork is missing, workers are spawned: a fresh interpreter that imports
what it needs and receives its arguments pickled through a pipe (never from disk). Every task
given to a worker is a module-level function with plain arguments, so both ways give the same
results (tests/test_portable.py runs the pipeline both ways).
"""

from __future__ import annotations

import multiprocessing
import os
import sys

FORCE_ENV = "NOTICE_ARCHIVE_START_METHOD"   # "spawn" or "fork": for tests and measurements


def start_method() -> str:
    forced = os.environ.get(FORCE_ENV)
    if forced in ("spawn", "fork") and (forced == "spawn" or hasattr(os, "fork")):
        return forced
    return "fork" if sys.platform.startswith("linux") and hasattr(os, "fork") else "spawn"


def context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context(start_method())
