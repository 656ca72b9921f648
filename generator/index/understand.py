"""Query understanding: a question in staff's words → what to look for.

Runs between parsing (query.py) and ranking (ranking.py), on the plain words of the query (quoted
phrases, numbers and field prefixes are taken as typed), by rules that are data
(query_language.json, `understanding`) and the archive's thesaurus table (generator/thesaurus.py):

    "Chủ tịch tỉnh chỉ đạo gì về mùa mưa bão năm 2023"
      chủ tịch tỉnh   a person's title: a soft preference for notices naming "chủ tịch ubnd tỉnh"
      chỉ đạo gì      a question: optional (need not match, does not score)
      về              matched as typed
      mùa mưa bão     a thesaurus term: also matches "thiên tai", ranked below the words themselves
      năm 2023        a soft preference for notices of 2023

Reading left to right, the longest rule that fits wins (a tie: year, title, thesaurus, optional).
A query that would keep nothing to match is taken as typed. na-search.js implements the same
(`understand`); tests/search_vectors.json ("understand") holds both to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .query import ParsedQuery, spec

YEAR_RANGE = (1900, 2099)


@dataclass(frozen=True)
class Span:
    start: int                              # clause indices [start, end)
    end: int
    term: str                               # the folded term of the thesaurus
    alts: tuple[tuple[tuple[str, ...], str], ...]   # (folded words, rule)


@dataclass(frozen=True)
class Understanding:
    optional: frozenset[int] = frozenset()
    prefer: tuple[dict, ...] = ()           # {"field": "year", "value"} | {"field": "text", "words"}
    spans: tuple[Span, ...] = ()
    span_of: Mapping[int, Span] = field(default_factory=dict)   # clause index → its span

    def as_json(self) -> dict:
        return {"optional": sorted(self.optional), "prefer": [dict(p) for p in self.prefer],
                "spans": [{"from": s.start, "to": s.end, "term": s.term,
                           "alts": [[" ".join(w), rule] for w, rule in s.alts]}
                          for s in self.spans]}


def _is_year(word: str | None) -> bool:
    return (word is not None and len(word) == 4 and word.isdigit()
            and YEAR_RANGE[0] <= int(word) <= YEAR_RANGE[1])


def understand(parsed: ParsedQuery, thesaurus: Mapping[str, list]) -> Understanding:
    rules = spec()["understanding"]
    optional_phrases = set(rules["optional"])
    titles = rules["titles"]
    year_words = set(rules["year_words"])
    max_words = rules["max_words"]
    clauses = parsed.clauses
    words = [c.words[0] if c.kind == "word" and len(c.words) == 1 else None for c in clauses]
    # A phrase that is a term as a whole ("GD&ĐT", "PCTT-TKCN", "ngập lụt" in quotes) gets the
    # term's alternatives too; its words as typed still rank first.
    whole = {i: " ".join(c.words) for i, c in enumerate(clauses)
             if c.kind == "phrase" and " ".join(c.words) in thesaurus}

    def longest(i: int, table) -> int:
        best = 0
        for n in range(1, max_words + 1):
            run = words[i:i + n]
            if len(run) < n or None in run:
                break
            if " ".join(run) in table:
                best = n
        return best

    optional: set[int] = set()
    prefer: list[dict] = []
    spans: list[Span] = []
    i = 0
    while i < len(clauses):
        if i in whole:
            alts = tuple((tuple(alt.split()), rule) for alt, rule in thesaurus[whole[i]])
            spans.append(Span(i, i + 1, whole[i], alts))
        if words[i] is None:
            i += 1
            continue
        if words[i] in year_words and i + 1 < len(words) and _is_year(words[i + 1]):
            prefer.append({"field": "year", "value": words[i + 1]})
            optional.update((i, i + 1))
            i += 2
            continue
        title, term, filler = longest(i, titles), longest(i, thesaurus), longest(i, optional_phrases)
        n = max(title, term, filler)
        if n == 0:
            i += 1
            continue
        key = " ".join(words[i:i + n])
        if title == n:
            prefer.append({"field": "text", "words": titles[key].split()})
            optional.update(range(i, i + n))
        elif term == n:
            alts = tuple((tuple(alt.split()), rule) for alt, rule in thesaurus[key])
            spans.append(Span(i, i + n, key, alts))
        else:
            optional.update(range(i, i + n))
        i += n
    kept = [j for j, c in enumerate(clauses) if j not in optional]
    if not kept:   # nothing left to match: the query as typed
        optional, prefer = set(), []
    span_of = {j: s for s in spans for j in range(s.start, s.end)}
    return Understanding(frozenset(optional), tuple(_unique(prefer)), tuple(spans), span_of)


def _unique(prefer: list[dict]) -> list[dict]:
    out: list[dict] = []
    for p in prefer:
        if p not in out:
            out.append(p)
    return out
