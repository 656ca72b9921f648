"""Benchmark of `notice-archive serve`: seconds from saving a notice to its page showing the edit.

    .venv/bin/python bench/serve_latency.py ARCHIVE --runs 3

Starts `serve` on ARCHIVE (a project folder with mkdocs.yml; use a copy, the notice is edited
and put back), waits until the notice's page answers (the start-up time), then per run: saves
the notice with a new marker in its body and polls its page every 50 ms until the marker shows.
Prints one JSON line: {"start_s", "save_to_page_s": [...], "median_s", "peak_rss_mb"}. bench/run.py calls it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PY = sys.executable
POLL = 0.05


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def _page_url(notice: Path, archive: Path) -> str:
    """The notice's address, as the site gives it (number and year)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.load import load_document
    from generator.validate import check_document
    notice_obj, _ = check_document(load_document(notice, archive, notice.read_bytes()))
    return notice_obj.key + "/"


def _peak_rss_mb(pid: int) -> float | None:
    """The server's peak resident memory so far (Linux), before it is stopped."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return None


def measure(archive: Path, notice: Path, runs: int, env: dict | None = None) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    url = base + _page_url(notice, archive)
    original = notice.read_text(encoding="utf-8")
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        server = subprocess.Popen([PY, "-m", "generator", "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=archive, env=env,
                                  stdout=log, stderr=log)
        try:
            while _fetch(url) is None:
                if server.poll() is not None:
                    log.seek(0)
                    raise SystemExit("serve stopped:\n" + log.read().decode(errors="replace"))
                time.sleep(0.2)
            started = time.perf_counter() - start
            seconds = []
            for run in range(runs):
                marker = f"Ghi chú thử nghiệm số {run + 1} lúc {time.time_ns()}"
                notice.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
                saved = time.perf_counter()
                while True:
                    body = _fetch(url)
                    if body is not None and marker.encode() in body:
                        break
                    if time.perf_counter() - saved > 600:
                        raise SystemExit("the edit never showed")
                    time.sleep(POLL)
                seconds.append(time.perf_counter() - saved)
                time.sleep(1)  # let the watcher settle before the next save
            peak_mb = _peak_rss_mb(server.pid)
        finally:
            notice.write_text(original, encoding="utf-8")
            server.terminate()
            server.wait(timeout=60)
    return {"start_s": round(started, 2), "save_to_page_s": [round(s, 2) for s in seconds],
            "median_s": round(statistics.median(seconds), 2), "peak_rss_mb": peak_mb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notice", type=Path, default=None,
                        help="the notice to edit (default: the first under notices/)")
    args = parser.parse_args()
    notice = args.notice or sorted((args.archive / "notices").rglob("*.md"))[0]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    print(json.dumps(measure(args.archive.resolve(), notice.resolve(), args.runs, env)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
