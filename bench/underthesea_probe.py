"""Would underthesea earn its place in task extraction? A measurement, not a dependency.

For every hand-labelled assignment of the three real-text sets (tests/data/tasks_real,
tasks_holdout, tasks_fresh) it finds the sentence that holds the label's action and asks:

- chunk: is the lead, as the label writes it, one noun-phrase chunk of underthesea.chunk, or
  one run of consecutive NP chunks (what a "subject NP + directive verb" reading would need);
- verb: does underthesea.pos_tag tag the first word of the action as a verb (V), against the
  extractor's own test of the same word (`_verb` in generator/link/extract_tasks.py);
- time: seconds for pos_tag + chunk over those sentences, against the extractor over the texts.

underthesea (Apache-2.0; its CRF models ship inside the wheel) is not installed with the
project; install it beside it to run this, e.g.

    .venv/bin/pip install --target /tmp/ut underthesea
    PYTHONPATH=/tmp/ut HF_HUB_OFFLINE=1 .venv/bin/python bench/underthesea_probe.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import task_eval  # noqa: E402
from generator.link.extract_tasks import _verb  # noqa: E402
from generator.load import load_document  # noqa: E402
from generator.text import canonical, fold  # noqa: E402


def _key(text: str) -> str:
    return " ".join(fold(text).lower().replace(",", " ").split())


def main() -> None:
    from underthesea import chunk, pos_tag

    rows = []
    for data in (task_eval.REAL, task_eval.HOLDOUT, task_eval.FRESH):
        for name, gold in task_eval.labels(data).items():
            body = load_document(data / name, task_eval.ROOT).body
            sentences = [s for s in body.replace("\n", " ").split(". ") if s.strip()]
            for label in gold or []:
                action = _key(label["action"])
                sentence = next((s for s in sentences if action in _key(s)), None)
                if sentence is not None:
                    rows.append((sentence, label))
    chunk_hits = run_hits = verb_ut = verb_ours = 0
    took = []
    for sentence, label in rows:
        start = time.perf_counter()
        chunks = chunk(sentence)
        tags = pos_tag(sentence)
        took.append(time.perf_counter() - start)
        phrases, current = [], []
        for word, _, tag in chunks:
            if tag == "B-NP" and current:
                phrases.append(" ".join(current))
                current = []
            current = [*current, word] if tag in ("B-NP", "I-NP") else []
            if tag not in ("B-NP", "I-NP") and current == []:
                phrases.append("")
        phrases.append(" ".join(current))
        chunk_hits += _key(label["lead"]) in {_key(p) for p in phrases}
        runs_np, run = [], []     # maximal runs of consecutive NP chunks
        for word, _, tag in chunks:
            if tag in ("B-NP", "I-NP"):
                run.append(word)
            elif run:
                runs_np.append(" ".join(run))
                run = []
        runs_np.append(" ".join(run))
        run_hits += _key(label["lead"]) in {_key(p) for p in runs_np}
        first = label["action"].split()[0]
        word_tags = {w.split()[0].lower(): t for w, t in tags}
        verb_ut += word_tags.get(first.lower()) == "V"
        words = label["action"].split()
        verb_ours += _verb(canonical(words[0]), canonical(words[1]) if len(words) > 1 else "")
    n = len(rows)
    ex = task_eval.extractor()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for data in (task_eval.REAL, task_eval.HOLDOUT, task_eval.FRESH):
            for name in task_eval.labels(data):
                ex.extract(load_document(data / name, task_eval.ROOT).body)
        runs.append(time.perf_counter() - start)
    print(f"labelled assignments found in a sentence: {n}")
    print(f"lead is one NP chunk (underthesea.chunk):   {chunk_hits}/{n} = {chunk_hits / n:.2f}")
    print(f"lead is one run of NP chunks (merged):      {run_hits}/{n} = {run_hits / n:.2f}")
    print(f"action's first word tagged V (pos_tag):      {verb_ut}/{n} = {verb_ut / n:.2f}")
    print(f"action's first word a verb (extractor rule): {verb_ours}/{n} = {verb_ours / n:.2f}")
    print(f"underthesea chunk+pos_tag, median per sentence: {statistics.median(took) * 1000:.1f} ms"
          f" (total {sum(took):.1f} s)")
    texts = sum(len(task_eval.labels(d))
                for d in (task_eval.REAL, task_eval.HOLDOUT, task_eval.FRESH))
    print(f"extractor, all {texts} texts, median of 5 runs: {statistics.median(runs):.2f} s")


if __name__ == "__main__":
    main()
