"""Per-file memo of the load and validate stages, so unchanged notices are not parsed again.

A file is unchanged when its size and modification time (ns) match what was recorded, as git's
index does. The cache is one JSON file under the cache folder (data only: loading it runs no
code, unlike pickle), authenticated with the user's key and written atomically; it is safe to
delete at any time (the next run rebuilds it), and any cache that cannot be read, fails its
check or comes from another version of the generator is ignored. Secret notices are not cached.

Each memo file also records where each entry's bytes lie in it, so a save after an edit copies
the unchanged entries' bytes from the file instead of encoding every entry again (`_Spans`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from . import __version__
from . import authenticated
from .codec import decode_result, encode_result
from .processes import context
from .text import nfc

CACHE_FORMAT = 2
PARALLEL_THRESHOLD = 400   # below this, starting worker processes costs more than it saves
WORKERS = min(2, os.cpu_count() or 1)

Result = tuple  # (Notice | None, list[Diagnostic]) for one file


@functools.cache
def code_identity() -> str:
    """The generator's own code, by version and by each source file's size and mtime.

    Caches keyed on this are dropped whenever the rules or renderers change, also between
    releases (a developer's edit, an upgrade): a stale verdict is worse than a slow one.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".html", ".css", ".js") and "__pycache__" not in path.parts:
            st = path.stat()
            digest.update(f"{path.relative_to(package)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# What this process last read from or wrote to each memo file, decoded, with that file's
# identity and where its entries' bytes lie: a long-lived process (`serve`, after each save)
# decodes a memo again only when another process has rewritten it. Copied on the way out:
# callers change their copy.
_DECODED: dict[Path, tuple[tuple, object, dict, "_Spans"]] = {}


def _file_id(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


class _Spans:
    """Where each entry's encoded value lies in one memo file (offsets in its JSON body), and
    that file's identity. A save copies the bytes of the entries that did not change from that
    file instead of encoding them again: an edit changes one entry of thousands, and encoding
    every one cost seconds of each build (docs/handbook/development/performance.md)."""

    def __init__(self, ident: tuple | None = None, spans: dict | None = None):
        self.ident = ident
        self.spans: dict[str, tuple[int, int]] = spans or {}

    @classmethod
    def of(cls, ident, stored: dict) -> "_Spans":
        """The spans a memo file records about itself; none when absent or malformed (a file
        written by an earlier version: its entries are encoded again, once)."""
        spans = stored.get("spans")
        if ident is None or not isinstance(spans, dict):
            return cls()
        size = ident[0] - authenticated.BODY_START
        for span in spans.values():
            if not (isinstance(span, list) and len(span) == 2
                    and all(type(n) is int and n >= 0 for n in span)
                    and span[0] + span[1] <= size):
                return cls()
        return cls(tuple(ident), spans)

    def only(self, keys) -> "_Spans":
        """These spans, limited to `keys` (the entries still as the file holds them)."""
        return _Spans(self.ident, {k: self.spans[k] for k in keys if k in self.spans})


def _recall(path: Path | None, key) -> tuple[dict, _Spans] | None:
    held = _DECODED.get(path) if path else None
    if held is not None and held[0] == _file_id(path) and held[1] == key:
        return dict(held[2]), held[3]
    return None


def _remember(path: Path | None, key, entries: dict, spans: _Spans,
              ident: tuple | None = None) -> None:
    if path:
        _DECODED[path] = (ident or _file_id(path), key, dict(entries), spans)


# Memo files whose writing is put off until `write_deferred` (path → writer), or None.
_deferred: dict[Path, Callable[[], None]] | None = None


def defer_writes() -> None:
    """Keep memos in memory and write them once, at `write_deferred`, not at every run.

    For a long-lived process (`serve` takes in each save by running the pipeline again):
    re-encoding every entry costs seconds at 10,000 notices. A memo is only a head start, so
    one never written (the process killed) costs speed once, never a wrong result.
    """
    global _deferred
    if _deferred is None:
        _deferred = {}


def write_deferred() -> None:
    global _deferred
    pending, _deferred = _deferred or {}, None
    for write in pending.values():
        write()


def _write(path: Path, key, entries: dict, encode: Callable[[str, object], object],
           unchanged: _Spans) -> None:
    """Write a memo file now, or when deferred writes are flushed (the latest per file).

    `encode(k, value)`: an entry's JSON data; `unchanged`: the entries whose bytes are copied
    from the file they were read from (when that file is still the one on disk)."""
    def write() -> None:
        spans: dict[str, tuple[int, int]] = {}
        try:
            ident = authenticated.write_chunks(
                path, _memo_chunks(path, key, entries, encode, unchanged, spans))
        except OSError:
            return  # a read-only or full disk only costs speed next time
        _remember(path, key, entries, _Spans(ident, spans), ident)

    if _deferred is not None:
        # This process reads its own latest entries back; until the file is written, only
        # those still as in the file on disk may be copied from it.
        _remember(path, key, entries, unchanged)
        _deferred[path] = write
    else:
        write()


def _memo_chunks(path: Path, key, entries: dict, encode, unchanged: _Spans, spans: dict):
    """The JSON of a memo file, a part at a time: {"key":…,"entries":{…},"spans":{…}}, each
    entry's bytes copied from the file on disk when it holds them, else encoded; `spans` is
    filled with where each entry's bytes lie in the new file."""
    dumps = authenticated._dumps
    source = None
    if unchanged.spans:
        try:
            source = open(path, "rb")
            st = os.fstat(source.fileno())
            if (st.st_size, st.st_mtime_ns, st.st_ino) != unchanged.ident:
                source.close()   # rewritten since it was read: every entry is encoded
                source = None
        except OSError:
            source = None
    try:
        head = b'{"key":' + dumps(key) + b',"entries":{'
        yield head
        offset = len(head)
        for i, (k, value) in enumerate(entries.items()):
            prefix = (b"," if i else b"") + dumps(k) + b":"
            data = None
            span = unchanged.spans.get(k) if source is not None else None
            if span is not None:
                source.seek(authenticated.BODY_START + span[0])   # (no os.pread on Windows)
                data = source.read(span[1])
                if len(data) != span[1]:
                    data = None
            if data is None:
                data = dumps(encode(k, value))
            spans[k] = (offset + len(prefix), len(data))
            offset += len(prefix) + len(data)
            yield prefix + data
        yield b'},"spans":' + dumps(spans) + b"}"
    finally:
        if source is not None:
            source.close()


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class DocumentCache:
    def __init__(self, cache_dir: Path | None, name: str = "documents.json", context: str = ""):
        """`context`: anything else the per-file results depend on (a change drops them all)."""
        self.path = cache_dir / name if cache_dir else None
        self.key = [CACHE_FORMAT, code_identity(), hashlib.sha256(context.encode()).hexdigest()]
        self.entries: dict[str, tuple] = {}
        self.spans = _Spans()          # where unchanged entries lie in the file read
        self.changed: set[str] = set()
        self.dirty = False
        recalled = _recall(self.path, self.key)
        if recalled is not None:
            self.entries, self.spans = recalled
            return
        stored, ident = (authenticated.read_json_with_id(self.path) if self.path
                         else (None, None))
        if isinstance(stored, dict) and stored.get("key") == self.key:
            try:
                self.entries = {rel: (tuple(sig), decode_result(result))
                                for rel, (sig, result) in stored["entries"].items()}
                self.spans = _Spans.of(ident, stored)
                _remember(self.path, self.key, self.entries, self.spans, ident)
            except Exception:  # a damaged cache is only a missed optimisation
                self.entries, self.spans = {}, _Spans()

    def map(self, paths: list[Path], root: Path, work: Callable[[Path, Path], Result]) -> list[Result]:
        """work(path, root) for every path, from the cache where the file has not changed."""
        results: dict[str, Result] = {}
        misses: list[tuple[str, Path, tuple]] = []
        seen = set()
        for path in paths:
            rel = _rel(path, root)
            seen.add(rel)
            sig = _signature(path)
            entry = self.entries.get(rel)
            if entry is not None and sig is not None and entry[0] == sig:
                results[rel] = entry[1]
            else:
                misses.append((rel, path, sig))
        if misses:
            computed = _compute([p for _, p, _ in misses], root, work)
            for (rel, _, sig), result in zip(misses, computed):
                results[rel] = result
                self.changed.add(rel)
                if sig is not None and not _is_secret(result):
                    self.entries[rel] = (sig, result)
                else:
                    self.entries.pop(rel, None)
            self.dirty = True
        stale = set(self.entries) - seen
        for rel in stale:
            del self.entries[rel]
        self.dirty = self.dirty or bool(stale)
        return [results[_rel(p, root)] for p in paths]

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        entries = dict(self.entries)
        self.dirty = False
        _write(self.path, self.key, entries,
               lambda rel, entry: [list(entry[0]), encode_result(entry[1])],
               self.spans.only(set(entries) - self.changed))


def _is_secret(result: Result) -> bool:
    """Secret notices are never written to disk by us, not even to a cache: re-read each time."""
    notice = result[0]
    return notice is not None and notice.classification == "secret"


def _rel(path: Path, root: Path) -> str:
    try:
        return nfc(path.relative_to(root).as_posix())
    except ValueError:
        return nfc(path.as_posix())


def _compute(paths: list[Path], root: Path, work) -> list[Result]:
    if len(paths) < PARALLEL_THRESHOLD or WORKERS < 2:
        return [work(p, root) for p in paths]
    with ProcessPoolExecutor(WORKERS, mp_context=context()) as pool:
        chunk = max(16, len(paths) // (WORKERS * 8))
        return list(pool.map(work, paths, [root] * len(paths), chunksize=chunk))


class Memo(dict):
    """A persisted map content digest → derived value (what a body mentions, …).

    Entries not used by a run are dropped when it saves, so the memo tracks the archive.
    `encode`/`decode` turn a value into JSON data and back.
    """

    def __init__(self, cache_dir: Path | None, name: str,
                 encode: Callable = lambda v: v, decode: Callable = lambda v: v):
        super().__init__()
        self.path = cache_dir / name if cache_dir else None
        self.encode = encode
        self.used: set = set()
        self.stored: dict = {}
        self.spans = _Spans()          # where stored entries lie in the file read
        self.key = [CACHE_FORMAT, code_identity()]
        recalled = _recall(self.path, self.key)
        if recalled is not None:
            self.stored, self.spans = recalled
            return
        stored, ident = (authenticated.read_json_with_id(self.path) if self.path
                         else (None, None))
        if isinstance(stored, dict) and stored.get("key") == self.key:
            try:
                self.stored = {k: decode(v) for k, v in stored["entries"].items()}
                self.spans = _Spans.of(ident, stored)
                _remember(self.path, self.key, self.stored, self.spans, ident)
            except Exception:
                self.stored, self.spans = {}, _Spans()

    def get(self, key, default=None):
        self.used.add(key)
        if key in self:
            return self[key]
        return self.stored.get(key, default)

    def keep(self, keys) -> None:
        """Keep these entries on `save` though this run did not read them."""
        self.used.update(keys)

    def save(self) -> None:
        entries = {k: self[k] if k in self else self.stored[k] for k in self.used
                   if k in self or k in self.stored}
        if not self.path or (entries.keys() == self.stored.keys() and not len(self)):
            return
        # A value set in this run is encoded; one read from the file is copied from it.
        _write(self.path, self.key, entries, lambda k, v: self.encode(v),
               self.spans.only(k for k in entries if k not in self))


class EncodedMemo(Memo):
    """A Memo whose entries stay encoded in memory, each a compressed JSON text, decoded at
    every `get`.

    For large values read once a run: a notice's search analysis takes ~135 KB decoded (dicts
    and sets of short strings) against ~5 KB compressed, and an archive's worth held decoded
    was most of a build's peak memory. The texts are ASCII, one byte a character in memory.
    """

    def __init__(self, cache_dir: Path | None, name: str, encode: Callable, decode: Callable):
        super().__init__(cache_dir, name)  # the file's entries are the texts themselves
        self.encode_value, self.decode_value = encode, decode

    def get(self, key, default=None):
        text = super().get(key)
        if text is None:
            return default
        try:
            return self.decode_value(json.loads(zlib.decompress(base64.b64decode(text))))
        except (TypeError, ValueError, zlib.error):  # not a text of ours: computed again
            return default

    def __setitem__(self, key, value) -> None:
        data = json.dumps(self.encode_value(value), ensure_ascii=False, separators=(",", ":"))
        # Level 1: most of the saving at a fraction of the time of the default level.
        super().__setitem__(key, base64.b64encode(zlib.compress(data.encode(), 1)).decode())
