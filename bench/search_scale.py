"""Measure search at scale on a synthetic archive: `python bench/search_scale.py -n 2000`.

Builds, in a temporary folder, an archive of N notices made from the project's public issued
notices (paragraphs reshuffled, numbers renumbered), then prints: Whoosh indexing time per
notice (1 and 2 processes), query latency (p50/p95, in process), and the bytes one browser
query downloads (meta + facets + the shards of its terms + the ten largest notice files: an
upper bound), raw and gzip-compressed as a static host would serve them.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import shutil
import statistics
import tempfile
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

QUERIES = ["de an 06", "an toan giao thong", "luc luong tham gia bao ve an ninh trat tu o co so",
           "pccc", "hoà", "98/TB", '"phong chay chua chay"', "chuyen doi so 2024",
           "giai phong mat bang", "tinh", "Nguyễn Văn Hòa", "thuỷ lợi"]


def synthesize(project: Path, dest: Path, count: int) -> None:
    shutil.copytree(project / "notices", dest / "notices")
    sources = [p.read_text(encoding="utf-8") for p in sorted((project / "notices").rglob("*.md"))]
    sources = [s for s in sources if "classification: public" in s and "status: issued" in s]
    rng = random.Random(1)
    out = dest / "notices" / "synthetic"
    out.mkdir()
    for i in range(count):
        _, front, body = rng.choice(sources).split("---", 2)
        paragraphs = body.strip().split("\n\n")
        rng.shuffle(paragraphs)
        front = re.sub(r'number: "(\d+)/', f'number: "{100000 + i}/', front)
        front = re.sub(r"\nrelated:.*|\nsupersedes:.*", "", front)
        (out / f"n{i}.md").write_text(f"---{front}---\n\n" + "\n\n".join(paragraphs) + "\n",
                                      encoding="utf-8")


def main(argv=None) -> None:
    from generator.index import Searcher, update_index
    from generator.index.analysis import folded_words
    from generator.index.query import parse
    from generator.pipeline import run
    from generator.index.browser_export import SITE_FOLDER, export, fnv1a, query_files

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--notices", type=int, default=2000)
    parser.add_argument("--project", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        synthesize(Path(args.project), tmp / "p", args.notices)
        t = time.perf_counter()
        linked = run(tmp / "p" / "notices", tmp / "p").linked
        n = len(linked.notices)
        print(f"{n} notices; load+validate+link {time.perf_counter() - t:.1f} s")
        for procs in (1, 2):
            t = time.perf_counter()
            update_index(linked, tmp / f"cache{procs}", procs=procs)
            dt = time.perf_counter() - t
            print(f"whoosh index, {procs} process(es): {dt:.1f} s = {dt / n * 1000:.1f} ms/notice")
        latencies = []
        with Searcher(tmp / "cache1") as searcher:
            for _ in range(3):
                for q in QUERIES:
                    t = time.perf_counter()
                    searcher.search(q)
                    latencies.append(time.perf_counter() - t)
        latencies.sort()
        print(f"query latency in process: p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms")
        t = time.perf_counter()
        site = tmp / SITE_FOLDER
        info = export(linked, site)
        print(f"browser export: {time.perf_counter() - t:.1f} s, {info['shards']} shards, "
              f"largest {info['shard_max'] / 1024:.0f} KB, facets {info['facets'] / 1024:.0f} KB")

        def size(path: Path) -> tuple[int, int]:
            data = path.read_bytes()
            return len(data), len(gzip.compress(data))
        docs = sorted((size(p) for p in (site / "d").iterdir()), reverse=True)[:10]
        for q in QUERIES:
            files = [site / f for f in query_files(parse(q), info["shards"])]
            parts = [size(f) for f in dict.fromkeys(files) if f.exists()] + docs
            print(f"  browser query {q!r}: {sum(p[0] for p in parts) / 1024:.0f} KB raw, "
                  f"{sum(p[1] for p in parts) / 1024:.0f} KB gzip")


if __name__ == "__main__":
    main()
