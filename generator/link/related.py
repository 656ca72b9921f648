"""Related notices: explicit `related` first, then those sharing the most topics, nearest in date
first (at equal distance the newer), at most RELATED_LIMIT.

Nearest in date, not most recent: a notice added to the archive then enters only the lists of
the few notices dated near it, so adding one notice re-renders a handful of pages, not every
page of its topics.

Notices with the same set of topics rank the others by the same shared-topic counts, so those
counts are computed once per distinct topic set (few, in a real archive); each notice then
takes its nearest candidates from the sorted lists by bisection, not by a walk of every list.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from ..model import Notice, Numbers

RELATED_LIMIT = 8


def day(notice: Notice) -> int:
    """The date as a day number (undated drafts: 0, far from every dated notice)."""
    return notice.date.toordinal() if notice.date else 0


def related_notices(published: Sequence[Notice], by_number: Numbers,
                    topic_notices: Mapping[str, Sequence[Notice]]
                    ) -> dict[str, tuple[Notice, ...]]:
    """notice key → its related notices. `published` is newest first (sorted by sort_key)."""
    position = {id(n): i for i, n in enumerate(published)}
    days = [day(n) for n in published]
    topic_positions = {slug: [position[id(n)] for n in ns] for slug, ns in topic_notices.items()}

    by_signature: dict[frozenset, list[Notice]] = defaultdict(list)
    for notice in published:
        by_signature[frozenset(s for s in notice.topics if s in topic_positions)].append(notice)

    out: dict[str, tuple[Notice, ...]] = {}
    for signature, members in by_signature.items():
        shared: Counter = Counter()
        for slug in signature:
            shared.update(topic_positions[slug])
        levels: dict[int, list[int]] = defaultdict(list)
        for i, count in shared.items():
            levels[count].append(i)
        # Each level newest first; keys negated so bisect finds a date in ascending order.
        ranked = []
        for count in sorted(levels, reverse=True):
            ps = sorted(levels[count])
            ranked.append((ps, [-days[i] for i in ps]))
        for notice in members:
            chosen = _explicit(notice, by_number)
            me = position[id(notice)]
            for candidates, keys in ranked:
                if len(chosen) >= RELATED_LIMIT:
                    break
                # Enough to fill the list after skipping itself and those already chosen.
                for i in _nearest(candidates, keys, days, days[me], RELATED_LIMIT + 1):
                    if len(chosen) >= RELATED_LIMIT:
                        break
                    other = published[i]
                    if i != me and other.key not in chosen:
                        chosen[other.key] = other
            out[notice.key] = tuple(chosen.values())
    return out


def _nearest(candidates: list[int], keys: list[int], days: list[int], me: int,
             need: int) -> list[int]:
    """At least `need` positions of `candidates` (newest first) nearest in date to day `me`,
    ordered by distance, then position (the newer first); every tie at the cut is kept."""
    split = bisect.bisect_left(keys, -me)       # candidates[split:] are as old as me or older
    newer, older = [], []
    j = split - 1
    while j >= 0 and (len(newer) < need or days[candidates[j]] == days[newer[-1]]):
        newer.append(candidates[j])
        j -= 1
    j = split
    while j < len(candidates) and (len(older) < need or days[candidates[j]] == days[older[-1]]):
        older.append(candidates[j])
        j += 1
    return sorted(newer + older, key=lambda i: (abs(days[i] - me), i))


def _explicit(notice: Notice, by_number: Numbers) -> dict[str, Notice]:
    chosen: dict[str, Notice] = {}
    for number in notice.related:
        target = by_number.get(number, citing=notice)
        if target is not None and target is not notice:
            chosen.setdefault(target.key, target)
    return chosen
