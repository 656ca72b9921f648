"""The index stage: LinkedArchive → a Whoosh index under <cache>/index/<profile>/, incremental
and never half-written.

Layout: `<profile>/CURRENT` names the live generation folder `gen-*`, which holds the Whoosh
index, `digests.json` (notice key → fingerprint of what its document reads, and its order
value) and `manifest.json` (versions, the sources' fingerprint, topics and agency names). An
update changes only the notices whose fingerprint or order changed, in one Whoosh commit
(Whoosh writes new segments, then renames a new table of contents into place: a killed writer
leaves the previous commit searchable). A new schema/analyzer version or another profile
build a fresh generation, and CURRENT is switched to it with one atomic rename.

Whoosh unpickles its table of contents and stored fields, and unpickling runs code: every
generation is sealed after each commit (an HMAC of each of its files with the user's key, see
generator/authenticated.py) and opened only after the seal verifies. One that does not verify
(planted, damaged, another user's) is discarded and rebuilt, with one line saying so. Files a
killed writer added after the last seal are deleted unread (under the lock), so the previous
commit stays searchable.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from whoosh import index as windex

from .. import authenticated
from ..thesaurus import archive_table
from ..lockfile import locked
from ..processes import start_method
from ..model import Notice, Topic
from ..profiles import Profile, get_profile
from ..text import fold, nfc
from .analysis import folded_words, initials, plain_text
from .query import field_value, fold_number, word_fields
from .schema import VERSION, build_schema
from .spill import use_block_pool

if TYPE_CHECKING:   # the searcher imports this module: it must not load the link stage
    from ..link import LinkedArchive

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
# Notice key → content digest, apart from the manifest: every search reads the manifest (its
# freshness fingerprint, topics, agencies), and at 10,000 notices the digests were 4 MB of it.
DIGESTS = "digests.json"
INDEX_NAME = "MAIN"


def index_root(cache_dir: Path, profile: Profile | str) -> Path:
    return Path(cache_dir) / get_profile(profile).cache_folder("index")


@dataclass(frozen=True)
class IndexStats:
    profile: str
    path: Path
    added: int
    updated: int
    removed: int
    total: int
    rebuilt: bool
    seconds: float

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


def current_generation(root: Path) -> Path | None:
    """The live generation folder, judged by names only (nothing in it is read: see `authentic`)."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    gen = root / name
    if (name.startswith("gen-") and "/" not in name and "\\" not in name and ".." not in name
            and gen.is_dir() and not gen.is_symlink() and (gen / MANIFEST).is_file()
            and any(gen.glob(f"_{INDEX_NAME}_*.toc"))):
        return gen
    return None


# Whoosh's lock file of a writer in progress: not part of the index.
_UNSEALED = frozenset({f"{INDEX_NAME}_WRITELOCK"})


def authentic(gen: Path, prune: bool = False) -> bool:
    """True when every file of the generation is one this user's runs wrote (see module doc).

    prune: delete files added since the seal (what a killed writer leaves) instead of failing;
    only while holding the index lock, when no writer can be adding them.
    """
    return authenticated.verify(gen, _UNSEALED, prune=prune, memo=True)


def seal(gen: Path) -> None:
    # With verify's memo: the first search after a build would otherwise hash the whole
    # index again (~145 MB at 10,000 notices) to learn what the build has just hashed.
    authenticated.seal(gen, _UNSEALED, memo=True)


