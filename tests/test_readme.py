"""Every example of the README works as written: each example notice passes `check` inside the
sample archive, and each command line shown runs successfully against a copy of the project."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, cli, copy_project
from import_helpers import notice_to_original, read_notice

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent

# Commands of the README deliberately not run here, each with the reason.
NOT_RUN = {
    "python3.11 -m venv": "the quick start: CI runs it verbatim (.ci/run) on a clean clone",
    "python3 -m http.server": "serves the built site until stopped; any static server does",
    ".venv/bin/python bench/run.py": "a benchmark of many minutes at 10,000 notices",
    ".venv/bin/python bench/serve_latency.py": "a benchmark on a copy of a generated archive; "
                                               "tests/test_serve.py runs serve for real",
    ".venv/bin/python bench/hostile.py": "minutes of hostile bodies; test_hostile.py runs it "
                                         "on two constructs",
    ".venv/bin/python bench/import_accuracy.py": "prints and OCRs every sample notice: minutes; "
                                                 "tests/test_import_pdf.py runs its parts",
    ".venv/bin/pip install -e '.[test,dev]'": "installs the developer tools: nothing is "
                                              "downloaded at test time",
    ".venv/bin/mutmut": "mutation testing takes hours; a developer tool, not part of CI",
}


def fenced_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.M | re.S)


def example_notices() -> list[str]:
    return [block for block in fenced_blocks("markdown") if block.startswith("---\n")]


def shell_lines() -> list[str]:
    lines = []
    for block in fenced_blocks("sh"):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                lines.append(line)
    return lines


def table_commands() -> list[str]:
    """The command column of the "Other everyday commands" table."""
    section = README.split("Other everyday commands:", 1)[1].split("\n## ", 1)[0]
    commands = []
    for row in re.findall(r"^\| (.*?) \|", section, re.M):
        commands += re.findall(r"`([^`]+)`", row)
    return commands


def test_the_commands_table_is_one_table():
    section = README.split("Other everyday commands:", 1)[1].split("\n## ", 1)[0]
    table = section.strip().split("\n\n", 1)[0].splitlines()
    assert all(line.startswith("|") for line in table)
    assert any("mkdocs build" in line for line in table), "a blank line splits the table"


def test_readme_has_examples_to_run():
    assert example_notices(), "no example notice found"
    assert any(line.startswith("notice-archive new") for line in shell_lines())
    assert len(table_commands()) >= 8


@pytest.mark.parametrize("index", range(len(example_notices())))
def test_example_notice_passes_check(tmp_path, index):
    project = copy_project(tmp_path)
    text = example_notices()[index]
    year = re.search(r"^date: (\d{4})", text, re.M).group(1)
    path = project / "notices" / year / "vi-du-readme.md"
    path.write_text(text, encoding="utf-8")
    result = cli(project, "check", str(path.relative_to(project)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "", result.stdout  # not even a warning


def test_topics_example_is_valid_topics_yml(tmp_path):
    project = copy_project(tmp_path)
    block = next(b for b in fenced_blocks("yaml") if b.startswith("de-an-06:"))
    topics = project / "notices" / "topics.yml"
    current = topics.read_text(encoding="utf-8")
    entries = re.split(r"^(?=\S)", current, flags=re.M)
    kept = "".join(e for e in entries if not e.startswith("de-an-06:"))
    topics.write_text(kept.rstrip("\n") + "\n" + block, encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _concrete(command: str, project: Path) -> str:
    """A table row's synopsis made into one command line with real arguments."""
    notice = next((project / "notices" / "2024").glob("*.md")).relative_to(project).as_posix()
    original = project / "goc.txt"
    data, body = read_notice(ROOT / "notices" / "2024" / "ket-luan-trien-khai-luat-llbvanttcs.md")
    data["number"] = "302/TB-VPUBND"  # a notice the archive does not hold yet
    original.write_text(notice_to_original(data, body), encoding="utf-8")
    replacements = [
        (r"\[--profile public\\\|internal\]", "--profile internal"),
        (r"\[--wait SECONDS\]", "--wait 5"),
        (r"\[--full\]", "--full"),
        (r"\[--safe \[--base REV\]\]", "--safe --base HEAD"),
        (r"\[--dev-addr ADDRESS:PORT\]", f"--dev-addr 127.0.0.1:{_free_port()}"),
        (r"\[--type TYPE\]", "--type ke-hoach"),
        (r"\[--number NUMBER\]", "--number 300/KH-UBND"),
        (r"\[--date DATE\]", "--date 15/07/2025"),
        (r"\[--topics SLUGS\]", "--topics de-an-06"),
        (r"\[FILE \.\.\.\]", notice),
        (r"FILE\\\|FOLDER \.\.\.", "goc.txt"),
        (r"\bREV\b", "HEAD"),
        (r"\bQUERY\b", "de an 06"),
        (r"\[--json\]", "--json"),
        (r"\[--index\]", "--index"),
        (r"^mkdocs serve$", f"mkdocs serve --dev-addr 127.0.0.1:{_free_port()}"),
    ]
    for pattern, value in replacements:
        command = re.sub(pattern, value, command)
    assert "[" not in command and "\\|" not in command, f"unfilled placeholder in {command!r}"
    return command


