"""Querying the index: the shared ranking (ranking.py) over the Whoosh index, with facets,
snippets and did-you-mean."""

from __future__ import annotations

import datetime as dt
import html
import shutil
import sys
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from whoosh.filedb.filestore import FileStorage
from whoosh import query as Q
from whoosh.columns import NumericColumn, TranslatingColumnReader
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from . import ranking
from .analysis import SYLLABLE, folded_words, forms
from .query import ParsedQuery, Synonyms, number_keys, parse, spec
from .ranking import RANKING
from ..text import fold, nfc
from .. import authenticated
from ..thesaurus import archive_table, for_vocabulary
from .writer import (INDEX_NAME, authentic, current_generation, index_lock, index_root,
                     read_manifest)

SNIPPET_CHARS = 220
FACETS = ("topic", "year", "agency")


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
    matched: list[dict] = field(default_factory=list)   # which words, through which rule

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
                "snippet_text": self.snippet_marked(), "partial": self.partial,
                "matched": self.matched}


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
    understood: dict = field(default_factory=dict)   # optional words, preferences, thesaurus
    corrected: str | None = None      # nothing matched every word: results are for this

    def as_json(self) -> dict:
        return {"query": self.query, "parsed": self.parsed, "understood": self.understood,
                "total": self.total, "partial_total": self.partial_total,
                "results": [h.as_json() for h in self.hits], "facets": self.facets,
                "suggestion": self.suggestion, "corrected": self.corrected,
                "notes": self.notes}


