"""One ranking for the CLI and the site: what matches a parsed query, and in which order.

Both `notice-archive search` (over the Whoosh index) and the site's search script (over the
exported index, na-search.js) run this algorithm; the data differ in where they come from, not in
what they are, so the two agree by construction and tests/search_vectors.json checks both:

0. The query is understood first (understand.py): question words are optional, a year or a
   title is a soft preference, a thesaurus term adds alternatives (matches through them rank
   below the words as typed, scored times the rule's factor).
1. Every clause must match (a *full* match), through its words or an alternative. With
   several loose clauses (words, phrases, numbers), notices matching only some follow, marked
   *khớp một phần*, ordered by coverage: the matched clauses weighted by the idf of their
   rarest word. Field prefixes (year:, signer:, ...) and filters are always required.
2. Then preferences met (a year, a title, the sense a term's alternatives support), then
   clauses matched by the words as typed (a term of several words: standing together).
3. Proximity: query syllables that are neighbours (`nguyen van hoa`: nguyen-van, van-hoa) count
   when they are neighbours in the notice too; more such pairs rank higher.
4. Accents: a word typed with accents counts when the notice's title or people have that exact
   form ("hòa" ranks Nguyễn Văn Hòa before "hoa kiểng").
5. Score: for each matched clause, idf × the notice's weight for each of its words (BM25 over
   the title, body, meta, topic and acronym fields, computed at index time by `term_weight`);
   a notice number matched adds `number_score`.
6. Archive order (newest first) breaks ties.
"""

from __future__ import annotations

import heapq
from collections import Counter
import math
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol

from .analysis import folded_words, syllable_list
from .query import ParsedQuery, is_digits, number_query_keys, resolve_topic, spec
from .understand import Understanding, understand
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
    why: "Why | None" = None            # which words each notice matched, and how

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


