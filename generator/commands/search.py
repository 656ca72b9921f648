"""`notice-archive search QUERY`: search the archive from the terminal (index built on demand)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

# From profiles.py, not the link stage: importing that costs a search ~0.1 s of start-up.
from ..profiles import PROFILE_NAMES as PROFILES
from ..project import Project
from . import add_cache_option, add_config_option


def _date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"ngày không hợp lệ '{value}' (dùng YYYY-MM-DD hoặc "
                                     "DD/MM/YYYY)")


def _year(value: str) -> int:
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"năm không hợp lệ '{value}'")
    return int(value)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "search", help="tìm thông báo (có dấu hoặc không dấu)",
        description="Tìm thông báo trong kho lưu trữ. Gõ có dấu hoặc không dấu; \"cụm từ\" trong "
        "ngoặc kép; tiền tố so:, topic:, signer:, year:; các từ được nối bằng VÀ.")
    p.add_argument("query", nargs="*", help='câu tìm kiếm, ví dụ: de an 06, "an toàn giao '
                   'thông", so:125/TB, topic:pccc')
    p.add_argument("--topic", metavar="CHỦ_ĐỀ", help="chỉ trong chủ đề (mã, tên hoặc viết tắt)")
    p.add_argument("--year", metavar="NĂM", type=_year, help="chỉ năm ban hành này")
    p.add_argument("--from", metavar="NGÀY", dest="date_from", type=_date,
                   help="từ ngày (YYYY-MM-DD)")
    p.add_argument("--to", metavar="NGÀY", dest="date_to", type=_date,
                   help="đến ngày (YYYY-MM-DD)")
    p.add_argument("--issuer", metavar="CƠ_QUAN", help="cơ quan ban hành (chứa các từ này)")
    p.add_argument("--signer", metavar="NGƯỜI_KÝ", help="người ký (chứa các từ này)")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance",
                   help="xếp theo mức liên quan (mặc định) hoặc ngày, mới nhất trước")
    p.add_argument("--limit", metavar="SỐ", type=int, default=10,
                   help="số kết quả tối đa (mặc định 10)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.add_argument("--profile", choices=PROFILES, default="public",
                   help="hồ sơ xuất bản của chỉ mục: public (mặc định) hoặc internal")
    add_config_option(p)
    add_cache_option(p)


def ensure_index(project: Project, profile: str, quiet: bool = False) -> str | None:
    """Build or update the profile's index when missing or stale; an error message or None.

    Fresh means: the fingerprint of the archive's files (stat only, see `source_state`) and
    the index version recorded at the last update are today's. Only then is the archive not
    read at all; otherwise it goes through the pipeline and the changed notices are indexed.
    """
    from ..index import (source_state, VERSION, authentic, current_generation, index_root,
                         read_manifest)

    state = source_state(project.notices_dir)
    gen = current_generation(index_root(project.cache_dir, profile))
    if gen is not None and not authentic(gen):
        gen = None  # update_index discards it (under its lock) and rebuilds
    if gen is not None:
        manifest = read_manifest(gen)
        if manifest.get("state") == state and manifest.get("version") == VERSION:
            return None
    return _update_index(project, profile, state, gen is not None, quiet)


def _update_index(project: Project, profile: str, state: str, have_index: bool,
                  quiet: bool) -> str | None:
    from ..diagnostics import WARNING
    from ..index import update_index
    from ..pipeline import run

    result = run(project.notices_dir, project.root, profile, cache_dir=project.cache_dir)
    if not result.ok:
        errors = [d.format() for d in result.diagnostics if d.severity != WARNING]
        if have_index:
            print("notice-archive: kho lưu trữ có lỗi, dùng chỉ mục tìm kiếm cũ:\n"
                  + "\n".join(errors), file=sys.stderr)
            return None
        return "kho lưu trữ có lỗi, chưa lập được chỉ mục tìm kiếm:\n" + "\n".join(errors)
    stats = update_index(result.linked, project.cache_dir, state=state)
    if stats.changed and not quiet:
        print(f"notice-archive: đã cập nhật chỉ mục tìm kiếm ({stats.added} thêm, "
              f"{stats.updated} sửa, {stats.removed} bỏ; {stats.seconds:.2f} giây)",
              file=sys.stderr)
    return None


def run(args: argparse.Namespace) -> int:
    from ..index import IndexMissing, Searcher, FACETS

    project = Project.find(args.config, args.cache_dir)  # a ProjectError is reported by cli.main
    if args.limit < 1:
        print("notice-archive: --limit phải lớn hơn 0", file=sys.stderr)
        return 2
    problem = ensure_index(project, args.profile, quiet=args.json)
    if problem:
        print(f"notice-archive: {problem}", file=sys.stderr)
        return 1
    text = " ".join(args.query)
    try:
        with Searcher(project.cache_dir, args.profile) as searcher:
            result = searcher.search(text, topic=args.topic, year=args.year,
                                     date_from=args.date_from, date_to=args.date_to,
                                     issuer=args.issuer, signer=args.signer, sort=args.sort,
                                     limit=args.limit,
                                     # text shows counts per topic and year only
                                     facets=FACETS if args.json else ("topic", "year"))
    except IndexMissing:
        print("notice-archive: chưa có chỉ mục tìm kiếm", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    _print_text(result, sys.stdout.isatty())
    return 0


# How a result matched through the thesaurus, in the words of the results page (na-search.js).
RULE_LABELS = {"synonym": "từ đồng nghĩa", "abbreviation": "chữ viết tắt",
               "narrower": "nghĩa hẹp hơn"}


def _print_text(result, tty: bool) -> None:
    # Bold yellow on a terminal; piped output stays plain text (no escape codes, no markup).
    start, end = ("\033[1;33m", "\033[0m") if tty else ("", "")
    out = sys.stdout
    for note in result.notes:
        print(f"Lưu ý: {note}", file=out)
    if result.corrected:
        print("Không có thông báo khớp đủ các từ đã gõ; kết quả cho: "
              f"{result.corrected}", file=out)
    elif result.suggestion:
        print(f"Có phải bạn muốn tìm: {result.suggestion}", file=out)
    print(_count_line(result) + f" ({result.seconds * 1000:.0f} ms)", file=out)
    for i, hit in enumerate(result.hits, 1):
        date = hit.date.strftime("%d/%m/%Y") if hit.date else "chưa ghi ngày"
        partial = "  (khớp một phần)" if hit.partial else ""
        print(f"\n{i}. {hit.number or 'Dự thảo'} · {date}{partial}", file=out)
        print(f"   {hit.title}", file=out)
        if hit.snippet:
            print(f"   {hit.snippet_marked(start, end)}", file=out)
        for m in hit.matched:
            if m["rule"] in RULE_LABELS:
                print(f"   khớp theo {RULE_LABELS[m['rule']]}: {m['term']} → {m['via_text']}",
                      file=out)
        print(f"   {hit.url}  ({hit.path})", file=out)
    facets = result.facets
    if facets.get("topic"):
        print("\nChủ đề: " + " · ".join(f"{f['name']} ({f['count']})" for f in facets["topic"]),
              file=out)
    if facets.get("year"):
        print("Năm: " + " · ".join(f"{f['value']} ({f['count']})" for f in facets["year"]),
              file=out)


def _count_line(result) -> str:
    """What was found, full and partial matches counted apart, and how many are listed."""
    full, partial = result.total, result.partial_total
    if not full and not partial:
        return "Không tìm thấy thông báo nào"
    parts = [f"Tìm thấy {full} thông báo khớp đủ các từ"]
    if partial:
        parts.append(f"{partial} thông báo khớp một phần")
    line = ", ".join(parts)
    shown_full = sum(1 for h in result.hits if not h.partial)
    shown_partial = len(result.hits) - shown_full
    if shown_full < full or shown_partial < partial:
        listed = [f"{shown_full} khớp đủ"] + ([f"{shown_partial} khớp một phần"]
                                             if shown_partial else [])
        line += f"; liệt kê {' và '.join(listed)} (--limit để xem thêm)"
    return line
