"""`check` of two versions of the generator side by side: old, new, old, new … on two copies of one
archive, so a noisy machine slows both alike. Prints wall and CPU seconds (the process and its
worker processes) of every run, then the medians and the new/old ratios of each pair.

    git worktree add /tmp/before <commit>        # or: git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python bench/check_pairs.py /tmp/before . /tmp/bench-10k/archive --runs 3

`cold` empties each side's cache folder before every run; `unchanged` runs again on a warm
cache (the first run of each side fills it and is not counted). The archive is copied, never
written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from child_time import timed_run


def _run(source: Path, project: Path, cache: Path) -> tuple[float, float]:
    wall, cpu, _ = timed_run([sys.executable, "-m", "generator", "check", "--config",
                              str(project / "mkdocs.yml"), "--cache-dir", str(cache)],
                             env={**os.environ, "PYTHONPATH": str(source.resolve())},
                             cwd=project.parent,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="source folder of the old version (has generator/)")
    parser.add_argument("new", type=Path, help="source folder of the new version")
    parser.add_argument("archive", type=Path, help="a project folder made by bench/generate.py")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modes", default="cold,unchanged")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-pairs-") as tmp:
        sides = {}
        for name, source in (("old", args.old), ("new", args.new)):
            project = Path(tmp, name, "archive")
            shutil.copytree(args.archive, project, symlinks=True)
            sides[name] = (source, project, Path(tmp, name, "cache"))
        for mode in args.modes.split(","):
            rows: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
            if mode == "unchanged":
                for source, project, cache in sides.values():
                    _run(source, project, cache)  # fills the memo
            for i in range(args.runs):
                for name, (source, project, cache) in sides.items():
                    if mode == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    load = os.getloadavg()[0]
                    wall, cpu = _run(source, project, cache)
                    rows[name].append((wall, cpu))
                    print(f"{mode:9s} {name} run {i + 1}: wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
                          f"(load {load:.1f})", flush=True)
            for name, found in rows.items():
                print(f"{mode:9s} {name} median: wall {statistics.median(w for w, _ in found):.2f} s"
                      f"  cpu {statistics.median(c for _, c in found):.2f} s")
            pairs = list(zip(rows["new"], rows["old"]))
            print(f"{mode:9s} new/old median of pairs: wall "
                  f"{statistics.median(n[0] / o[0] for n, o in pairs):.3f}  cpu "
                  f"{statistics.median(n[1] / o[1] for n, o in pairs):.3f}", flush=True)


if __name__ == "__main__":
    main()
