"""Tasks as data: the records of `notice-archive tasks --json`, notices.json and the agency pages.

One function writes a task record, so the CLI and the site describe a task the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..link import Task
from . import views


def task_record(task: Task, today: dt.date, base: str = "") -> dict[str, Any]:
    """The documented order: notice, lead, lead_slug, support, text, deadline, deadline_text,
    status, overdue, source, external, certain."""
    n = task.notice
    return {
        "notice": {"key": n.key, "number": n.shown_number, "path": n.source,
                   "url": base + views.notice_url(n)},
        "lead": task.lead,
        "lead_slug": task.lead_slug,
        "support": list(task.support),
        "text": task.text,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "deadline_text": task.deadline_text,
        "status": task.status,
        "overdue": task.overdue_days(today) > 0,
        "source": task.source,
        "external": task.external,
        "certain": task.certain,
    }


def agency_url(key: str) -> str:
    return f"nhiem-vu/{key}/"
