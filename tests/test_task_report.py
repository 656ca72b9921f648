"""`notice-archive tasks --format xlsx|docx -o FILE`: the table offices attach to a report on
assigned tasks, opened back with openpyxl and python-docx and converted by LibreOffice."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import cli, copy_project, require_tools
from generator.render.task_report import COLUMNS


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("task-report"))


def tasks_of(project: Path, *args: str) -> list[dict]:
    return json.loads(cli(project, "tasks", "--json", *args, check=True).stdout)["tasks"]


def soffice(out: Path, source: Path, to: str) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo'}", "--headless",
                    "--convert-to", to, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{source.stem}.{to.split(':')[0]}"


def test_xlsx_has_the_standard_columns_and_one_row_per_task(sample, tmp_path):
    from openpyxl import load_workbook

    wanted = tasks_of(sample, "--agency", "so-tu-phap")
    out = tmp_path / "bao-cao.xlsx"
    result = cli(sample, "tasks", "--format", "xlsx", "--agency", "so-tu-phap", "-o", str(out),
                 check=True)
    assert f"Đã ghi {len(wanted)} nhiệm vụ" in result.stdout
    rows = [[c for c in r] for r in load_workbook(out).active.iter_rows(values_only=True)]
    assert rows[0][0] == "BIỂU TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"
    assert rows[1][0] == "Cơ quan chủ trì: Sở Tư pháp"
    assert rows[2][0].startswith("(Số liệu tính đến ngày ")
    header = rows.index(list(COLUMNS))
    body = [r for r in rows[header + 1:] if r[1] is not None]
    groups = [r[0] for r in rows[header + 1:] if r[1] is None and r[0]]
    assert len(body) == len(wanted) and [r[0] for r in body] == [
        str(n) for n in range(1, len(wanted) + 1)]
    assert groups and all(g.startswith("Sở Tư pháp (") for g in groups)
    overdue = {t["text"] for t in wanted if t["overdue"]}
    for row in body:
        assert row[3] == "Sở Tư pháp"
        assert row[2].split(",")[0] in {t["notice"]["number"] for t in wanted}
        assert row[6].startswith("Quá hạn ") == (row[1] in overdue)


@pytest.mark.slow
def test_docx_groups_by_agency_and_opens_in_libreoffice(sample, tmp_path):
    from docx import Document

    wanted = tasks_of(sample, "--from", "2024-01-01", "--to", "2024-12-31")
    out = tmp_path / "bao-cao.docx"
    cli(sample, "tasks", "--format", "docx", "--from", "2024-01-01", "--to", "2024-12-31",
        "-o", str(out), check=True)
    doc = Document(out)
    titles = [p.text for p in doc.paragraphs if p.text]
    assert "Nhiệm vụ có thời hạn từ ngày 01/01/2024 đến ngày 31/12/2024" in titles
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
    body = [[c.text for c in r.cells] for r in table.rows[1:]]
    tasks = [r for r in body if r[0] != r[-1]]          # a group heading spans the row
    assert len(tasks) == len(wanted)
    leads = [r[0] for r in body if r[0] == r[-1]]
    assert sorted(leads) == sorted({f"{t['lead']} ({sum(1 for u in wanted if u['lead'] == t['lead'])} nhiệm vụ)"
                                    for t in wanted})
    assert all(r[5] for r in tasks) and all(r[6] for r in tasks)
    require_tools("soffice", package="libreoffice-writer-nogui")
    text = soffice(tmp_path, out, "txt:Text").read_text(encoding="utf-8-sig")
    assert "STT" in text and "Cơ quan phối hợp" in text
    assert wanted[0]["text"][:60] in text


@pytest.mark.slow
def test_xlsx_opens_in_libreoffice_calc(sample, tmp_path):
    require_tools("soffice", package="libreoffice-calc-nogui")
    if not any(Path(d).exists() for d in ("/usr/lib/libreoffice/program/libsclo.so",
                                          "/usr/lib/libreoffice/program/libscfiltlo.so")):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc required in CI (.ci/run installs libreoffice-calc-nogui)")
        pytest.skip("not installed: LibreOffice Calc (Debian: libreoffice-calc-nogui)")
    wanted = tasks_of(sample, "--agency", "so-tu-phap")
    out = tmp_path / "bao-cao.xlsx"
    cli(sample, "tasks", "--format", "xlsx", "--agency", "so-tu-phap", "-o", str(out), check=True)
    # The CSV filter's options: comma, double quote, character set 76 = UTF-8 (LibreOffice
    # otherwise writes the system's 8-bit code page, and Vietnamese does not survive it).
    with soffice(tmp_path, out, 'csv:Text - txt - csv (StarCalc):44,34,76').open(
            encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert list(COLUMNS) in rows
    assert sum(1 for r in rows if len(r) > 3 and r[3] == "Sở Tư pháp") == len(wanted)


def test_format_needs_a_file_of_its_kind(sample, tmp_path):
    alone = cli(sample, "tasks", "--format", "xlsx")
    assert alone.returncode == 2 and "--format và -o phải đi cùng nhau" in alone.stderr
    wrong = cli(sample, "tasks", "--format", "docx", "-o", str(tmp_path / "a.xlsx"))
    assert wrong.returncode == 2 and "phải có đuôi .docx" in wrong.stderr
    assert not (tmp_path / "a.xlsx").exists()
