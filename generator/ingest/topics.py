"""Suggest topics from notices/topics.yml: names and aliases found in the text, by folded words.

Matching is on folded text (no diacritics, đ → d, punctuation as spaces) at word boundaries, so
"an ninh, trật tự" and "an ninh trật tự" are one phrase. Where phrases of several topics overlap,
the longest wins ("bảo vệ an ninh, trật tự ở cơ sở" is the grassroots-security topic, not a
mention of "an ninh, trật tự"). A topic needs real coverage, not a passing clause: it is
suggested when the title names it, or when the body names it at least MIN_MENTIONS times.
The threshold was tuned on the sample archive (README, "Importing originals").
"""

from __future__ import annotations

import re
from typing import Mapping

from ..model import Topic
from ..text import fold

MIN_MENTIONS = 2
TITLE_WEIGHT = MIN_MENTIONS  # one mention in the title (or the meeting subject) is enough


def _norm(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w/+“”\"]+|_", " ", fold(text)).replace("“", " ")
                          .replace("”", " ").replace('"', " ").split()) + " "


def _spans(text: str, topics: Mapping[str, Topic],
           first: dict[str, int] | None = None, offset: int = 0) -> dict[str, int]:
    norm = _norm(text)
    found = []
    for slug, topic in topics.items():
        for phrase in {topic.name, *topic.aliases}:
            p = _norm(phrase).strip()
            if len(p) < 3:
                continue
            for m in re.finditer(r"(?<= )" + re.escape(p) + r"(?= )", norm):
                found.append((m.start(), m.end(), slug))
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    counts: dict[str, int] = {}
    for start, end, slug in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        counts[slug] = counts.get(slug, 0) + 1
        if first is not None:
            first[slug] = min(first.get(slug, start + offset), start + offset)
    return counts


def suggest_topics(title: str, body: str, topics: Mapping[str, Topic],
                   min_mentions: int = MIN_MENTIONS) -> tuple[list[str], dict[str, int]]:
    """Slugs in order of first mention, and each topic's score (title mentions count double)."""
    first: dict[str, int] = {}
    title_counts = _spans(title, topics, first)
    body_counts = _spans(body, topics, first, offset=len(title) + 2)
    scores = {slug: body_counts.get(slug, 0) + TITLE_WEIGHT * title_counts.get(slug, 0)
              for slug in set(title_counts) | set(body_counts)}
    chosen = sorted((slug for slug in topics if scores.get(slug, 0) >= min_mentions),
                    key=lambda slug: first[slug])
    return chosen, scores
