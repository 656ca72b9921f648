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
    lead_key = task.owners[0]
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
        "notice": views.notice_item(task.notice, linked) if with_notice else None,
    }


def notice_tasks(notice_key: str, linked: LinkedArchive, today: dt.date) -> list[dict]:
    return [task_row(t, today, linked, with_notice=False)
            for t in linked.tasks.get(notice_key, ())]


def agency_page(key: str, linked: LinkedArchive, today: dt.date) -> dict[str, Any]:
    page = linked.agency_pages[key]
    ordered = sorted(page.tasks, key=lambda t: t.urgency(today))
    open_ = [task_row(t, today, linked) for t in ordered if not t.done]
    done = [task_row(t, today, linked) for t in ordered if t.done]
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
        "open_tasks": open_,
        "done_tasks": done,
        "overdue_count": sum(1 for t in open_ if t["overdue_days"]),
        "today": short_date(today),
        "calendar_url": calendar_url(key),
        "feed_url": feed_url(key),
    }


def agency_list(linked: LinkedArchive, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for key, page in linked.agency_pages.items():
        open_ = [t for t in page.tasks if not t.done]
        rows.append({"key": key, "name": page.name, "url": agency_url(key),
                     "open": len(open_), "done": len(page.tasks) - len(open_),
                     "overdue": sum(1 for t in open_ if t.overdue_days(today)),
                     "calendar_url": calendar_url(key)})
    rows.sort(key=lambda r: (-r["overdue"], -r["open"], fold(r["name"])))
    return rows
