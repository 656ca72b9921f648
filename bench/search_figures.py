"""Search figures for a built archive: in-process query latency and bytes per browser query.

    python bench/search_figures.py [--bytes-only] ARCHIVE_DIR QUERY [QUERY ...]

Prints one JSON object. Latency: every query three times against the profile's Whoosh index
(the first round warms the searcher), p50 and p95 over all. Browser bytes per query: what the
site's search script fetches for it — meta.json, facets.json, the shard of each of its terms,
and the notice files of the ten results it shows — raw and gzip-compressed, as the largest over
the queries (the upper bound a visitor waits for), and the median. `--bytes-only` skips the
latency (no Whoosh index needed).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    args = sys.argv[1:]
    bytes_only = args[:1] == ["--bytes-only"]
    archive, queries = Path(args[bytes_only]), args[bytes_only + 1:]
    from generator.index.query import parse
    from generator.index.browser_export import SITE_FOLDER, query_files

    latencies = [] if bytes_only else query_latencies(archive, queries)

    site = archive / "site" / SITE_FOLDER
    meta = json.loads((site / "meta.json").read_text(encoding="utf-8"))

    def size(path: Path) -> tuple[int, int]:
        data = path.read_bytes()
        return len(data), len(gzip.compress(data))

    largest_docs = sorted((size(p) for p in (site / "d").iterdir()), reverse=True)[:10]
    per_query = []
    for query in queries:
        files = [site / f for f in query_files(parse(query), meta["shards"])]
        parts = [size(f) for f in dict.fromkeys(files) if f.exists()] + largest_docs
        per_query.append((sum(p[0] for p in parts), sum(p[1] for p in parts)))
    figures = {
        "browser_kb_max": max(p[0] for p in per_query) / 1024,
        "browser_kb_gzip_max": max(p[1] for p in per_query) / 1024,
        "browser_kb_median": statistics.median(p[0] for p in per_query) / 1024,
    }
    if latencies:
        figures["p50_ms"] = statistics.median(latencies) * 1000
        figures["p95_ms"] = latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000
    print(json.dumps(figures))
    return 0


def query_latencies(archive: Path, queries: list[str]) -> list[float]:
    """Seconds per query, every query three times (the first round warms the searcher)."""
    from generator.index import Searcher
    from generator.project import Project
    cache = Project.find(archive / "mkdocs.yml").cache_dir
    latencies = []
    with Searcher(cache) as searcher:
        for _ in range(3):
            for query in queries:
                start = time.perf_counter()
                searcher.search(query, limit=10)
                latencies.append(time.perf_counter() - start)
    return sorted(latencies)


if __name__ == "__main__":
    raise SystemExit(main())
