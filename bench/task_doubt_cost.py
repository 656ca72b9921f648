"""What deciding `certain` costs on the extractor's path: the doubt step of a git revision
(generator/link/task_certainty.py as it was there) against the working tree's, in one process,
on the same tasks, alternated old/new/new/old/old/new, CPU seconds (time.process_time).

    .venv/bin/python bench/task_doubt_cost.py REV FOLDER

FOLDER: notices (any *.md with front matter below it), e.g. a synthetic archive from
bench/generate.py or tests/data/tasks_blind7. Prints the raw extraction's CPU per body for
scale and the doubt step's median per body, old and new. The old module is read with `git show`,
so its doubted() must take the arguments it took at REV (tasks, matcher, abbreviations,
imperative).
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import task_eval  # noqa: E402

from generator.link import task_certainty as new  # noqa: E402
from generator.link.extract_tasks import _imperative  # noqa: E402
from generator.load import load_document  # noqa: E402


def _old(rev: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show",
                             f"{rev}:generator/link/task_certainty.py"],
                            check=True, capture_output=True, text=True).stdout
    module = importlib.util.module_from_spec(
        importlib.util.spec_from_loader("generator.link._old_task_certainty", loader=None))
    module.__package__ = "generator.link"     # its relative imports resolve in this tree
    exec(compile(source, f"{rev}:task_certainty.py", "exec"), module.__dict__)
    return module


def main() -> None:
    rev, folder = sys.argv[1], Path(sys.argv[2])
    old = _old(rev)
    ex = task_eval.extractor(doubts=False)
    bodies = []
    for path in sorted(folder.rglob("*.md")):
        if "theme" in path.parts or path.name in ("README.md", "index.md"):
            continue
        try:
            doc = load_document(path, folder)
        except Exception:       # noqa: BLE001 - a file that is not a notice: not measured
            continue
        if doc.body:
            bodies.append((doc.body, doc.body_line))
    start = time.process_time()
    raw = [(ex.extract(body, line), body, line) for body, line in bodies]
    extraction = time.process_time() - start
    abbreviations = ex.parser.abbreviations

    def step(which: str) -> float:
        start = time.process_time()
        for tasks, body, line in raw:
            if which == "old":
                old.doubted(tasks, ex.matcher, abbreviations, _imperative)
            else:
                new.doubted(tasks, ex.matcher, abbreviations, _imperative, body, line)
        return time.process_time() - start

    runs: dict[str, list[float]] = {"old": [], "new": []}
    for which in ("old", "new", "new", "old", "old", "new"):
        runs[which].append(step(which))
    n = len(bodies)
    print(f"{folder}: {n} bodies, {sum(len(r[0]) for r in raw)} tasks; the raw extraction "
          f"{extraction / n * 1000:.2f} ms of CPU a body")
    for which, times in runs.items():
        print(f"  doubt step, {which} ({rev if which == 'old' else 'working tree'}): median "
              f"{statistics.median(times) / n * 1000:.3f} ms a body "
              f"(runs {', '.join(f'{t:.3f}' for t in times)} s)")
    print(f"  new / old {statistics.median(runs['new']) / statistics.median(runs['old']):.2f}; "
          f"the new step is {statistics.median(runs['new']) / extraction:.1%} of the extraction")


if __name__ == "__main__":
    main()
