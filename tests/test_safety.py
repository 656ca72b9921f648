"""Hostile or broken content: sanitised bodies, escaped front matter, no script runs in a
browser, limits with clear errors, and page addresses that can never leave site/."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import cli, copy_project
from generator.model import Notice
from generator.render.sanitize import sanitize_html
from generator.text import MAX_SLUG, RESERVED_NAMES, slugify
from test_atomic import leftovers, tree_hash

# Each payload would set window.__pwned if it ever ran.
FM_PAYLOADS = ('<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=2">',
               "'><svg onload=window.__pwned=3>")
HOSTILE = " ".join(FM_PAYLOADS)

HOSTILE_BODY = """\
Mở đầu **đậm** và *nghiêng*, <u>gạch chân</u>, H<sub>2</sub>O, x<sup>2</sup>.

<script>window.__pwned = 10</script>

<img src="x" onerror="window.__pwned = 11">

Liên kết Markdown [md](javascript:window.__pwned=13) và [md2](<javascript:window.__pwned=13>).

<p>Đoạn <a href="javascript:window.__pwned=12">liên kết độc</a>,
<a href=" JaVaScRiPt:window.__pwned=14">hoa thường</a>, <a href="vbscript:x">vb</a>,
<a href="data:text/html,&lt;script&gt;window.__pwned=15&lt;/script&gt;">data</a>.</p>

<iframe src="javascript:parent.__pwned=16"></iframe>

<svg onload="window.__pwned=17"><circle r="1"/></svg>

<div onmouseover="window.__pwned=18" onclick="window.__pwned=18">Vùng di chuột</div>

<object data="javascript:window.__pwned=19"></object><embed src="javascript:window.__pwned=20">

<form action="javascript:window.__pwned=21"><button>Gửi</button></form>

<style>body { display: none }</style>

<details open ontoggle="window.__pwned=22"><summary>Chi tiết</summary>ẩn</details>

<h2 id="__config">Bóng ma cấu hình</h2>

## Mục <img src=x onerror="window.__pwned=23"> có ảnh

| Cột | Giá trị |
|---|---|
| a | b |

1. Mục một
2. Mục hai

> Trích dẫn nguyên văn

