"""What the task pages show: a notice's *Nhiệm vụ được giao* table, the *Nhiệm vụ* index and a
page per lead agency (open tasks by deadline, overdue ones marked as of the build date, then
completed ones)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..link import LinkedArchive, Task
from ..model import AGENCY_KINDS, TASK_STATUS_LABELS
from ..text import fold
from . import views
from .format import short_date
from .task_data import agency_url

TASKS_DIR = "nhiem-vu"


def calendar_url(key: str) -> str:
    return f"{TASKS_DIR}/{key}/nhiem-vu.ics"


def feed_url(key: str) -> str:
    return f"{TASKS_DIR}/{key}/feed.xml"


def task_row(task: Task, today: dt.date, linked: LinkedArchive,
             with_notice: bool = True) -> dict[str, Any]:
    days = task.overdue_days(today)
    lead_key = task.owners[0] if task.owners else None
    report = task.report_notice
    return {
        "lead": task.lead,
        "lead_url": agency_url(lead_key) if lead_key in linked.agency_pages else None,
        "support": list(task.support),
        "text": task.text,
        "point": task.point or "",
        "deadline": short_date(task.deadline),
        "deadline_iso": task.deadline.isoformat() if task.deadline else "",
        "deadline_text": task.deadline_text or "",
        "status": task.status,
        "status_label": TASK_STATUS_LABELS[task.status],
        "overdue_days": days,
        "completed": short_date(task.completed),
        "report": task.report or "",
        "report_url": views.notice_url(report) if report is not None else None,
        "source": task.source,
        "certain": task.certain,
        "external": task.external,
        "notice": views.notice_item(task.notice, linked) if with_notice else None,
    }


def notice_tasks(notice_key: str, linked: LinkedArchive, today: dt.date) -> list[dict]:
    return [task_row(t, today, linked, with_notice=False)
            for t in linked.tasks.get(notice_key, ())]


def agency_page(key: str, linked: LinkedArchive, today: dt.date,
                limit: int | None = None) -> dict[str, Any]:
    """An agency's page. Up to `limit` tasks, all of them; beyond, the `limit` most urgent open
    ones and a page per year of the notices that gave the rest, so that neither the page nor
    the cost of rendering it after each new notice grows with the archive."""
    tasks = linked.agency_pages[key].tasks
    split = limit is not None and len(tasks) > limit
    # Split: the completed tasks are on the year pages.
    lists = _task_lists(tasks, today, linked, limit if split else None, with_done=not split)
    return {**_agency_header(key, linked, today), **lists,
            "years": agency_years(key, linked, today) if split else []}


def agency_year_page(key: str, year: int | None, linked: LinkedArchive,
                     today: dt.date) -> dict[str, Any]:
    """The tasks an agency was given by the notices of one year: open ones by urgency, then
    completed ones."""
    tasks = [t for t in linked.agency_pages[key].tasks if t.notice.year == year]
    return {**_agency_header(key, linked, today), **_task_lists(tasks, today, linked),
            "year_label": year_label(year), "parent_url": agency_url(key)}


def _task_lists(tasks, today: dt.date, linked: LinkedArchive, open_limit: int | None = None,
                with_done: bool = True) -> dict[str, Any]:
    """Open tasks by urgency (the first `open_limit` of them), completed ones, and the counts."""
    ordered = sorted(tasks, key=lambda t: t.urgency(today))
    open_tasks = [t for t in ordered if not t.done]
    return {
        "open_tasks": [task_row(t, today, linked) for t in open_tasks[:open_limit]],
        "done_tasks": [task_row(t, today, linked) for t in ordered if t.done] if with_done else [],
        "open_count": len(open_tasks),
        "done_count": len(ordered) - len(open_tasks),
        "overdue_count": sum(1 for t in open_tasks if t.overdue_days(today)),
    }


YEARLESS = "Dự thảo chưa ghi ngày"


def year_label(year: int | None) -> str:
    return str(year) if year else YEARLESS


def year_segment(year: int | None) -> str:
    return str(year) if year else "du-thao"


def agency_year_url(key: str, year: int | None) -> str:
    return f"{TASKS_DIR}/{key}/{year_segment(year)}/"


def agency_years(key: str, linked: LinkedArchive, today: dt.date) -> list[dict[str, Any]]:
    """The years of the notices that gave an agency tasks, newest first, with counts."""
    counts: dict[int | None, list[int]] = {}
    for task in linked.agency_pages[key].tasks:
        row = counts.setdefault(task.notice.year, [0, 0, 0])
        row[0 if not task.done else 1] += 1
        row[2] += bool(not task.done and task.overdue_days(today))
    ordered: list[int | None] = sorted((y for y in counts if y is not None), reverse=True)
    if None in counts:  # undated drafts first, as everywhere (Notice.sort_key)
        ordered.insert(0, None)
    return [{"label": year_label(y), "url": agency_year_url(key, y),
             "open": counts[y][0], "done": counts[y][1], "overdue": counts[y][2]}
            for y in ordered]


def _agency_header(key: str, linked: LinkedArchive, today: dt.date) -> dict[str, Any]:
    page = linked.agency_pages[key]
    agency = page.agency
    predecessors = [a for a in linked.agencies.values() if a.succeeded_by == key]
    successor = linked.agencies.get(agency.succeeded_by) if agency and agency.succeeded_by else None
    return {
        "agency": {
            "key": key, "name": page.name,
            "kind": AGENCY_KINDS.get(agency.kind, "") if agency else "",
            "aliases": list(agency.aliases) if agency else [],
            "in_vocabulary": agency is not None,
        },
        "successor": {"name": successor.name,
                      "url": agency_url(successor.slug) if successor.slug in linked.agency_pages
                      else None, "since": short_date(agency.since)} if successor else None,
        "predecessors": [{"name": a.name, "since": short_date(a.since),
                          "url": agency_url(a.slug) if a.slug in linked.agency_pages else None}
                         for a in predecessors],
        "today": short_date(today),
        "calendar_url": calendar_url(key),
        "feed_url": feed_url(key),
    }


def agency_list(linked: LinkedArchive, today: dt.date) -> list[dict[str, Any]]:
    """The task index's rows: one per agency that no other agency with a page succeeds, each
    counting its tasks once (a successor's page holds its predecessors' tasks too), with the
    agencies merged into it as `predecessors`, a breakdown shown under it, not added to it."""
    def row(key: str, page) -> dict[str, Any]:
        open_ = [t for t in page.tasks if not t.done]
        agency = page.agency
        return {"key": key, "name": page.name, "url": agency_url(key),
                "open": len(open_), "done": len(page.tasks) - len(open_),
                "overdue": sum(1 for t in open_ if t.overdue_days(today)),
                "calendar_url": calendar_url(key),
                "since": short_date(agency.since) if agency and agency.since else "",
                "predecessors": []}

    def root(key: str) -> str:
        """The last successor with a page of `key`'s chain of mergers (itself when none)."""
        seen = {key}
        while True:
            agency = linked.agency_pages[key].agency
            after = agency.succeeded_by if agency else None
            if not after or after not in linked.agency_pages or after in seen:
                return key
            seen.add(after)
            key = after

    rows = {key: row(key, page) for key, page in linked.agency_pages.items()}
    top = []
    for key in rows:
        head = root(key)
        if head == key:
            top.append(rows[key])
        else:
            rows[head]["predecessors"].append(rows[key])
    order = lambda r: (-r["overdue"], -r["open"], fold(r["name"]))  # noqa: E731
    for r in top:
        r["predecessors"].sort(key=order)
    top.sort(key=order)
    return top
