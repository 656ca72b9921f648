"""A body that mentions a topic it is not tagged with: suggest the tag (a warning, NA501)."""

from __future__ import annotations

import functools
import re
from typing import Iterator, Mapping

from ..diagnostics import WARNING, Diagnostic
from ..match import TopicMatcher
from ..model import Notice, Topic


_BACKTICKS = re.compile(r"`+")


def _without_code_spans(body: str) -> str:
    """Blank `code` spans (offsets kept): the site never links inside code, so neither do we.

    A span opens with a run of backticks and closes at the next run of the same length. Each
    run's closer is found from a table built right to left, so the pass stays linear however
    many unmatched runs the text has (a pattern "(`+)(.+?)\\1" rescans the rest from each).
    """
    if "`" not in body:
        return body
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(body)]
    if len(runs) < 2:
        return body
    closer: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        closer[i] = next_of_length.get(length)
        next_of_length[length] = i
    out, last, i = [], 0, 0
    while i < len(runs):
        j = closer[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        out += [body[last:start], " " * (end - start)]
        last, i = end, j + 1
    out.append(body[last:])
    return "".join(out)


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
