"""References, backlinks and mention links, checked from the built HTML; and no broken link.

The helpers here (a tiny DOM over the standard library's html.parser, href resolution) are used
by the other browsing tests too.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import cli, copy_project

from generator.link.related import day

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes())]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node | None":
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def page_file(site: Path, key: str) -> Path:
    return site / key / "index.html"


def resolve(site: Path, page: Path, href: str) -> str:
    """A relative href of `page` → the site-relative path it points at ('2024/98-tb-vpubnd/')."""
    base = posixpath.dirname(page.relative_to(site).as_posix())
    path = href.split("#", 1)[0].split("?", 1)[0]
    joined = posixpath.normpath(posixpath.join(base, path)) if path else page.relative_to(site).as_posix()
    if joined == ".":
        return ""
    return joined + ("/" if href.split("#")[0].endswith("/") else "")


def linked_keys(site: Path, page: Path, container: Node | None, cls: str = "na-item-link") -> list[str]:
    if container is None:
        return []
    return [resolve(site, page, a.attrs["href"]).rstrip("/")
            for a in container.find_all("a", cls)]


def published(archive, profile: str = "public"):
    from generator.link import withheld_reason
    return [n for n in archive.notices if withheld_reason(n, profile) is None]


def about(notice, slug: str, topics) -> bool:
    """A notice is about a topic when tagged with it or with one of its sub-topics (a notice
    about "Đề án 06" is about its parent "Chuyển đổi số" too)."""
    for tagged in notice.topics:
        current, seen = tagged, set()
        while current in topics and current not in seen:
            if current == slug:
                return True
            seen.add(current)
            current = topics[current].parent
    return False


# --- backlinks and references in the sample archive -------------------------------------------

def _cites(citing, target) -> bool:
    """Independent of the generator: front matter, or the number named in the body."""
    if target.number in citing.related or citing.supersedes == target.number:
        return True
    pattern = rf"(?i:thông báo)(?:\s+số)?\s+{re.escape(target.number)}(?![\w/-])"
    return re.search(pattern, citing.body) is not None


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_backlinks_are_exact(profile, built_public, built_internal, archive):
    site = (built_public if profile == "public" else built_internal) / "site"
    notices = published(archive, profile)
    total = 0
    for target in notices:
        page = page_file(site, target.key)
        section = parse(page).find("section", "na-backlinks")
        expected = sorted(n.key for n in notices
                          if n is not target and target.number and _cites(n, target))
        assert sorted(linked_keys(site, page, section)) == expected, target.number
        total += len(expected)
    assert total >= 8  # the sample archive cites itself a fair amount


def test_body_citations_link_to_published_notices(built_public, archive):
    site = built_public / "site"
    notices = {n.number: n for n in published(archive)}
    seen = 0
    for notice in published(archive):
        page = page_file(site, notice.key)
        body = parse(page).find("div", "na-body")
        links = {a.text(): resolve(site, page, a.attrs["href"]).rstrip("/")
                 for a in body.find_all("a", "na-mention-notice")}
        for text, target in links.items():
            number = text.split()[-1]
            assert notices[number].key == target
            seen += 1
        for m in re.finditer(r"Thông báo số (\S+/TB-VPUBND)", body.text()):
            if m.group(1) in notices and notices[m.group(1)] is not notice:
                assert m.group(0) in links, (notice.number, m.group(0))
    assert seen >= 8


def test_superseded_notice_has_banner_to_replacement(built_public, archive):
    site = built_public / "site"
    old = next(n for n in archive.notices if n.number == "145/TB-VPUBND")
    new = next(n for n in archive.notices if n.supersedes == "145/TB-VPUBND")
    page = page_file(site, old.key)
    banner = parse(page).find("div", "na-superseded")
    assert banner is not None
    assert linked_keys(site, page, banner, cls=None) == [new.key]
    # History, not an alarm: material's calm information box, not the red lightning bolt.
    assert "info" in banner.classes() and "danger" not in banner.classes()


def test_related_lists_explicit_first(built_public, archive):
    site = built_public / "site"
    for notice in published(archive):
        if not notice.related:
            continue
        page = page_file(site, notice.key)
        keys = linked_keys(site, page, parse(page).find("section", "na-related"))
        numbers = {n.number: n for n in published(archive)}
        explicit = [numbers[x].key for x in notice.related if x in numbers]  # as written
        assert keys[:len(explicit)] == explicit
        shared = [k for k in keys[len(explicit):]]
        by_key = {n.key: n for n in published(archive)}
        ranks = [(-len(set(by_key[k].topics) & set(notice.topics)),
                  abs(day(by_key[k]) - day(notice)), by_key[k].sort_key) for k in shared]
        assert ranks == sorted(ranks)  # then the most shared topics, nearest in date first


def test_external_documents_listed_and_have_pages(built_public, archive):
    site = built_public / "site"
    notice = next(n for n in archive.notices if n.number == "151/TB-VPUBND")
    page = page_file(site, notice.key)
    section = parse(page).find("section", "na-external")
    labels = {a.text(): resolve(site, page, a.attrs["href"]) for a in section.find_all("a")}
    assert "Luật Đất đai năm 2024" in labels
    assert "Nghị định số 88/2024/NĐ-CP" in labels
    # An archived notice is never an "external" document.
    assert not any("TB-VPUBND" in label for label in labels)
    doc_page = site / labels["Nghị định số 88/2024/NĐ-CP"] / "index.html"
    citing = sorted(linked_keys(site, doc_page, parse(doc_page).find("article")
                                or parse(doc_page).find("div", "md-content")))
    expected = sorted(n.key for n in published(archive) if "88/2024/NĐ-CP" in n.body)
    assert citing == expected and len(expected) == 2


# --- mention links: edge cases in a small archive made for them -------------------------------

NOTICE = """\
---
number: "{number}"
type: thong-bao
title: "{title}"
issuer: "Văn phòng UBND tỉnh Hậu Giang"
place: "Hậu Giang"
date: {date}
signer:
  name: "Lưu Ngọc Đông"
  title: "Phó Chánh Văn phòng"
