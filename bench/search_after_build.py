"""Benchmark: the first `notice-archive search` after a build, with the build keeping the Whoosh
index current (now) and without (`search_index: false`, as before), side by side.

    .venv/bin/python bench/search_after_build.py 3000 --runs 1

Two copies of one synthetic archive (bench/generate.py), one per mode, built and searched in
turn, so both see the same load. Per run and mode: a cold build (no cache, no site), the first
search; one notice edited, a build, the first search; another edited with no build (what a
`git pull` does), a search. Medians, and the ratio now / before per step.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import CLI, synthetic_archive, timed  # noqa: E402
sys.path.insert(0, str(HERE.parent))
from generator.project import Project  # noqa: E402

MODES = ("before", "now")
STEPS = ("build, cold", "first search after the cold build",
         "build after editing one notice", "first search after that build",
         "search after a pull (one notice changed, no build)")


def project_copy(archive: Path, dest: Path, index_in_build: bool) -> Path:
    if not (dest / "notices").exists():
        shutil.copytree(archive / "notices", dest / "notices")
        shutil.copytree(archive / "theme", dest / "theme")
    config = (archive / "mkdocs.yml").read_text(encoding="utf-8")
    if not index_in_build:
        config = config.replace("  - notice-archive:\n",
                                "  - notice-archive:\n      search_index: false\n", 1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def main() -> int:
    args, env, work, archive = synthetic_archive(__doc__, 3000, 1)
    projects = {mode: project_copy(archive, work / f"search-{mode}", mode == "now")
                for mode in MODES}
    seconds = {(mode, step): [] for mode in MODES for step in STEPS}

    for run in range(args.runs):
        for mode, project in projects.items():
            print(f"run {run + 1}/{args.runs}: {mode}", file=sys.stderr)
            shutil.rmtree(Project.find(project / "mkdocs.yml").cache_dir, ignore_errors=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            edited = sorted((project / "notices").rglob("tb-*.md"))[:2]
            originals = [p.read_text(encoding="utf-8") for p in edited]

            def step(name: str, argv: list[str]) -> None:
                seconds[mode, name].append(timed(argv, project, env).wall)

            def search(name: str) -> None:
                # The search says on stderr when it had to index first; timed() keeps stdout.
                result = timed(CLI + ["search", "de an 06", "--limit", "10"], project, env)
                seconds[mode, name].append(result.wall)

            step("build, cold", CLI + ["build", "-q"])
            search("first search after the cold build")
            edited[0].write_text(originals[0].replace("kết luận như sau:",
                                                      "kết luận như sau (sửa):", 1),
                                 encoding="utf-8")
            step("build after editing one notice", CLI + ["build", "-q"])
            search("first search after that build")
            edited[1].write_text(originals[1].replace("kết luận như sau:",
                                                      "kết luận như sau (kéo về):", 1),
                                 encoding="utf-8")
            search("search after a pull (one notice changed, no build)")
            for path, text in zip(edited, originals):
                path.write_text(text, encoding="utf-8")

    print(f"\nN = {args.count} notices, {args.runs} run(s) per step, medians "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cores; before = "
          "`search_index: false`, the build leaves Whoosh to `search`)\n")
    print("| step | before s | now s | now / before |")
    print("|---|---:|---:|---:|")
    for name in STEPS:
        before = statistics.median(seconds["before", name])
        now = statistics.median(seconds["now", name])
        print(f"| {name} | {before:.2f} | {now:.2f} | {now / before:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
