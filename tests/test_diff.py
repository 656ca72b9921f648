"""`notice-archive diff REV` on a real temporary git repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import cli, copy_project, require_tools


@pytest.fixture(autouse=True)
def _git():
    require_tools("git", package="git")


def git(repo, *args):
    return subprocess.run(["git", "-c", "user.name=Văn thư", "-c", "user.email=vt@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    project = copy_project(tmp_path / "repo")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "archive")
    return project


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_no_change(repo):
    result = cli(repo, "diff", "HEAD")
    assert result.returncode == 0
    assert "Không có thay đổi" in result.stdout
    assert json.loads(cli(repo, "diff", "HEAD", "--json").stdout) == {
        "rev": "HEAD", "added": [], "removed": [], "changed": []}


def test_added_removed_changed(repo):
    notices = repo / "notices"
    # changed: status and a nested field, body untouched
    edit(notices / "2024" / "ket-luan-gpmb-chau-thanh-a-2024.md", "status: superseded",
         "status: revoked")
    edit(notices / "2024" / "ket-luan-gpmb-chau-thanh-a-2024.md", 'name: "Đồng Thị Mỹ Hạnh"',
         'name: "Lưu Ngọc Đông"')
    # changed: only the body, and the file moved (same number: same notice)
    moved = notices / "2023" / "moved.md"
    shutil.move(notices / "2023" / "ket-luan-tong-ket-atgt-nam-2023.md", moved)
    edit(moved, "thực hiện./.", "thực hiện nghiêm./.")
    # removed
    (notices / "2025" / "ket-luan-pccc-mua-kho-lung-ngoc-hoang-2025.md").unlink()
    # added, with a title that tries to break the Markdown
    (notices / "2025" / "new.md").write_text(
        '---\nnumber: "99/TB-VPUBND"\ntype: thong-bao\ntitle: "Mới | <b>đậm</b> *x*"\n'
        "status: draft\nclassification: public\n---\nNội dung.\n", encoding="utf-8")
    # a draft that gets its number keeps its identity by path
    draft = notices / "2025" / "du-thao-ket-luan-ban-atgt-quy-i-2025.md"
    edit(draft, "type: thong-bao", 'number: "55/TB-VPUBND"\ntype: thong-bao')

    data = json.loads(cli(repo, "diff", "HEAD", "--json", check=True).stdout)
    assert [a["number"] for a in data["added"]] == ["99/TB-VPUBND"]
    assert [r["path"] for r in data["removed"]] == [
        "notices/2025/ket-luan-pccc-mua-kho-lung-ngoc-hoang-2025.md"]
    assert data["removed"][0]["number"] and data["removed"][0]["title"]
    changed = {c["path"]: c for c in data["changed"]}
    assert set(changed) == {"notices/2024/ket-luan-gpmb-chau-thanh-a-2024.md",
                            "notices/2023/moved.md", draft.relative_to(repo).as_posix()}
    gpmb = changed["notices/2024/ket-luan-gpmb-chau-thanh-a-2024.md"]
    assert gpmb["fields"] == [
        {"field": "signer.name", "old": "Đồng Thị Mỹ Hạnh", "new": "Lưu Ngọc Đông"},
        {"field": "status", "old": "superseded", "new": "revoked"}]
    assert gpmb["body_changed"] is False and gpmb["number"] == "145/TB-VPUBND"
    moved_change = changed["notices/2023/moved.md"]
    assert moved_change["body_changed"] is True
    assert moved_change["old_path"] == "notices/2023/ket-luan-tong-ket-atgt-nam-2023.md"
    assert changed[draft.relative_to(repo).as_posix()]["fields"] == [
        {"field": "number", "old": None, "new": "55/TB-VPUBND"}]

    md = cli(repo, "diff", "HEAD", check=True).stdout
    assert md.startswith("### Thay đổi kho thông báo so với `HEAD`")
    assert "**1** thêm · **1** xóa · **3** sửa" in md
    assert "- trạng thái (`status`): `superseded` → `revoked`" in md
    assert "- người ký (`signer.name`): `Đồng Thị Mỹ Hạnh` → `Lưu Ngọc Đông`" in md
    assert "nội dung: **đã sửa**" in md and "nội dung: không đổi" in md
    assert "<b>" not in md and "\\<b\\>" in md and "\\|" in md  # escaped, table-safe


def test_against_an_older_commit_and_uncommitted_files(repo):
    notices = repo / "notices"
    edit(notices / "2024" / "chi-dao-bao-dam-antt-tet-giap-thin-2024.md", "status: issued",
         "status: revoked")
    git(repo, "commit", "-qam", "revoke")
    (notices / "2024" / "broken.md").write_bytes(b"\xff\xfe junk")
    data = json.loads(cli(repo, "diff", "HEAD~1", "--json", check=True).stdout)
    assert [c["fields"] for c in data["changed"]] == [
        [{"field": "status", "old": "issued", "new": "revoked"}]]
    assert [a["path"] for a in data["added"]] == ["notices/2024/broken.md"]


def test_bad_revision_and_no_repository(repo, tmp_path):
    result = cli(repo, "diff", "no-such-branch")
    assert result.returncode == 2 and "no-such-branch" in result.stderr
    assert "Traceback" not in result.stderr
    plain = copy_project(tmp_path / "plain")
    result = cli(plain, "diff", "HEAD")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def item(markdown: str, start: str, contains: str = "") -> str:
    """One notice's entry of the report: from its `- ` line to the next."""
    entries = markdown.split("\n- ")
    return next(e for e in entries if e.startswith(start) and contains in e.split("\n", 1)[0])


