"""The first `notice-archive search` after a build, for two versions of the generator side by
side: old, new, old, new … on one built archive. Prints wall and CPU seconds (user + system)
of every search, then the medians and the new/old ratios.

    git worktree add /tmp/before <commit>        # or: git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python bench/first_search.py /tmp/before . /tmp/bench-10k/archive --runs 5

The archive's index must exist and be fresh (run `notice-archive search x` in it once). Before
each search, the side's own code seals the index again, as the end of a build does, and the
memo of verified files is removed: what a search finds right after a build of that version.
The index files themselves are not changed, so both sides search the same index.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from child_time import timed_run

QUERY = "an toan giao thong"
RESEAL = """
import sys
from pathlib import Path
from generator import authenticated
from generator.index import writer
from generator.project import Project
root = writer.index_root(Project.find(Path(sys.argv[1]) / "mkdocs.yml").cache_dir, "public")
gen = writer.current_generation(root)
(root / authenticated.VERIFIED_MEMO).unlink(missing_ok=True)
writer.seal(gen)
"""


def _env(source: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(source.resolve())}


def _search(source: Path, archive: Path) -> tuple[float, float]:
    subprocess.run([sys.executable, "-c", RESEAL, str(archive)], env=_env(source), check=True)
    wall, cpu, _ = timed_run([sys.executable, "-m", "generator", "search", QUERY, "--limit", "10"],
                             env=_env(source), cwd=archive, stdout=subprocess.DEVNULL, check=True)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="source folder of the old version (has generator/)")
    parser.add_argument("new", type=Path, help="source folder of the new version")
    parser.add_argument("archive", type=Path, help="a built project made by bench/generate.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    for i in range(args.runs):
        for name, source in (("old", args.old), ("new", args.new)):
            wall, cpu = _search(source, args.archive)
            rows[name].append((wall, cpu))
            print(f"{name} run {i + 1}: wall {wall:6.3f} s  cpu {cpu:6.3f} s  "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    med = {name: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
           for name, r in rows.items()}
    for name, (wall, cpu) in med.items():
        print(f"{name} median: wall {wall:.3f} s  cpu {cpu:.3f} s")
    print(f"new/old: wall {med['new'][0] / med['old'][0]:.3f}  cpu {med['new'][1] / med['old'][1]:.3f}")


if __name__ == "__main__":
    main()
