"""Suggest topics from notices/topics.yml: names and aliases found in the text, by folded words.

Matching is the archive's one topic matcher (generator/match.py), the same that links mentions
on the site and that `check` uses for NA501, so an imported notice is tagged with what check
would suggest. A topic is suggested when the title names it, or when the body names it at least
MIN_MENTIONS times (docs/handbook/development/import.md, for the measured trade-off).
"""

from __future__ import annotations

from typing import Mapping

from ..match import TopicMatcher
from ..model import Topic

MIN_MENTIONS = 1
TITLE_WEIGHT = MIN_MENTIONS  # one mention in the title (or the meeting subject) is enough


def _spans(text: str, matcher: TopicMatcher, first: dict[str, int], offset: int = 0) -> dict[str, int]:
    """Mentions per topic, and each topic's first position, by the archive's one matcher."""
    counts: dict[str, int] = {}
    for mention in matcher.find(text):
        counts[mention.slug] = counts.get(mention.slug, 0) + 1
        first[mention.slug] = min(first.get(mention.slug, mention.start + offset),
                                  mention.start + offset)
    return counts


def suggest_topics(title: str, body: str, topics: Mapping[str, Topic],
                   min_mentions: int = MIN_MENTIONS) -> tuple[list[str], dict[str, int]]:
    """Slugs in order of first mention, and each topic's score (title mentions count double)."""
    first: dict[str, int] = {}
    matcher = TopicMatcher(topics)
    title_counts = _spans(title, matcher, first)
    body_counts = _spans(body, matcher, first, offset=len(title) + 2)
    scores = {slug: body_counts.get(slug, 0) + TITLE_WEIGHT * title_counts.get(slug, 0)
              for slug in set(title_counts) | set(body_counts)}
    chosen = sorted((slug for slug in topics if scores.get(slug, 0) >= min_mentions),
                    key=lambda slug: first[slug])
    return chosen, scores
