"""The search stage of a build: update the Whoosh index, and export the browser's index.

The browser index is ours, exported from the same analyzer as the CLI's (generator.index.analysis),
sharded so one query downloads only what it needs (see docs/handbook/development/search.md):

    na-search/meta.json      counts, facet labels, topics and acronyms, the query language spec
    na-search/facets.json    per notice: year and topics (year: and topic: clauses, ~4 B/notice)
    na-search/facets-page.json  per notice: issuer, type, signer (the results page's facets)
    na-search/t/<h>.json     the terms hashing to h: a folded word → delta-coded (notice, weight);
                             "a b" (neighbouring syllables), "=hòa" (accented form in the title
                             or people), "#125/tb" (number keys), "signer:luu" (prefix fields) →
                             delta-coded notices; a term in many notices is a bitmap (base64)
    na-search/d/<id>.json    one notice: URL, number, date, title, reading text     (shown results)
    na-search/vocab.json     the body's words with counts and accented form (did-you-mean only)

Only the notices of the build's profile are exported (the LinkedArchive holds nothing else), and
a secret notice is dropped again here, whatever reached us.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, MutableMapping

from ..cache import EncodedMemo
from . import ranking
from .analysis import accent_key, folded_words, forms, syllable_list
from .query import (acronym_table, is_digits, number_keys, number_query_keys,
                    prefixes_kind, spec, word_fields)
from .writer import document, indexable, notice_agencies, source_state, update_index
from ..link import LinkedArchive
from ..text import canonical
from ..thesaurus import archive_table, for_vocabulary
from .background import InBackground
from .export_state import ExportState, Merged, Update

# Not "search/": that is mkdocs-material's lunr folder, should anyone switch it back on.
SITE_FOLDER = "na-search"
FORMAT_VERSION = 2
SHARD_TARGET_BYTES = 6_000      # aim per term shard: a query fetches one per term
TEXT_CHARS = 4_000              # reading text kept per notice for snippets


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; the browser computes the same to find a term's shard."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


class NoticeTerms:
    """Everything the ranking needs of one notice, from the very document the Whoosh index is
    given (writer.document), analysed the same way, so weights equal the CLI's."""

    def __init__(self, doc: dict, given: dict[str, list[str]] | None = None):
        self.weights: dict[str, int] = {}       # folded word → term_weight
        self.sets: set[str] = set()             # keys of the set-valued terms (see export)
        self.body_exact: set[str] = set()       # accented forms in the body (did-you-mean)
        self.body_folded: set[str] = set()
        freqs: dict[str, dict[str, int]] = defaultdict(dict)
        lengths: dict[str, int] = {}
        for name in ranking.WORD_FIELDS:
            value = doc.get(name, "")
            if name == "acronyms":
                words = value.split()
                tokens = len(words)
            else:
                raw = (given or {}).get(name)
                if raw is None:
                    raw = syllable_list(value)
                both = [forms(w) for w in raw]
                words = [f for _, f in both]
                tokens = len(words) + sum(1 for e, f in both if e != f)
                if name in ranking.EXACT_FIELDS:
                    self.sets.update("=" + accent_key(w) for w, (e, f) in zip(raw, both)
                                     if e != f)
                if name == "body":
                    self.body_exact = {e for e, f in both if e != f}
                    self.body_folded = set(words)
            lengths[name] = ranking.quantized_length(tokens)
            for word, tf in Counter(words).items():
                freqs[word][name] = tf
        self.weights = {w: ranking.term_weight(f, lengths) for w, f in freqs.items()}
        self.sets.update(p.replace("_", " ") for p in doc.get("pairs", "").split())
        if doc.get("number_f"):
            self.sets.update("#" + k for k in number_keys(doc["number_f"]))
        for f in [*word_fields(), {"name": "topic", "source": "topic_text"}]:
            value = doc.get(f["name"] if f["name"] != "topic" else "topic_text", "")
            self.sets.update(f"{f['name']}:{w}" for w in folded_words(value))


