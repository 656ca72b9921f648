"""`notice-archive serve`: live preview while editing notices (mkdocs' development server)."""

from __future__ import annotations

import argparse
import os
import sys

from ..link import PROFILES
from ..project import CACHE_DIR_ENV, Project
from . import add_cache_option
from ..render.settings import PROFILE_ENV
from .build import configure_logging


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="xem trước trang lưu trữ, tự tải lại khi sửa")
    p.add_argument("--config", "-f", default="mkdocs.yml")
    add_cache_option(p)
    p.add_argument("--profile", choices=PROFILES, default=None)
    p.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", help="địa chỉ:cổng")


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
        print(f"notice-archive: {exc}", file=sys.stderr)
        return 1
    return 0
