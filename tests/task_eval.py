"""Measure task extraction against hand labels: tests/data/tasks/labels.yml (texts written for
the purpose, and the sample archive: a regression guard) and tests/data/tasks_real/labels.yml
(real texts gathered from public pages, labelled blind: the measure).

A predicted task matches a labelled one when the lead is the same (the vocabulary slug, the
name as written compared folded, or a name the vocabulary resolves to the predicted slug) and
the predicted sentence contains the label's action phrase (folded). Precision and recall count
lead + action; deadline accuracy is over the matched tasks whose label has a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.abbreviations import expand
from generator.agencies import AgencyMatcher
from generator.link.extract_tasks import TaskExtractor
from generator.load import load_document
from generator.load.loader import load_agencies
from generator.text import fold
from generator.validate.agencies import build_agencies, build_scope

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "tasks"
REAL = ROOT / "tests" / "data" / "tasks_real"
HOLDOUT = ROOT / "tests" / "data" / "tasks_holdout"   # labelled after the work, never tuned on
FRESH = ROOT / "tests" / "data" / "tasks_fresh"       # a third blind set: the fresh measure
BLIND2 = ROOT / "tests" / "data" / "tasks_blind2"     # a fourth blind set, 31 provinces
BLIND3 = ROOT / "tests" / "data" / "tasks_blind3"     # a fifth, labelled while blind2 was tuned on
BLIND4 = ROOT / "tests" / "data" / "tasks_blind4"     # a sixth, labelled while blind2 and blind3 were tuned on
BLIND5 = ROOT / "tests" / "data" / "tasks_blind5"     # a seventh, labelled while blind4 was tuned on
BLIND6 = ROOT / "tests" / "data" / "tasks_blind6"     # an eighth, labelled while blind5 was tuned on
BLIND7 = ROOT / "tests" / "data" / "tasks_blind7"     # a ninth, labelled while blind5 and blind6 were tuned on
BLIND8 = ROOT / "tests" / "data" / "tasks_blind8"     # a tenth, labelled after round 6, before any later change


def _norm(text: str) -> str:
    return " ".join(fold(text).replace(",", " ").replace("-", " ").split())


@dataclass
class Scores:
    predicted: int = 0
    labelled: int = 0
    matched: int = 0
    dated: int = 0              # matched tasks whose label gives a day
    dated_right: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)
    wrong_dates: list = field(default_factory=list)
    judged: list = field(default_factory=list)   # (text name, task, matched) for every task

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def deadline_accuracy(self) -> float:
        return self.dated_right / self.dated if self.dated else 1.0

    def summary(self) -> str:
        return (f"{self.labelled} labelled, {self.predicted} extracted, {self.matched} matched: "
                f"precision {self.precision:.2f}, recall {self.recall:.2f}, exact ISO deadline "
                f"{self.dated_right}/{self.dated} = {self.deadline_accuracy:.2f}")


def labels(data: Path = DATA) -> dict:
    return yaml.safe_load((data / "labels.yml").read_text(encoding="utf-8"))


def extractor(doubts: bool = True) -> TaskExtractor:
    """`doubts=False`: `certain` as the rules' own guesses set it, before task_certainty."""
    doc = load_agencies(ROOT / "notices", ROOT)
    agencies, _ = build_agencies(doc)
    scope, _ = build_scope(doc)
    ex = TaskExtractor.for_scope(AgencyMatcher(agencies), scope)
    ex.flag_doubts = doubts
    return ex


def _path(name: str, data: Path) -> Path:
    return ROOT / name if name.startswith("notices/") else data / name


def score(selection=None, data: Path = DATA, doubts: bool = True) -> Scores:
    ex = extractor(doubts)
    scores = Scores()
    for name, gold in labels(data).items():
        if selection and not selection(name):
            continue
        path = _path(name, data)
        doc = load_document(path, ROOT)
        date = doc.data.get("date") if doc.data else None
        predicted = ex.extract(doc.body, doc.body_line, date if isinstance(date, dt.date)
                               else None)
        gold = gold or []
        scores.predicted += len(predicted)
        scores.labelled += len(gold)
        free = list(predicted)
        for label in gold:
            hit = next((p for p in free if _same_lead(label["lead"], p, ex.matcher)
                        and _norm(label["action"]) in _norm(p.text)), None)
            if hit is None:
                scores.misses.append((name, label))
                continue
            free.remove(hit)
            scores.matched += 1
            if label.get("deadline"):
                scores.dated += 1
                if hit.deadline == label["deadline"]:
                    scores.dated_right += 1
                else:
                    scores.wrong_dates.append((name, label, hit.deadline, hit.deadline_text))
        scores.extras.extend((name, p) for p in free)
        scores.judged.extend((name, p, not any(p is f for f in free)) for p in predicted)
    return scores


def _same_lead(gold: str, task, matcher=None) -> bool:
    if task.lead_slug is not None and gold == task.lead_slug:
        return True
    if task.lead_slug is not None and matcher is not None and \
            matcher.resolve(gold) == task.lead_slug:
        return True
    # the labels spell abbreviations out (their convention); a name kept as written is compared
    # spelt out by the same default table, never more loosely
    return _lead_key(gold) == _lead_key(task.lead) or \
        _lead_key(expand(gold)) == _lead_key(expand(task.lead))


def _lead_key(name: str) -> str:
    """A lead's name compared loosely: folded, "Ủy ban nhân dân" = "UBND", "&" = "và"."""
    text = " " + " ".join(_norm(name.replace("&", " và ").replace("/", " ")).replace(
        ".", " ").split()) + " "
    for long, short in ((" uy ban nhan dan ", " ubnd "), (" thanh pho ", " tp "),
                        (" tphcm ", " tp ho chi minh "), (" tp hcm ", " tp ho chi minh ")):
        text = text.replace(long, short)
    return " ".join(text.split())
