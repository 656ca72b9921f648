"""Benchmark: how each pipeline stage scales with hostile notice bodies.

    .venv/bin/python bench/hostile.py                    # every construct, 64 KB to 1.9 MB
    .venv/bin/python bench/hostile.py --sizes 16000 --only open-brackets,hrules

Every construct of tests/hostile_bodies.py (runs and nesting of Markdown punctuation, long
lines, many headings, text our matchers read) goes through load, validate, link, render,
sanitise, index and export as `check` and `build` run them. For each stage the table shows the
slowest construct in CPU milliseconds per KB of body (median of --runs; CPU time, so the
figures hold on a busy machine), and the slowest notice overall (wall time); a body the validation refuses (NA109) stops after validate, as the build does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from hostile_bodies import CONSTRUCTS, Stages, notice_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="64000,512000,1900000",
                        help="body sizes in bytes, comma-separated")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", default="", help="constructs, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [n for n in args.only.split(",") if n] or sorted(CONSTRUCTS)
    stages = Stages()

    worst: dict[str, tuple[float, str, int]] = {}     # stage → (ms/KB, construct, size)
    slowest = (0.0, "", 0, "")
    for name in names:
        for size in sizes:
            body = CONSTRUCTS[name](size)
            kb = max(1.0, len(body.encode("utf-8")) / 1024)
            samples: dict[str, list[float]] = {}
            totals = []
            for _ in range(args.runs):
                started = time.perf_counter()
                times = stages.run(notice_text(body))
                totals.append(time.perf_counter() - started)
                for stage, seconds in times.items():
                    samples.setdefault(stage, []).append(seconds)
            refused = ",".join(sorted({d.code for d in stages.diagnostics
                                       if d.severity == "error"})) or "accepted"
            total = statistics.median(totals)
            print(f"{name:24s} {kb:8.0f} KB {total * 1000:9.0f} ms  {refused:9s} "
                  + " ".join(f"{s}={statistics.median(v) * 1000:.0f}"
                             for s, v in samples.items()), flush=True)
            if total > slowest[0]:
                slowest = (total, name, int(kb), refused)
            for stage, values in samples.items():
                per_kb = statistics.median(values) * 1000 / kb
                if per_kb > worst.get(stage, (0.0,))[0]:
                    worst[stage] = (per_kb, name, int(kb))

    print("\n| stage | slowest construct | ms per KB | at |")
    print("|---|---|---:|---:|")
    for stage in Stages.NAMES:
        if stage in worst:
            per_kb, name, kb = worst[stage]
            print(f"| {stage} | `{name}` | {per_kb:.2f} | {kb:,} KB |")
    total, name, kb, refused = slowest
    print(f"\nslowest notice: `{name}` at {kb:,} KB, {total:.1f} s in all stages ({refused})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
