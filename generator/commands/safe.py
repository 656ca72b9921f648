"""`build --safe`: build someone else's branch without running any code it carries.

Notices are data; `mkdocs.yml` and the theme are code (hooks, plugins, Markdown extensions that
read files, theme templates and scripts). Safe mode therefore builds in a temporary copy of the
project made of everything but the notices folder from a trusted base revision, and only the
notices folder from the branch. Nothing the branch changed outside notices/ can run, whatever
key or file carries it; each such change is named, with why it is not used.

Checking each key against an allow-list would also work, but it has to know every way
configuration runs code (hooks, plugins, `!!python/name` tags, extension options such as
snippets' base_path, theme overrides, `extra_javascript`, …) and stay complete as mkdocs grows;
taking the base revision's configuration needs to know none of them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..project import Project, ProjectError, _LenientLoader, cache_folder

DEFAULT_BASES = ("origin/HEAD", "origin/main", "main", "master")
ORIGINALS = "originals"   # notices' `original:` files: data, taken from the branch
_LISTED = 20   # changed files named one by one; the rest are counted

# Why a changed key of mkdocs.yml matters, for the message.
_WHY = {
    "hooks": "tệp Python mà mkdocs sẽ chạy",
    "plugins": "plugin là mã Python",
    "markdown_extensions": "tiện ích Markdown là mã Python và có thể đọc tệp bất kỳ "
                           "(snippets với base_path)",
    "theme": "giao diện (custom_dir) chứa mẫu trang và mã chạy trong trình duyệt",
    "extra_javascript": "mã JavaScript chạy trong trình duyệt của người xem",
    "extra_css": "định dạng trang",
    "docs_dir": "thư mục nguồn",
    "site_dir": "thư mục đầu ra",
    "extra_templates": "mẫu trang",
    "watch": "thư mục theo dõi",
}


class SafeModeError(Exception):
    """The safe build cannot be prepared; the message says why (in Vietnamese)."""


def _git(root: Path, *args: str, binary: bool = False):
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root,
                              capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SafeModeError(f"không chạy được git ({exc}); --safe cần git") from None
    if done.returncode != 0:
        return None
    return done.stdout if binary else done.stdout.decode("utf-8", "replace")


def resolve_base(root: Path, base: str | None) -> str:
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        raise SafeModeError(f"{root} không phải kho git; --safe dựng cấu hình và giao diện từ "
                            "một phiên bản git cơ sở")
    for candidate in ([base] if base else DEFAULT_BASES):
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
        if commit:
            return commit.strip()
    if base:
        raise SafeModeError(f"không tìm thấy phiên bản cơ sở --base {base}")
    raise SafeModeError("không tìm thấy nhánh chính (origin/HEAD, main, master); chỉ rõ bằng "
                        "--base REV")


def _config(text: str | None, where: str) -> dict:
    if text is None:
        return {}
    try:
        data = yaml.load(text, Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise SafeModeError(f"không đọc được mkdocs.yml của {where}: {exc}") from None
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class SafeBuild:
    config_file: Path      # in the temporary copy
    site_dir: Path         # where the base revision's mkdocs.yml puts the site, in the project
    cache_dir: Path        # the project's cache folder, as the base revision's config has it
    unused: list[str]      # one line per change of the branch that is not used


def prepare(project: Project, base: str | None, work: Path,
            cache_dir: str | None = None) -> SafeBuild:
    """Fill `work` with the base revision's project and the branch's notices."""
    root = project.root
    commit = resolve_base(root, base)
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    base_text = _git(root, "show", f"{commit}:{prefix}mkdocs.yml")
    if base_text is None:
        raise SafeModeError(f"phiên bản cơ sở {base or commit[:12]} không có mkdocs.yml")
    base_config = _config(base_text, "phiên bản cơ sở")
    docs_dir = _inner(base_config.get("docs_dir", "notices"), "docs_dir")
    site_rel = _inner(base_config.get("site_dir", "site"), "site_dir")
    configured = None
    for plugin in base_config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("notice-archive"), dict):
            configured = plugin["notice-archive"].get("cache_dir") or None

    # Run in the project folder, git archives that folder with paths relative to it.
    archive = _git(root, "archive", "--format=tar", commit, "--", ".", binary=True)
    if archive is None:
        raise SafeModeError(f"không lấy được cây thư mục của {commit[:12]}")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers()
                   if not any(m.name == d or m.name.startswith(d + "/")
                              for d in (docs_dir, ORIGINALS))]
        tar.extractall(work, members=members, filter="data")
    notices = root / docs_dir
    if notices.is_dir():   # symlinks stay links: the loader judges them as in a normal build
        shutil.copytree(notices, work / docs_dir, symlinks=True)
    else:
        (work / docs_dir).mkdir(parents=True)
    # The originals that notices name (`original:`) are data like the notices: the branch's.
    if (root / ORIGINALS).is_dir() and not (root / ORIGINALS).is_symlink():
        shutil.copytree(root / ORIGINALS, work / ORIGINALS, symlinks=True)
    unused = _unused_changes(project, commit, docs_dir, site_rel, base_config, base or commit[:12])
    try:
        cache = cache_folder(root, configured, cache_dir)
    except ProjectError as exc:
        raise SafeModeError(str(exc)) from None
    return SafeBuild(work / "mkdocs.yml", root / site_rel, cache, unused)


def _inner(value, key: str) -> str:
    """A folder of the project named by the base's mkdocs.yml: relative, inside it."""
    text = str(value).strip().strip("/")
    if not text or ".." in Path(text).parts or Path(text).is_absolute() or ":" in text:
        raise SafeModeError(f"{key} '{value}' trong mkdocs.yml của phiên bản cơ sở phải là một "
                            "thư mục bên trong dự án")
    return text


def _unused_changes(project: Project, commit: str, docs_dir: str, site_rel: str,
                    base_config: dict, base: str) -> list[str]:
    root = project.root
    lines = []
    try:
        branch_text = project.config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        branch_text = None
    branch_config = _config(branch_text, "nhánh")
    for key in sorted(set(base_config) | set(branch_config), key=str):
        if base_config.get(key) != branch_config.get(key):
            why = _WHY.get(str(key), "cấu hình là mã của dự án")
            lines.append(f"chế độ an toàn: không dùng khóa '{key}' của mkdocs.yml trên nhánh "
                         f"({why}); dựng bằng mkdocs.yml của {base}")
    changed = (_git(root, "diff", "--name-only", "--relative", "-z", commit, "--", ".")
               or "").split("\0")
    changed += (_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
                or "").split("\0")
    own = [docs_dir, ORIGINALS, site_rel, f".{site_rel}."]   # data; what builds write
    files = sorted({f for f in changed if f and f != "mkdocs.yml"
                    and not any(f == o or f.startswith(o if o.endswith(".") else o + "/")
                                for o in own)})
    for name in files[:_LISTED]:
        lines.append(f"chế độ an toàn: không dùng {name} của nhánh (chỉ thư mục {docs_dir}/ "
                     f"được lấy từ nhánh; mọi tệp khác từ {base})")
    if len(files) > _LISTED:
        lines.append(f"chế độ an toàn: và {len(files) - _LISTED} tệp khác ngoài {docs_dir}/ "
                     "cũng không được dùng")
    return lines


def workspace() -> Path:
    return Path(tempfile.mkdtemp(prefix="notice-archive-safe-"))


