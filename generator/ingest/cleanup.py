"""Text as it really comes → the lines of a Decree 30 document, before fields are read.

Copied from a portal, a PDF viewer or OCR, an original's header and closing arrive flattened:
cells joined with `|`, the issuer and the motto on one line, "Số: … Hậu Giang, ngày …" on one
line, the place-date line or the number broken over two lines, the portal's menus and counters
around the text. These steps take such lines apart (or together) again, so that the field
reader sees one field per line whatever the source. Every step is driven by the fixed wording
of the Decree 30 form (Số, ngày … tháng … năm, the motto, KT./TL./TM.), never by guesses about
the content.
"""

from __future__ import annotations

import re

from .lines import Line, Run
from .sources import split_runs

HEAD_LINES = 45
# Menus, counters and sharing links of government portals around a copied document.
_BOILERPLATE = re.compile(
    r"^(trang chủ|trang chu|lượt xem|lượt truy cập|in trang|gửi email|gửi bài|tải về|"
    r"tải xuống|tệp đính kèm|file đính kèm|văn bản liên quan|bình luận|chia sẻ|đăng nhập|"
    r"ngày đăng|ngày cập nhật|cơ quan ban hành\s*:|người ký\s*:|lĩnh vực\s*:|loại văn bản\s*:|"
    r"số ký hiệu\s*:|trích yếu\s*:|xem thêm|quay lại|bản in|facebook|zalo|twitter)",
    re.IGNORECASE)
_MOTTO_START = re.compile(r"(CỘNG\s+H[OÒ][AÀ]\s+XÃ\s+HỘI|Độc\s+lập\s*-|ĐỘC\s+LẬP\s*-|"
                          r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)")
# "Số: 214/TB-VPUBND Hậu Giang, ngày …": the place-date begins at a capitalised word, then up
# to four words ("Thành phố Hồ Chí Minh"), then ", ngày" or ", dd/mm/yyyy".
_NUMBER_THEN_PLACE = re.compile(
    r"^(S[ốôồổoó6]\s*[:.]?\s*\S.*?)\s+([A-ZĐÀ-Ỹ][^\s,]*(?:\s+[^\s,]+){0,4}\s*,\s*"
    r"(?:ngày\b|\d{1,2}\s*[/.\-]))")
_PLACE_DATE_START = re.compile(r"^[^\d,;:|]{2,60}?,\s*ngày\b", re.IGNORECASE)
_HAS_YEAR = re.compile(r"năm\s*[0-9Oo]{4}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}",
                       re.IGNORECASE)
_SO_ALONE = re.compile(r"^s[ốôồổoó6]\s*[:.]?\s*$", re.IGNORECASE)
_AUTHORITY_START = re.compile(r"\b(KT|TL|TM|TUQ|T/M|Q)\s*\.\s*[A-ZĐÀ-Ỹ]")
_AUTHORITY_END = re.compile(r"\b(KT|TL|TM|TUQ|T/M|Q)\s*\.$")
_RECIPIENTS_THEN = re.compile(r"^(n[ơo]i\s+nh[ậa]n\s*[:.]?)\s+(\S.*)$", re.IGNORECASE)
_DATE_WORD_END = re.compile(r"\b(ngày|tháng|năm)\s*$", re.IGNORECASE)
_UPPER_TAIL = re.compile(r"^(.*?[;.,])\s+((?:[A-ZĐÀ-Ỹ]{2,}\s*){2,})$")


def _split(line: Line, offset: int) -> tuple[Line, Line]:
    left, right = split_runs(line.runs, offset, offset)
    return (Line(_trim(left), line.block, line.cell, line.number),
            Line(_trim(right), line.block, line.cell, line.number))


def _trim(runs: list[Run]) -> list[Run]:
    runs = [r for r in runs if r.text]
    if runs:
        runs[0] = Run(runs[0].text.lstrip(" |\t"), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(" |\t"), runs[-1].bold, runs[-1].italic)
    return [r for r in runs if r.text]


