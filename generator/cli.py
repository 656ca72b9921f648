"""`notice-archive` command line: one sub-command per module in generator/commands/.

No input, however malformed, ends in a Python traceback: expected problems are diagnostics, and
anything unexpected is reported in one line (set NOTICE_ARCHIVE_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .argparse_vi import vietnamese
from .project import ProjectError

# Each module has `register(subparsers)` and `run(args) -> int`.
COMMANDS = ("build", "serve", "check", "new", "search", "tasks", "diff", "schema", "import")
# Sub-commands whose module cannot bear the command's name ("import" is a Python keyword).
MODULES = {"import": "import_cmd"}

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser(argv: list[str] | None = None) -> tuple[argparse.ArgumentParser, dict]:
    """The parser; with `argv` naming a command first, only that command's module is imported
    (each imports the stages it runs: `check` has no use for the renderer's imports)."""
    parser = argparse.ArgumentParser(
        prog="notice-archive",
        description="Lưu trữ thông báo: kiểm tra, dựng trang tĩnh và tìm kiếm thông báo.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="in số phiên bản rồi thoát")
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    modules = {}
    named = [argv[0]] if argv and argv[0] in COMMANDS else COMMANDS
    for name in named:
        module = importlib.import_module(
            f".commands.{MODULES.get(name, name.replace('-', '_'))}", __package__)
        module.register(subparsers)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # Vietnamese output on any locale
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's banner is not ours
    with vietnamese():
        parser, modules = _parser(sys.argv[1:] if argv is None else argv)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
            return int(exc.code or 0)
        if not args.command:
            parser.print_help()
            return EXIT_USAGE
    try:
        return modules[args.command].run(args)
    except ProjectError as exc:  # no mkdocs.yml, or one that cannot be read: a usage error
        print(f"notice-archive: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("notice-archive: đã dừng theo yêu cầu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the promise: one clear line, never a traceback
        if os.environ.get("NOTICE_ARCHIVE_DEBUG"):
            raise
        print(f"notice-archive: lỗi nội bộ ({type(exc).__name__}: {exc}); chạy lại với "
              "NOTICE_ARCHIVE_DEBUG=1 để xem chi tiết và báo lỗi", file=sys.stderr)
        return EXIT_INTERNAL
