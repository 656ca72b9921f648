"""Publishing profiles: a secret notice reaches no output of any profile, an internal one only
the internal build, and nothing of a withheld notice leaks through another notice's page.

The scan is generic on purpose: every file under site/ and under the cache folder (search
indexes, feeds, notices.json, sitemaps — gzip decompressed), read as text, HTML-unescaped,
JSON-unescaped and URL-decoded, then folded as search indexes store text.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from conftest import cache_of, cli, copy_project
from test_links import about
from generator.text import fold, nfc

SECRET_MARKER = "MÃ-KIỂM-TRA-MẬT-7Q4Z"
INTERNAL_MARKER = "MÃ-KIỂM-TRA-NỘI-BỘ-3K8W"
# The memo of parsed sources (generator/cache.py) holds what notices/ holds on the same machine,
# except secret notices, which are never cached: it is scanned for secrets only.
SOURCE_MEMO = "documents.json"
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


# Haystacks by content: the session's built sites are scanned by several tests, each for its
# own needles, and folding every form of every file was most of this file's time. Keyed by a
# digest of the bytes, so a file that changed is folded again; cleared when it grows large.
_HAYSTACKS: dict[tuple[bytes, str], str] = {}


def _forms(data: bytes, name: str) -> str:
    """_forms_of(data, name), remembered by content."""
    key = (hashlib.blake2b(data, digest_size=16).digest(), name)
    if key not in _HAYSTACKS:
        if len(_HAYSTACKS) > 5000:
            _HAYSTACKS.clear()
        _HAYSTACKS[key] = _forms_of(data, name)
    return _HAYSTACKS[key]


def _forms_of(data: bytes, name: str) -> str:
    """Every way a string may be written in one file, folded, joined into one haystack."""
    text = data.decode("utf-8", errors="ignore")
    forms = {text, html.unescape(text), urllib.parse.unquote(text), name}
    if "\\u" in text:
        forms.add(_JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))
    return "\n".join(fold(nfc(form)) for form in forms)


def outputs(project: Path, with_source_memo: bool = False):
    """(relative path, folded haystack) of every file a build leaves: site/ and the cache."""
    for top in (project / "site", cache_of(project)):
        for path in sorted(top.rglob("*")):
            if not path.is_file() or (path.name == SOURCE_MEMO and not with_source_memo):
                continue
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            rel = path.relative_to(top.parent).as_posix()
            yield rel, _forms(data, rel)


def leaks(project: Path, needles, with_source_memo: bool = False) -> dict[str, list[str]]:
    """needle → files that contain it (in any form)."""
    folded = {needle: fold(nfc(needle)) for needle in needles}
    found: dict[str, list[str]] = {}
    for rel, haystack in outputs(project, with_source_memo):
        for needle, f in folded.items():
            if f in haystack:
                found.setdefault(needle, []).append(rel)
    return found


def secret_needles(notice) -> list[str]:
    stem = notice.source.rsplit("/", 1)[-1].removesuffix(".md")
    return [SECRET_MARKER, "7Q4Z", notice.number, notice.key.rsplit("/", 1)[-1], notice.title,
            stem]


def internal_needles(notice) -> list[str]:
    return [INTERNAL_MARKER, "3K8W", notice.number, notice.key.rsplit("/", 1)[-1], notice.title]


@pytest.fixture(scope="module")
def secret(archive):
    return next(n for n in archive.notices if n.classification == "secret")


@pytest.fixture(scope="module")
def internal(archive):
    return next(n for n in archive.notices if n.classification == "internal"
                and n.status != "draft")


def test_sample_archive_has_the_markers(secret, internal):
    assert SECRET_MARKER in secret.body and INTERNAL_MARKER in internal.body


def test_scan_reads_compressed_and_escaped_outputs(built_public):
    """The scanner itself: it reads sitemap.xml.gz decompressed and finds folded titles."""
    hits = dict(outputs(built_public))
    assert "<urlset" in hits["site/sitemap.xml.gz"]
    assert fold("Châu Thành A") in hits["site/2024/151-tb-vpubnd/index.html"]


@pytest.mark.parametrize("fixture", ["built_public", "built_internal"])
def test_secret_notice_is_in_no_output_of_any_profile(request, fixture, secret):
    project = request.getfixturevalue(fixture)
    assert leaks(project, secret_needles(secret), with_source_memo=True) == {}


def test_internal_notice_only_in_internal_build(built_public, built_internal, internal):
    assert leaks(built_public, internal_needles(internal)) == {}
    found = leaks(built_internal, internal_needles(internal))
    assert f"site/{internal.key}/index.html" in found[INTERNAL_MARKER]
    assert set(found) == set(internal_needles(internal))


def test_drafts_only_in_internal_build(built_public, built_internal, archive):
    drafts = [n for n in archive.notices if n.status == "draft" and n.classification == "public"]
    assert drafts
    assert leaks(built_public, [n.title for n in drafts]) == {}
    found = leaks(built_internal, [n.title for n in drafts])
    assert set(found) == {n.title for n in drafts}


def _list_label(listing: str, key: str) -> str | None:
    item = re.search(rf'href="[^"]*{re.escape(key)}/"><span class="na-item-number">([^<]*)</span>',
                     listing)
    return item.group(1) if item else None


def test_internal_drafts_carry_banner_and_no_number(built_internal, archive):
    site = built_internal / "site"
    drafts = [n for n in archive.notices if n.status == "draft"]
    assert drafts
    for draft in drafts:
        page = (site / draft.key / "index.html").read_text(encoding="utf-8")
        assert 'class="admonition warning na-banner na-draft"' in page
        year = (site / "nam" / (str(draft.year) if draft.year else "du-thao") / "index.html")
        assert _list_label(year.read_text(encoding="utf-8"), draft.key) == "Dự thảo"


def test_draft_with_a_provisional_number_shows_no_number(tmp_path, archive):
    project = copy_project(tmp_path)
    draft = next(n for n in archive.notices if n.status == "draft")
    path = project / draft.source
    text = path.read_text(encoding="utf-8").replace("\n", '\nnumber: "999/TB-VPUBND"\n', 1)
    if "\ndate:" not in text:
        text = text.replace("\nstatus:", "\ndate: 2025-03-01\nstatus:", 1)
    path.write_text(text, encoding="utf-8")
    cli(project, "build", "--profile", "internal", check=True)
    site = project / "site"
    assert draft.key.startswith("du-thao/")
    page = (site / draft.key / "index.html").read_text(encoding="utf-8")
    assert "Dự thảo" in page and "na-draft" in page
    found = leaks(project, ["999/TB-VPUBND", "999-tb-vpubnd"])
    assert found == {}, "a draft's provisional number is shown nowhere"
    year = next(p for p in (site / "nam").rglob("index.html")
                if _list_label(p.read_text(encoding="utf-8"), draft.key))
    assert _list_label(year.read_text(encoding="utf-8"), draft.key) == "Dự thảo"


def test_profile_in_every_page_footer(built_public, built_internal):
    for project, profile, label in ((built_public, "public", "Công khai"),
                                    (built_internal, "internal", "Nội bộ")):
        pages = list((project / "site").rglob("*.html"))
        assert len(pages) > 20
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert f'data-profile="{profile}"' in text, page
            assert f"Hồ sơ xuất bản: <strong>{label}</strong>" in text, page


def test_topic_counts_exclude_withheld_notices(built_public, built_internal, archive):
    for project, profile in ((built_public, "public"), (built_internal, "internal")):
        text = (project / "site" / "chu-de" / "index.html").read_text(encoding="utf-8")
        shown = dict(re.findall(r'href="([a-z0-9-]+)/">[^<]*</a> <span class="na-count">(\d+)',
                                text))
        for slug in archive.topics:
            expected = sum(1 for n in archive.notices if about(n, slug, archive.topics)
                           and n.classification != "secret"
                           and (profile == "internal" or (n.classification == "public"
                                                          and n.status != "draft")))
            assert int(shown.get(slug, 0)) == expected, (profile, slug)
            assert (slug in shown) == (expected > 0)  # nothing published: not listed


@pytest.fixture(scope="module")
def public_then_internal(tmp_path_factory) -> tuple[str, str]:
    """What a build prints with the default profile, then with --profile internal in the same
    project: two builds that the tests of what a build prints share."""
    project = copy_project(tmp_path_factory.mktemp("printed"))
    public = cli(project, "build", check=True).stderr
    return public, cli(project, "build", "--profile", "internal", check=True).stderr


def test_build_reports_withheld_counts(public_then_internal):
    public, internal = public_then_internal
    assert "giữ lại 1 thông báo mật (secret) (hồ sơ public)" in public
    assert "giữ lại 1 thông báo nội bộ (internal) (hồ sơ public)" in public
    assert "giữ lại 2 thông báo dự thảo (draft) (hồ sơ public)" in public
    assert "giữ lại 1 thông báo mật (secret) (hồ sơ internal)" in internal
    assert "nội bộ (internal)" not in internal


def test_build_prints_the_profile_it_publishes(public_then_internal):
    public, internal = public_then_internal
    assert "xuất bản hồ sơ public (công khai)" in public
    assert "xuất bản hồ sơ internal (nội bộ)" in internal


def test_environment_does_not_choose_the_profile(tmp_path, internal):
    """mkdocs.yml's profile and the command's --profile are the only sources: a variable left
    exported in a shell (the old NOTICE_ARCHIVE_PROFILE) no longer makes a plain `mkdocs build`
    publish internal notices."""
    project = copy_project(tmp_path)
    env = {**os.environ, "NOTICE_ARCHIVE_PROFILE": "internal"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "xuất bản hồ sơ public (công khai)" in result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-profile="public"' in home
    assert not (project / "site" / internal.key).exists()
    assert leaks(project, internal_needles(internal)) == {}


def _edit_front_matter(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^related: .*\n", "", text, flags=re.M)
    path.write_text(text.replace("\nstatus:", f"\n{line}\nstatus:", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def citing(tmp_path_factory, secret, internal):
    """A public notice cites the secret and the internal notice; the secret one cites it back."""
    project = copy_project(tmp_path_factory.mktemp("citing"))
    public = project / "notices" / "2024" / "ket-luan-gpmb-chau-thanh-a-2024-thay-the.md"
    _edit_front_matter(public, f'related: ["{secret.number}", "{internal.number}", '
                               '"76/TB-VPUBND"]')
    _edit_front_matter(project / secret.source, 'related: ["151/TB-VPUBND"]')
    _edit_front_matter(project / internal.source, 'related: ["151/TB-VPUBND"]')
    cli(project, "check", check=True)
    public_site = project / "public"
    internal_site = project / "internal"
    cli(project, "build", "--site-dir", "public", check=True)
    cli(project, "build", "--profile", "internal", "--site-dir", "internal", check=True)
    return public_site, internal_site


def test_reference_to_withheld_notice_is_plain_number_only(citing, secret, internal):
    public_site, internal_site = citing
    page = (public_site / "2024" / "151-tb-vpubnd" / "index.html").read_text(encoding="utf-8")
    refs = re.search(r'<dd class="na-withheld-refs">(.*?)</dd>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", refs) == f"{secret.number}, {internal.number}"
    assert "href" not in refs
    # The only trace of either notice is the number the citing notice itself wrote.
    for notice in (secret, internal):
        assert notice.key.rsplit("/", 1)[-1] not in page
        assert fold(notice.title) not in fold(html.unescape(page))
    assert "7q4z" not in fold(page) and "3k8w" not in fold(page)
    # The 76/TB-VPUBND reference is published, so it is a normal link.
    assert re.search(r'href="[^"]*76-tb-vpubnd/"', page)

    page = (internal_site / "2024" / "151-tb-vpubnd" / "index.html").read_text(encoding="utf-8")
    refs = re.search(r'<dd class="na-withheld-refs">(.*?)</dd>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", refs) == secret.number
    assert re.search(rf'href="[^"]*{internal.key.split("/")[-1]}/"', page)  # linked here


def test_withheld_notice_is_no_backlink_nor_related(citing, secret):
    public_site, internal_site = citing
    for site in citing:
        for page in site.rglob("*.html"):
            text = fold(html.unescape(page.read_text(encoding="utf-8")))
            assert fold(secret.title) not in text, page
            assert secret.key.rsplit("/", 1)[-1] not in text, page
            assert "7q4z" not in text, page
    # The secret notice cites 151 back; 151's "Được dẫn chiếu bởi" must not show it. In the
    # internal build the internal notice cites it and does appear.
    public_page = (public_site / "2024" / "151-tb-vpubnd" / "index.html").read_text("utf-8")
    internal_page = (internal_site / "2024" / "151-tb-vpubnd" / "index.html").read_text("utf-8")
    assert "na-backlinks" not in public_page
    backlinks = re.search(r'<section class="na-backlinks">.*?</section>', internal_page, re.S)
    assert backlinks and "38/TB-CAT" in backlinks.group(0)
