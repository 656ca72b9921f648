"""Where a project's files are: the mkdocs.yml that names the notices folder and the site folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


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
    def find(cls, config_file: str | Path | None = None) -> "Project":
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
        cache = ".cache/notice-archive"
        for plugin in raw.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("notice-archive"), dict):
                cache = plugin["notice-archive"].get("cache_dir", cache)
        return cls(root=root, config_file=path.resolve(),
                   notices_dir=root / str(raw.get("docs_dir", "notices")),
                   site_dir=root / str(raw.get("site_dir", "site")),
                   cache_dir=root / str(cache))


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
