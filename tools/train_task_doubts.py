"""Train the task register's doubt model (generator/link/task_doubts.json) and judge it
leave-one-set-out on the nine labelled real-text sets.

For every task the register extracts from a set, with `certain` as the rules' own guesses set
it, the features of task_certainty.features() (the signs of its sentence, the lead's form, the
verb before it, its place in the text) and whether it is right: it matches a label by the
scorer's rule (tests/task_eval.py). A logistic regression (L2, fitted by Newton's method,
plain Python) gives each task the rules left certain a probability of being right; a task
below the threshold is flagged "cần xác nhận". The rules' own guesses stay flagged.

Judged strictly leave-one-set-out: for each set, the model is trained on the other eight and
its threshold chosen on those eight (the lowest at which the tasks left certain are right at
least 0.90 of the time, read on predictions each made without its own set: a nested
leave-one-set-out); the held-out set's labels are read only to score. Beside it, on the same
tasks: the doubts shipped before the model (bench/task_certainty.DOUBTS, chosen on seven of
the sets, so in-sample for them) and, with --pairs, the same greedy pair search run
leave-one-set-out over the nine (slower).

The shipped model is trained on all nine with the same recipe (its threshold chosen on the nine
sets' held-out predictions). Deterministic: the same extractor and labels give the same file,
byte for byte.

    .venv/bin/python tools/train_task_doubts.py            # the table; checks the shipped file
    .venv/bin/python tools/train_task_doubts.py --write    # rewrite generator/link/task_doubts.json
    .venv/bin/python tools/train_task_doubts.py --pairs    # and the greedy pairs beside it
    .venv/bin/python tools/train_task_doubts.py --at cde75f9 blind5

--at COMMIT SET scores the model on text the extractor had never seen: the extractor as it was
at COMMIT (a set's first, blind run: 4bdd076 for blind4, cde75f9 for blind5, 361a9f4 for
blind6), today's labels of SET and today's features, the model and threshold trained on the
other eight sets. The commit's tree is unpacked with `git archive` into a temporary folder.
"""

from __future__ import annotations

import json
import math
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import task_eval  # noqa: E402
from task_certainty import DOUBTS, doubtful, run_at, search  # noqa: E402
from task_extraction import SETS  # noqa: E402

from generator.link.extract_tasks import _imperative  # noqa: E402
from generator.link.task_certainty import (MODEL_PATH, SPEAKS_FOR, features,  # noqa: E402
                                           paragraphs, probability, signals)
from generator.load import load_document  # noqa: E402

TARGET = 0.90       # precision of the tasks left certain, aimed at on the training sets
L2 = 1.0            # ridge penalty: ~1,000 tasks and ~45 features; the bias is not penalised
# Sets labelled after the model was made judge it and are never trained on: a set the model
# learnt from would no longer say how it does on text it has not seen.
JUDGES = ("blind8",)
BUDGET = 0.24      # at most this share of the right tasks flagged: the old doubts' 0.14 + 0.10
GRID = [round(0.01 * k, 2) for k in range(96)]    # thresholds tried: 0.00 … 0.95
DIGITS = 4          # weights as written (and as used everywhere, so predictions agree)


class Task:
    """One extracted task: what the model reads, what the old doubts read, whether it is right."""

    __slots__ = ("features", "signals", "right", "rules_certain")

    @property
    def judged(self) -> bool:
        """Whether the model judges it: the rules left it certain and no point speaks for it."""
        return self.rules_certain and not self.features & SPEAKS_FOR

    def __getstate__(self):
        return (self.features, self.signals, self.right, self.rules_certain)

    def __setstate__(self, state):
        self.features, self.signals, self.right, self.rules_certain = state

    def __init__(self, feats, sigs, right, rules_certain):
        self.features, self.signals = frozenset(feats), frozenset(sigs)
        self.right, self.rules_certain = right, rules_certain


def collect(data: Path, ex) -> list[Task]:
    by_text: dict[str, list] = {}
    for name, task, right in task_eval.score(data=data, doubts=False).judged:
        by_text.setdefault(name, []).append((task, right))
    out = []
    for name, judged in by_text.items():
        doc = load_document(task_eval._path(name, data), task_eval.ROOT)
        para = paragraphs(doc.body)
        shared = Counter((t.text, t.line) for t, _ in judged)
        for order, (task, right) in enumerate(judged):
            n = shared[(task.text, task.line)]
            where = para[min(max(task.line - doc.body_line, 0), len(para) - 1)]
            feats = features(task, n, order, len(judged), where, ex.matcher,
                             ex.parser.abbreviations, _imperative)
            sigs = signals(task, n, ex.matcher, ex.parser.abbreviations, _imperative)
            out.append(Task(feats, sigs, right, task.certain))
    return out


