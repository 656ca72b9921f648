"""Per-agency files of the task register: an iCalendar file of deadlines (RFC 5545), so staff
can subscribe in Outlook or Google Calendar, and an Atom feed of the agency's tasks."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import MutableMapping

from ..link import LinkedArchive, Task
from ..model import TASK_STATUS_LABELS
from . import views
from .feeds import _ID_NAMESPACE, _Urls, _q
from .task_views import calendar_url, feed_url
from .task_data import agency_url

FEED_SIZE = 50


def task_uid(task: Task) -> str:
    """Stable across builds: the notice, the task's place in it and its lead."""
    return f"{uuid.uuid5(_ID_NAMESPACE, f'task:{task.notice.key}:{task.index}:{task.lead}')}"


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545 3.1);
    never inside a character's UTF-8 bytes."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return [line]
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut].decode("utf-8"))
        start, limit = cut, 74
    parts.append(data[start:].decode("utf-8"))
    return [parts[0]] + [" " + part for part in parts[1:]]


def calendar(linked: LinkedArchive, key: str, url, absolute: bool = False,
             events: MutableMapping[str, str] | None = None) -> str:
    """`absolute`: the site has a site_url, so events can link to their notice (a calendar
    cannot resolve a relative address). `events`: a memo of each event's folded text by its
    lines (cache.Memo): folding was most of the calendars' cost, and an edit changes few."""
    page = linked.agency_pages[key]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//notice-archive//nhiem-vu//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_ics_text('Nhiệm vụ: ' + page.name)}",
             "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    head = "".join(part + "\r\n" for line in lines for part in _fold(line))
    out = [head]
    for task in page.tasks:
        if task.deadline is None:
            continue
        day = task.deadline
        number = task.notice.label
        summary = f"[{'Hoàn thành' if task.done else 'Hạn'}] {task.lead}: {task.action or task.text}"
        if len(summary) > 160:
            summary = summary[:157].rstrip() + "…"
        description = [task.text, f"Thông báo {number}" + (f", điểm {task.point}" if task.point
                                                          else ""),
                       f"Trạng thái: {TASK_STATUS_LABELS[task.status]}"]
        if task.support:
            description.append("Phối hợp: " + ", ".join(task.support))
        event = [
            # Deterministic (the same archive gives the same bytes): the notice's own date.
            f"DTSTAMP:{task.notice.date or day:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(chr(10).join(description))}",
            *([f"URL:{url(views.notice_url(task.notice))}"] if absolute else []),
            "STATUS:CONFIRMED",
            "TRANSP:TRANSPARENT",
        ]
        if task.done:
            event.append("CATEGORIES:Hoàn thành")
        event.append("END:VEVENT")
        out.append(_folded(task, event, events))
    out.append("END:VCALENDAR\r\n")
    return "".join(out)


def _folded(task: Task, lines: list[str], memo: MutableMapping[str, str] | None) -> str:
    """One event, its UID line first, folded (RFC 5545), CRLF after each line; by content from
    `memo`. The UID is keyed by what it is made of: a uuid5 per task cost a sixth of the
    calendars (profiled at 3,000 notices)."""
    key = None
    if memo is not None:
        made_of = [task.notice.key, task.index, task.lead, *lines]
        # repr, not JSON: as exact, and a third of the cost (the key is made for every event).
        key = hashlib.sha256(repr(made_of).encode("utf-8")).hexdigest()
        text = memo.get(key)
        if text is not None:
            return text
    lines = ["BEGIN:VEVENT", f"UID:{task_uid(task)}@notice-archive", *lines]
    text = "".join(part + "\r\n" for line in lines for part in _fold(line))
    if key is not None:
        memo[key] = text
    return text


def agency_feed(linked: LinkedArchive, key: str, site_name: str, site_url: str,
                ) -> ET.ElementTree:
    page = linked.agency_pages[key]
    path = feed_url(key)
    url = _Urls(site_url, path)
    tasks = sorted(page.tasks, key=lambda t: (t.notice.sort_key, t.index))[:FEED_SIZE]
    feed = ET.Element(_q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    ET.SubElement(feed, _q("id")).text = f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'tasks:' + key)}"
    ET.SubElement(feed, _q("title")).text = f"{site_name}: nhiệm vụ của {page.name}"
    newest = max((t.notice.date for t in tasks if t.notice.date), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, _q("updated")).text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(feed, _q("link"), {"rel": "self", "type": "application/atom+xml",
                                      "href": url(path)})
    ET.SubElement(feed, _q("link"), {"rel": "alternate", "type": "text/html",
                                      "href": url(agency_url(key))})
    author = ET.SubElement(feed, _q("author"))
    ET.SubElement(author, _q("name")).text = site_name
    for task in tasks:
        date = task.notice.date or newest
        entry = ET.SubElement(feed, _q("entry"))
        ET.SubElement(entry, _q("id")).text = f"urn:uuid:{task_uid(task)}"
        ET.SubElement(entry, _q("title")).text = (
            f"{task.notice.label}" + (f", điểm {task.point}" if task.point else "")
            + f": {task.lead}")
        ET.SubElement(entry, _q("link"), {"rel": "alternate", "type": "text/html",
                                           "href": url(views.notice_url(task.notice))})
        ET.SubElement(entry, _q("updated")).text = f"{date.isoformat()}T00:00:00Z"
        when = (f"Thời hạn: {task.deadline:%d/%m/%Y}" if task.deadline else
                f"Thời hạn: {task.deadline_text}" if task.deadline_text else "Không nêu thời hạn")
        ET.SubElement(entry, _q("summary")).text = (
            f"{task.text} ({when}; {TASK_STATUS_LABELS[task.status]})")
    ET.indent(feed)
    return ET.ElementTree(feed)


def write_task_files(linked: LinkedArchive, site_dir: Path, site_name: str,
                     site_url: str, events: MutableMapping[str, str] | None = None) -> list[str]:
    written = []
    for key in linked.agency_pages:
        path = calendar_url(key)
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar(linked, key, _Urls(site_url, path),
                                    absolute=bool(site_url), events=events).encode("utf-8"))
        tree = agency_feed(linked, key, site_name, site_url)
        tree.write(site_dir / feed_url(key), encoding="utf-8", xml_declaration=True)
        written += [path, feed_url(key)]
    return written
