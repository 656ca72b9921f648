"""Every example of README and of the handbook (docs/) works as written: each example notice
passes `check` inside the sample archive, and each command line shown, indented blocks included,
runs successfully against a copy of the project (one copy per page, so pages do not depend on
each other's order)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, cli, copy_project, default_sigint
from import_helpers import notice_to_original, read_notice

HANDBOOK = ROOT / "docs" / "handbook"
# README first, then every page of the handbook; docs/notes/ (material waiting to be folded into
# the handbook) is neither published nor held to this.
PAGES = [ROOT / "README.md"] + sorted(HANDBOOK.rglob("*.md"))
TEXTS = {page: page.read_text(encoding="utf-8") for page in PAGES}
README = TEXTS[ROOT / "README.md"]
BIN = Path(sys.executable).parent

# Commands shown in README or the handbook deliberately not run here, each with the reason.
NOT_RUN = {
    "python3.11 -m venv": "the quick start: CI runs it verbatim (.ci/run) on a clean clone",
    ".venv/bin/python bench/run.py": "a benchmark of many minutes at 10,000 notices",
    ".venv/bin/python bench/search_after_build.py": "two cold builds of a generated archive "
    "and their searches: minutes even at 500 notices",
    "nice -n 10 .venv/bin/python bench/search_quality.py": "search quality on a generated "
                                                           "archive of 2,000 notices in "
                                                           "Chromium: minutes; "
                                                           "test_search_judged.py runs the "
                                                           "judged queries on 400",
    "nice -n 10 .venv/bin/python bench/search_speed.py": "timing against another checkout on "
                                                         "a generated archive: minutes",
    ".venv/bin/python bench/serve_latency.py": "a benchmark on a copy of a generated archive; "
                                               "tests/test_serve.py runs serve for real",
    ".venv/bin/python bench/hostile.py": "minutes of hostile bodies; test_hostile.py runs it "
                                         "on two constructs",
    ".venv/bin/python bench/import_accuracy.py": "prints and OCRs every sample notice, or "
                                                 "(--realistic) makes and OCRs skewed scans: "
                                                 "minutes; tests/test_import_pdf.py and "
                                                 "tests/test_import_scans.py run its parts",
    ".venv/bin/pip install -e '.[test,dev]'": "installs the developer tools: nothing is "
                                              "downloaded at test time",
    ".venv/bin/pip install -e .": "upgrading: the environment running these tests is that "
                                  "install, and nothing is downloaded at test time",
    ".venv/bin/mutmut": "mutation testing takes hours; a developer tool, not part of CI",
    "stress-ng ": "loads the machine on purpose for minutes, to run the suite beside it",
    "nice -n 10 .venv/bin/python -m pytest": "the whole suite, run beside that load: a test "
                                             "cannot run the suite it belongs to",
    ".venv/bin/python tests/make_search_rules_vectors.py": "rewrites the expected values of "
                                                           "tests/search_vectors_rules.json, "
                                                           "which the project copy lacks; "
                                                           "test_search_rules_vectors.py "
                                                           "checks what it wrote",
    ".venv/bin/python tools/mutmut_sample.py": "scores mutmut's results, which only a mutation "
                                               "run of many minutes makes",
    ".venv/bin/python tools/mutate_na_search.py": "mutation testing of na-search.js in "
                                                   "Chromium, a build and one reload per "
                                                   "mutant: minutes; a developer tool",
    "sudo ": "the administrator's recipes change the machine (packages, /etc, /srv): "
             "tests/test_deploy_nginx.py runs the internal-publishing recipe's commands from "
             "its page, localised to a temporary folder, against a real nginx on 127.0.0.1",
    "/opt/notice-archive/deploy/publish.sh": "the internal-publishing recipe: "
                                             "tests/test_deploy_nginx.py runs it",
    ".venv/bin/lint-imports": "checks the package's imports, which the project copy lacks: "
                              "tests/test_architecture.py runs it on the repository",
    ".venv/bin/python tools/screenshots.py": "drives Chromium over the built sample for every "
                                             "picture: tests/test_screenshots.py runs it once",
}


def fenced_blocks(language: str, text: str = README) -> list[str]:
    """The fenced blocks of one language, indented ones (inside a list) included, dedented."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```", text, re.M | re.S)
    return [textwrap.dedent("".join(indent + line for line in block.splitlines(True)))
            for indent, block in found]


def example_notices() -> list[tuple[str, str]]:
    return [(page.relative_to(ROOT).as_posix(), block) for page, text in TEXTS.items()
            for block in fenced_blocks("markdown", text) if block.startswith("---\n")]


def shell_lines(text: str = README) -> list[str]:
    lines = []
    for block in fenced_blocks("sh", text):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                lines.append(line)
    return lines


def table_commands() -> list[str]:
    """The command column of README's "Other everyday commands" table."""
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


def test_readme_is_short_and_keeps_its_quick_start():
    assert len(README.splitlines()) <= 150
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert fenced_blocks("sh", quick) == [
        "python3.11 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/notice-archive build\n"
        "python3.11 -m venv .venv && .venv/bin/pip install -e '.[test]' && "
        ".venv/bin/python -m pytest -n auto\n"]


def test_readme_links_lead_to_files():
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README):
        assert (ROOT / target).exists(), target


