"""The browser index's merged postings, kept between builds so an edit costs what it touches.

A cold export analyses every notice and merges the analyses into postings (term → ascending
doc ids, with weights for words). Decoding every notice's analysis again from the memo and
merging it was most of an edit build's export (profile in
docs/handbook/development/performance.md), so the merged postings are kept in the cache with
what they were made from: the analysis key of each doc id, the body's document counts, and the
digest of each shard and notice file written. The next export compares the archive's keys with
them: a notice gone has its postings taken out (its analysis read back from the memo), a new or
changed one is put in, and when an add or a remove shifted the ids of the others, they are
renumbered. The caller then encodes only the shards holding a changed term (all of them when
ids or the shard count moved) and links the rest from the published site by digest, so the
files are the bytes a cold export of the same archive writes (tests/test_export_state.py).
"""

from __future__ import annotations

import base64
import sys
from array import array
from collections import Counter
from pathlib import Path
from typing import Callable

from .. import authenticated
from ..cache import code_identity

STATE_FORMAT = 1
# Past this share of changed notices, renumbering and patching costs about what merging every
# analysis afresh does: the caller starts from scratch instead.
MAX_CHANGED_SHARE = 0.25


class Merged:
    """Every notice's terms merged: what the shards are encoded from."""

    def __init__(self) -> None:
        # Postings as 4-byte machine integers (doc id, weight, doc id, weight, …), not tuples
        # of Python ints: a tenth of the memory, and what the whole archive's postings need.
        self.words: dict[str, array] = {}
        self.sets: dict[str, array] = {}
        self.body_df: Counter = Counter()
        self.exact_df: Counter = Counter()

    def add(self, doc_id: int, analysis) -> None:
        """Append one notice's terms (doc ids must come in ascending order)."""
        weights, keys, body_exact, body_folded, _ = analysis
        words, sets = self.words, self.sets
        for word, weight in weights.items():
            plist = words.get(word)
            if plist is None:
                plist = words[word] = array("I")
            plist.append(doc_id)
            plist.append(weight)
        for key in keys:
            plist = sets.get(key)
            if plist is None:
                plist = sets[key] = array("I")
            plist.append(doc_id)
        self.body_df.update(body_folded)
        self.exact_df.update(body_exact)


