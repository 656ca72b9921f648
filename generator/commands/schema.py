"""`notice-archive schema`: print the JSON Schema of the front matter, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..validate import schema_text


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "schema", help="in JSON Schema của front matter (cho trình soạn thảo)",
        description="In JSON Schema của front matter thông báo. Dùng với yaml-language-server: "
        "lưu thành tệp rồi thêm dòng '# yaml-language-server: $schema=<tệp>' đầu front matter, "
        "hoặc khai báo trong cài đặt yaml.schemas của trình soạn thảo.")
    p.add_argument("--output", "-o", default=None, metavar="TỆP",
                   help="ghi vào tệp thay vì in ra màn hình")


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"notice-archive: không ghi được {args.output}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"notice-archive: đã ghi {args.output}", file=sys.stderr)
        return 0
    sys.stdout.write(text)
    return 0