def clause_matches(parsed: ParsedQuery, src: Source, cache: dict | None = None
                   ) -> tuple[list[set[int]], list[dict], list[str], list[str]]:
    """For each clause: the notices it matches and its score per notice; plus unknown words
    and notes (a topic that does not exist)."""
    cache = {} if cache is None else cache
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
                      matches=len(docs), full_docs=set(docs),
                      why=Why(parsed, Understanding(), [], {}, {}, src))
    u = understand(parsed, getattr(src, "thesaurus", None) or {})
    cache: dict = {}
    sets, scores, unknown, notes = clause_matches(parsed, src, cache)
    sets = [set(s) for s in sets]
    base = [set(s) for s in sets]            # matched by the words as typed
    direct = [set(s) for s in sets]          # ... and, for a term of several words, as a phrase
    via: dict[int, dict[int, tuple[str, str]]] = {}   # clause → notice → (rule, alternative)
    factors = spec()["understanding"]["rules"]
    supported: list[tuple[range, set[int]]] = []   # a span's clauses, notices its alternatives match
    for span in u.spans:
        width = span.end - span.start
        alt_docs: set[int] = set()
        supported.append((range(span.start, span.end), alt_docs))
        if width > 1:
            together = adjacent(src, [w for c in parsed.clauses[span.start:span.end]
                                      for w in c.words], cache)
            for i in range(span.start, span.end):
                direct[i] &= together
        for words, rule in span.alts:
            word_scores = [_word_scores(src, w, cache) for w in words]
            docs = set(word_scores[0]) if len(words) == 1 else adjacent(src, words, cache)
            alt_docs |= docs
            for d in sorted(docs):
                value = 0.0
                for ws in word_scores:
                    value += ws.get(d, 0.0)
                value = value * factors[rule] / width
                for i in range(span.start, span.end):
                    if d in direct[i]:
                        continue
                    if d not in sets[i] or value > scores[i][d]:
                        sets[i].add(d)
                        scores[i][d] = value
                        via.setdefault(i, {})[d] = (rule, " ".join(words))
    optional = u.optional
    unknown = [w for w in unknown
               if any(w in c.words and i not in optional and not sets[i]
                      for i, c in enumerate(parsed.clauses))]
    loose = [i for i, c in enumerate(parsed.clauses) if c.kind != "field" and i not in optional]
    fixed = [i for i, c in enumerate(parsed.clauses) if c.kind == "field"]
    required = intersect([sets[i] for i in fixed]) if fixed else None
    if allowed is not None:
        required = allowed if required is None else required & allowed
    full = intersect([sets[i] for i in loose + fixed])
    if allowed is not None:
        full &= allowed
    candidates = set(full)
    if len(loose) > 1:
        some = set().union(*(sets[i] for i in loose))
        candidates |= some if required is None else some & required
    # Coverage: the matched clauses weighted by how rare they are (a rare word missed costs more
    # than a common one), in integers, so both engines compare the same numbers.
    coverage = dict.fromkeys(candidates, 0)
    direct_count = dict.fromkeys(candidates, 0)
    for i in loose:
        weight = clause_weight(parsed.clauses[i], src, cache)
        for d in sets[i] & candidates:
            coverage[d] += weight
        for d in direct[i] & candidates:
            direct_count[d] += 1
    preferred = dict.fromkeys(candidates, 0)
    for p in u.prefer:
        if p["field"] == "year":
            docs = src.year(p["value"])
        elif len(p["words"]) == 1:
            docs = set(_word_scores(src, p["words"][0], cache))
        else:
            docs = adjacent(src, p["words"], cache)
        for d in docs & candidates:
            preferred[d] += 1
    # The sense the thesaurus supports: a notice that has the words as typed and also one of the
    # term's alternatives ("dich" beside "dịch bệnh", "sốt xuất huyết") is preferred to one that
    # has the words in another sense ("dịch vụ", "thù địch").
    for clauses_of, alt_docs in supported:
        for d in alt_docs & candidates:
            if all(d in base[i] for i in clauses_of):
                preferred[d] += 1
    pair_count = dict.fromkeys(candidates, 0)
    pair_docs: dict[tuple[str, str], set[int]] = {}
    for a, b in parsed.pairs(optional):
        pair_docs[(a, b)] = src.pair(a, b, candidates) & candidates
        for d in pair_docs[(a, b)]:
            pair_count[d] += 1
    exact_count = dict.fromkeys(candidates, 0)
    forms = {t for i, c in enumerate(parsed.clauses) if c.kind in ("word", "phrase")
             and i not in optional for t, f in zip(c.typed, c.words) if t != f}
    for form in sorted(forms):
        for d in src.exact(form) & candidates:
            exact_count[d] += 1
    # Summed clause by clause, in clause order: the same floats as summing per notice.
    total = dict.fromkeys(candidates, 0.0)
    for i, clause_scores in enumerate(scores):
        if i in optional:
            continue
        for d, value in clause_scores.items():
            if d in total:
                total[d] += value
    if sort == "date":
        key = (lambda d: (d not in full, src.order(d)))
    else:
        precision, floor = RANKING["score_precision"], math.floor   # rounded(), inlined
        key = (lambda d: (d not in full, -coverage[d], -preferred[d], -direct_count[d],
                          -pair_count[d], -exact_count[d],
                          -floor(total[d] * precision + 0.5), src.order(d)))
    # nsmallest is sorted(...)[:limit], without ordering what is never shown.
    docs = (sorted(candidates, key=key) if limit is None or limit >= len(candidates)
            else heapq.nsmallest(limit, candidates, key=key))
    ranked = Ranked(docs, len(full), total, unknown, notes, len(candidates), full)
    ranked.why = Why(parsed, u, base, via, pair_docs, src)
    return ranked


def adjacent(src: Source, words, cache: dict) -> set[int]:
    """Notices holding every word and every neighbouring pair of `words`: a term, its
    alternatives and preferences are found this way in both engines (what the export can tell;
    the positional check of a quoted phrase would cost a read of every position)."""
    sets = [set(_word_scores(src, w, cache)) for w in dict.fromkeys(words)]
    sets += [src.pair(a, b) for a, b in zip(words, words[1:])]
    return intersect(sets)


def clause_weight(clause, src: Source, cache: dict) -> int:
    """How much matching a clause counts: the idf of its rarest word, as an integer."""
    n = src.n
    best = 0.0
    for w in clause.words:
        best = max(best, idf(len(_word_scores(src, w, cache)), n))
    if not clause.words:
        best = 1.0
    return math.floor(best * RANKING["coverage_precision"] + 0.5)


RULE_NAMES = ("exact", "folded", "abbreviation", "synonym", "narrower", "proximity")


