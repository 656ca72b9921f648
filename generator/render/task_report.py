"""The table offices attach to a "báo cáo tình hình thực hiện nhiệm vụ": one row per task, grouped
by lead agency, as .xlsx (openpyxl) or .docx (python-docx). `tasks --format xlsx|docx -o FILE`.

Columns: STT, Nhiệm vụ, Văn bản giao (số, ngày), Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn,
Tình trạng (đang thực hiện / quá hạn N ngày / đã hoàn thành, with the closing notice), Ghi chú.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..link import Task

COLUMNS = ("STT", "Nhiệm vụ", "Văn bản giao (số, ngày)", "Cơ quan chủ trì", "Cơ quan phối hợp",
           "Thời hạn", "Tình trạng", "Ghi chú")
FORMATS = ("xlsx", "docx")


@dataclass(frozen=True)
class Heading:
    """What the report covers, for its title lines."""
    agency: str | None          # the one agency asked for, or None: every agency
    date_from: dt.date | None
    date_to: dt.date | None
    today: dt.date


def title_lines(head: Heading) -> list[str]:
    lines = ["BIỂU TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"]
    if head.agency:
        lines.append(f"Cơ quan chủ trì: {head.agency}")
    if head.date_from or head.date_to:
        start = f"từ ngày {head.date_from:%d/%m/%Y} " if head.date_from else ""
        end = f"đến ngày {head.date_to:%d/%m/%Y}" if head.date_to else ""
        lines.append(f"Nhiệm vụ có thời hạn {start}{end}".strip())
    lines.append(f"(Số liệu tính đến ngày {head.today.day:02d} tháng {head.today.month:02d} "
                 f"năm {head.today.year})")
    return lines


def status_text(task: Task, today: dt.date) -> str:
    if task.done:
        when = f" ngày {task.completed:%d/%m/%Y}" if task.completed else ""
        by = f" (theo {task.report})" if task.report else ""
        return f"Đã hoàn thành{when}{by}"
    days = task.overdue_days(today)
    if days:
        return f"Quá hạn {days} ngày"
    return "Đang thực hiện"


def deadline_text(task: Task) -> str:
    if task.deadline:
        return f"{task.deadline:%d/%m/%Y}"
    return task.deadline_text or "Không nêu"


def notes(task: Task) -> str:
    out = []
    if task.point:
        out.append(f"Điểm {task.point}")
    if not task.certain:
        out.append("Cần xác nhận (chương trình chưa chắc đã đọc đúng cơ quan, việc hoặc thời hạn)")
    if task.external:
        out.append("Cơ quan ngoài địa bàn")
    if task.source == "front-matter":
        out.append("Đã được người nhập xác nhận")
    return "; ".join(out)


def groups(tasks: list[Task]) -> list[tuple[str, list[Task]]]:
    """Tasks by lead agency, agencies in the order of their most urgent task."""
    by_lead: dict[str, list[Task]] = {}
    for task in tasks:
        by_lead.setdefault(task.lead, []).append(task)
    return list(by_lead.items())


def rows(tasks: list[Task], today: dt.date) -> list[tuple[str | None, list[str]]]:
    """(group heading, None) and (None, cells) in table order; STT counts tasks across groups."""
    out: list[tuple[str | None, list[str]]] = []
    n = 0
    for lead, items in groups(tasks):
        out.append((f"{lead} ({len(items)} nhiệm vụ)", []))
        for task in items:
            n += 1
            notice = task.notice
            given = f"{notice.label}, ngày {notice.date:%d/%m/%Y}" if notice.date else notice.label
            out.append((None, [str(n), task.text, given, task.lead, ", ".join(task.support),
                               deadline_text(task), status_text(task, today), notes(task)]))
    return out


def write(tasks: list[Task], path: Path, fmt: str, head: Heading) -> None:
    if fmt == "xlsx":
        _write_xlsx(tasks, path, head)
    else:
        _write_docx(tasks, path, head)


def _write_xlsx(tasks: list[Task], path: Path, head: Heading) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    bold = Font(bold=True)
    for line in title_lines(head):
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).font = bold
    sheet.append([])
    sheet.append(list(COLUMNS))
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    group_fill = PatternFill("solid", fgColor="E8EEF7")
    for heading, cells in rows(tasks, head.today):
        if heading is not None:
            sheet.append([heading])
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.cell(sheet.max_row, 1).fill = group_fill
        else:
            sheet.append(cells)
            for cell in sheet[sheet.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGH", (6, 60, 24, 26, 30, 14, 22, 30)):
        sheet.column_dimensions[letter].width = width
    book.save(path)


def _write_docx(tasks: list[Task], path: Path, head: Heading) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE    # eight columns need the width
    section.page_width, section.page_height = section.page_height, section.page_width
    for i, line in enumerate(title_lines(head)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(line)
        run.bold = i == 0
    body = rows(tasks, head.today)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for heading, cells in body:
        row = table.add_row().cells
        if heading is not None:
            merged = row[0].merge(row[-1])
            merged.text = heading
            merged.paragraphs[0].runs[0].bold = True
        else:
            for cell, value in zip(row, cells):
                cell.text = value
    for paragraph in (p for r in table.rows for c in r.cells for p in c.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(10)
    doc.save(path)
