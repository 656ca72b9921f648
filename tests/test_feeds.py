"""Atom feeds, notices.json and the sitemap of the built site: valid, exact, and profile-safe."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from conftest import cli, copy_project
from test_links import _cites, about, published

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")
SITE_URL = "https://thongbao.example.gov.vn/luu-tru/"


@pytest.fixture(scope="module")
def built_with_site_url(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("site-url"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('site_url: ""',
                                                                 f"site_url: {SITE_URL}"),
                      encoding="utf-8")
    cli(project, "build", "--strict", check=True)
    return project


def _page_exists(site: Path, path: str) -> bool:
    return (site / path / "index.html").is_file() if path.endswith("/") or not path \
        else (site / path).is_file()


def check_atom(site: Path, feed_path: str, site_url: str = "") -> list[str]:
    """Validate one feed against RFC 4287's required elements; return its entries' page paths."""
    root = ET.parse(site / feed_path).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(root.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    self_link = [l for l in root.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert len(self_link) == 1

    def target(href: str) -> str:
        if site_url:
            assert href.startswith(site_url), href
            return href[len(site_url):]
        assert "://" not in href and not href.startswith("/"), href
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(feed_path), href))
        return "" if joined == "." else joined + ("/" if href.endswith("/") else "")

    assert target(self_link[0].get("href")) == feed_path
    ids, pages = set(), []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        ids.add(entry.find(f"{ATOM}id").text)
        alternate = [l for l in entry.findall(f"{ATOM}link") if l.get("rel") == "alternate"]
        assert len(alternate) == 1
        page = target(alternate[0].get("href"))
        assert _page_exists(site, page), page
        pages.append(page.rstrip("/"))
    assert len(ids) == len(pages)
    parsed = feedparser.parse((site / feed_path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and len(parsed.entries) == len(pages)
    return pages


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_feeds_are_valid_atom_and_exact(profile, built_public, built_internal, archive):
    site = (built_public if profile == "public" else built_internal) / "site"
    dated = [n for n in published(archive, profile) if n.date]
    assert check_atom(site, "feed.xml") == [n.key for n in dated][:50]
    for slug in archive.topics:
        if not any(about(n, slug, archive.topics) for n in published(archive, profile)):
            assert not (site / "chu-de" / slug).exists()  # no page, so no feed either
            continue
        pages = check_atom(site, f"chu-de/{slug}/feed.xml")
        assert pages == [n.key for n in dated if about(n, slug, archive.topics)][:50], slug


def test_feeds_use_absolute_urls_with_site_url(built_with_site_url, archive):
    site = built_with_site_url / "site"
    assert check_atom(site, "feed.xml", SITE_URL)
    assert check_atom(site, "chu-de/de-an-06/feed.xml", SITE_URL)


def test_pages_advertise_their_feeds(built_public):
    site = built_public / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="feed.xml"' in home
    topic = (site / "chu-de" / "de-an-06" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in topic  # relative to chu-de/de-an-06/


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_notices_json_is_exact(profile, built_public, built_internal, archive):
    site = (built_public if profile == "public" else built_internal) / "site"
    data = json.loads((site / "notices.json").read_text(encoding="utf-8"))
    assert data["format"] == "notice-archive/notices" and data["version"] == 1
    assert data["profile"] == profile
    notices = published(archive, profile)
    assert data["count"] == len(data["notices"]) == len(notices)
    by_key = {n.key: n for n in notices}
    assert [e["key"] for e in data["notices"]] == [n.key for n in notices]  # newest first
    for entry in data["notices"]:
        n = by_key[entry["key"]]
        assert _page_exists(site, entry["url"]) and entry["url"] == f"{n.key}/"
        assert (entry["number"], entry["title"], entry["type"], entry["issuer"], entry["status"],
                entry["classification"], entry["place"]) == \
            (n.number, n.title, n.type, n.issuer, n.status, n.classification, n.place)
        assert entry["date"] == (n.date.isoformat() if n.date else None)
        assert entry["topics"] == list(n.topics)
        assert entry["recipients"] == list(n.recipients)
        assert entry["signer"] == ({"name": n.signer.name, "title": n.signer.title,
                                    "authority": n.signer.authority} if n.signer else None)
        if n.meeting:
            assert entry["meeting"]["chair"] == n.meeting.chair
        expected_refs = {o.key for o in notices if o is not n and o.number and _cites(n, o)}
        assert {r["key"] for r in entry["references"]} == expected_refs, n.number
        expected_back = {o.key for o in notices if o is not n and n.number and _cites(o, n)}
        assert {r["key"] for r in entry["cited_by"]} == expected_back, n.number
        for ref in entry["references"] + entry["cited_by"] + entry["related"]:
            assert ref["key"] in by_key and ref["url"] == f"{ref['key']}/"
        assert [r["number"] for r in entry["related"]] == [x for x in n.related
                                                          if any(o.number == x for o in notices)]
        for doc in entry["external"]:
            assert _page_exists(site, doc["url"])
    replaced = {e["key"]: e["superseded_by"]["key"] for e in data["notices"] if e["superseded_by"]}
    assert replaced == {o.key: n.key for n in notices for o in notices
                        if n.supersedes and n.supersedes == o.number}
    # Topics with a published notice (their own or a sub-topic's), each counting both.
    assert {t["slug"] for t in data["topics"]} == {
        s for s in archive.topics if any(about(n, s, archive.topics) for n in notices)}
    for t in data["topics"]:
        assert t["count"] == sum(about(n, t["slug"], archive.topics) for n in notices) > 0
    for doc in data["external_documents"]:
        assert doc["cited_by"] and all(r["key"] in by_key for r in doc["cited_by"])


def test_notices_json_reveals_nothing_withheld(built_public, archive):
    text = (built_public / "site" / "notices.json").read_text(encoding="utf-8")
    withheld = [n for n in archive.notices if n not in published(archive, "public")]
    assert withheld
    for n in withheld:
        assert n.title not in text
        if n.number:
            assert n.number not in text, n.number
    assert "MÃ-KIỂM-TRA" not in text


def test_notices_json_uses_absolute_urls_with_site_url(built_with_site_url):
    data = json.loads((built_with_site_url / "site" / "notices.json").read_text(encoding="utf-8"))
    assert data["notices"] and all(e["url"].startswith(SITE_URL) for e in data["notices"])


def test_sitemap_holds_exactly_the_published_pages(built_with_site_url, archive):
    site = built_with_site_url / "site"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    paths = set()
    for loc in locs:
        assert loc.startswith(SITE_URL), loc
        path = loc[len(SITE_URL):]
        assert _page_exists(site, path), loc
        paths.add(path)
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
             if p.parent != site} | {""}
    assert paths == pages
    shown = {n.key for n in published(archive)}
    for notice in archive.notices:
        assert (f"{notice.key}/" in paths) == (notice.key in shown), notice.source
