"""PDF and scanned originals: the text layer rebuilt from positions, real Tesseract OCR on a
scan, bad input refused with a clear message, and --keep-original published by profile."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, cli, copy_project, require_tools

from generator.ingest.lines import SourceProblem
from generator.ingest.sources import read_source

HERE = Path(__file__).parent / "originals"
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """One sample notice printed through the site's print layout by headless Chromium."""
    import import_accuracy as bench
    if not bench.chromium():
        require_tools("chromium", package="chromium")
    work = tmp_path_factory.mktemp("printed")
    project = bench.build_site(work)
    notice = next(n for n in bench.published_notices(project) if n.number == "98/TB-VPUBND")
    pdf = work / "98.pdf"
    bench.print_pdf(bench.page_url(project, notice), pdf, work / "chromium")
    return notice, pdf, project


@pytest.mark.browser
def test_printed_pdf_comes_back(printed):
    import import_accuracy as bench
    from generator.load.loader import load_topics
    from generator.validate.topics import build_topics
    notice, pdf, project = printed
    topics = build_topics(load_topics(project / "notices", project))[0]
    result = bench.compare(notice, bench.import_file(pdf, topics))
    for field in bench.FIELDS:
        assert result[field][0], (field, result[field])
    assert result["body"] >= 0.98


@pytest.mark.browser
def test_scanned_page_through_real_tesseract(printed, tmp_path):
    require_tools("tesseract", package="tesseract-ocr tesseract-ocr-vie")
    import import_accuracy as bench
    from generator.load.loader import load_topics
    from generator.validate.topics import build_topics
    notice, pdf, project = printed
    first = tmp_path / "first.pdf"
    subprocess.run(["pdfseparate", "-f", "1", "-l", "1", str(pdf), str(first)], check=True)
    scanned = tmp_path / "scan.pdf"
    bench.scan_pdf(first, scanned)
    source = read_source(scanned)
    assert source.ocr and any("OCR" in n for n in source.notes)
    topics = build_topics(load_topics(project / "notices", project))[0]
    data = bench.import_file(scanned, topics).data
    assert data["number"] == notice.number and data["date"] == notice.date
    assert bench.char_accuracy(notice.title, data["title"]) >= 0.95


def test_image_over_the_pixel_limit_is_refused(tmp_path):
    from PIL import Image
    big = tmp_path / "to.png"
    Image.new("1", (20000, 20000)).save(big)  # 1-bit: small on disk, 400 Mpx decoded
    with pytest.raises(SourceProblem, match="điểm ảnh"):
        read_source(big)


def test_damaged_and_fake_pdfs_are_refused(tmp_path):
    fake = tmp_path / "gia.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(SourceProblem, match="PDF"):
        read_source(fake)
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF garbage")
    with pytest.raises(SourceProblem):
        read_source(broken)


def _written(writer, path: Path) -> Path:
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.browser
def test_password_protected_pdf_is_refused(printed, tmp_path):
    from pypdf import PdfReader, PdfWriter
    _, pdf, _ = printed
    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.encrypt(user_password="mat-khau", owner_password="chu")
    locked = _written(writer, tmp_path / "khoa.pdf")
    with pytest.raises(SourceProblem, match="mật khẩu"):
        read_source(locked)


@pytest.mark.browser
def test_page_limit_and_javascript(printed, tmp_path):
    from pypdf import PdfReader, PdfWriter
    from generator.ingest import pdf as pdf_module
    _, pdf, _ = printed
    writer = PdfWriter(clone_from=PdfReader(pdf))
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('x');")})
    writer.add_attachment("kem-theo.txt", b"tep dinh kem")
    source = read_source(_written(writer, tmp_path / "js.pdf"))
    assert any("JavaScript" in n and "tệp đính kèm" in n for n in source.notes)
    assert source.lines  # the text is still read
    many = PdfWriter()
    for _ in range(pdf_module.MAX_PAGES + 1):
        many.add_blank_page(595, 842)
    with pytest.raises(SourceProblem, match="giới hạn"):
        read_source(_written(many, tmp_path / "day.pdf"))