topics: [{topics}]
status: issued
classification: {classification}
---

{body}
"""

EDGE_BODY = textwrap.dedent("""\
    ## Về Đề án 06 và an ninh, trật tự

    Mã `Phòng cháy, chữa cháy` trong dòng lệnh và [Thông báo số 2/TB-TEST](https://example.org/vb) đã có liên kết.

    Tiếp tục thực hiện Đề án 06 của Chính phủ; đề án 06 cần làm tiếp.

    Theo Thông báo số 2/TB-TEST ngày 01/02/2024 và Thông báo số 3/TB-TEST ngày 02/02/2024.

    Triển khai Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở; sau đó bàn về AN NINH, TRẬT TỰ.

        Đề án 06 trong khối mã

    Đẩy mạnh cai cach hanh chinh.
    """)

# Names are not mentions: a quoted title, the title of a cited law.
NAMES_BODY = ("Ban hành Đề án “Đẩy mạnh cải cách hành chính, phòng cháy, chữa cháy năm 2024” và "
              "thực hiện Luật Phòng cháy, chữa cháy năm 2001.\n\n"
              "Đẩy mạnh cải cách hành chính; phòng cháy, chữa cháy; lại nói cải cách hành chính.\n")


@pytest.fixture(scope="module")
def edge_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("edge"), notices=False)
    year = project / "notices" / "2024"
    year.mkdir()
    (year / "a.md").write_text(NOTICE.format(
        number="1/TB-TEST", title="Thông báo kiểm thử liên kết", date="2024-03-01",
        topics="de-an-06, an-ninh-trat-tu, luc-luong-bao-ve-an-ninh-trat-tu-co-so",
        classification="public", body=EDGE_BODY), encoding="utf-8")
    (year / "b.md").write_text(NOTICE.format(
        number="2/TB-TEST", title="Thông báo được dẫn chiếu", date="2024-02-01",
        topics="de-an-06, cai-cach-hanh-chinh, phong-chay-chua-chay", classification="public",
        body=NAMES_BODY), encoding="utf-8")
    (year / "c.md").write_text(NOTICE.format(
        number="3/TB-TEST", title="TIÊU-ĐỀ-NỘI-BỘ-XYZ", date="2024-02-02",
        topics="de-an-06", classification="internal", body="Nội dung nội bộ."), encoding="utf-8")
    revoked = NOTICE.format(
        number="4/TB-TEST", title="Thông báo đã bị bãi bỏ", date="2024-01-15", topics="",
        classification="public", body="Nội dung cũ.").replace("status: issued", "status: revoked")
    (year / "d.md").write_text(revoked, encoding="utf-8")
    cli(project, "build", "--strict", check=True)
    cli(project, "build", "--profile", "internal", "--site-dir", "internal-site", "--strict",
        check=True)
    return project


def _mentions(site: Path, key: str) -> list[tuple[str, str]]:
    page = page_file(site, key)
    body = parse(page).find("div", "na-body")
    return [(a.text(), resolve(site, page, a.attrs["href"]))
            for a in body.find_all("a") if "na-mention" in a.classes()]


def test_mentions_link_first_topic_mention_and_cited_notices(edge_project):
    site = edge_project / "site"
    assert _mentions(site, "2024/1-tb-test") == [
        ("Đề án 06 của Chính phủ", "chu-de/de-an-06/"),        # longest alias, first mention
        ("Thông báo số 2/TB-TEST", "2024/2-tb-test/"),          # published: a link
        ("Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
         "chu-de/luc-luong-bao-ve-an-ninh-trat-tu-co-so/"),     # not "an ninh, trật tự" inside
        ("AN NINH, TRẬT TỰ", "chu-de/an-ninh-trat-tu/"),        # case-insensitive
        ("cai cach hanh chinh", "chu-de/cai-cach-hanh-chinh/"), # diacritic-insensitive
    ]
    # Not inside a quoted name, nor inside the title of a cited law: the first mention outside
    # them is linked, and only that one.
    assert _mentions(site, "2024/2-tb-test") == [
        ("cải cách hành chính", "chu-de/cai-cach-hanh-chinh/"),
        ("phòng cháy, chữa cháy", "chu-de/phong-chay-chua-chay/"),
    ]


def test_no_mention_links_inside_links_headings_or_code(edge_project):
    for site in (edge_project / "site", edge_project / "internal-site"):
        root = parse(page_file(site, "2024/1-tb-test"))
        body = root.find("div", "na-body")
        for a in body.find_all("a"):
            assert not {n.tag for n in a.ancestors()} & {"a", "h1", "h2", "h3", "code", "pre"}
        heading = body.find("h2")
        assert heading.find("a") is None and "Đề án 06" in heading.text()
        assert "Đề án 06 trong khối mã" in body.find("pre").text()
        codes = body.find_all("code")
        assert codes and all(c.find("a") is None for c in codes)
        existing = [a for a in body.find_all("a") if a.attrs["href"] == "https://example.org/vb"]
        assert len(existing) == 1 and existing[0].children == ["Thông báo số 2/TB-TEST"]


def test_withheld_number_stays_plain_text(edge_project):
    site = edge_project / "site"
    page = page_file(site, "2024/1-tb-test")
    body = parse(page).find("div", "na-body")
    assert "Thông báo số 3/TB-TEST" in body.text()
    assert all("3/TB-TEST" not in a.text() for a in body.find_all("a"))
    assert not (site / "2024" / "3-tb-test").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "TIÊU-ĐỀ-NỘI-BỘ-XYZ" not in path.read_text(encoding="utf-8"), path
    # The internal profile publishes it, so there the same words are a link.
    internal = edge_project / "internal-site"
    assert ("Thông báo số 3/TB-TEST", "2024/3-tb-test/") in _mentions(internal, "2024/1-tb-test")


def test_body_mention_counts_as_backlink(edge_project):
    site = edge_project / "site"
    page = page_file(site, "2024/2-tb-test")
    assert linked_keys(site, page, parse(page).find("section", "na-backlinks")) == ["2024/1-tb-test"]
    citing = page_file(site, "2024/1-tb-test")
    assert linked_keys(site, citing, parse(citing).find("section", "na-cites")) == ["2024/2-tb-test"]
    internal = edge_project / "internal-site"
    citing = page_file(internal, "2024/1-tb-test")
    assert linked_keys(internal, citing, parse(citing).find("section", "na-cites")) == \
        ["2024/2-tb-test", "2024/3-tb-test"]  # in the order the body cites them


def test_revoked_notice_has_a_banner(edge_project):
    root = parse(page_file(edge_project / "site", "2024/4-tb-test"))
    banner = root.find("div", "na-superseded")
    assert "Đã bị bãi bỏ" in banner.text() and "không còn hiệu lực" in banner.text()
    assert banner.find("a") is None  # nothing replaced it


def test_check_suggests_missing_topic_tag(edge_project):
    result = cli(edge_project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stdout.splitlines() if "NA501" in line]
    source = (edge_project / "notices/2024/a.md").read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(source, 1) if "cai cach hanh chinh" in line)
    # "Phòng cháy, chữa cháy" is named only inside code: no mention, no warning.
    assert warnings == [f"notices/2024/a.md:{line_no}:10: warning NA501: nội dung nhắc đến chủ đề "
                        '"Cải cách hành chính" ("cai cach hanh chinh") nhưng thông báo chưa gắn '
                        'chủ đề này; cân nhắc thêm "cai-cach-hanh-chinh" vào "topics"']


# --- no broken internal link anywhere --------------------------------------------------------

class _Refs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name):
                self.refs.append(a[name])


def broken_links(site: Path) -> list[str]:
    parsed: dict[Path, _Refs] = {}

    def refs(path: Path) -> _Refs:
        if path not in parsed:
            p = _Refs()
            p.feed(path.read_text(encoding="utf-8"))
            parsed[path] = p
        return parsed[path]

    broken = []
    for page in sorted(site.rglob("*.html")):
        for ref in refs(page).refs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith("//"):
                continue  # external, mailto:, data:
            path, _, fragment = ref.partition("#")
            path = path.split("?", 1)[0]
            if path.startswith("/"):  # 404.html: root-absolute, the site served at its root
                target = (site / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or site.resolve() not in target.resolve().parents:
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif fragment and target.suffix == ".html" and fragment not in refs(target).ids:
                broken.append(f"{page.relative_to(site)}: {ref} (no #{fragment})")
    return broken


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_no_broken_internal_link(profile, built_public, built_internal):
    site = (built_public if profile == "public" else built_internal) / "site"
    assert len(list(site.rglob("*.html"))) > 50
    assert broken_links(site) == []


def test_link_checker_finds_a_broken_link(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a><a href="b/">missing</a>'
                                     '<a href="a/#nope">anchor</a><a href="https://x.org/">x</a>')
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../#top">x</a>')
    assert broken_links(site) == ["a/index.html: ../#top (no #top)", "index.html: b/",
                                  "index.html: a/#nope (no #nope)"]



def test_references_by_number_resolve_to_the_right_year(tmp_path):
    """Numbers restart every year: "05/TB-UBND" of 2023 and of 2024 are two notices, and a
    reference resolves to the latest one issued on or before the citing notice."""
    from conftest import cli, copy_project

    project = copy_project(tmp_path, notices=False)

    def write(name, number, date, extra=""):
        (project / "notices" / name).write_text(
            f'---\nnumber: "{number}"\ntype: thong-bao\ntitle: "Thông báo {name}"\n'
            f'issuer: "UBND tỉnh Hậu Giang"\ndate: {date}\nsigner:\n  name: "Trần Văn A"\n'
            f"{extra}status: issued\nclassification: public\n---\n\nNội dung {name}.\n",
            encoding="utf-8")

    write("a.md", "05/TB-UBND", "2023-03-01")
    write("b.md", "05/TB-UBND", "2024-03-01")
    write("c.md", "30/TB-UBND", "2023-12-01", 'related: ["05/TB-UBND"]\n')
    write("d.md", "40/TB-UBND", "2024-06-01", 'related: ["05/TB-UBND"]\n')
    cli(project, "build", check=True)
    site = project / "site"
    assert "Thông báo c.md" in (site / "2023/05-tb-ubnd/index.html").read_text(encoding="utf-8")
    assert "Thông báo d.md" not in (site / "2023/05-tb-ubnd/index.html").read_text(encoding="utf-8")
    assert "Thông báo d.md" in (site / "2024/05-tb-ubnd/index.html").read_text(encoding="utf-8")
    assert "Thông báo c.md" not in (site / "2024/05-tb-ubnd/index.html").read_text(encoding="utf-8")
