"""Link stage: the validated archive → the published archive as a graph (topics, references).

Only what the profile publishes enters the graph, so nothing downstream (pages, search, feeds)
can leak a withheld notice by following a link.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping, MutableMapping

from ..model import Agency, Archive, Notice, Numbers, Topic
from ..profiles import Profile, get_profile
from .extract_tasks import TaskExtractor
from .indexes import Facet, TopicNeighbours, facet, facet_slug, roll_up_topics, topic_neighbours
from .profile import PROFILES, PROFILE_LABELS, withheld_by, withheld_reason
from .references import ExternalDocument, NumberIndex, body_references
from .related import RELATED_LIMIT, related_notices
from .tasks import AgencyPage, LazyRegister, Task, agency_key

__all__ = ["LinkedArchive", "link", "PROFILES", "PROFILE_LABELS", "Profile", "withheld_reason",
           "ExternalDocument", "Facet", "TopicNeighbours", "FACETS", "RELATED_LIMIT", "Task",
           "AgencyPage", "TaskExtractor", "facet_slug", "withheld_by", "agency_key"]

# Browsing indexes: facet name → how a notice's value is read.
FACETS = {
    "issuer": lambda n: n.issuer,
    "chair": lambda n: n.meeting.chair if n.meeting else None,
    "signer": lambda n: n.signer.name if n.signer else None,
    "type": lambda n: n.type,
}



@dataclass(frozen=True)
class LinkedArchive:
    profile: Profile
    notices: tuple[Notice, ...]                         # published, newest first
    topics: Mapping[str, Topic]                         # those with a published notice
    by_key: Mapping[str, Notice]
    by_number: Numbers
    topic_notices: Mapping[str, tuple[Notice, ...]]     # slug → newest first, with sub-topics'
                                                        # (a topic without any is absent)
    related: Mapping[str, tuple[Notice, ...]]           # key → explicit first, then by topics
    backlinks: Mapping[str, tuple[Notice, ...]]         # key → notices that cite it
    superseded_by: Mapping[str, Notice]                 # key → the notice that replaced it
    withheld: Counter = field(default_factory=Counter)  # reason → count
    # Body references: notices whose numbers a body names (published ones only), and documents
    # outside the archive that bodies cite.
    cites: Mapping[str, tuple[Notice, ...]] = field(default_factory=dict)   # key → cited
    external: Mapping[str, ExternalDocument] = field(default_factory=dict)  # doc key → doc
    external_of: Mapping[str, tuple[ExternalDocument, ...]] = field(default_factory=dict)
    neighbours: Mapping[str, tuple[TopicNeighbours, ...]] = field(default_factory=dict)
    facets: Mapping[str, Mapping[str, Facet]] = field(default_factory=dict)  # FACETS → slug →
    agencies: Mapping[str, Agency] = field(default_factory=dict)
    thesaurus: tuple = ()   # the archive's own search words (notices/thesaurus.yml)
    # The task register, built on first use: reading every body for assignments costs more than
    # the rest of linking, and many consumers (`check`, a search of a fresh index) never ask.
    register: "LazyRegister | None" = field(default=None, repr=False, compare=False)

    @property
    def tasks(self) -> Mapping[str, tuple[Task, ...]]:
        """Notice key → its tasks."""
        return self.register.get()[0] if self.register is not None else {}

    @property
    def agency_pages(self) -> Mapping[str, AgencyPage]:
        """Agency key → its page (tasks most urgent first)."""
        return self.register.get()[1] if self.register is not None else {}

    def notice_for(self, number: str, citing: Notice | None = None) -> Notice | None:
        return self.by_number.get(number, citing=citing)


def link(archive: Archive, profile: Profile | str = "public",
         memo: MutableMapping | None = None,
         tasks_memo: MutableMapping | None = None) -> LinkedArchive:
    """`memo`: a persistent map content digest → what a body mentions (see cache.Memo)."""
    profile = get_profile(profile)
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
    by_number = Numbers(published)

    topic_notices: dict[str, list[Notice]] = defaultdict(list)
    for notice in published:
        for slug in notice.topics:
            if slug in archive.topics:
                topic_notices[slug].append(notice)

    numbers = NumberIndex(archive.notices, published)
    body = body_references(tuple(published), numbers, memo)

    cited_by: dict[str, dict[str, Notice]] = defaultdict(dict)
    superseded_by: dict[str, Notice] = {}
    for notice in published:
        targets = list(notice.related)
        if notice.supersedes:
            targets.append(notice.supersedes)
            target = by_number.get(notice.supersedes, citing=notice)
            if target is not None:
                superseded_by[target.key] = notice
        for number in dict.fromkeys(targets):
            target = by_number.get(number, citing=notice)
            if target is not None and target is not notice:
                cited_by[target.key][notice.key] = notice
        for target in body.cites.get(notice.key, ()):
            cited_by[target.key][notice.key] = notice

    related = related_notices(published, by_number, topic_notices)
    register = LazyRegister(published, archive.agencies, by_number, tasks_memo, archive.scope)
    rolled = roll_up_topics(topic_notices, archive.topics)
    return LinkedArchive(
        profile=profile,
        notices=tuple(published),
        # A topic no published notice is about has nothing to show: no page, no list entry.
        topics={slug: t for slug, t in archive.topics.items() if slug in rolled},
        by_key=by_key,
        by_number=by_number,
        topic_notices=rolled,
        related=related,
        backlinks={key: tuple(sorted(ns.values(), key=lambda n: n.sort_key))
                   for key, ns in cited_by.items()},
        superseded_by=superseded_by,
        withheld=withheld,
        cites=body.cites,
        external=body.external,
        external_of=body.external_of,
        neighbours=topic_neighbours(topic_notices),
        facets={name: facet(published, value) for name, value in FACETS.items()},
        agencies=archive.agencies,
        thesaurus=archive.thesaurus,
        register=register,
    )
