"""Which pages the site has: one per published notice, plus home, topic and year indexes.

Each page is a PageSpec: where it lives, its title, its template in theme/, the Markdown mkdocs
renders into `page.content`, and the context its template needs. Nothing here writes files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..link import LinkedArchive
from ..model import Notice
from ..validate import today_in_vietnam
from . import task_views, views
from .format import short_date

HOME_LATEST = 20
LIST_LIMIT = 200  # a timeline longer than this gets one page per year


@dataclass(frozen=True)
class PageSpec:
    src_uri: str                     # e.g. "2024/125-tb-vpubnd.md" → /2024/125-tb-vpubnd/
    title: str
    template: str
    markdown: str = ""
    context: Callable[[], dict[str, Any]] = field(default=dict)  # built lazily, per page
    notice: Notice | None = None


def site_pages(linked: LinkedArchive, list_limit: int = LIST_LIMIT,
               today=None) -> Iterator[PageSpec]:
    today = today or today_in_vietnam()   # overdue marks are as of the build date
    yield from _notice_pages(linked, today)
    yield _home(linked)
    # The search results page: filled in the browser from the exported index (?q=…).
    yield PageSpec("tim-kiem/index.md", "Tìm kiếm", "search.html")
    # How to search, for readers (linked from the search box, the results page and 404.html).
    yield PageSpec("huong-dan-tra-cuu/index.md", "Hướng dẫn tra cứu", "search-help.html")
    yield from _topic_pages(linked, list_limit)
    yield from _year_pages(linked, list_limit)
    for facet in views.FACETS:
        yield from _facet_pages(linked, facet, list_limit)
    yield from _external_pages(linked, list_limit)
    yield from _task_pages(linked, today, list_limit)


def _timeline(linked: LinkedArchive, notices, src_dir: str, name: str, limit: int,
              index_title: str, index_url: str) -> tuple[Callable[[], list], list[PageSpec]]:
    """A list of notices by year, newest first. Up to `limit` notices it is shown whole on the
    page; beyond, the page lists the years with counts and each year gets its own page, so no
    page grows with the archive beyond one line per notice of one year."""
    if len(notices) <= limit:
        return (lambda: views.group_by_year(notices, linked)), []
    by_year: dict[int | None, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_year[notice.year].append(notice)
    parent_url = src_dir + "/"
    specs = []
    for year, year_notices in by_year.items():
        label = str(year) if year else "Dự thảo chưa ghi ngày"
        specs.append(PageSpec(
            f"{src_dir}/{year or 'du-thao'}.md", f"{name}: {label}", "timeline-year.html",
            context=lambda ns=year_notices, label=label: {
                "index_title": index_title, "index_url": index_url, "parent_name": name,
                "parent_url": parent_url, "label": label, "count": len(ns),
                "notices": [views.notice_item(n, linked) for n in ns]}))

    def years() -> list:
        ordered = sorted((y for y in by_year if y is not None), reverse=True)
        out = [{"year": y, "label": str(y), "page_url": f"{src_dir}/{y}/",
                "count": len(by_year[y]), "notices": []} for y in ordered]
        if None in by_year:  # undated drafts first, as everywhere (Notice.sort_key)
            out.insert(0, {"year": None, "label": "Dự thảo chưa ghi ngày",
                           "page_url": f"{src_dir}/du-thao/", "count": len(by_year[None]),
                           "notices": []})
        return out
    return years, specs


def _notice_pages(linked: LinkedArchive, today) -> Iterator[PageSpec]:
    for notice in linked.notices:
        yield PageSpec(
            src_uri=f"{notice.key}.md",
            title=notice.title,
            template="notice.html",
            markdown=notice.body,
            context=lambda n=notice: {"notice": views.notice_page(n, linked),
                                      "tasks": task_views.notice_tasks(n.key, linked, today),
                                      "today": short_date(today)},
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
            # Drafts are not issued: the lead line counts them apart.
            "issued_types": views.type_counts(n for n in linked.notices if n.status != "draft"),
            "issued": sum(1 for n in linked.notices if n.status != "draft"),
            "drafts": sum(1 for n in linked.notices if n.status == "draft"),
            "indexes": [{"title": title, "url": f"{folder}/"}
                        for folder, title, _ in views.FACETS.values()]
            + [{"title": "Văn bản dẫn chiếu", "url": f"{views.EXTERNAL_DIR}/"}],
        }
    return PageSpec("index.md", "Lưu trữ thông báo", "home.html", context=context)


def _topic_pages(linked: LinkedArchive, limit: int) -> Iterator[PageSpec]:
    yield PageSpec("chu-de/index.md", "Chủ đề", "topics.html",
                   context=lambda: {"topics": views.topic_list(linked)})
    for slug, topic in linked.topics.items():
        years, year_pages = _timeline(linked, linked.topic_notices.get(slug, ()),
                                      f"chu-de/{slug}", topic.name, limit, "Chủ đề", "chu-de/")
        yield from year_pages

        def context(slug=slug, topic=topic, years=years) -> dict[str, Any]:
            notices = linked.topic_notices.get(slug, ())
            parent = linked.topics.get(topic.parent) if topic.parent else None
            return {
                "topic": {"name": topic.name, "description": topic.description,
                          "aliases": list(topic.aliases), "count": len(notices)},
                "parent": {"name": parent.name, "url": views.topic_url(parent.slug)}
                if parent else None,
                "children": [t for t in views.topic_list(linked)
                             if linked.topics[t["slug"]].parent == slug],
                "years": years(),
                "feed_url": f"chu-de/{slug}/feed.xml",
            }
        yield PageSpec(f"chu-de/{slug}.md", f"Chủ đề: {topic.name}", "topic.html",
                       context=context)


def _year_pages(linked: LinkedArchive, limit: int = LIST_LIMIT) -> Iterator[PageSpec]:
    by_year: dict[int | None, list[Notice]] = defaultdict(list)
    for notice in linked.notices:
        by_year[notice.year].append(notice)
    yield PageSpec("nam/index.md", "Theo năm", "years.html",
                   context=lambda: {"years": views.group_by_year(linked.notices, linked)})
    for year, notices in by_year.items():
        if year is None:  # undated drafts: one short list
            yield PageSpec("nam/du-thao.md", "Dự thảo chưa ghi ngày", "year.html",
                           context=lambda ns=notices: {
                               "year_label": "Dự thảo chưa ghi ngày", "count": len(ns),
                               "months": views.group_by_month(ns, linked)})
            continue
        # A year page lists its notices by month; past `limit` notices it lists only its
        # months with counts, so no page grows beyond one line per notice of one month.
        # Month pages exist either way, so their addresses never change.
        yield PageSpec(f"nam/{year}.md", f"Năm {year}", "year.html",
                       context=lambda ns=notices, year=year: {
                           "year_label": str(year), "count": len(ns),
                           "months": views.group_by_month(ns, linked,
                                                          items=len(ns) <= limit)})
        by_month: dict[int, list[Notice]] = defaultdict(list)
        for notice in notices:
            by_month[notice.date.month].append(notice)
        for month, month_notices in by_month.items():
            yield PageSpec(f"nam/{year}/{month:02d}.md", f"Tháng {month} năm {year}", "month.html",
                           context=lambda ns=month_notices, year=year, month=month: {
                               "year": year, "year_url": views.year_url(year),
                               "month_label": f"Tháng {month} năm {year}", "count": len(ns),
                               "notices": [views.notice_item(n, linked) for n in ns]})


def _facet_pages(linked: LinkedArchive, facet: str, limit: int) -> Iterator[PageSpec]:
    folder, title, prefix = views.FACETS[facet]
    yield PageSpec(f"{folder}/index.md", title, "facets.html",
                   context=lambda: {"index_title": title,
                                    "entries": views.facet_list(linked, facet)})
    for slug, group in linked.facets.get(facet, {}).items():
        name = views.facet_name(facet, group.name)
        years, year_pages = _timeline(linked, group.notices, f"{folder}/{slug}", name, limit,
                                      title, f"{folder}/")
        yield from year_pages
        yield PageSpec(f"{folder}/{slug}.md", f"{prefix}: {name}", "facet.html",
                       context=lambda g=group, name=name, years=years: {
                           "index_title": title, "index_url": f"{folder}/", "name": name,
                           "count": len(g.notices), "years": years()})


def _external_pages(linked: LinkedArchive, limit: int) -> Iterator[PageSpec]:
    title = "Văn bản dẫn chiếu"
    folder = views.EXTERNAL_DIR
    yield PageSpec(f"{folder}/index.md", title, "facets.html",
                   context=lambda: {"index_title": title, "external": True,
                                    "entries": views.external_list(linked)})
    for key, doc in linked.external.items():
        years, year_pages = _timeline(linked, doc.citing, f"{folder}/{key}", doc.label, limit,
                                      title, f"{folder}/")
        yield from year_pages
        yield PageSpec(f"{folder}/{key}.md", doc.label, "facet.html",
                       context=lambda d=doc, years=years: {
                           "index_title": title, "index_url": f"{folder}/", "name": d.label,
                           "external": True, "count": len(d.citing), "years": years()})


def _task_pages(linked: LinkedArchive, today, limit: int) -> Iterator[PageSpec]:
    """The *Nhiệm vụ* tab: every lead agency with its counts, and a page per agency (split by
    year beyond `limit` tasks, like the lists of notices)."""
    folder = task_views.TASKS_DIR
    yield PageSpec(f"{folder}/index.md", "Nhiệm vụ", "tasks.html",
                   context=lambda: {"agencies": task_views.agency_list(linked, today),
                                    "today": short_date(today),
                                    "total": sum(len(ts) for ts in linked.tasks.values())})
    for key, page in linked.agency_pages.items():
        yield PageSpec(f"{folder}/{key}.md", f"Nhiệm vụ: {page.name}", "agency-tasks.html",
                       context=lambda key=key: task_views.agency_page(key, linked, today, limit))
        if len(page.tasks) > limit:
            for year in dict.fromkeys(t.notice.year for t in page.tasks):
                yield PageSpec(f"{folder}/{key}/{task_views.year_segment(year)}.md",
                               f"Nhiệm vụ: {page.name}, {task_views.year_label(year)}",
                               "agency-tasks.html",
                               context=lambda key=key, year=year: task_views.agency_year_page(
                                   key, year, linked, today))


def common_context(linked: LinkedArchive) -> dict[str, Any]:
    """What every page shows: the profile in the footer. Nothing that one more notice changes
    (such as the size of the archive: the home page shows it), or adding a notice would
    re-render every page."""
    return {"archive_profile": linked.profile.name,
            "archive_profile_label": linked.profile.label}
