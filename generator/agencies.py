"""Recognise agencies (cơ quan, đơn vị) in text and in front matter, against notices/agencies.yml.

Shared by validation (a `tasks:` lead that is not in the vocabulary) and linking (who was assigned
a task), so both agree on what names an agency. No stage imports here: only the model and text
primitives.

Names are compared as folded word sequences: case, diacritics, tone placement and punctuation
between words do not matter ("Sở Văn hóa, Thể thao và Du lịch" = "so van hoa the thao va du
lich"), "Ủy ban nhân dân" is "UBND", "&" is "và". In running text a name may not cross a full
stop, a semicolon or a colon.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple

from .match import fold_with_offsets
from .model import Agency
from .text import fold

_WORD = re.compile(r"[^\W_]+|&", re.UNICODE)
_HARD_BREAK = re.compile(r"[;:!?()\[\]\n]|\.(?!\d)")
_ABBREVIATIONS = {"tp", "tx", "tt", "q", "p", "h", "x"}  # "TP. Vị Thanh": not a full stop
# Spelt-out forms that texts and abbreviations use interchangeably.
_CONTRACTIONS = (
    (("uy", "ban", "nhan", "dan"), "ubnd"),
    (("hoi", "dong", "nhan", "dan"), "hdnd"),
    (("thanh", "pho"), "tp"),
    (("thi", "xa"), "tx"),
)
_CONTRACTION_STARTS = {seq[0] for seq, _ in _CONTRACTIONS}


class Token(NamedTuple):
    word: str          # folded, lower case
    start: int         # offsets into the original text
    end: int
    hard_before: bool  # a full stop, semicolon, colon or line break precedes it
    comma_before: bool = False


@functools.lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """The folded words of a text with their spans, contractions applied (cached: a clause is
    read by several rules)."""
    folded, origin = fold_with_offsets(text)
    folded = folded.lower()
    if origin is not None:  # folding changed lengths (stray marks): fold per character
        folded = "".join(fold(ch).lower()[:1] or " " for ch in text)
    raw: list[Token] = []
    last = 0
    for m in _WORD.finditer(folded):
        start, end = m.span()
        word = m.group()
        if word == "&":
            word = "va"
        hard = comma = False
        if start > last and raw:
            gap = text[last:start]
            if not gap.isspace():
                comma = "," in gap
                hard = bool(_HARD_BREAK.search(gap)) and not (
                    raw[-1].word in _ABBREVIATIONS and gap.strip() == ".")
        raw.append(Token(word, start, end, hard, comma))
        last = end
    out: list[Token] = []
    i = 0
    while i < len(raw):
        if raw[i].word not in _CONTRACTION_STARTS:
            out.append(raw[i])
            i += 1
            continue
        for seq, short in _CONTRACTIONS:
            n = len(seq)
            if tuple(t.word for t in raw[i:i + n]) == seq and not any(
                    t.hard_before for t in raw[i + 1:i + n]):
                out.append(Token(short, raw[i].start, raw[i + n - 1].end, raw[i].hard_before,
                                 raw[i].comma_before))
                i += n
                break
        else:
            out.append(raw[i])
            i += 1
    return tuple(out)


def key(name: str) -> tuple[str, ...]:
    """The comparison form of a whole name."""
    return tuple(t.word for t in tokens(name))


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    start: int
    end: int
    slug: str


class AgencyMatcher:
    """Agency names and aliases → slugs; longest name wins."""

    def __init__(self, agencies: Mapping[str, Agency]):
        self.agencies = agencies
        self._by_key: dict[tuple[str, ...], str] = {}
        for slug, agency in agencies.items():
            for name in (agency.name, *agency.aliases):
                k = key(name)
                if k:
                    self._by_key.setdefault(k, slug)
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for k in self._by_key:
            self._by_first.setdefault(k[0], []).append(k)
        for keys in self._by_first.values():
            keys.sort(key=len, reverse=True)

    def first_words(self) -> list[tuple[str, ...]]:
        return list(self._by_key)

    def resolve(self, name: str) -> str | None:
        """The slug of a whole name (a slug, the name or an alias), or None."""
        if name in self.agencies:
            return name
        return self._by_key.get(key(name))

    def match_at(self, toks: tuple[Token, ...], i: int) -> tuple[int, str] | None:
        """The longest vocabulary name starting at token i: (token index after it, slug)."""
        if i >= len(toks):
            return None
        for k in self._by_first.get(toks[i].word, ()):
            n = len(k)
            if i + n <= len(toks) and all(toks[i + j].word == k[j] for j in range(n)) and not any(
                    toks[i + j].hard_before for j in range(1, n)):
                return i + n, self._by_key[k]
        return None

    def find_all(self, text: str) -> list[AgencyMatch]:
        toks = tokens(text)
        found, i = [], 0
        while i < len(toks):
            hit = self.match_at(toks, i)
            if hit:
                found.append(AgencyMatch(toks[i].start, toks[hit[0] - 1].end, hit[1]))
                i = hit[0]
            else:
                i += 1
        return found

    def suggest(self, name: str) -> str | None:
        """The closest vocabulary name, for a did-you-mean."""
        names = {" ".join(key(n)): a.name for a in self.agencies.values()
                 for n in (a.name, *a.aliases)}
        close = difflib.get_close_matches(" ".join(key(name)), list(names), n=1, cutoff=0.6)
        return names[close[0]] if close else None

    def successors(self, slug: str, on: dt.date | None = None) -> list[str]:
        """The agencies that took over `slug`'s work (transitively), oldest first."""
        chain, seen = [], {slug}
        current = self.agencies.get(slug)
        while current is not None and current.succeeded_by and current.succeeded_by not in seen:
            if on is not None and current.since is not None and current.since > on:
                break
            chain.append(current.succeeded_by)
            seen.add(current.succeeded_by)
            current = self.agencies.get(current.succeeded_by)
        return chain


def name_of(agencies: Mapping[str, Agency], slug: str | None, fallback: str) -> str:
    agency = agencies.get(slug) if slug else None
    return agency.name if agency else fallback


def all_names(agencies: Mapping[str, Agency]) -> Iterable[str]:
    for agency in agencies.values():
        yield agency.name
        yield from agency.aliases
