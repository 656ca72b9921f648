"""Browsing indexes of the published archive: by issuer, chair, signer, type, year and month,
and each notice's previous/next within its topics. All are single passes over the notices."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from ..model import Notice, Topic
from ..text import canonical, fold, slugify


@dataclass(frozen=True, slots=True)
class Facet:
    slug: str                     # URL part: "van-phong-ubnd-tinh-hau-giang"
    name: str                     # as first written in the archive
    notices: tuple[Notice, ...]   # newest first


@dataclass(frozen=True, slots=True)
class TopicNeighbours:
    topic: str                    # topic slug
    previous: Notice | None       # the next older notice of that topic
    next: Notice | None           # the next newer notice of that topic


@functools.lru_cache(maxsize=65536)  # a few hundred names, asked for by every notice page
def facet_slug(name: str) -> str:
    return slugify(canonical(" ".join(name.split())))


def facet(notices: Iterable[Notice], value: Callable[[Notice], str | None]) -> dict[str, Facet]:
    """Group notices (already newest first) by a name; spellings that differ only in tone-mark
    placement, case or spacing are one group."""
    groups: dict[str, list[Notice]] = defaultdict(list)
    names: dict[str, str] = {}
    for notice in notices:
        name = value(notice)
        if not name or not name.strip():
            continue
        name = " ".join(name.split())
        slug = facet_slug(name)
        names.setdefault(slug, name)
        groups[slug].append(notice)
    return {slug: Facet(slug, names[slug], tuple(ns))
            for slug, ns in sorted(groups.items(), key=lambda kv: fold(names[kv[0]]))}


def topic_neighbours(topic_notices: Mapping[str, tuple[Notice, ...] | list[Notice]]
                     ) -> dict[str, tuple[TopicNeighbours, ...]]:
    """notice key → its neighbours in each of its topics (lists are newest first). A draft
    without a date has no place in time, so it is nobody's neighbour and has none."""
    out: dict[str, list[TopicNeighbours]] = defaultdict(list)
    for slug, listed in topic_notices.items():
        notices = [n for n in listed if n.date is not None]
        for i, notice in enumerate(notices):
            newer = notices[i - 1] if i > 0 else None
            older = notices[i + 1] if i + 1 < len(notices) else None
            out[notice.key].append(TopicNeighbours(slug, older, newer))
    return {k: tuple(v) for k, v in out.items()}


def roll_up_topics(direct: Mapping[str, Sequence[Notice]], topics: Mapping[str, Topic]
                   ) -> dict[str, tuple[Notice, ...]]:
    """slug → the notices of the topic and of all its sub-topics, newest first, each once: a
    notice about "Đề án 06" is a notice about its parent "Chuyển đổi số" too."""
    children: dict[str, list[str]] = defaultdict(list)
    for topic in topics.values():
        if topic.parent in topics:
            children[topic.parent].append(topic.slug)
    out: dict[str, tuple[Notice, ...]] = {}
    for slug in topics:
        seen: dict[str, Notice] = {}
        stack, visited = [slug], set()
        while stack:  # parents cannot loop (NA304), but a guard costs nothing
            current = stack.pop()
            if current in visited:
                continue
            visited.add(current)
            for notice in direct.get(current, ()):
                seen.setdefault(notice.key, notice)
            stack.extend(children.get(current, ()))
        if seen:
            out[slug] = tuple(sorted(seen.values(), key=lambda n: n.sort_key))
    return out