def test_docs_have_examples_to_run():
    assert example_notices(), "no example notice found"
    every = [line for text in TEXTS.values() for line in shell_lines(text)]
    assert any(line.startswith("notice-archive new") for line in every)
    assert any(line.startswith("notice-archive import") for line in every)
    assert any(line.startswith("notice-archive search") for line in every)
    assert len(table_commands()) >= 8


def test_indented_blocks_are_found():
    text = "1. Bước một:\n\n    ```sh\n    notice-archive check\n    ```\n"
    assert shell_lines(text) == ["notice-archive check"]


@pytest.mark.parametrize("page, text", [pytest.param(page, text, id=f"{page}-{i}") for i, (page, text)
                                        in enumerate(example_notices())])
def test_example_notice_passes_check(tmp_path, page, text):
    project = copy_project(tmp_path)
    year = re.search(r"^date: (\d{4})", text, re.M).group(1)
    path = project / "notices" / year / "vi-du-readme.md"
    path.write_text(text, encoding="utf-8")
    result = cli(project, "check", str(path.relative_to(project)))
    assert result.returncode == 0, page + "\n" + result.stdout + result.stderr
    assert result.stdout == "", page + "\n" + result.stdout  # not even a warning


def test_topics_example_is_valid_topics_yml(tmp_path):
    project = copy_project(tmp_path)
    for text in TEXTS.values():
        for block in fenced_blocks("yaml", text):
            if not block.startswith("de-an-06:"):
                continue
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
        (r"^mkdocs serve$", f"mkdocs serve --dev-addr 127.0.0.1:{_free_port()}"),
    ]
    for pattern, value in replacements:
        command = re.sub(pattern, value, command)
    assert "[" not in command and "\\|" not in command, f"unfilled placeholder in {command!r}"
    return command


def _run(command: str, project: Path, env: dict) -> subprocess.CompletedProcess:
    argv = shlex.split(command)
    if argv[0].removeprefix(".venv/bin/") in ("notice-archive", "mkdocs"):
        argv[0] = str(BIN / argv[0].removeprefix(".venv/bin/"))
    return subprocess.run(argv, cwd=project, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=600)


def _serve(argv: list[str], project: Path, env: dict, port: str) -> None:
    """A live preview must answer on its address; then it is stopped."""
    process = subprocess.Popen(argv, cwd=project, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               preexec_fn=default_sigint if os.name == "posix" else None)
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


def _commands(page: Path) -> list[str]:
    commands = [c for c in shell_lines(TEXTS[page]) if not any(c.startswith(p) for p in NOT_RUN)]
    if page.name == "README.md":
        commands += ["TABLE"]
    return commands


def _project(tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the project under git, and a home folder holding an original to import."""
    project = copy_project(tmp_path / "project")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-qm", "x"], cwd=project, check=True)
    home = tmp_path / "home"
    (home / "van-ban-goc").mkdir(parents=True)
    data, body = read_notice(ROOT / "notices" / "2025" / "ket-luan-so-ket-mot-nam-luat-llbvanttcs.md")
    data["number"] = "301/TB-VPUBND"
    (home / "van-ban-goc" / "thong-bao.txt").write_text(notice_to_original(data, body),
                                                         encoding="utf-8")
    temp = tmp_path / "tmp"  # every temporary folder the commands make, to check it is removed
    temp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    from test_import_docx import thong_bao_docx
    thong_bao_docx(project / "thong-bao-125.docx")  # development/import.md: in the project
    thong_bao_docx(home / "thong-bao-125.docx")     # huong-dan/nhap-ban-goc.md: a clerk's home
    return project, env


def test_every_exclusion_is_still_needed():
    """Each NOT_RUN entry excludes some command shown today: no stale reason hides a new one."""
    every = [line for text in TEXTS.values() for line in shell_lines(text)]
    unused = [prefix for prefix in NOT_RUN if not any(line.startswith(prefix) for line in every)]
    assert not unused, f"NOT_RUN entries no page needs: {unused}"


@pytest.mark.parametrize("page", [p for p in PAGES if _commands(p)],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_command_line_runs(tmp_path, page):
    project, env = _project(tmp_path)
    home = Path(env["HOME"])
    commands = []
    for command in _commands(page):
        commands += ([_concrete(c, project) for c in table_commands()] if command == "TABLE"
                     else [command])
    ran = 0
    for command in commands:
        command = command.replace("~/", f"{home}/")
        if command.startswith("notice-archive serve"):  # 8000 may be another test's
            command = re.sub(r" --dev-addr \S+", "", command)
            command += f" --dev-addr 127.0.0.1:{_free_port()}"
        if ">" in shlex.split(command):
            command, _, target = command.partition(">")
            result = _run(command.strip(), project, env)
            (project / target.strip()).write_text(result.stdout, encoding="utf-8")
        elif " serve" in command:
            argv = shlex.split(command)
            argv[0] = str(BIN / argv[0])
            _serve(argv, project, env, command.rsplit(":", 1)[1])
            ran += 1
            continue
        else:
            result = _run(command, project, env)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        ran += 1
    assert ran == len(commands)
    # Jinja's bytecode cache is meant to stay; a site copy (mkdocs_*) or a work folder is not.
    temp = Path(env["TMPDIR"])
    left = sorted(p.name for p in temp.iterdir() if not p.name.startswith("_jinja2-cache"))
    assert left == [], "temporary folders left behind"
