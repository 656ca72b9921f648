"""Decree 30/2020/NĐ-CP form rules: the number's shape, dates, and the signing block.

Errors are things that make the archive wrong (a number that cannot be read, a type code that
contradicts `type`, a date in the future, a meeting after the notice). Real documents depart
from the style rules often (no leading zero, a space inside the symbol, `tháng 09`), so those
are warnings an editor may keep.

Symbols are compared exactly as written: the codes mix case (CTr, QyĐ, TTr), so nothing is
upper-cased before it is checked.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..diagnostics import ERROR, WARNING, Diagnostic
from ..model import DOCUMENT_TYPES, Notice
from ..text import fold

# <digits>/<type>-<issuer>, optionally with the year in the middle (legal normative documents:
# 84/2012/QĐ-UBND). The digits may be blank only on a draft (the seed's "Số: /TB-VP UBND").
NUMBER = re.compile(r"^(?P<digits>[0-9]{0,9})/(?:(?P<year>[0-9]{4})/)?(?P<symbol>[^/\s]+)$")
# Party documents put the type before the slash (2927-TB/TU): another scheme, out of scope.
PARTY_NUMBER = re.compile(r"^[0-9]+-[^/\s]+/[^/\s]+$")

TYPE_BY_CODE = {code: slug for slug, (code, _) in DOCUMENT_TYPES.items() if code}
# Copies carry their own codes (bản sao y, trích sao, sao lục); the archive keeps originals.
COPY_CODES = {"SY": "sao y", "TrS": "trích sao", "SL": "sao lục"}

AUTHORITY_PREFIXES = ("KT.", "TL.", "TM.", "Q.", "TUQ.")
_AUTHORITY = re.compile(r"^(KT|TL|TM|Q|TUQ)\. \S")
_STACK = re.compile(r"[/;|]")
_AUTHORITY_LOOSE = re.compile(r"^(kt|tl|tm|q|tuq)\s*[.:]?\s*(?=\S)", re.IGNORECASE)

# "ngày 05 tháng 3 năm 2024" in the body (Decree 30: days < 10 and months 1–2 take a zero).
_FULL_DATE = re.compile(r"\b[Nn]gày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})\b")


def _at(notice: Notice, key: str, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(notice.source, notice.lines.get(key, 1), 1, severity, code, message, key)


def check_form(notice: Notice, today: dt.date) -> Iterator[Diagnostic]:
    """The rules that depend on the day they run (a date may not lie in the future)."""
    yield from _dates(notice, today)


def check_form_of_text(notice: Notice) -> Iterator[Diagnostic]:
    """The rules that depend on the notice alone (memoised per file with the other such rules)."""
    yield from _number(notice)
    yield from _signer(notice)
    yield from _body_dates(notice)
    yield from _body_blocks(notice)
    yield from _review(notice)
    if notice.status != "draft" and not notice.body.strip():
        yield Diagnostic(notice.source, notice.body_line, 1, ERROR, "NA108",
                         "thông báo đã ban hành nhưng không có nội dung; dán nội dung văn bản "
                         "sau dòng '---' đóng front matter", "body")


def _number(notice: Notice) -> Iterator[Diagnostic]:
    raw = notice.number
    if not raw:
        return
    if " " in raw:
        yield _at(notice, "number", WARNING, "NA404",
                  f'số ký hiệu "{raw}" có khoảng trắng; viết liền: "{raw.replace(" ", "")}"')
    compact = raw.replace(" ", "")
    match = NUMBER.match(compact)
    if match is None:
        if PARTY_NUMBER.match(compact):
            why = ("là kiểu số của văn bản Đảng (số-loại/cơ quan), chưa được hỗ trợ; "
                   "kho này dùng dạng <số>/<mã loại>-<mã cơ quan>")
        else:
            why = ("không đúng dạng <số>/<mã loại>-<mã cơ quan> (ví dụ 125/TB-VPUBND, "
                   "công văn: 3653/UBND-TNMT)")
        yield _at(notice, "number", ERROR, "NA401", f'số ký hiệu "{raw}" {why}')
        return
    digits, year, symbol = match["digits"], match["year"], match["symbol"]
    if not digits:
        if notice.status != "draft":
            yield _at(notice, "number", ERROR, "NA401",
                      f'số ký hiệu "{raw}" để trống số thứ tự; chỉ dự thảo (status: draft) mới '
                      "được để trống, hãy điền số đã cấp")
    elif int(digits) == 0:
        yield _at(notice, "number", ERROR, "NA401",
                  f'số thứ tự trong "{raw}" phải từ 1 trở lên')
    elif len(digits) == 1:
        yield _at(notice, "number", WARNING, "NA403",
                  f'số nhỏ hơn 10 viết có số 0 đứng trước: "0{compact}"')
    elif digits.startswith("0") and int(digits) >= 10:
        yield _at(notice, "number", WARNING, "NA403",
                  f'số "{digits}" có số 0 thừa; viết "{compact.lstrip("0")}"')
    if year and notice.date and int(year) != notice.date.year:
        yield _at(notice, "number", ERROR, "NA409",
                  f'năm {year} trong số ký hiệu "{raw}" khác năm ban hành {notice.date.year} '
                  '(trường "date"); sửa một trong hai')
    yield from _symbol(notice, raw, symbol)


def _symbol(notice: Notice, raw: str, symbol: str) -> Iterator[Diagnostic]:
    expected = DOCUMENT_TYPES.get(notice.type, (None, ""))[0]
    code, dash, issuer = symbol.partition("-")
    if notice.type == "cong-van":
        if code in TYPE_BY_CODE or code in COPY_CODES:
            yield _at(notice, "number", ERROR, "NA402",
                      f'công văn không có mã loại trong số ký hiệu, nhưng "{raw}" mang mã '
                      f'"{code}"; sửa "type" hoặc số ký hiệu (công văn: 3653/UBND-TNMT)')
        return
    if not dash or not code or not issuer:
        dashes = [ch for ch in "–—‐‑−" if ch in symbol]
        hint = (f'; dùng dấu gạch nối "-" thay cho "{dashes[0]}"' if dashes else
                f" (ví dụ .../{expected or 'TB'}-UBND)")
        yield _at(notice, "number", ERROR, "NA401",
                  f'số ký hiệu "{raw}" thiếu phần <mã loại>-<mã cơ quan> sau dấu "/"{hint}')
        return
    if code == expected:
        return
    if code in COPY_CODES:
        yield _at(notice, "number", ERROR, "NA402",
                  f'mã "{code}" trong "{raw}" là mã bản {COPY_CODES[code]}, không phải mã loại '
                  f'văn bản; số của bản gốc ({notice.type_name}) mang mã "{expected}"')
    elif code in TYPE_BY_CODE:
        other = TYPE_BY_CODE[code]
        yield _at(notice, "number", ERROR, "NA402",
                  f'mã "{code}" trong số "{raw}" là của {DOCUMENT_TYPES[other][1].lower()} '
                  f'({other}) nhưng "type" là {notice.type} (mã "{expected}"); sửa "type" hoặc '
                  "số ký hiệu")
    elif expected and fold(code).casefold() == fold(expected).casefold():
        yield _at(notice, "number", WARNING, "NA405",
                  f'mã loại "{code}" trong "{raw}" viết sai hoa/thường hoặc thiếu dấu; viết '
                  f'đúng như Nghị định 30: "{expected}"')
    else:
        yield _at(notice, "number", ERROR, "NA402",
                  f'mã "{code}" trong số "{raw}" không phải mã loại của {notice.type} '
                  f'(cần "{expected}", ví dụ 125/{expected}-{issuer}); sửa số hoặc "type"')


def _dates(notice: Notice, today: dt.date) -> Iterator[Diagnostic]:
    if notice.date and notice.date > today:
        yield _at(notice, "date", ERROR, "NA406",
                  f"ngày ban hành {notice.date:%d/%m/%Y} ở tương lai (hôm nay {today:%d/%m/%Y}); "
                  "kiểm tra lại năm/tháng")
    meeting = notice.meeting.date if notice.meeting else None
    if meeting and meeting > today:
        yield _at(notice, "meeting.date", ERROR, "NA406",
                  f"ngày họp {meeting:%d/%m/%Y} ở tương lai (hôm nay {today:%d/%m/%Y}); "
                  "kiểm tra lại năm/tháng")
    if meeting and notice.date and meeting > notice.date:
        yield _at(notice, "meeting.date", ERROR, "NA407",
                  f"ngày họp {meeting:%d/%m/%Y} sau ngày ban hành {notice.date:%d/%m/%Y}; thông "
                  "báo kết luận chỉ ban hành sau cuộc họp, sửa một trong hai ngày")


def _signer(notice: Notice) -> Iterator[Diagnostic]:
    """A signing stack may be written on one line: "TM. Ủy ban nhân dân / KT. Chủ tịch"."""
    signer = notice.signer
    if signer is None or not signer.authority:
        return
    lines = [part.strip() for part in _STACK.split(signer.authority) if part.strip()]
    for line in lines:
        if _AUTHORITY.match(line):
            continue
        loose = _AUTHORITY_LOOSE.match(line)
        if loose:
            hint = f'viết "{loose.group(1).upper()}. {line[loose.end():]}"'
        else:
            hint = ("bắt đầu bằng một trong " + ", ".join(AUTHORITY_PREFIXES)
                    + ' (ví dụ "KT. Chánh Văn phòng")')
        yield _at(notice, "signer.authority", WARNING, "NA408",
                  f'dòng thẩm quyền ký "{line}" không theo mẫu; {hint}')
        return
    if not lines:  # an authority of separators only ("/"): nothing to compare the title with
        return
    last = lines[-1]
    if last.startswith("KT. ") and signer.title:
        principal = last[4:].strip()
        # "KT. Bộ trưởng, Chủ nhiệm" (a minister heading the Office): the deputy is "Phó Chủ
        # nhiệm", a deputy of one of the offices named; "Phó Bộ trưởng, Chủ nhiệm" is no title.
        offices = [p.strip() for p in principal.split(",") if p.strip()] or [principal]
        expected = f"Phó {offices[-1]}"
        title = fold(" ".join(signer.title.split())).casefold()
        if all(title != fold(f"Phó {office}").casefold() for office in offices + [principal]):
            yield _at(notice, "signer.title", WARNING, "NA410",
                      f'ký thay (KT. {principal}) thì chức vụ người ký là cấp phó: "{expected}", '
                      f'không phải "{signer.title}"')


def _body_dates(notice: Notice) -> Iterator[Diagnostic]:
    for offset, line in enumerate(notice.body.split("\n")):
        if "gày" not in line:
            continue  # the pattern is tried at every position; most lines have no date
        for match in _FULL_DATE.finditer(line):
            day, month, _ = match.groups()
            problems = []
            if not 1 <= int(day) <= 31 or not 1 <= int(month) <= 12:
                problems.append("ngày hoặc tháng không tồn tại")
            else:
                if len(day) == 1:
                    problems.append(f"ngày nhỏ hơn 10 viết 0{day}")
                if int(month) <= 2 and len(month) == 1:
                    problems.append(f"tháng {month} viết 0{month}")
                if int(month) >= 3 and month.startswith("0"):
                    problems.append(f"tháng {month} viết {int(month)}")
            if problems:
                yield Diagnostic(notice.source, notice.body_line + offset, match.start() + 1,
                                 WARNING, "NA411", f'ngày viết "{match.group(0)}": '
                                 + "; ".join(problems) + " (Nghị định 30/2020/NĐ-CP)", "body")


# Marks that belong to the document's header, printed above the number (Decree 30, Phụ lục I).
SECRECY_MARKS = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
URGENCY_MARKS = ("HỎA TỐC", "HOẢ TỐC", "THƯỢNG KHẨN", "KHẨN")
# Stripped with str methods: a regex "[\s*_]+$" is tried at every space of a long run.
_LEADING_MARKS = " \t\r\f\v\xa0*_#>"
_TRAILING_MARKS = " \t\r\f\v\xa0*_"
_HEADER_LINE = re.compile(r"^(Số|Số, ký hiệu)\s*:\s*\S*/|^Nơi nhận\s*:|"
                          r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
                          r"^CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
                          r"^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc")
_SIGNING_LINE = re.compile(r"^(KT|TL|TM|Q|TUQ)\.\s+\S")


def _body_blocks(notice: Notice) -> Iterator[Diagnostic]:
    """The header and signing blocks are rendered from the front matter, never kept in the body;
    a secrecy mark pasted with them says the notice must not be public."""
    for offset, raw in enumerate(notice.body.split("\n")):
        line = raw.lstrip(_LEADING_MARKS).rstrip(_TRAILING_MARKS)
        if not line:
            continue
        where = notice.body_line + offset
        if line in SECRECY_MARKS and notice.classification != "secret":
            yield Diagnostic(notice.source, where, 1, ERROR, "NA412",
                             f'văn bản mang dấu độ mật "{line}" nhưng classification là '
                             f'"{notice.classification}"; đặt classification: secret (không xuất '
                             "bản) hoặc xóa dấu nếu đã được giải mật", "classification")
        elif line in URGENCY_MARKS or _HEADER_LINE.match(line) or (
                _SIGNING_LINE.match(line) and line.isupper()):
            yield Diagnostic(notice.source, where, 1, WARNING, "NA413",
                             f'dòng "{line[:60]}" thuộc phần đầu/cuối văn bản (số ký hiệu, '
                             "độ khẩn, nơi nhận, chữ ký); trang tự dựng phần này từ front matter, hãy xóa "
                             "khỏi nội dung", "body")


def _review(notice: Notice) -> Iterator[Diagnostic]:
    """An import left fields it was unsure of: each stays a warning until a person clears it."""
    if not notice.review:
        return
    yield _at(notice, "review", WARNING, "NA416",
              "lệnh nhập chưa chắc chắn các trường: " + ", ".join(notice.review)
              + "; đối chiếu từng trường với bản gốc (xem ghi chú # cần đối chiếu), sửa nếu "
              "sai rồi xóa tên trường khỏi review (xóa cả review khi danh sách rỗng)")
