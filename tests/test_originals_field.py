"""The `original:` front-matter field: where the file may be, and who may see it."""

from __future__ import annotations

import os

from conftest import ROOT, cli, copy_project

NOTICE = ROOT / "notices" / "2024" / "ket-luan-to-cong-tac-de-an-06-quy-i-2024.md"


def _with_original(project, value: str) -> None:
    path = project / "notices" / "2024" / NOTICE.name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nstatus: ", f'\noriginal: "{value}"\nstatus: ', 1),
                    encoding="utf-8")


def test_paths_that_leave_the_repository_are_refused(tmp_path):
    project = copy_project(tmp_path / "p")
    _with_original(project, "../ngoai-kho.pdf")
    result = cli(project, "check")
    assert result.returncode == 1 and "NA420" in result.stdout and "original" in result.stdout

    project = copy_project(tmp_path / "q")
    (project / "originals").mkdir()
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 outside")
    os.symlink(secret, project / "originals" / "98.pdf")
    _with_original(project, "originals/98.pdf")
    result = cli(project, "check")
    assert result.returncode == 1 and "NA421" in result.stdout and "ngoài kho" in result.stdout
    assert cli(project, "build").returncode != 0
    assert not (project / "site").exists() or not list((project / "site").rglob("ban-goc*"))


def test_public_original_is_published_in_both_builds(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "originals" / "2024").mkdir(parents=True)
    (project / "originals" / "2024" / "98.pdf").write_bytes(b"%PDF-1.4 the signed original")
    _with_original(project, "originals/2024/98.pdf")
    assert cli(project, "check").returncode == 0
    for profile in ("public", "internal"):
        cli(project, "build", "--profile", profile, check=True)
        page = project / "site" / "2024" / "98-tb-vpubnd"
        assert (page / "ban-goc.pdf").read_bytes() == b"%PDF-1.4 the signed original"
        assert 'href="ban-goc.pdf"' in (page / "index.html").read_text(encoding="utf-8")
    (project / "originals" / "2024" / "98.pdf").unlink()
    result = cli(project, "check")
    assert result.returncode == 1 and "NA421" in result.stdout
