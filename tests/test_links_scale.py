"""The link stage stays near-linear: a synthetic archive of thousands of notices links quickly,
and the fast ranking of related notices equals the plain per-notice definition."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.link import link
from generator.link.related import RELATED_LIMIT, day, related_notices
from generator.model import Archive


def synthetic(archive, count: int, seed: int = 5, topics_per_notice=None) -> Archive:
    """`count` public notices cloned from the sample, each citing an earlier one in its body."""
    rng = random.Random(seed)
    templates = [n for n in archive.notices if n.number and n.date]
    slugs = sorted(archive.topics)
    notices = []
    for i in range(count):
        t = templates[i % len(templates)]
        topics = t.topics if topics_per_notice is None else tuple(
            rng.sample(slugs, rng.randint(0, topics_per_notice)))
        body = t.body
        if i:
            body += f"\n\nTheo Thông báo số {notices[rng.randrange(i)].number} của Văn phòng."
        notices.append(dataclasses.replace(
            t, number=f"{i % 900 + 1}/TB-X{i // 900}", source=f"notices/x/{i}.md",
            date=dt.date(2015, 1, 1) + dt.timedelta(days=i * 3650 // max(count, 1)),
            related=tuple(notices[rng.randrange(i)].number for _ in range(rng.randint(0, 2)))
            if i else (), supersedes=None, status="issued", classification="public",
            topics=topics, body=body))
    return Archive(tuple(sorted(notices, key=lambda n: n.sort_key)), archive.topics)


def brute_force_related(notice, linked):
    """The definition, walked per notice: explicit first, then most shared topics, nearest in
    date (at equal distance the newer)."""
    chosen = {}
    for number in notice.related:
        target = linked.by_number.get(number)
        if target is not None and target is not notice:
            chosen.setdefault(target.key, target)
    shared = Counter()
    for slug in notice.topics:
        for other in linked.topic_notices.get(slug, ()):
            if other is not notice and other.key not in chosen:
                shared[other.key] += 1
    by_key = {n.key: n for n in linked.notices}
    ranked = sorted(shared, key=lambda k: (-shared[k], abs(day(by_key[k]) - day(notice)),
                                           by_key[k].sort_key))
    for key in ranked[:max(0, RELATED_LIMIT - len(chosen))]:
        chosen[key] = by_key[key]
    return tuple(chosen.values())


@settings(max_examples=25, deadline=None)
@given(count=st.integers(1, 60), seed=st.integers(0, 10_000), per=st.integers(0, 4))
def test_related_ranking_matches_definition(archive, count, seed, per):
    linked = link(synthetic(archive, count, seed, topics_per_notice=per))
    fast = related_notices(linked.notices, linked.by_number, linked.topic_notices)
    for notice in linked.notices:
        assert fast[notice.key] == brute_force_related(notice, linked)


def _calls_to_link(archive) -> int:
    """Python function calls made by link(): a measure of work that the machine's load
    cannot change, unlike seconds."""
    import cProfile
    import pstats
    profiler = cProfile.Profile()
    profiler.runcall(link, archive)
    return pstats.Stats(profiler).total_calls


@pytest.mark.slow
def test_link_stage_is_near_linear(archive):
    """Four times the notices costs about four times the work, not sixteen."""
    small, big = synthetic(archive, 1500), synthetic(archive, 6000)
    linked = link(big)
    # Every notice but the first cites an earlier one in its body.
    assert sum(len(v) for v in linked.backlinks.values()) >= 5999
    ratio = _calls_to_link(big) / _calls_to_link(small)
    # Linear work gives 4; a per-notice walk of every topic list (the old quadratic bug) gave
    # more than 10 at these sizes.
    assert ratio < 5.5, f"link() did {ratio:.1f}× the work for 4× the notices"
