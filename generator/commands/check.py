"""`notice-archive check`: validate the archive and report every problem at file:line."""

from __future__ import annotations

import argparse
import sys

from ..diagnostics import ERROR, has_errors
from ..project import Project, ProjectError
from ..pipeline import check_summary


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help="kiểm tra thông báo, báo lỗi theo tệp:dòng")
    p.add_argument("paths", nargs="*", help="chỉ báo lỗi của các tệp này (vẫn kiểm tra trong "
                   "ngữ cảnh toàn kho)")
    p.add_argument("--config", "-f", default="mkdocs.yml")


def run(args: argparse.Namespace) -> int:
    try:
        project = Project.find(args.config)
    except ProjectError as exc:
        print(f"notice-archive: {exc}", file=sys.stderr)
        return 2
    result = check_summary(project.notices_dir, project.root, project.cache_dir)
    for diagnostic in result.diagnostics:
        print(diagnostic.format())
    errors = sum(1 for d in result.diagnostics if d.severity == ERROR)
    warnings = len(result.diagnostics) - errors
    print(f"{result.notice_count} thông báo hợp lệ; {errors} lỗi, {warnings} cảnh báo",
          file=sys.stderr)
    return 1 if has_errors(result.diagnostics) else 0
