"""Model values → plain dicts the Jinja templates display. Templates escape every string (`|e`).

URLs here are site-root-relative ("2024/125-tb-vpubnd/"); templates pass them through mkdocs'
`url` filter, which makes them relative to the page so the site works from any folder or host.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import re

from ..link import LinkedArchive, facet_slug
from ..model import CLASSIFICATION_LABELS, DOCUMENT_TYPES, STATUS_LABELS, Notice
from ..text import fold
from .format import MONTHS, long_date, short_date
from ..publish import original_label, original_name

# Browsing indexes: facet → (URL folder, index title, one entry's title prefix).
FACETS = {
    "issuer": ("co-quan", "Cơ quan ban hành", "Cơ quan ban hành"),
    "chair": ("chu-tri", "Người chủ trì", "Người chủ trì"),
    "signer": ("nguoi-ky", "Người ký", "Người ký"),
    "type": ("loai", "Loại văn bản", "Loại văn bản"),
}
EXTERNAL_DIR = "van-ban-dan-chieu"


# Folders of generated pages → the nav page whose tab they belong to. Notices and drafts are
# browsed by year.
TAB_OF_FOLDER = {"chu-de": "chu-de/", "nam": "nam/", "co-quan": "co-quan/", "chu-tri": "chu-tri/",
                 "nguoi-ky": "nguoi-ky/", "loai": "loai/", EXTERNAL_DIR: f"{EXTERNAL_DIR}/",
                 "nhiem-vu": "nhiem-vu/", "du-thao": "nam/"}


def tab_for(src_uri: str) -> str | None:
    """The URL of the nav page whose tab a generated page falls under; None for the home page
    and for pages of no tab (the search results), which light nothing rather than a wrong tab."""
    folder = src_uri.split("/", 1)[0] if "/" in src_uri else ""
    if folder in TAB_OF_FOLDER:
        return TAB_OF_FOLDER[folder]
    return "nam/" if folder.isdigit() else None  # a notice, under its year


def notice_url(notice: Notice) -> str:
    return f"{notice.key}/"


def topic_url(slug: str) -> str:
    return f"chu-de/{slug}/"


def year_url(year: int | None) -> str:
    return f"nam/{year}/" if year else "nam/du-thao/"


def month_url(year: int, month: int) -> str:
    return f"nam/{year}/{month:02d}/"


def facet_url(facet: str, slug: str) -> str:
    return f"{FACETS[facet][0]}/{slug}/"


def external_url(key: str) -> str:
    return f"{EXTERNAL_DIR}/{key}/"


def facet_name(facet: str, name: str) -> str:
    """How a facet value is shown: document types by their Vietnamese name."""
    if facet == "type":
        return DOCUMENT_TYPES.get(name, (None, name))[1]
    return name


def _facet_link(linked: LinkedArchive, facet: str, value: str | None) -> str | None:
    if not value:
        return None
    slug = facet_slug(value)
    return facet_url(facet, slug) if slug in linked.facets.get(facet, {}) else None


# "Văn phòng UBND tỉnh Hậu Giang" → ("UBND tỉnh Hậu Giang", "Văn phòng"): the Decree 30 header
# prints the superior body above the issuing unit.
# The unit ends on a non-space: a long run of spaces is then tried once, not once per space.
_SUPERIOR = re.compile(r"^(?P<unit>.*?\S)\s+(?P<sup>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
                       r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường)\s+.+)$")


def issuer_header(issuer: str) -> tuple[str, str]:
    """(superior body, issuing unit) for the printed header; superior may be empty."""
    m = _SUPERIOR.match(issuer or "")
    if m:
        return m.group("sup"), m.group("unit")
    return "", issuer or ""


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
        "type": notice.type,
        "type_name": notice.type_name,
        "topics": [{"name": linked.topics[s].name, "url": topic_url(s)}
                   for s in notice.topics if s in linked.topics],
    }


def neighbour_rows(notice: Notice, linked: LinkedArchive) -> list[dict[str, Any]]:
    """"Cùng chủ đề", compact: topics with the same previous and next notice share one row,
    and a side with no notice is left out rather than shown as "không có"."""
    order = {slug: i for i, slug in enumerate(notice.topics)}
    rows: dict[tuple, dict[str, Any]] = {}
    for t in sorted(linked.neighbours.get(notice.key, ()), key=lambda t: order.get(t.topic, 0)):
        if t.topic not in linked.topics or (t.previous is None and t.next is None):
            continue
        pair = (t.previous.key if t.previous else None, t.next.key if t.next else None)
        row = rows.setdefault(pair, {
            "topics": [],
            "previous": _neighbour(t.previous, linked) if t.previous else None,
            "next": _neighbour(t.next, linked) if t.next else None})
        row["topics"].append({"name": linked.topics[t.topic].name, "url": topic_url(t.topic)})
    return list(rows.values())


def _neighbour(notice: Notice, linked: LinkedArchive) -> dict[str, Any]:
    item = notice_item(notice, linked)
    # A draft has no number to show: name it by its title, so a reader knows which draft.
    item["draft"] = notice.status == "draft"
    item["name"] = (f"Dự thảo “{_shorten(notice.title, 60)}”" if item["draft"]
                    else item["number"])
    return item


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


_TOPIC_NAMES: dict[int, tuple[object, frozenset[str]]] = {}


def _topic_names(linked: LinkedArchive) -> frozenset[str]:
    """Folded topic names and aliases; made once per vocabulary, not once per notice page
    (folding every alias for each of 10,000 pages cost seconds of every build)."""
    topics = linked.topics
    kept = _TOPIC_NAMES.get(id(topics))
    if kept is None or kept[0] is not topics:
        names = frozenset(fold(" ".join(name.split())) for t in topics.values()
                          for name in (t.name, *t.aliases))
        _TOPIC_NAMES.clear()  # one archive at a time: an old one is not kept alive
        kept = _TOPIC_NAMES[id(topics)] = (topics, names)
    return kept[1]


def notice_page(notice: Notice, linked: LinkedArchive) -> dict[str, Any]:
    """Everything the notice template shows besides the body."""
    meeting = notice.meeting
    signer = notice.signer
    replaced = linked.superseded_by.get(notice.key)
    supersedes = (linked.notice_for(notice.supersedes, citing=notice)
                  if notice.supersedes else None)
    explicit = set(notice.related)  # listed under related already
    backlinks = linked.backlinks.get(notice.key, ())
    cites = [n for n in linked.cites.get(notice.key, ()) if n.number not in explicit]
    # Each notice is listed once on the page: what cites this one, what it cites and what
    # replaced it or it replaces are not repeated under "Thông báo liên quan".
    shown = {n.key for n in (*backlinks, *cites, replaced, supersedes) if n is not None}
    topic_names = _topic_names(linked)
    superior, unit = issuer_header(notice.issuer or "")
    return {
        "number": notice.shown_number,
        "label": notice.label,
        "type_name": notice.type_name,
        "title": notice.title,
        "date": long_date(notice.date),
        "date_short": short_date(notice.date),
        "place": notice.place or "",
        "issuer": notice.issuer or "",
        "signer": {"name": signer.name, "title": signer.title or "",
                   "authority": signer.authority or "",
                   # Decree 30 stacks "TM. Ủy ban nhân dân" over "KT. Chủ tịch", one per line.
                   "authority_lines": re.split(r",\s*(?=(?:KT|TL|TM|TUQ|Q)\.)",
                                               signer.authority) if signer.authority else []}
        if signer else None,
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
        "related": [notice_item(n, linked) for n in linked.related.get(notice.key, ())
                    if n.key not in shown],
        "backlinks": [notice_item(n, linked) for n in backlinks],
        "replaced_by": notice_item(replaced, linked) if replaced else None,
        # References to notices this profile withholds: the number as this notice writes it,
        # as plain text; nothing of the withheld notice itself (no link, title or date).
        "withheld_refs": [number for number in dict.fromkeys(
            notice.related + ((notice.supersedes,) if notice.supersedes else ()))
            if number not in linked.by_number],
        "supersedes": notice_item(supersedes, linked) if supersedes else None,
        "source": notice.source,
        "month_url": month_url(notice.year, notice.date.month) if notice.date else "",
        "issuer_url": _facet_link(linked, "issuer", notice.issuer),
        "signer_url": _facet_link(linked, "signer", signer.name if signer else None),
        "chair_url": _facet_link(linked, "chair", meeting.chair if meeting else None),
        "type_url": _facet_link(linked, "type", notice.type),
        # The original is copied beside the page (publish/originals.py) only for notices this
        # profile publishes, so the link follows the notice's own profile rules.
        "original_url": original_name(notice.original) if notice.original else None,
        "original_label": original_label(notice.original) if notice.original else None,
        "print_superior": superior,
        "print_unit": unit,
        "neighbours": neighbour_rows(notice, linked),
        "cites": [notice_item(n, linked) for n in cites],
        # A programme that is also a topic ("Đề án 06") is shown as the topic only. No counts
        # of citing notices here: a new notice citing a law would change every page that cites
        # it. The document's own page counts them.
        "external": [{"label": d.label, "url": external_url(d.key)}
                     for d in linked.external_of.get(notice.key, ())
                     if fold(" ".join(d.label.split())) not in topic_names],
    }


def group_by_year(notices, linked: LinkedArchive) -> list[dict[str, Any]]:
    """Drafts without a date first (work in progress, as Notice.sort_key), then newest year
    first."""
    groups: dict[int | None, list] = defaultdict(list)
    for notice in notices:
        groups[notice.year].append(notice_item(notice, linked))
    years = sorted((y for y in groups if y is not None), reverse=True)
    ordered = [{"year": y, "label": str(y), "url": year_url(y), "count": len(groups[y]),
                "notices": groups[y]} for y in years]
    if None in groups:
        ordered.insert(0, {"year": None, "label": "Dự thảo chưa ghi ngày", "url": year_url(None),
                           "count": len(groups[None]), "notices": groups[None]})
    return ordered


def group_by_month(notices, linked: LinkedArchive, items: bool = True) -> list[dict[str, Any]]:
    """Newest month first; with items=False only counts and links (year pages stay small)."""
    groups: dict[int, list] = defaultdict(list)
    year = None
    for notice in notices:
        year = notice.year or year
        groups[notice.date.month if notice.date else 0].append(
            notice_item(notice, linked) if items else None)
    return [{"label": MONTHS.get(m, "Chưa ghi ngày"), "anchor": f"thang-{m}", "month": m,
             "url": month_url(year, m) if year and m else None,
             "count": len(groups[m]), "notices": groups[m] if items else []}
            for m in sorted(groups, reverse=True)]


def facet_list(linked: LinkedArchive, facet: str) -> list[dict[str, Any]]:
    return [{"slug": f.slug, "name": facet_name(facet, f.name), "url": facet_url(facet, f.slug),
             "count": len(f.notices)} for f in linked.facets.get(facet, {}).values()]


def external_list(linked: LinkedArchive) -> list[dict[str, Any]]:
    """Cited outside documents grouped by kind (Chỉ thị, Đề án, Luật, …), in Vietnamese order."""
    groups: dict[str, list] = defaultdict(list)
    for d in linked.external.values():
        groups[d.kind].append({"slug": d.key, "name": d.label, "url": external_url(d.key),
                               "count": len(d.citing)})
    return [{"kind": kind, "entries": sorted(groups[kind], key=lambda e: fold(e["name"]))}
            for kind in sorted(groups, key=fold)]


def topic_list(linked: LinkedArchive) -> list[dict[str, Any]]:
    """Every topic with its count, parents before their children, by name."""
    children: dict[str | None, list] = defaultdict(list)
    for topic in linked.topics.values():
        parent = topic.parent if topic.parent in linked.topics else None
        children[parent].append(topic)

    out: list[dict[str, Any]] = []

    def walk(parent: str | None, depth: int) -> None:
        for topic in sorted(children[parent], key=lambda t: fold(t.name)):
            out.append({"slug": topic.slug, "name": topic.name, "url": topic_url(topic.slug),
                        "description": topic.description, "depth": depth,
                        "count": len(linked.topic_notices.get(topic.slug, ()))})
            walk(topic.slug, depth + 1)

    walk(None, 0)  # linked.topics holds only topics with a published notice
    return out


def type_counts(notices) -> list[dict[str, Any]]:
    """How many of each document type, most first: "12 thông báo, 1 kế hoạch"."""
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for notice in notices:
        counts[notice.type] += 1
        names[notice.type] = notice.type_name
    return [{"type": t, "name": names[t].lower(), "count": counts[t]}
            for t in sorted(counts, key=lambda t: (-counts[t], t))]
