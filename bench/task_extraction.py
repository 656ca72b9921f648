"""Task extraction against the hand-labelled sets: real directive texts from public pages
(tests/data/tasks_real, labelled blind: the measure; tests/data/tasks_holdout, a second blind set
labelled after the work; tests/data/tasks_fresh, a third blind set labelled before the extractor
read it: the fresh measure; tests/data/tasks_blind2, a fourth blind set from 31 provinces;
tests/data/tasks_blind3, a fifth, labelled while the rules were tuned on blind2;
tests/data/tasks_blind4, a sixth, labelled while the rules were tuned on blind2 and blind3) and
the texts written for the purpose with
the sample archive (tests/data/tasks: the regression guard). Prints precision, recall and exact
ISO deadlines; with -v also every miss, extra and wrong date of the real set (or of the
set named).

    .venv/bin/python bench/task_extraction.py [-v [holdout|fresh|blind2|blind3|blind4]]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import task_eval  # noqa: E402


def main() -> None:
    real = task_eval.score(data=task_eval.REAL)
    held = task_eval.score(data=task_eval.HOLDOUT)
    fresh = task_eval.score(data=task_eval.FRESH)
    blind2 = task_eval.score(data=task_eval.BLIND2)
    blind3 = task_eval.score(data=task_eval.BLIND3)
    blind4 = task_eval.score(data=task_eval.BLIND4)
    guard = task_eval.score()
    texts = len(task_eval.labels(task_eval.REAL))
    print(f"real texts ({texts}):     {real.summary()}")
    print(f"held-out texts ({len(task_eval.labels(task_eval.HOLDOUT))}): {held.summary()}")
    print(f"fresh texts ({len(task_eval.labels(task_eval.FRESH))}):    {fresh.summary()}")
    print(f"blind2 texts ({len(task_eval.labels(task_eval.BLIND2))}):   {blind2.summary()}")
    print(f"blind3 texts ({len(task_eval.labels(task_eval.BLIND3))}):   {blind3.summary()}")
    print(f"blind4 texts ({len(task_eval.labels(task_eval.BLIND4))}):   {blind4.summary()}")
    print(f"written + samples:   {guard.summary()}")
    if "-v" in sys.argv:
        shown = {"holdout": held, "fresh": fresh, "blind2": blind2, "blind3": blind3, "blind4": blind4}.get(sys.argv[-1], real)
        for name, label in shown.misses:
            print(f"MISS  {name}: {label['lead']} | {label['action']}")
        for name, task in shown.extras:
            print(f"EXTRA {name}: {task.lead} | {task.text[:110]}")
        for name, label, got, phrase in shown.wrong_dates:
            print(f"DATE  {name}: {label['lead']} want {label['deadline']} got {got} ({phrase})")


if __name__ == "__main__":
    main()
