"""Tesseract OCR of one page image → positioned words with confidences.

Tesseract is called as a program (Debian's `tesseract-ocr` with `tesseract-ocr-vie`), not
through a Python binding: its TSV output already carries each word's box and confidence, which
is all the layout step needs, and a subprocess keeps a crash or a runaway page out of the
importer (it is killed after a time limit).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile

from .layout import Page, Word
from .lines import SourceProblem

OCR_DPI = 300
OCR_TIMEOUT = 180           # seconds for one page
LANGUAGE = "vie"
INSTALL_HINT = ("cài Tesseract và mô hình tiếng Việt: sudo apt-get install tesseract-ocr "
                "tesseract-ocr-vie")


def tesseract_problem() -> str | None:
    """Why OCR cannot run here (in Vietnamese), or None when it can."""
    exe = shutil.which("tesseract")
    if not exe:
        return f"không có Tesseract để nhận dạng chữ (OCR) trang ảnh: {INSTALL_HINT}"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                               timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return f"không chạy được Tesseract: {INSTALL_HINT}"
    if LANGUAGE not in langs:
        return f"Tesseract thiếu mô hình tiếng Việt (vie): {INSTALL_HINT}"
    return None


def ocr_image(image, dpi: int = OCR_DPI) -> Page:
    """OCR a PIL image; returns the page in pixel coordinates with its mean confidence."""
    problem = tesseract_problem()
    if problem:
        raise SourceProblem(problem)
    with tempfile.TemporaryDirectory(prefix="na-ocr-") as tmp:
        png = os.path.join(tmp, "page.png")
        image.save(png, dpi=(dpi, dpi))
        env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core: the machine is shared
        try:
            done = subprocess.run(
                ["tesseract", png, "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(dpi),
                 "-c", "preserve_interword_spaces=0", "tsv"],
                capture_output=True, timeout=OCR_TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            raise SourceProblem(f"nhận dạng chữ (OCR) một trang quá {OCR_TIMEOUT} giây") from None
        if done.returncode != 0:
            raise SourceProblem("Tesseract không nhận dạng được trang: "
                                + done.stderr.decode("utf-8", "replace").strip()[-200:])
    words: list[Word] = []
    confidences: list[float] = []
    reader = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")),
                            delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            left, top = int(row["left"]), int(row["top"])
            width, height = int(row["width"]), int(row["height"])
            conf = float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue
        words.append(Word(text, left, left + width, top, top + height, confidence=conf))
        if conf >= 0:
            confidences.append(conf)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return Page(image.width, image.height, words, ocr=True, confidence=round(mean, 1))