class ExportState:
    """Merged postings with the keys of the notices they hold and the digests of the files
    written from them; `None` from `load` when there is none usable."""

    def __init__(self, merged: Merged, keys: list[str], shards: int,
                 shard_digests: dict[int, str], doc_digests: list[str | None]):
        self.merged, self.keys, self.shards = merged, keys, shards
        self.shard_digests, self.doc_digests = shard_digests, doc_digests

    @staticmethod
    def identity(vocabulary: str) -> list:
        # Machine integers are stored as bytes: the byte order is part of what they mean.
        return [STATE_FORMAT, code_identity(), sys.byteorder, array("I").itemsize, vocabulary]

    @classmethod
    def load(cls, path: Path, vocabulary: str) -> "ExportState | None":
        data = authenticated.read_json(path)
        if not isinstance(data, dict) or data.get("key") != cls.identity(vocabulary):
            return None
        try:
            merged = Merged()
            merged.words = _unpack(data["words"], data["word_postings"], data["word_lengths"])
            merged.sets = _unpack(data["sets"], data["set_postings"], data["set_lengths"])
            merged.body_df = Counter(data["body_df"])
            merged.exact_df = Counter(data["exact_df"])
            keys = list(data["keys"])
            digests = list(data["doc_digests"])
            if len(digests) != len(keys):
                return None
            return cls(merged, keys, int(data["shards"]),
                       {int(h): d for h, d in data["shard_digests"].items()}, digests)
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, path: Path, vocabulary: str) -> None:
        m = self.merged
        words, word_postings, word_lengths = _pack(m.words)
        sets, set_postings, set_lengths = _pack(m.sets)
        try:
            authenticated.write_json(path, {
                "key": self.identity(vocabulary), "keys": self.keys, "shards": self.shards,
                "shard_digests": {str(h): d for h, d in sorted(self.shard_digests.items())},
                "doc_digests": self.doc_digests,
                "body_df": dict(m.body_df), "exact_df": dict(m.exact_df),
                "words": words, "word_postings": word_postings, "word_lengths": word_lengths,
                "sets": sets, "set_postings": set_postings, "set_lengths": set_lengths})
        except OSError:
            pass  # a read-only or full disk costs a whole export next time, never a wrong file

    def update(self, keys: list[str], old_analysis: Callable[[str], tuple | None],
               new_analysis: Callable[[int], tuple]) -> "Update | None":
        """Bring the postings from `self.keys` to `keys` (doc id order). `old_analysis(key)`:
        a notice's analysis as it was merged (None when no longer known), `new_analysis(doc_id)`:
        the analysis of the notice now at that id. None when starting afresh is the way: keys
        not unique, kept notices reordered, an analysis gone, too much changed."""
        old = self.keys
        old_index = {k: i for i, k in enumerate(old)}
        new_index = {k: i for i, k in enumerate(keys)}
        if len(old_index) != len(old) or len(new_index) != len(keys):
            return None
        mapping = [new_index.get(k, -1) for k in old]        # old id → new id, -1: gone
        kept = [i for i in mapping if i >= 0]
        if any(b <= a for a, b in zip(kept, kept[1:])):
            return None
        removed = [k for k in old if k not in new_index]
        added = [i for i, k in enumerate(keys) if k not in old_index]
        if len(removed) + len(added) > MAX_CHANGED_SHARE * max(len(keys), 1):
            return None
        gone = [old_analysis(k) for k in removed]
        if any(a is None for a in gone):
            return None
        came = [(i, new_analysis(i)) for i in added]
        m = self.merged
        shifted = any(new != old_id for old_id, new in enumerate(mapping) if new >= 0)
        # The postings taken out and put in; without a shift ids mean the same before and
        # after, so what is both taken out and put in (most terms of an edited notice) cancels
        # and its shard keeps its bytes.
        out_words = {(w, old_index[k], wt) for k, a in zip(removed, gone) for w, wt in a[0].items()}
        in_words = {(w, i, wt) for i, a in came for w, wt in a[0].items()}
        out_sets = {(s, old_index[k]) for k, a in zip(removed, gone) for s in a[1]}
        in_sets = {(s, i) for i, a in came for s in a[1]}
        if shifted:
            touched_words = {e[0] for e in out_words | in_words}
            touched_sets = {e[0] for e in out_sets | in_sets}
        else:
            touched_words = {e[0] for e in out_words ^ in_words}
            touched_sets = {e[0] for e in out_sets ^ in_sets}
        if shifted:
            # Every list holding a notice whose id moved is renumbered; the order is kept.
            for word, plist in m.words.items():
                if word not in touched_words:
                    plist[0::2] = array("I", [mapping[i] for i in plist[0::2]])
            for key, plist in m.sets.items():
                if key not in touched_sets:
                    m.sets[key] = array("I", [mapping[i] for i in plist])
        added_words: dict[str, list[tuple[int, int]]] = {}
        added_sets: dict[str, list[int]] = {}
        for doc_id, analysis in came:
            for word, weight in analysis[0].items():
                added_words.setdefault(word, []).append((doc_id, weight))
            for key in analysis[1]:
                added_sets.setdefault(key, []).append(doc_id)
        for word in touched_words:
            plist = m.words.get(word, array("I"))
            pairs = [(mapping[plist[j]], plist[j + 1]) for j in range(0, len(plist), 2)
                     if mapping[plist[j]] >= 0]
            pairs += added_words.get(word, [])
            if pairs:
                pairs.sort()
                m.words[word] = array("I", [x for pair in pairs for x in pair])
            else:
                m.words.pop(word, None)
        for key in touched_sets:
            ids = [mapping[i] for i in m.sets.get(key, ()) if mapping[i] >= 0]
            ids += added_sets.get(key, [])
            if ids:
                ids.sort()
                m.sets[key] = array("I", ids)
            else:
                m.sets.pop(key, None)
        for analysis in gone:
            m.body_df.subtract(analysis[3])
            m.exact_df.subtract(analysis[2])
        for _, analysis in came:
            m.body_df.update(analysis[3])
            m.exact_df.update(analysis[2])
        for counts in (m.body_df, m.exact_df):
            for word in [w for w, c in counts.items() if c <= 0]:
                del counts[word]
        # A notice file keeps its bytes under its new id: its digest follows it.
        digests: list[str | None] = [None] * len(keys)
        for old_id, new in enumerate(mapping):
            if new >= 0:
                digests[new] = self.doc_digests[old_id]
        self.keys, self.doc_digests = list(keys), digests
        return Update(shifted or len(old) != len(keys), touched_words | touched_sets,
                      bool(removed or added))


class Update:
    """What an update changed: `everything` when ids or the count moved (every shard's bytes
    may differ), else only the shards of `terms`; `changed`: anything at all."""

    def __init__(self, everything: bool, terms: set[str], changed: bool):
        self.everything, self.terms, self.changed = everything, terms, changed


def _pack(postings: dict[str, array]) -> tuple[list[str], str, str]:
    """Terms, their postings one after another, and each one's length (base64 of the bytes):
    decoding a JSON list of millions of numbers would cost what the state saves."""
    terms = list(postings)
    lengths = array("I", [len(postings[t]) for t in terms])
    flat = array("I")
    for t in terms:
        flat.extend(postings[t])
    return (terms, base64.b64encode(flat.tobytes()).decode("ascii"),
            base64.b64encode(lengths.tobytes()).decode("ascii"))


def _unpack(terms: list[str], packed: str, packed_lengths: str) -> dict[str, array]:
    flat, lengths = array("I"), array("I")
    flat.frombytes(base64.b64decode(packed, validate=True))
    lengths.frombytes(base64.b64decode(packed_lengths, validate=True))
    if len(lengths) != len(terms) or sum(lengths) != len(flat):
        raise ValueError("postings do not match their terms")
    out, start = {}, 0
    for term, length in zip(terms, lengths):
        if not isinstance(term, str) or not length:
            raise ValueError("not a term")
        out[term] = flat[start:start + length]
        start += length
    return out
