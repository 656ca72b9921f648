"""Querying the index: the shared ranking (ranking.py) over the Whoosh index, with facets,
snippets and did-you-mean."""

from __future__ import annotations

import datetime as dt
import html
import shutil
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

from whoosh import index as windex
from whoosh import query as Q

from . import ranking
from .analysis import folded_words, forms, syllables
from .query import ParsedQuery, Synonyms, number_keys, parse, spec
from ..text import fold
from .. import authenticated
from .writer import (INDEX_NAME, authentic, current_generation, index_lock, index_root,
                     read_manifest)

SNIPPET_CHARS = 220


class IndexMissing(Exception):
    """No index for this profile yet."""


@dataclass
class Hit:
    key: str
    path: str
    number: str
    date: dt.date | None
    title: str
    url: str
    score: float
    snippet: list[tuple[str, bool]]   # (text, highlighted) segments
    partial: bool = False             # matches some of the words only (shown after full matches)

    @property
    def snippet_html(self) -> str:
        return "".join(f"<mark>{html.escape(t)}</mark>" if hl else html.escape(t)
                       for t, hl in self.snippet)

    def snippet_marked(self, start: str = "", end: str = "") -> str:
        return "".join(f"{start}{t}{end}" if hl else t for t, hl in self.snippet)

    def as_json(self) -> dict:
        return {"path": self.path, "number": self.number,
                "date": self.date.isoformat() if self.date else None, "title": self.title,
                "url": self.url, "score": round(self.score, 4), "snippet": self.snippet_html,
                "snippet_text": self.snippet_marked(), "partial": self.partial}


@dataclass
class SearchResult:
    query: str
    total: int                        # full matches
    hits: list[Hit]
    facets: dict[str, list[dict]]
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    partial_total: int = 0            # notices matching only some of the words
    parsed: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"query": self.query, "parsed": self.parsed, "total": self.total,
                "partial_total": self.partial_total,
                "results": [h.as_json() for h in self.hits], "facets": self.facets,
                "suggestion": self.suggestion, "notes": self.notes}


class WhooshSource:
    """The ranking's data (ranking.Source) read from one Whoosh index."""

    def __init__(self, searcher, topics: dict):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.n = self.reader.doc_count()
        self.topics = topics
        self.acronyms = Synonyms.from_topics(topics).by_acronym
        self._order = self.reader.column_reader("order")
        self._live = set(self.reader.all_doc_ids())

    def _docs(self, name: str, text: str) -> set[int]:
        if (name, text) not in self.reader:
            return set()
        return {d for d in self.reader.postings(name, text).all_ids() if d in self._live}

    def word(self, folded: str) -> dict[int, int]:
        freqs: dict[int, dict[str, int]] = {}
        for name in ranking.WORD_FIELDS:
            if (name, folded) not in self.reader:
                continue
            for d, tf in self.reader.postings(name, folded).items_as("frequency"):
                if d in self._live:
                    freqs.setdefault(d, {})[name] = tf
        return {d: ranking.term_weight(f, {name: self.reader.doc_field_length(d, name)
                                           for name in f})
                for d, f in freqs.items()}

    def _positions(self, name: str, word: str, docs: list[int]) -> dict[int, list[int]]:
        """Positions of `word` in field `name` of each of `docs` (ascending) that holds it:
        the matcher skips to each document, so positions of others are never decoded."""
        out: dict[int, list[int]] = {}
        if (name, word) not in self.reader:
            return out
        m = self.reader.postings(name, word)
        for d in docs:
            if not m.is_active():
                break
            if m.id() < d:
                m.skip_to(d)
                if not m.is_active():
                    break
            if m.id() == d:
                out[d] = m.value_as("positions")
        return out

    def _phrase_docs(self, words, within: set[int] | None = None) -> set[int]:
        """Documents where `words` follow one another in one of the pair fields."""
        if within is None:
            within = ranking.intersect([set(self.word(w)) for w in dict.fromkeys(words)])
        found: set[int] = set()
        for name in ranking.PAIR_FIELDS:
            docs = sorted(within - found)
            for word in words:
                if not docs:
                    break
                docs = sorted(self._positions(name, word, docs))
            if not docs:
                continue
            lists = [self._positions(name, w, docs) for w in words]
            for d in docs:
                starts = set(lists[0][d])
                for i in range(1, len(words)):
                    starts &= {p - i for p in lists[i][d]}
                    if not starts:
                        break
                if starts:
                    found.add(d)
        return found

    def pair(self, a: str, b: str, within: set[int] | None = None) -> set[int]:
        return self._docs("pairs", f"{a}_{b}")

    def phrase(self, words: tuple[str, ...]) -> set[int]:
        # Exact, by positions, among the notices holding every word and every pair.
        within = ranking.intersect([set(self.word(w)) for w in dict.fromkeys(words)]
                                    + [self.pair(a, b) for a, b in zip(words, words[1:])])
        return self._phrase_docs(words, within)

    def exact(self, typed: str) -> set[int]:
        form = forms(typed)[0]
        return set().union(*(self._docs(name, form) for name in ranking.EXACT_FIELDS))

    @cached_property
    def _numbers(self) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for term in self.reader.lexicon("number_f"):
            number = term.decode("utf-8") if isinstance(term, bytes) else term
            docs = self._docs("number_f", number)
            for key in number_keys(number):
                out.setdefault(key, set()).update(docs)
        return out

    def number(self, key: str) -> set[int]:
        return self._numbers.get(key, set())

    def field_word(self, name: str, word: str) -> set[int]:
        return self._docs("topic_text" if name == "topic" else name, word)

    def topic(self, slugs: Iterable[str]) -> set[int]:
        return set().union(*(self._docs("topics", s) for s in slugs))

    def year(self, year: str) -> set[int]:
        return self._docs("year", year)

    def order(self, doc: int) -> int:
        return self._order[doc]

    def vocabulary(self) -> list[tuple[str, int, str]]:
        folded: dict[str, int] = {}
        accented: dict[str, tuple[int, str]] = {}   # folded → the most frequent accented form
        for term in self.reader.lexicon("body"):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            if not any(ch.isalpha() for ch in word):
                continue
            df = self.reader.doc_frequency("body", word)
            plain = fold(word)
            if plain == word:
                folded[word] = df
            elif plain not in accented or (-df, word) < (-accented[plain][0], accented[plain][1]):
                accented[plain] = (df, word)
        return [(w, df, accented.get(w, (0, w))[1]) for w, df in sorted(folded.items())]


