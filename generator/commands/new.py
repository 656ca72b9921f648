"""`notice-archive new`: write the skeleton of a notice, so nobody starts from copy-paste.

The skeleton is a draft (`status: draft`, `classification: internal`): it passes `check` as
written and no profile publishes it by mistake before a person has filled it in. It is checked in
the archive's context before it is written; a skeleton that would not pass is never written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

from ..diagnostics import ERROR
from ..load import LoadResult, load_archive, load_document
from ..model import DOCUMENT_TYPES
from ..project import Project
from ..text import fold, slugify
from ..validate import validate
from . import add_config_option

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "new", help="tạo khung một thông báo mới (dự thảo) để điền nội dung",
        description="Ghi khung thông báo mới vào notices/<năm>/: front matter đúng thứ tự, các "
        "trường cần điền có chú thích, thân bài theo mẫu. Thông báo mới là dự thảo nội bộ "
        "(status: draft, classification: internal) và qua được lệnh check ngay khi tạo.")
    p.add_argument("--type", "-t", default="thong-bao", metavar="LOẠI",
                   help="loại văn bản, ví dụ thong-bao, ke-hoach, quyet-dinh (mặc định: "
                   "thong-bao)")
    p.add_argument("--number", "-n", default=None, metavar="SỐ",
                   help='số, ký hiệu, ví dụ "125/TB-VPUBND" (có thể để trống khi còn dự thảo)')
    p.add_argument("--date", "-d", default=None, metavar="NGÀY",
                   help="ngày ban hành, YYYY-MM-DD hoặc DD/MM/YYYY (có thể để trống khi còn dự "
                   "thảo)")
    p.add_argument("--topics", default="", metavar="CHỦ_ĐỀ,...",
                   help="chủ đề, cách nhau bằng dấu phẩy: slug hoặc tên trong notices/topics.yml")
    p.add_argument("--title", default=None, metavar="TRÍCH_YẾU", help="trích yếu của văn bản")
    p.add_argument("--output", "-o", default=None, metavar="TỆP",
                   help="tệp sẽ ghi (mặc định: notices/<năm>/<số hoặc trích yếu>.md)")
    p.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    add_config_option(p)


class _Refused(Exception):
    """An option cannot make a valid notice; the message says which and why."""


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    match = _DMY.fullmatch(value.strip())
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _Refused(f"ngày không hợp lệ: {value!r} (YYYY-MM-DD hoặc DD/MM/YYYY)") from None


def _topics(value: str, known: dict) -> list[str]:
    """Slugs for what was written: a slug, a topic's name or one of its aliases."""
    by_name = {}
    for slug, topic in known.items():
        for name in (slug, topic.name, *topic.aliases):
            by_name[" ".join(fold(name).split())] = slug
    slugs = []
    for written in (part.strip() for part in value.split(",")):
        if not written:
            continue
        slug = by_name.get(" ".join(fold(written).split()))
        if slug is None:
            raise _Refused(f'chủ đề "{written}" không có trong notices/topics.yml')
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def skeleton(*, type_: str, number: str | None, date: dt.date | None, title: str | None,
             topics: list[str], issuer: str | None, place: str | None) -> str:
    type_name = DOCUMENT_TYPES[type_][1]
    lines = ["---"]
    lines.append(f"number: {_quoted(number)}" if number
                 else '# number: "125/TB-VPUBND"        # số, ký hiệu khi ban hành')
    lines.append(f"type: {type_}")
    lines.append(f"title: {_quoted(title or f'{type_name} về … (sửa trích yếu)')}")
    lines.append(f"issuer: {_quoted(issuer)}" if issuer
                 else '# issuer: "Văn phòng UBND tỉnh …"')
    if place:
        lines.append(f"place: {_quoted(place)}")
    lines.append(f"date: {date.isoformat()}" if date
                 else "# date: YYYY-MM-DD                 # ngày ban hành")
    lines += ["# meeting:                          # cuộc họp được kết luận (nếu có)",
              "#   date: YYYY-MM-DD", '#   location: "…"', '#   chair: "…"',
              '#   chair_title: "…"',
              "# signer:                           # người ký: bắt buộc khi ban hành",
              '#   name: "…"', '#   title: "…"', '#   authority: "KT. …"',
              '# recipients: ["Như trên", "Lưu: VT"]']
    if topics:
        lines.append(f"topics: [{', '.join(topics)}]")
    lines += ["status: draft", "classification: internal", "---", "",
              "Ngày … tháng … năm …, tại …, … chủ trì … . Sau khi nghe báo cáo và ý kiến của các "
              "đại biểu dự họp, … kết luận như sau:", "",
              "## I. …", "", "1. …", "",
              f"{issuer or '…'} thông báo để các cơ quan, đơn vị biết, thực hiện./.", ""]
    return "\n".join(lines)


def _most_common(values) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def run(args: argparse.Namespace) -> int:
    project = Project.find(args.config)  # a ProjectError is reported by cli.main
    if not project.notices_dir.is_dir():
        print(f"notice-archive: không có thư mục thông báo {project.notices_dir}", file=sys.stderr)
        return 2
    if args.type not in DOCUMENT_TYPES:
        print(f"notice-archive: loại văn bản {args.type!r} không có; chọn một trong: "
              f"{', '.join(DOCUMENT_TYPES)}", file=sys.stderr)
        return 2
    loaded = load_archive(project.notices_dir, project.root)
    valid = validate(loaded).archive
    try:
        date = _date(args.date)
        topics = _topics(args.topics, valid.topics)
    except _Refused as exc:
        print(f"notice-archive: {exc}", file=sys.stderr)
        return 2
    text = skeleton(type_=args.type, number=args.number, date=date, title=args.title,
                    topics=topics, issuer=_most_common(n.issuer for n in valid.notices),
                    place=_most_common(n.place for n in valid.notices))

    year = (date or dt.date.today()).year
    name = slugify(args.number or args.title or f"du-thao-{dt.date.today().isoformat()}")
    target = Path(args.output) if args.output else project.notices_dir / str(year) / f"{name}.md"
    if target.exists() and not args.force:
        print(f"notice-archive: {target} đã có; chọn tên khác bằng --output hoặc dùng --force",
              file=sys.stderr)
        return 2

    # Check the skeleton where it will live, with the archive around it, before writing it.
    document = load_document(target.resolve(), project.root, text.encode("utf-8"))
    others = tuple(d for d in loaded.documents if d.path != document.path)
    result = validate(LoadResult(others + (document,), loaded.topics))
    problems = [d for d in result.diagnostics if d.path == document.path and d.severity == ERROR]
    if problems:
        for d in problems:
            print(d.format(), file=sys.stderr)
        print("notice-archive: không ghi khung thông báo vì các lỗi trên", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"notice-archive: đã ghi {document.path} (dự thảo nội bộ); điền các chỗ “…”, bỏ dấu "
          "# trước các trường cần dùng, rồi chạy notice-archive check", file=sys.stderr)
    print(document.path)
    return 0
