"""The fingerprinting of the plugin (`plugin/plugin.py`), in process on a small configuration:
which inputs a page's fingerprint holds, so that an incremental build re-renders a page exactly
when one of them changes. mutmut's fast selection for these functions; the same faults across a
real build are pinned by test_incremental_equivalence.py and test_incremental_stateful.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.model import Topic
from generator.plugin.plugin import archive_fingerprint, config_fingerprint, spec_fingerprint
from generator.profiles import get_profile
from generator.render import PageSpec

PUBLIC = get_profile("public")

MKDOCS = """site_name: Thông báo kết luận
theme:
  name: material
  custom_dir: theme
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for name in ("main.html", "partials/footer.html", "partials/javascripts/na.html"):
        (tmp_path / "theme" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "theme" / name).write_text(f"<!-- {name} -->", encoding="utf-8")
    return tmp_path


def fingerprint(root: Path, profile=PUBLIC) -> str:
    return config_fingerprint(load_config(str(root / "mkdocs.yml")), profile)


def test_the_configuration_fingerprint_is_stable(project):
    assert fingerprint(project) == fingerprint(project)


@pytest.mark.parametrize("change", [
    "mkdocs.yml", "main.html", "partials/footer.html", "partials/javascripts/na.html",
    "a new file two folders down", "a file renamed", "profile"])
def test_the_configuration_fingerprint_follows_every_input(project, change):
    before = fingerprint(project)
    theme = project / "theme"
    profile = PUBLIC
    if change == "mkdocs.yml":
        (project / "mkdocs.yml").write_text(MKDOCS + "site_description: Lưu trữ\n", encoding="utf-8")
    elif change == "a new file two folders down":
        (theme / "partials/javascripts/more.html").write_text("x", encoding="utf-8")
    elif change == "a file renamed":
        (theme / "partials/footer.html").rename(theme / "partials/footer2.html")
    elif change == "profile":
        profile = get_profile("internal")
    else:
        (theme / change).write_text("<!-- đã sửa -->", encoding="utf-8")
    assert fingerprint(project, profile) != before


def test_without_a_theme_folder_the_configuration_still_counts(project):
    (project / "mkdocs.yml").write_text("site_name: A\ntheme:\n  name: material\n", encoding="utf-8")
    bare = fingerprint(project)
    (project / "mkdocs.yml").write_text("site_name: B\ntheme:\n  name: material\n", encoding="utf-8")
    named_b = fingerprint(project)
    assert named_b != bare
    # the theme folder's files no longer count once mkdocs.yml names none
    (project / "theme" / "main.html").write_text("đổi", encoding="utf-8")
    assert fingerprint(project) == named_b


def test_a_configuration_without_its_path_is_mkdocs_yml_here(project, monkeypatch):
    config = load_config(str(project / "mkdocs.yml"))
    with_path = config_fingerprint(config, PUBLIC)
    config.config_file_path = None
    monkeypatch.chdir(project)
    assert config_fingerprint(config, PUBLIC) == with_path


# --- the archive: the common context and the whole topic vocabulary ---------------------------

TOPICS = {
    "giao-thong": Topic("giao-thong", "Giao thông", ("GTVT", "giao thông vận tải")),
    "cau-duong": Topic("cau-duong", "Cầu đường", ("cầu",), parent="giao-thong",
                       description="Cầu và đường bộ"),
    "y-te": Topic("y-te", "Y tế"),
}
COMMON = {"archive_profile": "public", "archive_profile_label": "Công khai"}


def _with(key: str, **changes) -> dict[str, Topic]:
    from dataclasses import replace
    return {**TOPICS, key: replace(TOPICS[key], **changes)}


@pytest.mark.parametrize("site, common, topics", [
    ("other site", COMMON, TOPICS),
    ("site", {**COMMON, "archive_profile": "internal"}, TOPICS),
    ("site", {**COMMON, "extra": 1}, TOPICS),
    ("site", COMMON, _with("y-te", aliases=("YT",))),                       # an alias added
    ("site", COMMON, _with("giao-thong", aliases=("giao thông vận tải", "GTVT"))),  # reordered
    ("site", COMMON, _with("cau-duong", name="Cầu, đường")),
    ("site", COMMON, _with("cau-duong", parent=None)),
    ("site", COMMON, _with("cau-duong", slug="cau")),
    ("site", COMMON, dict(reversed(list(TOPICS.items())))),                  # topics reordered
    ("site", COMMON, {k: v for k, v in TOPICS.items() if k != "y-te"}),     # a topic removed
], ids=["site", "profile", "common-key", "alias-added", "aliases-reordered", "name", "parent",
        "slug", "topics-reordered", "topic-removed"])
def test_the_archive_fingerprint_follows_the_context_and_the_vocabulary(site, common, topics):
    assert archive_fingerprint(site, common, topics) != archive_fingerprint("site", COMMON, TOPICS)


def test_a_topic_description_is_not_every_pages_input():
    """The description shows on its topic's page only (that page's context holds it): editing
    it must not re-render every page."""
    edited = _with("cau-duong", description="Cầu, đường bộ và bến phà")
    assert archive_fingerprint("site", COMMON, edited) == archive_fingerprint("site", COMMON, TOPICS)
    assert archive_fingerprint("site", dict(COMMON), dict(TOPICS)) == \
        archive_fingerprint("site", COMMON, TOPICS)


def test_the_archive_fingerprint_differs_from_the_site_alone():
    assert archive_fingerprint("site", {}, {}) != "site"
    assert len(archive_fingerprint("site", {}, {})) == 64


# --- one page --------------------------------------------------------------------------------

def spec(**changes) -> PageSpec:
    values = {"src_uri": "2024/1-tb.md", "title": "Thông báo 1", "template": "notice.html",
              "markdown": "Nội dung", "context": lambda: {"notice": {"number": "1/TB"}}}
    values.update(changes)
    return PageSpec(**values)


@pytest.mark.parametrize("changes", [
    {"title": "Thông báo 2"}, {"template": "topic.html"}, {"markdown": "Nội dung mới"},
    {"context": lambda: {"notice": {"number": "2/TB"}}}, {"context": dict},
], ids=["title", "template", "markdown", "context", "empty-context"])
def test_a_page_fingerprint_follows_each_of_its_inputs(changes):
    assert spec_fingerprint("archive", spec(**changes)) != spec_fingerprint("archive", spec())


def test_a_page_fingerprint_follows_the_archive_and_not_its_address():
    assert spec_fingerprint("archive", spec()) == spec_fingerprint("archive", spec())
    assert spec_fingerprint("other", spec()) != spec_fingerprint("archive", spec())
    # the address is the manifest's key, not an input
    assert spec_fingerprint("archive", spec(src_uri="2024/2-tb.md")) == \
        spec_fingerprint("archive", spec())