def read_manifest(gen: Path) -> dict:
    try:
        return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _read_digests(gen: Path) -> dict[str, list]:
    """The fingerprints of the indexed notices (`fingerprints`, then the order value)."""
    try:
        data = json.loads((gen / DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}   # unreadable: every notice is indexed again (update_document replaces)
    return dict(data) if isinstance(data, dict) else {}


def _write_json_atomic(path: Path, data) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def index_lock(root: Path) -> Iterator[None]:
    """One indexer per profile at a time; a second waits (indexing takes seconds, not hours)."""
    with locked(root / ".lock"):
        yield


def topics_data(topics: Mapping[str, Topic]) -> dict:
    """What the searcher needs of topics.yml: names for facets and acronyms as synonyms."""
    return {slug: {"name": t.name, "aliases": list(t.aliases)} for slug, t in topics.items()}


def _topics_digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()[:16]


def notice_digest(notice: Notice) -> str:
    # The source path is shown in results, so a moved file is a changed document.
    return f"{notice.digest}:{notice.source}"


def _topic_text(notice: Notice, topics: Mapping[str, Topic]) -> str:
    parts = []
    for slug in notice.topics:
        topic = topics.get(slug)
        if topic is None:
            continue
        parts.append(topic.name)
        parts.extend(topic.aliases)
        parts.append(initials(topic.name))
        parts.extend(initials(a) for a in topic.aliases if len(a.split()) > 1)
    return " · ".join(parts)


def acronyms_in(notice: Notice, topics: Mapping[str, Topic],
                words: list[str] | None = None) -> list[str]:
    """Initials of every topic name/alias the notice spells out ("phòng cháy, chữa cháy" →
    "pccc"), so the acronym finds notices that never use it, tagged with the topic or not.
    `words`: the folded words of title and body, when the caller has them already."""
    if words is None:
        words = folded_words(notice.title + " " + notice.body)
    text = " " + " ".join(words) + " "
    return sorted({key for phrase, key in _alias_phrases(tuple(topics.values()))
                   if phrase in text})


@lru_cache(maxsize=8)
def _alias_phrases(topics: tuple[Topic, ...]) -> tuple[tuple[str, str], ...]:
    """(" phong chay chua chay ", "pccc") for every multi-word topic name and alias."""
    out = []
    for topic in topics:
        for name in (topic.name, *topic.aliases):
            words = folded_words(name)
            if len(words) > 1:
                out.append((f" {' '.join(words)} ", initials(name)))
    return tuple(out)


def notice_agencies(notice: Notice, linked: LinkedArchive) -> dict[str, list[str]]:
    """Agency page key → names (name and aliases) of every agency the notice gives a task."""
    out: dict[str, list[str]] = {}
    for task in linked.tasks.get(notice.key, ()):
        for key in task.owners:
            agency = linked.agencies.get(key)
            out.setdefault(key, [agency.name, *agency.aliases] if agency else [task.lead])
    return out


def document(notice: Notice, order: int, topics: Mapping[str, Topic],
             folded: Mapping[str, list[str]] | None = None,
             agencies: Mapping[str, list[str]] | None = None,
             acronyms: str | None = None) -> dict:
    """The Whoosh document of a notice (the browser export analyses the very same values).
    `folded`: the folded words of "title" and "body", when the caller has them already.
    `agencies`: the agencies the notice assigns tasks to (`notice_agencies`), for `agency:`.
    `acronyms`: `acronyms_in` joined by spaces, when the caller has them already."""
    folded = dict(folded or {})
    for name, text in (("title", notice.title), ("body", notice.body)):
        if name not in folded:
            folded[name] = folded_words(text)
    meeting, signer = notice.meeting, notice.signer
    date = dt.datetime.combine(notice.date, dt.time()) if notice.date else None
    people = [signer.name if signer else "", meeting.chair or "" if meeting else ""]
    doc = {
        "key": notice.key,
        "path": notice.source,
        "number": notice.shown_number or "",  # a draft's provisional number is never shown
        "number_f": fold_number(notice.shown_number) if notice.shown_number else "",
        "title": notice.title,
        "body": notice.body,
        # Number, issuer and people as words too: "98 TB", "vpubnd", a name without a prefix.
        "meta": " · ".join([notice.shown_number or "", notice.issuer or "", *people]),
        "text": plain_text(notice.body),
        "topics": ",".join(notice.topics),
        "acronyms": acronyms if acronyms is not None else
        " ".join(acronyms_in(notice, topics, folded["title"] + folded["body"])),
        "topic_text": _topic_text(notice, topics),
        # The field prefixes' own fields (signer:, issuer:, chair:, ...), named by the spec.
        **{f["name"]: field_value(notice, f["source"]) for f in word_fields()},
        # Tasks live in the linked archive, not on the notice: the agency field is given.
        "agency": " · ".join(name for names in (agencies or {}).values() for name in names),
        "agencies": ",".join(agencies or ()),
        "year": str(notice.year) if notice.year else "",
        "status": notice.status,
        "order": order,
    }
    # Neighbouring syllables of each text field ("an_toan"): the proximity ranking looks
    # pairs up as terms, as the browser does, instead of decoding positions.
    pairs: set[str] = set()
    for name in PAIR_FIELDS:
        words = folded[name] if name in folded else folded_words(doc.get(name, ""))
        pairs.update(f"{a}_{b}" for a, b in zip(words, words[1:]))
    doc["pairs"] = " ".join(sorted(pairs))
    if date is not None:
        doc["date"] = date
    return {k: v for k, v in doc.items() if v != ""}


PAIR_FIELDS = ("title", "body", "meta", "topic_text")



def indexable(linked: LinkedArchive) -> list[Notice]:
    """The profile's notices; a secret notice never enters any index, whatever reached here."""
    from ..link import withheld_reason
    return [n for n in linked.notices if withheld_reason(n, linked.profile) is None]


# Gapped archive order: a full index numbers notices ORDER_STEP apart; a notice added later
# takes a free value between its neighbours, so the others keep theirs (and are not rewritten).
ORDER_STEP = 1 << 32


def assign_orders(keys: list[str], have: Mapping[str, int]) -> dict[str, int]:
    """Order values strictly increasing along `keys` (archive order), keeping as many of the
    values in `have` as stay in order (a longest increasing run of them); the others get
    values spaced evenly in the gaps. Where a gap is too narrow, every notice is numbered
    afresh: always right, rarely (a gap halves per insertion, 2**32 apart at first)."""
    values = [have.get(k) for k in keys]
    kept = _increasing(values)
    out: dict[str, int] = {}
    i, n = 0, len(keys)
    while i < n:
        if i in kept:
            out[keys[i]] = values[i]
            i += 1
            continue
        j = i
        while j < n and j not in kept:
            j += 1
        lo = values[i - 1] if i > 0 else None   # i-1 is kept (or i is the first)
        hi = values[j] if j < n else None
        count = j - i
        if lo is None and hi is None:
            new = [m * ORDER_STEP for m in range(count)]
        elif lo is None:
            new = [hi - (count - m) * ORDER_STEP for m in range(count)]
        elif hi is None:
            new = [lo + (m + 1) * ORDER_STEP for m in range(count)]
        elif hi - lo > count:
            new = [lo + (hi - lo) * (m + 1) // (count + 1) for m in range(count)]
        else:
            return {k: m * ORDER_STEP for m, k in enumerate(keys)}
        out.update(zip(keys[i:j], new))
        i = j
    return out


def _increasing(values: list) -> set[int]:
    """Indices of a longest strictly increasing subsequence of the non-None values."""
    import bisect
    tails: list[int] = []        # value at the end of the best run of each length
    tail_at: list[int] = []      # its index
    before: dict[int, int] = {}
    for i, v in enumerate(values):
        if v is None:
            continue
        pos = bisect.bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[pos], tail_at[pos] = v, i
        if pos:
            before[i] = tail_at[pos - 1]
    out: set[int] = set()
    i = tail_at[-1] if tail_at else None
    while i is not None:
        out.add(i)
        i = before.get(i)
    return out


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprints(notices: list[Notice], topics: Mapping[str, Topic],
                 agencies: Mapping[str, Mapping[str, list[str]]], have: Mapping[str, list],
                 phrases_same: bool) -> dict[str, list]:
    """Key → [content, topic text, acronyms]: everything `document` reads but the order.
    Content: the notice's own digest and source path, and the agencies it assigns tasks to
    (agencies.yml names them). Topic text: names and aliases of its topics. Acronyms depend
    on every topic's multi-word names: computed again (the notice's words folded) only when
    the notice or those names changed, otherwise taken from the last update."""
    out: dict[str, list] = {}
    for notice in notices:
        content = f"{notice_digest(notice)}|{sorted(agencies[notice.key].items())}"
        old = have.get(notice.key)
        if phrases_same and isinstance(old, list) and len(old) >= 3 and old[0] == content:
            acronyms = old[2]
        else:
            # Folded as `document` folds them (title and body apart), so they are its words.
            acronyms = " ".join(acronyms_in(notice, topics, folded_words(notice.title)
                                            + folded_words(notice.body)))
        out[notice.key] = [content, _short_hash(_topic_text(notice, topics)), acronyms]
    return out


def _phrases_digest(topics: Mapping[str, Topic]) -> str:
    return _short_hash(json.dumps(_alias_phrases(tuple(topics.values())), ensure_ascii=False))


def update_index(linked: LinkedArchive, cache_dir: Path, *, state: str | None = None,
                 procs: int = min(2, os.cpu_count() or 1)) -> IndexStats:
    """Bring the profile's index up to date with `linked`; returns what changed.

    Only notices whose fingerprint (`fingerprints`) or order value (`assign_orders`) changed
    are written; topics.yml and agencies.yml changes too touch only the notices they reach.
    `state` is an optional fingerprint of the source files (see `source_state`) recorded so that
    `notice-archive search` can tell a fresh index without re-reading the archive.
    """
    start = time.perf_counter()
    root = index_root(cache_dir, linked.profile)
    profile = linked.profile.name
    notices = indexable(linked)
    topics = topics_data(linked.topics)
    agencies = {n.key: notice_agencies(n, linked) for n in notices}
    phrases = _phrases_digest(linked.topics)
    with index_lock(root):
        gen = current_generation(root)
        if gen is not None and not authentic(gen, prune=True):
            authenticated.discarded(gen)
            gen = None   # rebuilt below; the old folder is removed with other stale ones
        manifest = read_manifest(gen) if gen else {}
        rebuild = (gen is None or manifest.get("version") != VERSION
                   or manifest.get("profile") != profile)
        if rebuild:
            gen = Path(tempfile.mkdtemp(prefix="gen-", dir=root))
            ix = windex.create_in(str(gen), build_schema(), indexname=INDEX_NAME)
            have: dict[str, list] = {}
        else:
            ix = windex.open_dir(str(gen), indexname=INDEX_NAME)
            have = _read_digests(gen)
        wanted = fingerprints(notices, linked.topics, agencies, have,
                              phrases_same=manifest.get("phrases") == phrases)
        orders = assign_orders([n.key for n in notices],
                               {k: v[3] for k, v in have.items()
                                if isinstance(v, list) and len(v) == 4
                                and isinstance(v[3], int) and k in wanted})
        for key, record in wanted.items():
            record.append(orders[key])
        removed = [k for k in have if k not in wanted]
        changed = [n for n in notices if have.get(n.key) != wanted[n.key]]
        if removed or changed or rebuild:
            # Whoosh's multiprocess writer pays for itself only on big fresh builds (and is used
            # only there: incremental updates replace documents, which it does not do). Its
            # workers rely on fork (see generator/processes.py).
            use_procs = procs if (procs > 1 and rebuild and len(changed) >= 400
                                  and start_method() == "fork") else 1
            writer = ix.writer(procs=use_procs, limitmb=128, multisegment=use_procs > 1) \
                if use_procs > 1 else ix.writer(limitmb=128)
            use_block_pool(writer)
            try:
                for key in removed:
                    writer.delete_by_term("key", key)
                for notice in changed:
                    doc = document(notice, orders[notice.key], linked.topics,
                                   agencies=agencies[notice.key],
                                   acronyms=wanted[notice.key][2])
                    if rebuild:
                        writer.add_document(**doc)
                    else:
                        writer.update_document(**doc)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        # The digests follow the commit, and the seal follows both: a run killed before the
        # seal leaves files that do not verify, and the next run prunes what it added or, once
        # a sealed file changed, rebuilds (see module doc): never digests of another commit.
        _write_json_atomic(gen / DIGESTS, wanted)
        _write_json_atomic(gen / MANIFEST, {
            "version": VERSION, "profile": profile,
            "topics_digest": _topics_digest(topics), "topics": topics, "phrases": phrases,
            "agencies": {k: names[0] for a in agencies.values() for k, names in a.items()},
            "thesaurus": archive_table(getattr(linked, "thesaurus", ())),
            "state": state or "",
        })
        ix.close()
        seal(gen)
        if rebuild:
            tmp = root / f".{CURRENT}.tmp"
            tmp.write_text(gen.name, encoding="utf-8")
            os.replace(tmp, root / CURRENT)
        for old in root.glob("gen-*"):  # replaced generations, and those of killed rebuilds
            if old != gen:
                shutil.rmtree(old, ignore_errors=True)
    added = sum(1 for n in changed if n.key not in have)
    return IndexStats(profile, gen, added, len(changed) - added, len(removed),
                      len(notices), rebuild, time.perf_counter() - start)


def source_state(notices_dir: Path) -> str:
    """A cheap fingerprint of the archive's files (paths, mtimes, sizes): stat, no reading.

    Every file the loader may read is in it (notices, topics.yml, agencies.yml), and the other
    files of the folder too: a superset costs nothing and cannot miss an input. The walk is
    the loader's (hidden and underscore-prefixed entries are not part of the archive; links
    are followed as the loader follows them), on strings: 10,000 Path objects cost more than
    the stat calls. A digest, not a listing: the index folder must not name files of notices
    it withholds.
    """
    from ..load import project_root, walk_inside
    top = str(notices_dir)
    cut = len(os.path.join(top, ""))
    paths: list[str] = []
    for folder, _, files, unsafe in walk_inside(notices_dir, project_root(notices_dir),
                                                skip=lambda name: name.startswith((".", "_"))):
        folder = str(folder)
        paths += [os.path.join(folder, name) for name in files]
        paths += [str(p) for p in unsafe]   # an unsafe entry appearing is a change, reported
    digest = hashlib.sha256()
    for path in sorted(paths):
        try:
            st = os.stat(path)
        except OSError:
            continue
        rel = path[cut:].replace(os.sep, "/")
        digest.update(f"{rel}|{st.st_mtime_ns}|{st.st_size}\n".encode())
    return digest.hexdigest()
