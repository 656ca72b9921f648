"""Which signs make an extracted task doubtful: derive DOUBTS (the pairs of signals that were
the `certain` flag before the doubt model of tools/train_task_doubts.py) and measure it
leave-one-set-out.

For every task the register extracts from the seven labelled real-text sets, with `certain` as
the rules' own guesses set it, the signals of task_certainty.signals() (where the sentence names
the lead, what follows the name, a headline, a plan, a collective or long name as a plain
subject, …) and whether the task is right (it matches a label by the scorer's rule). A greedy
search picks, one at a time, the pair of signals that flags the fewest right tasks per
wrong one, until the tasks left certain reach precision 0.90 or no candidate flags fewer than
1.5 right tasks per wrong one. Strictly leave-one-set-out: for each set, the doubts are chosen
on the other six and scored on it (its labels are read only to score). Then the doubts chosen
on the seven sets it was derived from, which is what DOUBTS below must hold. blind6,
labelled after the doubts were chosen, is scored but never chosen on: its row above is the flag's
first run on unseen text (the extractor of 361a9f4 had not seen it either).

    .venv/bin/python bench/task_certainty.py
    .venv/bin/python bench/task_certainty.py --evidence
    .venv/bin/python bench/task_certainty.py --at cde75f9 blind5

--evidence tries the other way round, leave-one-set-out too: a task is certain only with a sign
for it (a numbered point, its own deadline, a long list of leads, a known body before a command
…), each sign or pair chosen while its tasks are right at least 0.92 of the time.

--at COMMIT SET scores the flag on text the extractor had never seen: the extractor as it was
at COMMIT (a set's first, blind run: cde75f9 for blind5, 4bdd076 for blind4), today's labels of
SET, and the doubts chosen on the other six sets. The commit's tree is unpacked with `git
archive` into a temporary folder; nothing is downloaded.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import task_eval  # noqa: E402
from task_extraction import SETS  # noqa: E402

from generator.link.extract_tasks import _imperative  # noqa: E402
from generator.link.task_certainty import signals  # noqa: E402

# The doubts this search chose on the seven sets before blind6, shipped as the `certain` flag
# until the doubt model (tools/train_task_doubts.py) replaced them; kept to measure beside it.
DOUBTS: tuple[frozenset[str], ...] = tuple(frozenset(d) for d in (
    ("external", "long_lead"),
    ("speaker_before", "will"),
    ("no_end", "no_marker"),
    ("no_marker", "odd_after"),
    ("long_lead", "no_marker"),
    ("generic", "odd_after"),
    ("long_lead", "odd_after"),
    ("odd_after", "subject_first"),
    ("no_marker", "speaker_before"),
    ("odd_after", "speaker_before"),
))
# Signs for a task: a deadline of its own, a numbered point; no doubt applies to them
SPEAKS_FOR = frozenset({"dated", "point"})


def doubtful(found: set[str] | frozenset[str], doubts=DOUBTS) -> bool:
    return not found & SPEAKS_FOR and any(d <= found for d in doubts)

TARGET = 0.90       # precision of the tasks left certain
# Signs for a task, not against it: never part of a doubt (--evidence tries them the other way)
EVIDENCE = {"known", "long_list", "after_marker", "verb_after", "list_after"}
CAP = 1.5           # at most this many right tasks flagged per wrong one, per step


def rows(data: Path, ex) -> list[tuple[frozenset[str], bool]]:
    """(signals, right) of every task the rules left certain; the others stay flagged."""
    out = []
    for judged in _judged(data).values():
        shared = Counter((t.text, t.line) for t, _ in judged)
        for task, right in judged:
            if task.certain:
                out.append((frozenset(signals(task, shared[(task.text, task.line)], ex.matcher,
                                              ex.parser.abbreviations, _imperative)), right))
    return out


def _judged(data: Path) -> dict[str, list]:
    by_text: dict[str, list] = {}
    for name, task, right in task_eval.score(data=data, doubts=False).judged:
        by_text.setdefault(name, []).append((task, right))
    return by_text


def search(train: list[tuple[frozenset[str], bool]]) -> list[frozenset[str]]:
    everything = train
    names = sorted({s for feats, _ in train for s in feats} - SPEAKS_FOR - EVIDENCE)
    train = [(feats, right) for feats, right in train if not feats & SPEAKS_FOR]
    # pairs only: each signal alone is too broad (a list, a plain subject are mostly right)
    candidates = [frozenset(p) for p in itertools.combinations(names, 2)]
    chosen: list[frozenset[str]] = []
    while True:
        sure = [right for feats, right in everything if not doubtful(feats, chosen)]
        if not sure or sum(sure) / len(sure) >= TARGET:
            break
        best = None
        for c in candidates:
            newly = [right for feats, right in train
                     if c <= feats and not any(d <= feats for d in chosen)]
            wrong = newly.count(False)
            if len(newly) < 4 or not wrong:
                continue
            cost = (len(newly) - wrong) / wrong
            if best is None or cost < best[0]:
                best = (cost, c)
        if best is None or best[0] > CAP:
            break
        chosen.append(best[1])
    return chosen


def evidence_search(train: list[tuple[frozenset[str], bool]], floor: float = 0.92,
                    support: int = 8) -> list[frozenset[str]]:
    names = sorted({s for feats, _ in train for s in feats})
    candidates = [frozenset([a]) for a in names] + \
        [frozenset(p) for p in itertools.combinations(names, 2)]
    chosen: list[frozenset[str]] = []
    while True:
        best = None
        for c in candidates:
            sel = [right for feats, right in train if c <= feats]
            if len(sel) < support or sum(sel) / len(sel) < floor:
                continue
            gain = sum(right for feats, right in train
                       if c <= feats and not any(d <= feats for d in chosen))
            if gain and (best is None or gain > best[0]):
                best = (gain, c)
        if best is None:
            return chosen
        chosen.append(best[1])


_AT_RUN = """
import json, sys
from collections import Counter
sys.path.insert(0, "tests")
import task_eval
from generator.link.extract_tasks import _imperative
from generator.link.task_certainty import signals
def doubtful(found, doubts):
    return not found & {"dated", "point"} and any(d <= found for d in doubts)
