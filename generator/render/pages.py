"""Which pages the site has: one per published notice, plus home, topic and year indexes.

Each page is a PageSpec: where it lives, its title, its template in theme/, the Markdown mkdocs
renders into `page.content`, and the context its template needs. Nothing here writes files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..link import PROFILE_LABELS, LinkedArchive
from ..model import Notice
from . import views

HOME_LATEST = 20


@dataclass(frozen=True)
class PageSpec:
    src_uri: str                     # e.g. "2024/125-tb-vpubnd.md" → /2024/125-tb-vpubnd/
    title: str
    template: str
    markdown: str = ""
    context: Callable[[], dict[str, Any]] = field(default=dict)  # built lazily, per page
    notice: Notice | None = None


def site_pages(linked: LinkedArchive) -> Iterator[PageSpec]:
    yield from _notice_pages(linked)
    yield _home(linked)
    yield from _topic_pages(linked)
    yield from _year_pages(linked)


def _notice_pages(linked: LinkedArchive) -> Iterator[PageSpec]:
    for notice in linked.notices:
        yield PageSpec(
            src_uri=f"{notice.key}.md",
            title=notice.title,
            template="notice.html",
            markdown=notice.body,
            context=lambda n=notice: {"notice": views.notice_page(n, linked)},
            notice=notice,
        )


def _home(linked: LinkedArchive) -> PageSpec:
    def context() -> dict[str, Any]:
        return {
            "latest": [views.notice_item(n, linked) for n in linked.notices[:HOME_LATEST]],
            "topics": views.topic_list(linked),
            "years": [{k: g[k] for k in ("label", "url", "count")}
                      for g in views.group_by_year(linked.notices, linked)],
            "total": len(linked.notices),
        }
    return PageSpec("index.md", "Lưu trữ thông báo", "home.html", context=context)


def _topic_pages(linked: LinkedArchive) -> Iterator[PageSpec]:
    yield PageSpec("chu-de/index.md", "Chủ đề", "topics.html",
                   context=lambda: {"topics": views.topic_list(linked)})
    for slug, topic in linked.topics.items():
        def context(slug=slug, topic=topic) -> dict[str, Any]:
            notices = linked.topic_notices.get(slug, ())
            parent = linked.topics.get(topic.parent) if topic.parent else None
            return {
                "topic": {"name": topic.name, "description": topic.description,
                          "aliases": list(topic.aliases), "count": len(notices)},
                "parent": {"name": parent.name, "url": views.topic_url(parent.slug)}
                if parent else None,
                "children": [t for t in views.topic_list(linked)
                             if linked.topics[t["slug"]].parent == slug],
                "years": views.group_by_year(notices, linked),
            }
        yield PageSpec(f"chu-de/{slug}.md", f"Chủ đề: {topic.name}", "topic.html",
                       context=context)


def _year_pages(linked: LinkedArchive) -> Iterator[PageSpec]:
    by_year: dict[int | None, list[Notice]] = defaultdict(list)
    for notice in linked.notices:
        by_year[notice.year].append(notice)
    yield PageSpec("nam/index.md", "Theo năm", "years.html",
                   context=lambda: {"years": views.group_by_year(linked.notices, linked)})
    for year, notices in by_year.items():
        label = str(year) if year else "Dự thảo chưa ghi ngày"
        src = f"nam/{year}.md" if year else "nam/du-thao.md"
        yield PageSpec(src, f"Năm {label}" if year else label, "year.html",
                       context=lambda ns=notices, label=label: {
                           "year_label": label, "count": len(ns),
                           "months": views.group_by_month(ns, linked)})


def common_context(linked: LinkedArchive) -> dict[str, Any]:
    """What every page shows: the profile in the footer, the size of the archive."""
    return {"archive_profile": linked.profile,
            "archive_profile_label": PROFILE_LABELS[linked.profile],
            "archive_total": len(linked.notices)}
