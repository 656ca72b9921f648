"""How long site/ is unavailable while a build is published, with and without an atomic swap.

    python bench/publish.py [FILES] [--runs N]

Makes a site-like folder of FILES files (default 15,000, as at 10,000 notices), then publishes
fresh copies over it N times both ways: the platform's one-call swap (renameat2 on Linux,
renamex_np on macOS) and the two-rename fallback (Windows, old kernels). Prints, per way, the
median and maximum time during which `site` does not exist (zero for a swap: there is no such
moment) and the median time of the whole step. The previous site is whole at every moment
either way; only its availability differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.publish import atomic  # noqa: E402


def make_site(folder: Path, files: int) -> None:
    for i in range(files):
        page = folder / f"{i // 100}" / f"{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html>" + "x" * 200 + "</html>")


def measure(base: Path, files: int, runs: int, fallback: bool) -> tuple[list[float], list[float]]:
    site = base / "site"
    template = base / "template"
    make_site(template, files)
    shutil.copytree(template, site)
    if fallback:
        os.environ[atomic.NO_EXCHANGE_ENV] = "1"
    else:
        os.environ.pop(atomic.NO_EXCHANGE_ENV, None)
    gaps, totals = [], []
    real_rename = os.rename
    for _ in range(runs):
        staging = atomic.staging_dir(site)
        shutil.copytree(template, staging, dirs_exist_ok=True)
        gone: list[float] = []

        def timed_rename(source, target):
            real_rename(source, target)
            if Path(source) == site:
                gone.append(time.perf_counter())
            elif Path(target) == site and gone:
                gone.append(time.perf_counter())

        os.rename = timed_rename
        start = time.perf_counter()
        try:
            with atomic.signals_deferred():
                previous = atomic.swap(staging, site)
        finally:
            os.rename = real_rename
        totals.append(time.perf_counter() - start)
        gaps.append(gone[1] - gone[0] if len(gone) == 2 else 0.0)
        shutil.rmtree(previous, ignore_errors=True)
    return gaps, totals


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", type=int, nargs="?", default=15_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(f"platform {sys.platform}, {args.files} files, {args.runs} runs")
    for fallback in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            gaps, totals = measure(Path(tmp), args.files, args.runs, fallback)
        way = "two renames (fallback)" if fallback else "one-call swap"
        print(f"{way:24} site/ absent: median {statistics.median(gaps) * 1e6:8.1f} µs, "
              f"max {max(gaps) * 1e6:8.1f} µs; whole step median "
              f"{statistics.median(totals) * 1e6:8.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