class Searcher:
    """An open index of one profile; reuse it for many queries (opening costs milliseconds)."""

    def __init__(self, cache_dir: Path, profile: str = "public"):
        root = index_root(cache_dir, profile)
        gen = current_generation(root)
        if gen is not None and not authentic(gen):
            with index_lock(root):  # perhaps a writer between its commit and its seal
                gen = current_generation(root)
                if gen is not None and not authentic(gen, prune=True):
                    authenticated.discarded(gen)
                    shutil.rmtree(gen, ignore_errors=True)
                    gen = None
        if gen is None:
            raise IndexMissing(profile)
        self.profile = profile
        self.manifest = read_manifest(gen)
        self.ix = windex.open_dir(str(gen), indexname=INDEX_NAME)
        self.searcher = self.ix.searcher()
        topics = self.manifest.get("topics", {})
        self.synonyms = Synonyms.from_topics(topics)
        self.source = WhooshSource(self.searcher, topics)

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def search(self, text: str, *, topic=None, year=None, date_from=None, date_to=None,
               issuer=None, signer=None, sort: str = "relevance", limit: int | None = 10
               ) -> SearchResult:
        start = time.perf_counter()
        parsed = parse(text)
        notes: list[str] = []
        allowed = self._filters(notes, topic=topic, year=year, date_from=date_from,
                                date_to=date_to, issuer=issuer, signer=signer)
        if parsed.empty and allowed is None:
            return SearchResult(text, 0, [], {"topic": [], "year": []},
                                notes=notes + ["câu tìm kiếm không có từ nào để tìm"],
                                seconds=time.perf_counter() - start)
        ranked = ranking.rank(parsed, self.source, allowed, sort)
        words = parsed.highlight_words()
        shown = ranked.docs if limit is None else ranked.docs[:limit]
        hits = [self._hit(d, words, parsed, ranked.scores.get(d, 0.0), i >= ranked.full)
                for i, d in enumerate(shown)]
        suggestion = self.suggest(parsed, ranked.unknown) if ranked.unknown else None
        return SearchResult(text, ranked.full, hits, self.facets(ranked.docs[:ranked.full]),
                            suggestion, notes + ranked.notes, time.perf_counter() - start,
                            ranked.partial, parsed.as_json())

    def _filters(self, notes: list[str], *, topic, year, date_from, date_to, issuer, signer
                 ) -> set[int] | None:
        src, sets = self.source, []
        if topic:
            slugs = self.synonyms.resolve_topic(topic)
            if not slugs:
                notes.append(f"không có chủ đề '{topic}'")
            sets.append(src.topic(slugs))
        if year:
            sets.append(src.year(str(year)))
        if date_from or date_to:
            start = dt.datetime.combine(date_from, dt.time()) if date_from else None
            end = dt.datetime.combine(date_to, dt.time.max) if date_to else None
            sets.append(set(self.searcher.docs_for_query(Q.DateRange("date", start, end))))
        for value, name in ((issuer, "issuer"), (signer, "signer")):
            if value:
                words = folded_words(value)
                sets.append(ranking.intersect([src.field_word(name, w) for w in words])
                            if words else set())
        return ranking.intersect(sets) if sets else None

    def _hit(self, doc: int, words: set[str], parsed: ParsedQuery, score: float,
             partial: bool) -> Hit:
        stored = self.searcher.stored_fields(doc)
        date = stored.get("date")
        return Hit(key=stored["key"], path=stored.get("path", ""),
                   number=stored.get("number", ""), date=date.date() if date else None,
                   title=stored.get("title", ""), url=f"{stored['key']}/", score=score,
                   snippet=snippet(stored.get("text", ""), words, parsed.pairs()),
                   partial=partial)

    def facets(self, matched) -> dict[str, list[dict]]:
        """Counts per topic and per year over every full match, not just the page shown."""
        matched = set(matched)
        out: dict[str, list[dict]] = {"topic": [], "year": [], "agency": []}
        if not matched:
            return out
        topics = self.manifest.get("topics", {})
        agencies = self.manifest.get("agencies", {})
        reader = self.searcher.reader()
        for name, label in (("topics", "topic"), ("year", "year"), ("agencies", "agency")):
            for term in reader.lexicon(name):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                count = len(self.source._docs(name, value) & matched)
                if count:
                    item = {"value": value, "count": count}
                    if label == "topic":
                        item["name"] = topics.get(value, {}).get("name", value)
                    elif label == "agency":  # lead agencies of the notices' tasks
                        item["name"] = agencies.get(value, value)
                    out[label].append(item)
        out["topic"].sort(key=lambda i: (-i["count"], i["name"]))
        out["agency"].sort(key=lambda i: (-i["count"], i["name"]))
        out["year"].sort(key=lambda i: i["value"], reverse=True)
        return out

    def suggest(self, parsed: ParsedQuery, unknown: list[str]) -> str | None:
        """Did-you-mean from the index's own vocabulary, shown accented."""
        return suggestion(parsed, unknown, self.source.vocabulary())


