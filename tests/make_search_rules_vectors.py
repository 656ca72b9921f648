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
                        "luat xyzzy", "chuyen doi so ca mau", "de an 06 xyzzy"],
    "phrase": ['"an toan giao thong"', '"giao thong an toan"', '"de an 06"',
               '"bao dam an ninh trat tu"', '"duong thuy" ben khach', '"cong an tinh" pccc'],
    "field prefix": ["signer:", "signer:tung", "chair:thai", 'chair:"tran minh" de an',
                     "so:98", "so:vpubnd", "topic:pccc", "topic:atgt tinh", "year:2024 de an 06",
                     "year:2023", "issuer:cong an", "loai:ke-hoach",
                     # a one-word field value that is also a question word: still required
                     "signer:minh de an 06"],
    "did-you-mean": ["giao thongg", "chuyen doi soo", "phong chay chua chayy", "xyzzy",
                     "an ninhh trat tu", "de ann 06", "boi thuong tai dinh cuu",
                     # a correction two edits away, a transposition, a typed accent, a word
                     # that looks like an abbreviation, a typo in a phrase and beside a field
                     "giao thnogg", "thien tia", "dde an 06", "giao thôngg", "pcccx",
                     '"an toan giao thongg"', "year:2024 chuyen doi soo",
                     # typed with accents and without a neighbour that supports a correction
                     "quann", "quảnn", "tiinh", "tĩinh",
                     # two edits at a word's start, transpositions
                     "giao aathong", "aagiao thong", "an ninh aatrat tu", "giao htong", "tihn",
                     "dna"],
    # a notice number typed bare (a word and a number: the notice bearing it, then the notices
    # citing it), with its issuer part, as a prefix of parts, inside words
    "number": ["98", "18", "09", "07", "41", "127", "95", "98/", "98/TB", "125/TB", "06", "88/2024/NĐ-CP", "so:tb-cat", "so:98/tb-vpubnd",
               "198/TB-VPUBND de an 06", "so:12", "2024"],
    # the reading of a question: year words, titles, fillers, thesaurus spans (understand.py)
    "question": ["năm 2023 de an 06", "nam 1899 de an 06", "nam 1900 pccc", "nam 2099 pccc",
                 "nam 2100 pccc", "nam 2024", "ngap lut tinh",
                 "chu tich tinh chi dao gi ve pccc", "van ban nao giao cong an tinh",
                 "ngap lut", '"ngap lut"', "atgt", "ATGT tinh", "gi nao", "khu cong nghiep pccc",
                 '"co quan" pccc', '"chu tich" tinh'],
    # topic: by slug, name, alias, acronym; an unknown topic falls back to topic words
    "topic": ["topic:de-an-06", "topic:an-ninh-trat-tu", 'topic:"An ninh, trật tự"', 'topic:"An toàn giao thông"', "topic:ATGT", "topic:tttatgt",
              "topic:xyz", "topic:giao", 'topic:"trat tu" tinh', "chude:pccc de an"],
}
# The same queries with newest first (--sort date): full matches, then partial ones.
DATE_SORT = ["de an 06 pccc", "an toan giao thong", "tinh", "giao thongg", "pccc khu cong nghiep",
             '"duong thuy"', "topic:pccc", "hoa", "98", "chuyen doi so ca mau"]
# The results page (tim-kiem/?q=…&topic=…&year=…&sort=date): every result, not ten, with the
# facets as filters. Checked against the CLI's `search --topic --year --sort --limit 0`.
PAGES = [{"query": "tinh"}, {"query": "de an 06 pccc"}, {"query": "de an 06 pccc", "sort": "date"},
         {"query": "giao thong", "year": "2024"}, {"query": "tinh", "topic": "phong-chay-chua-chay"},
         {"query": "", "topic": "an-toan-giao-thong"}, {"query": "", "year": "2023"},
         {"query": "an toan", "topic": "an-toan-giao-thong", "year": "2024", "sort": "date"},
         {"query": "giao thongg"}, {"query": "ngap lut"}, {"query": "xyzzy"}]
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
        dated = cli_search(searcher, [{"query": q, "sort": "date"} for q in DATE_SORT])
        for result in dated:
            rank.append({"rule": "date sort", "sort": "date", **_expected(result)})
        for result in cli_search(searcher, _generated_queries(GENERATED)):
            rank.append({"rule": "generated", **_expected(result, snippets=False)})
        pages = [{**page, **_page(searcher, page)} for page in PAGES]
    finally:
        searcher.close()
    OUT.write_text(_dumps({
        "about": "Ranking vectors, one or more per ranking rule ('rule' names it; 'generated': "
                 "random queries over the sample archive; 'accent': a query typed with accents "
                 "and its 'twin' without, which must rank differently). Expected values are the CLI's "
                 "Searcher on notices/ (public profile), written by "
                 "tests/make_search_rules_vectors.py; the CLI, the exported index and "
                 "na-search.js must all give exactly these. Regenerate only when the ranking "
                 "changes on purpose.",
        "pages": "The results page with filters: 'keys' is every result in order (the CLI's "
                 "search with --topic, --year, --sort and no limit); the browser's results "
                 "page must list exactly these (tests/search_checks.py).",
        "rank": rank, "page": pages}), encoding="utf-8")
    print(f"{OUT.name}: {len(rank)} vectors")


def _expected(result: dict, snippets: bool = True) -> dict:
    """What a vector holds: the first ten keys, the counts, the suggestion; for the rule
    vectors also the snippets and matched terms of the first results (the generated ones
    would make the file ten times larger for little more)."""
    keep = ("query", "keys", "full", "partial", "suggestion") + \
        (("corrected", "snippets", "matched") if snippets else ())
    return {k: result[k] for k in keep}


def _dumps(data: dict) -> str:
    """One vector a line: a diff shows which vectors changed."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            lines = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f" {json.dumps(key)}: [\n{lines}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _page(searcher, page: dict) -> dict:
    r = searcher.search(page["query"], topic=page.get("topic"), year=page.get("year"),
                        sort=page.get("sort", "relevance"), limit=None)
    return {"keys": [h.key for h in r.hits], "full": r.total, "partial": r.partial_total,
            "suggestion": r.suggestion, "corrected": r.corrected}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
