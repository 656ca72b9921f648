"""The site kept in memory for `serve`: each page rendered when a browser asks for it.

A full build renders every page after every save, which takes minutes at 10,000 notices. Here
the mkdocs stages that gather the site (config, files, our plugin's pipeline run, navigation,
templates) run once per save, and a page is rendered only when requested, by mkdocs' own page
functions with the same plugin hooks, into a private temporary folder (never site/): its HTML is
byte for byte what `build` writes. Files that are not pages (feeds, notices.json, the browser
search index, originals) are written by the plugin's post-build step, once per save, when the
first of them is asked for.

If the archive has errors after a save, every page is an error page naming file:line, until
the next good save.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.structure.files import Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..cache import defer_writes, write_deferred
from .plugin import configure_build

log = logging.getLogger("mkdocs.plugins.notice_archive")


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


class ArchiveBroken(Exception):
    """The archive or mkdocs.yml has errors: the message lists them, one per line."""


class OnDemandSite:
    """The gathered site of the last good save, and the pages rendered from it so far."""

    def __init__(self, config_file: Path, profile: str | None = None):
        """`profile`: `serve --profile`, in place of mkdocs.yml's (None: mkdocs.yml's)."""
        self.config_file = config_file
        self.profile = profile
        self.folder = Path(tempfile.mkdtemp(prefix="notice-archive-serve-"))
        self.lock = threading.RLock()     # mkdocs' page objects are not thread-safe
        self.generation = 0
        self.error: str | None = None
        self.config = None
        self._config_mtime = None
        self._pages: dict[str, object] = {}        # dest path → File, pages and templates
        self._static: dict[str, object] = {}       # dest path → File, copied theme assets
        self._rendered: set[str] = set()           # dest paths written in this generation
        self._derived: Path | None = None          # post-build output of this generation
        self._theme_listing: list = []
        self._theme_signature: list | None = None
        defer_writes()  # memos are written once, when serving stops (see cache.defer_writes)

    # --- gathering -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Gather the site again from the files on disk; on errors keep them for the error page."""
        with self.lock:
            try:
                self._gather()
                self.error = None
            except ArchiveBroken as exc:
                self.error = str(exc)
            except MkDocsException as exc:
                from .mkdocs_log import translate
                self.error = translate(str(exc))
            self.generation += 1
            for dest in self._rendered:  # stale pages, also those of removed notices
                try:
                    os.unlink(self.folder / "pages" / dest)
                except OSError:
                    pass
            self._rendered = set()
            if self._derived is not None:
                shutil.rmtree(self._derived, ignore_errors=True)
                self._derived = None

    def _gather(self) -> None:
        config = self._load_config()
        # Every page when asked for, with --profile in place of mkdocs.yml's.
        configure_build(config, profile=self.profile, on_demand=True)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            # Not mkdocs' walk of docs_dir (get_files): our plugin drops every file it finds
            # there, and it costs a second per save at 10,000 notices.
            env = config.theme.get_env()
            files = Files(self._theme_files(env, config))
            files = config.plugins.on_files(files, config=config)
        except PluginError as exc:
            raise ArchiveBroken(str(exc)) from None
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        env = config.plugins.on_env(env, config=config, files=files)
        inclusion = InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        files.copy_static_files(dirty=True, inclusion=inclusion)  # theme assets, when changed
        self.config, self.files, self.nav, self.env, self.doc_files = (
            config, files, nav, env, doc_files)
        self._pages = {f.dest_uri: f for f in doc_files}
        self._pages.update({name: None for name in config.theme.static_templates})
        self._static = {f.dest_uri: f for f in files
                        if not f.is_documentation_page() and inclusion(f.inclusion)}

    def _theme_files(self, env, config) -> list:
        """The theme's assets (mkdocs-material's ~15,000 files listed through jinja: 2 s of
        a profiled save), listed again only when mkdocs.yml or a file of theme/ changed."""
        signature = [self._config_mtime]
        if config.theme.custom_dir:
            for folder, _, names in os.walk(config.theme.custom_dir):
                for name in sorted(names):
                    try:
                        st = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    signature.append((folder, name, st.st_size, st.st_mtime_ns))
        if signature != self._theme_signature:
            listed = Files([])
            listed.add_files_from_theme(env, config)
            self._theme_listing, self._theme_signature = list(listed), signature
        return list(self._theme_listing)

    def _load_config(self):
        """mkdocs.yml read once, and again when it changes."""
        mtime = self.config_file.stat().st_mtime_ns
        if self.config is None or mtime != self._config_mtime:
            self.config = load_config(str(self.config_file),
                                      site_dir=str(self.folder / "pages"))
            self._config_mtime = mtime
        return self.config

    # --- answering -----------------------------------------------------------------------

    def get(self, path: str) -> Response | None:
        """The response for a URL path below the site root ("" is the home page); None: 404."""
        with self.lock:
            if self.error is not None:
                if path == "" or path.endswith("/") or path.endswith(".html"):
                    return Response(500, "text/html; charset=utf-8", self.error_page())
                return None
            rel = posixpath.normpath("/" + path).lstrip("/")
            if path == "" or path.endswith("/"):
                rel = posixpath.join(rel, "index.html") if rel and rel != "." else "index.html"
            if rel in self._pages:
                return self._file(self._render(rel), rel)
            if rel.endswith(".gz") and rel[:-3] in self._pages:  # sitemap.xml.gz beside it
                self._render(rel[:-3])
                return self._file(self.folder / "pages" / rel, rel)
            if rel in self._static:
                return self._file(self.folder / "pages" / rel, rel)
            target = self._derived_folder() / rel
            if target.is_file():
                return self._file(target, rel)
            return None

    def has_page(self, path: str) -> bool:
        """Whether `path/` is a page (for the redirect of an address without its final slash)."""
        with self.lock:
            rel = posixpath.normpath("/" + path).lstrip("/")
            return posixpath.join(rel, "index.html") in self._pages

    def not_found_page(self) -> bytes | None:
        with self.lock:
            if self.error is not None:
                return self.error_page()
            if "404.html" in self._pages:
                return self._render("404.html").read_bytes()
        return None

    def _render(self, rel: str) -> Path:
        """Write one page (or theme template such as 404.html) with mkdocs' own functions."""
        out = self.folder / "pages" / rel
        if rel in self._rendered:
            return out
        file = self._pages[rel]
        config = self.config
        if file is None:
            _build_theme_template(rel, self.env, self.files, config, self.nav)
        else:
            if file.page is None:  # as `mkdocs build` does for pages outside the nav
                Page(None, file, config)
            _populate_page(file.page, config, self.files)
            _build_page(file.page, config, self.doc_files, self.nav, self.env)
            file.page.content = None  # rendered again only after the next save
        self._rendered.add(rel)
        return out

    def _derived_folder(self) -> Path:
        """Feeds, notices.json, the browser search index, originals: the plugin's post-build
        step, run into a folder of their own so that nothing of an older save survives."""
        if self._derived is None:
            folder = self.folder / f"derived-{self.generation}"
            folder.mkdir()
            config = self.config
            pages_dir = config.site_dir
            config.site_dir = str(folder)
            try:
                config.plugins.on_post_build(config=config)
            finally:
                config.site_dir = pages_dir
            self._derived = folder
        return self._derived

    @staticmethod
    def _file(path: Path, rel: str) -> Response | None:
        try:
            body = path.read_bytes()
        except OSError:
            return None
        return Response(200, _content_type(rel), body)

    def failure_page(self) -> bytes:
        """A page that could not be rendered (a template error): the log has the details."""
        return ERROR_PAGE.format(
            title="Không dựng được trang này",
            intro="Có lỗi khi dựng trang này; chi tiết ở cửa sổ lệnh đang chạy "
                  "notice-archive serve. Sửa rồi lưu lại; trang sẽ tự tải lại.",
            lead="", items="").encode("utf-8")

    def error_page(self) -> bytes:
        lines = [line for line in (self.error or "").splitlines() if line.strip()]
        head, *problems = lines if len(lines) > 1 else ("", *lines)
        items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
        return ERROR_PAGE.format(
            title="Kho lưu trữ có lỗi",
            intro="Trang chưa xem trước được vì kho lưu trữ có lỗi. Sửa các chỗ dưới đây "
                  "(tệp:dòng:cột) rồi lưu lại; trang sẽ tự tải lại.",
            lead=html.escape(head), items=items).encode("utf-8")

    def close(self) -> None:
        try:
            write_deferred()
        finally:  # the temporary folder goes whatever happens to the memos
            shutil.rmtree(self.folder, ignore_errors=True)


def _content_type(rel: str) -> str:
    import mimetypes
    if rel.endswith((".js", ".mjs")):
        return "application/javascript"
    guess, _ = mimetypes.guess_type(rel)
    if guess and (guess.startswith("text/") or guess in ("application/json", "application/xml",
                                                          "image/svg+xml")):
        return f"{guess}; charset=utf-8"
    return guess or "application/octet-stream"


# No inline script or style: the site's Content-Security-Policy applies to this page too.
ERROR_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{intro}</p>
<p>{lead}</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""
