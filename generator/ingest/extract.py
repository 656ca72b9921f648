"""Pull front-matter fields out of an original's lines, keeping the text each value came from.

The original is read as a government document is laid out (Decree 30/2020/NĐ-CP): a header
block (issuer | motto, Số | place-date), the type line and trích yếu, the body, then Nơi nhận and
the signing block. Every field found is a `Found(value, evidence, line)`; a field that is not
found is simply absent, and the writer marks the notice as a draft that needs a person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..surnames import SURNAMES
from ..model import DOCUMENT_TYPES
from ..text import canonical, fold
from .casing import known_title, office_case, name_case
from .cleanup import clean, ocr_digits, ocr_specks
from .lines import Line, Run, Source


@dataclass(frozen=True)
class Found:
    value: Any
    evidence: str          # the text of the original the value was read from
    line: int = 0          # 1-based line of the original, 0 when inferred from several lines


@dataclass
class Extraction:
    ocr: bool = False                       # the text was recognised from images
    fields: dict[str, Found] = field(default_factory=dict)
    body_lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    year_hint: int | None = None


# --- patterns -------------------------------------------------------------------------------
# "Số:", and what OCR makes of it ("Sô:", "Sồ:", "S6:", "So:"); Party documents write "Số 2927-TB/TU".
_SO = re.compile(r"^s[ốôồổoó6]\s*(?:[:.]\s*|\s+)(.*)$", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^([^\d,;:|]{2,60}?)\s*,\s*(?:ngày\b|(?=\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]"
                         r"\s*\d{4}))(.*)$", re.IGNORECASE)
_D = r"[0-9OolI]"  # a digit, or a letter OCR reads for one
_VN_DATE = re.compile(rf"ngày\s*({_D}{{1,2}})?\s*tháng\s*({_D}{{1,2}})?\s*năm\s*({_D}{{4}})",
                      re.IGNORECASE)
_NUM_DATE = re.compile(r"(?:ngày\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})",
                       re.IGNORECASE)
# The number of the Decree 30 form: digits / [year /] type-issuer codes; or a Party number.
_NUMBER = re.compile(r"^([0-9OolI|]{1,6})\s*/\s*(?:(\d{4})\s*/\s*)?"
                     r"([A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:\s*-\s*[A-Za-zĐđ0-9&]+)*)")
_PARTY_NUMBER = re.compile(r"^([0-9OolI|]{1,6})\s*-\s*([A-ZĐ][A-Za-zĐđ]*)\s*/\s*"
                           r"([A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-Za-zĐđ0-9]+)*)")
_YEAR = re.compile(r"năm\s*(\d{4})", re.IGNORECASE)
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc",
          "doc lap tu do hanh phuc", "dang cong san viet nam")
_SEPARATOR = re.compile(r"^[\s\-_=*.…·—–]{3,}$")
# OCR reads "KT." as "KT," often enough to take both.
_AUTHORITY = re.compile(r"^(KT|TL|TM|TUQ|T/M|Q|QUYỀN)\s*(?:[.,]\s*|\s+)(.+)$", re.IGNORECASE)
_NOTE_LINE = re.compile(r"^[(\[].*[)\]]$")
_SECRET_MARKS = {"mat": "MẬT", "toi mat": "TỐI MẬT", "tuyet mat": "TUYỆT MẬT"}
_DRAFT_MARKS = ("du thao", "du thao lan 1", "du thao lan 2", "du thao lan 3")
_URGENT_MARKS = ("khan", "thuong khan", "hoa toc", "hoa toc hen gio")
_RECIPIENTS = re.compile(r"^n[ơo]i\s+nh[ậa]n\s*[:.]?\s*(.*)$", re.IGNORECASE)
_VV = re.compile(r"^(V/v|Về việc)\b\s*[:.]?\s*(.*)$", re.IGNORECASE)
# OCR's readings of the slash of "V/v" ("VỊv", "V|v", "Vlv"): only in the number's cell,
# right under Số, where a Decree 30 công văn prints its V/v and nothing else starts so.
_VV_OCR = re.compile(r"^V\s?[|lI1ỊịÌìÍíJj\\]\s?v\s+(\S.*)$")
# A speck before the opening ("- Ngày 15 …", OCR) does not hide where the body starts.
_BODY_START = re.compile(r"^(?:[-–_'.]\s+)?(kính gửi|căn cứ|thực hiện|ngày \d+|sáng ngày|"
                         r"chiều ngày|sau khi|trên cơ sở|theo|nhằm)\b", re.IGNORECASE)

# The heading a decision prints under its trích yếu: the body or office holder that decides.
_DECIDING_BODY = re.compile(r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|"
                            r"(?:PHÓ )?CHỦ TỊCH|(?:PHÓ )?GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|"
                            r"CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG)\b")


# Issuer codes of a number ("…/TB-VPUBND") → the office, for originals without a header block.
ISSUER_CODES = {"VPUBND": "Văn phòng UBND", "UBND": "Ủy ban nhân dân", "CAT": "Công an",
                "HDND": "Hội đồng nhân dân", "SGTVT": "Sở Giao thông vận tải",
                "STNMT": "Sở Tài nguyên và Môi trường", "SNV": "Sở Nội vụ", "STC": "Sở Tài chính",
                "SYT": "Sở Y tế", "STP": "Sở Tư pháp", "STTTT": "Sở Thông tin và Truyền thông",
                "SGDĐT": "Sở Giáo dục và Đào tạo", "SGDDT": "Sở Giáo dục và Đào tạo"}
_TYPE_BY_CODE = {fold(code): slug for slug, (code, _) in DOCUMENT_TYPES.items() if code}
_TYPE_BY_NAME = sorted(((canonical(name), slug) for slug, (_, name) in DOCUMENT_TYPES.items()),
                       key=lambda x: -len(x[0]))
_BODY_ONLY = re.compile(r"^(kính gửi|căn cứ|(?:sáng |chiều |tối )?ngày \d+|vào lúc)\b",
                        re.IGNORECASE)
_CHAIRED_BY = re.compile(r"(?:dưới sự chủ trì của|do)\s+", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"(?:Phó\s+)?(?:Thủ\s+tướng|Bộ\s+trưởng|Thứ\s+trưởng|Chủ\s+nhiệm|"
                          r"Chủ\s+tịch|Giám\s+đốc|Bí\s+thư|Trưởng\s+[Bb]an|"
                          r"Chánh\s+Văn\s+phòng|Tổ\s+trưởng|Trưởng\s+phòng|Cục\s+trưởng|"
                          r"Chi\s+cục\s+trưởng|Chánh\s+Thanh\s+tra|Thủ\s+trưởng)\b")
_HONORIFIC = re.compile(r"(?:ông|bà|đồng\s+chí|đ/c|Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá|"
                        r"Thiếu\s+tướng|Trung\s+tướng|Đại\s+úy)\s+", re.IGNORECASE)
_MEETING_VERBS = re.compile(r"\s+(chủ\s+trì|dẫn\s+đầu|tham\s+dự|làm\s+việc|chủ\s+tọa|đã\s+|"
                            r"đến\s+|có\s+buổi|họp)\b")


_MOTTO_WORDS = [set(m.replace("-", " ").split()) for m in _MOTTO]


def _is_motto(text: str) -> bool:
    """The Quốc hiệu or the motto, also as OCR gives them: a speck before it, a letter misread
    ("Hạnh phúe") — most of its words, and little else, are there."""
    f = " ".join(fold(text).replace("-", " - ").split())
    if any(f.startswith(m) for m in _MOTTO):
        return True
    words = re.findall(r"[a-z0-9]+", f)
    for motto in _MOTTO_WORDS:
        hits = sum(w in motto for w in words)
        if hits >= len(motto) - 1 and hits >= 0.75 * len(words):
            return True
    return False


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _marks(text: str) -> str:
    return " ".join(fold(text).strip("\"“”'()[]*|_ ").split())


def parse_vn_date(text: str, fixes: list[str] | None = None) -> tuple[dt.date | None, int | None]:
    """("ngày 05 tháng 7 năm 2024") → (date, year); blanks give (None, year).

    Inside "ngày … tháng … năm …" only digits can stand, so letters OCR reads for digits
    (O, l, I) are corrected there, and each correction is added to `fixes`."""
    m = _VN_DATE.search(text) or _NUM_DATE.search(text)
    if not m:
        y = _YEAR.search(text)
        return None, int(y.group(1)) if y else None
    groups = []
    for g in m.groups():
        if g and not g.isdigit():
            fixed = ocr_digits(g)
            if fixes is not None:
                fixes.append(f"«{g}» → «{fixed}»")
            g = fixed
        groups.append(g)
    if not groups[2].isdigit():
        return None, None
    day, month, year = groups[0], groups[1], int(groups[2])
    if not day or not month:
        return None, year
    try:
        return dt.date(year, int(month), int(day)), year
    except ValueError:
        return None, year


def _read_number(raw: str) -> tuple[str, list[str]]:
    """The number as printed, spaces inside it removed; OCR letters in its digits corrected
    (the part before "/" — or before "-" in a Party number — can only be digits)."""
    m = _NUMBER.match(raw) or _PARTY_NUMBER.match(raw)
    if not m:
        return re.sub(r"\s*([/-])\s*", r"\1", raw.split()[0] if raw.split() else raw), []
    digits = m.group(1)
    fixes = []
    if not digits.isdigit():
        fixed = ocr_digits(digits)
        fixes.append(f"«{digits}» → «{fixed}»")
        digits = fixed
    rest = re.sub(r"\s+", "", m.group(0)[len(m.group(1)):])
    tail = re.match(r"^(\s+[A-ZĐ]{2,})+\s*$", raw[m.end():])
    if tail:  # "412/TB-VP UBND": a space typed inside the issuer code, kept for check (NA404)
        rest += " " + " ".join(tail.group(0).split())
    return digits + rest, fixes


# "Hà Nội, hgày 21 tháng 9 năm 2017": OCR misreads the italic "ngày"; the form leaves no doubt.
_MISREAD_NGAY = re.compile(r"^([^\d,;:|]{2,60}?,\s*)([^\W\d]{2,5})(\s+\d{1,2}\s+tháng\s+\d{1,2}"
                           r"\s+năm\s+\d{4}\W*)$", re.IGNORECASE)


def _read_date_label(lines: list[Line], ex: Extraction) -> None:
    for line in lines:
        m = _MISREAD_NGAY.match(line.text)
        if m and m.group(2).lower() != "ngày":
            line.runs = [Run(m.group(1) + "ngày" + m.group(3), False, True)]
            ex.notes.append(f"sửa lỗi nhận dạng chữ ở dòng địa danh, ngày (dòng {line.number}): "
                            f"«{m.group(2)}» → «ngày»: cần người đối chiếu bản gốc")
            return


@dataclass
class _Head:
    """Where the header's parts are among the lines (indexes, None when not found)."""
    so: int | None = None
    place: int | None = None
    type: int | None = None


