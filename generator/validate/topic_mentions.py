"""A body that mentions a topic it is not tagged with: suggest the tag (a warning, NA501)."""

from __future__ import annotations

import functools
import re
from typing import Iterator, Mapping

from ..diagnostics import WARNING, Diagnostic
from ..match import TopicMatcher
from ..model import Notice, Topic


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def _without_code_spans(body: str) -> str:
    """Blank `code` spans (offsets kept): the site never links inside code, so neither do we."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), body)


@functools.lru_cache(maxsize=4)
def _matcher(vocabulary: tuple) -> TopicMatcher:
    return TopicMatcher({t.slug: t for t in vocabulary})


def check_topic_mentions(notice: Notice, topics: Mapping[str, Topic]) -> Iterator[Diagnostic]:
    if not topics:
        return
    matcher = _matcher(tuple(topics.values()))  # Topic values are frozen, hence hashable
    tagged = set(notice.topics)
    # A tagged topic implies its ancestors: mentioning "chuyển đổi số" in a notice tagged
    # de-an-06 (a sub-topic of it) needs no second tag.
    implied = set()
    for slug in tagged:
        parent = topics[slug].parent if slug in topics else None
        while parent and parent not in implied:
            implied.add(parent)
            parent = topics[parent].parent if parent in topics else None
    reported = set()
    for mention in matcher.find(_without_code_spans(notice.body)):
        slug = mention.slug
        if slug in tagged or slug in implied or slug in reported:
            continue
        reported.add(slug)
        line = notice.body_line + notice.body.count("\n", 0, mention.start)
        column = mention.start - (notice.body.rfind("\n", 0, mention.start) + 1) + 1
        topic = topics[slug]
        yield Diagnostic(
            notice.source, line, column, WARNING, "NA501",
            f'nội dung nhắc đến chủ đề "{topic.name}" '
            f'("{notice.body[mention.start:mention.end]}") nhưng thông báo chưa gắn chủ đề '
            f'này; cân nhắc thêm "{slug}" vào "topics"', "topics")
