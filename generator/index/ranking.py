"""One ranking for the CLI and the site: what matches a parsed query, and in which order.

Both `notice-archive search` (over the Whoosh index) and the site's search script (over the
exported index, na-search.js) run this algorithm; the data differ in where they come from, not in
what they are, so the two agree by construction and tests/search_vectors.json checks both:

1. Every clause must match (a *full* match). With several loose clauses (words, phrases,
   numbers), notices matching only some follow, marked *khớp một phần*, most clauses first.
   Field prefixes (year:, signer:, ...) and filters are always required.
2. Proximity: query syllables that are neighbours (`nguyen van hoa`: nguyen-van, van-hoa) count
   when they are neighbours in the notice too; more such pairs rank higher.
3. Accents: a word typed with accents counts when the notice's title or people have that exact
   form ("hòa" ranks Nguyễn Văn Hòa before "hoa kiểng").
4. Score: for each matched clause, idf × the notice's weight for each of its words (BM25 over
   the title, body, meta, topic and acronym fields, computed at index time by `term_weight`);
   a notice number matched adds `number_score`.
5. Archive order (newest first) breaks ties.
"""

from __future__ import annotations

import heapq
from collections import Counter
import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol

from .query import ParsedQuery, is_digits, number_query_keys, resolve_topic, spec
from .writer import PAIR_FIELDS   # where neighbouring syllables count (the `pairs` terms)

RANKING = spec()["ranking"]
WORD_FIELDS = tuple(RANKING["fields"])          # title, body, meta, topic_text, acronyms
EXACT_FIELDS = ("title", "meta")                # where a typed accent counts


def quantized_length(tokens: int) -> int:
    """Field lengths as the Whoosh index keeps them (one byte per field per notice), so the
    exported weights equal those the CLI computes from the index."""
    from whoosh.util.numeric import byte_to_length, length_to_byte
    return byte_to_length(length_to_byte(tokens))


def term_weight(freqs: Mapping[str, int], lengths: Mapping[str, int]) -> int:
    """The weight of one folded word in one notice: BM25 saturation per field, times the field's
    boost, summed in the spec's field order, scaled and rounded to an integer (what the export
    writes). `freqs`: field → occurrences; `lengths`: field → quantized token count."""
    k1, b, refs = RANKING["k1"], RANKING["b"], RANKING["reference_length"]
    total = 0.0
    for name, boost in RANKING["fields"].items():
        tf = freqs.get(name, 0)
        if tf:
            norm = k1 * (1 - b + b * lengths.get(name, 0) / refs[name])
            total += boost * tf * (k1 + 1) / (tf + norm)
    return max(1, math.floor(total * RANKING["weight_scale"] + 0.5))


def is_common(df: int, n: int) -> bool:
    """A word in a large share of a large archive: its weights are flat (the export stores it
    as a bitmap, N/8 bytes instead of a few bytes per notice)."""
    return n >= RANKING["common_min_docs"] and df > n * RANKING["common_share"]


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def rounded(score: float) -> int:
    return math.floor(score * RANKING["score_precision"] + 0.5)


class Source(Protocol):
    """Where the ranking reads its data: the Whoosh index (CLI) or the exported one (tests)."""
    n: int
    topics: Mapping[str, dict]
    acronyms: Mapping[str, tuple[str, ...]]

    def word(self, folded: str) -> dict[int, int]: ...          # doc → weight
    def pair(self, a: str, b: str, within: set[int]) -> set[int]: ...   # (may ignore within)
    def phrase(self, words: tuple[str, ...]) -> set[int]: ...
    def exact(self, typed: str) -> set[int]: ...   # an accented syllable as typed
    def number(self, key: str) -> set[int]: ...
    def field_word(self, name: str, word: str) -> set[int]: ...
    def topic(self, slugs: Iterable[str]) -> set[int]: ...
    def year(self, year: str) -> set[int]: ...
    def order(self, doc: int) -> int: ...
    def vocabulary(self) -> Iterable[tuple[str, int, str]]: ...  # (folded, df, accented)


@dataclass
class Ranked:
    docs: list[int]                     # full matches, then partial ones, in rank order
    full: int                           # how many notices match fully (the first of `docs`)
    scores: dict[int, float]
    unknown: list[str] = field(default_factory=list)   # query words found nowhere
    notes: list[str] = field(default_factory=list)
    matches: int | None = None          # full + partial, when `docs` holds only the first few
    full_docs: set[int] | None = None   # every full match (facets count over them)

    @property
    def partial(self) -> int:
        return (len(self.docs) if self.matches is None else self.matches) - self.full


def _word_scores(src: Source, word: str, cache: dict) -> dict[int, float]:
    if word not in cache:
        weights = src.word(word)
        df = len(weights)
        w_idf = idf(df, src.n)
        if is_common(df, src.n):
            flat = RANKING["common_weight"]
            cache[word] = dict.fromkeys(weights, w_idf * flat)
        else:
            cache[word] = {d: w_idf * w for d, w in weights.items()}
    return cache[word]


def intersect(sets: list[set[int]]) -> set[int]:
    if not sets:
        return set()
    out = set(sets[0])
    for s in sets[1:]:
        out &= s
    return out