def extract(source: Source) -> Extraction:
    ex = Extraction(ocr=source.ocr)
    lines = [line for line in source.lines if line.text and not _SEPARATOR.match(line.text)]
    lines, cleaned = clean(lines)
    ex.notes.extend(cleaned)
    if not lines:
        return ex
    if source.ocr:
        ocr_specks(lines, ex.notes)
    head_limit = min(len(lines), 40)
    if source.ocr:
        _read_date_label(lines[:head_limit], ex)
    head = _find_header(lines, head_limit, ex)
    number_issuer_code = _read_number_line(lines, head.so, ex)
    _read_place_date(lines, head.place, ex)
    title_end = _read_title(lines, head, ex)
    vv_end = _read_vv(lines, head_limit, head, ex)
    header_end = max([x for x in (head.so, head.place, head.type, title_end, vv_end)
                      if x is not None], default=-1)
    _read_issuer(lines, head, header_end, ex)
    _read_body_and_closing(lines, header_end, ex)
    _read_meeting(ex)
    if "issuer" not in ex.fields:
        _issuer_from_text(ex, number_issuer_code, _at(lines, head.so))
    if ex.year_hint is None and "date" in ex.fields:
        ex.year_hint = ex.fields["date"].value.year
    return ex


def _find_header(lines: list[Line], head_limit: int, ex: Extraction) -> _Head:
    """Header: the Số line, the place-date line, the type line; secrecy and urgency marks."""
    f = ex.fields
    head = _Head()
    for i in range(head_limit):
        text = lines[i].text
        so = _SO.match(text)
        # "Số: 412/" with "SYT-NVY" on the cell's next line: a number broken at its slash
        if head.so is None and so and (re.match(r"^\s*/|^[0-9OolI|]{1,6}\s*/$", so.group(1))
                                       or _NUMBER.match(so.group(1))
                                       or _PARTY_NUMBER.match(so.group(1))):
            head.so = i
        elif head.place is None and len(text) < 80 and _PLACE_DATE.match(text) and (
                _VN_DATE.search(text) or _NUM_DATE.search(text) or "tháng" in text):
            head.place = i
        elif head.type is None and _is_upper(text) and len(text) < 60:
            key = canonical(text)
            for name, slug in _TYPE_BY_NAME:
                if key == name or key.startswith(name + " "):
                    head.type = i
                    f["type"] = Found(slug, text, lines[i].number)
                    break
        mark = _marks(text)
        if mark in _SECRET_MARKS:
            f["classification"] = Found("secret", text, lines[i].number)
        elif mark in _URGENT_MARKS:
            ex.notes.append(f"độ khẩn «{text}» (dòng {lines[i].number}): không có trường "
                            "tương ứng, chỉ ghi nhận")
        if head.type is not None and i > head.type + 8:
            break
    return head


