"""Tesseract OCR of one page image → positioned words with confidences.

Tesseract is called as a program (Debian's `tesseract-ocr` with `tesseract-ocr-vie`), not
through a Python binding: its TSV output already carries each word's box and confidence, which
is all the layout step needs, and a subprocess keeps a crash or a runaway page out of the
importer (it is killed after a time limit).
"""

from __future__ import annotations

import csv
import io
import math
import os
import statistics
import shutil
import subprocess
import tempfile
from dataclasses import replace

from .layout import Page, Word
from .lines import SourceProblem

OCR_DPI = 300
OCR_TIMEOUT = 180           # seconds for one page
LANGUAGE = "vie"
MIN_SKEW_DEGREES = 0.1     # below this the layout's line grouping absorbs the slope
# How a skewed page is levelled: "lines" (word boxes levelled by the slope of Tesseract's own
# lines, no second pass), "profile" (the image turned by a projection-profile estimate before
# recognition), "both", or "none". Measured side by side in docs/handbook/development/import.md.
DESKEW = "lines"
DENOISE = True             # a 3×3 median filter before recognition (see ocr_image)
REREAD = True              # weak words read twice more, alone and in their line (reread_weak)
REREAD_AT = 80.0           # words under this confidence are read again (plausible.OCR_DOUBT)
REREAD_SURE = 90.0         # one second reading this sure confirms (else both at REREAD_AT)
REREAD_MAX = 40            # at most this many words a page are read again
REREAD_SCALE = 1.5         # how much the second reading enlarges a word
REREAD_PAD = 0.35          # margin around the words cut out, in word heights
REREAD_REACH = 1.5         # inches of its line either side of a word read with it
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


def at_ocr_resolution(image, dpi: float | None):
    """The image scaled to about 300 dpi, and that dpi: Tesseract's models are trained on text
    of that size, and 200 dpi scans or phone photos lose diacritics below it.

    A stated dpi is trusted when it fits a paper page (A5 to A3); otherwise the page is taken
    to be A4 wide (210 mm), the paper of almost every Decree 30 document."""
    inches = image.width / dpi if dpi else 0
    if not dpi or not 5.5 <= inches <= 12:
        dpi = image.width / (210 / 25.4)
    if dpi < 0.85 * OCR_DPI or dpi > 1.5 * OCR_DPI:
        scale = OCR_DPI / dpi
        from PIL import Image
        image = image.resize((max(1, round(image.width * scale)),
                              max(1, round(image.height * scale))), Image.LANCZOS)
        dpi = OCR_DPI
    return image, int(round(dpi))


def ocr_image(image, dpi: int = OCR_DPI, denoise: bool = True) -> Page:
    """OCR a PIL image; returns the page in pixel coordinates with its mean confidence."""
    problem = tesseract_problem()
    if problem:
        raise SourceProblem(problem)
    raw = image
    if DENOISE and denoise:
        # Toner specks and JPEG noise of a 300 dpi scan read as letters and pull the words
        # around them under OCR_DOUBT; a 3×3 median removes them and keeps strokes and
        # diacritics (several pixels wide at 300 dpi). Not on an image upscaled to 300 dpi
        # (callers say so): there it ate parts of diacritics ("dịp" → "địp"). See import.md.
        from PIL import ImageFilter
        image = image.convert("L").filter(ImageFilter.MedianFilter(3))
    turned = 0.0
    if DESKEW in ("profile", "both"):
        turned = profile_angle(image)
        if turned:
            from PIL import Image
            image = image.convert("L").rotate(turned, resample=Image.BICUBIC, fillcolor=255)
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
    line_of: list[tuple[str, str, str]] = []
    confidences: list[float] = []
    for row, text in _word_rows(done.stdout):
        try:
            left, top = int(row["left"]), int(row["top"])
            width, height = int(row["width"]), int(row["height"])
            conf = float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue
        words.append(Word(text, left, left + width, top, top + height, confidence=conf))
        line_of.append((row.get("block_num"), row.get("par_num"), row.get("line_num")))
        if conf >= 0:
            confidences.append(conf)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    confirmed = 0
    if REREAD and not turned:
        words, confirmed = reread_weak(raw, words, dpi, line_of)
    slope = skew_slope(words, line_of, image.width) if DESKEW in ("lines", "both") else 0.0
    if slope:
        words = level_words(words, slope, image.width / 2)
    return Page(image.width, image.height, words, ocr=True, confidence=round(mean, 1),
                skew=round(math.degrees(math.atan(slope)), 2) + turned, confirmed=confirmed)


