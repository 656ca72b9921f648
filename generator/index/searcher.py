"""Querying the index: ranked results, facets per topic and year, snippets, did-you-mean."""

from __future__ import annotations

import datetime as dt
import html
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex
from whoosh import query as Q
from whoosh import scoring

from .analysis import folded_words, forms, syllables
from .query import Synonyms, build, clause_query, filters, parse
from ..text import fold
from .schema import WORD_FIELDS
from .. import authenticated
from .writer import (INDEX_NAME, authentic, current_generation, index_lock, index_root,
                     read_manifest)

SNIPPET_CHARS = 220
COMMON_MIN_DOCS = 500
COMMON_SHARE = 0.3


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

    def snippet_marked(self, start: str = "**", end: str = "**") -> str:
        return "".join(f"{start}{t}{end}" if hl else t for t, hl in self.snippet)

    def as_json(self) -> dict:
        return {"path": self.path, "number": self.number,
                "date": self.date.isoformat() if self.date else None, "title": self.title,
                "url": self.url, "score": round(self.score, 4), "snippet": self.snippet_html,
                "snippet_text": self.snippet_marked("", ""), "partial": self.partial}


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict]]
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"query": self.query, "total": self.total,
                "results": [h.as_json() for h in self.hits], "facets": self.facets,
                "suggestion": self.suggestion, "notes": self.notes}


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
        self.searcher = self.ix.searcher(weighting=scoring.BM25F())
        self.synonyms = Synonyms.from_topics(self.manifest.get("topics", {}))

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def search(self, text: str, *, topic=None, year=None, date_from=None, date_to=None,
               issuer=None, signer=None, sort: str = "relevance", limit: int = 10
               ) -> SearchResult:
        start = time.perf_counter()
        parsed = parse(text)
        flt = filters(self.synonyms, topic=topic, year=year, date_from=date_from,
                      date_to=date_to, issuer=issuer, signer=signer)
        notes = []
        if topic and not self.synonyms.resolve_topic(topic):
            notes.append(f"không có chủ đề '{topic}'")
        if parsed.empty:
            if flt is None:
                return SearchResult(text, 0, [], {"topic": [], "year": []},
                                    notes=notes + ["câu tìm kiếm không có từ nào để tìm"],
                                    seconds=time.perf_counter() - start)
            q: Q.Query = Q.Every()
        else:
            common = self._common(parsed)
            q = build(parsed, self.synonyms, common)
        # limit=None: one pass collects every match (facets, total) and ranks it; with a limit
        # Whoosh would run the query twice more for len() and docs().
        kwargs = {"limit": None, "filter": flt}
        if sort == "date":
            kwargs.update(sortedby=["date", "order"], reverse=True)
        results = self.searcher.search(q, **kwargs)
        matched = set(results.docs())
        total = len(results)
        words = parsed.highlight_words()
        hits = [self._hit(hit, words) for hit in results[:limit]]
        loose = [c for c in parsed.clauses if c.kind != "field"]
        if len(hits) < limit and len(loose) > 1:
            # Fewer full matches than asked for: follow them with notices matching most of the
            # words, flagged, so one word the notice happens not to use does not hide it.
            # Field prefixes (year:, signer:, ...) stay required.
            relaxed: Q.Query = Q.Or([clause_query(c, self.synonyms, common) for c in loose])
            fixed = [clause_query(c, self.synonyms) for c in parsed.clauses if c.kind == "field"]
            if fixed:
                relaxed = Q.And([*fixed, relaxed])
            kwargs["limit"] = limit + total
            for hit in self.searcher.search(relaxed, **kwargs):
                if len(hits) >= limit:
                    break
                if hit.docnum not in matched:
                    hits.append(self._hit(hit, words, partial=True))
        suggestion = self.suggest(parsed) if total == 0 and not parsed.empty else None
        return SearchResult(text, total, hits, self.facets(matched), suggestion, notes,
                            time.perf_counter() - start)

    def _common(self, parsed) -> frozenset:
        """Query words found in more than COMMON_SHARE of the notices of a large archive."""
        reader = self.searcher.reader()
        n = reader.doc_count()
        if n < COMMON_MIN_DOCS:
            return frozenset()
        words = {folded_words(c.text)[0] for c in parsed.clauses if c.kind == "word"}
        return frozenset(w for w in words if reader.doc_frequency("body", w) > n * COMMON_SHARE)

    def _hit(self, hit, words: set[str], partial: bool = False) -> Hit:
        stored = hit.fields()
        date = stored.get("date")
        return Hit(key=stored["key"], path=stored.get("path", ""),
                   number=stored.get("number", ""), date=date.date() if date else None,
                   title=stored.get("title", ""), url=f"{stored['key']}/",
                   score=_score(hit.score), snippet=snippet(stored.get("text", ""), words),
                   partial=partial)

    def facets(self, matched) -> dict[str, list[dict]]:
        """Counts per topic and per year over every match, not just the page shown."""
        reader = self.searcher.reader()
        matched = set(matched)
        out: dict[str, list[dict]] = {"topic": [], "year": []}
        if not matched:
            return out
        topics = self.manifest.get("topics", {})
        for name, label in (("topics", "topic"), ("year", "year")):
            for term in reader.lexicon(name):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                count = sum(1 for d in reader.postings(name, value).all_ids() if d in matched)
                if count:
                    item = {"value": value, "count": count}
                    if label == "topic":
                        item["name"] = topics.get(value, {}).get("name", value)
                    out[label].append(item)
        out["topic"].sort(key=lambda i: (-i["count"], i["name"]))
        out["year"].sort(key=lambda i: i["value"], reverse=True)
        return out

    def suggest(self, parsed) -> str | None:
        """Did-you-mean from the index's own (folded) vocabulary, word by word."""
        reader = self.searcher.reader()
        changed = False
        out = []
        for clause in parsed.clauses:
            if clause.kind != "word":
                out.append(f'"{clause.text}"' if clause.kind == "phrase" else
                           f"{clause.field}:{clause.text}" if clause.kind == "field"
                           else clause.text)
                continue
            word = folded_words(clause.text)[0]
            known = any(reader.doc_frequency(f, word) for f in WORD_FIELDS)
            if known or word.isdigit() or word in self.synonyms.by_acronym:
                out.append(clause.text)
                continue
            best = None
            # Whoosh ranks candidates by frequency only, so ask for the nearest distance first.
            for maxdist in (1, 2):
                # The lexicon holds exact and folded forms; suggest in the folded one.
                found = [w for w in self.searcher.corrector("body").suggest(
                    word, limit=8, maxdist=maxdist) if w == fold(w)]
                if found:
                    best = found[0]
                    break
            out.append(best or clause.text)
            changed = changed or best is not None
        return " ".join(out) if changed else None


def _score(value) -> float:
    # Sorted searches report the sort key as the "score".
    return float(value) if isinstance(value, (int, float)) else 0.0


def snippet(text: str, words: set[str], size: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """A window of `text` with the most distinct query words, matches flagged for highlight."""
    if not text:
        return []
    spans = [(s, e, forms(w)[1]) for s, e, w in syllables(text)]
    hits = [(s, e, f) for s, e, f in spans if f in words]
    begin = 0
    if hits:
        best, best_score = hits[0][0], -1
        for i, (s, _, _) in enumerate(hits):
            seen = {f for s2, _, f in hits[i:] if s2 < s + size}
            if len(seen) > best_score:
                best, best_score = s, len(seen)
        begin = max(0, best - 40)
        # start at a word boundary
        begin = next((s for s, _, _ in spans if s >= begin), best)
    end = min(len(text), begin + size)
    if end < len(text):
        cut = text.rfind(" ", begin, end)
        end = cut if cut > begin + size // 2 else end
    out: list[tuple[str, bool]] = []
    if begin > 0:
        out.append(("… ", False))
    pos = begin
    for s, e, f in hits:
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