def _read_number_line(lines: list[Line], i_so: int | None, ex: Extraction) -> str | None:
    """`number` (and `type` from its code when no type line said it); returns the number's
    issuer code, for originals without a header block."""
    if i_so is None:
        return None
    f = ex.fields
    line = lines[i_so]
    raw = _SO.match(line.text).group(1).strip()
    if raw.endswith(("-", "/")):
        # "Số: 3031/CT-" / "BGDĐT": the number broke at its hyphen in a narrow cell; the
        # rest is the next line of the same cell, joined without a space.
        rest = next((l for l in lines[i_so + 1:i_so + 6] if l.cell in (line.cell, None)),
                    None)
        if rest is not None and re.fullmatch(r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-Za-zĐđ0-9&]+)*",
                                             rest.text):
            mark = "dấu gạch chéo" if raw.endswith("/") else "dấu gạch"
            raw += rest.text
            ex.notes.append(f"số văn bản xuống dòng ở {mark} (dòng {line.number}–"
                            f"{rest.number}): nối thành «{raw}»")
            rest.runs = []    # read: it is no body line (indexes above stay valid)
    raw, fixes = _read_number(raw)
    if fixes:
        ex.notes.append(f"sửa lỗi nhận dạng chữ trong số văn bản (dòng {line.number}): "
                        + ", ".join(fixes) + ": cần người đối chiếu bản gốc")
    if raw.startswith("/"):
        ex.notes.append(f"số văn bản để trống («{line.text}», dòng {line.number}): "
                        "văn bản chưa cấp số, nhập là dự thảo")
    else:
        f["number"] = Found(raw, line.text, line.number)
    code = raw.split("/", 1)[1] if "/" in raw else ""
    type_code, _, issuer_code = code.partition("-")
    if "type" not in f:
        slug = _TYPE_BY_CODE.get(fold(type_code))
        if slug:
            f["type"] = Found(slug, line.text, line.number)
    return issuer_code or None


def _read_place_date(lines: list[Line], i_place: int | None, ex: Extraction) -> None:
    """`place` and `date` from "Hậu Giang, ngày … tháng … năm …"; the year even when blank."""
    if i_place is None:
        return
    f = ex.fields
    line = lines[i_place]
    m = _PLACE_DATE.match(line.text)
    f["place"] = Found(" ".join(m.group(1).split()), line.text, line.number)
    fixes: list[str] = []
    date, year = parse_vn_date(line.text, fixes)
    if fixes:
        ex.notes.append(f"sửa lỗi nhận dạng chữ trong ngày ban hành (dòng {line.number}): "
                        + ", ".join(fixes) + ": cần người đối chiếu bản gốc")
    if date:
        f["date"] = Found(date, line.text, line.number)
    else:
        ex.notes.append(f"ngày ban hành để trống («{line.text}», dòng {line.number})")
    ex.year_hint = year


