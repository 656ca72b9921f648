"""Read an original (.txt or .docx) into a neutral list of lines made of bold/italic runs.

A line knows which block it belongs to (a blank-line-separated block of a .txt, a paragraph of a
.docx) and, when it sits in a table, which cell: the header block and the Nơi nhận/signing block
are two-column tables in Word templates, and plain text exported from them puts the columns side
by side with tabs or runs of spaces, which are read as the same two columns.

Word files are read with python-docx rather than mammoth: mammoth converts to HTML (its own
Markdown output is deprecated by its authors), so the header and signing tables would have to be
parsed back out of HTML to know which column a line is in; python-docx gives paragraphs, runs
with bold/italic, table cells and the numbering definitions directly.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..encodings import decode_bytes, fix_legacy_text
from .lines import Line, Run, Source, SourceProblem

MAX_SOURCE_BYTES = 50 * 1024 * 1024
PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = (".txt", ".docx", ".doc") + PDF_SUFFIXES + IMAGE_SUFFIXES
# Characters that copy-paste and PDFs bring along and that only get in the way of reading.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_INVISIBLE.update(dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009"), " "))


def read_source(path: Path, on_progress=None) -> Source:
    """Read one original; `on_progress(page, pages)` follows a PDF or scan page by page."""
    suffix = path.suffix.lower()
    data = _checked(path)
    if suffix in PDF_SUFFIXES + IMAGE_SUFFIXES:
        from .isolate import run_isolated
        del data  # the reader child opens the file itself
        source = run_isolated(read_positioned, path, on_progress=on_progress)
    elif suffix == ".doc":
        from .legacy_doc import doc_to_docx
        converted, note = doc_to_docx(path)
        source = read_docx(path, converted)
        source.notes.insert(0, note)
    else:
        source = read_docx(path, data) if suffix == ".docx" else read_txt(path, data)
    _finish(source)
    return source


def read_page_file(path: Path, on_progress=None) -> tuple[list, list[str]]:
    """The pages of a PDF or scan, read in the isolated reader, to be split into documents."""
    _checked(path)
    from .isolate import run_isolated
    return run_isolated(read_pages, path, on_progress=on_progress)


def _checked(path: Path) -> bytes:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SourceProblem(f"không nhập được tệp {suffix or 'không có đuôi'}: chỉ nhận .docx, "
                            ".doc, .txt, .pdf và ảnh quét .png, .jpg, .tif")
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceProblem(f"tệp lớn {size // (1024 * 1024)} MB, vượt giới hạn "
                                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceProblem(f"không đọc được tệp: {exc.strerror or exc}") from None
    if not data.strip():
        raise SourceProblem("tệp rỗng")
    return data


def read_positioned(path: Path, progress=None) -> Source:
    """A PDF (text layer, OCR for pages without one) or a scanned image → lines by position."""
    pages, notes = read_pages(path, progress)
    kind = "PDF" if path.suffix.lower() in PDF_SUFFIXES else "ảnh quét"
    return source_from_pages(path, pages, notes, kind)


def read_pages(path: Path, progress=None) -> tuple[list, list[str]]:
    """The positioned pages of a PDF or an image (run in the isolated reader), and notes."""
    from .pdf import read_image_pages, read_pdf_pages
    if path.suffix.lower() in PDF_SUFFIXES:
        with path.open("rb") as fh:
            head = fh.read(1024)
        if b"%PDF-" not in head:
            raise SourceProblem("không phải tệp PDF (thiếu phần đầu %PDF-): tệp bị hỏng hoặc "
                                "đổi đuôi")
        return read_pdf_pages(path, progress)
    return read_image_pages(path, progress)


def source_from_pages(path: Path, pages: list, notes: list[str], kind: str) -> Source:
    """Lines rebuilt from positioned pages (one document's), numbered as read_source does."""
    from .layout import lines_from_pages
    from .pdf import low_confidence
    notes = list(notes)
    lines = lines_from_pages(pages)
    low = low_confidence(pages)
    if low:
        notes.append("trang nhận dạng chữ với độ tin cậy thấp: " + ", ".join(map(str, low))
                     + ": cần người đối chiếu với bản gốc")
    confirmed = sum(getattr(p, "confirmed", 0) for p in pages)
    if confirmed:
        notes.append(f"{confirmed} chữ nhận dạng (OCR) chưa chắc được đọc lại lần hai, phóng "
                     "to, và khớp từng ký tự")
    skewed = [f"{p.skew:+.1f}°" for p in pages if abs(getattr(p, "skew", 0.0)) >= 0.1]
    if skewed:
        notes.append("trang quét bị nghiêng, đã chỉnh thẳng: " + ", ".join(skewed))
    ocr = any(p.ocr for p in pages)
    encoding = f"{kind}, {len(pages)} trang" + (", nhận dạng chữ (OCR)" if ocr else ", lớp chữ")
    source = Source(path, lines, encoding, notes, ocr=ocr)
    _finish(source)
    return source


def _finish(source: Source) -> None:
    for i, line in enumerate(source.lines, 1):
        line.number = i
        line.runs = [Run(r.text.translate(_INVISIBLE), r.bold, r.italic) for r in line.runs]
    if not any(line.text for line in source.lines):
        raise SourceProblem("tệp không có nội dung văn bản")


# --- plain text ---------------------------------------------------------------------------
_MARKER = re.compile(r"\*{1,3}")
_GAP = re.compile(r"\t+| {3,}")
_BLANK_TO_FILL = re.compile(r"(?:\bsố\s*:?|\bngày|\btháng)$", re.IGNORECASE)


_LIST_MARKER = re.compile(r"^(?:[\dIVXLC]+|[a-zđ])[.)]?$|^[-+•–*]$")


class _ColumnGap:
    """A wide gap between two columns, not the blank left to fill in "Số:    /TB" or
    "ngày    tháng", nor the tab after a list marker ("1.<tab>Tham mưu …")."""

    @staticmethod
    def search(text: str):
        for m in _GAP.finditer(text):
            left = text[:m.start()].strip()
            if not left or _BLANK_TO_FILL.search(left) or _LIST_MARKER.match(left):
                continue
            if text[m.end():].strip():
                return m
        return None


def _split_at_gap(runs: list[Run]) -> tuple[list[Run], list[Run]] | None:
    """Cut a line's runs at its first column gap into (left, right), or None."""
    text = "".join(r.text for r in runs)
    gap = _COLUMN_GAP.search(text.strip())
    if not gap:
        return None
    cut = len(text) - len(text.lstrip()) + gap.start()
    return split_runs(runs, cut, cut + len(gap.group(0)))


def split_runs(runs: list[Run], cut: int, rest: int) -> tuple[list[Run], list[Run]]:
    """The runs before character `cut` and from character `rest` on (styles kept)."""
    left, right, pos = [], [], 0
    for r in runs:
        start, end = pos, pos + len(r.text)
        if start < cut:
            left.append(Run(r.text[:max(0, cut - start)], r.bold, r.italic))
        if end > rest:
            right.append(Run(r.text[max(0, rest - start):], r.bold, r.italic))
        pos = end
    return left, right


_COLUMN_GAP = _ColumnGap()


def _emphasis_runs(block: str) -> list[Run]:
    """Markdown-style **bold**, *italic*, ***both*** in a text original → runs.

    Unbalanced asterisks (a footnote "(*)") are kept as literal text.
    """
    markers = _MARKER.findall(block)
    bold = sum(len(m) in (2, 3) for m in markers) % 2 == 0
    italic = sum(len(m) in (1, 3) for m in markers) % 2 == 0
    if not markers or not (bold and italic):
        return [Run(block)]
    runs: list[Run] = []
    b = i = False
    pos = 0
    for m in _MARKER.finditer(block):
        if m.start() > pos:
            runs.append(Run(block[pos:m.start()], b, i))
        if len(m.group(0)) in (2, 3):
            b = not b
        if len(m.group(0)) in (1, 3):
            i = not i
        pos = m.end()
    if pos < len(block):
        runs.append(Run(block[pos:], b, i))
    return runs


def _split_lines(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append(Run(part, run.bold, run.italic))
    return lines


def read_txt(path: Path, data: bytes) -> Source:
    decoded = decode_bytes(data)
    notes = []
    if decoded.converted:
        notes.append(f"đã chuyển mã {decoded.encoding} → Unicode dựng sẵn (NFC)")
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines: list[Line] = []
    table = 0
    for block_no, block in enumerate(re.split(r"\n[ \t]*\n", text)):
        if not block.strip():
            continue
        raw_lines = _split_lines(_emphasis_runs(block))
        texts = ["".join(r.text for r in rl) for rl in raw_lines]
        # Only the rows typed in two columns are a table; a block copied without blank lines
        # holds the header, the body and the closing together.
        k = 0
        while k < len(texts):
            if not _two_columns(texts[k]):
                if "".join(r.text for r in raw_lines[k]).strip():
                    lines.append(Line(_strip_runs(raw_lines[k]), block_no * 1000 + k))
                k += 1
                continue
            end = k + 1
            while end < len(texts) and (_two_columns(texts[end]) or _right_only(texts[end]) or any(
                    _two_columns(t) or _right_only(t) for t in texts[end + 1:end + 5])):
                end += 1
            table += 1
            lines.extend(_side_by_side(raw_lines[k:end], texts[k:end], block_no * 1000 + k,
                                       table))
            k = end
    return Source(path, lines, decoded.encoding, notes)


def _two_columns(text: str) -> bool:
    return bool(_COLUMN_GAP.search(text.strip()))


def _right_only(text: str) -> bool:
    return bool(text.strip()) and bool(re.match(r"( {3,}|\t)", text))


def _strip_runs(runs: list[Run]) -> list[Run]:
    out = [Run(r.text.replace("\t", " "), r.bold, r.italic) for r in runs]
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return out


def _side_by_side(raw_lines, texts, block_no, table) -> list[Line]:
    """Two columns typed side by side (header, or Nơi nhận | signing) → left cell, right cell."""
    columns: dict[int, list[Line]] = {0: [], 1: []}
    for runs, text in zip(raw_lines, texts):
        if not text.strip():
            continue
        if not _COLUMN_GAP.search(text.strip()):
            col = 1 if re.match(r"( {3,}|\t)", text) else 0
            columns[col].append(Line(_strip_runs(runs), block_no * 1000 + col, (table, 0, col)))
            continue
        left, right = _split_at_gap(runs)
        if "".join(x.text for x in left).strip():
            columns[0].append(Line(_strip_runs(left), block_no * 1000, (table, 0, 0)))
        if "".join(x.text for x in right).strip():
            columns[1].append(Line(_strip_runs(right), block_no * 1000 + 1, (table, 0, 1)))
    return columns[0] + columns[1]


# --- Word ------------------------------------------------------------------------------------
def read_docx(path: Path, data: bytes) -> Source:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceProblem(f"không phải tệp Word .docx hợp lệ ({type(exc).__name__}); tệp bị "
                            "hỏng hoặc là .doc cũ đổi đuôi: mở bằng Word và lưu lại") from None
    except Exception as exc:  # lxml errors and the like: a damaged package
        raise SourceProblem(f"tệp .docx bị hỏng: {exc}") from None
    reader = _DocxReader(document)
    reader.read()
    notes = []
    all_text = "\n".join(line.text for line in reader.lines)
    fixed, encoding = fix_legacy_text(all_text)
    if encoding != "Unicode":
        from ..encodings import tcvn3_to_unicode, vni_to_unicode
        convert = tcvn3_to_unicode if encoding.startswith("TCVN3") else vni_to_unicode
        for line in reader.lines:
            line.runs = [Run(convert(r.text), r.bold, r.italic) for r in line.runs]
        notes.append(f"đã chuyển mã phông {encoding} → Unicode dựng sẵn (NFC)")
    from ..text import nfc
    for line in reader.lines:
        line.runs = [Run(nfc(r.text), r.bold, r.italic) for r in line.runs]
    return Source(path, reader.lines, f"Word .docx ({encoding})", notes)


_NUM_FORMATS = {
    "decimal": lambda n: str(n),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
    "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
}


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


class _DocxReader:
    """Walks body paragraphs and tables in order; renders Word's automatic numbering as text."""

    def __init__(self, document):
        self.document = document
        self.lines: list[Line] = []
        self.block = 0
        self.table = 0
        self.counters: dict[str, list[int]] = {}
        # Paragraphs laid out in two columns with tabs (header, Nơi nhận | signature) collect
        # here and are emitted as one two-column table: the left column, then the right.
        self.pending: list[tuple[int, int, list[Run]]] | None = None
        self.levels = self._numbering_levels()

    def _numbering_levels(self) -> dict[str, dict[int, tuple[str, str, int]]]:
        from docx.oxml.ns import qn
        try:
            root = self.document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return {}
        abstract = {}
        for an in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1)
            abstract[an.get(qn("w:abstractNumId"))] = levels
        nums = {}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                nums[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        return nums

    def _num_pr(self, paragraph):
        from docx.oxml.ns import qn
        ppr = paragraph._p.pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            spr = style.element.find(qn("w:pPr"))
            num_pr = spr.find(qn("w:numPr")) if spr is not None else None
            style = style.base_style
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is None or num_id.get(qn("w:val")) in (None, "0"):
            return None
        return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0

    def _label(self, paragraph) -> str | None:
        found = self._num_pr(paragraph)
        if not found:
            return None
        num_id, ilvl = found
        levels = self.levels.get(num_id, {})
        fmt, text, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return None

        def value(m):
            lvl = int(m.group(1)) - 1
            f, _, s = levels.get(lvl, ("decimal", "", 1))
            return _NUM_FORMATS.get(f, str)(counters[lvl] or s)
        return re.sub(r"%(\d)", value, text)

    def read(self) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        for item in self.document.iter_inner_content():
            if isinstance(item, Paragraph):
                self._paragraph(item, None)
            elif isinstance(item, Table):
                self._flush()
                self._table(item)
        self._flush()

    def _flush(self) -> None:
        if not self.pending:
            self.pending = None
            return
        self.table += 1
        for column in (0, 1):
            for block, col, runs in self.pending:
                if col == column:
                    self.lines.append(Line(_strip_runs(runs), block * 10 + col,
                                           (self.table, 0, col)))
        self.pending = None

    def _columns(self, runs: list[Run]) -> bool:
        """Take a body paragraph into the pending two-column group; False when it is not one."""
        text = "".join(r.text for r in runs)
        if "\n" in text:
            self._flush()
            return False
        if not text.strip():
            self._flush()
            return True
        if len(text.strip()) <= 160:
            split = _split_at_gap(runs)
            if split is not None:
                self.pending = (self.pending or []) + [(self.block, 0, split[0]),
                                                       (self.block, 1, split[1])]
                return True
            if text.startswith("\t"):
                self.pending = (self.pending or []) + [(self.block, 1, runs)]
                return True
            if self.pending is not None and len(text.strip()) < 100:
                self.pending.append((self.block, 0, runs))
                return True
        self._flush()
        return False

    def _table(self, table) -> None:
        self.table += 1
        index = self.table
        seen = set()
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell._tc in seen:  # merged cells repeat (keep the element: ids are reused)
                    continue
                seen.add(cell._tc)
                for paragraph in cell.paragraphs:
                    self._paragraph(paragraph, (index, r, c))
                for inner in cell.tables:
                    self._table(inner)

    def _paragraph(self, paragraph, cell) -> None:
        self.block += 1
        runs = [Run(text, bold, italic) for text, bold, italic in self._runs(paragraph)]
        label = self._label(paragraph)
        if label and "".join(r.text for r in runs).strip():
            runs.insert(0, Run(label + " "))
        if cell is None and not label and self._columns(runs):
            return
        for line_runs in _split_lines(runs):
            line_runs = _strip_runs(line_runs)
            if "".join(r.text for r in line_runs).strip():
                self.lines.append(Line(line_runs, self.block, cell))

    def _runs(self, paragraph):
        from docx.text.hyperlink import Hyperlink
        para_bold = _style_flag(paragraph.style, "bold")
        para_italic = _style_flag(paragraph.style, "italic")
        for item in paragraph.iter_inner_content():
            runs = item.runs if isinstance(item, Hyperlink) else [item]
            for run in runs:
                bold = run.bold
                if bold is None:
                    bold = _style_flag(run.style, "bold")
                if bold is None:
                    bold = para_bold
                italic = run.italic
                if italic is None:
                    italic = _style_flag(run.style, "italic")
                if italic is None:
                    italic = para_italic
                yield run.text, bool(bold), bool(italic)


def _style_flag(style, name: str):
    while style is not None:
        value = getattr(style.font, name, None)
        if value is not None:
            return value
        style = style.base_style
    return None
