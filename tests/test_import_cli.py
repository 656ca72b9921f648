"""`notice-archive import` as a person runs it: batches, broken files, --force, --json, exit codes."""

from __future__ import annotations

import json

import pytest

from conftest import cli, copy_project
from test_import_docx import cong_van_docx, thong_bao_docx
from test_import_encoding import ORIGINAL


@pytest.fixture
def batch(tmp_path):
    project = copy_project(tmp_path / "project", notices=False)
    originals = tmp_path / "originals"
    (originals / "2024").mkdir(parents=True)
    thong_bao_docx(originals / "2024" / "tb-125.docx")
    cong_van_docx(originals / "cv-3653.docx")
    (originals / "tb-88.txt").write_text(ORIGINAL, encoding="utf-8")
    (originals / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip file")
    (originals / "rong.txt").write_bytes(b"")
    (originals / "ghi-chu.pdf").write_bytes(b"%PDF-1.4")  # a damaged PDF: reported, batch goes on
    (originals / "ghi-chu.odt").write_bytes(b"PK")  # not an original: not picked up
    return project, originals


def test_batch_skips_broken_files_and_imports_the_rest(batch):
    project, originals = batch
    result = cli(project, "import", str(originals), "--json")
    assert result.returncode == 1  # some files failed
    entries = {e["source"].rsplit("/", 1)[-1]: e for e in json.loads(result.stdout)}
    assert set(entries) == {"tb-125.docx", "cv-3653.docx", "tb-88.txt", "hong.docx", "rong.txt",
                            "ghi-chu.pdf"}
    assert entries["ghi-chu.pdf"]["result"] == "error" and "PDF" in entries["ghi-chu.pdf"]["error"]
    assert entries["hong.docx"]["result"] == "error" and ".docx" in entries["hong.docx"]["error"]
    assert entries["rong.txt"]["result"] == "error" and "rỗng" in entries["rong.txt"]["error"]
    for name in ("tb-125.docx", "cv-3653.docx", "tb-88.txt"):
        entry = entries[name]
        assert entry["result"] == "imported"
        assert entry["check"] == []          # the real check found nothing wrong
        assert (project / entry["target"]).is_file()
    assert entries["tb-125.docx"]["target"].startswith("notices/2024/125-tb-vpubnd-")
    assert entries["tb-125.docx"]["fields"]["number"] == {
        "value": "125/TB-VPUBND", "evidence": "Số: 125/TB-VPUBND", "line": 5}
    assert "đã nhập 3/6 tệp; 3 tệp không nhập được" in result.stderr
    check = cli(project, "check")
    assert check.returncode == 0, check.stdout


def test_never_overwrites_without_force(batch, tmp_path):
    project, originals = batch
    single = originals / "tb-88.txt"
    assert cli(project, "import", str(single)).returncode == 0
    [written] = (project / "notices" / "2024").glob("88-tb-vpubnd-*.md")
    written.write_text(written.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    again = cli(project, "import", str(single))
    assert again.returncode == 1
    assert "không ghi đè" in again.stdout
    assert "Sửa tay." in written.read_text(encoding="utf-8")
    forced = cli(project, "import", str(single), "--force")
    assert forced.returncode == 0, forced.stdout
    assert "Sửa tay." not in written.read_text(encoding="utf-8")


def test_same_number_already_in_archive_under_another_name(batch):
    project, originals = batch
    single = originals / "tb-88.txt"
    assert cli(project, "import", str(single)).returncode == 0
    [written] = (project / "notices" / "2024").glob("88-tb-vpubnd-*.md")
    moved = written.with_name("ten-khac.md")
    written.rename(moved)
    again = cli(project, "import", str(single), "--json")
    assert again.returncode == 1
    [entry] = json.loads(again.stdout)
    assert entry["result"] == "exists" and entry["target"] == "notices/2024/ten-khac.md"


def test_text_report_lists_evidence_and_missing(tmp_path):
    project = copy_project(tmp_path / "project", notices=False)
    draft = tmp_path / "du-thao.txt"
    draft.write_text(ORIGINAL.replace("Số: 88/TB-VPUBND", "Số:      /TB-VPUBND")
                     .replace("ngày 15 tháng 3 năm 2024", "ngày    tháng    năm 2024"),
                     encoding="utf-8")
    result = cli(project, "import", str(draft))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[dự thảo]" in out
    assert "CẦN NGƯỜI BỔ SUNG: number (số, ký hiệu), date (ngày ban hành)" in out
    assert ("issuer (cơ quan ban hành) = Văn phòng UBND tỉnh Hậu Giang\n"
            "      ← dòng 1: «UBND TỈNH HẬU GIANG / VĂN PHÒNG»") in out
    assert "check: đạt" in out
    [written] = (project / "notices" / "2024").glob("du-thao-*.md")
    assert "status: draft" in written.read_text(encoding="utf-8")


def test_unsupported_or_missing_file_is_reported(tmp_path):
    project = copy_project(tmp_path / "project", notices=False)
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "cu.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    result = cli(project, "import", str(tmp_path / "cu.doc"), str(tmp_path / "cu.wps"),
                 str(tmp_path / "khong-co.txt"))
    assert result.returncode == 1
    assert "không phải tệp Word .doc" in result.stdout
    assert "chỉ nhận .docx, .doc, .txt, .pdf" in result.stdout
    assert "không đọc được tệp" in result.stdout
    assert "Traceback" not in result.stderr


def test_imported_notices_build_into_the_site(batch):
    """The notices import writes go through the real pipeline and mkdocs build."""
    project, originals = batch
    cli(project, "import", str(originals))
    build = cli(project, "build", "--profile", "internal", "--strict")
    assert build.returncode == 0, build.stderr
    page = (project / "site" / "2024" / "125-tb-vpubnd" / "index.html").read_text(encoding="utf-8")
    assert "<strong>khẩn trương</strong>" in page
    assert "<em>hoàn thành trước ngày 30/9/2024</em>" in page
    assert "Lưu Ngọc Đông" in page


def test_a_draft_that_fails_check_names_exactly_what_is_missing(tmp_path):
    """Nothing recognisable: every check error is a field the report lists, and the notice is
    not left in the archive (it would stop `build`); the exit status says so."""
    project = copy_project(tmp_path / "project", notices=False)
    note = tmp_path / "ghi-chep.txt"
    note.write_text("Ghi chép cuộc họp giao ban sáng thứ hai (*).\n\n"
                    "Các phòng báo cáo tiến độ công việc trong tuần.\n", encoding="utf-8")
    result = cli(project, "import", str(note), "--json")
    assert result.returncode == 1, result.stderr
    [entry] = json.loads(result.stdout)
    assert entry["status"] == "draft" and entry["result"] == "withdrawn"
    assert entry["missing"] == ["number", "type", "title", "issuer", "place", "date", "signer",
                                "recipients"]
    assert entry["check"], "a notice without title and type cannot pass check"
    for problem in entry["check"]:
        assert any(f'"{field}"' in problem for field in entry["missing"]), problem
    assert not (project / entry["target"]).exists()
    assert cli(project, "build", "--profile", "internal").returncode == 0
