"""A pull request is untrusted input: nothing outside the repository is read or published.

Real symlinks, real FIFOs and sockets, real builds: each hostile layout must give an error
naming the path in the repository, never hang, and leave no outside byte in site/, .cache/ or
the build's output.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, cache_of, copy_project
from generator.load.paths import UnsafePath, inside, read_inside, resolve_inside

SECRET = "BI-MAT-NGOAI-KHO-7f3a"  # the outside content that must never show up anywhere
TIMEOUT = 120  # a hang is a failure, not a stuck test run

NOTICE = (ROOT / "notices" / "2024" / "ket-luan-ban-chi-dao-chuyen-doi-so-2024.md").read_text(
    encoding="utf-8")


def outside_notice() -> str:
    """A valid notice, as an attacker would write it, whose body carries the secret."""
    head, _, body = NOTICE.partition("\n---\n")
    head = head.replace('number: "178/TB-VPUBND"', 'number: "999/TB-VPUBND"')
    return f"{head}\n---\n{SECRET}\n\n{body}"


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder outside the project holding secret files: a notice, topics, a theme file."""
    folder = tmp_path / "outside"
    (folder / "dir" / "2024").mkdir(parents=True)
    (folder / "secret.md").write_text(outside_notice(), encoding="utf-8")
    (folder / "dir" / "2024" / "x.md").write_text(outside_notice(), encoding="utf-8")
    (folder / "topics.yml").write_text(f"{SECRET.lower()}:\n  name: {SECRET}\n", encoding="utf-8")
    (folder / "secret.css").write_text(f"/* {SECRET} */", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "repo")


def build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", *args], cwd=project,
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", *args], cwd=project,
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)


def assert_no_secret(project: Path, *outputs: str) -> None:
    for output in outputs:
        assert SECRET not in output and SECRET.lower() not in output
    from generator.project import ProjectError
    try:
        cache = cache_of(project)
    except ProjectError:  # a mkdocs.yml the test made unacceptable: nothing was cached
        cache = project / ".cache"
    for folder in (project / "site", project / ".cache", cache):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                assert SECRET.encode() not in data and SECRET.lower().encode() not in data, path


def assert_refused(project: Path, rel: str, code: str) -> None:
    """check and build both fail, naming `rel`, and publish nothing from outside."""
    checked = check(project)
    assert checked.returncode == 1, checked.stderr
    assert f"{rel}:1:1: error {code}" in checked.stdout, checked.stdout
    built = build(project)
    assert built.returncode == 1, built.stderr
    assert rel in built.stderr and code in built.stderr
    assert not (project / "site").exists()
    assert_no_secret(project, checked.stdout, checked.stderr, built.stdout, built.stderr)


def test_symlinked_notice_outside_is_an_error(project, outside):
    (project / "notices" / "2024" / "evil.md").symlink_to(outside / "secret.md")
    assert_refused(project, "notices/2024/evil.md", "NA021")


def test_relative_dotdot_symlink_is_an_error(project, outside):
    target = os.path.relpath(outside / "secret.md", project / "notices" / "2024")
    assert target.startswith("..")
    (project / "notices" / "2024" / "evil.md").symlink_to(target)
    assert_refused(project, "notices/2024/evil.md", "NA021")


def test_symlinked_folder_outside_is_an_error(project, outside):
    (project / "notices" / "ngoai").symlink_to(outside / "dir", target_is_directory=True)
    assert_refused(project, "notices/ngoai", "NA021")


def test_link_into_git_metadata_is_an_error(project):
    """CI keeps the checkout's token in .git/config: inside the folder, never content."""
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[http]\n\textraheader = {SECRET}\n")
    (project / "notices" / "2024" / "git.md").symlink_to("../../.git/config")
    assert_refused(project, "notices/2024/git.md", "NA021")


def test_symlinked_topics_outside_is_an_error(project, outside):
    (project / "notices" / "topics.yml").unlink()
    (project / "notices" / "topics.yml").symlink_to(outside / "topics.yml")
    assert_refused(project, "notices/topics.yml", "NA021")


