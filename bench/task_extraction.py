"""Task extraction against the hand-labelled sets: real directive texts from public pages
(tests/data/tasks_real, labelled blind: the measure; tests/data/tasks_holdout, a second blind set
labelled after the work: never tuned on) and the texts written for the purpose with
the sample archive (tests/data/tasks: the regression guard). Prints precision, recall and exact
ISO deadlines; with -v also every miss, extra and wrong date of the real set.

    .venv/bin/python bench/task_extraction.py [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import task_eval  # noqa: E402


def main() -> None:
    real = task_eval.score(data=task_eval.REAL)
    held = task_eval.score(data=task_eval.HOLDOUT)
    guard = task_eval.score()
    texts = len(task_eval.labels(task_eval.REAL))
    print(f"real texts ({texts}):     {real.summary()}")
    print(f"held-out texts ({len(task_eval.labels(task_eval.HOLDOUT))}): {held.summary()}")
    print(f"written + samples:   {guard.summary()}")
    if "-v" in sys.argv:
        for name, label in real.misses:
            print(f"MISS  {name}: {label['lead']} | {label['action']}")
        for name, task in real.extras:
            print(f"EXTRA {name}: {task.lead} | {task.text[:110]}")
        for name, label, got, phrase in real.wrong_dates:
            print(f"DATE  {name}: {label['lead']} want {label['deadline']} got {got} ({phrase})")


if __name__ == "__main__":
    main()
