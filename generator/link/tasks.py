"""The task register: every published notice's assignments, their status, and who owns them.

A notice's `tasks:` front matter replaces what is extracted from its body. A later published
notice's `closes:` marks the named notice's tasks (or one point's) done, with that notice as the
report. A task given to an agency that was later merged also belongs to its successor.
Only published notices take part, so a withheld notice's tasks and reports appear nowhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Mapping, MutableMapping

from .. import processes
from ..agencies import AgencyMatcher
from ..cache import PARALLEL_THRESHOLD, WORKERS
from ..model import Agency, Notice, Numbers, Scope
from ..text import slugify
from .extract_tasks import ExtractedTask, TaskExtractor

OPEN_STATUSES = ("chua-thuc-hien", "dang-thuc-hien")


@dataclass(frozen=True, slots=True)
class Task:
    notice: Notice
    index: int                          # order within the notice
    lead: str                           # vocabulary name when resolved, else as written
    lead_slug: str | None
    support: tuple[str, ...]
    action: str
    text: str                           # the assignment sentence (front matter: the action)
    deadline: dt.date | None
    deadline_text: str | None
    status: str
    completed: dt.date | None
    report: str | None                  # number of the notice or report that closed it
    report_notice: Notice | None        # that notice, when it is published in the archive
    point: str | None
    line: int
    source: str                         # "text" or "front-matter"
    owners: tuple[str, ...]             # agency page keys: the lead and its successors
    certain: bool = True                # False: a guess or a doubt; shown "cần xác nhận"
    external: bool = False              # another province's or a central body: no local page

    @property
    def done(self) -> bool:
        return self.status == "hoan-thanh"

    def overdue_days(self, today: dt.date) -> int:
        """Days past the deadline; 0 when not overdue (done, no day, or not yet due)."""
        if self.done or self.deadline is None or self.deadline >= today:
            return 0
        return (today - self.deadline).days

    def urgency(self, today: dt.date) -> tuple:
        """Most urgent first: open before done, then by deadline (none last), then newest."""
        return (self.done, self.deadline is None, self.deadline or dt.date.max,
                self.notice.sort_key, self.index)


@dataclass(frozen=True, slots=True)
class AgencyPage:
    key: str                            # URL segment: the vocabulary slug, or the name slugged
    name: str
    agency: Agency | None
    tasks: tuple[Task, ...]             # most urgent first


def agency_key(lead: str, slug: str | None) -> str:
    return slug or slugify(lead, "khac")


def vocabulary_digest(agencies: Mapping[str, Agency], scope: Scope = Scope()) -> str:
    return hashlib.sha1(repr((sorted(agencies.items()), scope)).encode()).hexdigest()[:16]


def memo_key(notice: Notice, vocab: str) -> str:
    return f"{notice.digest}|{vocab}"


def extracted(notice: Notice, extractor: TaskExtractor, memo: MutableMapping | None,
              vocab: str) -> tuple[ExtractedTask, ...]:
    key = memo_key(notice, vocab)
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = tuple(extractor.extract(notice.body, notice.body_line, notice.date))
        if memo is not None:
            memo[key] = found
    return found


def build_register(published: list[Notice], agencies: Mapping[str, Agency], by_number: Numbers,
                   memo: MutableMapping | None = None, scope: Scope = Scope(),
                   ) -> tuple[dict[str, tuple[Task, ...]], dict[str, AgencyPage]]:
    """(notice key → its tasks, agency key → its page)."""
    matcher = AgencyMatcher(agencies)
    extractor = TaskExtractor.for_scope(matcher, scope)
    vocab = vocabulary_digest(agencies, scope)
    # closes: notice key → (point or None → the closing notice)
    closings: dict[str, dict[str | None, Notice]] = {}
    for notice in sorted(published, key=lambda n: n.sort_key, reverse=True):  # oldest first
        for closing in notice.closes:
            target = by_number.get(closing.notice, citing=notice)
            if target is not None and target is not notice:
                point = closing.point.strip().rstrip(".") if closing.point else None
                closings.setdefault(target.key, {})[point] = notice

    known: dict[tuple[str | None, str], tuple[str, ...]] = {}

    def owners(slug: str | None, lead: str) -> tuple[str, ...]:
        # A few hundred distinct leads among tens of thousands of tasks: slug each once.
        found = known.get((slug, lead))
        if found is None:
            keys = [agency_key(lead, slug)]
            if slug:
                keys.extend(matcher.successors(slug))
            found = known[(slug, lead)] = tuple(dict.fromkeys(keys))
        return found

    # A replaced or revoked notice's tasks are not chased: its replacement carries the current ones.
    replaced = {target.key for n in published if n.supersedes
                for target in [by_number.get(n.supersedes, citing=n)] if target is not None}
    chased = [n for n in published
              if n.status not in ("superseded", "revoked") and n.key not in replaced]
    memo = _extract_missing([n for n in chased if n.tasks is None], agencies, memo, vocab, scope)
    register: dict[str, tuple[Task, ...]] = {}
    for notice in chased:
        tasks: list[Task] = []
        if notice.tasks is not None:
            for i, entry in enumerate(notice.tasks):
                slug = matcher.resolve(entry.lead)
                lead = agencies[slug].name if slug else entry.lead
                # a person's `tasks:` naming "UBND tỉnh Hà Tĩnh" is outside, as if read from text
                outside = slug is None and extractor.parser.outside(entry.lead)
                status = entry.status or ("hoan-thanh" if entry.completed else "chua-thuc-hien")
                report_notice = by_number.get(entry.report, citing=None) if entry.report else None
                tasks.append(Task(
                    notice=notice, index=i, lead=lead, lead_slug=slug,
                    support=tuple(agencies[s].name if (s := matcher.resolve(x)) else x
                                  for x in entry.support),
                    action=entry.action, text=entry.action, deadline=entry.deadline,
                    deadline_text=(entry.deadline_text if entry.deadline is None
                                   else f"{entry.deadline:%d/%m/%Y}"),
                    status=status, completed=entry.completed, report=entry.report,
                    report_notice=report_notice if report_notice in published else None,
                    point=entry.point, line=entry.line, source="front-matter",
                    owners=() if outside else owners(slug, lead), external=outside))
        else:
            for i, found in enumerate(extracted(notice, extractor, memo, vocab)):
                tasks.append(Task(
                    notice=notice, index=i, lead=found.lead, lead_slug=found.lead_slug,
                    support=found.support, action=found.action, text=found.text,
                    deadline=found.deadline, deadline_text=found.deadline_text,
                    status="chua-thuc-hien", completed=None, report=None, report_notice=None,
                    point=found.point, line=found.line, source="text",
                    owners=() if found.external else owners(found.lead_slug, found.lead),
                    certain=found.certain, external=found.external))
        closed = closings.get(notice.key, {})
        if closed:
            tasks = [_close(t, closed) for t in tasks]
        if tasks:
            register[notice.key] = tuple(tasks)

    pages: dict[str, list[Task]] = {}
    names: dict[str, str] = {}
    for tasks in register.values():
        for task in tasks:
            for key in task.owners:
                pages.setdefault(key, []).append(task)
                names.setdefault(key, agencies[key].name if key in agencies else task.lead)
    agency_pages = {
        key: AgencyPage(key, names[key], agencies.get(key),
                        tuple(sorted(ts, key=lambda t: t.urgency(dt.date.min))))
        for key, ts in sorted(pages.items())}
    return register, agency_pages


def _extract_missing(notices: list[Notice], agencies: Mapping[str, Agency],
                     memo: MutableMapping | None, vocab: str,
                     scope: Scope = Scope()) -> MutableMapping:
    """Extract, on both cores, the tasks of the notices the memo does not know yet (a cold
    build: every notice, ~10 ms each), so that the loop above finds them all in the memo."""
    memo = memo if memo is not None else {}
    missing = [n for n in notices if memo.get(memo_key(n, vocab)) is None]
    if len(missing) < PARALLEL_THRESHOLD or WORKERS < 2:
        return memo  # extracted one by one, on first use
    chunk = max(16, len(missing) // (WORKERS * 8))
    with ProcessPoolExecutor(WORKERS, mp_context=processes.context(),
                             initializer=_start_extractor, initargs=(dict(agencies), scope)) as pool:
        found = pool.map(_extract_in_worker, [(n.body, n.body_line, n.date) for n in missing],
                         chunksize=chunk)
        for notice, tasks in zip(missing, found):
            memo[memo_key(notice, vocab)] = tasks
    return memo


_WORKER_EXTRACTOR: TaskExtractor | None = None


def _start_extractor(agencies: dict[str, Agency], scope: Scope) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = TaskExtractor.for_scope(AgencyMatcher(agencies), scope)


def _extract_in_worker(args: tuple) -> tuple[ExtractedTask, ...]:
    body, first_line, date = args
    return tuple(_WORKER_EXTRACTOR.extract(body, first_line, date))


class LazyRegister:
    """build_register's result, computed once, when first asked for."""

    def __init__(self, *args) -> None:
        self._args = args
        self._value = None

    def get(self) -> tuple[dict[str, tuple[Task, ...]], dict[str, AgencyPage]]:
        if self._value is None:
            self._value = build_register(*self._args)
            self._args = None
        return self._value


def _close(task: Task, closed: Mapping[str | None, Notice]) -> Task:
    if task.done:
        return task
    point = task.point or ""
    by = None
    for name, notice in closed.items():
        if name is None or point == name or point.startswith(name + "."):
            by = notice
    if by is None:
        return task
    return replace(task, status="hoan-thanh", completed=task.completed or by.date,
                   report=by.number, report_notice=by)
