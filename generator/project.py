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

from .load import BAD_NAME, UnsafePath, read_inside, resolve_inside, walk_inside

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
        # The root is the folder mkdocs.yml is in, never where a symlinked mkdocs.yml leads.
        root = Path(os.path.abspath(path)).parent.resolve()
        try:
            # mkdocs.yml may carry !!python/name tags for extensions; only the plain keys matter.
            text = read_inside(root / path.name, root, 1 << 20).decode("utf-8")
            raw = yaml.load(text, Loader=_LenientLoader) or {}
        except UnsafePath as exc:
            raise ProjectError(str(exc)) from None
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ProjectError(f"không đọc được {path}: {exc}") from None
        if not isinstance(raw, dict):
            raise ProjectError(f"{path} không phải một bảng khóa: giá trị")
        from_environment = _environment_keys(raw)
        if from_environment:
            # CI's secrets live in environment variables: a pull request could publish them.
            raise ProjectError(f"{path}: {', '.join(from_environment)} lấy giá trị từ biến môi "
                               "trường (!ENV) của máy dựng, không phải từ kho lưu trữ; hãy ghi "
                               "giá trị thẳng vào mkdocs.yml")
        configured = None
        for plugin in raw.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("notice-archive"), dict):
                configured = plugin["notice-archive"].get("cache_dir") or None
        theme = raw.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        problems = config_path_problems(root, docs_dir=str(raw.get("docs_dir", "notices")),
                                        site_dir=str(raw.get("site_dir", "site")),
                                        custom_dir=custom_dir, inherit=raw.get("INHERIT"))
        if problems:
            raise ProjectError(f"{path}: " + "; ".join(problems))
        return cls(root=root, config_file=root / path.name,
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


def config_path_problems(root: Path, docs_dir: str | None = None, site_dir: str | None = None,
                         custom_dir: str | None = None, inherit: str | None = None) -> list[str]:
    """What mkdocs.yml names outside the repository, or unsafe inside the folders it reads.

    Inputs (docs_dir, custom_dir, INHERIT) must be inside the repository and not hidden;
    site_dir inside it too, so a build publishes nowhere else, and not the repository itself
    (the cache has its own rules: `cache_folder`). Unsafe entries of the theme folder (links
    out, FIFOs) are listed too: mkdocs copies and reads that folder without looking.
    """
    problems = []
    checks = [("docs_dir", docs_dir, False), ("theme.custom_dir", custom_dir, False),
              ("INHERIT", inherit, False), ("site_dir", site_dir, True)]
    for key, value, output in checks:
        if value is None:
            continue
        try:
            real = resolve_inside(root, str(value), what=key, hidden=output)
        except UnsafePath as exc:
            problems.append(str(exc) if exc.code == BAD_NAME else
                            f'{key} "{value}" nằm ngoài kho lưu trữ (hoặc trong thư mục ẩn); '
                            "chỉ dùng thư mục trong kho")
            continue
        if output and real == root.resolve():
            problems.append(f'{key} "{value}" là chính thư mục kho lưu trữ; hãy dùng thư mục con')
        if key == "theme.custom_dir" and real.is_dir():
            for _, _, _, unsafe in walk_inside(real, root):
                problems.extend(f'theme.custom_dir: "{p.relative_to(root).as_posix()}" trỏ ra '
                                "ngoài kho hoặc không phải tệp thường; hãy xóa nó"
                                for p in unsafe)
    return problems


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


class _FromEnvironment:
    """A value mkdocs would take from an environment variable of the machine that builds."""


_LenientLoader.add_constructor("!ENV", lambda loader, node: _FromEnvironment())


def _environment_keys(value, where: str = "") -> list[str]:
    if isinstance(value, _FromEnvironment):
        return [where or "(gốc)"]
    if isinstance(value, dict):
        return [k for key, item in value.items()
                for k in _environment_keys(item, f"{where}.{key}" if where else str(key))]
    if isinstance(value, list):
        return [k for i, item in enumerate(value) for k in _environment_keys(item, f"{where}[{i}]")]
    return []
