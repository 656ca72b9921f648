"""What a user reads in the terminal: Vietnamese help and errors, quiet builds, counts that mean
one thing, fixes offered, the project found from a sub-folder, and `new` skeletons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, cli, copy_project
from test_check_cli import FITS, write
from test_check_rules import mutate

COMMANDS = ("build", "serve", "check", "new", "search", "diff", "schema", "import")
# argparse's and mkdocs' English, as a new user met it.
ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|show program|"
                     r"the following arguments|error:|invalid choice|unrecognized|WARNING|"
                     r"INFO|Aborted|BuildError|dirty|Documentation built|Building|Cleaning",
                     re.I)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


@pytest.mark.parametrize("command", ("",) + COMMANDS)
def test_help_is_vietnamese(command):
    result = cli(ROOT, *([command] if command else []), "--help")
    assert result.returncode == 0
    assert "cách dùng:" in result.stdout and "in hướng dẫn này rồi thoát" in result.stdout
    assert not ENGLISH.search(result.stdout), result.stdout


def test_usage_errors_are_vietnamese():
    result = cli(ROOT, "diff")
    assert result.returncode == 2
    assert "lỗi: thiếu tham số bắt buộc: REV" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr
    result = cli(ROOT, "check", "--format", "xml")
    assert "lựa chọn không hợp lệ" in result.stderr and not ENGLISH.search(result.stderr)
    result = cli(ROOT, "bogus")
    assert result.returncode == 2 and not ENGLISH.search(result.stderr), result.stderr


def test_serve_help_describes_the_command_and_every_option():
    help_text = cli(ROOT, "serve", "--help").stdout
    assert "xem trước" in help_text and "Ctrl-C" in help_text
    for option in ("--config", "--profile", "--dev-addr"):
        line = help_text[help_text.index(option):].split("\n  -", 1)[0]
        assert len(line.split()) > 4, f"{option} has no help text: {line!r}"


def test_quiet_builds_print_no_english(project):
    first = cli(project, "build", "-q")
    assert first.returncode == 0, first.stderr
    again = cli(project, "build", "-q")  # incremental: mkdocs' "dirty" build
    assert again.returncode == 0
    assert again.stderr.strip().splitlines() == [f"notice-archive: đã xuất bản {project / 'site'}"]
    loud = cli(project, "build")
    assert not ENGLISH.search(loud.stderr), loud.stderr
    assert "THÔNG TIN: Đã dựng xong trong" in loud.stderr


def test_failed_build_says_why_in_vietnamese(project):
    write(project, "bad.md", mutate("status: issued", "status: published", text=FITS))
    result = cli(project, "build", "-q")
    assert result.returncode == 1
    assert "NA104" in result.stderr and "site/ giữ nguyên" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


def test_commands_find_the_project_from_a_sub_folder(project):
    result = cli(project / "notices" / "2025", "check")
    assert result.returncode == 0, result.stderr
    name = next((project / "notices" / "2025").glob("*.md")).name
    result = cli(project / "notices" / "2025", "check", name)
    assert result.returncode == 0, result.stderr
    assert "1/1 thông báo hợp lệ" in result.stderr


def test_no_project_anywhere_is_a_clear_usage_error(tmp_path):
    result = cli(tmp_path, "check")
    assert result.returncode == 2
    assert "không tìm thấy mkdocs.yml" in result.stderr


@pytest.mark.parametrize("old, new", [
    ("title:", "tittle:"),                                     # NA101: dropped by validation
    ("related:", 'supersedes: "80/TB-VPUBND"\nrelated:'),      # NA203: archive-wide
    ("topics: [an-toan-giao-thong]", "topics: [an-toan-giao]"),  # NA207
])
def test_summary_counts_a_notice_with_any_error_as_invalid(project, old, new):
    total = len(list((project / "notices").rglob("*.md"))) + 1
    write(project, "bad.md", mutate(old, new, text=FITS))
    result = cli(project, "check")
    assert result.returncode == 1
    assert f"{total - 1}/{total} thông báo hợp lệ (không có lỗi);" in result.stderr, \
        result.stdout + result.stderr


def test_day_first_date_gets_its_iso_form(project):
    write(project, "date.md", mutate("date: 2024-07-15", "date: 15/07/2024", text=FITS))
    result = cli(project, "check")
    assert "NA105" in result.stdout and "thành 2024-07-15" in result.stdout, result.stdout


def test_topic_by_its_name_suggests_its_slug(project):
    write(project, "topic.md", mutate("topics: [an-toan-giao-thong]",
                                      "topics: [Đề án 06, an-toan-giao-thong]", text=FITS))
    result = cli(project, "check")
    assert re.search(r'NA207: .*"Đề án 06".*dùng slug "de-an-06"', result.stdout), result.stdout


def test_year_folder_must_match_the_date(project):
    (project / "notices" / "2023" / "lac.md").write_text(FITS, encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 0
    assert re.search(r"notices/2023/lac\.md:\d+:1: warning NA415: .*2024.*2023/", result.stdout)


def test_new_writes_a_skeleton_that_passes_check(project):
    result = cli(project, "new", "--type", "ke-hoach", "--number", "300/KH-UBND", "--date",
                 "15/07/2025", "--topics", "Đề án 06, an-toan-giao-thong")
    assert result.returncode == 0, result.stderr
    path = project / result.stdout.strip()
    assert path == project / "notices" / "2025" / "300-kh-ubnd.md"
    text = path.read_text(encoding="utf-8")
    for line in ('number: "300/KH-UBND"', "type: ke-hoach", "date: 2025-07-15",
                 "topics: [de-an-06, an-toan-giao-thong]", "status: draft",
                 "classification: internal"):
        assert line in text.splitlines(), text
    checked = cli(project, "check", str(path.relative_to(project)))
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr
    # It is a draft: the public build does not publish it.
    again = cli(project, "new", "--type", "ke-hoach", "--number", "300/KH-UBND", "--date",
                "2025-07-15")
    assert again.returncode == 2 and "đã có" in again.stderr


def test_new_without_options_is_an_undated_draft(project):
    result = cli(project, "new")
    assert result.returncode == 0, result.stderr
    assert cli(project, "check", result.stdout.strip()).stdout == ""


@pytest.mark.parametrize("args, message", [
    (("--type", "thong-bao", "--number", "98/TB-VPUBND", "--date", "2024-04-05"), "NA201"),
    (("--type", "thong-bao", "--number", "12/QĐ-VPUBND"), "NA402"),
    (("--type", "bao-cao-x",), "loại văn bản"),
    (("--topics", "khong-co",), "không có trong notices/topics.yml"),
    (("--date", "31/02/2025",), "ngày không hợp lệ"),
])
def test_new_refuses_what_would_not_pass(project, args, message):
    before = sorted((project / "notices").rglob("*.md"))
    result = cli(project, "new", *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert sorted((project / "notices").rglob("*.md")) == before