[Văn bản hợp lệ](https://example.org/van-ban)

<!-- <script>window.__pwned=24</script> -->
"""


def _hostile_notice(project) -> str:
    fm = {
        "number": "990/TB-VPUBND", "type": "thong-bao", "title": f"Kết luận {HOSTILE}",
        "issuer": f"Văn phòng {HOSTILE}", "place": HOSTILE, "date": "2025-06-02",
        "meeting": {"date": "2025-06-01", "location": HOSTILE, "chair": HOSTILE,
                    "chair_title": HOSTILE},
        "signer": {"name": HOSTILE, "title": HOSTILE, "authority": HOSTILE},
        "recipients": list(FM_PAYLOADS), "topics": ["xss-thu-nghiem"],
        "status": "issued", "classification": "public",
    }
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fm.items()]
    (project / "notices" / "2025" / "hostile.md").write_text(
        "\n".join(lines) + "\n---\n\n" + HOSTILE_BODY, encoding="utf-8")
    with open(project / "notices" / "topics.yml", "a", encoding="utf-8") as topics:
        topics.write(f"\nxss-thu-nghiem:\n  name: {json.dumps(HOSTILE)}\n"
                     f"  aliases: {json.dumps(list(FM_PAYLOADS))}\n"
                     f"  description: {json.dumps(HOSTILE)}\n")
    return "2025/990-tb-vpubnd"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    key = _hostile_notice(project)
    cli(project, "build", check=True)
    return project / "site", key


# --- the sanitiser alone ---------------------------------------------------------------------

def test_sanitiser_keeps_ordinary_formatting():
    html = ('<h2 id="i-ve-ket-qua">I. Về kết quả</h2><p><strong>đậm</strong> <em>nghiêng</em> '
            '<b>b</b> <i>i</i> <u>u</u> x<sup>2</sup> H<sub>2</sub>O<br></p><hr>'
            '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol><blockquote><p>trích</p>'
            '</blockquote><table><thead><tr><th>Cột</th></tr></thead><tbody><tr><td colspan="2">'
            'ô</td></tr></tbody></table><pre><code class="language-text">mã</code></pre>'
            '<h6>nhỏ</h6>')
    assert sanitize_html(html) == html


@pytest.mark.parametrize("dirty, forbidden", [
    ('<script>alert(1)</script>', "alert"),
    ('<img src=x onerror=alert(1)>', "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript"),
    ('<a href="  jAvAsCrIpT:alert(1)">x</a>', "alert"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
    ('<iframe src="https://example.org"></iframe>', "iframe"),
    ('<object data="x"></object><embed src="x">', "object"),
    ('<svg onload=alert(1)><circle/></svg>', "svg"),
    ('<form action="/x"><input name="a"></form>', "form"),
    ('<style>body{display:none}</style>', "display"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
    ('<div onmouseover="alert(1)">x</div>', "onmouseover"),
    ('<h2 id="__config">x</h2>', "__config"),
    ('<!-- <script>alert(1)</script> -->', "alert"),
    ('<math><mi xlink:href="javascript:alert(1)">m</mi></math>', "javascript"),
])
def test_sanitiser_removes_what_can_run(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty).lower()


def test_links_get_noopener_and_keep_safe_hrefs():
    out = sanitize_html('<a href="https://example.org/a">a</a><a href="../x/">b</a>'
                        '<a href="mailto:vp@haugiang.gov.vn">c</a>')
    assert out.count('rel="noopener noreferrer"') == 3
    assert 'href="https://example.org/a"' in out and 'href="../x/"' in out
    assert 'href="mailto:vp@haugiang.gov.vn"' in out


# --- a built site, statically and in a browser -----------------------------------------------

def test_hostile_notice_builds_and_body_is_sanitised(hostile_site):
    site, key = hostile_site
    page = (site / key / "index.html").read_text(encoding="utf-8")
    body = re.search(r'<div class="na-body">(.*?)</div>\s*<footer', page, re.S).group(1)
    for bad in ("<script", "onerror", "onload", "onmouseover", "ontoggle", "javascript:",
                "vbscript:", "data:text", "<iframe", "<object", "<embed", "<form", "<style",
                "<svg", "__config", "__pwned"):
        assert bad not in body.lower(), bad
    assert "<strong>đậm</strong>" in body and "<table>" in body and "<blockquote>" in body
    assert '<a href="https://example.org/van-ban" rel="noopener noreferrer">' in body
    # Front matter payloads appear only escaped, as text.
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "<script>window.__pwned" not in page
    assert not re.search(r"<img[^>]*onerror", page)


def _pwned_report(browser) -> dict:
    return browser.execute_script("""
        const body = document.querySelector('.na-body') || document.body;
        for (const el of body.querySelectorAll('*')) {       // move over, click what is inert
            el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            if (el.tagName !== 'A' || !el.getAttribute('href')) el.click?.();
        }
        const onAttrs = [...document.querySelectorAll('*')].filter(
            e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on')));
        const badUrls = [...document.querySelectorAll('[href],[src],[action],[data]')].filter(
            e => ['href', 'src', 'action', 'data'].some(n => /^\\s*(javascript|vbscript|data):/i
                 .test(e.getAttribute(n) || '')));
        return {
            pwned: window.__pwned === undefined ? null : String(window.__pwned),
            scripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
            onAttrs: onAttrs.map(e => e.outerHTML.slice(0, 80)),
            badUrls: badUrls.map(e => e.outerHTML.slice(0, 80)),
            active: body.querySelectorAll('iframe,object,embed,form,svg,style,script').length,
            title: document.title,
            text: document.body.innerText,
        };
    """)


@pytest.mark.browser
def test_no_script_runs_in_a_browser(hostile_site, browser, serve_dir):
    site, key = hostile_site
    base = serve_dir(site)
    for path in (f"{key}/", "", "chu-de/", "chu-de/xss-thu-nghiem/", "nam/2025/", "nam/"):
        browser.get(base + path)
        browser.execute_script("return document.readyState")
        report = _pwned_report(browser)
        assert report["pwned"] is None, (path, report["pwned"])
        assert report["scripts"] == 0, path
        assert report["onAttrs"] == [] and report["badUrls"] == [], (path, report)
        if path == f"{key}/":
            assert report["active"] == 0
            # The payloads are shown to the reader as the text they are: escaped exactly once.
            assert FM_PAYLOADS[0] in report["title"]
            assert FM_PAYLOADS[0] in report["text"] and FM_PAYLOADS[1] in report["text"]
            assert "&lt;" not in report["text"]
            assert "đậm" in report["text"] and "Trích dẫn nguyên văn" in report["text"]


# --- limits, end to end through `build` ------------------------------------------------------

@pytest.fixture
def built(built_public_copy):
    """The sample archive built (a copy of the session's build, not a build of its own)."""
    return built_public_copy


def _refused(project, before, *needles, timeout_args=()):
    result = cli(project, "build", *timeout_args)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr[-2000:])
    assert tree_hash(project / "site") == before and leftovers(project) == []
    return result


def test_oversized_file_is_a_clear_error(built):
    before = tree_hash(built / "site")
    big = built / "notices" / "2024" / "qua-lon.md"
    big.write_text("---\ntitle: x\n---\n" + "Nội dung rất dài. " * 200_000, encoding="utf-8")
    _refused(built, before, "qua-lon.md", "NA003", "vượt giới hạn")


def test_yaml_alias_bomb_is_a_clear_error_not_a_hang(built):
    before = tree_hash(built / "site")
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    (built / "notices" / "2024" / "bom.md").write_text(
        "---\n" + "\n".join(levels) + "\ntitle: bom\n---\nx\n", encoding="utf-8")
    _refused(built, before, "bom.md", "NA013")


def test_deeply_nested_yaml_is_a_clear_error(built):
    before = tree_hash(built / "site")
    (built / "notices" / "2024" / "sau.md").write_text(
        "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nx\n", encoding="utf-8")
    _refused(built, before, "sau.md")


def test_too_many_notices_is_a_clear_error(built):
    before = tree_hash(built / "site")
    config = built / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      profile: public", "      profile: public\n"
                                   "      max_notices: 5"), encoding="utf-8")
    _refused(built, before, "vượt giới hạn 5", "max_notices")


