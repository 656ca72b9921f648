"""`plugin/incremental.py` in process: what a page's fingerprint must see, and when a page or
file of the published site may be reused. An incremental build equals a full build only if
every input of a page moves its fingerprint and nothing stale or outside is ever linked in.
(The whole-build property is tests/test_incremental_stateful.py; this is mutmut's fast
selection for the module.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import authenticated
from generator.plugin.incremental import (MANIFEST, PageFile, RenderState, page_fingerprint,
                                          site_fingerprint)
from generator.profiles import INTERNAL, PUBLIC


@pytest.fixture
def theme(tmp_path) -> tuple[Path, Path]:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Kho\n", encoding="utf-8")
    theme = tmp_path / "theme"
    (theme / "partials" / "javascripts").mkdir(parents=True)
    (theme / "main.html").write_text("{{ page }}", encoding="utf-8")
    (theme / "partials" / "footer.html").write_text("chân trang", encoding="utf-8")
    (theme / "partials" / "javascripts" / "a.js").write_text("let a = 1;", encoding="utf-8")
    return config, theme


def test_site_fingerprint_is_stable(theme):
    config, folder = theme
    assert site_fingerprint(config, folder, PUBLIC) == site_fingerprint(config, folder, PUBLIC)


@pytest.mark.parametrize("edit", [
    pytest.param(lambda c, t: c.write_text("site_name: Kho khác\n", encoding="utf-8"), id="config"),
    pytest.param(lambda c, t: (t / "main.html").write_text("{{ x }}", encoding="utf-8"), id="top_template"),
    pytest.param(lambda c, t: (t / "partials" / "footer.html").write_text("khác", encoding="utf-8"),
                 id="partial_one_down"),
    pytest.param(lambda c, t: (t / "partials" / "javascripts" / "a.js").write_text("let a = 2;", encoding="utf-8"),
                 id="partial_two_down"),
    pytest.param(lambda c, t: (t / "partials" / "new.html").write_text("", encoding="utf-8"), id="file_added"),
    pytest.param(lambda c, t: (t / "partials" / "footer.html").unlink(), id="file_removed"),
    pytest.param(lambda c, t: (t / "partials" / "footer.html").rename(t / "partials" / "footer2.html"),
                 id="file_renamed"),
    pytest.param(lambda c, t: (t / "partials" / "footer.html").rename(t / "footer.html"),
                 id="file_moved_up"),
    pytest.param(lambda c, t: c.unlink(), id="config_removed"),
])
def test_every_site_input_moves_the_site_fingerprint(theme, edit):
    config, folder = theme
    before = site_fingerprint(config, folder, PUBLIC)
    edit(config, folder)
    assert site_fingerprint(config, folder, PUBLIC) != before


def test_profile_and_theme_folder_move_the_site_fingerprint(theme, tmp_path):
    config, folder = theme
    public = site_fingerprint(config, folder, PUBLIC)
    assert site_fingerprint(config, folder, INTERNAL) != public
    assert site_fingerprint(config, None, PUBLIC) != public
    assert site_fingerprint(config, tmp_path / "không có", PUBLIC) == site_fingerprint(config, None, PUBLIC)


def test_a_file_moved_between_names_is_not_the_same_theme(theme):
    """Two files swapping contents: same bytes overall, another theme."""
    config, folder = theme
    before = site_fingerprint(config, folder, PUBLIC)
    a, b = folder / "main.html", folder / "partials" / "footer.html"
    ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    a.write_text(tb, encoding="utf-8")
    b.write_text(ta, encoding="utf-8")
    assert site_fingerprint(config, folder, PUBLIC) != before


BASE = ("site", "notice.html", "Thông báo", "Nội dung", {"topics": ["a", "b"], "n": 1})


@pytest.mark.parametrize("i, changed", [
    pytest.param(0, "site2", id="site"), pytest.param(1, "list.html", id="template"),
    pytest.param(2, "Thông báo khác", id="title"), pytest.param(3, "Nội dung khác", id="markdown"),
    pytest.param(4, {"topics": ["b", "a"], "n": 1}, id="list_order"),
    pytest.param(4, {"topics": ["a", "b"], "n": 2}, id="value"),
    pytest.param(4, {"topics": ["a", "b"], "n": 1, "x": None}, id="key_added"),
])
def test_every_page_input_moves_the_page_fingerprint(i, changed):
    args = list(BASE)
    args[i] = changed
    assert page_fingerprint(*args) != page_fingerprint(*BASE)


def test_parts_do_not_run_into_each_other():
    assert page_fingerprint("s", "ab", "c", "", {}) != page_fingerprint("s", "a", "bc", "", {})
    assert page_fingerprint("s", "", "ab", "c", {}) != page_fingerprint("s", "", "a", "bc", {})


def test_page_fingerprint_ignores_key_order_and_reads_accents():
    assert page_fingerprint("s", "t", "x", "m", {"a": 1, "b": 2}) == \
        page_fingerprint("s", "t", "x", "m", {"b": 2, "a": 1})
    assert page_fingerprint("s", "t", "x", "m", {"a": "hòa"}) != \
        page_fingerprint("s", "t", "x", "m", {"a": "hoà"})


# ---- reuse of the published site ----------------------------------------------------------

def page(site_dir: Path, src: str) -> PageFile:
    return PageFile(src, None, str(site_dir), True)


def publish(tmp_path: Path, cache: Path, pages: dict[str, str], files: dict[str, bytes]) -> Path:
    """A full build: no previous site; its manifest recorded, as `finish` does."""
    site = tmp_path / "site"
    state = RenderState(cache, PUBLIC, None)
    assert state.previous_site is None
    write = state.writer(site)
    for src, fp in pages.items():
        f = page(site, src)
        state.mark(f, fp)
        assert not f.unchanged
        target = site / f.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"trang {src}", encoding="utf-8")
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        write(site / name, data)
    state.finish(site)
    return site


@pytest.fixture
def published(tmp_path):
    cache = tmp_path / "cache"
    site = publish(tmp_path, cache, {"a.md": "fa", "b.md": "fb", "c/d.md": "fd"},
                   {"search/index.json": b"chi muc", "x.css": b"css"})
    return cache, site


def test_the_manifest_is_sealed_and_named_by_profile(published):
    cache, site = published
    stored = authenticated.read_json(cache / PUBLIC.cache_file(MANIFEST))
    assert stored["pages"] == {"a.md": "fa", "b.md": "fb", "c/d.md": "fd"}
    assert set(stored["files"]) == {"search/index.json", "x.css"}
    assert RenderState(cache, INTERNAL, site).previous_site is None


def test_unchanged_pages_are_skipped_and_linked_changed_ones_rendered(published, tmp_path):
    cache, site = published
    state = RenderState(cache, PUBLIC, site)
    assert state.previous_site == site
    staging = tmp_path / "staging"
    a, b, d, new = (page(staging, s) for s in ("a.md", "b.md", "c/d.md", "e.md"))
    state.mark(a, "fa")
    state.mark(b, "fb-changed")
    state.mark(d, "fd")
    state.mark(new, "fe")
    assert (a.unchanged, b.unchanged, d.unchanged, new.unchanged) == (True, False, True, False)
    assert a.is_modified() is False and b.is_modified() is True
    assert state.skipped == [a, d]
    staging.mkdir()
    state.finish(staging)
    for f in (a, d):
        target = staging / f.dest_uri
        assert target.read_text(encoding="utf-8") == (site / f.dest_uri).read_text(encoding="utf-8")
        assert os.path.samefile(target, site / f.dest_uri)
    assert not (staging / b.dest_uri).exists()
    stored = authenticated.read_json(cache / PUBLIC.cache_file(MANIFEST))
    assert stored["pages"] == {"a.md": "fa", "b.md": "fb-changed", "c/d.md": "fd", "e.md": "fe"}


def test_a_page_already_written_is_not_replaced(published, tmp_path):
    cache, site = published
    state = RenderState(cache, PUBLIC, site)
    staging = tmp_path / "staging"
    a = page(staging, "a.md")
    state.mark(a, "fa")
    (staging / a.dest_uri).parent.mkdir(parents=True)
    (staging / a.dest_uri).write_text("mới", encoding="utf-8")
    state.finish(staging)
    assert (staging / a.dest_uri).read_text(encoding="utf-8") == "mới"


def test_a_page_missing_from_the_published_site_is_rendered(published, tmp_path):
    cache, site = published
    (site / page(site, "a.md").dest_uri).unlink()
    state = RenderState(cache, PUBLIC, site)
    a = page(tmp_path / "staging", "a.md")
    state.mark(a, "fa")
    assert not a.unchanged and state.skipped == []


def test_a_symlinked_page_of_the_published_site_is_never_linked(published, tmp_path):
    cache, site = published
    outside = tmp_path / "outside.html"
    outside.write_text("bí mật", encoding="utf-8")
    target = site / page(site, "a.md").dest_uri
    target.unlink()
    target.symlink_to(outside)
    state = RenderState(cache, PUBLIC, site)
    a = page(tmp_path / "staging", "a.md")
    state.mark(a, "fa")
    assert not a.unchanged


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda site, cache: os.utime(site, ns=(1, 1)), id="site_touched"),
    pytest.param(lambda site, cache: (cache / PUBLIC.cache_file(MANIFEST)).write_text("{}", encoding="utf-8"),
                 id="manifest_unsealed"),
    pytest.param(lambda site, cache: (cache / PUBLIC.cache_file(MANIFEST)).unlink(), id="manifest_missing"),
    pytest.param(lambda site, cache: site.rename(site.with_name("gone")), id="site_missing"),
])
def test_nothing_is_reused_from_a_site_the_manifest_does_not_describe(published, tmp_path, spoil):
    cache, site = published
    spoil(site, cache)
    state = RenderState(cache, PUBLIC, site)
    assert state.previous_site is None and state.previous == {} and state.previous_files == {}
    a = page(tmp_path / "staging", "a.md")
    state.mark(a, "fa")
    assert not a.unchanged


def test_a_copy_of_the_site_is_not_the_site(published, tmp_path):
    import shutil
    cache, site = published
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    assert RenderState(cache, PUBLIC, copy).previous_site is None


def test_no_previous_site_named_means_a_full_build(published):
    cache, site = published
    assert RenderState(cache, PUBLIC, None).previous_site is None


def test_files_with_bytes_the_site_holds_are_linked_others_written(published, tmp_path):
    cache, site = published
    state = RenderState(cache, PUBLIC, site)
    staging = tmp_path / "staging"
    (staging / "search").mkdir(parents=True)
    write = state.writer(staging)
    write(staging / "search" / "renamed.json", b"chi muc")
    write(staging / "x.css", b"css moi")
    assert os.path.samefile(staging / "search" / "renamed.json", site / "search" / "index.json")
    assert (staging / "x.css").read_bytes() == b"css moi"
    assert not os.path.samefile(staging / "x.css", site / "x.css")
    assert state.files == {"search/renamed.json": state.files["search/renamed.json"],
                           "x.css": state.files["x.css"]}
    assert state.files["search/renamed.json"] != state.files["x.css"]
    staging_state_file = cache / PUBLIC.cache_file(MANIFEST)
    state.finish(staging)
    assert set(authenticated.read_json(staging_state_file)["files"]) == {"search/renamed.json", "x.css"}


def test_a_file_gone_from_the_published_site_is_written(published, tmp_path):
    cache, site = published
    state = RenderState(cache, PUBLIC, site)
    (site / "x.css").unlink()
    staging = tmp_path / "staging"
    staging.mkdir()
    state.writer(staging)(staging / "x.css", b"css")
    assert (staging / "x.css").read_bytes() == b"css"


def test_without_a_previous_site_files_are_written(tmp_path):
    state = RenderState(tmp_path / "cache", PUBLIC, None)
    state.previous_files = {"d": "x.css"}   # a digest known, but no site to link from
    staging = tmp_path / "staging"
    staging.mkdir()
    state.writer(staging)(staging / "x.css", b"css")
    assert (staging / "x.css").read_bytes() == b"css"


def test_pages_are_copied_where_links_fail(published, tmp_path, monkeypatch):
    cache, site = published
    state = RenderState(cache, PUBLIC, site)
    staging = tmp_path / "staging"
    d = page(staging, "c/d.md")
    state.mark(d, "fd")

    def no_links(*args):
        raise OSError("không cho tạo liên kết cứng")
    monkeypatch.setattr(os, "link", no_links)
    state.finish(staging)
    target = staging / d.dest_uri
    assert target.read_text(encoding="utf-8") == "trang c/d.md"
    assert not os.path.samefile(target, site / d.dest_uri)


def test_a_new_theme_package_version_moves_the_site_fingerprint(theme, monkeypatch):
    import material
    config, folder = theme
    before = site_fingerprint(config, folder, PUBLIC)
    monkeypatch.setattr(material, "__version__", "0.0.0-test", raising=False)
    assert site_fingerprint(config, folder, PUBLIC) != before


def test_dates_in_a_page_context_are_fingerprinted():
    import datetime as dt
    a = page_fingerprint("s", "t", "x", "m", {"date": dt.date(2024, 3, 1)})
    assert a == page_fingerprint("s", "t", "x", "m", {"date": dt.date(2024, 3, 1)})
    assert a != page_fingerprint("s", "t", "x", "m", {"date": dt.date(2024, 3, 2)})


def test_every_skipped_page_is_linked_whatever_was_written_before(tmp_path):
    cache = tmp_path / "cache"
    site = publish(tmp_path, cache, {"x/a.md": "f1", "x/index.md": "f2", "y.md": "f3"}, {})
    state = RenderState(cache, PUBLIC, site)
    staging = tmp_path / "staging"
    files = [page(staging, s) for s in ("x/a.md", "x/index.md", "y.md")]
    for f, fp in zip(files, ("f1", "f2", "f3")):
        state.mark(f, fp)
    assert state.skipped == files
    (staging / files[0].dest_uri).parent.mkdir(parents=True)
    (staging / files[0].dest_uri).write_text("mới", encoding="utf-8")   # written by this build
    state.finish(staging)                # x/ exists when x/index.html is linked in
    assert (staging / files[0].dest_uri).read_text(encoding="utf-8") == "mới"
    for f in files[1:]:
        assert os.path.samefile(staging / f.dest_uri, site / f.dest_uri)


def test_a_link_in_the_staging_folder_is_never_written_through(tmp_path):
    """A skipped page's place in the new site already holding a link (dangling, to a file
    outside): linking the published page in must neither follow it nor replace it."""
    cache = tmp_path / "cache"
    site = publish(tmp_path, cache, {"a.md": "fa", "b.md": "fb"}, {})
    state = RenderState(cache, PUBLIC, site)
    staging = tmp_path / "staging"
    files = [page(staging, s) for s in ("a.md", "b.md")]
    for f, fp in zip(files, ("fa", "fb")):
        state.mark(f, fp)
    outside = tmp_path / "outside.html"
    (staging / files[0].dest_uri).parent.mkdir(parents=True)
    (staging / files[0].dest_uri).symlink_to(outside)
    state.finish(staging)
    assert not outside.exists()
    assert (staging / files[0].dest_uri).is_symlink()
    assert os.path.samefile(staging / files[1].dest_uri, site / files[1].dest_uri)


def test_only_a_regular_file_of_the_published_site_lets_a_page_be_skipped(published, tmp_path):
    cache, site = published
    (site / "b" / "index.html").unlink()
    (site / "b" / "index.html").mkdir()          # a folder where the page was
    state = RenderState(cache, PUBLIC, site)
    staging = tmp_path / "staging"
    a, b = page(staging, "a.md"), page(staging, "b.md")
    state.mark(a, "fa")
    state.mark(b, "fb")
    assert a.unchanged and not b.unchanged
