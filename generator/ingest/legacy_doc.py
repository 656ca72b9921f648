"""Old Word `.doc` (Word 97-2003) → `.docx` bytes through LibreOffice headless.

LibreOffice reads the binary format faithfully (tables, bold, numbering), and the result goes
through the same .docx reader as any Word original. It runs with a throw-away user profile (a
running LibreOffice of the user's would otherwise lock it), no macros, and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .lines import SourceProblem

TIMEOUT = 120
INSTALL_HINT = ("cài LibreOffice: sudo apt-get install libreoffice-writer-nogui (hoặc mở tệp "
                "bằng Word và lưu lại thành .docx)")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_to_docx(path: Path) -> tuple[bytes, str]:
    """The .docx bytes of an old .doc, and a note for the report."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2 compound file: every real .doc
        raise SourceProblem("không phải tệp Word .doc (97-2003) hợp lệ: tệp bị hỏng hoặc đổi đuôi")
    exe = _soffice()
    if not exe:
        raise SourceProblem(f"tệp .doc cũ cần LibreOffice để chuyển đổi: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="na-doc-") as tmp:
        work = Path(tmp)
        source = work / "original.doc"
        shutil.copyfile(path, source)  # a plain name: LibreOffice reads odd names badly
        try:
            done = subprocess.run(
                [exe, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                 "--norestore", "--nologo", "--convert-to", "docx", "--outdir", str(work / "out"),
                 str(source)],
                capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise SourceProblem(f"LibreOffice chuyển đổi tệp .doc quá {TIMEOUT} giây: bỏ qua") \
                from None
        except OSError as exc:
            raise SourceProblem(f"không chạy được LibreOffice ({exc}): {INSTALL_HINT}") from None
        out = work / "out" / "original.docx"
        if done.returncode != 0 or not out.exists():
            raise SourceProblem("LibreOffice không chuyển được tệp .doc (tệp bị hỏng?): "
                                + done.stderr.decode("utf-8", "replace").strip()[-200:])
        return out.read_bytes(), "tệp Word .doc cũ đã chuyển sang .docx bằng LibreOffice"
