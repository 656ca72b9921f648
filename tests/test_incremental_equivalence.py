"""A rebuild after any kind of change gives, byte for byte, the site a full build gives.

Each scenario changes the project, rebuilds in place (reusing site/ and the cache), then builds
an identical copy of the project from nothing and compares the two trees. Switching profiles in
one place is a leak path: the public result must hold nothing of the internal build before it.
"""

from __future__ import annotations

import shutil
from pathlib import Path


from conftest import cli
from test_incremental import tree
from test_profiles import internal_needles, leaks



def fresh_build(project: Path, where: Path, *args: str) -> dict[str, str]:
    """Build a copy of `project`'s sources (no site/, no cache) and return its tree."""
    copy = where / "fresh"
    if copy.exists():
        shutil.rmtree(copy)
    # .site.discarded-*: a replaced site that a detached process is deleting as we copy.
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", ".cache", ".site.*"))
    cli(copy, "build", *args, check=True)
    return tree(copy / "site")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = {
    # a topic renamed and given an alias: topic pages, mention links and search change
    "topics.yml": lambda p: _edit(p / "notices" / "topics.yml", 'name: "An toàn giao thông"',
                                  'name: "Trật tự, an toàn giao thông"\n  # renamed in a test'),
    # the site's name is on every page
    "mkdocs.yml": lambda p: _edit(p / "mkdocs.yml", "site_name:", "site_name: Kho thử nghiệm #"),
    # the theme's stylesheet, copied into the site and named by every page
    "theme": lambda p: _edit(p / "theme" / "assets" / "stylesheets" / "notice-archive.css",
                             "/* notice-archive:", "/* changed in a test */\n/* notice-archive:"),
    # an alias that a body spells out: that body gains a mention link, the topic page a notice
    "topic alias": lambda p: _edit(p / "notices" / "topics.yml", 'aliases: ["PCCC", ',
                                   'aliases: ["Tổ công nghệ số cộng đồng", "PCCC", '),
    # the order of a notice's topics is the order its page lists them in
    "topics order": lambda p: _edit(
        p / "notices" / "2024" / "ket-luan-ban-chi-dao-chuyen-doi-so-2024.md",
        "topics: [chuyen-doi-so, de-an-06, cai-cach-hanh-chinh]",
        "topics: [cai-cach-hanh-chinh, de-an-06, chuyen-doi-so]"),
    # theme partials in a sub-folder, one and two levels down, included by list pages and by
    # every page
    "theme partial": lambda p: _edit(p / "theme" / "partials" / "notice-list.html",
                                     "</ul>", "</ul><!-- changed in a test -->"),
    "nested theme partial": lambda p: _edit(
        p / "theme" / "partials" / "javascripts" / "content.html",
        "<script ", "<!-- changed in a test --><script "),
}


def _differ(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_rebuild_after_each_change_equals_a_full_build(tmp_path, built_public_copy):
    """The changes one after another in one project: one first build instead of one per
    change (each first build is the same full build of the sample archive; here a copy of the
    session's). After each change the rebuilt site must show it and equal a full build of the
    same sources."""
    project = built_public_copy
    before = tree(project / "site")
    for name, change in CHANGES.items():
        change(project)
        cli(project, "build", check=True)
        rebuilt = tree(project / "site")
        assert rebuilt != before, f"{name}: the change must show in the site"
        fresh = fresh_build(project, tmp_path)
        assert rebuilt == fresh, f"{name}: stale or missing files {_differ(rebuilt, fresh)[:8]}"
        before = rebuilt


def test_switching_profiles_in_one_place_equals_a_full_build(built_internal_copy, archive,
                                                            _pristine_public,
                                                            _pristine_internal):
    """internal → public → internal in one place: both switches, from one first build (a copy
    of the session's internal build). The sources never change, so the full builds to compare
    with are the session's first builds of each profile, made from nothing."""
    project = built_internal_copy
    full = {"public": _pristine_public, "internal": _pristine_internal}
    for then in ("public", "internal"):
        cli(project, "build", "--profile", then, check=True)
        rebuilt = tree(project / "site")
        fresh = tree(full[then] / "site")
        assert rebuilt == fresh, f"{then}: stale or missing files {_differ(rebuilt, fresh)[:8]}"
        if then == "public":
            internal = next(n for n in archive.notices if n.classification == "internal"
                            and n.status != "draft")
            found = leaks(project, internal_needles(internal))
            assert not [f for files in found.values() for f in files if f.startswith("site/")], found