class WhooshSource:
    """The ranking's data (ranking.Source) read from one Whoosh index.

    Postings are read a block at a time (ids and weights as the codec stores them), not one
    posting at a time through Whoosh's matchers: at 10,000 notices a common word has ~10,000
    postings per field, and the per-posting method calls were most of a query's time. Doc sets
    and word weights are kept for the searcher's life (its reader is a fixed snapshot)."""

    CACHED_TERMS = 512   # per kind; a term's set is at most a few hundred KB

    def __init__(self, searcher, topics: dict, thesaurus: dict | None = None):
        self._thesaurus = thesaurus or {}
        self.searcher = searcher
        self.reader = searcher.reader()
        self.n = self.reader.doc_count()
        self.topics = topics
        self.acronyms = Synonyms.from_topics(topics).by_acronym
        self._leaves = self.reader.leaf_readers()
        self._boosts = {name: self.reader.schema[name].format.field_boost
                        for name in ranking.WORD_FIELDS}
        self._lengths: dict[str, list[int]] = {}
        self._doc_sets: dict[tuple[str, str], frozenset[int]] = {}
        self._words: dict[str, dict[int, int]] = {}

    @cached_property
    def thesaurus(self) -> dict[str, list[list[str]]]:
        """The archive's thesaurus, with the alternatives this index has words for (as the
        export gives the browser)."""
        if any(leaf.has_deletions() for leaf, _ in self._leaves):
            return for_vocabulary(self._thesaurus, self._live_words(self._thesaurus))
        words: set[str] = set()
        for name in ranking.WORD_FIELDS:
            for term in self.reader.lexicon(name):
                words.add(term.decode("utf-8") if isinstance(term, bytes) else term)
        return for_vocabulary(self._thesaurus, words)

    def _live_words(self, table: dict[str, list[list[str]]]) -> set[str]:
        """The syllables of the table's alternatives that a live document holds: a replaced
        or removed document's words stay in Whoosh's lexicon until its segment is merged."""
        wanted = {w for alts in table.values() for alt in alts for w in alt[0].split()}
        found: set[str] = set()
        for leaf, _ in self._leaves:
            deleted = sorted(leaf.deleted_docs_set) if leaf.has_deletions() else ()
            for word in wanted - found:
                for name in ranking.WORD_FIELDS:
                    if (name, word) not in leaf:
                        continue
                    held = leaf.doc_frequency(name, word)
                    if deleted:
                        held -= _deleted_holding(leaf, name, word, deleted)
                    if held:
                        found.add(word)
                        break
        return found

    @cached_property
    def _order(self) -> list[int]:
        out: list[int] = []
        for leaf, _ in self._leaves:
            column = leaf.column_reader("order")
            values = column_values(column)
            out += list(column) if values is None else values
        return out

    def _blocks(self, name: str, text: str, ids_only: bool = False,
                ) -> Iterator[tuple[Iterable[int], Sequence[float] | None]]:
        """(document ids, weights) of each postings block of a term, deleted documents left
        out. A weight is the occurrences times the field's boost.

        ids_only: a segment where every document holds the term gives its ids as one range and
        None for weights, without decoding a block (a block is ids, weights and positions in
        one compressed pickle). The ids come in the same order as the blocks would give them."""
        for leaf, base in self._leaves:
            if (name, text) not in leaf:
                continue
            if ids_only and not leaf.has_deletions():
                count = leaf.doc_count_all()
                if leaf.doc_frequency(name, text) == count:
                    yield range(base, base + count), None
                    continue
            matcher = leaf.postings(name, text)
            deleted = frozenset()
            if isinstance(matcher, FilterMatcher):   # the leaf has deleted documents
                deleted, matcher = leaf.deleted_docs_set, matcher.child
            if not isinstance(matcher, W3LeafMatcher):   # another codec: the generic way
                pairs = [(d, w) for d, w in matcher.items_as("weight") if d not in deleted]
                yield [base + d for d, _ in pairs], [w for _, w in pairs]
                continue
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                ids, weights = matcher._ids, matcher._weights
                if deleted:
                    kept = [i for i, d in enumerate(ids) if d not in deleted]
                    ids, weights = [ids[i] for i in kept], [weights[i] for i in kept]
                yield (map(base.__add__, ids) if base else ids), weights
                matcher._next_block()

    def _docs(self, name: str, text: str) -> frozenset[int]:
        key = (name, text)
        found = self._doc_sets.get(key)
        if found is None:
            found = frozenset(chain.from_iterable(ids for ids, _ in self._blocks(name, text,
                                                                                ids_only=True)))
            _remember(self._doc_sets, key, found, self.CACHED_TERMS)
        return found

    def _field_lengths(self, name: str) -> list[int]:
        """Every document's length of field `name` as the index keeps it (one byte, decoded as
        Whoosh's doc_field_length does), read a column at a time."""
        if name not in self._lengths:
            lengths: list[int] = []
            for leaf, _ in self._leaves:
                column = _length_column(leaf, name)
                if column is None:   # another codec: one document at a time
                    lengths += [leaf.doc_field_length(d, name) or 0
                                for d in range(leaf.doc_count_all())]
                else:
                    lengths += [_BYTE_LENGTHS[b] for b in column]
            self._lengths[name] = lengths
        return self._lengths[name]

    def word(self, folded: str) -> dict[int, int]:
        found = self._words.get(folded)
        if found is not None:
            return found
        # Ids first, without decoding the segments where every notice holds the word: at
        # 10,000 notices the words most queries share are in every body.
        postings = [(name, list(ids), weights) for name in ranking.WORD_FIELDS
                    for ids, weights in self._blocks(name, folded, ids_only=True)]
        docs = set(chain.from_iterable(ids for _, ids, _ in postings))
        if ranking.is_common(len(docs), self.n):
            # The ranking gives a common word one flat weight (the export stores no weights
            # for it either): its per-notice weights would never be read.
            found = dict.fromkeys(docs, RANKING["common_weight"])
        else:
            if any(weights is None for _, _, weights in postings):  # a small segment: weigh it
                postings = [(name, list(ids), weights) for name in ranking.WORD_FIELDS
                            for ids, weights in self._blocks(name, folded)]
            freqs: dict[int, list[tuple[str, int, int]]] = {}
            for name, ids, weights in postings:
                boost, lengths = self._boosts[name], self._field_lengths(name)
                for d, w in zip(ids, weights):
                    freqs.setdefault(d, []).append((name, round(w / boost), lengths[d]))
            found = {d: _term_weight(tuple(f)) for d, f in freqs.items()}
        _remember(self._words, folded, found, self.CACHED_TERMS)
        return found

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
            lists = []   # each word's positions, kept from narrowing (not decoded twice)
            for word in words:
                if not docs:
                    break
                lists.append(self._positions(name, word, docs))
                docs = sorted(lists[-1])
            if not docs:
                continue
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
    def _number_parts(self) -> dict[str, set[int]]:
        """":tb", ":vpubnd" (parts of numbers) → notices: needs every number, so built once."""
        out: dict[str, set[int]] = {}
        for term in self.reader.lexicon("number_f"):
            number = term.decode("utf-8") if isinstance(term, bytes) else term
            keys = [k for k in number_keys(number) if k.startswith(":")]
            if keys:
                docs = set(chain.from_iterable(ids for ids, _ in self._blocks("number_f", number)))
                for key in keys:
                    out.setdefault(key, set()).update(docs)
        return out

    def number(self, key: str) -> set[int]:
        if key.startswith(":"):
            return self._number_parts.get(key, set())
        # Every other key of a number is a prefix of it: only the numbers starting so are read.
        found: set[int] = set()
        for term in self.reader.expand_prefix("number_f", key):
            number = term.decode("utf-8") if isinstance(term, bytes) else term
            if key in number_keys(number):
                found.update(chain.from_iterable(ids for ids, _ in self._blocks("number_f",
                                                                                  number)))
        return found

    def field_word(self, name: str, word: str) -> set[int]:
        return self._docs("topic_text" if name == "topic" else name, word)

    def topic(self, slugs: Iterable[str]) -> set[int]:
        return set().union(*(self._docs("topics", s) for s in slugs))

    def year(self, year: str) -> set[int]:
        return self._docs("year", year)

    def order(self, doc: int) -> int:
        return self._order[doc]

    def order_key(self):
        """`order` as a fast key function (a list lookup) for sorting many notices."""
        return self._order.__getitem__

    def vocabulary(self) -> list[tuple[str, int, str]]:
        folded: dict[str, int] = {}
        accented: dict[str, tuple[int, str]] = {}   # folded → the most frequent accented form
        for word, df in self._live_frequencies("body"):
            if not any(ch.isalpha() for ch in word):
                continue
            plain = fold(word)
            if plain == word:
                folded[word] = df
            elif plain not in accented or (-df, word) < (-accented[plain][0], accented[plain][1]):
                accented[plain] = (df, word)
        return [(w, df, accented.get(w, (0, w))[1]) for w, df in sorted(folded.items())]


    def _live_frequencies(self, name: str) -> Iterator[tuple[str, int]]:
        """(term, number of documents holding it) of a field, deleted documents left out.

        Whoosh counts a document replaced or removed by an incremental update until its
        segment is merged, and keeps its terms in the lexicon: a suggestion must not come
        from a notice that is gone, nor rank words differently from a fresh index. Where a
        segment has deletions, each term's postings are skipped through to the deleted ids
        (block headers mostly, not every posting)."""
        counts: dict[str, int] = {}
        for leaf, _ in self._leaves:
            deleted = sorted(leaf.deleted_docs_set) if leaf.has_deletions() else ()
            for term in leaf.lexicon(name):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                df = leaf.doc_frequency(name, word)
                if deleted:
                    df -= _deleted_holding(leaf, name, word, deleted)
                if df:
                    counts[word] = counts.get(word, 0) + df
        return iter(sorted(counts.items()))


