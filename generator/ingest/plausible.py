"""Is each key field an import found plausible? Every doubt is named, with its reason.

Page confidence says little about one field: Tesseract reads a word moved between two skewed
lines at 96%. So each key field is checked on its own terms (its words are Vietnamese
syllables, the OCR read its words with confidence, the number's codes agree with the type and
the issuer, the date is real and in order with the dates the text cites, the issuer holds no
motto, the signer's name looks like a name) and a field that fails any check is *uncertain*:
the writer keeps the notice a draft and lists the field under `review:`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable

from ..model import DOCUMENT_TYPES
from ..text import fold
from .casing import SIGNING_TITLES
from .extract import ISSUER_CODES, SURNAMES, Found
from .lines import Source
from .syllables import is_syllable, odd_words

# The labels a person reads, per field checked (report and YAML comment).
KEY_FIELDS = ("number", "type", "date", "issuer", "title", "signer.name", "signer.title",
              "signer.authority", "recipients", "body")
_MOTTO_WORDS = ("cong hoa xa hoi", "xa hoi chu nghia", "chu nghia viet nam", "doc lap",
                "tu do", "hanh phuc")
_TYPE_CODES = {code: slug for slug, (code, _) in DOCUMENT_TYPES.items() if code}
_TYPE_CODES_FOLDED = {fold(code).upper(): code for code in _TYPE_CODES}
_NUMBER = re.compile(r"^(\d{1,6})/(?:(\d{4})/)?([^/\s]+)$")
_CITED_DATE = re.compile(r"\bsố\s+\S+/\S+\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*"
                         r"(?:/|năm)\s*(\d{4})", re.IGNORECASE)
_DATE_INTRUDER = re.compile(r"\b(?:ngày|tháng|năm)\s+([^\d\s,.;:]+)\s+\d{1,4}\b", re.IGNORECASE)
_DATE_WORDS = {"ngày", "tháng", "năm", "trước", "sau", "đến", "từ", "và", "hoặc"}
_TITLE_WORDS = {fold(w) for w in ("chủ tịch", "giám đốc", "phó", "chánh", "trưởng", "văn phòng",
                                  "bộ trưởng", "thủ tướng", "ủy viên", "bí thư", "tổng",
                                  "cục", "vụ", "sở", "ban", "ủy ban", "chất lượng", "nâng cao",
                                  "đồng chí", "ông", "bà", "thông báo", "quyết định")}
_AUTHORITY = re.compile(r"^(KT|TL|TM|Q|TUQ)\. \S")
# How signing titles open ("Phó", "Chủ", "Giám", "Tư lệnh"): another first word is a misread.
_TITLE_OPENERS = {fold(t.split()[0]) for t in SIGNING_TITLES} | {"tu", "dai", "tong", "thuong"}
OCR_DOUBT = 80.0   # an OCR word read below this confidence puts its field in doubt
# Issuer words that printed headers abbreviate: "Văn phòng UBND tỉnh" → "VPUBND".
_ABBREVIATIONS = {"uy ban nhan dan": "UBND", "hoi dong nhan dan": "HĐND"}


def check_fields(data: dict[str, Any], found: dict[str, Found], body: str, source: Source,
                 known_codes: Iterable[str] = (), today: dt.date | None = None
                 ) -> dict[str, list[str]]:
    """Field → the reasons it is in doubt (Vietnamese), for every key field that has one."""
    today = today or dt.date.today()
    doubts: dict[str, list[str]] = {}

    def doubt(key: str, reason: str) -> None:
        doubts.setdefault(key, [])
        if reason not in doubts[key]:
            doubts[key].append(reason)

    ocr = source.ocr
    weak = _weak_words(source)
    lines = {line.number: line for line in source.lines}

    def words_check(key: str, text: str, evidence: Found | None) -> None:
        odd = odd_words(text, lenient_ascii=not ocr)
        if odd:
            doubt(key, "có chữ không phải âm tiết tiếng Việt: " + ", ".join(
                f"«{w}»" for w in odd[:5]))
        if evidence is not None and weak:
            low = _weak_in(text, _evidence_lines(evidence, lines), weak)
            if low:
                doubt(key, "nhận dạng chữ (OCR) không chắc: " + ", ".join(
                    f"«{w}» {c:.0f}%" for w, c in low[:5]))

    number = data.get("number")
    if number:
        words_check("number", number, found.get("number"))
        for reason in _number_doubts(number, data, known_codes):
            doubt("number", reason)
            if reason.startswith("mã cơ quan") and data.get("issuer"):
                # Two fields disagree: either may be the misread one, so both are in doubt.
                doubt("issuer", reason)
    elif "number" in found:
        doubt("number", "đọc được dòng Số nhưng không tách được số, ký hiệu")
    doc_type = data.get("type")
    if doc_type and number:
        code = _type_code_of(number)
        expected = DOCUMENT_TYPES.get(doc_type, (None, ""))[0]
        if expected and code and code != expected:
            doubt("type", f"loại văn bản «{DOCUMENT_TYPES[doc_type][1]}» nhưng mã loại trong "
                          f"số là «{code}»")
    date = data.get("date")
    if isinstance(date, dt.date):
        if date > today:
            doubt("date", f"ngày ban hành {date:%d/%m/%Y} sau ngày hôm nay")
        cited = [d for d in _cited_dates(body) if d > date]
        if cited:
            doubt("date", f"văn bản dẫn một văn bản ngày {max(cited):%d/%m/%Y}, sau ngày ban "
                          f"hành {date:%d/%m/%Y}")
        year = _number_year(number)
        if year and year != date.year:
            doubt("date", f"năm trong số ({year}) khác năm ban hành ({date.year})")
        meeting = data.get("meeting") or {}
        if isinstance(meeting.get("date"), dt.date) and meeting["date"] > date:
            doubt("date", "ngày họp sau ngày ban hành")
        if ocr and found.get("date"):
            evidence = found["date"].evidence
            odd = odd_words(evidence, lenient_ascii=False)
            if odd:
                doubt("date", "có chữ không phải âm tiết tiếng Việt: " + ", ".join(
                    f"«{w}»" for w in odd[:5]))
            # The value is its digits: a place name or "ngày" read weakly ("Bắc" 66%) says
            # nothing about them, a weak "2l" does.
            digits = " ".join(t for t in evidence.split() if any(c.isdigit() for c in t))
            low = _weak_in(digits, _evidence_lines(found["date"], lines), weak) if digits else []
            if low:
                doubt("date", "nhận dạng chữ (OCR) không chắc: " + ", ".join(
                    f"«{w}» {c:.0f}%" for w, c in low[:5]))
    elif "date" in found:
        doubt("date", "ngày ban hành không đọc được thành một ngày có thật")
    issuer = data.get("issuer")
    if issuer:
        folded = fold(issuer)
        if any(m in folded for m in _MOTTO_WORDS):
            doubt("issuer", "có lẫn Quốc hiệu hoặc tiêu ngữ (hai cột đầu văn bản bị ghép)")
        if re.search(r"[_|]|(?<!\S)-|\s-\s", issuer) or issuer[:1].islower():
            doubt("issuer", "có ký tự lạ hoặc viết thường ở đầu")
        words_check("issuer", issuer, found.get("issuer"))
        code = _issuer_code(number, doc_type)
        tail = issuer_tail(issuer, code) if code else None
        if tail:
            doubt("issuer", f"sau tên cơ quan ({code}) còn chữ thừa «{tail}»")
    title = data.get("title")
    if title:
        words_check("title", title, found.get("title"))
        folded = fold(title)
        if any(m in folded for m in _MOTTO_WORDS) or re.search(r"\bso\s*:", folded):
            doubt("title", "có lẫn phần đầu văn bản (Quốc hiệu, Số:)")
        if re.search(r"\b(?:UY BAN NHAN DAN|UBND|HOI DONG NHAN DAN)\s+(?:TINH|THANH PHO|HUYEN)\b",
                     fold(title).upper()) and _upper_tail(title):
            doubt("title", "cuối trích yếu có tên cơ quan viết hoa (dòng thẩm quyền của quyết "
                           "định bị ghép vào)")
        if ocr and (re.search(r"['`´‘’^~\\\[\]{}<>]", title) or title.rstrip().endswith(".")):
            doubt("title", "có dấu lạ hoặc dấu chấm cuối trích yếu (vết bẩn đọc thành dấu)")
        if len(title.split()) < 3:
            doubt("title", "trích yếu quá ngắn")
        if ocr and re.search(r"(?<![\wÀ-ỹ])[a-zà-ỹđ]+,?\s[-–]\s[A-ZÀ-ỸĐ]", title):
            # "doanh nghiệp - Về giải quyết …": a speck read as a dash where the trích yếu
            # wraps (the next word misread in capitals too); a heading's dash joins two names.
            doubt("title", "có gạch ngang giữa hai dòng trích yếu (vết bẩn đọc thành dấu)")
    for key in ("number", "issuer", "title", "place"):
        # A dash between two lower-case words ("làm việc - về"): a speck; "Cần Thơ - Cà Mau",
        # "2025 - 2030", "Sông Hậu - giai đoạn 1" are real.
        if isinstance(data.get(key), str) and re.search(
                r"[_|~^]|(?<![\wÀ-ỹ])[a-zà-ỹđ]+\s[-–]\s[a-zà-ỹđ]", data[key]):
            doubt(key, "có dấu lạ (vết bẩn, nét gạch đọc thành chữ)")
    place = data.get("place")
    province = re.search(r"\b(?:tỉnh|thành phố)\s+(.+)$", issuer or "")
    if place and province and not fold(place).endswith(fold(province.group(1))) and \
            not fold(province.group(1)).endswith(fold(place)):
        doubt("issuer", f"địa danh trong tên cơ quan «{province.group(1)}» khác địa danh ghi "
                        f"ngày «{place}»")
    signer = data.get("signer") or {}
    if signer.get("name"):
        for reason in _name_doubts(signer["name"]):
            doubt("signer.name", reason)
        if found.get("signer") and weak:
            low = _weak_in(signer["name"], _evidence_lines(found["signer"], lines), weak)
            if low:
                doubt("signer.name", "nhận dạng chữ (OCR) không chắc: " + ", ".join(
                    f"«{w}» {c:.0f}%" for w, c in low[:5]))
    for part in ("title", "authority"):
        value = signer.get(part)
        if value:
            words_check(f"signer.{part}", value, found.get("signer"))
            if any(c.isdigit() for c in value):
                doubt(f"signer.{part}", "có chữ số")
    if signer.get("title") and fold(signer["title"].split()[0]) not in _TITLE_OPENERS:
        doubt("signer.title", f"«{signer['title']}» không mở đầu như một chức danh ký văn bản")
    if signer.get("title") and fold(signer["title"].split()[-1]) in _TITLE_STUBS:
        # "Phó Chánh", "Phó chủ": a title cut where its line ended (the rest read elsewhere)
        doubt("signer.title", f"«{signer['title']}» là chức danh bị cắt dở")
    if signer.get("authority") and not all(
            _AUTHORITY.match(a.strip()) for a in re.split(r"[/;]", signer["authority"])):
        doubt("signer.authority", "không bắt đầu bằng KT., TL., TM., Q. hoặc TUQ.")
    if signer.get("name") and not signer.get("title"):
        doubt("signer.title", "không đọc được chức vụ người ký (văn bản nào cũng ghi)")
    if ocr and found.get("recipients") and data.get("recipients") and \
            found["recipients"].evidence.rstrip().endswith((";", ",")):
        # The last Nơi nhận ends in "." ("- Lưu: VT, NC."); read ending in ";" ("- Lưu: VT;"),
        # the rest of it or a last line was lost.
        doubt("recipients", "dòng nơi nhận cuối không kết thúc bằng dấu chấm: có thể thiếu chữ "
                            "hoặc thiếu dòng")
    for item in data.get("recipients") or []:
        words_check("recipients", item, found.get("recipients"))
        if ";" in item.rstrip(";"):
            doubt("recipients", f"«{item}» có hai nơi nhận trên một dòng (hoặc chữ lạ sau "
                                "dấu chấm phẩy)")
        if item[:1].islower() or re.search(r"[_|~^]", item):
            doubt("recipients", f"«{item}» không giống một nơi nhận (chữ thường ở đầu hoặc dấu "
                                "lạ: dòng bị tách hay vết bẩn)")
    odd = odd_words(body, lenient_ascii=not ocr)
    intruders = [m.group(0) for m in _DATE_INTRUDER.finditer(body)
                 if m.group(1).lower() not in _DATE_WORDS and not m.group(1)[0].isupper()]
    if odd:
        doubt("body", "có chữ không phải âm tiết tiếng Việt: " + ", ".join(
            f"«{w}»" for w in odd[:5]))
    if intruders:
        doubt("body", "ngày tháng có chữ lạ chen vào: " + ", ".join(
            f"«{w}»" for w in intruders[:3]))
    very_weak = [(w, c) for w, c in weak if c < 50 and sum(ch.isalnum() for ch in w) >= 2]
    if very_weak:
        doubt("body", "có chữ nhận dạng (OCR) rất không chắc: " + ", ".join(
            f"«{w}» {c:.0f}%" for w, c in very_weak[:5]))
    return doubts


# Words no signing title ends in: a title cut short ("Phó Chánh" of "Phó Chánh Văn phòng").
_TITLE_STUBS = {"pho", "chanh", "chu", "giam", "tong", "cuc", "chi"}   # not "thu": Bí thư


def _weak_words(source: Source) -> list[tuple[str, float]]:
    return [item for line in source.lines for item in line.weak]


def _evidence_lines(found: Found, lines: dict) -> list:
    """The original's lines a value was read from: its own line, or those its evidence joins."""
    parts = {" ".join(p.split()) for p in found.evidence.split(" / ") if p.strip()}
    return [line for number, line in lines.items()
            if number == found.line or line.text and line.text in parts]


