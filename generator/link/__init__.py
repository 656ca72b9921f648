"""Link stage: the validated archive → the published archive as a graph (topics, references).

Only what the profile publishes enters the graph, so nothing downstream (pages, search, feeds)
can leak a withheld notice by following a link.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping

from ..model import Archive, Notice, Topic
from .profile import PROFILES, PROFILE_LABELS, withheld_reason

__all__ = ["LinkedArchive", "link", "PROFILES", "PROFILE_LABELS", "withheld_reason"]

RELATED_LIMIT = 8


@dataclass(frozen=True)
class LinkedArchive:
    profile: str
    notices: tuple[Notice, ...]                         # published, newest first
    topics: Mapping[str, Topic]
    by_key: Mapping[str, Notice]
    by_number: Mapping[str, Notice]
    topic_notices: Mapping[str, tuple[Notice, ...]]     # slug → newest first
    related: Mapping[str, tuple[Notice, ...]]           # key → explicit first, then by topics
    backlinks: Mapping[str, tuple[Notice, ...]]         # key → notices that cite it
    superseded_by: Mapping[str, Notice]                 # key → the notice that replaced it
    withheld: Counter = field(default_factory=Counter)  # reason → count

    def notice_for(self, number: str) -> Notice | None:
        return self.by_number.get(number)


def link(archive: Archive, profile: str = "public") -> LinkedArchive:
    published: list[Notice] = []
    withheld: Counter = Counter()
    for notice in archive.notices:
        reason = withheld_reason(notice, profile)
        if reason is None:
            published.append(notice)
        else:
            withheld[reason] += 1
    published.sort(key=lambda n: n.sort_key)
    by_key = {n.key: n for n in published}
    by_number = {n.number: n for n in published if n.number}

    topic_notices: dict[str, list[Notice]] = defaultdict(list)
    for notice in published:
        for slug in notice.topics:
            if slug in archive.topics:
                topic_notices[slug].append(notice)

    cites: dict[str, list[Notice]] = defaultdict(list)
    superseded_by: dict[str, Notice] = {}
    for notice in published:
        targets = list(notice.related)
        if notice.supersedes:
            targets.append(notice.supersedes)
            target = by_number.get(notice.supersedes)
            if target is not None:
                superseded_by[target.key] = notice
        for number in dict.fromkeys(targets):
            target = by_number.get(number)
            if target is not None and target is not notice:
                cites[target.key].append(notice)

    related = {n.key: _related(n, by_number, topic_notices) for n in published}
    return LinkedArchive(
        profile=profile,
        notices=tuple(published),
        topics=archive.topics,
        by_key=by_key,
        by_number=by_number,
        topic_notices={slug: tuple(ns) for slug, ns in topic_notices.items()},
        related=related,
        backlinks={key: tuple(sorted(ns, key=lambda n: n.sort_key)) for key, ns in cites.items()},
        superseded_by=superseded_by,
        withheld=withheld,
    )


def _related(notice: Notice, by_number: Mapping[str, Notice],
             topic_notices: Mapping[str, list[Notice]]) -> tuple[Notice, ...]:
    """Explicit `related` first, then the notices sharing the most topics, most recent first."""
    chosen: dict[str, Notice] = {}
    for number in notice.related:
        target = by_number.get(number)
        if target is not None and target is not notice:
            chosen.setdefault(target.key, target)
    shared: Counter = Counter()
    for slug in notice.topics:
        for other in topic_notices.get(slug, ()):
            if other is not notice and other.key not in chosen:
                shared[other.key] += 1
    candidates = {o.key: o for slug in notice.topics for o in topic_notices.get(slug, ())}
    ranked = sorted(shared, key=lambda k: (-shared[k], candidates[k].sort_key))
    for key in ranked[:max(0, RELATED_LIMIT - len(chosen))]:
        chosen[key] = candidates[key]
    return tuple(chosen.values())
