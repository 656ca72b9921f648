"""Benchmark: build, check and search a synthetic archive of N notices; print one table.

    .venv/bin/python bench/run.py 10000 --runs 3

Every step runs as its own process (so peak RSS is that step's own), several times; the table
shows medians. The baseline — a plain mkdocs-material build of the same Markdown files with a
small navigation — runs in the same session, interleaved with our cold build, so the ratio
holds on a noisy shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from serve_latency import measure as serve_latency  # noqa: E402

PY = sys.executable
CLI = [PY, "-m", "generator"]
QUERIES = ["de an 06", "an toan giao thong", "phòng cháy chữa cháy", "pccc", "hoà",
           "thuỷ", "Nguyễn Văn", "\"làm sạch dữ liệu dân cư\"", "01/TB", "kiểm tra giám sát",
           "tai nan giao thong", "sat lo bo song", "chuyen doi so", "Long Mỹ", "dinh danh"]


@dataclass
class Figure:
    name: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    note: str = ""

    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def peak(self) -> float:
        return max(self.rss_mb) if self.rss_mb else float("nan")


class Timing(NamedTuple):
    wall: float     # seconds
    rss_mb: float   # peak RSS of the largest process of the tree
    out: str        # stdout
    cpu: float      # user + system seconds of the process and every child it waited for


def timed(argv: list[str], cwd: Path, env: dict | None = None) -> Timing:
    """Run a command and measure it. CPU seconds are the steadier figure on a shared machine:
    wall time there counts the other jobs' turns too."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        # wait4 gives this process's own rusage: its peak RSS, not the session's.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"failed: {' '.join(argv)}\n{err.read().decode(errors='replace')[-3000:]}")
        return Timing(wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace"),
                      usage.ru_utime + usage.ru_stime)


def plain_project(archive: Path, dest: Path) -> Path:
    """The same Markdown files as a plain mkdocs-material site with a small navigation."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(archive / "notices", docs, ignore=shutil.ignore_patterns("*.yml"))
    (docs / "index.md").write_text("# Lưu trữ\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  language: vi\n"
        "nav:\n  - Trang chủ: index.md\nnot_in_nav: |\n  /*\n", encoding="utf-8")
    return dest


def dir_size(path: Path) -> tuple[int, int, int]:
    """(total bytes, HTML pages, HTML bytes) under path."""
    total = pages = html = 0
    for root, _, files in os.walk(path):
        for name in files:
            size = os.path.getsize(os.path.join(root, name))
            total += size
            if name.endswith(".html"):
                pages += 1
                html += size
    return total, pages, html


def synthetic_archive(doc: str, example: int, runs: int):
    """The command line every archive benchmark shares (count, --runs, --workdir), and the
    synthetic archive of that size, generated once per work folder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("count", type=int, help=f"number of notices (e.g. {example})")
    parser.add_argument("--runs", type=int, default=runs, help="runs per step (median shown)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/notice-archive-bench"))
    args = parser.parse_args()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(HERE.parent))
    work = args.workdir / f"n{args.count}"
    archive = work / "archive"
    if not (archive / "notices").exists():
        print(f"generating {args.count} notices in {archive} …", file=sys.stderr)
        generate(args.count, archive)
    return args, env, work, archive


