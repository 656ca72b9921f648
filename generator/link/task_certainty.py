"""Whether an extracted task may be shown as certain: the signs a reader would name.

The extractor marks a task uncertain when one of its own rules guessed (a carried subject, a
reference back, an inferred deadline). On text no one tuned on, about half of the tasks it
finds are wrong, most of them read by no guess at all: a headline taken for an order, a report
of what someone will do, a collective or a long name as a plain subject, a name that ran on
past its end. This module flags those (`certain: False`, shown "cần xác nhận"); it never drops
a task.

The other tasks are judged by a logistic regression over `features()` (the signs of the
sentence, the lead's form, the verb before it, the task's place in its text): below the
threshold, the task is flagged. Its weights and threshold are data (`task_doubts.json`),
written by `tools/train_task_doubts.py` from the labelled real-text sets; change them only by
re-running it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Callable

from ..abbreviations import expand
from ..agencies import AgencyMatcher, key, tokens
from ..model import ExtractedTask
from ..text import fold

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
# The form of an order: a task under a numbered point is never doubted (on the nine labelled
# sets 0.96 of those the rules leave certain are right; with a deadline of its own, only 0.86,
# so a deadline is one of the model's features instead).
SPEAKS_FOR = frozenset({"point"})
MODEL_PATH = Path(__file__).with_name("task_doubts.json")    # tools/train_task_doubts.py
_LONG_LEAD = 8      # words: agency names are rarely longer; a longer one usually ran on


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def signals(task: ExtractedTask, siblings: int, matcher: AgencyMatcher,
            abbreviations: dict[str, str] | None,
            imperative: Callable[[str], bool], cues: bool = False) -> set[str]:
    """The signs of one task; `siblings`: how many tasks share its sentence (a list of leads);
    `cues`: also which verb stands before the lead (`cue_giao`, …: for the model)."""
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
    return found if cues else {f for f in found if not f.startswith("cue_")}


# The cue just before the lead, folded: which verb gave the order ("Giao Sở A", "đề nghị Sở A")
_CUES = (("giao", "cue_giao"), ("yeu cau", "cue_yeu_cau"), ("de nghi", "cue_de_nghi"),
         ("chi dao", "cue_chi_dao"))
_TITLE = re.compile(r"(?:phó |tổng )?(?:chủ tịch|giám đốc|bí thư|thủ trưởng|trưởng|bộ trưởng|"
                    r"thủ tướng|chánh|đồng chí|ông|bà)\b", re.IGNORECASE)
_PLACE = re.compile(r"(?:tỉnh|huyện|thành phố|tp\.?|thị xã|quận|xã|phường|thị trấn)\s",
                    re.IGNORECASE)
# News framing: a journalist's account of a meeting or a letter, not the order itself
_NEWS = re.compile(r"\b(?:cho biet|theo do|phat bieu|nhan manh|tai buoi|tai hoi nghi|"
                   r"ket luan tai|phong vien)\b")
_PAST = re.compile(r"(?<!\w)(?:đã|vừa|từng)(?!\w)", re.IGNORECASE)    # a report of what was done


def features(task: ExtractedTask, siblings: int, order: int, count: int, paragraph: int,
             matcher: AgencyMatcher, abbreviations: dict[str, str] | None,
             imperative: Callable[[str], bool]) -> set[str]:
    """What the doubt model reads of one task: `signals()` and the task's place in its text.

    `order`: the task's rank among the text's tasks; `count`: how many there are; `paragraph`:
    the paragraph of the body it is on (0: the first, a headline or a lede)."""
    found = signals(task, siblings, matcher, abbreviations, imperative, cues=True)
    words = len(task.text.split())
    lead_words = len(task.lead.split())
    found.add("sentence_short" if words < 15 else "sentence_long" if words > 60
              else "sentence_mid")
    found.add("lead_short" if lead_words <= 2 else "lead_mid" if lead_words <= 5
              else "lead_long")
    if _TITLE.match(task.lead):
        found.add("title_lead")
    if task.lead_slug is None and _PLACE.match(task.lead):
        found.add("place_lead")
    folded = _words(task.text)
    if _NEWS.search(folded):
        found.add("news")
    if _PAST.search(task.text):
        found.add("past")
    if task.text.rstrip().endswith(":"):
        found.add("colon_end")
    found.add("first_paragraph" if paragraph == 0 else "early_paragraph" if paragraph <= 2
              else "later_paragraph")
    if order == 0:
        found.add("first_task")
    found.add("only_task" if count == 1 else "many_tasks" if count > 8 else "some_tasks")
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
            cue = _AFTER_MARKER.search(" ".join(words[max(0, i - 3):i]))
            if cue:
                out.add("after_marker")     # "Giao Sở A …", "… đề nghị Sở A …"
                out.add(next((c for w, c in _CUES if cue.group().startswith(w)), "cue_other"))
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


def paragraphs(body: str) -> list[int]:
    """The paragraph of each line of a body (blank lines part them), counted from 0."""
    out, n, blank = [], -1, True
    for line in body.split("\n"):
        if line.strip() and blank:
            n += 1
        blank = not line.strip()
        out.append(max(n, 0))
    return out


@functools.cache
def model() -> tuple[float, dict[str, float]]:
    """The doubt model's threshold and weights (tools/train_task_doubts.py writes them)."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return data["threshold"], data["weights"]


def probability(found: set[str] | frozenset[str], weights: dict[str, float]) -> float:
    """How likely a task with these features is right, by the logistic regression."""
    z = weights["bias"] + sum(weights.get(f, 0.0) for f in found)
    return 1 / (1 + math.exp(-z)) if z > -500 else 0.0


def doubted(tasks: list[ExtractedTask], matcher: AgencyMatcher,
            abbreviations: dict[str, str] | None,
            imperative: Callable[[str], bool], body: str = "",
            first_line: int = 1) -> list[ExtractedTask]:
    """The tasks, those the model doubts marked uncertain (none dropped, none made certain).

    `tasks` are one body's, in the extractor's order; `body` and `first_line` place them."""
    cut, weights = model()
    shared = Counter((t.text, t.line) for t in tasks)
    para = paragraphs(body) or [0]
    out = []
    for order, t in enumerate(tasks):
        # a point speaks for its task (SPEAKS_FOR): its sentence is not read, which spares the
        # cold build's hot path the costly part on structured notices
        if t.certain and t.point is None:
            where = para[min(max(t.line - first_line, 0), len(para) - 1)]
            found = features(t, shared[(t.text, t.line)], order, len(tasks), where, matcher,
                             abbreviations, imperative)
            if probability(found, weights) < cut:
                t = dataclasses.replace(t, certain=False)
        out.append(t)
    return out