def _read_title(lines: list[Line], head: _Head, ex: Extraction) -> int | None:
    """The trích yếu under the type line; returns the index of its last line."""
    if head.type is None:
        return None
    title_lines: list[Line] = []
    j = head.type + 1
    first_block = None
    while j < len(lines):
        line = lines[j]
        text = line.text
        if j in (head.so, head.place) or _is_motto(text) or \
                _other_column(lines[head.type], line):
            j += 1   # the trích yếu is under the type line, never across the header table
            continue
        if first_block is None:
            first_block = line.block
        elif line.block != first_block and not _title_continues(title_lines, line):
            break
        if title_lines and _BODY_START.match(text):
            break
        if title_lines and _DECIDING_BODY.match(text) and _is_upper(text) and \
                not _is_upper(title_lines[-1].text):
            break  # a decision's "ỦY BAN NHÂN DÂN TỈNH …" under the trích yếu: who decides
        if not title_lines and (_BODY_ONLY.match(text) or len(text) > 250
                                and not line.all_bold):
            break  # no trích yếu: the type line is followed by the body itself
        title_lines.append(line)
        j += 1
    if not title_lines:
        return None
    title = " ".join(l.text for l in title_lines)
    if _is_upper(title):
        ex.notes.append("trích yếu viết hoa toàn bộ, giữ nguyên: cần người viết lại chữ "
                        "thường (tên riêng giữ hoa)")
    ex.fields["title"] = Found(title, " / ".join(l.text for l in title_lines),
                               title_lines[0].number)
    return j - 1


def _read_vv(lines: list[Line], head_limit: int, head: _Head, ex: Extraction) -> int | None:
    """A công văn's "V/v …" near the number: its title and type; returns its last line."""
    f = ex.fields
    vv_end = None
    for i in range(head_limit):
        m = _VV.match(lines[i].text)
        if not m and ex.ocr and head.so is not None and 0 < i - head.so <= 2 and \
                lines[i].cell is not None and lines[i].cell == lines[head.so].cell:
            misread = _VV_OCR.match(lines[i].text)
            if misread:
                fixed = "V/v " + misread.group(1)
                ex.notes.append(f"sửa lỗi nhận dạng chữ «{lines[i].text.split()[0]}» → «V/v» "
                                f"(dòng {lines[i].number}, dưới số văn bản): cần người đối chiếu")
                lines[i] = Line([Run(fixed)], lines[i].block, lines[i].cell, lines[i].number,
                                lines[i].weak)
                m = _VV.match(fixed)
        if m and (head.so is None or abs(i - head.so) <= 3):
            vv = [lines[i]]
            k = i + 1
            while k < head_limit and lines[k].cell == lines[i].cell and lines[k].cell is not None \
                    and not (_SO.match(lines[k].text) or _PLACE_DATE.match(lines[k].text)
                             or _is_motto(lines[k].text)):
                vv.append(lines[k])
                k += 1
            if "title" not in f:
                f["title"] = Found(" ".join(l.text for l in vv), " / ".join(l.text for l in vv),
                                   lines[i].number)
                if "type" not in f or f["type"].value == "thong-bao" and head.type is None:
                    f["type"] = Found("cong-van", lines[i].text, lines[i].number)
            vv_end = k - 1
            break
    if "type" not in f and head.so is not None and "number" in f:
        f["type"] = Found("cong-van", lines[head.so].text, lines[head.so].number)
    return vv_end


def _read_issuer(lines: list[Line], head: _Head, header_end: int, ex: Extraction) -> None:
    """The issuer from the header block: the lines in capitals above Số / the type line."""
    stop = min([x for x in (head.so, head.type) if x is not None], default=header_end + 1)
    place_line = _at(lines, head.place)
    issuer_lines = [l for l in lines[:stop]
                    if not _is_motto(l.text) and _marks(l.text) not in _SECRET_MARKS
                    and _marks(l.text) not in _URGENT_MARKS and l is not place_line
                    and _marks(l.text) not in _DRAFT_MARKS and _is_upper(l.text)
                    and not (l.cell and l.cell[2] == 1)]  # the right column: motto, marks
    if issuer_lines:
        ex.fields["issuer"] = Found(compose_issuer([l.text for l in issuer_lines]),
                                    " / ".join(l.text for l in issuer_lines),
                                    issuer_lines[0].number)


def _read_body_and_closing(lines: list[Line], header_end: int, ex: Extraction) -> None:
    """The body's lines, then Nơi nhận and the signing block (`_closing_block`)."""
    header_tables = {l.cell[0] for l in lines[:header_end + 1] if l.cell}
    body_start = header_end + 1
    while body_start < len(lines) and lines[body_start].cell and \
            lines[body_start].cell[0] in header_tables:
        body_start += 1
    closing = len(lines)
    for i in range(body_start, len(lines)):
        text = lines[i].text
        if _RECIPIENTS.match(text) or (_AUTHORITY.match(text) and _is_upper(text)):
            closing = i
            break
        # The closing sentence ends in "./."; whatever follows it is Nơi nhận and the signature.
        if text.endswith("/.") and i + 1 < len(lines):
            closing = i + 1
            break
    # A closing table begins at its first line, even when Nơi nhận is not its first cell.
    if closing < len(lines) and lines[closing].cell:
        table = lines[closing].cell[0]
        while closing > body_start and lines[closing - 1].cell and \
                lines[closing - 1].cell[0] == table:
            closing -= 1
    ex.body_lines = lines[body_start:closing]
    _closing_block(lines[closing:], ex)


