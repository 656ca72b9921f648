"""The foundation: a real `mkdocs build` of the sample archive, through the CLI and the plugin."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from html import unescape

from conftest import cli, copy_project
from generator.text import slugify


def page(project, notice) -> str:
    return (project / "site" / notice.key / "index.html").read_text(encoding="utf-8")


def test_every_published_notice_has_a_page_with_metadata(built_public, archive):
    published = [n for n in archive.notices
                 if n.classification == "public" and n.status != "draft"]
    assert len(published) >= 15
    for notice in published:
        html = unescape(page(built_public, notice))
        assert 'class="na-meta"' in html
        assert notice.number in html and notice.title in html
        assert f"{notice.date:%d/%m/%Y}" in html
        assert notice.issuer in html and notice.signer.name in html
        assert "Trạng thái" in html and "Nơi nhận" in html
        assert f"<title>{notice.title}" in html


# Addresses written out by hand (year of issue / number in lower case, "/" and "Đ" → "-", "d").
EXPECTED_KEYS = {
    "95/TB-SGTVT": "2023/95-tb-sgtvt", "76/TB-VPUBND": "2023/76-tb-vpubnd",
    "127/TB-CAT": "2023/127-tb-cat", "18/TB-VPUBND": "2023/18-tb-vpubnd",
    "198/TB-VPUBND": "2023/198-tb-vpubnd", "104/TB-VPUBND": "2023/104-tb-vpubnd",
    "09/TB-UBND": "2024/09-tb-ubnd", "178/TB-VPUBND": "2024/178-tb-vpubnd",
    "38/TB-CAT": "2024/38-tb-cat", "151/TB-VPUBND": "2024/151-tb-vpubnd",
    "145/TB-VPUBND": "2024/145-tb-vpubnd", "156/TB-CAT": "2024/156-tb-cat",
    "98/TB-VPUBND": "2024/98-tb-vpubnd", "214/TB-VPUBND": "2024/214-tb-vpubnd",
    "112/TB-VPUBND": "2024/112-tb-vpubnd", "07/KH-UBND": "2025/07-kh-ubnd",
    "41/TB-VPUBND": "2025/41-tb-vpubnd", "96/TB-VPUBND": "2025/96-tb-vpubnd",
}


def test_url_is_derived_from_number_and_year(archive):
    numbered = {n.number: n.key for n in archive.notices if n.number and n.date}
    assert numbered == EXPECTED_KEYS
    assert slugify("12/QĐ-UBND") == "12-qd-ubnd" and slugify("84/2012/NĐ-CP") == "84-2012-nd-cp"


def test_withheld_notices_have_no_page(built_public, archive):
    for notice in archive.notices:
        if notice.classification != "public" or notice.status == "draft":
            assert not (built_public / "site" / notice.key).exists(), notice.source


def test_home_lists_latest_notices_and_topics(built_public, archive):
    home = unescape((built_public / "site" / "index.html").read_text(encoding="utf-8"))
    latest = next(n for n in archive.notices if n.classification == "public"
                  and n.status != "draft")
    assert latest.title in home
    from test_links import about
    public = [n for n in archive.notices if n.classification == "public" and n.status != "draft"]
    for topic in archive.topics.values():
        # A topic is listed when a published notice is about it (or one of its sub-topics).
        assert (topic.name in home) == any(about(n, topic.slug, archive.topics) for n in public)
    assert 'lang="vi"' in home


def test_navigation_does_not_list_every_notice(built_public, archive):
    html = (built_public / "site" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>', html, re.S).group(0)
    assert all(n.title not in unescape(nav) for n in archive.notices)


def test_plain_mkdocs_build_is_strict_clean(tmp_path):
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)\s+-", result.stderr, re.M), result.stderr
    assert (project / "site" / "index.html").exists()
    assert not (project / "site" / "topics.yml").exists()


def test_nfd_input_comes_out_nfc(tmp_path):
    project = copy_project(tmp_path)
    source = next((project / "notices").rglob("*.md"))
    text = source.read_text(encoding="utf-8")
    if "status: issued" not in text or "classification: public" not in text:
        source = next(p for p in (project / "notices").rglob("*.md")
                      if "status: issued" in p.read_text(encoding="utf-8")
                      and "classification: public" in p.read_text(encoding="utf-8"))
        text = source.read_text(encoding="utf-8")
    source.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    cli(project, "build", check=True)
    for html_file in (project / "site").rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", html), html_file
    # The same letters, composed: not merely NFC (text stripped of its accents is NFC too).
    title = unicodedata.normalize("NFC", re.search(r'^title: "(.*)"$', text, re.M).group(1))
    body_line = unicodedata.normalize("NFC", next(
        line for line in text.split("\n---", 2)[-1].splitlines() if len(line) > 80))
    assert title != unicodedata.normalize("NFD", title)
    pages = [unescape(p.read_text(encoding="utf-8")) for p in (project / "site").rglob("*.html")]
    assert any(title in page for page in pages), title
    assert any(body_line[:60] in page for page in pages), body_line


def test_moved_file_keeps_its_url(built_public_copy, archive):
    project = built_public_copy
    notice = next(n for n in archive.notices if n.classification == "public"
                  and n.status == "issued")
    before = page(project, notice)
    moved = project / "notices" / "moved" / "somewhere-else.md"
    moved.parent.mkdir()
    shutil.move(project / notice.source, moved)
    cli(project, "build", check=True)
    assert page(project, notice) == before.replace(notice.source, moved.relative_to(project).as_posix())


def test_failed_build_keeps_published_site(built_public_copy):
    project = built_public_copy
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    bad = project / "notices" / "2024" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    result = cli(project, "build")
    assert result.returncode == 1
    assert "notices/2024/broken.md:2" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site.building-*"))
