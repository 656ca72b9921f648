"""Would a learned filter on the task register's output generalise better than the rules alone?

A probe, not a component: for each real-text set in turn, a logistic regression (written here,
no dependency) is trained on the register's extracted tasks of the other five sets, each marked
matched (a labelled assignment) or extra, and then drops the held-out set's tasks it judges
extra. Strictly leave-one-set-out: the held-out set's labels are read only to score. Prints,
per set and micro-averaged, precision and recall of the rules alone and after the filter at
three thresholds. Nothing is shipped unless the filter beats the rules on held-out sets.

    .venv/bin/python bench/task_filter_probe.py
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import task_eval  # noqa: E402
from task_extraction import SETS  # noqa: E402

from generator.load import load_document  # noqa: E402
from generator.text import fold  # noqa: E402


def examples(data: Path, ex) -> list[tuple[set[str], bool, int]]:
    """(features, matched, labelled count of its text) for every extracted task of a set."""
    out = []
    for name, gold in task_eval.labels(data).items():
        doc = load_document(task_eval._path(name, data), task_eval.ROOT)
        date = doc.data.get("date") if doc.data else None
        predicted = ex.extract(doc.body, doc.body_line,
                               date if isinstance(date, dt.date) else None)
        free = list(predicted)
        hits = []
        for label in gold or []:
            hit = next((p for p in free if task_eval._same_lead(label["lead"], p, ex.matcher)
                        and task_eval._norm(label["action"]) in task_eval._norm(p.text)), None)
            if hit is not None:
                free.remove(hit)
                hits.append(hit)
        for task in predicted:
            out.append((features(task), any(task is h for h in hits)))
    return out


def features(task) -> set[str]:
    words = re.findall(r"\w+", fold(task.text).lower())[:40]
    lead = re.findall(r"\w+", fold(task.lead).lower())
    feats = {f"w:{w}" for w in words} | {f"b:{a}_{b}" for a, b in zip(words, words[1:])}
    feats |= {f"l:{w}" for w in lead} | {f"l0:{lead[0]}" if lead else "l0:"}
    feats |= {f"known:{task.lead_slug is not None}", f"certain:{task.certain}",
              f"external:{task.external}", f"point:{task.point is not None}",
              f"dated:{task.deadline is not None}", f"long:{len(words) >= 40}"}
    return feats


def train(rows, epochs: int = 30, rate: float = 0.1, l2: float = 1e-3) -> dict[str, float]:
    """Logistic regression by stochastic gradient descent; the weight of 'extra'."""
    w: dict[str, float] = {}
    for _ in range(epochs):
        for feats, matched in rows:
            z = sum(w.get(f, 0.0) for f in feats) + w.get("bias", 0.0)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - (0.0 if matched else 1.0)     # target 1 = extra
            for f in (*feats, "bias"):
                w[f] = w.get(f, 0.0) - rate * (g + l2 * w.get(f, 0.0))
    return w


def p_extra(w, feats) -> float:
    z = sum(w.get(f, 0.0) for f in feats) + w.get("bias", 0.0)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def main() -> None:
    ex = task_eval.extractor()
    data = {name: (examples(path, ex), task_eval.score(data=path).labelled)
            for name, (path, _) in SETS.items()}
    thresholds = (0.5, 0.7, 0.9)
    totals = {t: [0, 0, 0] for t in ("rules", *thresholds)}     # kept, matched kept, labelled
    print(f"{'held out':<9} {'rules P/R':>11} " + " ".join(f"{'drop>' + str(t):>12}"
                                                           for t in thresholds))
    for name, (rows, labelled) in data.items():
        w = train([r for other, (rs, _) in data.items() if other != name for r in rs])
        line = [f"{name:<9}"]
        for t in ("rules", *thresholds):
            kept = [m for f, m in rows if t == "rules" or p_extra(w, f) <= t]
            matched = sum(kept)
            totals[t][0] += len(kept)
            totals[t][1] += matched
            totals[t][2] += labelled
            line.append(f"{matched / len(kept) if kept else 1:.2f}/{matched / labelled:.2f}"
                        .rjust(11 if t == "rules" else 12))
        print(" ".join(line))
    line = [f"{'micro':<9}"]
    for t in ("rules", *thresholds):
        kept, matched, labelled = totals[t]
        line.append(f"{matched / kept:.2f}/{matched / labelled:.2f}".rjust(11 if t == "rules"
                                                                          else 12))
    print(" ".join(line))


if __name__ == "__main__":
    main()