@dataclass
class Why:
    """Which words of the query a notice matched, and through which rule: `search --json` and
    the site's results say it ("khớp theo từ đồng nghĩa: ngập lụt → thiên tai")."""
    parsed: ParsedQuery
    understanding: object
    direct: list[set[int]]
    via: dict[int, dict[int, tuple[str, str]]]
    pair_docs: dict[tuple[str, str], set[int]]
    src: object

    def alternative_words(self) -> set[str]:
        """Folded syllables of the thesaurus alternatives that matched: highlighted too."""
        return {w for by_doc in self.via.values() for _, alt in by_doc.values()
                for w in alt.split()}

    def of(self, doc: int) -> list[dict]:
        out: list[dict] = []
        seen_spans: set[int] = set()
        u = self.understanding
        for i, c in enumerate(self.parsed.clauses):
            if c.kind == "field" or i in u.optional:
                continue
            typed = " ".join(c.typed) if c.typed else " ".join(c.words)
            if doc in self.direct[i]:
                accented = [t for t, f in zip(c.typed, c.words) if t != f]
                rule = "exact" if accented and all(doc in self.src.exact(t) for t in accented) \
                    else "folded"
                out.append({"term": typed, "rule": rule})
            elif doc in self.via.get(i, {}):
                span = u.span_of[i]
                if span.start in seen_spans:
                    continue
                seen_spans.add(span.start)
                rule, alt = self.via[i][doc]
                words = " ".join(t for c2 in self.parsed.clauses[span.start:span.end]
                                 for t in c2.typed)
                out.append({"term": words, "rule": rule, "via": alt})
        for (a, b), docs in self.pair_docs.items():
            if doc in docs:
                out.append({"term": f"{a} {b}", "rule": "proximity"})
        return out


# --- did-you-mean ----------------------------------------------------------------------------

def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions ("tia" → "tai" is one edit), or limit + 1
    once it is above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i]
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1,
                        previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > limit and min(previous) >= limit:   # no later row can come back
            return limit + 1
        before, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def _looks_like_syllable(word: str) -> bool:
    return re.fullmatch(spec()["suggest"]["syllable"], word) is not None


def _looks_like_abbreviation(word: str) -> bool:
    """No vowel, or three consonants in a row: PCTT, TNMT, ATTP are not typos."""
    return re.search(r"[aeiouy]", word) is None or re.search(r"[^aeiouy0-9]{3}", word) is not None


def context_pairs(thesaurus: Mapping[str, list], topics: Mapping[str, dict],
                  known: set[str]) -> dict[str, tuple[str, str] | None]:
    """Neighbouring syllables of the terms the archive is known to use ("thien tai", "mat
    bang"): the thesaurus's terms and the alternatives the archive has, topic names and
    aliases. A correction that makes such a pair with the next or previous word is supported
    by context. Each pair → its accented syllables when a topic name spells it, else None."""
    out: dict[str, tuple[str, str] | None] = {}
    for t in sorted(topics.values(), key=lambda t: t["name"]):
        for name in [t["name"], *t.get("aliases", ())]:
            typed = [s.lower() for s in syllable_list(name)]
            words = folded_words(name)
            for i in range(len(words) - 1):
                out.setdefault(f"{words[i]} {words[i + 1]}", (typed[i], typed[i + 1]))
    phrases = list(thesaurus)
    for alts in thesaurus.values():
        phrases += [a[0] for a in alts if all(w in known for w in a[0].split())]
    for phrase in phrases:
        words = phrase.split()
        for a, b in zip(words, words[1:]):
            out.setdefault(f"{a} {b}", None)
    return out


def suggest_word(word: str, vocabulary: list[tuple[str, int, str]], *, typed: str | None = None,
                 before: str | None = None, after: str | None = None,
                 pairs: Mapping[str, tuple[str, str] | None] = {}) -> str | None:
    """The accented form of the closest known word, or None. A correction that forms a known
    pair with a neighbouring word wins (closest, then most frequent). Without that support,
    only a word that is neither a well-formed syllable (a real word the archive lacks: "xóm")
    nor an abbreviation, and typed without accents, is corrected: distance 1 before 2, then the
    most frequent, then alphabetical."""
    settings = spec()["suggest"]
    if len(word) < settings["min_length"]:
        return None
    near = []
    for folded, df, accented in vocabulary:
        d = distance(word, folded, settings["max_distance"])
        if d <= settings["max_distance"]:
            near.append((d, -df, folded, accented))
    supported = []
    for c in near:
        spelled = [pairs[p][i] for p, i in ((f"{before} {c[2]}", 1), (f"{c[2]} {after}", 0))
                   if p in pairs and pairs[p] is not None]
        if (before and f"{before} {c[2]}" in pairs) or (after and f"{c[2]} {after}" in pairs):
            supported.append((*c[:3], spelled[0] if spelled else c[3]))
    if supported:
        return min(supported)[3]
    if (typed is not None and typed != word) or _looks_like_syllable(word) \
            or _looks_like_abbreviation(word):
        return None
    return min(near)[3] if near else None
