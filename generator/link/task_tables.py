"""Assignments written as fields rather than sentences: a plan's table of tasks (Nội dung |
Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành) and a point followed by
"Chủ trì: …", "Phối hợp: …", "Thời gian hoàn thành: …". Only the cells are read here; the
extractor turns them into tasks with its agency parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold


@dataclass(frozen=True)
class FieldTask:
    line: int
    work: str            # the work, as written
    lead: str            # the lead cell: one or several agencies
    support: str         # "" when none
    deadline: str        # "" when none


# Column headers, folded: what each column holds.
_WORK = re.compile(r"\b(?:noi dung|nhiem vu|cong viec|ten nhiem vu|ten cong viec)\b")
_LEAD = re.compile(r"\bchu tri\b")
_SUPPORT = re.compile(r"\bphoi hop\b")
_WHEN = re.compile(r"\b(?:thoi gian|thoi han|hoan thanh|tien do)\b")
# "Chủ trì: …" and its kin as a line of their own or inside parentheses.
FIELD_LEAD = re.compile(r"^\W*(?:(?:cơ quan|đơn vị)\s+)?chủ trì\s*:\s*", re.IGNORECASE)
_FIELD = re.compile(r"(?:(?:cơ quan|đơn vị)\s+)?(?P<name>chủ trì|phối hợp|thời gian(?: hoàn thành"
                    r"| thực hiện)?|thời hạn(?: hoàn thành)?|tiến độ)\s*:\s*", re.IGNORECASE)


# Who chairs a meeting is a person; what a meeting's header lines say is not work.
_PERSON = re.compile(r"\W*(?:đồng chí|ông|bà|(?:phó\s+)?chủ tịch|(?:phó\s+)?giám đốc|"
                     r"(?:phó\s+)?bí thư|lãnh đạo|thủ trưởng|trưởng ban|bộ trưởng|thứ trưởng)\b",
                     re.IGNORECASE)
_MEETING = re.compile(r"^\W*(?:thời gian|địa điểm|thành phần|tham dự|ngày\s+\d)|"
                      r"(?<!\w)(?:cuộc họp|hội nghị|buổi làm việc)(?!\w)", re.IGNORECASE)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_tasks(body: str, first_line: int = 1) -> list[FieldTask]:
    """The rows of every Markdown table whose header has a "chủ trì" column."""
    out: list[FieldTask] = []
    lines = body.split("\n")
    n = 0
    while n < len(lines):
        if not lines[n].lstrip().startswith("|"):
            n += 1
            continue
        start = n
        while n < len(lines) and lines[n].lstrip().startswith("|"):
            n += 1
        rows = [(start + k, _cells(line)) for k, line in enumerate(lines[start:n])]
        header = [fold(c).lower() for c in rows[0][1]]
        col = {name: next((i for i, h in enumerate(header) if rx.search(h)), None)
               for name, rx in (("work", _WORK), ("lead", _LEAD), ("support", _SUPPORT),
                                ("when", _WHEN))}
        if col["lead"] is None:
            continue
        if col["work"] is None:     # the widest column before the lead's
            col["work"] = 1 if col["lead"] > 1 else 0
        for index, cells in rows[1:]:
            if all(re.fullmatch(r":?-+:?", c) or not c for c in cells):
                continue            # the separator row
            cell = (lambda key: cells[col[key]] if col[key] is not None and
                    col[key] < len(cells) else "")
            if cell("work") and cell("lead") and not _PERSON.match(cell("lead")):
                out.append(FieldTask(first_line + index, cell("work"), cell("lead"),
                                     cell("support"), cell("when")))
    return out


def field_task(work: str, fields: str, line: int) -> FieldTask | None:
    """"Rà soát … (Chủ trì: Sở A; Phối hợp: Sở B; Thời gian hoàn thành: tháng 12/2024)": the
    work and the text of its fields."""
    found: dict[str, str] = {}
    matches = list(_FIELD.finditer(fields))
    for m, nxt in zip(matches, [*matches[1:], None]):
        value = fields[m.end():nxt.start() if nxt else len(fields)].strip(" ;.,)-–\n")
        found.setdefault(fold(m.group("name")).lower().split()[0], value)
    if not found.get("chu") or _PERSON.match(found["chu"]) or _MEETING.search(work):
        return None     # "Chủ trì: Đồng chí …" under "Thời gian: …, Địa điểm: …": a meeting
    when = found.get("thoi") or found.get("tien") or ""
    return FieldTask(line, work.strip(" ;.:-–(\n"), found["chu"], found.get("phoi", ""), when)
