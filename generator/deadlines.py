"""Deadlines in Vietnamese directive text: "trước ngày 30/9/2024" → 2024-09-30.

Shared by validation (a deadline earlier than the notice itself is a typo to warn about) and
linking (the task register). Only a date introduced by a deadline word counts: "trước ngày",
"chậm nhất", "hoàn thành trong tháng 10/2024", "quý III/2024"; a date that belongs to a cited
document ("Công văn số 1234/BKHĐT-TH ngày 02/10/2024") or a past event ("đến ngày 15/8/2024
đã bàn giao") is not one. A month gives its last day, a quarter the last day of the quarter.
A deadline that is not a day ("hằng tháng", "thường xuyên", "trong thời hạn 10 ngày") is kept as
its phrase with no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .text import Caseless, lowered

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Words that introduce a deadline. Longest first, so "chậm nhất là trước" wins over "trước".
# "trình" is the verb (submit), not the end of a noun: "công trình trong tháng 5" quotes "trong
# tháng 5", not "trình trong tháng 5".
_NOUN_TRINH = "".join(rf"(?<!{w} )" for w in (
    "công", "chương", "quy", "lộ", "hành", "tờ", "tiến", "giáo", "liệu"))
_LEAD = (r"(?:(?:hoàn thành|xong|báo cáo|" + _NOUN_TRINH +
         r"trình|gửi|nộp|thực hiện|triển khai|tổ chức)\s+)?"
         r"(?:chậm nhất(?:\s+là)?(?:\s+(?:trước|trong|vào|đến))?(?:\s+ngày)?"
         r"|hạn (?:chót|cuối)(?:\s+là)?|thời hạn(?:\s+hoàn thành)?(?:\s+(?:là|trước))?\s*:?"
         r"|thời gian (?:thực hiện|hoàn thành)\s*:?(?:\s*(?:trước|trong))?"
         r"|không quá|trước|trong|vào|đến hết|hết|ngay trong|xong trước|phấn đấu đến"
         r"|(?<=thành )đến|(?<=xong )đến)")
_TIME = r"(?:\d{1,2}\s*(?:giờ|h|g)\s*(?:\d{1,2}\s*(?:phút|')?)?\s*(?:,\s*)?(?:\d{1,2}\s*)?)"
_DAY = (r"(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
        r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:năm|[/.-])\s*(?P<y2>\d{4}))?)")
_MONTH = r"tháng\s+(?P<mm>\d{1,2})(?:\s*(?:[/.-]|năm)\s*(?P<my>\d{4}))?(?!\s*(?:[/.-]\s*\d|năm))"
_QUARTER = r"quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:[/.-]|năm)\s*(?P<qy>\d{4})"
_HALF = r"(?P<half>6 tháng (?:đầu|cuối) năm)\s*(?P<hy>\d{4})"
_YEAR = r"(?:cuối\s+)?năm\s+(?P<yy>\d{4})"

_DATED = re.compile(
    rf"(?<!\w)(?P<lead>{_LEAD})\s+(?:{_TIME}\s*)?(?:ngày\s+)?(?:{_DAY})(?!\s*[/-]\s*\d)(?!\d)"
    rf"|(?<!\w)(?P<lead2>{_LEAD}|cuối)\s+(?:{_MONTH}|{_QUARTER}|{_HALF}|{_YEAR})(?!\d)",
    re.IGNORECASE)
# A period: the task runs until its last day ("từ ngày 15/6/2024 đến ngày 15/8/2024", "từ đầu
# tháng 1/2013 tới ngày 15/3/2013", "từ nay đến ngày 30/6").
_PERIOD = re.compile(
    r"(?<!\w)từ\s+(?:(?:ngày\s+)?\d{1,2}(?:\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?)?|"
    r"(?:đầu\s+|giữa\s+)?tháng\s+\d{1,2}(?:\s*[/.-]\s*\d{4})?|nay)\s*(?:\([^)]{0,40}\)\s*)?"
    r"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?!\s*[/-]\s*\d)(?!\d)",
    re.IGNORECASE)
# Recurring or relative deadlines: a phrase with no day.
_PHRASE = re.compile(
    r"(?<!\w)(?:(?:trước|vào|chậm nhất)\s+ngày\s+\d{1,2}\s+(?:hằng|hàng)\s+(?:tháng|quý|năm)"
    r"|(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm)"
    r"|định kỳ\s+(?:\d+\s+)?(?:tháng|quý|năm|tuần)"
    r"|trong (?:thời hạn|vòng) \d+ ngày(?: làm việc)?(?: kể từ ngày [^,;.]{1,40})?"
    r"|thường xuyên|trước Tết Nguyên đán[^,;.]{0,20}|ngay sau [^,;.]{1,40})(?!\w)",
    re.IGNORECASE)
# "ngày 15/10 hằng năm" is recurring, not a day.
_RECURRING_AFTER = re.compile(r"\s*(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)", re.IGNORECASE)
# Dates after these belong to something else: "Đến ngày 15/8/2024" is a status, "từ ngày" a start.
_NOT_A_DEADLINE_BEFORE = re.compile(
    r"(?:số\s+[\w/.-]+|ban hành|ký|của)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Deadline:
    start: int
    end: int
    text: str                   # the phrase as written
    date: dt.date | None        # None when the phrase gives no day


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _before(lead: str) -> bool:
    """A lead that ends in "trước" ("trước", "hoàn thành trước", "thời hạn: trước", "chậm nhất
    là trước"): the deadline is the day before the month, quarter or year begins, whatever verb
    comes first."""
    return lead.rstrip(" :").endswith("trước")


def _resolve(m: re.Match, reference: dt.date | None) -> tuple[dt.date | None, bool]:
    """(date, explicit) of one match; explicit is False when the year was inferred."""
    g = m.groupdict()
    if g.get("d"):
        day = int(g["d"])
        month = int(g.get("m") or g.get("m2") or 0)
        year_text = g.get("y") or g.get("y2")
        if not 1 <= month <= 12:
            return None, False
        if year_text:
            return _safe_date(int(year_text), month, day), True
        if reference is None:
            return None, False
        date = _safe_date(reference.year, month, day)
        if date is not None and (reference - date).days > 60:  # "trước ngày 15/01" in December
            date = _safe_date(reference.year + 1, month, day)
        return date, False
    if g.get("mm"):
        month = int(g["mm"])
        if not 1 <= month <= 12:
            return None, False
        lead = (g.get("lead2") or "").lower()
        if g.get("my"):
            year = int(g["my"])
        elif reference is not None:   # "trong tháng 12": this year's, or next year's
            year = reference.year + (1 if (reference.month - month) > 2 else 0)
        else:
            return None, False
        if _before(lead):   # "trước tháng 10/2024": by 30/9
            first = dt.date(year, month, 1)
            return first - dt.timedelta(days=1), True
        return _last_day(year, month), True
    if g.get("q"):
        quarter = _ROMAN[g["q"].lower()]
        year = int(g["qy"])
        lead = (g.get("lead2") or "").lower()
        if _before(lead):
            return _last_day(year, 3 * quarter - 3) if quarter > 1 else \
                dt.date(year - 1, 12, 31), True
        return _last_day(year, 3 * quarter), True
    if g.get("half"):
        year = int(g["hy"])
        first_half = "đầu" in g["half"].lower()
        if _before((g.get("lead2") or "").lower()):   # "trước 6 tháng cuối năm 2024": by 30/6
            return (dt.date(year - 1, 12, 31) if first_half else _last_day(year, 6)), True
        return (_last_day(year, 6) if first_half else dt.date(year, 12, 31)), True
    if g.get("yy"):
        lead = (g.get("lead2") or "").lower()
        if _before(lead):   # "trước năm 2025": no day a person would agree on
            return None, False
        return dt.date(int(g["yy"]), 12, 31), True
    return None, False


def find_deadlines(text: str, reference: dt.date | None = None) -> list[Deadline]:
    """Every deadline phrase of a text, in order. `reference` (the notice's date) supplies the
    year of a day written without one."""
    return _find(text, reference, phrases=True)


def dated_deadlines(text: str, reference: dt.date | None = None) -> list[Deadline]:
    """The deadlines of `find_deadlines` that have a date, and some with none: what a rule on
    dates needs, without the pass for phrases that never give one."""
    return _find(text, reference, phrases=False)


def _find(text: str, reference: dt.date | None, phrases: bool) -> list[Deadline]:
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []
    low = lowered(text)
    for m in _dated_matches(text, low):
        before = text[max(0, m.start() - 40):m.start()]
        lead = (m.group("lead") or m.group("lead2") or "").lower()
        strong = any(w in lead for w in ("trước", "chậm nhất", "hạn", "không quá", "phấn đấu",
                                         "thời gian", "đến"))
        if not strong and _NOT_A_DEADLINE_BEFORE.search(before):
            continue
        if lead in ("trong", "vào", "hết") and m.group("d") and not _is_task_day(text, m):
            continue
        recurring = _RECURRING_AFTER.match(text, m.end())
        if recurring:
            # "trước ngày 15/12 hằng năm": one deadline with no day, its "hằng năm" taken too
            found.append(Deadline(m.start(), recurring.end(), text[m.start():m.end()].strip(),
                                  None))
            taken.append((m.start(), recurring.end()))
            continue
        date, _ = _resolve(m, reference)
        phrase = text[m.start():m.end()].strip()
        found.append(Deadline(m.start(), m.end(), phrase, date))
        taken.append((m.start(), m.end()))
    for m in (_PERIOD.finditer(text) if "từ" in (low or text.lower()) else ()):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        date, _ = _resolve(m, reference)
        found.append(Deadline(m.start(), m.end(), m.group().strip(), date))
        taken.append((m.start(), m.end()))
    for m in (_PHRASE.finditer(text) if phrases else ()):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        found.append(Deadline(m.start(), m.end(), m.group().strip(), None))
    found.sort(key=lambda d: d.start)
    return found


# Where a deadline can start: the first word of every lead. Trying the full pattern only there is
# many times faster than letting it scan every position of a long body.
_CANDIDATE = Caseless.whole_words((
    "hoàn", "xong", "báo", "trình", "gửi", "nộp", "thực", "triển", "tổ", "chậm", "hạn", "thời",
    "không", "trước", "trong", "vào", "đến", "hết", "ngay", "phấn", "cuối", "từ"))


_DIGIT = re.compile(r"\d")


def _dated_matches(text: str, low: str | None):
    # Every dated pattern has a digit after its lead: no candidate after the last digit can
    # match. The scan stops just after that digit, which a word before it still sees.
    last = _DIGIT.search(text[::-1])
    if last is None:
        return
    end = 0
    for c in _CANDIDATE.finditer(text, low, len(text) - last.start()):
        if c.start() < end:
            continue
        m = _DATED.match(text, c.start())
        if m:
            end = m.end()
            yield m


def _is_task_day(text: str, m: re.Match) -> bool:
    """"trong ngày 20/11/2024" is a deadline; "trong năm" of a past report is not one. A bare
    "vào ngày" is one only when the year is written (an event the task must be ready for)."""
    return bool(m.group("y") or m.group("y2"))


def best_deadline(text: str, reference: dt.date | None = None) -> Deadline | None:
    """The deadline of a task sentence: the first dated one, else the first phrase."""
    found = find_deadlines(text, reference)
    for deadline in found:
        if deadline.date is not None:
            return deadline
    return found[0] if found else None


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOOKS_LIKE_DATE = re.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}")


def parse_iso(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def looks_like_date(value: str) -> bool:
    """A text that tries to be a date (and so must be YYYY-MM-DD), not a phrase like "hằng
    tháng"."""
    return bool(_LOOKS_LIKE_DATE.search(value))


def suggest_iso(value: str) -> str | None:
    """"30/9/2024" → "2024-09-30", for the message of a malformed deadline."""
    m = re.search(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", value)
    if m:
        date = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.isoformat() if date else None
    return None