def suggestion(parsed: ParsedQuery, unknown: list[str], vocabulary) -> str | None:
    """The query with each unknown word replaced by the closest known one, or None."""
    vocabulary = list(vocabulary)
    fixes = {w: ranking.suggest_word(w, vocabulary) for w in dict.fromkeys(unknown)}
    if not any(fixes.values()):
        return None
    out = []
    for c in parsed.clauses:
        words = [fixes.get(f) or t for t, f in zip(c.typed, c.words)]
        if c.kind == "word":
            out.append(words[0])
        elif c.kind == "phrase":
            out.append('"' + " ".join(words) + '"')
        elif c.kind == "number":
            out.append(c.value.upper())
        else:
            value = c.value
            out.append(f"{_prefix(c.field)}:" + (f'"{value}"' if " " in value else value))
    return " ".join(out)


def _prefix(name: str) -> str:
    return next(f["prefixes"][0] for f in spec()["fields"] if f["name"] == name)


def snippet(text: str, words: set[str], pairs: list[tuple[str, str]] = (),
            size: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """The passage of `text` with the most distinct query words (neighbouring query syllables
    that are neighbours here count double), cut at word boundaries, matches flagged."""
    if not text:
        return []
    spans = [(s, e, forms(w)[1]) for s, e, w in syllables(text)]
    hits = [i for i, (_, _, f) in enumerate(spans) if f in words]
    pair_set = set(pairs)
    begin = 0
    if hits:
        best, best_score = spans[hits[0]][0], -1
        last = 0
        for n, i in enumerate(hits):
            s = spans[i][0]
            last = max(last, n)
            while last + 1 < len(hits) and spans[hits[last + 1]][1] <= s + size:
                last += 1
            inside = hits[n:last + 1]
            score = len({spans[j][2] for j in inside}) + sum(
                1 for j in inside if j + 1 < len(spans) and (spans[j][2], spans[j + 1][2])
                in pair_set)
            if score > best_score:
                best, best_score = s, score
            if len(inside) >= 40:   # a window can hold no more: stop scanning common words
                break
        # some context before the first match, starting at a word
        begin = next((s for s, _, _ in spans if s >= best - 40), best)
    end = min(len(text), begin + size)
    if end < len(text):
        # end after the last whole word that fits
        end = max((e for s, e, _ in spans if begin < e <= end), default=end)
    out: list[tuple[str, bool]] = []
    if begin > 0:
        out.append(("… ", False))
    pos = begin
    for i in hits:
        s, e, _ = spans[i]
        if s < begin or e > end:
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < end:
        out.append((text[pos:end], False))
    if end < len(text):
        out.append((" …", False))
    return out