def test_folder_loop_is_an_error_not_a_hang(project):
    # Two loops: mkdocs follows links while walking docs_dir, 2^40 folders if it got there.
    (project / "notices" / "a").symlink_to(".", target_is_directory=True)
    (project / "notices" / "2024" / "b").symlink_to("../..", target_is_directory=True)
    checked = check(project)
    assert "notices/a:1:1: error NA021" in checked.stdout
    assert "notices/2024/b:1:1: error NA021" in checked.stdout
    built = build(project)
    assert built.returncode == 1 and "notices/a" in built.stderr


def test_fifo_is_an_error_not_a_hang(project):
    fifo = project / "notices" / "2024" / "pipe.md"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block forever
    assert_refused(project, "notices/2024/pipe.md", "NA022")


def test_socket_is_an_error(project):
    path = project / "notices" / "2024" / "s.md"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert_refused(project, "notices/2024/s.md", "NA022")
    finally:
        server.close()


def test_symlink_inside_the_repository_is_followed(project):
    """A link that stays inside the repository is ordinary content."""
    shared = project / "shared"
    shared.mkdir()
    source = project / "notices" / "2024" / "ket-luan-ban-chi-dao-chuyen-doi-so-2024.md"
    source.rename(shared / "notice.md")
    source.symlink_to("../../shared/notice.md")
    built = build(project)
    assert built.returncode == 0, built.stderr
    page = project / "site" / "2024" / "178-tb-vpubnd" / "index.html"
    assert "178/TB-VPUBND" in page.read_text(encoding="utf-8")  # read through the link


@pytest.mark.parametrize("key,value", [
    ("docs_dir", "../outside/dir"), ("site_dir", "../published"), ("site_dir", "."),
    ("docs_dir", "/etc"),
])
def test_config_paths_outside_are_refused(project, outside, key, value):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if li.startswith(f"{key}:"))
    config.write_text(text.replace(line, f"{key}: {value}"), encoding="utf-8")
    for command in (build, check):
        result = command(project)
        assert result.returncode == 2, result.stderr
        assert key in result.stderr and "ngoài kho" in result.stderr or "chính thư mục" in result.stderr
    assert not (project.parent / "published").exists()
    assert not (project / "site").exists()


def test_theme_folder_outside_or_with_outside_links_is_refused(project, outside):
    (project / "theme" / "assets" / "stylesheets" / "x.css").symlink_to(outside / "secret.css")
    built = build(project)
    assert built.returncode == 2 and "theme/assets/stylesheets/x.css" in built.stderr
    (project / "theme" / "assets" / "stylesheets" / "x.css").unlink()
    os.mkfifo(project / "theme" / "fifo.html")
    built = build(project)
    assert built.returncode == 2 and "theme/fifo.html" in built.stderr
    (project / "theme" / "fifo.html").unlink()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "custom_dir: theme", f"custom_dir: {outside}"), encoding="utf-8")
    built = build(project)
    assert built.returncode == 2 and "custom_dir" in built.stderr
    assert_no_secret(project, built.stdout, built.stderr)


def test_plain_mkdocs_build_refuses_too(project, outside):
    (project / "notices" / "2024" / "evil.md").symlink_to(outside / "secret.md")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode != 0 and "notices/2024/evil.md" in result.stderr
    assert_no_secret(project, result.stdout, result.stderr)


def test_symlinked_mkdocs_yml_is_refused(tmp_path, project):
    elsewhere = tmp_path / "elsewhere.yml"
    (project / "mkdocs.yml").rename(elsewhere)
    (project / "mkdocs.yml").symlink_to(elsewhere)
    result = build(project)
    assert result.returncode == 2 and "mkdocs.yml" in result.stderr


def test_fix_never_writes_through_a_link(project, outside):
    target = outside / "dir" / "2024" / "x.md"
    target.write_text(target.read_text(encoding="utf-8") + "dòng thừa khoảng trắng   \n",
                      encoding="utf-8")
    before = target.read_bytes()
    (project / "notices" / "2024" / "x.md").symlink_to(target)
    check(project, "--fix")
    assert target.read_bytes() == before