def _read_meeting(ex: Extraction) -> None:
    """`meeting` from the opening paragraph. Whole paragraphs, not printed lines: a line may
    end inside the chair's title ("…, tại Trụ sở UBND tỉnh, Phó" / "Chủ tịch UBND tỉnh …")."""
    for first, text in _paragraphs(ex.body_lines)[:3]:
        meeting = parse_meeting(text)
        if meeting:
            ex.fields["meeting"] = Found(meeting, text, first.number)
            return


def _other_column(type_line: Line, line: Line) -> bool:
    """`line` sits in another column of the table that holds the type line (a type line typed
    flush left lands in the header's left column; the motto's column is not its trích yếu)."""
    return bool(type_line.cell and line.cell and line.cell[0] == type_line.cell[0]
                and line.cell[2] != type_line.cell[2])


def _paragraphs(lines: list[Line]) -> list[tuple[Line, str]]:
    """Consecutive lines of one block joined: (first line, paragraph text)."""
    out: list[tuple[Line, list[str]]] = []
    for line in lines:
        if out and line.block == out[-1][0].block and line.cell == out[-1][0].cell:
            out[-1][1].append(line.text)
        else:
            out.append((line, [line.text]))
    return [(first, " ".join(texts)) for first, texts in out]


def _title_continues(title_lines: list[Line], line: Line) -> bool:
    """A trích yếu set over several paragraphs: bold like the one before, or visibly unfinished."""
    text = line.text
    if not title_lines or line.cell != title_lines[-1].cell or _BODY_START.match(text) \
            or len(text) > 200:
        return False
    if _is_upper(text):  # a title in capitals goes on; "CHỦ TỊCH UBND …" after "Về việc …" not
        return _is_upper(title_lines[-1].text) and not title_lines[-1].text.endswith((".", ":"))
    if line.all_bold and title_lines[-1].all_bold:
        return True
    prev = title_lines[-1].text
    return text[:1].islower() and not prev.endswith((".", ":", ";"))


def _at(lines, i):
    return lines[i] if i is not None else None


_AGENCY_START = re.compile(
    r"^(UBND|HĐND|[ỦU][YỶ] BAN|HỘI ĐỒNG|SỞ|BỘ|VĂN PHÒNG|CÔNG AN|BAN|CỤC|CHI CỤC|TỔNG CỤC|PHÒNG|"
    r"TRUNG TÂM|VIỆN|TRƯỜNG|BỆNH VIỆN|TỈNH [ỦU][YỶ]|HUYỆN [ỦU][YỶ]|THÀNH [ỦU][YỶ]|THỊ [ỦU][YỶ]|"
    r"ĐẢNG [ỦU][YỶ]|ĐẢNG BỘ|THANH TRA|KHO BẠC|BẢO HIỂM|MẶT TRẬN|ĐOÀN|LIÊN ĐOÀN|HỘI|TÒA ÁN|"
    r"TOÀ ÁN|CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG|TẬP ĐOÀN|TỔNG CÔNG TY|CÔNG TY|ĐẠI HỌC|HỌC VIỆN|ĐÀI|"
    r"NGÂN HÀNG|CHI NHÁNH|CẢNH SÁT|BỘ CHỈ HUY|BỘ TƯ LỆNH|QUÂN KHU|LỰC LƯỢNG|VỤ)\b")
# A Party committee names its unit's owner without a "tỉnh …" of its own ("TỈNH ỦY HẬU GIANG" /
# "BAN TUYÊN GIÁO"): the unit keeps it, or it would read as any Ban; so does a ministry's Vụ or
# Văn phòng (a Tổng cục or Cục issues under its own name: "Tổng cục Thuế").
_OWNER = re.compile(r"^(?:(?:Tỉnh|Huyện|Thành|Thị|Quận|Đảng) ủy)\b")
_MINISTRY = re.compile(r"^Bộ\b")
_MINISTRY_UNIT = re.compile(r"^(?:Vụ|Văn phòng)\b")


def compose_issuer(upper_lines: list[str]) -> str:
    """Header lines in capitals ("UBND TỈNH HẬU GIANG", "VĂN PHÒNG") → "Văn phòng UBND tỉnh …"."""
    merged: list[str] = []
    for text in upper_lines:
        # Each line of the header names a body and starts with what kind of body it is; a line
        # that does not ("TỈNH HẬU GIANG", "PHÁT TRIỂN NÔNG THÔN", "THƠ") continues the one above.
        # A single word ("TRƯỜNG" of "BỘ TÀI NGUYÊN VÀ MÔI" / "TRƯỜNG") names no body by itself.
        if merged and (not _AGENCY_START.match(text) or len(text.split()) == 1
                       or re.search(r"\b(TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|XÃ|PHƯỜNG|QUẬN|VÀ|CỦA)$",
                                    merged[-1])):
            merged[-1] += " " + text
        else:
            merged.append(text)
    cased = [office_case(t) for t in merged]
    unit = cased[-1]
    if len(cased) == 1 or _locality(unit):
        return unit
    parent = cased[-2]
    if _OWNER.match(unit) and canonical(parent).startswith(canonical("Đảng bộ")):
        # "ĐẢNG BỘ TỈNH HẬU GIANG" / "TỈNH ỦY": the committee of that Party organisation
        where = _locality(parent)
        return f"{unit} {where.split(maxsplit=1)[1]}" if where else unit
    if _OWNER.match(parent) or _MINISTRY.match(parent) and _MINISTRY_UNIT.match(unit):
        return f"{unit} {parent}"
    where = _locality(parent)
    if not where:
        return unit
    if canonical(unit) == canonical("Văn phòng"):
        head = parent[:parent.find(where)].strip()
        if canonical(head) in (canonical("Ủy ban nhân dân"), canonical("UBND")):
            head = "UBND"
        return f"{unit} {head} {where}".replace("  ", " ")
    return f"{unit} {where}"


