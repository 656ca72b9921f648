"""Model values → plain dicts the Jinja templates display. Templates escape every string (`|e`).

URLs here are site-root-relative ("2024/125-tb-vpubnd/"); templates pass them through mkdocs'
`url` filter, which makes them relative to the page so the site works from any folder or host.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..link import LinkedArchive
from ..model import CLASSIFICATION_LABELS, STATUS_LABELS, Notice
from .format import MONTHS, long_date, short_date


def notice_url(notice: Notice) -> str:
    return f"{notice.key}/"


def topic_url(slug: str) -> str:
    return f"chu-de/{slug}/"


def year_url(year: int | None) -> str:
    return f"nam/{year}/" if year else "nam/du-thao/"


def notice_item(notice: Notice, linked: LinkedArchive) -> dict[str, Any]:
    """A notice as one line of a list."""
    return {
        "url": notice_url(notice),
        "number": notice.label,
        "date": short_date(notice.date),
        "title": notice.title,
        "issuer": notice.issuer or "",
        "status": notice.status,
        "status_label": STATUS_LABELS[notice.status],
        "topics": [{"name": linked.topics[s].name, "url": topic_url(s)}
                   for s in notice.topics if s in linked.topics],
    }


def notice_page(notice: Notice, linked: LinkedArchive) -> dict[str, Any]:
    """Everything the notice template shows besides the body."""
    meeting = notice.meeting
    signer = notice.signer
    replaced = linked.superseded_by.get(notice.key)
    supersedes = linked.notice_for(notice.supersedes) if notice.supersedes else None
    return {
        "number": notice.number if notice.status != "draft" else None,
        "label": notice.label,
        "type_name": notice.type_name,
        "title": notice.title,
        "date": long_date(notice.date),
        "date_short": short_date(notice.date),
        "place": notice.place or "",
        "issuer": notice.issuer or "",
        "signer": {"name": signer.name, "title": signer.title or "",
                   "authority": signer.authority or ""} if signer else None,
        "meeting": {"date": long_date(meeting.date), "location": meeting.location or "",
                    "chair": meeting.chair or "", "chair_title": meeting.chair_title or ""}
        if meeting else None,
        "topics": [{"name": linked.topics[s].name, "url": topic_url(s)}
                   for s in notice.topics if s in linked.topics],
        "status": notice.status,
        "status_label": STATUS_LABELS[notice.status],
        "classification": notice.classification,
        "classification_label": CLASSIFICATION_LABELS[notice.classification],
        "recipients": list(notice.recipients),
        "year_url": year_url(notice.year),
        "year": notice.year,
        "month": MONTHS[notice.date.month] if notice.date else "",
        "month_anchor": f"thang-{notice.date.month}" if notice.date else "",
        "related": [notice_item(n, linked) for n in linked.related.get(notice.key, ())],
        "backlinks": [notice_item(n, linked) for n in linked.backlinks.get(notice.key, ())],
        "replaced_by": notice_item(replaced, linked) if replaced else None,
        # References to notices this profile withholds: the number as this notice writes it,
        # as plain text; nothing of the withheld notice itself (no link, title or date).
        "withheld_refs": [number for number in dict.fromkeys(
            notice.related + ((notice.supersedes,) if notice.supersedes else ()))
            if number not in linked.by_number],
        "supersedes": notice_item(supersedes, linked) if supersedes else None,
        "source": notice.source,
    }


def group_by_year(notices, linked: LinkedArchive) -> list[dict[str, Any]]:
    """Newest year first; drafts without a date last."""
    groups: dict[int | None, list] = defaultdict(list)
    for notice in notices:
        groups[notice.year].append(notice_item(notice, linked))
    years = sorted((y for y in groups if y is not None), reverse=True)
    ordered = [{"year": y, "label": str(y), "url": year_url(y), "count": len(groups[y]),
                "notices": groups[y]} for y in years]
    if None in groups:
        ordered.append({"year": None, "label": "Dự thảo chưa ghi ngày", "url": year_url(None),
                        "count": len(groups[None]), "notices": groups[None]})
    return ordered


def group_by_month(notices, linked: LinkedArchive) -> list[dict[str, Any]]:
    groups: dict[int, list] = defaultdict(list)
    for notice in notices:
        groups[notice.date.month if notice.date else 0].append(notice_item(notice, linked))
    return [{"label": MONTHS.get(m, "Chưa ghi ngày"), "anchor": f"thang-{m}",
             "count": len(groups[m]), "notices": groups[m]}
            for m in sorted(groups, reverse=True)]


def topic_list(linked: LinkedArchive) -> list[dict[str, Any]]:
    """Every topic with its count, parents before their children, by name."""
    children: dict[str | None, list] = defaultdict(list)
    for topic in linked.topics.values():
        parent = topic.parent if topic.parent in linked.topics else None
        children[parent].append(topic)

    out: list[dict[str, Any]] = []

    def walk(parent: str | None, depth: int) -> None:
        for topic in sorted(children[parent], key=lambda t: t.name):
            out.append({"slug": topic.slug, "name": topic.name, "url": topic_url(topic.slug),
                        "description": topic.description, "depth": depth,
                        "count": len(linked.topic_notices.get(topic.slug, ()))})
            walk(topic.slug, depth + 1)

    walk(None, 0)
    return out