# -- the model
class Data:
    """The sets as rows for training: each distinct feature set once, with its counts of wrong
    and right tasks (the tasks the rules left certain only), per set."""

    def __init__(self, sets: dict[str, list[Task]]):
        self.names = ["bias", *sorted({f for ts in sets.values() for t in ts
                                       for f in t.features})]
        index = {f: i for i, f in enumerate(self.names)}
        self.rows: dict[str, dict[tuple[int, ...], list[int]]] = {}
        for name, tasks in sets.items():
            rows: dict[tuple[int, ...], list[int]] = {}
            for t in tasks:
                if t.judged:
                    cols = (0, *sorted(index[f] for f in t.features))
                    rows.setdefault(cols, [0, 0])[t.right] += 1
            self.rows[name] = rows
        self._trained: dict[frozenset[str], dict[str, float]] = {}

    def weights(self, without: frozenset[str] = frozenset()) -> dict[str, float]:
        """The model trained on every set but those named (memoised: the nested
        leave-one-set-out asks for each pair twice)."""
        if without not in self._trained:
            rows: dict[tuple[int, ...], list[int]] = {}
            for name in sorted(self.rows):
                if name not in without:
                    for cols, (wrong, right) in self.rows[name].items():
                        n = rows.setdefault(cols, [0, 0])
                        n[0] += wrong
                        n[1] += right
            w = _fit(sorted(rows.items()), len(self.names))
            self._trained[without] = {f: round(v, DIGITS) + 0.0
                                      for f, v in zip(self.names, w) if v or f == "bias"}
        return self._trained[without]


def _fit(rows: list, d: int) -> list[float]:
    """An L2-penalised logistic regression by Newton's method (iteratively reweighted least
    squares) on binary features: a few steps from zero, in a fixed order, so deterministic."""
    w = [0.0] * d
    for _ in range(50):
        grad = [-L2 * w[i] if i else 0.0 for i in range(d)]
        hess = [[0.0] * d for _ in range(d)]
        for i in range(1, d):
            hess[i][i] = L2
        hess[0][0] = 1e-9
        for cols, (wrong, right) in rows:
            p = _sigmoid(sum(w[c] for c in cols))
            g = right - (wrong + right) * p
            h = (wrong + right) * p * (1 - p)
            for k, a in enumerate(cols):
                grad[a] += g
                row = hess[a]
                for b in cols[k:]:      # the upper triangle; mirrored below
                    row[b] += h
        for a in range(d):
            for b in range(a):
                hess[a][b] = hess[b][a]
        step = _solve(hess, grad)
        w = [a + b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z > -500 else 0.0


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and positive definite)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def held_out(sets: dict[str, list[Task]], data: Data,
             without: frozenset[str] = frozenset()) -> dict[str, list[float | None]]:
    """Each set's tasks' probabilities from a model trained without that set (nor the sets
    `without`); 1.0: a point speaks for it; None: the rules already flagged it."""
    out = {}
    for name, tasks in sets.items():
        if name not in without:
            w = data.weights(without | {name})
            out[name] = [probability(t.features, w) if t.judged else
                         1.0 if t.rules_certain else None for t in tasks]
    return out


def threshold(sets: dict[str, list[Task]], probs: dict[str, list[float | None]]) -> float:
    """The lowest threshold at which the tasks left certain are right at least TARGET of the
    time, but never one that flags more than BUDGET of the right tasks (the rules' own flags
    included): past that, a reader checks so much that the flag stops saving work."""
    pairs = [(p, t.right) for name in probs for p, t in zip(probs[name], sets[name])]
    right = sum(r for _, r in pairs)
    chosen = GRID[0]
    for t in GRID:
        sure = [r for p, r in pairs if p is not None and p >= t]
        flagged_right = right - sum(sure)
        if flagged_right > BUDGET * right:
            break
        chosen = t
        if sure and sum(sure) / len(sure) >= TARGET:
            break
    return chosen