_LOCALITY = re.compile(r"\b(tỉnh|huyện|thành phố|thị xã|xã|phường|thị trấn|quận)\s+[A-ZĐÂĂÊÔƠƯ]\S*"
                       r"(?:\s+[A-ZĐÂĂÊÔƠƯ0-9]\S*)*")


def _locality(text: str) -> str | None:
    m = _LOCALITY.search(text)
    return m.group(0) if m else None


def _issuer_from_text(ex: Extraction, code: str | None, so_line: Line | None) -> None:
    f = ex.fields
    place = f["place"].value if "place" in f else None
    closing = next((l for l in reversed(ex.body_lines) if l.text.endswith("/.")), None)
    pattern = re.compile(r"^(Văn phòng (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)|Ủy ban nhân dân|"
                         r"Uỷ ban nhân dân|UBND|Công an|Sở [^,]+?)\s+(tỉnh|huyện|thành phố|thị xã)"
                         r"\s+(thông báo|ban hành|trân trọng)")
    if closing and place:
        m = pattern.match(closing.text)
        if m:
            office = m.group(1).replace("Uỷ", "Ủy").replace("Văn phòng Ủy ban nhân dân",
                                                             "Văn phòng UBND")
            evidence = closing.text[:m.end()] + "…"
            if so_line is not None:
                evidence = f"{so_line.text} / {f['place'].evidence} / {evidence}"
            f["issuer"] = Found(f"{office} {m.group(2)} {place}", evidence, closing.number)
            return
    if code and place:
        key = fold(code).upper().replace(" ", "")
        office = ISSUER_CODES.get(key) or ISSUER_CODES.get(code.replace(" ", ""))
        if office:
            f["issuer"] = Found(f"{office} tỉnh {place}",
                                f"{so_line.text} / {f['place'].evidence}", so_line.number)
            ex.notes.append("cơ quan ban hành suy ra từ ký hiệu số và địa danh: cần người xác nhận")


def _clean_recipient(text: str) -> str:
    text = re.sub(r"^[-+•–*]\s*", "", text.strip())
    return text.rstrip(" ;,.").strip()


def _closing_block(lines: list[Line], ex: Extraction) -> None:
    recipients: list[Line] = []
    signing: list[Line] = []
    tables = {l.cell[0] for l in lines if l.cell}
    columns = {l.cell[2] for l in lines if l.cell}
    if len(tables) == 1 and columns == {0, 1}:
        # Nơi nhận | signing block laid out in two columns: the columns say which is which,
        # even when the label "Nơi nhận:" itself did not survive (OCR of small italics).
        left = [l for l in lines if l.cell and l.cell[2] == 0]
        signing = [l for l in lines if not (l.cell and l.cell[2] == 0)]
        start = next((k for k, l in enumerate(left) if _RECIPIENTS.match(l.text)), None)
        if start is not None:
            label = _RECIPIENTS.match(left[start].text).group(1).strip()
            if label:
                recipients.append(Line([Run(label)], left[start].block, left[start].cell,
                                       left[start].number))
            left = left[start + 1:]
        else:
            left = left[next((k for k, l in enumerate(left)
                              if re.match(r"^[-+•–*]\s*\S", l.text)), len(left)):]
        for line in left:
            if recipients and not re.match(r"^[-+•–*]", line.text) and \
                    not recipients[-1].text.endswith((";", ".")):
                # a recipient wrapped onto the next line of its narrow column
                prev = recipients[-1]
                recipients[-1] = Line(prev.runs + [Run(" ")] + line.runs, prev.block, prev.cell,
                                      prev.number)
            elif sum(c.isalnum() for c in line.text) >= 2:
                recipients.append(line)
        _recipients_and_signer(recipients, signing, ex)
        return
    i = 0
    in_recipients = False
    recipients_cell = None
    while i < len(lines):
        line = lines[i]
        text = line.text
        m = _RECIPIENTS.match(text)
        if m:
            in_recipients = True
            recipients_cell = line.cell
            if m.group(1).strip():  # "Nơi nhận: - Như trên;" on one line
                recipients.append(Line([Run(m.group(1))], line.block, line.cell, line.number))
            i += 1
            continue
        if in_recipients:
            same_cell = recipients_cell is not None and line.cell == recipients_cell
            if re.match(r"^[-+•–*]\s*", text) or (same_cell and not _AUTHORITY.match(text)):
                recipients.append(line)
                i += 1
                continue
            in_recipients = False
        signing.append(line)
        i += 1
    _recipients_and_signer(recipients, signing, ex)


