"""One large run: how far one machine carries a province's whole history.

    .venv/bin/python bench/scale.py 50000

Generates N notices (bench/generate.py), then measures, each step its own process: the cold
build, a build after adding one notice, their peak RSS, the size of `site/`, and the bytes the
site's search fetches for each of the benchmark queries. No Whoosh index and no baseline: at
this size those are bench/run.py's business, and each would take as long as the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from run import CLI, PY, QUERIES, dir_size, timed  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of notices (e.g. 50000)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/notice-archive-bench"))
    args = parser.parse_args()

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(HERE.parent))
    archive = args.workdir / f"n{args.count}" / "archive"
    if not (archive / "notices").exists():
        print(f"generating {args.count} notices in {archive} …", file=sys.stderr)
        generate(args.count, archive)
    from generator.project import Project
    shutil.rmtree(Project.find(archive / "mkdocs.yml").cache_dir, ignore_errors=True)
    shutil.rmtree(archive / "site", ignore_errors=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, text=True,
                            capture_output=True).stdout.strip()

    print(f"cold build of {args.count} notices …", file=sys.stderr)
    cold = timed(CLI + ["build", "-q"], archive, env)
    edited = next((archive / "notices").rglob("tb-000100.md"))
    added = edited.with_name("tb-added.md")
    added.write_text(edited.read_text(encoding="utf-8").replace("number: ", "number: 9", 1),
                     encoding="utf-8")
    print("build after adding one notice …", file=sys.stderr)
    try:
        add = timed(CLI + ["build", "-q"], archive, env)
    finally:
        added.unlink()
    total, pages, html = dir_size(archive / "site")
    out = subprocess.run([PY, str(HERE / "search_figures.py"), "--bytes-only", str(archive),
                          *QUERIES], env=env, text=True, capture_output=True, check=True).stdout
    import json
    browser = json.loads(out.strip().splitlines()[-1])

    print(f"\nN = {args.count} notices, one run per step (commit {commit}, "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cores)\n")
    # CPU seconds beside wall seconds: on a shared machine wall time counts other jobs too.
    print("| step | s | CPU s | peak RSS MB |")
    print("|---|---:|---:|---:|")
    print(f"| `build`, cold | {cold.wall:.0f} | {cold.cpu:.0f} | {cold.rss_mb:,.0f} |")
    print(f"| `build` after adding one notice | {add.wall:.0f} ({add.wall / cold.wall:.1%} of cold) "
          f"| {add.cpu:.0f} ({add.cpu / cold.cpu:.1%}) | {add.rss_mb:,.0f} |")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"\nsite/ (after the add): {total / 1e9:.2f} GB, {pages:,} HTML pages, "
          f"{html / max(pages, 1) / 1024:.1f} KB per page on average")
    print(f"one browser query fetches at most {browser['browser_kb_max']:.0f} KB "
          f"({browser['browser_kb_gzip_max']:.0f} KB gzip), median "
          f"{browser['browser_kb_median']:.0f} KB, over {len(QUERIES)} queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
