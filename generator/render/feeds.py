"""Atom feeds (RFC 4287): the latest notices of the archive, and the latest of each topic.

With `site_url` set in mkdocs.yml every link is absolute. Without it (the default, so the site
works from any folder) links are relative to the feed file itself, which feed readers resolve
against the address they fetched the feed from.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from ..link import LinkedArchive
from ..model import Notice
from . import views

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "notice-archive")

ET.register_namespace("", ATOM)


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def entry_id(notice: Notice) -> str:
    """Stable across builds and hosts: derived from the notice's key (its number and year)."""
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, notice.key)}"


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


class _Urls:
    def __init__(self, site_url: str, feed_path: str):
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.feed_dir = posixpath.dirname(feed_path)

    def __call__(self, path: str) -> str:
        """`path` is site-root-relative ("2024/98-tb-vpubnd/", "" for the home page)."""
        if self.site_url:
            return self.site_url + path
        rel = posixpath.relpath(path or ".", self.feed_dir or ".")
        return rel + "/" if path.endswith("/") or not path else rel


def build_feed(linked: LinkedArchive, notices: Iterable[Notice], *, feed_path: str,
               page_path: str, title: str, site_name: str, site_url: str,
               feed_key: str) -> ET.ElementTree:
    url = _Urls(site_url, feed_path)
    dated = [n for n in notices if n.date][:FEED_SIZE]   # undated drafts have no place in time
    feed = ET.Element(_q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    ET.SubElement(feed, _q("id")).text = f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'feed:' + feed_key)}"
    ET.SubElement(feed, _q("title")).text = title
    ET.SubElement(feed, _q("subtitle")).text = site_name
    newest = max((n.date for n in dated), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, _q("updated")).text = _timestamp(newest)
    ET.SubElement(feed, _q("link"), {"rel": "self", "type": "application/atom+xml",
                                      "href": url(feed_path)})
    ET.SubElement(feed, _q("link"), {"rel": "alternate", "type": "text/html",
                                      "href": url(page_path)})
    author = ET.SubElement(feed, _q("author"))
    ET.SubElement(author, _q("name")).text = site_name
    ET.SubElement(feed, _q("generator")).text = "notice-archive"
    for notice in dated:
        entry = ET.SubElement(feed, _q("entry"))
        ET.SubElement(entry, _q("id")).text = entry_id(notice)
        ET.SubElement(entry, _q("title")).text = f"{notice.label}: {notice.title}"
        ET.SubElement(entry, _q("link"), {"rel": "alternate", "type": "text/html",
                                           "href": url(views.notice_url(notice))})
        ET.SubElement(entry, _q("published")).text = _timestamp(notice.date)
        ET.SubElement(entry, _q("updated")).text = _timestamp(notice.date)
        entry_author = ET.SubElement(entry, _q("author"))
        ET.SubElement(entry_author, _q("name")).text = notice.issuer or site_name
        for slug in notice.topics:
            if slug in linked.topics:
                ET.SubElement(entry, _q("category"), {"term": slug,
                                                       "label": linked.topics[slug].name})
        summary = [notice.type_name, f"số {notice.label}", f"ngày {notice.date:%d/%m/%Y}"]
        if notice.issuer:
            summary.append(notice.issuer)
        ET.SubElement(entry, _q("summary")).text = ", ".join(summary)
    ET.indent(feed)
    return ET.ElementTree(feed)


def write_feeds(linked: LinkedArchive, site_dir: Path, site_name: str, site_url: str) -> list[str]:
    """Write feed.xml and chu-de/<slug>/feed.xml; return the paths written (site-relative)."""
    written = []
    jobs = [("feed.xml", "", f"{site_name}: thông báo mới nhất", linked.notices, "latest")]
    for slug, topic in linked.topics.items():
        jobs.append((f"chu-de/{slug}/feed.xml", views.topic_url(slug),
                     f"{site_name}: chủ đề {topic.name}", linked.topic_notices.get(slug, ()),
                     f"topic:{slug}"))
    for path, page, title, notices, key in jobs:
        tree = build_feed(linked, notices, feed_path=path, page_path=page, title=title,
                          site_name=site_name, site_url=site_url, feed_key=key)
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        tree.write(target, encoding="utf-8", xml_declaration=True)
        written.append(path)
    return written
