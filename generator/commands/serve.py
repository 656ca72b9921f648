"""`notice-archive serve`: live preview while editing notices.

The archive is read and linked once, then again after each save (unchanged files come from the
per-file memo); each page is rendered when the browser asks for it (plugin/on_demand.py), the
same HTML `build` writes, and open pages reload after a save (plugin/live_server.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from ..link import PROFILES
from ..project import CACHE_DIR_ENV, Project
from ..plugin import configure_logging, translate
from . import add_cache_option, add_config_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="xem trước trang lưu trữ, tự tải lại khi sửa",
        description="Phục vụ trang lưu trữ tại máy này để xem trước. Mỗi trang được dựng khi "
        "trình duyệt mở nó, giống hệt trang mà lệnh build ghi ra; khi một thông báo, "
        "notices/topics.yml, mkdocs.yml hay giao diện thay đổi, kho lưu trữ được đọc lại (chỉ "
        "các tệp đã đổi) và trình duyệt tự tải lại. Nếu kho có lỗi, trang hiện danh sách lỗi "
        "(tệp:dòng) cho đến lần lưu sửa xong. Không ghi gì vào site/. Dừng bằng Ctrl-C.")
    add_config_option(p)
    add_cache_option(p)
    p.add_argument("--profile", choices=PROFILES, default=None,
                   help="hồ sơ xuất bản để xem trước: public (mặc định) hoặc internal (thêm văn "
                   "bản nội bộ và dự thảo)")
    p.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                   help="địa chỉ và cổng phục vụ (mặc định: 127.0.0.1:8000)")


def run(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from mkdocs.exceptions import MkDocsException

    from ..plugin import PreviewServer, OnDemandSite

    project = Project.find(args.config, args.cache_dir)  # a ProjectError is reported by cli.main
    os.environ[CACHE_DIR_ENV] = str(project.cache_dir)  # the plugin caches there too
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        print(f"notice-archive: địa chỉ '{args.dev_addr}' không hợp lệ; ghi dạng ĐỊA_CHỈ:CỔNG, "
              "ví dụ 127.0.0.1:8000", file=sys.stderr)
        return 2
    configure_logging(False)

    def stop(signum, frame):  # a terminated preview cleans up as after Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    site = OnDemandSite(project.config_file, profile=args.profile)
    try:
        print("notice-archive: đang đọc kho lưu trữ…", file=sys.stderr)
        site.refresh()
        if site.config is None:  # mkdocs.yml itself unreadable: nothing to serve
            print(f"notice-archive: {site.error}", file=sys.stderr)
            return 1
        if site.error:
            print(f"notice-archive: {site.error}", file=sys.stderr)
        mount_path = urlsplit(site.config.site_url or "/").path
        server = PreviewServer(site, host.strip("[]"), int(port), mount_path)
        server.watch(str(project.notices_dir))
        server.watch(str(project.config_file))
        if site.config.theme.custom_dir:
            server.watch(site.config.theme.custom_dir)
        if (project.root / "originals").is_dir():  # signed PDFs and scans that notices name
            server.watch(str(project.root / "originals"))
        try:
            server.serve()
        except KeyboardInterrupt:
            print("notice-archive: đã dừng xem trước", file=sys.stderr)
        except OSError as exc:
            print(f"notice-archive: không mở được cổng {args.dev_addr}: {exc.strerror or exc}",
                  file=sys.stderr)
            return 1
        finally:
            server.shutdown()
    except MkDocsException as exc:
        print(f"notice-archive: {translate(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # stopped while the archive was being read
        print("notice-archive: đã dừng xem trước", file=sys.stderr)
    finally:
        site.close()
    return 0
