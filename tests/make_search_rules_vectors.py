"""Regenerate tests/search_vectors_rules.json: the expected values are the CLI's ranking.

    .venv/bin/python tests/make_search_rules_vectors.py

The file holds (1) one or more vectors per ranking rule, each naming the rule it pins, and
(2) about 200 queries drawn at random (fixed seed) from the sample archive's own words. The
CLI's Searcher (Whoosh) over the sample archive (public profile) gives each expected result;
tests/test_search_rules_vectors.py checks the CLI, the exported index read in Python and
na-search.js in headless Chromium against the file. Regenerate it only when the ranking changes
on purpose, and review the diff: the file is the specification both implementations share.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).with_name("search_vectors_rules.json")
sys.path.insert(0, str(ROOT))

# Typed with accents, then without: a typed accent counts in titles and people (README
# "Search"), so each pair ranks differently (checked here and by the tests: rule "accent").
ACCENT_PAIRS = [("tái", "tai"), ("số", "so"), ("sở", "so"), ("bàn", "ban"), ("án", "an"),
                ("sở y tế", "so y te"), ("đề án 06", "de an 06"), ("bàn giao", "ban giao")]
# ("bàn giao mặt bằng", "ban giao mat bang") ranked apart until partial matches were ordered by
# idf-weighted coverage (the staff-questions work): all four words then match the same notices
# in the same order, accents or not, so the pair no longer pins the accent bonus.
# rule -> queries
RULES = {
    # the same words with old and new tone placement, or with and without accents, where the
    # accent changes nothing: these pin that equality
    "accent alike": ["hòa", "hoa", "Hoà", "thuỷ", "thuy", "thủy", "Nguyễn Văn Hòa",
                     "nguyen van hoa", "phòng cháy", "phong chay", "tái định cư", "tai dinh cu"],
    "proximity": ["an toan giao thong", "giao thong an toan", "bao dam an ninh",
                  "an ninh bao dam", "cong an tinh", "tinh cong an", "de an 06 du lieu",
                  "du lieu de an 06"],
    "partial vs full": ["de an 06 pccc", "giai phong mat bang chau thanh", "pccc khu cong nghiep",
                        "luat xyzzy", "chuyen doi so ca mau"],
    "phrase": ['"an toan giao thong"', '"giao thong an toan"', '"de an 06"',
               '"bao dam an ninh trat tu"', '"duong thuy" ben khach', '"cong an tinh" pccc'],
    "field prefix": ["signer:", "signer:tung", "chair:thai", 'chair:"tran minh" de an',
                     "so:98", "so:vpubnd", "topic:pccc", "topic:atgt tinh", "year:2024 de an 06",
                     "year:2023", "issuer:cong an", "loai:ke-hoach"],
    "did-you-mean": ["giao thongg", "chuyen doi soo", "phong chay chua chayy", "xyzzy",
                     "an ninhh trat tu", "de ann 06", "boi thuong tai dinh cuu"],
}
GENERATED = 200
SEED = 27


def _searcher():
    from generator.index import Searcher, update_index
    from generator.pipeline import run
    cache = Path(tempfile.mkdtemp(prefix="na-vectors-"))
    update_index(run(ROOT / "notices", ROOT).linked, cache)
    return Searcher(cache)


def _generated_queries(count: int) -> list[str]:
    """Queries made of the archive's words: one to three of them, as typed by a person (with
    or without accents, now and then a typo, a phrase or a field prefix)."""
    from generator.index.analysis import syllable_list
    from generator.load import load_archive
    from generator.text import fold
    from generator.validate import validate
    rng = random.Random(SEED)
    notices = [n for n in validate(load_archive(ROOT / "notices", ROOT)).archive.notices
               if n.classification == "public" and n.status != "draft"]
    queries: list[str] = []
    seen = set()
    while len(queries) < count:
        notice = rng.choice(notices)
        words = syllable_list(notice.title if rng.random() < 0.4 else notice.body)
        if not words:
            continue
        n = rng.choice([1, 1, 2, 2, 2, 3])
        start = rng.randrange(max(1, len(words) - n))
        picked = words[start:start + n]
        shape = rng.random()
        if shape < 0.45:
            picked = [fold(w) for w in picked]                   # typed without accents
        elif shape < 0.55 and picked:
            i = rng.randrange(len(picked))
            picked[i] = fold(picked[i]) + fold(picked[i])[-1:]   # a doubled last letter
        query = " ".join(picked)
        r = rng.random()
        if r < 0.1 and n > 1:
            query = f'"{query}"'
        elif r < 0.15:
            query = f"year:{notice.year} {query}"
        elif r < 0.2 and notice.topics:
            query = f"topic:{rng.choice(notice.topics)} {query}"
        if query.strip() and query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


def main() -> None:
    from search_harness import cli_search
    searcher = _searcher()
    try:
        rank = []
        for accented, plain in ACCENT_PAIRS:
            a, b = cli_search(searcher, [accented, plain])
            assert a["keys"] != b["keys"], f"{accented!r} no longer ranks unlike {plain!r}"
            rank.append({"rule": "accent", "twin": plain, **_expected(a)})
            rank.append({"rule": "accent", "twin": accented, **_expected(b)})
        for rule, queries in RULES.items():
            for result in cli_search(searcher, queries):
                rank.append({"rule": rule, **_expected(result)})
        for result in cli_search(searcher, _generated_queries(GENERATED)):
            rank.append({"rule": "generated", **_expected(result)})
    finally:
        searcher.close()
    OUT.write_text(json.dumps({
        "about": "Ranking vectors, one or more per ranking rule ('rule' names it; 'generated': "
                 "random queries over the sample archive; 'accent': a query typed with accents "
                 "and its 'twin' without, which must rank differently). Expected values are the CLI's "
                 "Searcher on notices/ (public profile), written by "
                 "tests/make_search_rules_vectors.py; the CLI, the exported index and "
                 "na-search.js must all give exactly these. Regenerate only when the ranking "
                 "changes on purpose.",
        "rank": rank}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(rank)} vectors")


def _expected(result: dict) -> dict:
    return {k: result[k] for k in ("query", "keys", "full", "partial", "suggestion")}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