name, doubts = sys.argv[1], [frozenset(d) for d in json.loads(sys.argv[2])]
ex = task_eval.extractor(doubts=False)
s = task_eval.score(data=getattr(task_eval, name.upper()))
by_text, n = {}, Counter()
for text, t, right in s.judged:
    by_text.setdefault(text, []).append((t, right))
for items in by_text.values():
    shared = Counter((t.text, t.line) for t, _ in items)
    for t, right in items:
        found = signals(t, shared[(t.text, t.line)], ex.matcher, ex.parser.abbreviations,
                        _imperative)
        n[("rules", t.certain, right)] += 1
        n[("doubts", t.certain and not doubtful(found, doubts), right)] += 1
print(json.dumps([s.predicted, s.matched, s.labelled, [[*k, v] for k, v in n.items()]]))
"""


def run_at(commit: str, name: str, script: str, args: list[str]) -> str:
    """Run `script` (python -c, given NAME and `args`) over the extractor of COMMIT with today's
    task_certainty.py, scorer and labels of set NAME: a set's first, blind run, judged today.
    Returns what it prints."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", commit],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        shutil.copy(root / "generator" / "link" / "task_certainty.py",
                    Path(tmp) / "generator" / "link")
        shutil.copy(root / "tests" / "task_eval.py", Path(tmp) / "tests")
        labelled = Path(tmp) / "tests" / "data" / SETS[name][0].name
        shutil.rmtree(labelled, ignore_errors=True)
        shutil.copytree(SETS[name][0], labelled)
        return subprocess.run([sys.executable, "-c", script, name, *args], cwd=tmp, check=True,
                              capture_output=True, text=True,
                              env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"}).stdout


def at(commit: str, name: str, data: dict) -> None:
    """The flag on the set's first, blind run: the extractor of that commit, today's doubts
    chosen without the set."""
    doubts = search([r for other, rs in data.items() if other != name for r in rs])
    out = run_at(commit, name, _AT_RUN, [json.dumps([sorted(d) for d in doubts])])
    predicted, matched, labelled_n, counts = json.loads(out)
    n = {(k, c, r): v for k, c, r, v in counts}
    print(f"{name} at {commit} (its blind run): {predicted} extracted, {matched} matched of "
          f"{labelled_n}: precision {matched / predicted:.2f}, recall {matched / labelled_n:.2f}")
    print(f"{'flag by':<9} {'sure':>5} {'P sure':>6} {'flag':>5} {'P flag':>6} "
          f"{'right flagged':>13}")
    for kind in ("rules", "doubts"):
        sure = n.get((kind, True, True), 0) + n.get((kind, True, False), 0)
        flag = n.get((kind, False, True), 0) + n.get((kind, False, False), 0)
        right_flag = n.get((kind, False, True), 0)
        print(f"{kind:<9} {sure:>5} {n.get((kind, True, True), 0) / max(1, sure):>6.2f} "
              f"{flag:>5} {right_flag / max(1, flag):>6.2f} {right_flag / max(1, matched):>13.2f}")


# The sets DOUBTS was derived from; later sets only measure it.
CHOSEN_ON = ("real", "holdout", "fresh", "blind2", "blind3", "blind4", "blind5")


def main() -> None:
    ex = task_eval.extractor(doubts=False)
    flagged_before = {}
    data = {}
    for name, (path, _) in SETS.items():
        judged = task_eval.score(data=path, doubts=False).judged
        flagged_before[name] = [right for _, t, right in judged if not t.certain]
        data[name] = rows(path, ex)
    if "--at" in sys.argv:
        commit, name = sys.argv[sys.argv.index("--at") + 1:][:2]
        at(commit, name, data)
        return
    if "--evidence" in sys.argv:
        evidence(data, flagged_before)
        return
    print(f"{'held out':<9} {'sure':>5} {'P sure':>6} {'flag':>5} {'P flag':>6} "
          f"{'right flagged':>13} {'flagged':>8}   (doubts chosen on the other sets, scored on "
          f"this one)")
    total = [0, 0, 0, 0]
    for name, test in data.items():
        doubts = search([r for other, rs in data.items()
                         if other != name and other in CHOSEN_ON for r in rs])
        sure = [right for feats, right in test if not doubtful(feats, doubts)]
        flag = [right for feats, right in test if doubtful(feats, doubts)]
        flag += flagged_before[name]
        right = sum(sure) + sum(flag)
        if name in CHOSEN_ON:     # the micro-average is over the sets DOUBTS came from
            for k, v in enumerate((len(sure), sum(sure), len(flag), sum(flag))):
                total[k] += v
        print(f"{name + ('' if name in CHOSEN_ON else ' (new)'):<9} {len(sure):>5} {sum(sure) / max(1, len(sure)):>6.2f} {len(flag):>5} "
              f"{sum(flag) / max(1, len(flag)):>6.2f} {sum(flag) / max(1, right):>13.2f} "
              f"{len(flag) / (len(sure) + len(flag)):>8.2f}")
    print(f"{'micro':<9} {total[0]:>5} {total[1] / total[0]:>6.2f} {total[2]:>5} "
          f"{total[3] / max(1, total[2]):>6.2f} {total[3] / (total[1] + total[3]):>13.2f} "
          f"{total[2] / (total[0] + total[2]):>8.2f}   (over the seven sets before blind6)")
    chosen = search([r for name, rs in data.items() if name in CHOSEN_ON for r in rs])
    print(f"doubts chosen on the sets before blind6 ({', '.join(CHOSEN_ON)}):")
    for d in chosen:
        print(f"    {tuple(sorted(d))},")
    same = set(chosen) == set(DOUBTS)
    print("DOUBTS " + ("holds them" if same else "DIFFERS: copy them there"))


def evidence(data: dict, flagged_before: dict) -> None:
    print(f"{'held out':<9} {'sure':>5} {'P sure':>6} {'flag':>5} {'P flag':>6} "
          f"{'right flagged':>13}   (signs for a task chosen on the other sets)")
    total = [0, 0, 0, 0]
    for name, test in data.items():
        signs = evidence_search([r for other, rs in data.items() if other != name for r in rs])
        sure = [right for feats, right in test if any(c <= feats for c in signs)]
        flag = [right for feats, right in test if not any(c <= feats for c in signs)]
        flag += flagged_before[name]
        for k, v in enumerate((len(sure), sum(sure), len(flag), sum(flag))):
            total[k] += v
        print(f"{name:<9} {len(sure):>5} {sum(sure) / max(1, len(sure)):>6.2f} {len(flag):>5} "
              f"{sum(flag) / max(1, len(flag)):>6.2f} "
              f"{sum(flag) / max(1, sum(sure) + sum(flag)):>13.2f}")
    print(f"{'micro':<9} {total[0]:>5} {total[1] / total[0]:>6.2f} {total[2]:>5} "
          f"{total[3] / max(1, total[2]):>6.2f} {total[3] / (total[1] + total[3]):>13.2f}")


if __name__ == "__main__":
    main()