def _run(command: str, project: Path, env: dict) -> subprocess.CompletedProcess:
    argv = shlex.split(command)
    if argv[0] in ("notice-archive", "mkdocs"):
        argv[0] = str(BIN / argv[0])
    return subprocess.run(argv, cwd=project, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=600)


def _serve(argv: list[str], project: Path, env: dict, port: str) -> None:
    """A live preview must answer on its address; then it is stopped."""
    process = subprocess.Popen(argv, cwd=project, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        deadline = time.monotonic() + 600  # ends only a broken run, never a slow one
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert "Lưu trữ" in page.read().decode("utf-8")
                    return
            except OSError:
                assert process.poll() is None, process.stderr.read()
                time.sleep(0.5)
        pytest.fail("the preview server never answered")
    finally:
        # Ctrl-C, as a person stops it: `mkdocs serve` deletes its temporary site folder only
        # then (it has no SIGTERM handler, so terminate() left a whole site in /tmp/mkdocs_*).
        if os.name == "posix":
            process.send_signal(signal.SIGINT)
        else:
            process.terminate()
        try:
            process.wait(timeout=600)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


@pytest.mark.slow
def test_every_command_line_of_the_readme_runs(tmp_path):
    project = copy_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A"],
                   cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   cwd=project, check=True)
    home = tmp_path / "home"
    (home / "van-ban-goc").mkdir(parents=True)
    data, body = read_notice(ROOT / "notices" / "2025" / "ket-luan-so-ket-mot-nam-luat-llbvanttcs.md")
    data["number"] = "301/TB-VPUBND"
    (home / "van-ban-goc" / "thong-bao.txt").write_text(notice_to_original(data, body),
                                                         encoding="utf-8")
    temp = tmp_path / "tmp"  # every temporary folder the commands make, to check it is removed
    temp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp)}
    if any("thong-bao-125.docx" in line for line in shell_lines()):
        from test_import_docx import thong_bao_docx
        thong_bao_docx(project / "thong-bao-125.docx")

    commands = [c for c in shell_lines() if not any(c.startswith(p) for p in NOT_RUN)]
    commands += [_concrete(c, project) for c in table_commands()]
    ran = 0
    for command in commands:
        command = command.replace("~/", f"{home}/")
        if ">" in shlex.split(command):
            command, _, target = command.partition(">")
            result = _run(command.strip(), project, env)
            (project / target.strip()).write_text(result.stdout, encoding="utf-8")
        elif " serve" in command:
            argv = shlex.split(command)
            argv[0] = str(BIN / argv[0])
            _serve(argv, project, env, command.rsplit(":", 1)[1] if "--dev-addr" in command
                   else "8000")
            ran += 1
            continue
        else:
            result = _run(command, project, env)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        ran += 1
    assert ran >= 15
    # Jinja's bytecode cache is meant to stay; a site copy (mkdocs_*) or a work folder is not.
    left = sorted(p.name for p in temp.iterdir() if not p.name.startswith("_jinja2-cache"))
    assert left == [], "temporary folders left behind"