def _raw(line: Line) -> str:
    return "".join(r.text for r in line.runs)


def _split_at(lines: list[Line], find) -> list[Line]:
    """Split every line where find(raw text) returns an offset (repeatedly)."""
    out: list[Line] = []
    for line in lines:
        pending = [line]
        while pending:
            current = pending.pop(0)
            offset = find(_raw(current))
            if offset:
                a, b = _split(current, offset)
                if a.text and b.text:
                    out.append(a)
                    pending.insert(0, b)
                    continue
            if current.text:
                out.append(current)
    return out


def _pipe(text: str) -> int | None:
    inner = text.strip()
    m = re.search(r"\s\|\s|\s\|$|^\|\s", text)
    if m and inner.strip("| "):
        return m.start() + 1 if m.start() + 1 < len(text) else None
    return None


def _motto(text: str) -> int | None:
    m = _MOTTO_START.search(text)
    return m.start() if m and text[:m.start()].strip(" |-*") else None


def _number_place(text: str) -> int | None:
    m = _NUMBER_THEN_PLACE.match(text.strip())
    return text.find(m.group(2)) if m else None


def _closing_split(text: str) -> int | None:
    m = _RECIPIENTS_THEN.match(text.strip())
    if m and (_AUTHORITY_START.match(m.group(2)) or m.group(2).isupper()):
        return text.find(m.group(2))
    stripped = text.strip()
    if stripped.startswith(("-", "+", "•")):
        m = _UPPER_TAIL.match(stripped)
        # ("- Như trên TM. ỦY BAN NHÂN DÂN" must not leave "TM." with the recipients)
        if m and len(re.sub(r"\W", "", m.group(2))) >= 8 and not _AUTHORITY_END.search(m.group(1)):
            return text.find(m.group(2), len(m.group(1)))
        a = _AUTHORITY_START.search(stripped)
        # A signature block is in capitals; "Q. Bình Thạnh" is a district among the recipients.
        if a and a.start() > 3 and stripped[a.start() - 2:a.start()].strip() in (";", ".", "") \
                and stripped[a.start():].isupper():
            return text.find(stripped[a.start():])
    return None


