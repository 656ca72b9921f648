"""Related notices: explicit `related` first, then those sharing the most topics, most recent
first, at most RELATED_LIMIT.

Notices with the same set of topics have the same ranking of others, so the ranking is computed
once per distinct topic set (few, in a real archive) with a bounded heap, not once per notice:
near-linear where a per-notice walk of every topic list is quadratic for large topics.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from ..model import Notice, Numbers

RELATED_LIMIT = 8


def related_notices(published: Sequence[Notice], by_number: Numbers,
                    topic_notices: Mapping[str, Sequence[Notice]]
                    ) -> dict[str, tuple[Notice, ...]]:
    """notice key → its related notices. `published` is newest first, so its index is recency."""
    position = {id(n): i for i, n in enumerate(published)}
    topic_positions = {slug: [position[id(n)] for n in ns] for slug, ns in topic_notices.items()}

    by_signature: dict[frozenset, list[Notice]] = defaultdict(list)
    for notice in published:
        by_signature[frozenset(s for s in notice.topics if s in topic_positions)].append(notice)

    out: dict[str, tuple[Notice, ...]] = {}
    for signature, members in by_signature.items():
        explicit = {n.key: _explicit(n, by_number) for n in members}
        # Enough to fill the list after skipping the notice itself and its explicit ones.
        want = RELATED_LIMIT + 1 + max(len(e) for e in explicit.values())
        shared: Counter = Counter()
        for slug in signature:
            shared.update(topic_positions[slug])
        ranked = heapq.nsmallest(want, shared, key=lambda i: (-shared[i], i))
        for notice in members:
            chosen = dict(explicit[notice.key])
            me = position[id(notice)]
            for i in ranked:
                if len(chosen) >= RELATED_LIMIT:
                    break
                other = published[i]
                if i != me and other.key not in chosen:
                    chosen[other.key] = other
            out[notice.key] = tuple(chosen.values())
    return out


def _explicit(notice: Notice, by_number: Numbers) -> dict[str, Notice]:
    chosen: dict[str, Notice] = {}
    for number in notice.related:
        target = by_number.get(number, citing=notice)
        if target is not None and target is not notice:
            chosen.setdefault(target.key, target)
    return chosen