def clause_matches(parsed: ParsedQuery, src: Source) -> tuple[list[set[int]], list[dict],
                                                                list[str], list[str]]:
    """For each clause: the notices it matches and its score per notice; plus unknown words
    and notes (a topic that does not exist)."""
    cache: dict = {}
    number_score = RANKING["number_score"]
    sets, scores, unknown, notes = [], [], [], []
    for c in parsed.clauses:
        score: dict[int, float] = {}
        if c.kind == "word":
            word = c.words[0]
            score = dict(_word_scores(src, word, cache))
            if not score and not is_digits(word):
                unknown.append(word)
            if is_digits(word):      # "98" is also a notice number
                for d in src.number(word):
                    score[d] = score.get(d, 0.0) + number_score
            docs = set(score)
        elif c.kind == "phrase":
            docs = src.phrase(c.words)
            for w in c.words:
                ws = _word_scores(src, w, cache)
                if not ws and not is_digits(w):
                    unknown.append(w)
                for d in docs:
                    score[d] = score.get(d, 0.0) + ws.get(d, 0.0)
        elif c.kind == "number" or c.field and _kind(c.field) == "number":
            docs = intersect([src.number(k) for k in number_query_keys(c.value)])
            score = {d: float(number_score) for d in docs}
            if c.kind == "number" and len(c.words) > 1:
                # Typed without so:, "98/TB-VPUBND" or "88/2024/NĐ-CP" also finds the notices
                # whose text cites it, after the notice that bears it.
                cited = src.phrase(c.words)
                for w in c.words:
                    ws = _word_scores(src, w, cache)
                    for d in cited:
                        score[d] = score.get(d, 0.0) + ws.get(d, 0.0)
                docs = docs | cited
        elif _kind(c.field) == "year":
            docs = src.year(c.value)
        elif _kind(c.field) == "topic":
            slugs = resolve_topic(src.topics, src.acronyms, c.value)
            if slugs:
                docs = src.topic(slugs)
            else:
                docs = intersect([src.field_word("topic", w) for w in c.words])
                if not docs:
                    notes.append(f"không có chủ đề '{c.value}'")
        else:
            docs = intersect([src.field_word(c.field, w) for w in c.words])
        sets.append(docs)
        scores.append(score)
    return sets, scores, unknown, notes


def _kind(name: str) -> str:
    return next((f["kind"] for f in spec()["fields"] if f["name"] == name), "")


def rank(parsed: ParsedQuery, src: Source, allowed: set[int] | None = None,
         sort: str = "relevance", limit: int | None = None) -> Ranked:
    """Rank every notice matching `parsed` (restricted to `allowed` when given: filters).
    limit: only the first `limit` are put in order (the counts still cover every match)."""
    if parsed.empty:
        docs = sorted(allowed or (), key=src.order) if allowed is not None else []
        return Ranked(docs[:limit] if limit is not None else docs, len(docs), {},
                      matches=len(docs), full_docs=set(docs))
    sets, scores, unknown, notes = clause_matches(parsed, src)
    loose = [i for i, c in enumerate(parsed.clauses) if c.kind != "field"]
    fixed = [i for i, c in enumerate(parsed.clauses) if c.kind == "field"]
    required = intersect([sets[i] for i in fixed]) if fixed else None
    if allowed is not None:
        required = allowed if required is None else required & allowed
    full = intersect(sets)
    if allowed is not None:
        full &= allowed
    candidates = set(full)
    if len(loose) > 1:
        some = set().union(*(sets[i] for i in loose))
        candidates |= some if required is None else some & required
    # How many loose clauses each candidate matches, counted in C (Counter over the sets).
    counts: Counter[int] = Counter()
    for i in loose:
        counts.update(sets[i])
    matched = {d: counts[d] for d in candidates}
    pair_count = dict.fromkeys(candidates, 0)
    for a, b in parsed.pairs():
        for d in src.pair(a, b, candidates) & candidates:
            pair_count[d] += 1
    exact_count = dict.fromkeys(candidates, 0)
    forms = {t for c in parsed.clauses if c.kind in ("word", "phrase")
             for t, f in zip(c.typed, c.words) if t != f}
    for form in sorted(forms):
        for d in src.exact(form) & candidates:
            exact_count[d] += 1
    # Summed clause by clause, in clause order: the same floats as summing per notice.
    total = dict.fromkeys(candidates, 0.0)
    for clause_scores in scores:
        for d, value in clause_scores.items():
            if d in total:
                total[d] += value
    if sort == "date":
        key = (lambda d: (d not in full, src.order(d)))
    else:
        precision, floor = RANKING["score_precision"], math.floor   # rounded(), inlined
        key = (lambda d: (d not in full, -matched[d], -pair_count[d], -exact_count[d],
                          -floor(total[d] * precision + 0.5), src.order(d)))
    # nsmallest is sorted(...)[:limit], without ordering what is never shown.
    docs = (sorted(candidates, key=key) if limit is None or limit >= len(candidates)
            else heapq.nsmallest(limit, candidates, key=key))
    return Ranked(docs, len(full), total, unknown, notes, len(candidates), full)


# --- did-you-mean ----------------------------------------------------------------------------

def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is certainly above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def suggest_word(word: str, vocabulary: list[tuple[str, int, str]]) -> str | None:
    """The accented form of the closest known word: distance 1 before 2, then the most
    frequent, then alphabetical."""
    settings = spec()["suggest"]
    if len(word) < settings["min_length"]:
        return None
    for limit in range(1, settings["max_distance"] + 1):
        best = None
        for folded, df, accented in vocabulary:
            if distance(word, folded, limit) <= limit:
                if best is None or (-df, folded) < (-best[1], best[0]):
                    best = (folded, df, accented)
        if best is not None:
            return best[2]
    return None
