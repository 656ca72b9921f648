"""`notice-archive build`: validate, link, index and render the archive into site/, atomically."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from ..link import PROFILES
from ..project import CACHE_DIR_ENV, Project, ProjectError, cache_folder
from ..publish import (BuildInterrupted, BuildLocked, SiteInUse, build_lock, discard,
                             interruptible, remove_leftovers, signals_deferred, staging_dir,
                             swap)
from . import add_cache_option, add_config_option
from ..plugin import configure_logging, translate


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="dựng trang lưu trữ tĩnh vào site/",
                              description="Kiểm tra toàn bộ kho lưu trữ rồi dựng trang tĩnh. "
                              "Khi có lỗi, site/ hiện có được giữ nguyên.")
    add_config_option(p)
    add_cache_option(p)
    p.add_argument("--profile", choices=PROFILES, default=None,
                   help="hồ sơ xuất bản: public (mặc định, chỉ văn bản công khai đã ban hành) "
                   "hoặc internal (thêm văn bản nội bộ và dự thảo)")
    p.add_argument("--site-dir", "-d", default=None, metavar="THƯ_MỤC",
                   help="thư mục đầu ra (mặc định: site)")
    p.add_argument("--full", action="store_true",
                   help="dựng lại mọi trang, không dùng lại trang không đổi từ site/ hiện có")
    # Every build updates the search index now; --index stays accepted for old scripts.
    p.add_argument("--index", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--strict", action="store_true", help="coi cảnh báo của mkdocs là lỗi")
    p.add_argument("--quiet", "-q", action="store_true", help="chỉ in lỗi")
    p.add_argument("--safe", action="store_true",
                   help="chế độ an toàn để xem xét nhánh của người khác: chỉ lấy thư mục thông "
                   "báo từ nhánh; mkdocs.yml, giao diện và mọi tệp khác lấy từ phiên bản cơ sở, "
                   "nên không mã nào nhánh mang theo được chạy")
    p.add_argument("--base", default=None, metavar="REV",
                   help="phiên bản cơ sở tin cậy cho --safe (mặc định: origin/HEAD, main "
                   "hoặc master)")
    p.add_argument("--wait", type=_seconds, default=0.0, metavar="GIÂY",
                   help="nếu một lần dựng khác đang chạy, đợi tối đa chừng ấy giây "
                   "(mặc định: không đợi, báo lỗi ngay)")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"'{value}' không phải số giây hợp lệ (0 đến 86400)")
    return seconds


def run(args: argparse.Namespace) -> int:
    try:
        project = Project.find(args.config, args.cache_dir)  # reported by cli.main
    except ProjectError:
        given = Path(args.config or "mkdocs.yml")
        if not (args.safe and given.is_file()):
            raise
        # Safe mode reads the branch's mkdocs.yml for nothing but naming its changes.
        config = given.resolve()
        project = Project(config.parent, config, config.parent, config.parent,
                          cache_folder(config.parent, None, args.cache_dir))
    os.environ[CACHE_DIR_ENV] = str(project.cache_dir)  # the plugin caches there too
    site_dir = (project.root / args.site_dir) if args.site_dir else project.site_dir
    configure_logging(args.quiet)

    def waiting() -> None:
        print(f"notice-archive: một lần dựng khác đang chạy; đợi tối đa {args.wait:g} giây…",
              file=sys.stderr)

    if args.base and not args.safe:
        print("notice-archive: --base chỉ dùng cùng --safe", file=sys.stderr)
        return 2
    if not args.safe:
        return _build(args, project.cache_dir, project.config_file, site_dir, waiting)
    from .safe import SafeModeError, prepare, workspace
    work = workspace()
    try:
        try:
            safe = prepare(project, args.base, work, args.cache_dir)
        except SafeModeError as exc:
            print(f"notice-archive: {exc}", file=sys.stderr)
            return 2
        for line in safe.unused:
            print(f"notice-archive: {line}", file=sys.stderr)
        # Output and caches where the base revision's mkdocs.yml puts them, never the branch's.
        os.environ[CACHE_DIR_ENV] = str(safe.cache_dir)
        site = (project.root / args.site_dir) if args.site_dir else safe.site_dir
        return _build(args, safe.cache_dir, safe.config_file, site, waiting)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _build(args, cache_dir, config_file, site_dir, waiting) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..plugin import configure_build

    published = False
    try:
        with interruptible(), build_lock(cache_dir, args.wait, waiting, site_dir):
            remove_leftovers(site_dir)
            staging = staging_dir(site_dir)
            try:
                # With a published site, pages that did not change are linked from it
                # instead of rendered again (plugin/incremental.py).
                incremental = site_dir.is_dir() and not args.full
                config = load_config(str(config_file), site_dir=str(staging),
                                     strict=args.strict)
                # --profile in place of mkdocs.yml's value, for this build only.
                configure_build(config, profile=args.profile,
                                previous_site=site_dir if incremental else None)
                build(config, dirty=incremental)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            with signals_deferred():  # a signal now is delivered after `published` is set
                try:
                    previous = swap(staging, site_dir)
                except SiteInUse:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise
                published = True
            if previous is not None:
                discard(previous, site_dir)
    except (BuildLocked, SiteInUse) as exc:
        print(f"notice-archive: {exc}", file=sys.stderr)
        return 1
    except MkDocsException as exc:
        message = translate(str(exc))
        print(f"notice-archive: không xuất bản, site/ giữ nguyên. {message}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, BuildInterrupted) as exc:
        why = "do tín hiệu " + str(exc) if isinstance(exc, BuildInterrupted) else "theo yêu cầu"
        outcome = (f"bản mới đã kịp xuất bản vào {site_dir}" if published
                   else "site/ giữ nguyên như trước")
        print(f"notice-archive: đã dừng {why}; {outcome}", file=sys.stderr)
        return 128 + exc.signum if isinstance(exc, BuildInterrupted) else 130
    print(f"notice-archive: đã xuất bản {site_dir}", file=sys.stderr)
    return 0
