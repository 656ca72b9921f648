"""`notice-archive check`: validate the archive and report every problem at file:line.

The whole archive is always validated (duplicates and references need all of it); paths given
on the command line only narrow what is reported. Output formats: `human` (compiler style, the
severity in Vietnamese: the default when the output is a terminal), `text` (compiler style, the
documented machine format: the default otherwise, so editors and scripts keep parsing it),
`github` (workflow commands that GitHub shows inline on a pull request) and `json`.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import json
import os
import sys
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic, capped, has_errors
from ..load import (LoadResult, load_archive, load_document, notice_paths, scan, stray_files,
                    read_inside, read_regular, MAX_FILE_BYTES, DecodeProblem, decode)
from ..pipeline import check_summary
from ..load import tracked_cache_files
from ..project import Project
from ..text import nfc
from ..validate import validate, check_text, fix_text
from . import add_cache_option, add_config_option

FORMATS = ("auto", "human", "text", "github", "json")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {value!r} (YYYY-MM-DD)") from None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="kiểm tra thông báo, báo lỗi theo tệp:dòng",
        description="Kiểm tra toàn bộ kho thông báo và báo mọi lỗi một lần. Mã thoát: 0 không "
        "có lỗi (có thể có cảnh báo), 1 có lỗi, 2 dùng sai lệnh.")
    p.add_argument("paths", nargs="*", metavar="TỆP",
                   help="chỉ báo lỗi của các tệp/thư mục này (vẫn kiểm tra trong ngữ cảnh "
                   "toàn kho)")
    add_config_option(p)
    add_cache_option(p)
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="auto (mặc định: human khi in ra màn hình, text khi chuyển cho chương "
                   "trình khác), human (tiếng Việt: lỗi, cảnh báo), text (định dạng cho máy "
                   "đọc, như trình soạn thảo và CI mong đợi), github (chú thích trên pull "
                   "request), json")
    p.add_argument("--fix", action="store_true",
                   help="sửa an toàn: chuẩn hóa NFC, xóa khoảng trắng cuối dòng, sắp xếp trường")
    p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)


class _Selection:
    """Which files the user asked about; empty means the whole archive."""

    def __init__(self, root: Path, paths: list[Path]):
        self.root = root
        self.files: set[str] = set()
        self.dirs: list[str] = []
        for path in paths:
            rel = _relative(path, root)
            if path.is_dir():
                self.dirs.append("" if rel in (".", "") else rel.rstrip("/") + "/")
            else:
                self.files.add(rel)

    @property
    def everything(self) -> bool:
        return not self.files and not self.dirs

    def __contains__(self, rel: str) -> bool:
        return self.everything or rel in self.files or any(rel.startswith(d) for d in self.dirs)

    def involves(self, diagnostic: Diagnostic) -> bool:
        """Archive-wide problems name the other file they concern (a duplicate, a successor)."""
        if diagnostic.path in self:
            return True
        if not diagnostic.code.startswith("NA2"):
            return False
        mentioned = {part for part in diagnostic.message.replace("(", " ").replace(")", " ")
                     .split() if "/" in part}
        return any(part in self for part in mentioned)


def _relative(path: Path, root: Path) -> str:
    # The path as written, not where a symlink leads: a link's target is not to be shown.
    written = os.fspath(path)
    prefix = os.path.join(str(root), "")
    if not (written.startswith(prefix) and "/." not in written):  # "." or ".." to normalise
        written = os.path.abspath(path)
    if os.sep == "/" and written.startswith(prefix):  # the archive's own files: string work only
        return nfc(written[len(prefix):])
    for candidate in (lambda: Path(written), path.resolve):
        try:
            return nfc(candidate().relative_to(root).as_posix())
        except ValueError:
            continue
    return nfc(written)


def _fix_files(paths: list[Path], root: Path) -> list[str]:
    """Apply the safe fixes in place; return one line per file changed."""
    reports = []
    for path in paths:
        if path.is_symlink():
            continue  # writing through a link could change a file outside the repository
        try:
            data = read_inside(path, root, MAX_FILE_BYTES)
        except OSError:
            continue
        if len(data) > MAX_FILE_BYTES or b"\x00" in data:
            continue
        bom = data.startswith(codecs.BOM_UTF8)
        try:
            text = data[len(codecs.BOM_UTF8) if bom else 0:].decode("utf-8")
        except UnicodeDecodeError:
            continue  # NA001: converting an encoding is a person's job, with the file open
        result = fix_text(text)
        if not result.changes:
            continue
        try:
            path.write_bytes((codecs.BOM_UTF8 if bom else b"") + result.text.encode("utf-8"))
        except OSError as exc:
            reports.append(f"{_relative(path, root)}: không ghi được ({exc.strerror})")
            continue
        reports.append(f"{_relative(path, root)}: đã sửa: {'; '.join(result.changes)}")
    return reports


def _style(root: Path, paths: list[str]) -> list[Diagnostic]:
    found = []
    for rel in paths:
        try:
            text, _ = decode(read_inside(root / rel, root, MAX_FILE_BYTES))
        except (OSError, DecodeProblem):
            continue  # already reported by the loader
        found.extend(capped(check_text(rel, text)))
    return found


def _check_with_extra(project: Project, extra: list[Path], today) -> list[Diagnostic]:
    """The whole archive plus files outside it, without the memo (they are not its members)."""
    root = project.root
    loaded = load_archive(project.notices_dir, root)
    loaded = LoadResult(loaded.documents + tuple(_load_named(Path(os.path.abspath(p)), root)
                                                 for p in extra), loaded.topics)
    result = validate(loaded, today=today)
    readable = [doc.path for doc in loaded.documents if doc.data is not None]
    _, others = scan(project.notices_dir, root)
    diagnostics = sorted(set(result.diagnostics) | set(_style(root, readable))
                         | set(stray_files(others, root)))
    return diagnostics


def _load_named(path: Path, root: Path):
    """A file named on the command line. Inside the repository the repository's rules hold (a
    link out of it is NA021, as in a build); a file outside it was chosen by the person running
    the check and is read as it is (a FIFO or device still is not)."""
    if path == root or root in path.parents:
        return load_document(path, root)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError:
        data = None
    return load_document(path, root, data) if data is not None else load_document(path, root)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(d: Diagnostic, prefix: str) -> str:
    command = "error" if d.severity == ERROR else "warning"
    title = f"{d.code} ({d.field})" if d.field else d.code
    props = (f"file={_escape_property(prefix + d.path)},line={max(d.line, 1)},"
             f"col={max(d.column, 1)},title={_escape_property(title)}")
    return f"::{command} {props}::{_escape_data(d.message)}"


def _terminal(stream) -> bool:
    """A person reads `stream` (a terminal), rather than an editor, a pipe or CI's log."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def as_json(diagnostics: list[Diagnostic]) -> list[dict]:
    """The stable machine-readable form (documented in docs/handbook/development/checking.md)."""
    return [{"path": d.path, "line": max(d.line, 1), "column": max(d.column, 1),
             "severity": d.severity, "code": d.code, "message": d.message, "field": d.field}
            for d in diagnostics]