_QUOTES = "\"'“”‘’`´^_"


def reread_weak(image, words: list[Word], dpi: int,
                line_of: list | None = None) -> tuple[list[Word], int]:
    """Words read under REREAD_AT, read twice more, each time differently from the first
    pass (whole page, median-filtered, `--psm 3`): cut out of the page *before* the filter
    and read as one line (`--psm 7`), once alone and enlarged REREAD_SCALE times, once at
    page scale with its neighbours on the same Tesseract line (within REREAD_REACH inches),
    where the language model reads "BGDĐT" in context. A word is confirmed only when both
    readings give exactly one token over its box, both the same text as the first pass, and
    one of them at REREAD_SURE or more or both at REREAD_AT or more; it then keeps the higher
    confidence. The two readings do err on their own: on the bench the lone one read "2005;"
    at 92% where the line reading (and the page) said "2003;", and "VX." where the first pass
    and the line reading said "VÀ." — each such word stays weak. Otherwise it stays
    weak, for plausibility to flag: a second reading that differs by one letter leaves it in
    doubt. A number read at 51% and twice more character for character is no longer in doubt.

    All crops go to one Tesseract run (a list of images), so the model is loaded once."""
    weak = [k for k, w in enumerate(words) if w.confidence is not None and
            0 <= w.confidence < REREAD_AT and sum(c.isalnum() for c in w.text) >= 2]
    if not weak:
        return words, 0
    weak = sorted(weak, key=lambda k: words[k].confidence)[:REREAD_MAX]
    from PIL import Image
    grey = image.convert("L")
    keys = line_of or [None] * len(words)
    crops: list[tuple[int, float, float]] = []     # (weak word, left in page pixels, scale)
    border = 20
    with tempfile.TemporaryDirectory(prefix="na-ocr2-") as tmp:
        paths = []
        for k in weak:
            w = words[k]
            centre = (w.x0 + w.x1) / 2
            near = [v for v, key in zip(words, keys) if v is w or key is not None and
                    key == keys[k] and abs((v.x0 + v.x1) / 2 - centre) <= REREAD_REACH * dpi]
            for group, scale in (([w], REREAD_SCALE), (near, 1.0)):
                pad = REREAD_PAD * (w.bottom - w.top)
                left = max(0, int(min(v.x0 for v in group) - pad))
                top = max(0, int(min(v.top for v in group) - pad))
                right = min(grey.width, int(max(v.x1 for v in group) + pad) + 1)
                bottom = min(grey.height, int(max(v.bottom for v in group) + pad) + 1)
                crop = grey.crop((left, top, right, bottom))
                if scale != 1.0:
                    crop = crop.resize((max(1, round(crop.width * scale)),
                                        max(1, round(crop.height * scale))), Image.LANCZOS)
                # A white border: Tesseract reads a word touching the image edge badly.
                framed = Image.new("L", (crop.width + 2 * border, crop.height + 2 * border), 255)
                framed.paste(crop, (border, border))
                path = os.path.join(tmp, f"w{len(paths)}.png")
                framed.save(path, dpi=(round(dpi * scale),) * 2)
                paths.append(path)
                crops.append((k, left, scale))
        listing = os.path.join(tmp, "list.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(paths) + "\n")
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            done = subprocess.run(["tesseract", listing, "stdout", "-l", LANGUAGE, "--psm", "7",
                                   "tsv"], capture_output=True, timeout=OCR_TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            return words, 0
        if done.returncode != 0:
            return words, 0
    readings: dict[int, list[tuple[str, float, float]]] = {}   # crop → (text, conf, page x)
    for row, text in _word_rows(done.stdout):
        try:
            n, conf = int(row["page_num"]) - 1, float(row["conf"])
            middle = int(row["left"]) + int(row["width"]) / 2
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= n < len(crops):
            _, left, scale = crops[n]
            readings.setdefault(n, []).append((text, conf, left + (middle - border) / scale))
    out, confirmed = list(words), 0
    for i, k in enumerate(weak):
        w = words[k]
        seen = [[(t, c) for t, c, x in readings.get(n, []) if w.x0 <= x <= w.x1]
                for n in (2 * i, 2 * i + 1)]
        # A speck at the crop's edge reads as a quote glued on ('"TRƯỞNG'): not the word's.
        if all(len(s) == 1 and s[0][0].strip(_QUOTES) == w.text.strip(_QUOTES)
               for s in seen) and (
                max(s[0][1] for s in seen) >= REREAD_SURE or
                min(s[0][1] for s in seen) >= REREAD_AT):
            out[k] = replace(w, confidence=max(s[0][1] for s in seen))
            confirmed += 1
    return out, confirmed


def _word_rows(stdout: bytes):
    """Tesseract's TSV rows of words (level 5) that read something, with their stripped text."""
    reader = csv.DictReader(io.StringIO(stdout.decode("utf-8", "replace")),
                            delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            yield row, text


def profile_angle(image, limit: float = 2.0, step: float = 0.1) -> float:
    """The rotation (degrees) that levels the page, by projection profile: on a level page
    the rows of text and the gaps between them make the row sums vary most. Measured on a
    copy about 600 pixels wide; each candidate's row means come from PIL's box resize."""
    from PIL import Image
    grey = image.convert("L")
    k = 600 / grey.width if grey.width > 600 else 1.0
    small = grey.resize((max(1, round(grey.width * k)), max(1, round(grey.height * k))),
                        Image.BOX).point(lambda v: 255 if v < 160 else 0)   # ink = 255

    def spread(angle: float) -> float:
        rows = list(small.rotate(angle, resample=Image.BILINEAR).resize(
            (1, small.height), Image.BOX).getdata())
        mean = sum(rows) / len(rows)
        return sum((r - mean) ** 2 for r in rows)

    # Coarse then fine: every half degree, then every `step` around the best.
    coarse = max((k * 0.5 for k in range(-int(limit * 2), int(limit * 2) + 1)), key=spread)
    best = max((coarse + k * step for k in range(-4, 5)), key=spread)
    return round(best, 2) if abs(best) >= MIN_SKEW_DEGREES else 0.0


def skew_slope(words: list[Word], line_of: list, width: float) -> float:
    """The page's skew as dy/dx, from the lines Tesseract itself found.

    Tesseract follows a line of text across a skewed page (it finds lines by their baselines),
    so the words it puts on one line show the slope; their median over the long lines is the
    page's. Rotating the image instead would cost a second recognition of every page."""
    lines: dict[tuple, list[Word]] = {}
    for word, key in zip(words, line_of):
        lines.setdefault(key, []).append(word)
    slopes = []
    for members in lines.values():
        if len(members) < 4 or members[-1].x1 - members[0].x0 < 0.3 * width:
            continue
        xs = [(w.x0 + w.x1) / 2 for w in members]
        ys = [w.bottom for w in members]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        var = sum((x - mx) ** 2 for x in xs)
        if var:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var)
    if len(slopes) < 3:
        return 0.0
    slope = statistics.median(slopes)
    return slope if abs(slope) > math.tan(math.radians(MIN_SKEW_DEGREES)) else 0.0


def level_words(words: list[Word], slope: float, centre: float) -> list[Word]:
    """Words with their vertical positions as on a page rotated level about its centre."""
    out = []
    for w in words:
        shift = slope * ((w.x0 + w.x1) / 2 - centre)
        out.append(Word(w.text, w.x0, w.x1, w.top - shift, w.bottom - shift, w.bold, w.italic,
                        w.confidence))
    return out
