"""Incremental builds: re-render only the pages whose inputs changed since the published site.

Every generated page gets a fingerprint of everything its HTML depends on (its Markdown, its
template context, the site-wide inputs: mkdocs.yml, theme/, generator version, profile). A build
started by `notice-archive build` with a previous site/ runs mkdocs in dirty mode into a fresh
staging folder: pages whose fingerprint matches the manifest are not rendered, and their HTML is
hard-linked from the published site afterwards. Files are never written through a link, so the
published site is never modified in place. Plain `mkdocs build` always renders everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from .. import authenticated
from ..cache import code_identity
from ..profiles import Profile

MANIFEST = "render-manifest"  # one per profile: Profile.cache_file


class PageFile(File):
    """A generated page that a dirty build may skip when its fingerprint is unchanged."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


def site_fingerprint(config_file: Path, theme_dir: Path | None, profile: Profile) -> str:
    """What every page depends on: configuration, templates, generator and theme versions."""
    digest = hashlib.sha256(f"{code_identity()}|{profile.name}".encode())
    try:
        import material
        digest.update(getattr(material, "__version__", "").encode())
    except ImportError:
        pass
    digest.update(config_file.read_bytes() if config_file.exists() else b"")
    if theme_dir and theme_dir.is_dir():
        for path in sorted(theme_dir.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(theme_dir).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def page_fingerprint(site: str, template: str, title: str, markdown: str,
                     context: dict[str, Any]) -> str:
    digest = hashlib.sha256(site.encode())
    for part in (template, title, markdown):
        digest.update(b"\0" + part.encode())
    digest.update(json.dumps(context, sort_keys=True, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


class RenderState:
    """The manifest of the published site: its build stamp and each page's fingerprint."""

    def __init__(self, cache_dir: Path, profile: Profile, previous_site: Path | None):
        """`previous_site`: the published site this build may reuse pages from (None: none)."""
        self.path = cache_dir / profile.cache_file(MANIFEST)
        self.previous: dict[str, str] = {}
        self.previous_site: Path | None = None
        self.current: dict[str, str] = {}
        self.skipped: list[File] = []
        self.files: dict[str, str] = {}            # other written file → digest of its bytes
        self.previous_files: dict[str, str] = {}   # digest → a file of the published site
        if previous_site is None:
            return
        site = Path(previous_site)
        try:
            stamp = _stamp(site)
        except OSError:
            return
        stored = authenticated.read_json(self.path)
        if isinstance(stored, dict) and stored.get("stamp") == stamp:  # the manifest describes the site we would link from
            self.previous = stored.get("pages", {})
            self.previous_site = site
            self.previous_files = {digest: path for path, digest
                                   in stored.get("files", {}).items()}

    def mark(self, file: PageFile, fingerprint: str) -> None:
        """Record a page; skip it when the published site already holds this exact page."""
        self.current[file.src_uri] = fingerprint
        if (self.previous_site is not None and self.previous.get(file.src_uri) == fingerprint
                and _regular_file(os.path.join(self.previous_site, file.dest_uri))):
            file.unchanged = True
            self.skipped.append(file)

    def writer(self, site_dir: Path):
        """A `write(path, data)` for files other than pages: a file whose bytes the published
        site already holds (under any name) is hard-linked from it instead of written."""
        def write(path: Path, data: bytes) -> None:
            digest = hashlib.sha256(data).hexdigest()
            self.files[path.relative_to(site_dir).as_posix()] = digest
            same = self.previous_files.get(digest)
            if same is not None and self.previous_site is not None:
                try:
                    os.link(self.previous_site / same, path)
                    return
                except OSError:
                    pass  # gone, another file system: write it
            path.write_bytes(data)
        return write

    def reuser(self, site_dir: Path):
        """A `reuse(path, digest)`: link the published site's file of that digest to `path`
        and record it; False when the published site holds no such file (then write it)."""
        def reuse(path: Path, digest: str) -> bool:
            same = self.previous_files.get(digest)
            if same is None or self.previous_site is None:
                return False
            try:
                os.link(self.previous_site / same, path)
            except OSError:
                return False  # gone, another file system: the caller writes it
            self.files[path.relative_to(site_dir).as_posix()] = digest
            return True
        return reuse

    def finish(self, site_dir: Path) -> None:
        """Link skipped pages in from the published site, then stamp and record this build."""
        assert self.previous_site is not None or not self.skipped
        made: set[str] = set()   # folders known to exist: one mkdir per folder, not per page
        for file in self.skipped:
            source = os.path.join(self.previous_site, file.dest_uri)
            target = os.path.join(site_dir, file.dest_uri)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            try:
                os.link(source, target)
            except FileExistsError:
                continue  # written by this build: never replaced, never written through
            except OSError:  # another file system, or links not allowed: copy instead
                shutil.copy2(source, target)
        authenticated.write_json(self.path, {"stamp": _stamp(site_dir), "pages": self.current,
                                             "files": self.files})


def _regular_file(path: str) -> bool:
    """A regular file, not a link to one (a link in the published site is never followed):
    one lstat, which is most of what deciding to skip a page costs."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _stamp(site_dir: Path) -> str:
    """Identity of a site folder: it survives the rename that publishes it, and any other
    folder (a plain rebuild, a copy, a failed build's staging) has another one."""
    st = site_dir.stat()
    return f"{st.st_dev}:{st.st_ino}:{st.st_mtime_ns}"
