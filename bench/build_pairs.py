"""`build` of two versions of the generator side by side: a cold build, then editing, adding and
removing one notice, each followed by `build`, old and new in turn on two copies of one archive
(each with its own cache), so a noisy machine slows both alike. Prints wall and CPU seconds
(the process and its children) of every run, then the medians and each incremental build as a
share of the same side's cold build.

    git archive <commit> generator | tar -x -C /tmp/before     # or: git worktree add …
    .venv/bin/python bench/generate.py 2000 /tmp/archive-2000
    .venv/bin/python bench/build_pairs.py /tmp/before . /tmp/archive-2000 --runs 3 --cold-runs 2

--runs 0 times cold builds only.

The archive is copied, never written. Cold builds (cache and site deleted) come first and
last, half each; between them each run edits one notice (another edit each run), adds one and
removes it, each followed by `build`, both sides in turn.
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

STEPS = ("cold", "edit", "add", "remove")


def _build(source: Path, project: Path, cache: Path) -> tuple[float, float]:
    wall, cpu, done = timed_run([sys.executable, "-m", "generator", "build", "-q"],
                                env={**os.environ, "PYTHONPATH": str(source.resolve()),
                                     "NOTICE_ARCHIVE_CACHE_DIR": str(cache)},
                                cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        raise SystemExit(f"build failed in {project}:\n{done.stderr.decode(errors='replace')}")
    return wall, cpu


def _edited(project: Path) -> Path:
    return sorted((project / "notices").rglob("tb-000100.md"))[0]


def _step(step: str, source: Path, project: Path, cache: Path, original: str, run: int):
    edited = _edited(project)
    added = edited.with_name("tb-added.md")
    if step == "cold":
        edited.write_text(original, encoding="utf-8")
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    elif step == "edit":
        edited.write_text(original.replace("kết luận như sau:", f"kết luận như sau (sửa {run}):",
                                           1), encoding="utf-8")
    elif step == "add":
        added.write_text(original.replace("number: ", "number: 9", 1), encoding="utf-8")
    elif step == "remove":
        added.unlink()
    return _build(source, project, cache)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="source folder of the old version (has generator/)")
    parser.add_argument("new", type=Path, help="source folder of the new version")
    parser.add_argument("archive", type=Path, help="a project folder made by bench/generate.py")
    parser.add_argument("--runs", type=int, default=3, help="edit, add, remove rounds")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold builds per side")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="build-pairs-") as tmp:
        sides = {}
        for name, source in (("old", args.old), ("new", args.new)):
            project = Path(tmp, name, "archive")
            shutil.copytree(args.archive, project, symlinks=True,
                            ignore=shutil.ignore_patterns("site", ".site-*"))
            sides[name] = (source, project, Path(tmp, name, "cache"))
        original = _edited(next(iter(sides.values()))[1]).read_text(encoding="utf-8")
        rows = {(name, step): [] for name in sides for step in STEPS}
        first = (args.cold_runs + 1) // 2
        plan = ([("cold", i) for i in range(first)]
                + [(step, run) for run in range(args.runs) for step in STEPS[1:]]
                + [("cold", i) for i in range(first, args.cold_runs)])
        for step, run in plan:
            for name, (source, project, cache) in sides.items():
                wall, cpu = _step(step, source, project, cache, original, run)
                rows[name, step].append((wall, cpu))
                print(f"run {run + 1} {step:6} {name}: wall {wall:7.1f} s, cpu {cpu:7.1f} s",
                      file=sys.stderr, flush=True)
    print("\n| step | old wall s | new wall s | new / old | old % of cold | new % of cold |")
    print("|---|---:|---:|---:|---:|---:|")
    med = {key: statistics.median(w for w, _ in runs) for key, runs in rows.items() if runs}
    steps = [step for step in STEPS if ("old", step) in med]   # --runs 0: cold builds only
    for step in steps:
        old, new = med["old", step], med["new", step]
        shares = ("", "") if step == "cold" else (
            f"{old / med['old', 'cold'] * 100:.1f}%", f"{new / med['new', 'cold'] * 100:.1f}%")
        print(f"| {step} | {old:.1f} | {new:.1f} | {new / old:.2f} | {shares[0]} | {shares[1]} |")
    cpu = {key: statistics.median(c for _, c in runs) for key, runs in rows.items() if runs}
    print("\nCPU seconds (process and children), medians:")
    for step in steps:
        print(f"  {step:6} old {cpu['old', step]:7.1f}  new {cpu['new', step]:7.1f}  "
              f"new / old {cpu['new', step] / cpu['old', step]:.2f}")


if __name__ == "__main__":
    main()
