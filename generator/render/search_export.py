"""The search stage of a build: update the Whoosh index, and export the browser's index.

The browser index is ours, exported from the same analyzer as the CLI's (generator.index.analysis),
sharded so one query downloads only what it needs (see README, "Search"):

    na-search/meta.json      counts, facet labels, acronyms, the shard count        (small)
    na-search/facets.json    per notice: year, issuer, topics (filters and counts)  (~10 B/notice)
    na-search/t/<h>.json     postings of the folded terms hashing to h: a delta-coded list of
                          (notice, weight), or for a word in many notices a bitmap (base64)
    na-search/d/<id>.json    one notice: URL, number, date, title, reading text     (shown results)

Only the notices of the build's profile are exported (the LinkedArchive holds nothing else), and
a secret notice is dropped again here, whatever reached us.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sys
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, MutableMapping

from ..index.analysis import folded_words, initials, plain_text
from ..index.writer import fold_number, indexable, source_state, update_index
from .. import processes
from ..link import LinkedArchive

# Not "search/": that is mkdocs-material's lunr folder, should anyone switch it back on.
SITE_FOLDER = "na-search"
FORMAT_VERSION = 1
SHARD_TARGET_BYTES = 12_000     # aim per term shard
TEXT_CHARS = 4_000              # reading text kept per notice for snippets
BITMAP_MIN_DOCS = 1000          # archives smaller than this keep weights for every term
BITMAP_SHARE = 0.25             # a term in more notices than this share is a bitmap
BITMAP_WEIGHT = 10              # weight of a bitmap-coded (frequent, low-idf) term
FIELD_BOOSTS = {"number": 8.0, "title": 3.0, "topics": 1.5, "people": 1.5, "issuer": 1.2,
                "body": 1.0}
K1, B = 1.2, 0.75


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; the browser computes the same to find a term's shard."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _fields(notice, topics) -> dict[str, list[str]]:
    topic_words: list[str] = []
    for slug in notice.topics:
        t = topics.get(slug)
        if t is not None:
            topic_words += folded_words(t.name) + [initials(t.name)]
            for alias in t.aliases:
                topic_words += folded_words(alias)
    people = []
    if notice.signer:
        people += folded_words(notice.signer.name)
    if notice.meeting and notice.meeting.chair:
        people += folded_words(notice.meeting.chair)
    return {
        "number": (folded_words(fold_number(notice.shown_number))
                   if notice.shown_number else []),
        "title": folded_words(notice.title),
        "topics": topic_words,
        "people": people,
        "issuer": folded_words(notice.issuer or ""),
        "body": folded_words(notice.body),
    }


def _analysed(notice, topics) -> tuple[str, dict[str, tuple[int, list, array]]]:
    """(reading text, field → (length, terms, counts)): the per-notice half of the export,
    memoised by content so a build analyses only the notices that changed."""
    analysis = {}
    for name, words in _fields(notice, topics).items():
        counts = Counter(words)
        # Interned: one string per distinct term across the archive, not one per notice.
        analysis[name] = (len(words), [sys.intern(t) for t in counts],
                          array("I", counts.values()))
    return plain_text(notice.body)[:TEXT_CHARS], analysis


def encode_analysis(value) -> list:
    """A memoised analysis as JSON data (the memo is stored as JSON)."""
    text, fields = value
    return [text, {name: [length, terms, list(counts)]
                   for name, (length, terms, counts) in fields.items()}]


def decode_analysis(data) -> tuple:
    text, fields = data
    return text, {name: (length, [sys.intern(t) for t in terms], array("I", counts))
                  for name, (length, terms, counts) in fields.items()}


def _analysis_key(notice, topics) -> str:
    """Everything _analysed reads, as one digest."""
    digest = hashlib.sha256()
    vocabulary = [(s, topics[s].name, topics[s].aliases) for s in notice.topics if s in topics]
    for part in (notice.shown_number, notice.title, notice.issuer,
                 notice.signer.name if notice.signer else None,
                 notice.meeting.chair if notice.meeting else None, vocabulary, notice.body):
        digest.update(repr(part).encode() + b"\0")
    return digest.hexdigest()


def _analyse_all(notices, topics, memo) -> list:
    if memo is None:
        return [_analysed(n, topics) for n in notices]
    out = []
    for notice in notices:
        key = _analysis_key(notice, topics)
        value = memo.get(key)
        if value is None:
            value = memo[key] = _analysed(notice, topics)
        out.append(value)
    return out


def export(linked: LinkedArchive, out_dir: Path, *, bitmap_min_docs: int = BITMAP_MIN_DOCS,
           memo: MutableMapping | None = None, write: Callable[[Path, bytes], None] | None = None
           ) -> dict:
    """Write the browser index into out_dir (e.g. site/na-search); returns size figures.

    `memo`: a persistent map (see cache.Memo) of each notice's analysis, by content. `write`:
    how a file is written (an incremental build links unchanged files from the published site).
    """
    notices = indexable(linked)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "t").mkdir(parents=True)
    (out_dir / "d").mkdir()
    write = write or _write

    analysed = _analyse_all(notices, linked.topics, memo)
    per_doc = [fields for _, fields in analysed]
    avg = {f: (sum(d[f][0] for d in per_doc) / len(per_doc) if per_doc else 1) or 1
           for f in FIELD_BOOSTS}
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, fields in enumerate(per_doc):
        weights: dict[str, float] = defaultdict(float)
        for name, (length, terms, counts) in fields.items():
            norm = K1 * (1 - B + B * length / avg[name])
            for term, tf in zip(terms, counts):
                weights[term] += FIELD_BOOSTS[name] * tf * (K1 + 1) / (tf + norm)
        for term, w in weights.items():
            postings[term].append((doc_id, max(1, round(w * 10))))

    n = len(notices)
    encoded: dict[str, list[int] | str] = {}
    for term, plist in postings.items():
        # A word in many notices (low idf: its weights barely matter) costs N/8 bytes as a
        # bitmap instead of ~5 bytes per notice, so "tinh" or "an" stay small at any size.
        # Small archives keep every weight: size is no issue there, ranking is.
        if n >= bitmap_min_docs and len(plist) > n * BITMAP_SHARE:
            bits = bytearray((n + 7) // 8)
            for doc_id, _ in plist:
                bits[doc_id >> 3] |= 1 << (doc_id & 7)
            encoded[term] = base64.b64encode(bytes(bits)).decode("ascii")
            continue
        flat, last = [], 0
        for doc_id, w in plist:       # ascending ids, delta coded
            flat += [doc_id - last, w]
            last = doc_id
        encoded[term] = flat
    total = sum(len(t) + (len(f) if isinstance(f, str) else 2 * len(f)) + 4
                for t, f in encoded.items())
    shards = 8
    while total / shards > SHARD_TARGET_BYTES and shards < 65536:
        shards *= 2
    buckets: dict[int, dict] = defaultdict(dict)
    for term, flat in encoded.items():
        buckets[fnv1a(term) % shards][term] = flat
    for h, bucket in buckets.items():
        _dump(out_dir / "t" / f"{h}.json", bucket, write)

    topic_slugs = sorted(linked.topics)
    topic_idx = {s: i for i, s in enumerate(topic_slugs)}
    years = sorted({n.year for n in notices if n.year}, reverse=True)
    year_idx = {y: i for i, y in enumerate(years)}
    issuers = sorted({n.issuer for n in notices if n.issuer})
    issuer_idx = {s: i for i, s in enumerate(issuers)}
    _dump(out_dir / "facets.json", write=write, data={
        "y": _column([year_idx.get(n.year, -1) for n in notices], len(years)),
        "i": _column([issuer_idx.get(n.issuer, -1) for n in notices], len(issuers)),
        "t": _lists([[topic_idx[s] for s in n.topics if s in topic_idx] for n in notices],
                    len(topic_slugs)),
    })
    acronyms: dict[str, list[int]] = defaultdict(list)
    for slug, t in linked.topics.items():
        for name in [t.name, *t.aliases]:
            words = folded_words(name)
            key = initials(name) if len(words) > 1 else (words[0] if words else "")
            if len(key) >= 3 and not key.isdigit() and topic_idx[slug] not in acronyms[key]:
                acronyms[key].append(topic_idx[slug])
    for doc_id, (notice, (text, _)) in enumerate(zip(notices, analysed)):
        _dump(out_dir / "d" / f"{doc_id}.json", {
            "u": f"{notice.key}/", "n": notice.label,
            "d": notice.date.strftime("%d/%m/%Y") if notice.date else "",
            "t": notice.title, "x": text}, write)
    _dump(out_dir / "meta.json", write=write, data={
        "v": FORMAT_VERSION, "n": n, "shards": shards, "bitmap_weight": BITMAP_WEIGHT,
        "years": years, "issuers": issuers,
        "topics": [[s, linked.topics[s].name] for s in topic_slugs],
        "acronyms": acronyms,
    })
    sizes = [p.stat().st_size for p in (out_dir / "t").iterdir()]
    return {"notices": n, "terms": len(encoded), "shards": shards,
            "shard_max": max(sizes, default=0),
            "shard_avg": (sum(sizes) / len(sizes)) if sizes else 0,
            "facets": (out_dir / "facets.json").stat().st_size,
            "meta": (out_dir / "meta.json").stat().st_size}


# One character per value ("0".."~" without the backslash): 1 byte per notice instead of 2-4
# in a JSON array. Used when there are few enough values; otherwise plain arrays.
SYMBOLS = "".join(chr(c) for c in range(0x30, 0x7F) if chr(c) != "\\")
NONE = "/"  # no value (a draft without a date, no issuer)


def _column(values: list[int], size: int) -> str | list[int]:
    if size > len(SYMBOLS):
        return values
    return "".join(SYMBOLS[v] if v >= 0 else NONE for v in values)


def _lists(values: list[list[int]], size: int) -> str | list[list[int]]:
    if size > len(SYMBOLS):
        return values
    return ",".join("".join(SYMBOLS[v] for v in vs) for vs in values)


def _dump(path: Path, data, write: Callable[[Path, bytes], None]) -> None:
    write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


class IndexInBackground:
    """Update the Whoosh index in a forked process while mkdocs renders pages in this one.

    Indexing and rendering are independent, and each takes most of a cold build on one core;
    side by side they use both. The child gets the linked archive (inherited when forked,
    pickled through a pipe when spawned: see generator/processes.py) and reports only a line
    of text back. Where no process can be started, the update runs here, in `wait`.
    """

    def __init__(self, linked: LinkedArchive, cache_dir: Path, notices_dir: Path | None):
        self.args = (linked, cache_dir, source_state(notices_dir) if notices_dir else None)
        self.process = None
        try:
            context = processes.context()
        except ValueError:
            return
        self.receive, send = context.Pipe(duplex=False)
        # Not a daemon: a daemon may not start processes of its own (Whoosh's pool would).
        self.process = context.Process(target=_index_child, args=(*self.args, send),
                                       name="notice-archive-index")
        self.process.start()
        send.close()

    def wait(self) -> None:
        """Block until the index is up to date; raise IndexFailed with the child's reason."""
        if self.process is None:
            linked, cache_dir, state = self.args
            update_index(linked, cache_dir, state=state)
            return
        try:
            message = self.receive.recv() if self.receive.poll(None) else None
        except EOFError:
            message = None
        self.process.join()
        if message != "ok":
            raise IndexFailed(message or f"tiến trình lập chỉ mục dừng (mã {self.process.exitcode})")

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()  # the index stays at its previous commit (atomic updates)
            self.process.join()


class IndexFailed(RuntimeError):
    """Updating the search index failed; the message says why (in Vietnamese)."""


def _index_child(linked, cache_dir, state, send) -> None:
    try:
        # One process: the other core is rendering pages meanwhile.
        update_index(linked, cache_dir, state=state, procs=1)
        send.send("ok")
    except BaseException as exc:  # reported to the parent, which fails the build cleanly
        send.send(f"lập chỉ mục tìm kiếm thất bại: {type(exc).__name__}: {exc}")
    finally:
        send.close()
