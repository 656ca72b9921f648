"""A rebuild after an edit renders only what changed, and gives the same site as a full build."""

from __future__ import annotations

import hashlib
import os
import shutil

from conftest import cache_of, cli, copy_project


def tree(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_rebuild_after_edit_equals_full_build(built_public_copy, archive):
    project = built_public_copy
    first = tree(project / "site")
    notice = next(n for n in archive.notices if n.status == "issued"
                  and n.classification == "public" and not n.related)
    path = project / notice.source
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n\nĐoạn bổ sung kiểm thử.\n",
                    encoding="utf-8")
    result = cli(project, "build", check=True)
    assert "trang không đổi" in result.stderr      # some pages were reused, not re-rendered
    incremental = tree(project / "site")
    changed = {k for k in incremental if first.get(k) != incremental[k]}
    assert f"{notice.key}/index.html" in changed
    assert len(changed) < len(first) // 2

    shutil.rmtree(project / "site")
    shutil.rmtree(cache_of(project))
    cli(project, "build", check=True)
    assert tree(project / "site") == incremental


def test_rebuild_never_writes_into_the_published_site(tmp_path, built_public_copy, archive):
    project = built_public_copy
    keep = tmp_path / "published-copy"
    shutil.copytree(project / "site", keep)                 # independent bytes
    linked = tmp_path / "published-links"
    shutil.copytree(project / "site", linked, copy_function=os.link)
    notice = next(n for n in archive.notices if n.status == "issued"
                  and n.classification == "public")
    path = project / notice.source
    path.write_text(path.read_text(encoding="utf-8").replace("\n\n", "\n\nThêm.\n\n", 1),
                    encoding="utf-8")
    cli(project, "build", check=True)
    # Files that shared inodes with the old site/ still hold the old bytes.
    assert tree(linked) == tree(keep)


def test_theme_change_rebuilds_everything(built_public_copy):
    project = built_public_copy
    css = project / "theme" / "assets" / "stylesheets" / "notice-archive.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    template = project / "theme" / "notice.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<dt>Số</dt>', '<dt>Số hiệu</dt>'), encoding="utf-8")
    result = cli(project, "build", check=True)
    assert "trang không đổi" not in result.stderr
    page = next((project / "site").glob("20*/*/index.html")).read_text(encoding="utf-8")
    assert "<dt>Số hiệu</dt>" in page


def _full_build_tree(project, dest) -> dict[str, str]:
    """The site a full build from scratch makes of the same notices."""
    fresh = copy_project(dest, notices=False)
    shutil.rmtree(fresh / "notices")
    shutil.copytree(project / "notices", fresh / "notices")
    cli(fresh, "build", "--full", check=True)
    return tree(fresh / "site")


def test_add_edit_remove_equal_full_builds(tmp_path, built_public_copy, archive):
    """After adding, editing and removing a notice, the incremental build is byte for byte the
    full build, and adding or removing a notice re-renders only the pages it touches."""
    project = built_public_copy
    before = first = tree(project / "site")
    source = next(n for n in archive.notices if n.status == "issued"
                  and n.classification == "public" and not n.related and n.supersedes is None)
    text = (project / source.source).read_text(encoding="utf-8")
    added = project / "notices" / "2024" / "them-moi.md"
    added.write_text(text.replace(f'number: "{source.number}"',
                                  f'number: "9{source.number}"', 1), encoding="utf-8")
    assert added.read_text(encoding="utf-8") != text

    steps = [
        ("add", lambda: None),
        ("edit", lambda: added.write_text(added.read_text(encoding="utf-8").rstrip()
                                          + "\n\nĐoạn bổ sung.\n", encoding="utf-8")),
        ("remove", added.unlink),
    ]
    for name, change in steps:
        change()
        result = cli(project, "build", check=True)
        assert "trang không đổi" in result.stderr, name
        incremental = tree(project / "site")
        # After the removal the sources are the first build's again: that full build is the
        # reference, no second one of the same sources.
        full = first if name == "remove" else _full_build_tree(project, tmp_path / f"full-{name}")
        assert incremental == full, name
        pages = [k for k in incremental if k.endswith(".html")]
        changed = [k for k in pages if before.get(k) != incremental[k]]
        assert len(changed) < len(pages) // 2, (name, changed)
        before = incremental