def _encode(plist: array, n: int, weighted: bool):
    """Ascending ids, delta coded ([id, weight, ...] or [id, ...]); a term in a large share of a
    large archive is a base64 bitmap instead (N/8 bytes), its weight then flat."""
    ids = plist[0::2] if weighted else plist
    if ranking.is_common(len(ids), n):
        bits = bytearray((n + 7) // 8)
        for doc_id in ids:
            bits[doc_id >> 3] |= 1 << (doc_id & 7)
        return base64.b64encode(bytes(bits)).decode("ascii")
    flat = plist.tolist()
    step = 2 if weighted else 1
    for i in range(len(flat) - step, 0, -step):  # deltas, from the end so each uses the id before
        flat[i] -= flat[i - step]
    return flat


def _encoded_size(term: str, plist: array, n: int, weighted: bool) -> int:
    """What `_encode` makes of a term, in the units the shard count is chosen by (a bitmap's
    characters, or 3 per number), without making it."""
    ids = len(plist) // 2 if weighted else len(plist)
    size = 4 * ((((n + 7) // 8) + 2) // 3) if ranking.is_common(ids, n) else 3 * len(plist)
    return len(term) + size + 4


def topics_digest(topics) -> str:
    """The topic vocabulary a notice's analysis reads: every topic's name and aliases, not only
    its own topics' (the acronyms it is found by come from any topic it spells out)."""
    vocabulary = sorted((s, t.name, tuple(t.aliases)) for s, t in topics.items())
    return hashlib.sha256(repr(vocabulary).encode()).hexdigest()


def _analysis_key(notice, vocabulary: str, agencies) -> str:
    """Everything a notice's analysis depends on: the notice, the topic vocabulary, the agencies
    it gives tasks to (the memo itself is dropped when the code changes: cache.code_identity)."""
    # A loaded notice is made from its file's path and bytes alone (validate/fields.py), whose
    # sha256 it carries: keying by them skips the repr of every notice, which was a sixth of
    # an edit build's export once the merged postings were kept (profiled at 3,000 notices).
    notice_id = (f"{notice.source}\0{notice.digest}" if notice.digest else repr(notice))
    return hashlib.sha256(f"{notice_id}\0{vocabulary}\0"
                          f"{sorted(agencies.items())!r}".encode()).hexdigest()


def _analysed(notice, doc_id: int, topics, agencies, memo: MutableMapping | None,
              vocabulary: str, key: str | None = None) -> tuple:
    """(weights, set keys, accented body forms, folded body forms, reading text) of one notice,
    memoised by content so a build analyses only the notices that changed."""
    if memo is not None and key is None:
        key = _analysis_key(notice, vocabulary, agencies)
    if key is not None:
        known = memo.get(key)
        if known is not None:
            return known
    # Title and body are tokenized once, for the acronyms and for the terms.
    tokens = {"title": syllable_list(notice.title), "body": syllable_list(notice.body)}
    doc = document(notice, doc_id, topics,
                   {name: [forms(w)[1] for w in ws] for name, ws in tokens.items()}, agencies)
    terms = NoticeTerms(doc, tokens)
    value = (terms.weights, terms.sets, terms.body_exact, terms.body_folded,
             doc.get("text", "")[:TEXT_CHARS])
    if key is not None:
        memo[key] = value
    return value


def encode_analysis(value) -> list:
    """A memoised analysis as JSON data (the memo is stored as JSON)."""
    weights, keys, body_exact, body_folded, text = value
    return [weights, sorted(keys), sorted(body_exact), sorted(body_folded), text]


def decode_analysis(data) -> tuple:
    # Not interned: a decoded analysis lives only while its notice's postings are added.
    weights, keys, body_exact, body_folded, text = data
    return weights, set(keys), set(body_exact), set(body_folded), text


def export(linked: LinkedArchive, out_dir: Path, *, memo: MutableMapping | None = None,
           write: Callable[[Path, bytes], None] | None = None,
           state_path: Path | None = None,
           reuse: Callable[[Path, str], bool] | None = None) -> dict:
    """Write the browser index into out_dir (e.g. site/na-search); returns size figures.

    `memo`: a persistent map (see cache.Memo) of each notice's analysis, by content. `write`:
    how a file is written (an incremental build links unchanged files from the published site).
    `state_path`: where the merged postings are kept between builds (export_state), so only
    what changed is merged and encoded again; `reuse(path, digest)` links a file of those
    bytes from the published site, False when it cannot (then the file is written).
    """
    notices = indexable(linked)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "t").mkdir(parents=True)
    (out_dir / "d").mkdir()
    write = write or _write
    n = len(notices)
    vocabulary = topics_digest(linked.topics)
    agencies = [notice_agencies(notice, linked) for notice in notices]
    owners = [sorted(a) for a in agencies]
    keys = ([_analysis_key(notice, vocabulary, a) for notice, a in zip(notices, agencies)]
            if memo is not None else None)

    def analysis(doc_id: int) -> tuple:
        return _analysed(notices[doc_id], doc_id, linked.topics, agencies[doc_id], memo,
                         vocabulary, keys[doc_id] if keys is not None else None)

    def dump(path: Path, data) -> str:
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write(path, raw)
        return hashlib.sha256(raw).hexdigest()

    def dump_document(doc_id: int, text: str) -> str:
        notice = notices[doc_id]
        return dump(out_dir / "d" / f"{doc_id}.json", {
            "u": f"{notice.key}/", "n": notice.label,
            "d": notice.date.strftime("%d/%m/%Y") if notice.date else "",
            "t": notice.title, "x": text})

    state = (ExportState.load(state_path, vocabulary)
             if state_path is not None and keys is not None else None)
    change = None
    if state is not None:
        change = state.update(keys, lambda key: _remembered(memo, key), analysis)
    if change is None:
        # From scratch: every notice analysed (memoised) and merged; its file written at once.
        merged, digests = Merged(), []
        for doc_id in range(n):   # doc id = archive order, newest first
            value = analysis(doc_id)
            merged.add(doc_id, value)
            digests.append(dump_document(doc_id, value[4]))
        state = ExportState(merged, list(keys or ()), 0, {}, digests)
    else:
        memo.keep(keys)   # analyses not read this time are still the archive's
        for doc_id, digest in enumerate(state.doc_digests):
            path = out_dir / "d" / f"{doc_id}.json"
            if digest is None or reuse is None or not reuse(path, digest):
                state.doc_digests[doc_id] = dump_document(doc_id, analysis(doc_id)[4])
    merged = state.merged
    terms = len(merged.words) + len(set(merged.sets) - set(merged.words))
    word_terms = set(merged.words)   # the weighted terms: the folded words the ranking reads
    shards = _write_shards(state, change, n, out_dir / "t", dump, reuse)
    if state_path is not None and keys is not None and (change is None or change.changed):
        state.save(state_path, vocabulary)
    _dump(out_dir / "vocab.json", _vocabulary(merged.body_df, merged.exact_df), write)
    facets = _Facets(linked, notices, owners)
    _dump(out_dir / "facets.json", facets.query_facets(), write)
    _dump(out_dir / "facets-page.json", facets.page_facets(), write)
    _dump(out_dir / "meta.json", {
        "v": FORMAT_VERSION, "n": n, "shards": shards, "spec": spec(),
        "years": facets.years, "issuers": facets.issuers,
        "types": [list(t) for t in facets.types],
        "topics": [[s, linked.topics[s].name, list(linked.topics[s].aliases)]
                   for s in facets.topic_slugs],
        "acronyms": acronym_table({s: {"name": t.name, "aliases": list(t.aliases)}
                                   for s, t in linked.topics.items()}),
        "thesaurus": for_vocabulary(archive_table(getattr(linked, "thesaurus", ())),
                                    word_terms),
    }, write)
    sizes = [p.stat().st_size for p in (out_dir / "t").iterdir()]
    return {"notices": n, "terms": terms, "shards": shards,
            "shard_max": max(sizes, default=0),
            "shard_avg": (sum(sizes) / len(sizes)) if sizes else 0,
            "index_bytes": sum(sizes),
            "facets": (out_dir / "facets.json").stat().st_size,
            "meta": (out_dir / "meta.json").stat().st_size,
            "vocab": (out_dir / "vocab.json").stat().st_size}


def _remembered(memo, key: str):
    """A notice's analysis as the memo holds it, or None."""
    return memo.get(key) if memo is not None else None


def _write_shards(state: ExportState, change: Update | None, n: int, folder: Path, dump,
                  reuse) -> int:
    """Hash every term into shards of about SHARD_TARGET_BYTES and write them; their count.
    A shard no changed term falls in keeps the bytes it had: linked from the published site."""
    words, sets = state.merged.words, state.merged.sets
    # A set-valued term of the same name as a word would win ("=", "#", ":" and the space of a
    # pair keep them apart in practice).
    terms = {term: False for term in words}
    terms.update(dict.fromkeys(sets, True))
    total = sum(_encoded_size(t, sets[t] if is_set else words[t], n, not is_set)
                for t, is_set in terms.items())
    shards = 8
    while total / shards > SHARD_TARGET_BYTES and shards < 65536:
        shards *= 2
    if change is None or change.everything or shards != state.shards:
        dirty = None   # every shard
    else:
        dirty = {fnv1a(term) % shards for term in change.terms}
    buckets: dict[int, list[str]] = defaultdict(list)
    for term in terms:
        buckets[fnv1a(term) % shards].append(term)
    digests: dict[int, str] = {}
    for h, bucket in buckets.items():
        path = folder / f"{h}.json"
        known = state.shard_digests.get(h)
        if (dirty is not None and h not in dirty and known is not None and reuse is not None
                and reuse(path, known)):
            digests[h] = known
            continue
        shard = {}
        for term in sorted(bucket):                              # same bytes each build
            is_set = terms[term]
            shard[term] = _encode((sets if is_set else words)[term], n, not is_set)
        digests[h] = dump(path, shard)
    state.shards, state.shard_digests = shards, digests
    return shards


def _vocabulary(body_df: Counter, exact_df: Counter) -> list:
    """Did-you-mean: the body's vocabulary with document counts and the most frequent accented
    form (what the CLI reads from its index)."""
    accented: dict[str, tuple[int, str]] = {}
    for form, df in exact_df.items():
        plain = forms(form)[1]
        if plain not in accented or (-df, form) < (-accented[plain][0], accented[plain][1]):
            accented[plain] = (df, form)
    return [[w, df] + ([accented[w][1]] if w in accented else [])
            for w, df in sorted(body_df.items()) if any(ch.isalpha() for ch in w)]


class _Facets:
    """Each notice's year, topics, issuer, type, signer and task agencies, as column indexes."""

    def __init__(self, linked: LinkedArchive, notices, owners: list[list[str]]):
        self.linked, self.notices, self.owners = linked, notices, owners
        self.topic_slugs = sorted(linked.topics)
        self.years = sorted({n.year for n in notices if n.year}, reverse=True)
        self.issuers = sorted({n.issuer for n in notices if n.issuer})
        self.types = sorted({(n.type, n.type_name) for n in notices})
        signers: dict[str, str] = {}               # names differing in tone placement are one
        keys: dict[str, str] = {}                  # a few signers sign thousands of notices
        self.signer_of: list[str | None] = []
        for notice in notices:
            name = notice.signer.name if notice.signer else None
            if name:
                key = keys.get(name)
                if key is None:
                    key = keys[name] = canonical(name)
                signers.setdefault(key, name)
            self.signer_of.append(keys[name] if name else None)
        self.signers = signers
        self.signer_keys = sorted(signers, key=lambda k: signers[k])

    def query_facets(self) -> dict:
        """What every query may need (year: and topic: clauses) apart from what only the
        results page's facets need, so the header box never downloads signers and issuers per
        notice."""
        topic_idx = {s: i for i, s in enumerate(self.topic_slugs)}
        year_idx = {y: i for i, y in enumerate(self.years)}
        return {
            "y": _column([year_idx.get(n.year, -1) for n in self.notices], len(self.years)),
            "t": _lists([[topic_idx[s] for s in n.topics if s in topic_idx]
                         for n in self.notices], len(self.topic_slugs)),
        }

    def page_facets(self) -> dict:
        """The results page's facets; lead agencies of each notice's tasks (the register's
        agency pages) are a facet of their own."""
        notices, owners = self.notices, self.owners
        agency_keys = sorted({k for keys in owners for k in keys})
        agency_idx = {k: i for i, k in enumerate(agency_keys)}
        agency_names = []
        for key in agency_keys:
            agency = self.linked.agencies.get(key)
            agency_names.append([key, agency.name if agency else key])
        issuer_idx = {s: i for i, s in enumerate(self.issuers)}
        type_idx = {t: i for i, (t, _) in enumerate(self.types)}
        signer_idx = {k: i for i, k in enumerate(self.signer_keys)}
        return {
            "a": _lists([[agency_idx[k] for k in keys] for keys in owners], len(agency_keys)),
            "agencies": agency_names,
            "i": _column([issuer_idx.get(n.issuer, -1) for n in notices], len(self.issuers)),
            "k": _column([type_idx[n.type] for n in notices], len(self.types)),
            "s": _column([signer_idx.get(k, -1) if k is not None else -1
                          for k in self.signer_of],
                         len(self.signer_keys)),
            "signers": [self.signers[k] for k in self.signer_keys],
        }


def query_files(parsed, shards: int) -> list[str]:
    """The files of the export one query needs before showing results (as na-search.js
    fetches them): meta, the shard of every term it looks up, and facets for year: and topic:.
    For bench/ figures."""
    terms: dict[str, None] = {}
    for c in parsed.clauses:
        kind = c.kind if c.kind != "field" else prefixes_kind(c.field)
        if c.kind == "word":
            terms[c.words[0]] = None
            if is_digits(c.words[0]):
                terms["#" + c.words[0]] = None
        elif c.kind == "phrase":
            terms.update(dict.fromkeys(c.words))
        elif kind == "number":
            terms.update(dict.fromkeys("#" + k for k in number_query_keys(c.value)))
            if c.kind == "number" and len(c.words) > 1:
                terms.update(dict.fromkeys(c.words))
                terms.update(dict.fromkeys(f"{a} {b}" for a, b in zip(c.words, c.words[1:])))
        elif kind in ("topic", "words"):
            terms.update(dict.fromkeys(f"{c.field}:{w}" for w in c.words))
        terms.update(dict.fromkeys("=" + accent_key(t) for t, f in zip(c.typed, c.words)
                                   if t != f))
    terms.update(dict.fromkeys(f"{a} {b}" for a, b in parsed.pairs()))
    shard_files = dict.fromkeys(f"t/{fnv1a(t) % shards}.json" for t in terms)
    needs_facets = any(c.kind == "field" and prefixes_kind(c.field) in ("year", "topic")
                       for c in parsed.clauses)
    return ["meta.json", *(["facets.json"] if needs_facets else []), *shard_files]


class ExportedIndex:
    """The exported index read back in Python (ranking.Source): what the site's script sees.
    Tests and bench/ rank with it to compare the browser's answers with the CLI's without a
    browser; na-search.js reads the same files the same way."""

    def __init__(self, out_dir: Path):
        self.dir = Path(out_dir)
        self.meta = json.loads((self.dir / "meta.json").read_text(encoding="utf-8"))
        facets = json.loads((self.dir / "facets.json").read_text(encoding="utf-8"))
        self.n = self.meta["n"]
        self.topics = {s: {"name": name, "aliases": aliases}
                       for s, name, aliases in self.meta["topics"]}
        self.acronyms = {k: tuple(v) for k, v in self.meta["acronyms"].items()}
        self.thesaurus = self.meta.get("thesaurus", {})
        self.topic_of = [[self.meta["topics"][i][0] for i in ids]
                         for ids in _unlists(facets["t"])]
        self.year_of = [self.meta["years"][i] if i >= 0 else None
                        for i in _uncolumn(facets["y"])]
        self._shards: dict[int, dict] = {}

    def _raw(self, term: str):
        h = fnv1a(term) % self.meta["shards"]
        if h not in self._shards:
            path = self.dir / "t" / f"{h}.json"
            self._shards[h] = (json.loads(path.read_text(encoding="utf-8"))
                               if path.exists() else {})
        return self._shards[h].get(term)

    def _decode(self, term: str, weighted: bool) -> dict[int, int]:
        raw = self._raw(term)
        if raw is None:
            return {}
        if isinstance(raw, str):
            bits = base64.b64decode(raw)
            flat = spec()["ranking"]["common_weight"]
            return {i: flat for i in range(len(bits) * 8) if bits[i >> 3] >> (i & 7) & 1}
        out, doc_id, step = {}, 0, 2 if weighted else 1
        for i in range(0, len(raw), step):
            doc_id += raw[i]
            out[doc_id] = raw[i + 1] if weighted else 1
        return out

    def word(self, folded):
        return self._decode(folded, True)

    def pair(self, a, b, within=None):
        return set(self._decode(f"{a} {b}", False))

    def phrase(self, words):
        sets = [set(self.word(w)) for w in words]
        sets += [self.pair(a, b) for a, b in zip(words, words[1:])]
        return ranking.intersect(sets)

    def exact(self, typed):
        return set(self._decode("=" + accent_key(typed), False))

    def number(self, key):
        return set(self._decode("#" + key, False))

    def field_word(self, name, word):
        return set(self._decode(f"{name}:{word}", False))

    def topic(self, slugs):
        slugs = set(slugs)
        return {d for d, ts in enumerate(self.topic_of) if slugs & set(ts)}

    def year(self, year):
        return {d for d, y in enumerate(self.year_of) if str(y) == year}

    def order(self, doc):
        return doc

    def vocabulary(self):
        vocab = json.loads((self.dir / "vocab.json").read_text(encoding="utf-8"))
        return [(v[0], v[1], v[2] if len(v) > 2 else v[0]) for v in vocab]


def _uncolumn(value) -> list[int]:
    if not isinstance(value, str):
        return value
    return [SYMBOLS.index(ch) if ch != NONE else -1 for ch in value]


def _unlists(value) -> list[list[int]]:
    if not isinstance(value, str):
        return value
    return [[SYMBOLS.index(ch) for ch in part] for part in value.split(",")]


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


class IndexInBackground(InBackground):
    """Update the Whoosh index in another process while mkdocs renders pages in this one."""

    def __init__(self, linked: LinkedArchive, cache_dir: Path, notices_dir: Path | None):
        state = source_state(notices_dir) if notices_dir else None
        super().__init__(_update_index, (linked, cache_dir, state), "notice-archive-index",
                         "lập chỉ mục tìm kiếm thất bại")


def _update_index(linked, cache_dir, state) -> None:
    # One process: the other core is rendering pages meanwhile.
    update_index(linked, cache_dir, state=state, procs=1)


class ExportInBackground(InBackground):
    """Write the browser index in another process while mkdocs renders pages in this one; its
    per-notice analysis is most of the work of a cold export. `wait` returns what the child's
    writer recorded (file → digest), for the render manifest."""

    def __init__(self, linked: LinkedArchive, out_dir: Path, cache_dir: Path, render_state):
        super().__init__(export_into, (linked, out_dir, cache_dir, render_state),
                         "notice-archive-export", "xuất chỉ mục tìm kiếm cho trình duyệt thất bại")


def export_into(linked, out_dir, cache_dir, render_state=None) -> dict[str, str]:
    """The browser index into `out_dir`, with the per-notice analysis memoised in the cache
    (one memo per profile: a public build's holds nothing of notices it withholds)."""
    memo = EncodedMemo(cache_dir, linked.profile.cache_file("search-export"), encode_analysis,
                       decode_analysis)
    write = reuse = state_path = None
    if render_state is not None:
        # The merged postings serve only a build that can link unchanged files from the
        # published site; elsewhere (`serve`) each file is written anyway.
        write, reuse = render_state.writer(out_dir.parent), render_state.reuser(out_dir.parent)
        state_path = cache_dir / linked.profile.cache_file("search-export-state")
    export(linked, out_dir, memo=memo, write=write, state_path=state_path, reuse=reuse)
    memo.save()
    return dict(render_state.files) if render_state is not None else {}
