"""Browsing the built site: topic pages, year and month pages, indexes by issuer, person, signer
and type, breadcrumbs, previous/next within topics, the home page."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from generator.model import DOCUMENT_TYPES
from generator.text import canonical, fold, slugify
from test_links import about, linked_keys, page_file, parse, published, resolve


def _items(site, path):
    page = site / path / "index.html"
    root = parse(page)
    return page, root, linked_keys(site, page, root.find("div", "md-content"))


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_each_topic_page_lists_exactly_its_notices(profile, built_public, built_internal, archive):
    site = (built_public if profile == "public" else built_internal) / "site"
    notices = published(archive, profile)
    for slug, topic in archive.topics.items():
        expected = [n.key for n in notices if about(n, slug, archive.topics)]  # newest first
        if not expected:  # nothing published about it: no page, no entry in any list
            assert not (site / "chu-de" / slug).exists(), slug
            continue
        page, root, keys = _items(site, f"chu-de/{slug}")
        assert keys == expected, slug
        assert root.find("h1").text() == topic.name
        if topic.description:
            assert topic.description in root.find("p", "na-lead").text()
        # Years newest first, each with its count.
        years = [h for h in root.find_all("h2") if h.attrs.get("id", "").startswith("nam-")]
        counts = defaultdict(int)
        for n in notices:
            if about(n, slug, archive.topics):
                counts[n.year] += 1
        assert [h.attrs["id"] for h in years] == [f"nam-{y or 'du-thao'}" for y in
                                                  sorted(counts, key=lambda y: -(y or 10**6))]
        for h in years:
            year = h.attrs["id"][4:]
            assert h.find("span", "na-count").text() == str(counts[None if year == "du-thao"
                                                                   else int(year)])
        children = [s for s, t in archive.topics.items() if t.parent == slug]
        sub = root.find("h2")
        if children:
            listed = [resolve(site, page, a.attrs["href"]) for a in sub.parent.find_all("a")
                      if a.parent.parent is not None and a.parent.parent.tag == "ul"
                      and "na-topics" in a.parent.parent.classes()]
            assert sorted(listed) == sorted(f"chu-de/{c}/" for c in children
                                            if any(about(n, c, archive.topics) for n in notices))


def test_topic_index_counts(built_public, archive):
    site = built_public / "site"
    page = site / "chu-de" / "index.html"
    root = parse(page)
    notices = published(archive)
    for li in root.find("ul", "na-topics").find_all("li"):
        a = li.find("a")
        slug = resolve(site, page, a.attrs["href"]).split("/")[1]
        count = sum(about(n, slug, archive.topics) for n in notices)
        assert int(li.find("span", "na-count").text()) == count > 0


def test_year_and_month_pages(built_public, archive):
    site = built_public / "site"
    notices = published(archive)
    by_month = defaultdict(list)
    for n in notices:
        by_month[(n.date.year, n.date.month)].append(n.key)
    for year in {y for y, _ in by_month}:
        page = site / "nam" / str(year) / "index.html"
        root = parse(page)
        headings = [h for h in root.find("div", "md-content").find_all("h2")]
        months = [(resolve(site, page, h.find("a").attrs["href"]),
                   int(h.find("span", "na-count").text())) for h in headings]
        order = sorted((m for y, m in by_month if y == year), reverse=True)
        assert months == [(f"nam/{year}/{m:02d}/", len(by_month[(year, m)])) for m in order]
        # Below the list limit the year page lists its notices, grouped by month.
        assert linked_keys(site, page, root.find("div", "md-content")) == \
            [key for m in order for key in by_month[(year, m)]]
    for (year, month), keys in by_month.items():
        _, root, listed = _items(site, f"nam/{year}/{month:02d}")
        assert listed == keys


def test_notice_breadcrumbs_go_to_year_and_month(built_public, archive):
    site = built_public / "site"
    for notice in published(archive):
        page = page_file(site, notice.key)
        crumbs = parse(page).find("nav", "na-breadcrumbs")
        hrefs = [resolve(site, page, a.attrs["href"]) for a in crumbs.find_all("a")]
        assert hrefs == ["nam/", f"nam/{notice.year}/", f"nam/{notice.year}/{notice.date.month:02d}/"]


FACETS = {
    "co-quan": lambda n: n.issuer,
    "chu-tri": lambda n: n.meeting.chair if n.meeting else None,
    "nguoi-ky": lambda n: n.signer.name if n.signer else None,
    "loai": lambda n: n.type,
}


@pytest.mark.parametrize("folder", sorted(FACETS))
def test_facet_pages_list_exactly_their_notices(folder, built_public, archive):
    site = built_public / "site"
    value = FACETS[folder]
    groups = defaultdict(list)
    for n in published(archive):
        if value(n):
            groups[slugify(canonical(value(n)))].append(n.key)
    index = site / folder / "index.html"
    listed = {resolve(site, index, a.attrs["href"]).split("/")[1]:
              int(a.parent.find("span", "na-count").text())
              for a in parse(index).find("ul", "na-facets").find_all("a")}
    assert listed == {slug: len(keys) for slug, keys in groups.items()}
    for slug, keys in groups.items():
        _, root, found = _items(site, f"{folder}/{slug}")
        assert found == keys
    if folder == "loai":
        assert parse(site / "loai" / "ke-hoach" / "index.html").find("h1").text() == \
            DOCUMENT_TYPES["ke-hoach"][1]


def test_notice_page_links_to_its_indexes(built_public, archive):
    site = built_public / "site"
    notice = next(n for n in published(archive) if n.number == "98/TB-VPUBND")
    page = page_file(site, notice.key)
    meta = parse(page).find("dl", "na-meta")
    hrefs = {resolve(site, page, a.attrs["href"]) for a in meta.find_all("a")}
    assert {f"co-quan/{slugify(notice.issuer)}/", f"nguoi-ky/{slugify(notice.signer.name)}/",
            f"chu-tri/{slugify(notice.meeting.chair)}/", "loai/thong-bao/"} <= hrefs


def test_previous_and_next_within_each_topic(built_public, archive):
    site = built_public / "site"
    notices = published(archive)
    checked = 0
    for notice in notices:
        page = page_file(site, notice.key)
        nav = parse(page).find("nav", "na-neighbours")
        rows = nav.find_all("li") if nav is not None else []
        for slug in notice.topics:
            ordered = [n.key for n in notices if slug in n.topics and n.date]  # newest first
            i = ordered.index(notice.key)
            older = ordered[i + 1] if i + 1 < len(ordered) else None
            newer = ordered[i - 1] if i > 0 else None
            line = [li for li in rows if f"chu-de/{slug}/" in
                    [resolve(site, page, a.attrs["href"]) for a in li.find_all("a", "na-neighbour-topic")]]
            if older is None and newer is None:  # nothing to show: no row at all
                assert line == [], (notice.key, slug)
                continue
            (line,) = line
            prev = line.find("a", "na-prev")
            nxt = line.find("a", "na-next")
            assert (resolve(site, page, prev.attrs["href"]).rstrip("/") if prev else None) == older
            assert (resolve(site, page, nxt.attrs["href"]).rstrip("/") if nxt else None) == newer
            assert "không có" not in line.text()
            checked += 1
        # Compact: topics with the same neighbours share one row.
        pairs = [(li.find("a", "na-prev").attrs["href"] if li.find("a", "na-prev") else None,
                  li.find("a", "na-next").attrs["href"] if li.find("a", "na-next") else None)
                 for li in rows]
        assert len(pairs) == len(set(pairs)), notice.key
    assert checked > 20


def test_home_has_latest_topics_and_search_box(built_public, archive):
    site = built_public / "site"
    page = site / "index.html"
    root = parse(page)
    form = root.find("form", "na-search-home")
    assert resolve(site, page, form.attrs["action"]) in ("tim-kiem/", "tim-kiem/index.html")
    assert form.find("input").attrs["name"] == "q"
    latest = linked_keys(site, page, root.find("ul", "na-list"))
    assert latest == [n.key for n in published(archive)][:len(latest)] and len(latest) >= 10
    topics = {resolve(site, page, a.attrs["href"]) for a in root.find("ul", "na-topics").find_all("a")}
    notices = published(archive)
    assert topics == {f"chu-de/{s}/" for s in archive.topics
                      if any(about(n, s, archive.topics) for n in notices)}
    # The lead counts issued documents by their own type names, drafts apart.
    lead = root.find("p", "na-lead").text()
    assert lead.startswith(f"{len(notices)} văn bản đã ban hành (")
    assert "kế hoạch" in lead and "dự thảo" not in lead


@pytest.fixture(scope="module")
def built_paged(tmp_path_factory):
    """The sample archive with long lists split by year from 3 notices on."""
    from conftest import cli, copy_project
    project = copy_project(tmp_path_factory.mktemp("paged"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      profile: public\n" in text
    config.write_text(text.replace("      profile: public\n",
                                   "      profile: public\n      list_limit: 2\n"),
                      encoding="utf-8")
    cli(project, "build", "--strict", check=True)
    return project


def _timeline_keys(site, path):
    """Notices a (maybe split) timeline page lists, following its year pages."""
    page, root, keys = _items(site, path)
    years = [a for h in root.find_all("h2") if h.attrs.get("id", "").startswith("nam-")
             for a in h.find_all("a")]
    for a in years:
        year_page = resolve(site, page, a.attrs["href"])
        assert year_page.startswith(path + "/")
        keys += _items(site, year_page.rstrip("/"))[2]
    return keys, bool(years)


def test_long_timelines_are_split_by_year_and_stay_exact(built_paged, archive):
    from test_links import broken_links
    site = built_paged / "site"
    notices = published(archive)
    split = 0
    for slug in archive.topics:
        expected = [n.key for n in notices if about(n, slug, archive.topics)]
        if not expected:
            continue
        keys, was_split = _timeline_keys(site, f"chu-de/{slug}")
        assert keys == expected, slug
        assert was_split == (len(expected) > 2)
        split += was_split
    issuers = defaultdict(list)
    for n in notices:
        issuers[slugify(canonical(n.issuer))].append(n.key)
    for slug, expected in issuers.items():
        keys, was_split = _timeline_keys(site, f"co-quan/{slug}")
        assert keys == expected and was_split == (len(expected) > 2)
    assert split >= 5
    assert broken_links(site) == []


# Outside documents each sample notice's body cites, read off the bodies by hand (notices the
# archive holds are cross-links, not outside documents, so "Thông báo số 98/TB-VPUBND" is absent).
# Not counted, on purpose: "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở" without its
# year (96/TB-VPUBND: a law's name has no sure end without "năm"), "***Nghị quyết số 12***"
# (a bare number is no document number) and "Luật" alone.
CITED_OUTSIDE = {
    "ket-luan-boi-thuong-cao-toc-can-tho-ca-mau": ["luat-khieu-nai-nam-2011",
                                                   "luat-tiep-cong-dan-nam-2013"],
    "ket-luan-kiem-tra-pccc-khu-cong-nghiep-song-hau": ["nghi-dinh-136-2020-nd-cp"],
    "ket-luan-to-cong-tac-de-an-06-quy-i-2023": ["de-an-06", "nghi-dinh-59-2022-nd-cp",
                                                 "quyet-dinh-06-qd-ttg"],
    "ket-luan-tong-ket-atgt-nam-2023": ["chi-thi-23-ct-tw"],
    "ket-luan-tong-ket-phong-chong-thien-tai-2022": ["luat-phong-chong-thien-tai-nam-2013"],
    "du-thao-ket-luan-so-ket-cong-an-6-thang-2024": ["de-an-06"],
    "ket-luan-ban-chi-dao-chuyen-doi-so-2024": ["de-an-06"],
    "ket-luan-giao-ban-chuan-bi-trien-khai-luat-llbvanttcs": [
        "luat-luc-luong-tham-gia-bao-ve-an-ninh-trat-tu-o-co-so-nam-2023", "nghi-quyet-12-nq-tw"],
    "ket-luan-gpmb-chau-thanh-a-2024-thay-the": ["luat-dat-dai-nam-2024",
                                                 "nghi-dinh-88-2024-nd-cp"],
    "ket-luan-gpmb-chau-thanh-a-2024": ["luat-dat-dai-nam-2024", "nghi-dinh-88-2024-nd-cp"],
    "ket-luan-to-cong-tac-de-an-06-quy-i-2024": ["de-an-06"],
    "ket-luan-trien-khai-luat-llbvanttcs": [
        "luat-luc-luong-tham-gia-bao-ve-an-ninh-trat-tu-o-co-so-nam-2023",
        "nghi-dinh-40-2024-nd-cp"],
    "du-thao-ket-luan-ban-atgt-quy-i-2025": ["luat-trat-tu-an-toan-giao-thong-duong-bo-nam-2024",
                                             "nghi-dinh-168-2024-nd-cp"],
    "ke-hoach-thuc-hien-de-an-06-nam-2025": ["de-an-06", "nghi-dinh-69-2024-nd-cp",
                                             "nghi-quyet-57-nq-tw", "quyet-dinh-06-qd-ttg"],
    "ket-luan-pccc-mua-kho-lung-ngoc-hoang-2025": [
        "luat-phong-chay-chua-chay-va-cuu-nan-cuu-ho-nam-2024"],
}


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_cited_document_pages_list_exactly_their_citing_notices(profile, built_public,
                                                                built_internal, archive):
    site = (built_public if profile == "public" else built_internal) / "site"
    expected = defaultdict(list)
    for n in published(archive, profile):
        for key in CITED_OUTSIDE.get(Path(n.source).stem, []):
            expected[key].append(n.key)
    index = site / "van-ban-dan-chieu" / "index.html"
    root = parse(index)
    listed = {resolve(site, index, a.attrs["href"]).split("/")[1]:
              int(a.parent.find("span", "na-count").text())
              for ul in root.find_all("ul", "na-facets") for a in ul.find_all("a")}
    assert listed == {k: len(v) for k, v in expected.items()} and len(listed) >= 10
    kinds = [h.text().rsplit(" ", 1)[0].strip() for h in root.find("div", "md-content").find_all("h2")]
    assert kinds == sorted(kinds, key=fold) and "Đề án" in kinds  # Đ with D, not after Z
    for key, keys in expected.items():
        assert _items(site, f"van-ban-dan-chieu/{key}")[2] == keys


def test_agency_task_pages_split_by_year_beyond_the_list_limit(built_paged):
    """With more tasks than a list shows (2 here), an agency's page shows the most urgent open
    ones and links a page per year of the notices; those pages hold every task exactly once."""
    from generator.pipeline import run
    from test_links import broken_links
    site = built_paged / "site"
    # The register the pages are rendered from (successors' tasks included): this test is
    # about how the pages divide it, test_tasks.py about what it holds.
    pages = run(built_paged / "notices", built_paged).linked.agency_pages
    split = 0
    for key, agency in pages.items():
        tasks = [{"status": t.status} for t in agency.tasks]
        page = site / "nhiem-vu" / key / "index.html"
        root = parse(page)
        rows = root.find_all("tr", "na-task")
        years = [resolve(site, page, a.attrs["href"]) for ul in root.find_all("ul", "na-agency-years")
                 for a in ul.find_all("a")]
        count_line = root.find("p", "na-count-line").text()
        open_count = sum(1 for t in tasks if t["status"] != "hoan-thanh")
        assert count_line.startswith(f"{open_count} nhiệm vụ đang thực hiện"), (key, count_line)
        if len(tasks) <= 2:
            assert not years and len(rows) == len(tasks)
            continue
        split += 1
        assert len(rows) == min(2, open_count) and years
        # Every year page lists that year's tasks; together, each task once.
        seen = []
        for year_url in years:
            year_root = parse(site / year_url / "index.html")
            year = year_url.rstrip("/").rsplit("/", 1)[1]
            for row in year_root.find_all("tr", "na-task"):
                date = row.find("td", "na-task-notice").find("span", "na-date").text()
                assert date.endswith(year) or (year == "du-thao" and not date), (key, year, date)
                seen.append(row.find("td", "na-task-text").text())
        assert len(seen) == len(tasks), key
    assert split >= 1
    assert broken_links(site) == []
