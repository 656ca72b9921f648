"""Whether an extracted task may be shown as certain: the signs a reader would name.

The extractor marks a task uncertain when one of its own rules guessed (a carried subject, a
reference back, an inferred deadline). On text no one tuned on, about half of the tasks it
finds are wrong, most of them read by no guess at all: a headline taken for an order, a report
of what someone will do, a collective or a long name as a plain subject, a name that ran on
past its end. This module flags those (`certain: False`, shown "cần xác nhận"); it never drops
a task.

`DOUBTS` is data, not code: each entry is a set of signals that together make a task doubtful.
It was chosen by `bench/task_certainty.py` (a greedy search over the signals below on the
labelled real-text sets, measured leave-one-set-out); change it only by re-running that.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Callable

from ..abbreviations import expand
from ..agencies import AgencyMatcher, key, tokens
from ..model import ExtractedTask
from ..text import fold

# Chosen by bench/task_certainty.py on all seven real-text sets (see
# docs/handbook/development/tasks.md for the leave-one-set-out figures).
DOUBTS: tuple[frozenset[str], ...] = tuple(frozenset(d) for d in (
    ("external", "long_lead"),
    ("speaker_before", "will"),
    ("no_end", "no_marker"),
    ("no_marker", "odd_after"),
    ("long_lead", "no_marker"),
    ("generic", "odd_after"),
    ("long_lead", "odd_after"),
    ("odd_after", "subject_first"),
    ("no_marker", "speaker_before"),
    ("odd_after", "speaker_before"),
))

# Folded, lower case.
_MARKER = re.compile(r"\b(?:giao|yeu cau|de nghi|chi dao|kien nghi|phan cong|de xuat)\b")
_AFTER_MARKER = re.compile(r"(?:giao|giao cho|de nghi|yeu cau|chi dao|kien nghi|phan cong)$")
_WILL = re.compile(r"\b(?:se|du kien|co nhiem vu)\b")     # a plan or a duty, not an order
_SPEAKER = re.compile(r"\b(?:thu tuong|pho thu tuong|chu tich|pho chu tich|bi thu|giam doc|"
                      r"bo truong|dong chi|ong)\b")     # not "ba": also "three"
_GENERIC = re.compile(r"(?:cac|nhung) (?:co quan|don vi|dia phuong|nganh|cap)\b")
_ENDS = (".", ";", ":", "…", ")", "”", '"')
# After a name, what still reads as an order: "Sở A: …", "Sở A được giao …", "Sở A phải …"
_ORDERED = re.compile(r"\s*(?:[:;(]|(?:được|phải|cần|có trách nhiệm|chịu trách nhiệm|là cơ quan)"
                      r"(?!\w))", re.IGNORECASE)
# The form of an order: a task with a deadline of its own or under a numbered point is never
# flagged by a doubt (on the labelled sets 0.89 and 0.98 of them are right).
SPEAKS_FOR = frozenset({"dated", "point"})
_LONG_LEAD = 8      # words: agency names are rarely longer; a longer one usually ran on


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def signals(task: ExtractedTask, siblings: int, matcher: AgencyMatcher,
            abbreviations: dict[str, str] | None,
            imperative: Callable[[str], bool]) -> set[str]:
    """The signs of one task; `siblings`: how many tasks share its sentence (a list of leads)."""
    text = expand(task.text, abbreviations)
    folded = _words(text)
    lead = _words(expand(task.lead, abbreviations))
    found: set[str] = set()
    if task.external:
        found.add("external")
    if task.lead_slug is not None:
        found.add("known")
    if siblings > 1:
        found.add("list")
    if siblings > 3:
        found.add("long_list")
    if task.deadline is not None:
        found.add("dated")
    if task.point is not None:
        found.add("point")
    if not task.text.rstrip().endswith(_ENDS):
        found.add("no_end")         # a headline or a fragment
    if not _MARKER.search(folded):
        found.add("no_marker")
    if _WILL.search(folded):
        found.add("will")
    if task.lead[:1].islower():
        found.add("lower_lead")
    if _GENERIC.match(lead):
        found.add("generic")
    if len(lead.split()) > _LONG_LEAD:
        found.add("long_lead")
    found |= _where_named(task, text, matcher, abbreviations, imperative)
    return found


def _where_named(task: ExtractedTask, text: str, matcher: AgencyMatcher,
                 abbreviations: dict[str, str] | None,
                 imperative: Callable[[str], bool]) -> set[str]:
    """Where the sentence names the lead, and what follows the name."""
    names = {key(expand(task.lead, abbreviations))}
    agency = matcher.agencies.get(task.lead_slug) if task.lead_slug else None
    if agency is not None:
        names |= {key(expand(n, abbreviations)) for n in (agency.name, *agency.aliases)}
    names_by_length = sorted((n for n in names if n), key=len, reverse=True)
    toks = tokens(text)
    words = [t.word for t in toks]
    for i in range(len(words)):
        for name in names_by_length:
            if tuple(words[i:i + len(name)]) != name:
                continue
            out = {"subject_first"} if i == 0 else set()
            if i and _SPEAKER.search(_words(text[:toks[i].start])):
                out.add("speaker_before")
            if _AFTER_MARKER.search(" ".join(words[max(0, i - 3):i])):
                out.add("after_marker")     # "Giao Sở A …", "… đề nghị Sở A …"
            j = i + len(name)
            if j >= len(toks):
                return out
            if toks[j].comma_before or words[j] in ("va", "cung"):
                out.add("list_after")
            elif _ORDERED.match(text[toks[j - 1].end:]) or imperative(text[toks[j].start:]):
                out.add("verb_after")
            else:
                out.add("odd_after")    # no command and no other body after the name
            return out
    return {"unnamed"}      # carried from a heading or the sentence before


def doubtful(found: set[str] | frozenset[str], doubts=DOUBTS) -> bool:
    return not found & SPEAKS_FOR and any(d <= found for d in doubts)


def doubted(tasks: list[ExtractedTask], matcher: AgencyMatcher,
            abbreviations: dict[str, str] | None,
            imperative: Callable[[str], bool]) -> list[ExtractedTask]:
    """The tasks, those with a doubt marked uncertain (none dropped, none made certain)."""
    shared = Counter((t.text, t.line) for t in tasks)
    out = []
    for t in tasks:
        # A task with its own deadline or under a point is never doubted (SPEAKS_FOR): skip
        # reading its sentence, the costly part, on the cold build's hot path.
        if t.certain and t.deadline is None and t.point is None:
            found = signals(t, shared[(t.text, t.line)], matcher, abbreviations, imperative)
            if doubtful(found):
                t = dataclasses.replace(t, certain=False)
        out.append(t)
    return out