def _weak_in(text: str, lines: list, weak: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Weak words of `lines` that ended up in the value `text`."""
    value_words = {fold(w.strip("\"'“”(),.;:")) for w in text.split()}
    out = []
    for line in lines:
        for word, conf in line.weak:
            if fold(word.strip("\"'“”(),.;:")) in value_words and conf < OCR_DOUBT:
                out.append((word, conf))
    return out


def _type_code_of(number: str) -> str | None:
    m = _NUMBER.match(number)
    if not m:
        return None
    first = m.group(3).split("-")[0]
    return _TYPE_CODES_FOLDED.get(fold(first).upper()) if "-" in m.group(3) else None


def _number_year(number: str | None) -> int | None:
    m = _NUMBER.match(number or "")
    return int(m.group(2)) if m and m.group(2) else None


_PLACE_WORDS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")


_PARENTS = ("ubnd", "hdnd")


def issuer_tail(issuer: str, code: str) -> str | None:
    """Words after the part of the issuer its number's code abbreviates that are neither a
    place ("tỉnh Lào Cai") nor empty: a stray word such as the motto's "nam"."""
    words = issuer.split()
    key = fold(code).upper()
    for end in range(len(words), 0, -1):
        if max(_initials(" ".join(words[:end])), key=len) == key:
            rest = words[end:]
            if not rest:
                return None
            if fold(rest[0]) in _PARENTS and len(rest) > 1:
                rest = rest[1:]   # "Văn phòng" (VP) of "UBND tỉnh Lạng Sơn": its parent body
            head = fold(" ".join(rest[:2]))
            if any(head == p or head.startswith(p + " ") for p in _PLACE_WORDS) or \
                    fold(words[end - 1]) in _PLACE_WORDS:
                return None
            return " ".join(rest)
    return None


def _initials(issuer: str) -> set[str]:
    """The codes an issuer's name can be abbreviated to: initials of each prefix of its words
    ("Văn phòng Chính phủ" → V, VP, VPC, VPCP; "Công an tỉnh" → CAT; "Bộ Giáo dục và Đào tạo"
    → BGDĐT), with UBND/HĐND kept whole."""
    words, merged, i = issuer.split(), [], 0
    while i < len(words):
        for long, short in _ABBREVIATIONS.items():
            if fold(" ".join(words[i:i + 4])) == long:
                merged.append(short)
                i += 4
                break
        else:
            merged.append(words[i])
            i += 1
    out, code = set(), ""
    for word in merged:
        if word.lower() in ("và", "va"):
            continue
        code += word if word.isupper() and len(word) > 1 else word[0].upper()
        out.add(fold(code).upper())
    return out


def _issuer_code(number: str | None, doc_type: str | None) -> str | None:
    m = _NUMBER.match(number or "")
    if not m:
        return None
    codes = m.group(3).split("-")
    if doc_type == "cong-van" or fold(codes[0]).upper() not in _TYPE_CODES_FOLDED:
        return codes[0]
    return codes[1] if len(codes) > 1 else None


def _number_doubts(number: str, data: dict, known_codes: Iterable[str]) -> list[str]:
    reasons = []
    m = _NUMBER.match(number)
    if not m:
        return ["không đúng dạng <số>/<mã loại>-<mã cơ quan>"]
    codes = m.group(3).split("-")
    doc_type = data.get("type")
    if doc_type == "cong-van" or (len(codes) >= 1 and fold(codes[0]).upper()
                                  not in _TYPE_CODES_FOLDED):
        issuer_codes = codes[:1]
    else:
        issuer_codes = codes[1:2]
        if not issuer_codes:
            reasons.append("số thiếu mã cơ quan sau mã loại")
    known = {fold(c).upper() for c in known_codes} | {fold(c).upper() for c in ISSUER_CODES}
    issuer = data.get("issuer")
    for code in issuer_codes:
        key = fold(code).upper()
        if issuer:
            initials = _initials(issuer)
            if key not in initials and key not in known:
                reasons.append(f"mã cơ quan «{code}» không khớp cơ quan ban hành «{issuer}»")
        elif key not in known:
            reasons.append(f"mã cơ quan «{code}» chưa gặp trong kho")
    if doc_type and doc_type != "cong-van" and len(codes) > 1 and \
            fold(codes[0]).upper() not in _TYPE_CODES_FOLDED:
        reasons.append(f"mã loại «{codes[0]}» không phải mã loại văn bản nào")
    return reasons


def _name_doubts(name: str) -> list[str]:
    words = name.split()
    reasons = []
    if not 2 <= len(words) <= 5:
        reasons.append("họ tên người ký thường có 2 đến 5 chữ")
    if any(not w[:1].isupper() or not w[1:].islower() and len(w) > 1 for w in words if w):
        reasons.append("mỗi chữ của họ tên viết hoa chữ đầu, thường các chữ sau")
    if any(not is_syllable(w) for w in words):
        reasons.append("có chữ không phải âm tiết tiếng Việt")
    folded = fold(name)
    if any(re.search(rf"\b{re.escape(t)}\b", folded) for t in _TITLE_WORDS):
        reasons.append("giống chức danh hoặc tiêu đề hơn là họ tên")
    if words and words[0] not in SURNAMES:
        reasons.append(f"«{words[0]}» không phải họ thường gặp")
    return reasons


def _cited_dates(body: str) -> list[dt.date]:
    out = []
    for m in _CITED_DATE.finditer(body):
        try:
            out.append(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        except ValueError:
            continue
    return out


def _upper_tail(title: str) -> bool:
    """The title ends in a run of upper-case words (a heading glued on), not one abbreviation."""
    tail = title.split()[-4:]
    return sum(w.isupper() and len(w) > 1 for w in tail) >= 3