def test_body_classification_and_publication_changes(repo):
    notices = repo / "notices"
    atgt = notices / "2023" / "ket-luan-tong-ket-atgt-nam-2023.md"
    body = atgt.read_text(encoding="utf-8").split("---\n", 2)[2]
    first = [p for p in body.split("\n\n") if p.strip()][1]
    edit(atgt, first, first.replace(" ", "  \n", 1) + "\n\nMột đoạn mới được thêm vào.")
    internal = notices / "2024" / "ket-luan-giao-ban-chuan-bi-trien-khai-luat-llbvanttcs.md"
    edit(internal, "classification: internal", "classification: public")   # goes public
    edit(notices / "2024" / "ket-luan-to-cong-tac-de-an-06-quy-i-2024.md", "status: issued",
         "status: draft")                                                    # leaves the public site
    result = cli(repo, "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    section = item(out, "**38/TB-CAT**")
    assert "**⚠ sẽ được xuất bản ở hồ sơ công khai (public)**" in section
    assert "độ mật (`classification`): `internal` → `public`" in section
    section = item(out, "**98/TB-VPUBND**")
    assert "**⚠ thôi xuất bản ở hồ sơ công khai (public)**" in section
    assert "trạng thái (`status`): `issued` → `draft`" in section
    # The body: only the paragraph that changed (a re-wrap is not a change), in a collapsed block.
    section = item(out, "**", "ket-luan-tong-ket-atgt-nam-2023.md")
    assert "<details><summary>Xem thay đổi nội dung (+1 −0 đoạn)</summary>" in section
    assert "    ```diff" in section and "    +Một đoạn mới được thêm vào." in section
    assert not any(line.startswith("    -") for line in section.splitlines()), section
    data = json.loads(cli(repo, "diff", "HEAD", "--json").stdout)
    (change,) = [c for c in data["changed"] if c["number"] == "38/TB-CAT"]
    assert change["published_before"] == ["internal"]
    assert change["published"] == ["public", "internal"]


def test_added_notice_shows_its_state_and_flag(repo):
    (repo / "notices" / "2025" / "mat.md").write_text(
        '---\nnumber: "99/TB-VPUBND"\ntype: thong-bao\ntitle: "Mới"\n'
        "status: draft\nclassification: public\n---\n", encoding="utf-8")
    out = cli(repo, "diff", "HEAD").stdout
    line = next(line for line in out.splitlines() if "99/TB-VPUBND" in line)
    assert "trạng thái `draft` (dự thảo), độ mật `public` (công khai)" in line
    # No English label: every field is named in Vietnamese (the key stays, in code).
    assert not re.search(r"(?<!`)\b(status|classification)\b(?!`)", out)
    assert "sẽ được xuất bản ở hồ sơ nội bộ (internal)" in line
    assert "công khai (public)**" not in line


def test_a_long_paragraph_is_shown_around_its_change():
    from generator.commands.diff import PARAGRAPH_CHARS, body_diff
    long = "Nội dung dài " * 100
    lines = body_diff(f"Mở đầu.\n\n{long}cũ.\n\nKết.", f"Mở đầu.\n\n{long}mới.\n\nKết.")
    assert lines[0].startswith("@@")
    (old,) = [line for line in lines if line.startswith("-")]
    (new,) = [line for line in lines if line.startswith("+")]
    assert old.endswith("cũ.") and new.endswith("mới.") and "…" in old
    assert len(new) <= PARAGRAPH_CHARS + 3
    assert body_diff("A\nb.", "A b.") == []  # re-wrapping is not a change