def test_helper_resolves_paths_named_by_the_repository(tmp_path, outside):
    root = tmp_path / "repo"
    (root / "goc").mkdir(parents=True)
    (root / "goc" / "a.pdf").write_bytes(b"%PDF")
    (root / "goc" / "link.pdf").symlink_to(outside / "secret.md")
    assert resolve_inside(root, "goc/a.pdf") == (root / "goc" / "a.pdf").resolve()
    for bad in ("../outside/secret.md", str(outside / "secret.md"), "goc/link.pdf",
                "goc/../../outside/secret.md", ".git/config"):
        with pytest.raises(UnsafePath) as caught:
            resolve_inside(root, bad, what="original")
        assert bad in str(caught.value) and str(outside) not in str(caught.value).replace(bad, "")
    assert inside(root, root / ".cache" / "x", hidden=True)
    assert not inside(root, root / ".cache" / "x")
    with pytest.raises(UnsafePath):
        read_inside(root / "goc" / "link.pdf", root)
    assert read_inside(root / "goc" / "a.pdf", root) == b"%PDF"
    assert read_inside(root / "goc" / "a.pdf", root, limit=1) == b"%P"


def test_import_never_writes_through_a_linked_folder(project, outside):
    (project / "notices" / "2024").rename(project / "nam-2024")
    (project / "notices" / "2024").symlink_to(outside / "dir" / "2024", target_is_directory=True)
    before = sorted(p.name for p in (outside / "dir" / "2024").iterdir())
    original = project.parent / "thong-bao.txt"
    original.write_text("UBND TỈNH HẬU GIANG\nVĂN PHÒNG\nSố: 321/TB-VPUBND\n"
                        "Hậu Giang, ngày 05 tháng 3 năm 2024\nTHÔNG BÁO\n"
                        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban\n"
                        "Ngày 01 tháng 3 năm 2024, Chủ tịch UBND tỉnh chủ trì họp giao ban.\n"
                        "Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.\n",
                        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "import", str(original)],
                            cwd=project,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 1 and "ngoài kho" in result.stdout + result.stderr
    assert sorted(p.name for p in (outside / "dir" / "2024").iterdir()) == before


def test_file_named_through_a_folder_linking_out_is_not_read(project, outside):
    """`check notices/ngoai/2024/x.md`: the file itself is regular, a folder above links out."""
    (project / "notices" / "ngoai").symlink_to(outside / "dir", target_is_directory=True)
    checked = check(project, "notices/ngoai/2024/x.md")
    assert checked.returncode == 1
    assert "notices/ngoai/2024/x.md:1:1: error NA021" in checked.stdout
    assert_no_secret(project, checked.stdout, checked.stderr)


def test_name_that_is_not_utf8_is_an_error_not_a_crash(project):
    name = os.fsdecode(b"th\xf4ng-b\xe1o.md")  # Windows-1258 bytes, as an old tool writes them
    (project / "notices" / "2024" / name).write_text(outside_notice(), encoding="utf-8")
    checked = check(project)
    assert checked.returncode == 1
    assert "notices/2024/th\\xf4ng-b\\xe1o.md:1:1: error NA023" in checked.stdout
    built = build(project)
    assert built.returncode == 1 and "NA023" in built.stderr and "Traceback" not in built.stderr


def test_plain_mkdocs_build_refuses_a_site_dir_outside(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site",
                                                                 "site_dir: ../published"),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode != 0 and "site_dir" in result.stderr
    assert not (project.parent / "published").exists()


def test_values_from_the_environment_are_refused(project):
    """`site_name: !ENV GITHUB_TOKEN` would publish a CI secret on every page."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if li.startswith("site_name:"))
    config.write_text(text.replace(line, "site_name: !ENV [NA_TEST_SECRET, 'x']"),
                      encoding="utf-8")
    env = {**os.environ, "NA_TEST_SECRET": SECRET}
    for command in (["-m", "generator", "build"], ["-m", "mkdocs", "build"]):
        result = subprocess.run([sys.executable, *command], cwd=project, capture_output=True,
                                text=True, timeout=TIMEOUT, env=env)
        assert result.returncode != 0 and "site_name" in result.stderr and "!ENV" in result.stderr
        assert_no_secret(project, result.stdout, result.stderr)
        assert not (project / "site").exists()
