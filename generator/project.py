"""Where a project's files are: the mkdocs.yml that names the notices folder and the site folder,
and the cache folder that belongs to the project outside it."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import yaml

# Set by `notice-archive … --cache-dir` for the mkdocs plugin, which runs inside mkdocs.
CACHE_DIR_ENV = "NOTICE_ARCHIVE_CACHE_DIR"


class ProjectError(Exception):
    """The project cannot be found or its mkdocs.yml cannot be read; the message says why."""


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path
    notices_dir: Path
    site_dir: Path
    cache_dir: Path

    @classmethod
    def find(cls, config_file: str | Path | None = None,
             cache_dir: str | Path | None = None) -> "Project":
        path = Path(config_file) if config_file else _find_upwards(Path.cwd())
        if path is None:
            raise ProjectError("không tìm thấy mkdocs.yml ở thư mục hiện tại hay thư mục cha nào: "
                               "chạy lệnh trong thư mục dự án hoặc dùng --config "
                               "đường/dẫn/mkdocs.yml")
        if not path.is_file():
            raise ProjectError(f"không tìm thấy {path}: chạy lệnh trong thư mục dự án hoặc dùng "
                               "--config đường/dẫn/mkdocs.yml")
        try:
            # mkdocs.yml may carry !!python/name tags for extensions; only the plain keys matter.
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ProjectError(f"không đọc được {path}: {exc}") from None
        root = path.resolve().parent
        configured = None
        for plugin in raw.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("notice-archive"), dict):
                configured = plugin["notice-archive"].get("cache_dir") or None
        return cls(root=root, config_file=path.resolve(),
                   notices_dir=root / str(raw.get("docs_dir", "notices")),
                   site_dir=root / str(raw.get("site_dir", "site")),
                   cache_dir=cache_folder(root, configured, cache_dir))


def default_cache_root() -> Path:
    return Path(platformdirs.user_cache_dir("notice-archive", appauthor=False))


def cache_folder(root: Path, configured: str | None = None,
                 given: str | Path | None = None) -> Path:
    """The project's cache folder: where memos, the search index and the build lock live.

    By default `<user cache folder>/notice-archive/<folder name>-<hash of its absolute path>`,
    one per repository, where no repository can put files. `--cache-dir` (this process's
    CACHE_DIR_ENV for the plugin) and then the plugin's `cache_dir` option move it; a folder
    inside the repository is never used, since a pull request could have planted its contents.
    """
    for chosen in (given, os.environ.get(CACHE_DIR_ENV), configured):
        if not chosen:
            continue
        folder = (root / os.path.expanduser(str(chosen))).resolve()
        if not _inside(folder, root):
            return folder
        raise ProjectError(f"thư mục đệm {chosen} nằm trong kho lưu trữ; để an toàn nó phải ở "
                           "ngoài (bỏ cache_dir trong mkdocs.yml hoặc --cache-dir để dùng thư mục "
                           "đệm của người dùng)")
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", root.name).strip("-")[:40] or "project"
    digest = hashlib.sha256(os.path.normcase(str(root)).encode("utf-8")).hexdigest()[:16]
    return default_cache_root() / f"{name}-{digest}"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _find_upwards(start: Path) -> Path | None:
    """The nearest mkdocs.yml in `start` or a folder above it, as git finds its repository."""
    for folder in (start, *start.parents):
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    return None


class _LenientLoader(yaml.SafeLoader):
    pass


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
