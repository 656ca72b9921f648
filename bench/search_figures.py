"""Search figures for a built archive: in-process query latency and bytes per browser query.

    python bench/search_figures.py ARCHIVE_DIR QUERY [QUERY ...]

Prints one JSON object. Latency: every query three times against the profile's Whoosh index
(the first round warms the searcher), p50 and p95 over all. Browser bytes per query: what the
site's search script fetches for it — meta.json, facets.json, the shard of each of its words,
and the notice files of the ten results it shows — raw and gzip-compressed, as the largest over
the queries (the upper bound a visitor waits for).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    archive, queries = Path(sys.argv[1]), sys.argv[2:]
    from generator.index import Searcher
    from generator.index.analysis import folded_words
    from generator.render.search_export import SITE_FOLDER, fnv1a

    from generator.project import Project
    cache = Project.find(archive / "mkdocs.yml").cache_dir
    latencies = []
    with Searcher(cache) as searcher:
        for _ in range(3):
            for query in queries:
                start = time.perf_counter()
                searcher.search(query, limit=10)
                latencies.append(time.perf_counter() - start)
    latencies.sort()

    site = archive / "site" / SITE_FOLDER
    meta = json.loads((site / "meta.json").read_text(encoding="utf-8"))

    def size(path: Path) -> tuple[int, int]:
        data = path.read_bytes()
        return len(data), len(gzip.compress(data))

    largest_docs = sorted((size(p) for p in (site / "d").iterdir()), reverse=True)[:10]
    per_query = []
    for query in queries:
        files = [site / "meta.json", site / "facets.json"]
        files += [site / "t" / f"{fnv1a(w) % meta['shards']}.json" for w in set(folded_words(query))]
        parts = [size(f) for f in dict.fromkeys(files) if f.exists()] + largest_docs
        per_query.append((sum(p[0] for p in parts), sum(p[1] for p in parts)))
    print(json.dumps({
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        "browser_kb_max": max(p[0] for p in per_query) / 1024,
        "browser_kb_gzip_max": max(p[1] for p in per_query) / 1024,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