def _deleted_holding(leaf, name: str, word: str, deleted: list[int]) -> int:
    """How many of the (sorted) deleted documents of a segment hold the term."""
    # The raw postings, deleted documents included (as SegmentReader.postings makes them
    # before it filters: the filter has already moved past a deleted first posting).
    matcher = leaf._terms.matcher(name, leaf._text_to_bytes(name, word),
                                  leaf.schema[name].format)
    count = 0
    for doc in deleted:
        if not matcher.is_active():
            break
        if matcher.id() < doc:
            matcher.skip_to(doc)
            if not matcher.is_active():
                break
        if matcher.id() == doc:
            count += 1
    return count


# Whoosh's one-byte field lengths, decoded (byte 0: no length, as doc_field_length gives 0).
_BYTE_LENGTHS = [0] + [byte_to_length(b) for b in range(1, 256)]


def _length_column(leaf, name: str):
    """The stored length bytes of field `name` in one segment (whoosh3 codec), or None."""
    perdoc = getattr(leaf, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    reader = perdoc._cached_reader(f"_{name}_len", LENGTHS_COLUMN)
    return [0] * leaf.doc_count_all() if reader is None else column_values(reader)


def column_values(reader) -> list | None:
    """Every value of a numeric column of one segment, read in one piece (Whoosh reads a
    column value by value: 10,000 file reads), or None for another kind of column."""
    translate = None
    if isinstance(reader, TranslatingColumnReader):
        translate, reader = reader._translate, reader.raw_column()
    if type(reader) is not NumericColumn.Reader:
        return None
    raw = reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen)
    values = array(reader._typecode, raw)
    if reader._fixedlen > 1 and sys.byteorder == "little":
        values.byteswap()   # stored big-endian ("!" struct format)
    out = values.tolist() + [reader._default] * (reader._doccount - reader._count)
    return [translate(v) for v in out] if translate else out


