"""What a person reads in a terminal is Vietnamese: `check` says lỗi / cảnh báo there, while
editors, pipes and CI keep the documented machine format; the build log shows an archive warning
under CẢNH BÁO, not under THÔNG TIN."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli, copy_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal needs POSIX")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The sample archive with one warning (trailing white space) and nothing else wrong."""
    project = copy_project(tmp_path_factory.mktemp("lang") / "p")
    notice = sorted((project / "notices" / "2024").glob("*.md"))[0]
    notice.write_text(notice.read_text(encoding="utf-8").rstrip("\n") + "   \n",
                      encoding="utf-8")
    return project


def in_terminal(project: Path, *args: str) -> str:
    """Run the command with its output on a pseudo-terminal, as a person at a shell sees it."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=project,
                               stdout=follower, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the command closed the terminal (EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


WARNING_LINE = re.compile(r"^notices/2024/\S+\.md:\d+:\d+: (\S+(?: \S+)?) NA007: ", re.M)


def test_check_in_a_terminal_speaks_vietnamese(project):
    assert WARNING_LINE.findall(in_terminal(project, "check")) == ["cảnh báo"]
    assert WARNING_LINE.findall(in_terminal(project, "check", "--format", "text")) == ["warning"]


def test_check_for_editors_pipes_and_ci_keeps_the_machine_format(project):
    piped = cli(project, "check")
    assert piped.returncode == 0
    assert WARNING_LINE.findall(piped.stdout) == ["warning"]
    assert WARNING_LINE.findall(cli(project, "check", "--format", "human").stdout) == ["cảnh báo"]
    github = cli(project, "check", "--format", "github")
    assert github.stdout.startswith("::warning file=")
    assert WARNING_LINE.findall(github.stderr) == ["warning"]


def test_build_log_shows_archive_warnings_as_warnings(project):
    result = cli(project, "build")
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if "NA007" in line]
    assert line.startswith("CẢNH BÁO: notices/2024/") and ": NA007: " in line
    assert "warning" not in line
    assert "THÔNG TIN: Đã dựng xong" in result.stderr
