"""notices.json: a machine-readable catalogue of every published notice (format in docs/handbook/development/site.md).

Only what this build publishes appears: references to withheld notices are left out, never
named. URLs are site-root-relative unless mkdocs.yml sets `site_url`, then absolute.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..link import LinkedArchive
from ..model import Notice
from ..validate import today_in_vietnam
from . import views
from .task_data import agency_url, task_record

FORMAT = "notice-archive/notices"
VERSION = 1


def _date(value) -> str | None:
    return value.isoformat() if value else None


def catalog(linked: LinkedArchive, site_url: str = "", today=None) -> dict[str, Any]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    today = today or today_in_vietnam()

    def task(t) -> dict[str, Any]:
        record = task_record(t, today, base)
        del record["notice"]   # it is the notice the task is listed under
        record["point"] = t.point
        return record

    def ref(n: Notice) -> dict[str, Any]:
        return {"key": n.key, "number": n.shown_number, "url": base + views.notice_url(n)}

    def published(number: str | None, citing: Notice) -> Notice | None:
        return linked.by_number.get(number, citing=citing)

    notices = []
    for n in linked.notices:
        outgoing: dict[str, Notice] = {}
        for number in (*n.related, n.supersedes):
            target = published(number, n)
            if target is not None and target is not n:
                outgoing.setdefault(target.key, target)
        for target in linked.cites.get(n.key, ()):
            outgoing.setdefault(target.key, target)
        replaced_by = linked.superseded_by.get(n.key)
        supersedes = published(n.supersedes, n)
        notices.append({
            "key": n.key,
            "url": base + views.notice_url(n),
            "number": n.shown_number,
            "type": n.type,
            "type_name": n.type_name,
            "title": n.title,
            "issuer": n.issuer,
            "place": n.place,
            "date": _date(n.date),
            "status": n.status,
            "classification": n.classification,
            "meeting": {"date": _date(n.meeting.date), "location": n.meeting.location,
                        "chair": n.meeting.chair, "chair_title": n.meeting.chair_title}
            if n.meeting else None,
            "signer": {"name": n.signer.name, "title": n.signer.title,
                       "authority": n.signer.authority} if n.signer else None,
            "recipients": list(n.recipients),
            "topics": [s for s in n.topics if s in linked.topics],
            "related": [ref(t) for t in (published(x, n) for x in n.related) if t is not None],
            "supersedes": ref(supersedes) if supersedes else None,
            "superseded_by": ref(replaced_by) if replaced_by else None,
            "references": [ref(t) for t in outgoing.values()],
            "cited_by": [ref(t) for t in linked.backlinks.get(n.key, ())],
            "external": [{"key": d.key, "label": d.label, "url": base + views.external_url(d.key)}
                         for d in linked.external_of.get(n.key, ())],
            "tasks": [task(t) for t in linked.tasks.get(n.key, ())],
        })
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": linked.profile.name,
        "count": len(notices),
        "topics": [{"slug": t.slug, "name": t.name, "aliases": list(t.aliases),
                    "parent": t.parent, "description": t.description,
                    "url": base + views.topic_url(t.slug),
                    "count": len(linked.topic_notices.get(t.slug, ()))}
                   for t in linked.topics.values()],
        "external_documents": [{"key": d.key, "label": d.label, "kind": d.kind,
                                "url": base + views.external_url(d.key),
                                "cited_by": [ref(n) for n in d.citing]}
                               for d in linked.external.values()],
        "agencies": [{"key": p.key, "name": p.name, "slug": p.agency.slug if p.agency else None,
                      "url": base + agency_url(p.key), "tasks": len(p.tasks)}
                     for p in linked.agency_pages.values()],
        "notices": notices,
    }


def write_catalog(linked: LinkedArchive, site_dir: Path, site_url: str = "") -> Path:
    target = site_dir / "notices.json"
    # Compact: at 10,000 notices indentation alone would add megabytes.
    target.write_text(json.dumps(catalog(linked, site_url), ensure_ascii=False,
                                 separators=(",", ":")), encoding="utf-8")
    return target
