"""`notice-archive serve`: live preview while editing notices (mkdocs' development server)."""

from __future__ import annotations

import argparse
import os
import sys

from ..link import PROFILES
from ..project import CACHE_DIR_ENV, Project
from ..render.settings import PROFILE_ENV
from .mkdocs_log import configure_logging, translate
from . import add_cache_option, add_config_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="xem trước trang lưu trữ, tự tải lại khi sửa",
        description="Dựng trang lưu trữ và phục vụ nó tại máy này để xem trước; mỗi khi một "
        "thông báo hoặc notices/topics.yml thay đổi, trang được dựng lại và trình duyệt tự tải "
        "lại. Không ghi gì vào site/. Dừng bằng Ctrl-C.")
    add_config_option(p)
    add_cache_option(p)
    p.add_argument("--profile", choices=PROFILES, default=None,
                   help="hồ sơ xuất bản để xem trước: public (mặc định) hoặc internal (thêm văn "
                   "bản nội bộ và dự thảo)")
    p.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                   help="địa chỉ và cổng phục vụ (mặc định: 127.0.0.1:8000)")


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    project = Project.find(args.config, args.cache_dir)  # a ProjectError is reported by cli.main
    os.environ[CACHE_DIR_ENV] = str(project.cache_dir)  # the plugin caches there too
    if args.profile:
        os.environ[PROFILE_ENV] = args.profile
    configure_logging(False)
    try:
        serve(config_file=str(project.config_file), dev_addr=args.dev_addr)
    except MkDocsException as exc:
        print(f"notice-archive: {translate(str(exc))}", file=sys.stderr)
        return 1
    return 0
