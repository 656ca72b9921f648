"""A repository or a branch is untrusted: nothing it carries may run.

Planted pickles at every cache and index path the tool has used (in the repository and in the
user's cache folder, Whoosh's table of contents included), caches written with another user's
key, and a branch whose mkdocs.yml or theme carries code, reviewed with `build --safe`.
"""

from __future__ import annotations

import json
import pickle
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, cache_of, copy_project
from import_helpers import notice_to_original, read_notice
from generator.profiles import PROFILES


class Payload:
    """Unpickling this writes the marker file: the proof that a planted file ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                          cwd=project, check=True, capture_output=True, text=True).stdout


def plant_whoosh(gen: Path, marker: Path) -> None:
    """A real Whoosh table of contents whose pickled schema is the payload."""
    from whoosh.fields import Schema
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    class EvilSchema(Schema):
        def __reduce__(self):
            return Payload(marker).__reduce__()

    gen.mkdir(parents=True, exist_ok=True)
    TOC(EvilSchema(), [], 1).write(FileStorage(str(gen)), "MAIN")
    (gen / "MAIN_planted.seg").write_bytes(pickle.dumps(Payload(marker)))
    (gen / "manifest.json").write_text(json.dumps({"version": 0, "profile": "public",
                                                   "notices": {}, "state": ""}))
    (gen / "AUTH.json").write_text("0" * 64 + "\n" + json.dumps(
        {p.name: "0" * 64 for p in gen.iterdir()}))
    (gen.parent / "CURRENT").write_text(gen.name)


def plant_everywhere(project: Path, marker: Path) -> list[Path]:
    payload = pickle.dumps(Payload(marker))
    planted = []
    for cache in (project / ".cache" / "notice-archive", cache_of(project)):
        names = ["check-summary.pickle", "documents.pickle", "mentions-public.pickle",
                 "mentions-internal.pickle", "check-summary.json", "documents.json",
                 "mentions-public.json", "mentions-internal.json",
                 *(p.cache_file("render-manifest") for p in PROFILES.values())]
        for name in names:
            cache.mkdir(parents=True, exist_ok=True)
            (cache / name).write_bytes(payload)
            planted.append(cache / name)
        for profile in ("public", "internal"):
            plant_whoosh(cache / "index" / profile / "gen-planted", marker)
            planted.append(cache / "index" / profile / "gen-planted" / "_MAIN_1.toc")
    return planted


def test_planted_pickles_never_run(tmp_path):
    project = copy_project(tmp_path / "p")
    marker = tmp_path / "MARKER"
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    planted = plant_everywhere(project, marker)
    # The plants are live: Whoosh itself would run the table of contents.
    from whoosh import index as windex
    toc = planted[-1].parent
    with pytest.raises(Exception):
        windex.open_dir(str(toc), indexname="MAIN")
    assert marker.exists(), "the planted table of contents must be a working payload"
    marker.unlink()

    original = tmp_path / "goc.txt"
    data, body = read_notice(sorted((ROOT / "notices" / "2024").glob("*.md"))[0])
    data["number"] = "778/TB-VPUBND"
    original.write_text(notice_to_original(data, body), encoding="utf-8")
    commands = [("check",), ("build",), ("search", "de an 06"),
                ("search", "giao thong", "--profile", "internal"), ("diff", "HEAD"),
                ("import", str(original)), ("check",), ("build",)]
    for args in commands:
        result = run(project, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert not marker.exists(), f"`notice-archive {' '.join(args)}` ran a planted file"
    assert "Tìm thấy" in run(project, "search", "de an 06").stdout
    assert (project / "site" / "index.html").is_file()


def test_a_cache_written_by_another_user_is_rebuilt_not_trusted(tmp_path):
    from generator.authenticated import key_path
    project = copy_project(tmp_path / "p")
    first = run(project, "search", "de an 06", "--json")
    assert first.returncode == 0
    root = cache_of(project) / "index" / "public"
    gen = (root / "CURRENT").read_text()

    # The same cache folder, another user's key: every file fails its check and is rebuilt.
    key = key_path()
    alice = key.read_bytes()
    key.write_bytes(secrets.token_hex(32).encode())
    try:
        _rebuilt_not_trusted(project, root, gen, json.loads(first.stdout)["total"])
    finally:
        key.write_bytes(alice)


def _rebuilt_not_trusted(project: Path, root: Path, gen: str, total: int) -> None:
    second = run(project, "search", "de an 06", "--json")
    assert second.returncode == 0
    assert "không xác thực được" in second.stderr
    assert json.loads(second.stdout)["total"] == total
    assert (root / "CURRENT").read_text() != gen
    assert run(project, "check").returncode == 0

    # One changed byte in a segment: rebuilt too, with one line saying so.
    segment = max((root / (root / "CURRENT").read_text()).glob("*.seg"),
                  key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    third = run(project, "search", "de an 06", "--json")
    assert third.returncode == 0
    assert third.stderr.count("không xác thực được") == 1
    assert json.loads(third.stdout)["total"] == total
    again = run(project, "search", "de an 06", "--json")
    assert "không xác thực được" not in again.stderr


def test_check_names_cache_files_tracked_by_git(tmp_path):
    project = copy_project(tmp_path / "p")
    planted = project / ".cache" / "notice-archive" / "documents.pickle"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"not read")
    git(project, "init", "-q")
    git(project, "add", "-f", "-A")
    git(project, "commit", "-qm", "x")
    result = run(project, "check")
    assert "NA015" in result.stdout
    assert ".cache/notice-archive/documents.pickle:1:1: warning NA015" in result.stdout
    as_json = json.loads(run(project, "check", "--format", "json").stdout)
    assert any(d["code"] == "NA015" and d["path"] == ".cache/notice-archive/documents.pickle"
               for d in as_json)


def test_build_safe_runs_nothing_a_branch_adds_and_says_why(tmp_path):
    project = copy_project(tmp_path / "p")
    marker = tmp_path / "HOOK-RAN"
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    git(project, "checkout", "-qb", "review")
    (project / "evil_hook.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    base_config = config.read_text(encoding="utf-8")
    config.write_text(base_config + "\nhooks:\n  - evil_hook.py\n", encoding="utf-8")
    # Without safe mode the hook runs: the branch is a live attack.
    assert run(project, "build").returncode == 0 and marker.exists()
    marker.unlink()

    config.write_text(base_config.replace("plugins:\n", "plugins:\n  - evil-plugin\n")
                      .replace("markdown_extensions:\n", "markdown_extensions:\n"
                               "  - pymdownx.snippets:\n      base_path: ['/']\n"
                               "      check_paths: false\n")
                      .replace("site_dir: site", "site_dir: ../escaped")
                      + "\nhooks:\n  - evil_hook.py\n", encoding="utf-8")
    script = project / "theme" / "assets" / "javascripts" / "na-search.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n/* EVIL-THEME */\n",
                      encoding="utf-8")
    notice = sorted((project / "notices" / "2024").glob("*.md"))[0]
    notice.write_text(notice.read_text(encoding="utf-8") + '\n--8<-- "etc/passwd"\n',
                      encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "review me")

    result = run(project, "build", "--safe", "--base", "main")
    assert result.returncode == 0, result.stderr
    assert not marker.exists() and not (tmp_path / "escaped").exists()
    for key in ("hooks", "plugins", "markdown_extensions", "site_dir"):
        assert f"không dùng khóa '{key}'" in result.stderr
    assert "không dùng evil_hook.py" in result.stderr
    assert "không dùng theme/assets/javascripts/na-search.js" in result.stderr
    site = project / "site"
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".js", ".json")]
    assert not any("EVIL-THEME" in t for t in texts)
    assert not any("root:x:0:0" in t for t in texts)
    assert any("etc/passwd" in t for t in texts)   # the branch's notice text, as text

    missing = run(project, "build", "--safe", "--base", "no-such-branch")
    assert missing.returncode == 2 and "--base no-such-branch" in missing.stderr


def test_the_cache_folder_moves_but_never_into_the_repository(tmp_path):
    project = copy_project(tmp_path / "p")
    elsewhere = tmp_path / "bo-dem"
    assert run(project, "check", "--cache-dir", str(elsewhere)).returncode == 0
    assert (elsewhere / "check-summary.json").is_file()
    assert not (project / ".cache").exists()

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      profile: public\n", "      profile: public\n      cache_dir: .cache/notice-archive\n"),
        encoding="utf-8")
    for command in (("check",), ("search", "de an 06"), ("build",)):
        refused = run(project, *command)
        assert refused.returncode == 2, refused.stderr
        assert "thư mục đệm .cache/notice-archive nằm trong kho lưu trữ" in refused.stderr
    assert not (project / ".cache").exists() and not (project / "site").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_planted_lock_link_beside_site_opens_nothing_outside(tmp_path):
    """The lock beside site/ (.site.lock) is opened without following links: a repository that
    carries a symlink by that name gets a clear refusal, and the file it points at is never
    created."""
    project = copy_project(tmp_path / "project")
    target = tmp_path / "outside" / "created-by-the-build"
    target.parent.mkdir()
    (project / ".site.lock").symlink_to(target)
    result = run(project, "build")
    assert result.returncode == 1
    assert ".site.lock" in result.stderr and "liên kết tượng trưng" in result.stderr
    assert not target.exists()
    assert not (project / "site").exists()