@pytest.mark.browser
def test_keep_original_is_published_by_profile(printed, tmp_path):
    _, pdf, _ = printed
    project = copy_project(tmp_path / "project", notices=False)
    result = cli(project, "import", str(pdf), "--keep-original", "--json")
    [entry] = json.loads(result.stdout)
    assert entry["result"] == "imported", entry
    kept = project / entry["original"]
    assert kept.is_file() and entry["original"].startswith("originals/2024/")
    assert f'original: "{entry["original"]}"' in (project / entry["target"]).read_text("utf-8")
    # Imported notices are internal: the original is in the internal build only.
    cli(project, "build", check=True)
    assert not list((project / "site").rglob("ban-goc.pdf"))
    cli(project, "build", "--profile", "internal", check=True)
    [published] = list((project / "site").rglob("ban-goc.pdf"))
    assert published.read_bytes() == pdf.read_bytes()
    assert "Bản gốc (PDF)" in (published.parent / "index.html").read_text("utf-8")
    kept.unlink()
    check = cli(project, "check")
    assert check.returncode == 1 and "NA421" in check.stdout


def test_decompression_bomb_stays_within_memory(tmp_path, monkeypatch):
    """A page whose content stream inflates to 600 MB: the reader child hits its memory limit
    and the file is refused with a message; this process is unharmed."""
    import zlib
    from generator.ingest import isolate
    monkeypatch.setattr(isolate, "MEMORY_LIMIT", 400 * 1024 ** 2)
    packed = zlib.compressobj(9)
    chunk = b"0 0 m " * (1024 * 1024 // 6)
    stream = b"".join(packed.compress(chunk) for _ in range(600)) + packed.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    bomb = tmp_path / "bom.pdf"
    bomb.write_bytes(bytes(out))
    assert bomb.stat().st_size < 5 * 1024 ** 2
    with pytest.raises(SourceProblem, match="bộ nhớ|bom giải nén"):
        read_source(bomb)


def test_old_word_doc_through_libreoffice(tmp_path):
    require_tools("soffice", package="libreoffice-writer-nogui")
    from test_import_docx import thong_bao_docx
    docx = tmp_path / "tb.docx"
    thong_bao_docx(docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(docx)],
                   check=True, capture_output=True, timeout=180)
    source = read_source(tmp_path / "doc" / "tb.doc")
    assert any("LibreOffice" in n for n in source.notes)
    assert any(line.text.startswith("Số: 125/TB-VPUBND") for line in source.lines)


def test_doc_without_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    from generator.ingest import legacy_doc
    monkeypatch.setattr(legacy_doc, "_soffice", lambda: None)
    doc = tmp_path / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(SourceProblem, match="libreoffice-writer-nogui"):
        read_source(doc)


def test_missing_tesseract_says_how_to_install(tmp_path, monkeypatch):
    from PIL import Image
    from generator.ingest import ocr
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    scan = tmp_path / "scan.png"
    Image.new("L", (100, 100), 255).save(scan)
    with pytest.raises(SourceProblem, match="tesseract-ocr-vie"):
        read_source(scan)


def test_an_open_at_page_destination_is_not_an_action(tmp_path):
    """LibreOffice and Word print PDFs that open at page 1 (an /OpenAction destination array):
    the report must not warn a clerk of JavaScript in every such original."""
    import pdfplumber
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
    from generator.ingest.pdf import _active_content
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([page.indirect_reference,
                                                                  NameObject("/Fit")])
    with pdfplumber.open(_written(writer, tmp_path / "libreoffice.pdf")) as pdf:
        assert _active_content(pdf.doc) == []
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('x');")})
    with pdfplumber.open(_written(writer, tmp_path / "js.pdf")) as pdf:
        assert _active_content(pdf.doc) == ["JavaScript/hành động tự chạy"]