# --- page addresses --------------------------------------------------------------------------

SAFE_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize("number", [
    "../../etc/passwd", "/etc/passwd", "..", ".", "a/../../b", "x\x00y", "C:\\Windows\\con",
    "con", "NUL", "aux", "Com1", "lpt9", "PRN", "", "   ", "///", "\u202e125/TB", "١٢٣/TB",
    "125/TB-VPUBND" * 40, "Đ" * 500,
])
def test_keys_are_safe_relative_paths(number):
    for status, date in (("issued", dt.date(2024, 1, 2)), ("draft", None)):
        notice = Notice(source=f"notices/2024/{number}.md", title="t", type="thong-bao",
                        status=status, classification="public", body="", body_line=1,
                        digest="", number=number, date=date)
        key = notice.key
        assert SAFE_KEY.match(key), key
        assert ".." not in key and not key.startswith("/") and "\x00" not in key
        assert all(part not in RESERVED_NAMES for part in key.split("/"))
        assert len(key) <= MAX_SLUG + 8


def test_slugify_bounds_length_and_keeps_long_texts_apart():
    a, b = slugify("x" * 300 + "a"), slugify("x" * 300 + "b")
    assert len(a) <= MAX_SLUG and len(b) <= MAX_SLUG and a != b
    assert slugify("con") == "con-x" and slugify("COM1") == "com1-x"
    assert slugify("console") == "console"


def _write(project, rel, number, extra=""):
    path = project / "notices" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    number_line = f'number: "{number}"\n' if number else ""
    status = "draft" if not number else "issued"
    path.write_text(
        f"---\n{number_line}type: thong-bao\ntitle: \"Thông báo {rel}\"\n"
        f"issuer: \"Văn phòng UBND tỉnh\"\ndate: 2024-03-01\n"
        f"signer: \"Nguyễn Văn A\"\nstatus: {status}\nclassification: public\n{extra}---\n\n"
        "Nội dung.\n", encoding="utf-8")


def test_numbers_that_slug_alike_are_refused(built):
    before = tree_hash(built / "site")
    _write(built, "2024/a.md", "12/QĐ-UBND")
    _write(built, "2024/b.md", "12/QD-UBND")
    result = _refused(built, before, "NA601", "2024/12-qd-ubnd/")
    assert re.search(r"notices/2024/b\.md:2:1: error NA601: .*notices/2024/a\.md", result.stderr)


def test_drafts_with_the_same_file_name_are_refused(built):
    before = tree_hash(built / "site")
    _write(built, "2024/du-thao-chung.md", None)
    _write(built, "2025/du-thao-chung.md", None)
    _refused(built, before, "NA601", "du-thao/du-thao-chung/", "đổi tên")


def test_same_number_twice_is_reported_once(tmp_path):
    project = copy_project(tmp_path, notices=False)
    _write(project, "2024/a.md", "17/TB-UBND")
    _write(project, "2024/b.md", "17/TB-UBND")
    result = cli(project, "check")
    reported = [line for line in (result.stdout + result.stderr).splitlines()
                if re.search(r"\bNA\d{3}\b", line)]
    # one NA201 on each of the two files, and no second code (NA601) for the same defect
    assert len(reported) == 2, reported
    assert all("NA201" in line for line in reported)
    assert {line.split(":", 1)[0] for line in reported} == {"notices/2024/a.md",
                                                           "notices/2024/b.md"}
    assert result.returncode == 1