def main() -> int:
    args, env, work, archive = synthetic_archive(__doc__, 10000, 3)
    plain = plain_project(archive, work / "plain")
    figures: dict[str, Figure] = {}
    search_figures: list[dict] = []
    serve_figures: list[dict] = []

    def record(name: str, argv: list[str], cwd: Path, setup=None, note: str = "") -> str:
        fig = figures.setdefault(name, Figure(name, note=note))
        if setup:
            setup()
        timing = timed(argv, cwd, env)
        fig.seconds.append(timing.wall)
        fig.cpu.append(timing.cpu)
        fig.rss_mb.append(timing.rss_mb)
        return timing.out

    from generator.project import Project
    cache = Project.find(archive / "mkdocs.yml").cache_dir
    site = archive / "site"

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)

    edited = next((archive / "notices").rglob("tb-000100.md"))
    original = edited.read_text(encoding="utf-8")
    added = edited.with_name("tb-added.md")

    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs}", file=sys.stderr)
        record("plain mkdocs-material build (baseline)",
               [PY, "-m", "mkdocs", "build", "-q"], plain,
               setup=lambda: shutil.rmtree(plain / "site", ignore_errors=True))
        record("build, cold", CLI + ["build", "-q"], archive, setup=cold)
        # The build keeps the CLI's Whoosh index current: the first search indexes nothing.
        record("search CLI, first query after a cold build",
               CLI + ["search", QUERIES[0], "--limit", "10"], archive)
        out = record("search: in-process latency and browser bytes (separate process)",
                     [PY, str(HERE / "search_figures.py"), str(archive), *QUERIES], archive)
        search_figures.append(json.loads(out.strip().splitlines()[-1]))
        for query in QUERIES[:5]:
            record("search CLI end to end, one query", CLI + ["search", query, "--limit", "10"],
                   archive)
        record("check after the build (per-file memo warm)", CLI + ["check"], archive)
        record("check again, nothing changed", CLI + ["check"], archive)
        edited.write_text(original.replace("kết luận như sau:", "kết luận như sau (sửa):", 1),
                          encoding="utf-8")
        record("build after editing one notice", CLI + ["build", "-q"], archive)
        added.write_text(original.replace("number: ", "number: 9", 1), encoding="utf-8")
        record("build after adding one notice", CLI + ["build", "-q"], archive)
        added.unlink()
        record("build after removing one notice", CLI + ["build", "-q"], archive)
        edited.write_text(original, encoding="utf-8")
        # A cache folder of its own: deleting the build's would leave the serve step below, and
        # any build run by hand after the bench, without the render manifest and memos.
        cold_cache = args.workdir / "check-cache"
        record("check, cold", CLI + ["check", "--cache-dir", str(cold_cache)], archive,
               setup=lambda: shutil.rmtree(cold_cache, ignore_errors=True))
        # serve: start it, then save the notice and poll its page until the edit shows.
        served = serve_latency(archive, edited, 3, env)
        serve_figures.append(served)
        figures.setdefault("serve: start until the first page answers",
                           Figure("serve: start until the first page answers")
                           ).seconds.append(served["start_s"])
        figures.setdefault("serve: save a notice → its page shows the edit (median of 3)",
                           Figure("serve: save a notice → its page shows the edit (median of 3)")
                           ).seconds.append(served["median_s"])
        if served["peak_rss_mb"]:
            figures["serve: start until the first page answers"].rss_mb.append(
                served["peak_rss_mb"])

    total, pages, html = dir_size(site)
    base = figures["plain mkdocs-material build (baseline)"].median()
    base_cpu = figures["plain mkdocs-material build (baseline)"].cpu_median()
    cold_build = figures["build, cold"].median()
    cold_cpu = figures["build, cold"].cpu_median()
    print(f"\nN = {args.count} notices, {args.runs} runs per step, medians "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cores, load average at the end "
          f"{os.getloadavg()[0]:.1f})\n")
    # CPU seconds (the process and the children it waited for) beside wall seconds: on a
    # shared machine the wall figure also counts other jobs' turns.
    print("| step | median s | min–max s | × baseline | CPU s | CPU × baseline | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fig in figures.values():
        ratio = fig.median() / base if base else float("nan")
        cpu = fig.cpu_median()
        cpu_ratio = f"{cpu / base_cpu:.2f}" if fig.cpu and base_cpu else ""
        cpu_text = f"{cpu:.2f}" if fig.cpu else ""
        print(f"| {fig.name} | {fig.median():.2f} | {min(fig.seconds):.2f}–{max(fig.seconds):.2f}"
              f" | {ratio:.2f} | {cpu_text} | {cpu_ratio} | {fig.peak():.0f} |")
    print(f"\nsite/: {total / 1e6:.1f} MB in all, {pages} HTML pages, "
          f"{html / max(pages, 1) / 1024:.1f} KB per page on average")
    if search_figures:
        p50 = statistics.median(f["p50_ms"] for f in search_figures)
        p95 = statistics.median(f["p95_ms"] for f in search_figures)
        kb = max(f["browser_kb_max"] for f in search_figures)
        kb_gz = max(f["browser_kb_gzip_max"] for f in search_figures)
        print(f"search in process over {len(QUERIES)} queries ×3: p50 {p50:.0f} ms, p95 {p95:.0f} ms"
              f" (goal p95 ≤ 50 ms); one browser query downloads at most {kb:.0f} KB "
              f"({kb_gz:.0f} KB gzip) (goal < 300 KB)")
    # Issue 29's goals.
    print(f"cold build / baseline = {cold_build / base:.2f} wall, {cold_cpu / base_cpu:.2f} CPU "
          f"(goal ≤ 1 at 10,000, ≤ 2 at 3,000)")
    for step in ("adding", "editing", "removing"):
        fig = figures[f"build after {step} one notice"]
        print(f"build after {step} one notice / cold build = {fig.median() / cold_build:.3f} wall, "
              f"{fig.cpu_median() / cold_cpu:.3f} CPU (goal ≤ 0.05)")
    print(f"check, cold: {figures['check, cold'].median():.1f} s (goal ≤ 5 s)")
    if serve_figures:
        every = [s for f in serve_figures for s in f["save_to_page_s"]]
        print(f"serve: save → page {statistics.median(every):.2f} s median over {len(every)} "
              f"saves (goal ≤ 1 s); start {statistics.median(f['start_s'] for f in serve_figures):.1f} s")
    ours = [f.peak() for name, f in figures.items() if f.rss_mb and "baseline" not in name]
    print(f"peak RSS of any step of ours: {max(ours):.0f} MB (goal ≤ 1024)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