def _recipients_and_signer(recipients: list[Line], signing: list[Line], ex: Extraction) -> None:
    f = ex.fields
    if ex.ocr:
        recipients = _without_specks(recipients, ex)
    if recipients:
        values = [_clean_recipient(l.text) for l in recipients]
        values = [v for v in values if v]
        if values:
            f["recipients"] = Found(values, " / ".join(l.text for l in recipients),
                                    recipients[0].number)
    _signer(signing, ex)


def _without_specks(recipients: list[Line], ex: Extraction) -> list[Line]:
    """OCR specks in Nơi nhận read as short words ("Ko" 0% on a line of its own, "Công an
    tỉnh; Ta" 59%): dropped, and reported, only when every such word was read weakly and is
    at most three letters long, on a line with no dash of its own or after the item's ";".
    A line with a word read with confidence is kept as read (plausibility flags it)."""
    def specks(words: list[str], line: Line) -> bool:
        weak = {w for w, _ in line.weak}
        return bool(words) and all(w in weak and sum(c.isalnum() for c in w) <= 3
                                   for w in words)
    out = []
    for line in recipients:
        text = line.text
        if not re.match(r"^[-+•–*]", text) and specks(text.split(), line):
            ex.notes.append(f"bỏ vết bẩn ở nơi nhận (dòng {line.number}): «{text}»")
            continue
        head, sep, tail = text.partition(";")
        if sep and tail.strip() and specks(tail.split(), line):
            ex.notes.append(f"bỏ vết bẩn ở nơi nhận (dòng {line.number}): «{tail.strip()}»")
            line = Line([Run(head + sep)], line.block, line.cell, line.number, line.weak)
        out.append(line)
    return out


def _signer(lines: list[Line], ex: Extraction) -> None:
    lines = [l for l in lines if not _NOTE_LINE.match(l.text)
             and not re.match(r"^(đã ký|\[?chữ ký)", l.text, re.IGNORECASE)
             and sum(c.isalnum() for c in l.text) >= 3]  # a stamp or signature read as "F"
    if not lines:
        return
    authorities: list[Line] = []
    k = 0
    while k < len(lines) and _AUTHORITY.match(lines[k].text):
        authorities.append(lines[k])
        k += 1
    uppers = []
    while k + len(uppers) < len(lines) - 1 and _is_upper(_words_only(lines[k + len(uppers)].text)):
        uppers.append(lines[k + len(uppers)])
    if len(uppers) > 1 and authorities:
        # A long authority wraps in its cell ("KT. BỘ TRƯỞNG, CHỦ" / "NHIỆM" / "PHÓ CHỦ
        # NHIỆM"): a line that completes the authority into a known title belongs to it.
        joined = authorities[-1].text + " " + " ".join(u.text for u in uppers[:-1])
        last = re.split(r"[.,]\s*", joined)[-1]
        if known_title(office_case(last)) == office_case(last):
            authorities[-1] = Line([Run(joined)], authorities[-1].block, authorities[-1].cell,
                                   authorities[-1].number)
            k += len(uppers) - 1
    title_line = lines[k] if k < len(lines) and _is_upper(_words_only(lines[k].text)) \
        and len(lines) > k + 1 else None
    rest = lines[k + (1 if title_line else 0):]
    name_line = next((l for l in reversed(rest) if _looks_like_name(_RANK.sub("", l.text))),
                     None)
    if name_line is None:
        return
    signer = {"name": name_case(_RANK.sub("", name_line.text))}
    evidence = [name_line.text]
    if title_line is not None:
        signer["title"] = _ocr_title(office_case(_words_only(title_line.text)), ex)
        evidence.insert(0, title_line.text)
    if authorities:
        parts = []
        for a in authorities:
            # "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH" on one line is two authorities.
            for piece in re.split(r",\s*(?=(?:KT|TL|TM|TUQ|T/M|Q)\s*\.)", a.text):
                m = _AUTHORITY.match(piece.strip())
                if m:
                    parts.append(f"{m.group(1).upper().replace('/', '')}. "
                                 f"{_ocr_title(office_case(m.group(2)), ex)}")
        signer["authority"] = ", ".join(parts)
        evidence = [a.text for a in authorities] + evidence
    ex.fields["signer"] = Found(signer, " / ".join(evidence),
                                (authorities or [title_line or name_line])[0].number)


def _ocr_title(title: str, ex: Extraction) -> str:
    """In OCR text, a signing title a letter or two away from one of the titles Decree 30
    documents are signed with is that title ("Gluam đọc" → "Giám đốc"); reported."""
    if not ex.ocr:
        return title
    fixed = known_title(title)
    if fixed and fixed != title:
        ex.notes.append(f"sửa lỗi nhận dạng chữ ở khối chữ ký: «{title}» → «{fixed}»: cần người "
                        "đối chiếu bản gốc")
        return fixed
    return title


def _words_only(text: str) -> str:
    """A title in capitals without the stray marks OCR reads into it ("PHÓ 5 CHÁNH …")."""
    return " ".join(w for w in text.split() if len(w) > 1 or w.isupper() and w.isalpha()
                    and w not in "XIV") if len(text.split()) > 1 else text


# A military or police rank printed before the signer's name ("Đại tá Nguyễn Văn Hận").
_RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+", re.IGNORECASE)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or any(c.isdigit() for c in text):
        return False
    return all(w[:1].isupper() for w in words) and not _AUTHORITY.match(text)