@lru_cache(maxsize=65536)
def _term_weight(postings: tuple[tuple[str, int, int], ...]) -> int:
    """ranking.term_weight of (field, occurrences, length) triples: few distinct ones recur."""
    return ranking.term_weight({name: tf for name, tf, _ in postings},
                               {name: length for name, _, length in postings})


def _remember(cache: dict, key, value, limit: int) -> None:
    if len(cache) >= limit:
        del cache[next(iter(cache))]   # the oldest
    cache[key] = value


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
        # Without mmap: this Whoosh copies each memory-mapped sub-file of a segment into a
        # BytesIO on opening (0.2 s and ~300 MB at 10,000 notices); plain reads touch only
        # the blocks a query needs.
        self.ix = FileStorage(str(gen), supports_mmap=False, readonly=True).open_index(
            INDEX_NAME)
        self.searcher = self.ix.searcher()
        topics = self.manifest.get("topics", {})
        self.synonyms = Synonyms.from_topics(topics)
        self.source = WhooshSource(self.searcher, topics, self.manifest.get("thesaurus")
                                   or archive_table())

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def search(self, text: str, *, topic=None, year=None, date_from=None, date_to=None,
               issuer=None, signer=None, sort: str = "relevance", limit: int | None = 10,
               facets: Iterable[str] = FACETS) -> SearchResult:
        """facets: which counts to make (each costs reading its terms' postings once per
        searcher: the text CLI shows topic and year only)."""
        start = time.perf_counter()
        parsed = parse(text)
        notes: list[str] = []
        allowed = self._filters(notes, topic=topic, year=year, date_from=date_from,
                                date_to=date_to, issuer=issuer, signer=signer)
        if parsed.empty and allowed is None:
            return SearchResult(text, 0, [], {"topic": [], "year": []},
                                notes=notes + ["câu tìm kiếm không có từ nào để tìm"],
                                seconds=time.perf_counter() - start)
        ranked = ranking.rank(parsed, self.source, allowed, sort, limit)
        suggestion = self.suggest(parsed, ranked.unknown) if ranked.unknown else None
        typed, corrected = parsed, None
        if suggestion and not ranked.full:
            # A typo ("thien tia"): nothing matches every word, the correction does.
            again = ranking.rank(parse(suggestion), self.source, allowed, sort, limit)
            if again.full:
                parsed, ranked, corrected = parse(suggestion), again, suggestion
        words = parsed.highlight_words() | ranked.why.alternative_words()
        hits = [self._hit(d, words, parsed, ranked.scores.get(d, 0.0), i >= ranked.full,
                          ranked.why.of(d))
                for i, d in enumerate(ranked.docs)]   # only the first `limit` are ranked
        return SearchResult(text, ranked.full, hits, self.facets(ranked.full_docs, facets),
                            suggestion, notes + ranked.notes, time.perf_counter() - start,
                            ranked.partial, typed.as_json(),
                            ranked.why.understanding.as_json(), corrected)

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
             partial: bool, matched: list[dict]) -> Hit:
        stored = self.searcher.stored_fields(doc)
        date = stored.get("date")
        return Hit(key=stored["key"], path=stored.get("path", ""),
                   number=stored.get("number", ""), date=date.date() if date else None,
                   title=stored.get("title", ""), url=f"{stored['key']}/", score=score,
                   snippet=snippet(stored.get("text", ""), words, parsed.pairs()),
                   partial=partial,
                   matched=[{**m, "via_text": spelled_in(stored.get("text", ""), m["via"])}
                            if "via" in m else m for m in matched])

    def facets(self, matched, wanted: Iterable[str] = FACETS) -> dict[str, list[dict]]:
        """Counts per topic, year and agency over every full match, not just the page shown."""
        matched = set(matched)
        wanted = set(wanted)
        out: dict[str, list[dict]] = {label: [] for label in FACETS if label in wanted}
        if not matched:
            return out
        topics = self.manifest.get("topics", {})
        agencies = self.manifest.get("agencies", {})
        reader = self.searcher.reader()
        for name, label in (("topics", "topic"), ("year", "year"), ("agencies", "agency")):
            if label not in wanted:
                continue
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
        for label in ("topic", "agency"):
            out.get(label, []).sort(key=lambda i: (-i["count"], i["name"]))
        out.get("year", []).sort(key=lambda i: i["value"], reverse=True)
        return out

    def suggest(self, parsed: ParsedQuery, unknown: list[str]) -> str | None:
        """Did-you-mean from the index's own vocabulary, shown accented."""
        return suggestion(parsed, unknown, self.source.vocabulary(), self.source.thesaurus,
                          self.source.topics)


