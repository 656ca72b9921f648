"""The mkdocs plugin `notice-archive`: runs the pipeline and hands mkdocs the pages to render.

With `plugins: [notice-archive]` in mkdocs.yml a plain `mkdocs build` or `mkdocs serve` does the
whole job. The notice files in docs_dir are never given to mkdocs as they are: each published
notice becomes a generated page at its stable URL, and everything else in docs_dir (withheld
notices, topics.yml) stays out of the site.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..diagnostics import WARNING
from ..link import PROFILES
from ..pipeline import PipelineResult, run
from .config import PluginConfig
from .pages import PageSpec, common_context, site_pages

log = logging.getLogger("mkdocs.plugins.notice_archive")

PROFILE_ENV = "NOTICE_ARCHIVE_PROFILE"


class NoticeArchivePlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: PipelineResult | None = None
        self.specs: dict[str, PageSpec] = {}
        self.common: dict = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.notices_dir = Path(config.docs_dir)
        self.profile = os.environ.get(PROFILE_ENV) or self.config.profile
        if self.profile not in PROFILES:
            raise PluginError(f"notice-archive: hồ sơ xuất bản '{self.profile}' không hợp lệ; "
                              f"chọn một trong: {', '.join(PROFILES)}")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        result = run(self.notices_dir, self.root, self.profile)
        for diagnostic in result.diagnostics:
            if diagnostic.severity == WARNING and not self.config.quiet_warnings:
                log.info(diagnostic.format())  # warnings are `check`'s business, not strict's
        if not result.ok:
            errors = [d.format() for d in result.diagnostics if d.severity != WARNING]
            raise PluginError("notice-archive: kho lưu trữ có lỗi, không xuất bản:\n"
                              + "\n".join(errors))
        self.result = result
        linked = result.linked
        for reason, count in sorted(linked.withheld.items()):
            log.info(f"notice-archive: giữ lại {count} thông báo {reason} (hồ sơ {self.profile})")

        docs_dir = os.path.realpath(config.docs_dir)
        kept = [f for f in files if not (f.src_dir and os.path.realpath(f.src_dir) == docs_dir)]
        self.specs = {}
        generated = []
        for spec in site_pages(linked):
            self.specs[spec.src_uri] = spec
            generated.append(File.generated(config, spec.src_uri, content=spec.markdown))
        self.common = common_context(linked)
        return Files(kept + generated)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            # mkdocs-material writes page.title into HTML unescaped.
            page.meta["title"] = html.escape(spec.title)
        return markdown

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        context.update(self.common)
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context.update(spec.context())
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Search: update the Whoosh index (cache) and write the browser index into the site.
        from .search_export import build_search
        if self.result is not None and self.result.linked is not None:
            build_search(self.result.linked, self.root / self.config.cache_dir,
                         Path(config.site_dir), self.notices_dir)
