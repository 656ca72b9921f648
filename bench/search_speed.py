"""Search speed on a built archive, optionally beside another checkout of the generator.

    python bench/search_speed.py ARCHIVE_DIR [--rounds 3] [--other CHECKOUT]

Two figures, each measured in fresh processes, rounds interleaved so that a busy machine
weighs on both sides alike:

* in process: a new `Searcher`, then every query of bench/run.py's QUERIES three times (the
  first time is the one a user waits for), p50 and p95 over all, per round; medians of rounds;
* `notice-archive search QUERY` end to end (start-up, freshness check, query, output), for the
  first five queries, with the index fresh: median wall time.

`--other CHECKOUT` runs the same against another source tree (a `git worktree` of an older
commit, say) using the same index, and prints both side by side with the ratio. The index must
be fresh first (run `notice-archive search x` once in the archive).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import QUERIES  # noqa: E402

IN_PROCESS = """
import json, sys, time
from pathlib import Path
from generator.index import Searcher
from generator.project import Project
archive, queries = Path(sys.argv[1]), json.loads(sys.argv[2])
start = time.perf_counter()
with Searcher(Project.find(archive / "mkdocs.yml").cache_dir) as searcher:
    opened = time.perf_counter() - start
    latencies = []
    for _ in range(3):
        for query in queries:
            start = time.perf_counter()
            searcher.search(query, limit=10)
            latencies.append(time.perf_counter() - start)
latencies.sort()
print(json.dumps({"open": opened, "p50": latencies[len(latencies) // 2],
                  "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)],
                  "max": latencies[-1]}))
"""


def _env(tree: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    return env


def in_process(tree: Path, archive: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(archive), json.dumps(QUERIES)],
                         env=_env(tree), cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli(tree: Path, archive: Path, query: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "search", query, "--limit", "10"],
                          env=_env(tree), cwd=archive, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0 or "chỉ mục" in done.stderr:   # an error, or it had to reindex
        raise SystemExit(f"{tree}: search {query!r} did not answer from a fresh index:\n"
                         f"{done.stderr}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--other", type=Path, help="another checkout, measured alongside")
    args = parser.parse_args()
    trees = {"this checkout": HERE.parent}
    if args.other:
        trees = {f"other ({args.other})": args.other.resolve(), **trees}
    figures = {name: {"p50": [], "p95": [], "open": [], "cli": []} for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            got = in_process(tree, args.archive)
            for key in ("p50", "p95", "open"):
                figures[name][key].append(got[key] * 1000)
            figures[name]["cli"] += [cli(tree, args.archive, q) for q in QUERIES[:5]]
    with open("/proc/loadavg", encoding="ascii") as handle:
        load = handle.read().split()[:3]
    print(f"{args.rounds} rounds, load average {' '.join(load)} (1, 5, 15 min) at the end\n")
    print("| checkout | open ms | in process p50 ms | p95 ms | CLI end to end s (median) |")
    print("|---|---:|---:|---:|---:|")
    med = statistics.median
    for name, f in figures.items():
        print(f"| {name} | {med(f['open']):.0f} | {med(f['p50']):.0f} | {med(f['p95']):.0f} | "
              f"{med(f['cli']):.2f} |")
    if args.other:
        old, new = figures.values()
        print(f"\nratio this/other: p95 {med(new['p95']) / med(old['p95']):.2f}, "
              f"CLI {med(new['cli']) / med(old['cli']):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