def _workspace_prefix(root: Path) -> str:
    """GitHub resolves annotation paths from the repository root, not from our project root."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        rel = root.relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel in (".", "") else rel + "/"


def run(args: argparse.Namespace) -> int:
    project = Project.find(args.config, args.cache_dir)  # a ProjectError is reported by cli.main
    root = project.root
    given = [Path(p) for p in args.paths]
    missing = [str(p) for p in given if not p.exists()]
    if missing:
        print(f"notice-archive: không tìm thấy: {', '.join(missing)}", file=sys.stderr)
        return 2
    selection = _Selection(root, given)

    if args.fix:
        targets = [p for p in notice_paths(project.notices_dir, root)
                   if _relative(p, root) in selection] if project.notices_dir.is_dir() else []
        targets += [p for p in given if p.is_file() and p.suffix != ".yml"
                    and p.resolve() not in {t.resolve() for t in targets}]
        for line in _fix_files(targets, root):
            print(line, file=sys.stderr)

    if not project.notices_dir.is_dir():
        print(f"notice-archive: không có thư mục thông báo {project.notices_dir}", file=sys.stderr)
        return 2
    # A file named on the command line that the archive would not pick up (another folder,
    # another extension, a hidden name) is still checked as a notice, in the archive's context.
    scanned = scan(project.notices_dir, root)
    known = {_relative(p, root) for p in scanned[0]}
    extra = [p for p in given if p.is_file() and p.suffix != ".yml"
             and _relative(p, root) not in known]
    if extra:
        diagnostics = _check_with_extra(project, extra, args.today)
    else:  # the common case, memoised: instant when nothing changed since the last check
        summary = check_summary(project.notices_dir, root, project.cache_dir, args.today,
                                scanned)
        diagnostics = list(summary.diagnostics)
    reported = [d for d in diagnostics if selection.involves(d)]
    # Repository-wide: reported whatever files were named.
    reported += tracked_cache_files(root)

    if args.format == "json":
        json.dump(as_json(reported), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "github":
        prefix = _workspace_prefix(root)
        for d in reported:
            print(_github(d, prefix))
            # GitHub shows only the first few annotations of a step; the log keeps them all.
            print(d.format(), file=sys.stderr)
    else:
        human = args.format == "human" or (args.format == "auto" and _terminal(sys.stdout))
        for d in reported:
            print(d.format(human=human))
    errors = sum(1 for d in reported if d.severity == ERROR)
    warnings = len(reported) - errors
    # One meaning whatever the rule: a notice is valid when no error names its file.
    files = [rel for rel in sorted(known | {_relative(p, root) for p in extra}) if rel in selection]
    failing = {d.path for d in diagnostics if d.severity == ERROR}
    valid = sum(1 for rel in files if rel not in failing)
    print(f"{valid}/{len(files)} thông báo hợp lệ (không có lỗi); {errors} lỗi, "
          f"{warnings} cảnh báo", file=sys.stderr)
    return 1 if has_errors(reported) else 0