# -- the measures
class Flags:
    def __init__(self):
        self.sure = self.sure_right = self.flag = self.flag_right = 0

    def add(self, certain: bool, right: bool) -> None:
        if certain:
            self.sure += 1
            self.sure_right += right
        else:
            self.flag += 1
            self.flag_right += right

    def __iadd__(self, other):
        for k in ("sure", "sure_right", "flag", "flag_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        return self

    def cells(self) -> str:
        def r(a, b):
            return f"{a / b:.2f}" if b else "   -"
        right = self.sure_right + self.flag_right
        total = self.sure + self.flag
        return (f"{r(self.sure_right, self.sure)} {self.sure:>4}/{self.flag:<4} "
                f"{r(self.flag_right, self.flag)} {r(self.flag, total)} {r(self.flag_right, right)}")


def judge(sets: dict[str, list[Task]], data: Data) -> None:
    head = "P sure  sure/flag P flg shr  rgt"
    print(f"{'held out':<8} {'tasks':>5} | {'before: DOUBTS':<31} | {'greedy pairs, LOSO':<31} | "
          f"{'model, LOSO':<31} threshold")
    print(f"{'':<8} {'':>5} | {head:<31} | {head:<31} | {head:<31}")
    totals = [Flags(), Flags(), Flags()]
    for name, tasks in sets.items():
        w = data.weights(frozenset({name}))
        t_cut = threshold(sets, held_out(sets, data, frozenset({name})))
        pairs = search([(t.signals, t.right) for o, ts in sets.items() if o != name
                        for t in ts if t.rules_certain]) if "--pairs" in sys.argv else None
        row = [Flags(), Flags(), Flags()]
        for t in tasks:
            row[0].add(t.rules_certain and not doubtful(t.signals, DOUBTS), t.right)
            if pairs is not None:
                row[1].add(t.rules_certain and not doubtful(t.signals, pairs), t.right)
            row[2].add(t.rules_certain and (not t.judged or probability(t.features, w) >= t_cut),
                       t.right)
        for total, one in zip(totals, row):
            total += one
        print(f"{name:<8} {len(tasks):>5} | " + " | ".join(f.cells() for f in row) +
              f" {t_cut:.2f}")
    print(f"{'micro':<8} {sum(map(len, sets.values())):>5} | " +
          " | ".join(f.cells() for f in totals))
    print("P sure: precision of the tasks shown as certain; sure/flag: how many; P flg: "
          "precision of the flagged; shr: share flagged; rgt: share of the right tasks flagged")


def model(sets: dict[str, list[Task]], data: Data) -> str:
    """The shipped model as written to MODEL_PATH: trained on every set."""
    shipped = {"threshold": threshold(sets, held_out(sets, data)), "weights": data.weights()}
    return json.dumps(shipped, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def labelled_sets(cache: str | None = None) -> dict[str, list[Task]]:
    """Every labelled set's tasks; `cache`: a file to keep them in between runs."""
    if cache and Path(cache).exists():     # for trying features and penalties quickly
        return pickle.loads(Path(cache).read_bytes())
    ex = task_eval.extractor(doubts=False)
    out = {name: collect(path, ex) for name, (path, _) in SETS.items() if name not in JUDGES}
    if cache:
        Path(cache).write_bytes(pickle.dumps(out))
    return out


_AT_RUN = """
import json, sys
from collections import Counter
sys.path.insert(0, "tests")
import task_eval
from generator.link.extract_tasks import _imperative
from generator.link.task_certainty import features, paragraphs, probability, SPEAKS_FOR
from generator.load import load_document
name, cut, weights = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
data = getattr(task_eval, name.upper())
ex = task_eval.extractor(doubts=False)
s = task_eval.score(data=data, doubts=False)
by_text, n = {}, Counter()
for text, t, right in s.judged:
    by_text.setdefault(text, []).append((t, right))
for text, items in by_text.items():
    doc = load_document(task_eval._path(text, data), task_eval.ROOT)
    para = paragraphs(doc.body)
    shared = Counter((t.text, t.line) for t, _ in items)
    for order, (t, right) in enumerate(items):
        where = para[min(max(t.line - doc.body_line, 0), len(para) - 1)]
        found = features(t, shared[(t.text, t.line)], order, len(items), where, ex.matcher,
                         ex.parser.abbreviations, _imperative)
        n[("rules", t.certain, right)] += 1
        sure = t.certain and (bool(found & SPEAKS_FOR) or probability(found, weights) >= cut)
        n[("model", sure, right)] += 1
print(json.dumps([s.predicted, s.matched, s.labelled, [[*k, v] for k, v in n.items()]]))
"""


def at(commit: str, name: str, every: dict[str, list[Task]], data: Data) -> None:
    """The model on a set's first, blind run: the extractor of COMMIT, today's labels of the
    set, the model and its threshold from the other eight sets (as in the table)."""
    weights = data.weights(frozenset({name}))
    cut = threshold(every, held_out(every, data, frozenset({name})))
    # today's features and scorer over that commit's extractor
    out = run_at(commit, name, _AT_RUN, [str(cut), json.dumps(weights)])
    predicted, matched, labelled_n, counts = json.loads(out)
    n = {(k, c, r): v for k, c, r, v in counts}
    print(f"{name} at {commit} (its blind run): {predicted} extracted, {matched} right; "
          f"the model from the other eight sets, threshold {cut:.2f}")
    for kind in ("rules", "model"):
        flags = Flags()
        for certain in (True, False):
            for right in (True, False):
                for _ in range(n.get((kind, certain, right), 0)):
                    flags.add(certain, right)
        print(f"  {kind:<6} {flags.cells()}   (P sure, sure/flag, P flagged, share flagged, "
              f"right flagged)")


def main() -> None:
    every = labelled_sets(sys.argv[sys.argv.index("--cache") + 1] if "--cache" in sys.argv else None)
    data = Data(every)
    if "--at" in sys.argv:
        commit, name = sys.argv[sys.argv.index("--at") + 1:][:2]
        at(commit, name, every, data)
        return
    text = model(every, data)
    if "--write" in sys.argv:
        MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    if "--quiet" not in sys.argv:
        judge(every, data)
    same = MODEL_PATH.exists() and MODEL_PATH.read_text(encoding="utf-8") == text
    print(f"{MODEL_PATH.relative_to(ROOT)} " + ("holds this training run" if same
                                                else "DIFFERS: rerun with --write"))


if __name__ == "__main__":
    main()