def suggestion(parsed: ParsedQuery, unknown: list[str], vocabulary, thesaurus=None,
               topics=None) -> str | None:
    """The query with each unknown word replaced by the closest known one, or None. The words
    around an unknown one choose between close candidates ("thien tia" → "thiên tai")."""
    vocabulary = list(vocabulary)
    pairs = ranking.context_pairs(thesaurus or {}, topics or {}, {w for w, _, _ in vocabulary})
    flat = [(f, t) for c in parsed.clauses if c.kind in ("word", "phrase")
            for f, t in zip(c.words, c.typed)]
    fixes: dict[str, str | None] = {}
    for k, (f, t) in enumerate(flat):
        if f in unknown and f not in fixes:
            fixes[f] = ranking.suggest_word(
                f, vocabulary, typed=t, before=flat[k - 1][0] if k else None,
                after=flat[k + 1][0] if k + 1 < len(flat) else None, pairs=pairs)
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


def spelled_in(text: str, folded: str) -> str:
    """Where the folded syllables `folded` first stand together in `text`, as written there
    ("thien tai" → "thiên tai"); `folded` itself when they do not."""
    want = folded.split()
    found = list(SYLLABLE.finditer(nfc(text)))
    forms_ = [forms(m.group())[1] for m in found]
    for i in range(len(found) - len(want) + 1):
        if forms_[i:i + len(want)] == want:
            return nfc(text)[found[i].start():found[i + len(want) - 1].end()]
    return folded


def snippet(text: str, words: set[str], pairs: list[tuple[str, str]] = (),
            size: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """The passage of `text` with the most distinct query words (neighbouring query syllables
    that are neighbours here count double), cut at word boundaries, matches flagged."""
    if not text:
        return []
    # Offsets and folded forms as lists, each distinct syllable folded once: a notice's text
    # has ~1,500 syllables and ten snippets are cut per query.
    found = list(SYLLABLE.finditer(nfc(text)))
    raw = [m.group() for m in found]
    fold_of = {w: forms(w)[1] for w in set(raw)}
    folded = [fold_of[w] for w in raw]
    starts = [m.start() for m in found]
    ends = [m.end() for m in found]
    hits = [i for i, f in enumerate(folded) if f in words]
    pair_set = set(pairs)
    begin = 0
    if hits:
        # Each window is the hits from hits[n] to those ending within `size` of its start; its
        # score (distinct words + neighbouring query pairs) is kept up to date as the window
        # slides, instead of recounted per window.
        paired = [j + 1 < len(folded) and (folded[j], folded[j + 1]) in pair_set
                  for j in hits]
        counts: Counter[str] = Counter()
        distinct = pairs_inside = 0
        best, best_score = starts[hits[0]], -1
        last = -1
        for n, i in enumerate(hits):
            s = starts[i]
            while last < n or (last + 1 < len(hits) and ends[hits[last + 1]] <= s + size):
                last += 1
                word = folded[hits[last]]
                counts[word] += 1
                distinct += counts[word] == 1
                pairs_inside += paired[last]
            score = distinct + pairs_inside
            if score > best_score:
                best, best_score = s, score
            if last - n + 1 >= 40:   # a window can hold no more: stop scanning common words
                break
            counts[folded[i]] -= 1    # hits[n] leaves the window
            distinct -= counts[folded[i]] == 0
            pairs_inside -= paired[n]
        # some context before the first match, starting at a word
        k = bisect_left(starts, best - 40)
        begin = starts[k] if k < len(starts) else best
    end = min(len(text), begin + size)
    if end < len(text):
        # end after the last whole word that fits
        k = bisect_right(ends, end) - 1
        if k >= 0 and ends[k] > begin:
            end = ends[k]
    out: list[tuple[str, bool]] = []
    if begin > 0:
        out.append(("… ", False))
    pos = begin
    for i in hits:
        s, e = starts[i], ends[i]
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
