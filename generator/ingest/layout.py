"""Rebuild an original's lines from positioned words (a PDF's text layer, or OCR output).

The order in which a PDF or Tesseract hands out words is not the reading order of a Decree 30
document: the header is two columns (issuing body | national motto, Số | place-date) and so is
the closing (Nơi nhận | signing block). Lines are therefore rebuilt from the words' boxes:

1. words whose vertical extents overlap are one visual line, read left to right;
2. a visual line is cut into two cells where one gap is far wider than its other gaps
   (justified body text stretches every gap alike; a column gap stands alone);
3. a run of lines that are cut in two, or that sit wholly on one side of the text column,
   is a two-column band: its left cells are read first, then its right cells, as the
   `Line.cell`s of one table, exactly as a Word table or a tab-separated .txt is read;
4. body lines start a new block (paragraph) at a first-line indent, a wider vertical gap, or
   after a short line that ends a sentence; a page break does not end a paragraph;
5. running headers, footers and page numbers (short lines in the top or bottom margin that
   are page numbers or repeat on other pages) are dropped, and a word hyphenated across two
   lines is joined.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field, replace

from ..text import nfc
from .lines import Line, Run


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False
    italic: bool = False
    confidence: float | None = None   # OCR only, 0-100


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]
    ocr: bool = False
    confidence: float | None = None     # mean word confidence of an OCRed page, 0-100
    skew: float = 0.0                   # degrees an OCRed page was levelled by
    confirmed: int = 0                  # weak OCR words a second reading confirmed


@dataclass
class _Visual:
    page: int
    words: list[Word]
    segments: list[list[Word]] = field(default_factory=list)
    # Where the line began on the page when its first word (the end of a hyphenated one) was
    # moved up: the rest of the line is not an indented first line of a new paragraph.
    start: float | None = None

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0 if self.start is None else self.start

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return statistics.median(w.bottom - w.top for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*(?:/|trên)\s*\d{1,4})?[-–—\s]*$",
                          re.IGNORECASE)
_FINAL = tuple(".;:!?…\"”)»")
WEAK_CONFIDENCE = 80  # an OCR word below this is kept as weak on its line, for plausibility
HEAD_LINES = 12       # the header block's lines are among the first visual lines of page 1
_CLOSING = re.compile(r"/\.\s*$|\bn[ơo]i\s+nh[ậa]n\b|^(?:KT|TL|TM|TUQ|Q)\.\s", re.IGNORECASE)


def _visual_lines(page: Page, index: int) -> list[_Visual]:
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: (w.top, w.x0))
    lines: list[_Visual] = []
    for w in words:
        mid = (w.top + w.bottom) / 2
        for line in reversed(lines[-3:]):  # a word joins the line its middle is close to
            centre = statistics.median((x.top + x.bottom) / 2 for x in line.words)
            if abs(centre - mid) < 0.5 * max(w.bottom - w.top, line.height):
                line.words.append(w)
                break
        else:
            lines.append(_Visual(index, [w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda l: l.top)
    return lines


def _speck(word: Word) -> bool:
    """An OCR word that is a speck, not text: no letter or digit, or one unsure letter."""
    text = word.text
    if len(text) == 1 and (unicodedata.category(text) in ("Lm", "Sk") or not text.isascii()
                           and text.isupper() and text not in "ÝỞ"):
        return True  # "ˆ", "Ấ", "Ă": one accented capital is no word ("Ý kiến" aside)
    alnum = sum(c.isalnum() for c in text)
    if alnum == 0:
        return word.text not in ("-", "–", "+", "•") or (word.confidence or 0) < 50
    return alnum == 1 and len(word.text) <= 2 and (word.confidence or 0) < 60 \
        and not word.text[0].isdigit()


def _segments(line: _Visual) -> list[list[Word]]:
    """Cut a visual line at a gap much wider than its other gaps (a column gap)."""
    words = line.words
    if len(words) < 2:
        return [words]
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    size = line.height
    typical = statistics.median(gaps)
    # A Decree 30 page has two columns at most: cut only at the widest gap, when it stands out
    # (OCR drops the dashes of the motto, which leaves wide gaps inside it too).
    widest = max(range(len(gaps)), key=lambda k: gaps[k])
    if gaps[widest] > max(0.6 * size, 2.5 * typical):
        return [words[:widest + 1], words[widest + 1:]]
    return [words]


def _running_lines(visuals: list[_Visual], pages: list[Page]) -> set[int]:
    """Indexes of page numbers and running headers/footers: short lines in a page's margin
    zone that are page numbers or repeat (digits aside) on another page."""
    def key(v: _Visual) -> str:
        return re.sub(r"\d+", "#", v.text.casefold())
    zone = {}
    for i, v in enumerate(visuals):
        height = pages[v.page].height
        if (v.top < 0.1 * height or v.bottom > 0.9 * height) and len(v.text) < 90:
            zone[i] = key(v)
    counts: dict[str, set[int]] = {}
    for i, k in zone.items():
        counts.setdefault(k, set()).add(visuals[i].page)
    drop = set()
    for i, k in zone.items():
        if _PAGE_NUMBER.match(visuals[i].text) or (len(counts[k]) > 1 and len(pages) > 1):
            drop.add(i)
    return drop


def _runs(words: list[Word]) -> list[Run]:
    runs: list[Run] = []
    for w in words:
        text = w.text
        if runs and (runs[-1].bold, runs[-1].italic) == (w.bold, w.italic):
            runs[-1] = Run(runs[-1].text + " " + text, w.bold, w.italic)
        else:
            if runs:
                text = " " + text
            runs.append(Run(text, w.bold, w.italic))
    return runs


def _weak(words: list[Word]) -> tuple[tuple[str, float], ...]:
    return tuple((nfc(w.text), w.confidence) for w in words
                 if w.confidence is not None and 0 <= w.confidence < WEAK_CONFIDENCE)


def _same_scale(pages: list[Page]) -> list[Page]:
    """Every page in the first page's units: a PDF's text pages are in points, its OCRed pages
    in pixels, and the column geometry below is measured over all pages together."""
    base = pages[0].width if pages else 0
    out = []
    for page in pages:
        k = base / page.width if page.width else 1.0
        if abs(k - 1) < 0.01:
            out.append(page)
            continue
        words = [replace(w, x0=w.x0 * k, x1=w.x1 * k, top=w.top * k, bottom=w.bottom * k)
                 for w in page.words]
        out.append(replace(page, width=base, height=page.height * k, words=words))
    return out


def lines_from_pages(pages: list[Page]) -> list[Line]:
    pages = _same_scale(pages)
    visuals: list[_Visual] = []
    for index, page in enumerate(pages):
        found = _visual_lines(page, index)
        if page.ocr:  # specks and rules read as "í", "ˆ Ấ", "- -": no word of two characters
            for v in found:
                v.words = [w for w in v.words if not _speck(w)]
            found = [v for v in found if v.words and
                     any(sum(c.isalnum() for c in w.text) >= 2 for w in v.words)]
        visuals.extend(found)
    drop = _running_lines(visuals, pages)
    visuals = [v for i, v in enumerate(visuals) if i not in drop]
    if not visuals:
        return []
    _join_hyphenated(visuals)
    visuals = [v for v in visuals if v.words]
    for v in visuals:
        v.segments = _segments(v)
    # The text column: where most lines start and end, per page size.
    left = statistics.median_low(round(v.x0) for v in visuals)
    right = max(v.x1 for v in visuals)
    right = statistics.median_high([round(v.x1) for v in visuals if v.x1 > left + 0.6 * (right - left)]
                                   or [round(right)])
    middle = (left + right) / 2
    size = statistics.median(v.height for v in visuals)

    def columns_split(segments: list[list[Word]]) -> bool:
        """Two cells that are the two columns of a Decree 30 header or closing."""
        return len(segments) == 2 and segments[0][-1].x1 < middle + size \
            and segments[1][0].x0 > middle - 4 * size

    def side(words: list[Word]) -> int | None:
        """0 or 1 when the words lie wholly in the left or right half of the text column."""
        x0, x1 = words[0].x0, words[-1].x1
        if x1 < middle + 0.5 * size:
            return 0
        if x0 > middle - 0.5 * size:
            return 1
        return None

    out: list[Line] = []
    block = 0
    table = 0
    i = 0
    closing = False
    prev: _Visual | None = None
    while i < len(visuals):
        v = visuals[i]
        closing = closing or bool(_CLOSING.search(v.text))
        if len(v.segments) > 1 and not (columns_split(v.segments) and (
                i < HEAD_LINES and v.page == visuals[0].page or closing)):
            # A wide gap inside body text, not two columns: in a Decree 30 document only the
            # header and the closing (after the final "./.", or from "Nơi nhận") have two.
            v.segments = [v.words]
        starts_band = len(v.segments) == 2 or len(v.segments) == 1 and side(v.words) == 1
        if starts_band:
            table += 1
            columns: dict[int, list[tuple[int, list[Word]]]] = {0: [], 1: []}
            j = i
            while j < len(visuals):
                w = visuals[j]
                # Two cells are the two columns, whatever their widths (the motto's column
                # is the wider one); a single cell must lie wholly on one side.
                sides = [0, 1] if columns_split(w.segments) else [side(s) for s in w.segments]
                if len(w.segments) > 2 or None in sides:
                    break
                if j > i and w.page == visuals[j - 1].page and \
                        w.top - visuals[j - 1].bottom > 5 * size and sides == [0]:
                    break  # a left-only line far below: the band is over
                for seg, s in zip(w.segments, sides):
                    columns[s].append((j, seg))
                j += 1
            block += 1
            for col in (0, 1):
                for j_line, seg in columns[col]:
                    out.append(Line(_runs(seg), block * 10 + col, (table, 0, col),
                                    weak=_weak(seg)))
            prev = None
            i = j
            continue
        if prev is None or _new_paragraph(prev, v, left, right, size):
            block += 1
        out.append(Line(_runs(v.words), block * 10, weak=_weak(v.words)))
        prev = v
        i += 1
    for line in out:
        line.runs = [Run(nfc(r.text), r.bold, r.italic) for r in line.runs]
    return out


def _centered(v: _Visual, left: float, right: float, size: float) -> bool:
    return v.x0 > left + size and abs((v.x0 + v.x1) / 2 - (left + right) / 2) < 1.5 * size


def _new_paragraph(prev: _Visual, v: _Visual, left: float, right: float, size: float) -> bool:
    if _centered(prev, left, right, size) and _centered(v, left, right, size):
        return v.page == prev.page and v.top - prev.bottom > 1.2 * size
    if v.x0 > left + 0.8 * size:                         # first-line indent
        return True
    if v.page == prev.page and v.top - prev.bottom > 1.1 * size:   # paragraph spacing
        return True
    short = prev.x1 < right - 3 * size
    # A ";" ends an item of an enumeration, not the paragraph: a short line ending in one is
    # followed by the item's continuation as often as by the next item (which is indented).
    return short and prev.text.rstrip().endswith(_FINAL) and not prev.text.rstrip().endswith(";")


def _join_hyphenated(visuals: list[_Visual]) -> None:
    """"chuyển đổi kỹ thuật-" / "số" is one word: move the continuation up to the end."""
    for a, b in zip(visuals, visuals[1:]):
        if not a.words or not b.words:
            continue
        last, first = a.words[-1], b.words[0]
        if re.search(r"[a-zà-ỹđ]-$", last.text) and first.text[:1].islower() \
                and len(first.text) > 1:
            # One word in one style: a PDF splits it where the font changes, so either half
            # may alone carry the bold or italic face. An unsure OCR half makes it unsure.
            sure = [c for c in (last.confidence, first.confidence) if c is not None]
            a.words[-1] = Word(last.text[:-1] + first.text, last.x0, last.x1 + first.x1 - first.x0,
                               last.top, last.bottom, last.bold or first.bold,
                               last.italic or first.italic, min(sure) if sure else None)
            b.start = b.x0
            b.words.pop(0)