# --- meeting ------------------------------------------------------------------------------
# "Ngày 12 tháng 7 năm 2024, …", "Chiều ngày 12/7/2024, …", "Vào lúc 14 giờ ngày 12/7/2024, …"
_OPENING = re.compile(r"^(?:Vào\s+)?(?:lúc\s+[\d\s]+(?:giờ|h)[\s\d]*(?:phút)?,?\s*)?"
                      r"(?:(?:Sáng|Chiều|Tối|Trưa)\s+)?(?:ngày\s+)?(?:"
                      r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4}))"
                      r"\s*,\s*(.*)$", re.IGNORECASE)


def parse_meeting(text: str) -> dict | None:
    """The opening "Ngày 12 tháng 7 năm 2024, tại …, Phó Chủ tịch UBND tỉnh … chủ trì …"."""
    m = _OPENING.match(text)
    if not m:
        return None
    g = m.groups()
    day, month, year = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
    try:
        meeting: dict[str, Any] = {"date": dt.date(int(year), int(month), int(day))}
    except ValueError:
        return None
    rest = m.group(7)
    sentence = re.split(r"(?<=[.;])\s", rest, maxsplit=1)[0]
    location = None
    chair_part = sentence
    if sentence.startswith("tại "):
        # The location runs to the comma where the chair (an honorific or a title) begins.
        cut = None
        for c in re.finditer(r",\s+", sentence):
            after = sentence[c.end():]
            if _HONORIFIC.match(after) or _TITLE_WORDS.match(after) or _CHAIRED_BY.match(after):
                cut = c
                break
        if cut:
            location = sentence[4:cut.start()]
            chair_part = sentence[cut.end():]
    chair, title = _chair(chair_part)
    if location is None:
        verb = _MEETING_VERBS.search(chair_part)
        tail = chair_part[verb.end():] if verb else chair_part
        t = re.search(r"\btại\s+(.+?)\.?$", tail)
        if t:
            location = t.group(1).rstrip(".")
    if location:
        location = _trim_location(location)
    if not chair and not location:
        return None  # a dated opening that names no meeting ("Ngày …, UBND tỉnh nhận được …")
    if location:
        meeting["location"] = _normalise_office(location.strip())
    if chair:
        meeting["chair"] = chair
    title = (title or "").rstrip(" .;:")     # the sentence's full stop is not the title's
    if title:
        meeting["chair_title"] = _normalise_office(title)
    return meeting


_TITLE_STUBS = {"Phó", "Chủ", "Thủ", "Bộ", "Thứ", "Giám", "Chánh", "Trưởng", "Tổ", "Cục", "Bí"}


def _trim_location(text: str) -> str:
    """Keep "Phòng họp số 1, trụ sở UBND tỉnh" or "…, huyện Châu Thành"; stop at a new clause."""
    parts = text.strip().rstrip(".").split(", ")
    # A lone title word at the end ("…, Phó") is the start of the chair's title cut off,
    # never part of a place.
    while len(parts) > 1 and parts[-1] in _TITLE_STUBS:
        parts.pop()
    kept = [parts[0]]
    for part in parts[1:]:
        if part[:1].isupper() or re.match(r"(trụ sở|tầng|số|huyện|thị xã|thành phố|xã|phường|"
                                          r"thị trấn|tỉnh|quận|ấp|khu vực)\b", part):
            kept.append(part)
        else:
            break
    return ", ".join(kept)


def _normalise_office(text: str) -> str:
    # The archive writes the provincial People's Committee as "UBND" in these fields.
    return re.sub(r"\b(?:Ủy|Uỷ) ban nhân dân (tỉnh|huyện|thành phố|thị xã)\b", r"UBND \1", text)


def _chair(part: str) -> tuple[str | None, str | None]:
    by = _CHAIRED_BY.match(part)  # "dưới sự chủ trì của đồng chí …"
    if by:
        part = part[by.end():]
    h = _HONORIFIC.match(part)
    if h:  # "đồng chí Trần Minh Luân, Phó Chủ tịch UBND tỉnh, Tổ trưởng …"
        rest = part[h.end():]
        name = re.match(r"((?:[A-ZĐÀ-Ỹ][^\s,]*\s*){2,5}?)(?=,|\s+[a-zđà-ỹ]|$)", rest)
        if not name:
            return None, None
        after = rest[name.end():].lstrip(", ")
        title = re.split(r",|\s+(?:chủ trì|dẫn đầu|tham dự|làm việc|chủ tọa)\b", after)[0]
        return name.group(1).strip(), title.strip() or None
    t = _TITLE_WORDS.match(part)
    if not t:
        return None, None
    words = part.split(" ")
    # Title then name: the name is the run of capitalised words that starts with a surname.
    for i, w in enumerate(words):
        if w.strip(",") in SURNAMES and i > 0:
            run = []
            for w2 in words[i:]:
                core = w2.rstrip(",")
                if core[:1].isupper() and not core.isupper():
                    run.append(core)
                    if w2.endswith(","):
                        break
                else:
                    break
            if len(run) >= 2:
                return " ".join(run), " ".join(words[:i]).rstrip(",")
    # An uncommon surname: the last run of two to four capitalised words before a verb or comma.
    m = re.match(r"(.+?)\s+((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){1,3}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)"
                 r"(?=,|\s+(?:chủ trì|dẫn đầu|tham dự|làm việc|chủ tọa|đã|có)\b)", part)
    if m and _TITLE_WORDS.match(m.group(1)):
        return m.group(2), m.group(1)
    return None, None
