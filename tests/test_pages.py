"""What the built pages say and how they are put together: Vietnamese everywhere (404 too),
counts that mean what they say, tabs lit on every page, a notice page that lists each notice
once and ends as the paper does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest

from test_links import about, page_file, parse, published, resolve

# Words of English a page could carry from mkdocs, mkdocs-material or an untranslated template.
ENGLISH = re.compile(
    r"\b(the|and|of|is|for|with|this|that|from|search|skip|content|back|previous|next|page|found|"
    r"menu|navigation|close|share|copy|clipboard|contents|made|update|edit|initializing|type|"
    r"results?|home|topics?|year|notices?|print|download|header|footer|source|toggle|dark|light|"
    r"mode|section|loading|more|less|filter|all|none|title|link|draft|issued|superseded|"
    r"revoked|internal|public|secret|error|warning|not)\b", re.I)


def english_words(text: str) -> list[str]:
    """English words of a text, leaving out file names and numbers (notices.json, 98/TB-…)."""
    found = []
    for token in text.split():
        if any(c in token for c in "./_@=:") and not token.endswith(":"):
            continue
        if ENGLISH.fullmatch(token.strip("()[]:;,!?\"“”‘’«»*·…-")):
            found.append(token)
    return found


def visible_text(path: Path) -> str:
    """What a reader sees or hears: text outside scripts and styles, and the attributes shown
    as tooltips, placeholders or read out by screen readers."""
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", source, flags=re.S)
    shown = re.findall(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"', source)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", source), *shown]))


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_no_english_on_any_page(profile, built_public, built_internal):
    site = (built_public if profile == "public" else built_internal) / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert english_words(visible_text(page)) == [], page.relative_to(site)


def test_404_is_vietnamese_with_search_and_indexes(built_public):
    site = built_public / "site"
    page = site / "404.html"
    root = parse(page)
    assert root.find("h1").text() == "Không tìm thấy trang"
    assert "Not found" not in page.read_text(encoding="utf-8")
    form = root.find("form", "na-search")
    assert form is not None and form.find("input").attrs["name"] == "q"
    # Links relative to 404.html, never root-absolute: a site hosted in a sub-folder keeps
    # its styles and links (mkdocs would write "/assets/…").
    text = page.read_text(encoding="utf-8")
    assert not re.findall(r'(?:href|src)="/', text)
    links = {a.attrs["href"].removeprefix("./").removesuffix(".") for a in
             root.find("ul", "na-indexes").find_all("a")}
    assert {"", "chu-de/", "nam/", "nhiem-vu/", "co-quan/", "chu-tri/", "nguoi-ky/", "loai/",
            "van-ban-dan-chieu/"} <= links
    assert all((site / link / "index.html").is_file() for link in links)


def _active_tabs(page: Path) -> list[str]:
    tabs = parse(page).find("nav", "md-tabs")
    assert tabs.attrs["aria-label"] == "Thẻ điều hướng"
    return [" ".join(li.text().split()) for li in tabs.find_all("li")
            if "md-tabs__item--active" in li.classes()]


def _active_tab(page: Path) -> str:
    (active,) = _active_tabs(page)
    return active


def test_tabs_light_up_on_pages_outside_the_nav(built_public, archive):
    site = built_public / "site"
    notice = next(n for n in published(archive) if n.number == "98/TB-VPUBND")
    assert _active_tab(site / "index.html") == "Trang chủ"
    assert _active_tab(site / "chu-de" / "de-an-06" / "index.html") == "Chủ đề"
    assert _active_tab(page_file(site, notice.key)) == "Theo năm"
    assert _active_tab(site / "nam" / "2024" / "index.html") == "Theo năm"
    assert _active_tab(site / "nam" / "2024" / "04" / "index.html") == "Theo năm"
    assert _active_tab(site / "co-quan" / "index.html") == "Tra cứu"
    assert _active_tab(site / "loai" / "ke-hoach" / "index.html") == "Tra cứu"
    # The task register is a tab of its own, on its index and every agency's page; the search
    # results belong to no tab, so none is lit.
    assert _active_tab(site / "nhiem-vu" / "index.html") == "Nhiệm vụ"
    agency = next(p for p in sorted((site / "nhiem-vu").iterdir()) if p.is_dir())
    assert _active_tab(agency / "index.html") == "Nhiệm vụ"
    assert _active_tabs(site / "tim-kiem" / "index.html") == []


def test_parent_topic_includes_its_sub_topics(built_public, archive):
    site = built_public / "site"
    notices = published(archive)
    parents = {t.parent for t in archive.topics.values() if t.parent}
    checked = 0
    for parent in parents:
        children = [s for s, t in archive.topics.items() if t.parent == parent]
        own = {n.key for n in notices if parent in n.topics}
        theirs = {n.key for n in notices for c in children if about(n, c, archive.topics)}
        if theirs - own:
            text = (site / "chu-de" / "index.html").read_text(encoding="utf-8")
            count = re.search(rf'href="{parent}/">[^<]*</a> <span class="na-count">(\d+)', text)
            assert int(count.group(1)) == len(own | theirs) >= max(
                len({n.key for n in notices if about(n, c, archive.topics)}) for c in children)
            checked += 1
    assert checked, "the sample archive has a parent with notices only its sub-topic has"


def test_internal_home_counts_only_issued_documents(built_internal, archive):
    root = parse(built_internal / "site" / "index.html")
    notices = published(archive, "internal")
    drafts = sum(1 for n in notices if n.status == "draft")
    assert drafts
    lead = " ".join(root.find("p", "na-lead").text().split())
    assert lead.startswith(f"{len(notices) - drafts} văn bản đã ban hành (")
    assert f"và {drafts} dự thảo." in lead


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_each_notice_is_listed_once_on_a_notice_page(profile, built_public, built_internal,
                                                     archive):
    site = (built_public if profile == "public" else built_internal) / "site"
    topic_names = {n.casefold() for t in archive.topics.values() for n in (t.name, *t.aliases)}
    for notice in published(archive, profile):
        page = page_file(site, notice.key)
        root = parse(page)
        seen: list[str] = []
        for section in ("na-cites", "na-related", "na-backlinks"):
            block = root.find("section", section)
            if block is not None:
                seen += [resolve(site, page, a.attrs["href"])
                         for a in block.find_all("a", "na-item-link")]
        assert len(seen) == len(set(seen)), (notice.key, seen)
        external = root.find("section", "na-external")
        if external is not None:
            for a in external.find_all("a"):
                assert a.text().casefold() not in topic_names, (notice.key, a.text())
        # Nơi nhận and the signing block close the document, after the body.
        text = page.read_text(encoding="utf-8")
        assert text.index('class="na-body"') < text.index('class="na-print-footer na-closing"')
        assert "Nơi nhận" not in root.find("dl", "na-meta").text()
        assert "không có" not in (root.find("nav", "na-neighbours") or root).text() or \
            root.find("nav", "na-neighbours") is None


def test_a_dated_draft_neighbour_is_named_by_its_title(archive):
    from generator.link import link
    from generator.model import Archive
    from generator.render.views import neighbour_rows

    draft = next(n for n in archive.notices if n.status == "draft" and n.topics
                 and n.classification != "secret")
    dated = dataclasses.replace(draft, date=dt.date(2024, 6, 30))
    notices = tuple(dated if n is draft else n for n in archive.notices)
    linked = link(Archive(notices, archive.topics), "internal")
    names = [side["name"] for n in linked.notices for row in neighbour_rows(n, linked)
             for side in (row["previous"], row["next"]) if side and side["draft"]]
    assert names and all(name.startswith("Dự thảo “") and name.endswith("”") for name in names)
    assert any(draft.title[:20] in name for name in names)


def test_undated_drafts_are_not_the_oldest(archive):
    from generator.link import link
    linked = link(archive, "internal")
    undated = [i for i, n in enumerate(linked.notices) if n.date is None]
    assert undated and max(undated) < min(i for i, n in enumerate(linked.notices) if n.date)
