"""`notice-archive tasks`: the task register — who was asked to do what, by when, and is it late."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..link import PROFILES
from ..model import TASK_STATUS_LABELS, TASK_STATUSES
from ..project import Project
from .search import _date


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "tasks", help="nhiệm vụ được giao trong các thông báo (cơ quan, thời hạn, quá hạn)",
        description="Liệt kê nhiệm vụ được giao trong các thông báo, khẩn cấp nhất trước: quá "
        "hạn, sắp đến hạn, chưa có thời hạn, rồi đã hoàn thành.")
    p.add_argument("--agency", metavar="TÊN|SLUG",
                   help="chỉ nhiệm vụ của cơ quan này (tên, tên viết tắt hoặc slug; gồm cả "
                   "nhiệm vụ của cơ quan tiền thân đã sáp nhập)")
    p.add_argument("--overdue", action="store_true", help="chỉ nhiệm vụ quá hạn")
    p.add_argument("--status", choices=TASK_STATUSES, help="chỉ nhiệm vụ có trạng thái này")
    p.add_argument("--from", dest="date_from", type=_date, help="thời hạn từ ngày (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_date, help="thời hạn đến ngày (YYYY-MM-DD)")
    p.add_argument("--profile", choices=PROFILES, default="public",
                   help="hồ sơ xuất bản: public (mặc định) hoặc internal")
    p.add_argument("--json", action="store_true", help='in {"tasks": [...]} dạng JSON')
    p.add_argument("--format", choices=("xlsx", "docx"),
                   help="ghi biểu tổng hợp tình hình thực hiện nhiệm vụ (nhóm theo cơ quan chủ "
                   "trì) ra tệp Excel (xlsx) hoặc Word (docx); cần -o")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp biểu tổng hợp cần ghi (với --format)")
    p.add_argument("--write", metavar="TỆP",
                   help="ghi các nhiệm vụ trích được vào front matter (tasks:) của tệp này để "
                   "sửa tay")
    p.add_argument("--config", "-f", default="mkdocs.yml")


def run(args: argparse.Namespace) -> int:
    from ..diagnostics import WARNING
    from ..pipeline import run as run_pipeline
    from ..validate import today_in_vietnam

    project = Project.find(args.config)
    if args.write:
        return _write(project, Path(args.write))
    if bool(args.format) != bool(args.output):
        print("notice-archive: --format và -o phải đi cùng nhau (ví dụ: --format xlsx -o "
              "bao-cao.xlsx)", file=sys.stderr)
        return 2
    if args.format and Path(args.output).suffix.lower() != f".{args.format}":
        print(f"notice-archive: tệp {args.output} phải có đuôi .{args.format} cho --format "
              f"{args.format}", file=sys.stderr)
        return 2
    result = run_pipeline(project.notices_dir, project.root, args.profile,
                          cache_dir=project.cache_dir)
    if not result.ok:
        errors = [d.format() for d in result.diagnostics if d.severity != WARNING]
        print("notice-archive: kho lưu trữ có lỗi, chạy 'notice-archive check':\n"
              + "\n".join(errors), file=sys.stderr)
        return 1
    linked = result.linked
    today = today_in_vietnam()
    tasks = [t for ts in linked.tasks.values() for t in ts]
    if args.agency:
        key = _agency_key(linked, args.agency)
        if key is None:
            print(f"notice-archive: không có nhiệm vụ nào của cơ quan \"{args.agency}\"",
                  file=sys.stderr)
            tasks = []
        else:
            tasks = [t for t in tasks if key in t.owners]
    if args.status:
        tasks = [t for t in tasks if t.status == args.status]
    if args.overdue:
        tasks = [t for t in tasks if t.overdue_days(today) > 0]
    if args.date_from:
        tasks = [t for t in tasks if t.deadline and t.deadline >= args.date_from]
    if args.date_to:
        tasks = [t for t in tasks if t.deadline and t.deadline <= args.date_to]
    tasks.sort(key=lambda t: t.urgency(today))
    if args.format:
        return _report(args, tasks, today, linked)
    if args.json:
        from ..render import task_record
        print(json.dumps({"tasks": [task_record(t, today) for t in tasks]}, ensure_ascii=False,
                         indent=2))
        return 0
    _print_text(tasks, today)
    return 0


def _report(args: argparse.Namespace, tasks, today, linked) -> int:
    from ..render import Heading, write_task_report

    agency = None
    if args.agency:
        key = _agency_key(linked, args.agency)
        page = linked.agency_pages.get(key) if key else None
        agency = page.name if page else args.agency
    path = Path(args.output)
    try:
        write_task_report(tasks, path, args.format,
              Heading(agency, args.date_from, args.date_to, today))
    except OSError as problem:
        print(f"notice-archive: không ghi được {path}: {problem.strerror}", file=sys.stderr)
        return 1
    print(f"Đã ghi {len(tasks)} nhiệm vụ vào {path}")
    return 0


def _agency_key(linked, name: str) -> str | None:
    from ..agencies import AgencyMatcher, key as name_key
    from ..link import agency_key

    slug = AgencyMatcher(linked.agencies).resolve(name)
    if slug:
        return slug
    wanted = name_key(name)
    for page in linked.agency_pages.values():
        if name_key(page.name) == wanted or page.key == name:
            return page.key
    return agency_key(name, None) if agency_key(name, None) in linked.agency_pages else None


def _print_text(tasks, today) -> None:
    out = sys.stdout
    if not tasks:
        print("Không có nhiệm vụ nào.", file=out)
        return
    overdue = sum(1 for t in tasks if t.overdue_days(today))
    unsure = sum(1 for t in tasks if not t.certain)
    print(f"{len(tasks)} nhiệm vụ, {overdue} quá hạn, {unsure} cần xác nhận (tính đến ngày "
          f"{today:%d/%m/%Y})", file=out)
    if unsure:
        print("Cần xác nhận: chương trình đọc văn bản nhưng chưa chắc đã đúng cơ quan hoặc đúng "
              "việc; hãy đối chiếu với văn bản.", file=out)
    for i, t in enumerate(tasks, 1):
        days = t.overdue_days(today)
        when = (f"hạn {t.deadline:%d/%m/%Y}" if t.deadline else
                (f"thời hạn: {t.deadline_text}" if t.deadline_text else "không nêu thời hạn"))
        mark = (f" — QUÁ HẠN {days} NGÀY" if days else "") + \
            ("" if t.certain else " · cần xác nhận")
        print(f"\n{i}. {t.lead} · {when}{mark} · {TASK_STATUS_LABELS[t.status]}", file=out)
        if t.support:
            print(f"   Phối hợp: {', '.join(t.support)}", file=out)
        print(f"   {t.text}", file=out)
        where = f"{t.notice.label}" + (f", điểm {t.point}" if t.point else "")
        print(f"   {where}  ({t.notice.source}:{t.line})", file=out)


def _write(project: Project, path: Path) -> int:
    from ..agencies import AgencyMatcher
    from ..link import TaskExtractor
    from ..pipeline import validate_archive

    target = path.resolve()
    validation = validate_archive(project.notices_dir, project.root, project.cache_dir)
    notice = next((n for n in validation.archive.notices
                   if (project.root / n.source).resolve() == target), None)
    if notice is None:
        print(f"notice-archive: {path} không phải một thông báo hợp lệ của kho (chạy "
              "'notice-archive check' để xem lỗi)", file=sys.stderr)
        return 1
    if notice.tasks is not None:
        print(f"notice-archive: {path} đã có trường tasks:; sửa trực tiếp trong tệp",
              file=sys.stderr)
        return 1
    found = TaskExtractor.for_scope(AgencyMatcher(validation.archive.agencies),
                                    validation.archive.scope).extract(
        notice.body, notice.body_line, notice.date)
    text = target.read_text(encoding="utf-8")
    lines = text.split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if lines[0].rstrip() != "---" or close is None:
        print(f"notice-archive: {path} không có front matter", file=sys.stderr)
        return 1
    block = ["tasks:" if found else "tasks: []"]
    for task in found:
        block.append(f"  - lead: {_q(task.lead)}")
        if task.support:
            block.append(f"    support: [{', '.join(_q(s) for s in task.support)}]")
        block.append(f"    action: {_q(task.action or task.text)}")
        if task.deadline:
            block.append(f"    deadline: {task.deadline.isoformat()}")
        elif task.deadline_text:
            block.append(f"    deadline: {_q(task.deadline_text)}")
        block.append("    status: chua-thuc-hien")
        if task.point:
            block.append(f"    point: {_q(task.point)}")
    lines[close:close] = block
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(target)
    print(f"Đã ghi {len(found)} nhiệm vụ vào {path}; sửa lại cho đúng rồi lưu.", file=sys.stderr)
    return 0


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