def clean(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Take flattened header and closing lines apart, join broken ones, drop portal text."""
    notes: list[str] = []
    head, rest = lines[:HEAD_LINES], lines[HEAD_LINES:]
    tail_start = max(0, len(lines) - HEAD_LINES)
    dropped = [l for i, l in enumerate(lines)
               if (i < HEAD_LINES or i >= tail_start) and _BOILERPLATE.match(l.text)]
    if dropped:
        notes.append("bỏ chữ của trang web quanh văn bản: " + "; ".join(
            f"«{l.text[:40]}» (dòng {l.number})" for l in dropped[:6]))
    # A page number copied out of a PDF viewer: a lone number between two halves of a sentence
    # (not the day or month of a broken "ngày / 22 / tháng 02").
    for i in range(1, len(lines) - 1):
        if re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", lines[i].text) and \
                not lines[i - 1].text.endswith((".", ":", ";")) and lines[i + 1].text[:1].islower() \
                and not _DATE_WORD_END.search(lines[i - 1].text):
            dropped.append(lines[i])
            notes.append(f"bỏ số trang «{lines[i].text}» (dòng {lines[i].number})")
    drop_ids = {id(l) for l in dropped}
    lines = [l for l in lines if id(l) not in drop_ids]
    head = [l for l in head if id(l) not in drop_ids]
    rest = [l for l in rest if id(l) not in drop_ids]
    for line in lines:  # the outer borders of a flattened table row
        if line.runs and ("|" in line.runs[0].text[:2] or "|" in line.runs[-1].text[-2:]):
            line.runs = _trim(line.runs)
    head = _split_at(head, _pipe)
    head = _split_at(head, _motto)
    head = _split_at(head, _number_place)
    head = _join_broken(head, notes)
    lines = head + rest
    lines = _split_at(lines, _pipe) if any("|" in l.text for l in lines[-HEAD_LINES:]) else lines
    lines = lines[:-HEAD_LINES] + _split_at(lines[-HEAD_LINES:], _closing_split) \
        if len(lines) > HEAD_LINES else _split_at(lines, _closing_split)
    return [l for l in lines if l.text and l.text.strip("|-_=* ")], notes


def _join_broken(lines: list[Line], notes: list[str]) -> list[Line]:
    """"Số:" / "125/TB-VPUBND" and "Bình Định, ngày 22" / "tháng 02 năm 2024" → one line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if _SO_ALONE.match(text) and i + 1 < len(lines) and \
                re.match(r"^[0-9OolI]{1,6}\s*[/-]", lines[i + 1].text):
            joined = Line(line.runs + [Run(" ")] + lines[i + 1].runs, line.block, line.cell,
                          line.number)
            notes.append(f"số văn bản ở dòng sau «Số:» (dòng {lines[i + 1].number}): đã ghép")
            out.append(joined)
            i += 2
            continue
        if _PLACE_DATE_START.match(text) and not _HAS_YEAR.search(text):
            joined = line
            k = i + 1
            while k < len(lines) and k <= i + 2 and not _HAS_YEAR.search(joined.text):
                nxt = lines[k].text
                if not re.match(r"^(ngày|tháng|năm|\d|[0-9Oo]{1,4}\b)", nxt, re.IGNORECASE):
                    break
                joined = Line(joined.runs + [Run(" ")] + lines[k].runs, line.block, line.cell,
                              line.number)
                k += 1
            if k > i + 1 and _HAS_YEAR.search(joined.text):
                notes.append(f"dòng địa danh, ngày tháng bị ngắt (dòng {line.number}–"
                             f"{lines[k - 1].number}): đã ghép «{joined.text}»")
                out.append(joined)
                i = k
                continue
        out.append(line)
        i += 1
    return out


def ocr_digits(text: str) -> str:
    """Letters OCR reads for digits (O for 0, l/I/| for 1) inside a run that must be digits."""
    return text.translate(str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1",
                                         "|": "1", "i": "1", "S": "5", "B": "8"}))



# OCR specks that land on text as marks. Only where the reading is not in doubt: a full stop
# glued between two lower-case Vietnamese syllables ("báo.cáo": Vietnamese prose never puts a
# full stop without a space before a lower-case word; a domain such as "hue.gov.vn" has a
# part that is no syllable), and a lone quote mark stuck to the front of a syllable ("'công")
# on a line with no other quote mark to pair with. Each repair is reported.
_GLUED_STOP = re.compile(r"(?<![\w.])([a-zà-ỹđ]+)\.([a-zà-ỹđ]+)(?![\w.])")
_LONE_QUOTE = re.compile(r"(?<!\S)['`´‘]([a-zà-ỹđ]+)\b")


def ocr_specks(lines: list[Line], notes: list[str]) -> None:
    from .syllables import is_syllable
    for line in lines:
        text = line.text
        quotes = sum(text.count(q) for q in "'`´‘’\"“”")
        for k, run in enumerate(line.runs):
            new = _GLUED_STOP.sub(lambda m: f"{m.group(1)} {m.group(2)}" if is_syllable(
                m.group(1)) and is_syllable(m.group(2)) else m.group(0), run.text)
            if quotes == 1:
                new = _LONE_QUOTE.sub(lambda m: m.group(1) if is_syllable(m.group(1))
                                      else m.group(0), new)
            if new != run.text:
                notes.append(f"bỏ vết bẩn đọc thành dấu (dòng {line.number}): «{run.text.strip()}»"
                             f" → «{new.strip()}»: cần người đối chiếu bản gốc")
                line.runs[k] = Run(new, run.bold, run.italic)
