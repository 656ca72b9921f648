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
from typing import Mapping

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..diagnostics import WARNING
from ..context import BuildContext, BuildOptions
from ..load import BAD_NAME, NOT_REGULAR, OUTSIDE, scan, stray_files
from ..pipeline import PipelineResult, run
from ..model import Topic
from ..profiles import PROFILE_NAMES, Profile, get_profile
from ..project import Project, ProjectError, cache_folder, config_path_problems
from .config import PluginConfig
from .incremental import PageFile, RenderState, page_fingerprint, site_fingerprint
from .mkdocs_log import SHOWN_AS
from .guard import guard_render
from ..index import (SITE_FOLDER, BackgroundFailed, ExportInBackground, InBackground,
                     IndexInBackground, export_into)
from ..publish import inline_script_hashes, publish_originals, write_headers
from ..render import (MentionLinks, PageSpec, common_context, sanitize_html, site_pages, tab_for,
                      write_data_files)

log = logging.getLogger("mkdocs.plugins.notice_archive")
NAME = "notice-archive"  # in mkdocs.yml's plugins and the mkdocs.plugins entry point


def configure_build(config: MkDocsConfig, *, profile: str | None = None,
                    search_index: bool | None = None, previous_site: Path | None = None,
                    on_demand: bool = False) -> None:
    """What a command asks of this build, in place of mkdocs.yml's values (called between
    mkdocs' load_config and its build). A mkdocs.yml without the plugin builds no archive:
    nothing to tell it."""
    plugin = config.plugins.get(NAME)
    if not isinstance(plugin, NoticeArchivePlugin):
        return
    plugin.requested = {"profile": profile, "search_index": search_index,
                        "previous_site": previous_site, "on_demand": on_demand}


# What a page's fingerprint holds (plugin/incremental.py computes and compares them). Pure
# functions, so that tests call them in process on a small configuration.

def config_fingerprint(config: MkDocsConfig, profile: Profile) -> str:
    """What every page depends on before the archive is read: mkdocs.yml, the theme's files at
    every depth, the profile, the generator's and mkdocs-material's versions."""
    theme_dir = config.theme.custom_dir
    return site_fingerprint(Path(config.config_file_path or "mkdocs.yml"),
                            Path(theme_dir) if theme_dir else None, profile)


def archive_fingerprint(site_fp: str, common: dict, topics: Mapping[str, Topic]) -> str:
    """`site_fp` with what every page shows of the archive: the common context, and the whole
    topic vocabulary (names, aliases, parents, in order), on which mention links in bodies
    depend."""
    vocabulary = [(t.slug, t.name, t.aliases, t.parent) for t in topics.values()]
    return page_fingerprint(site_fp, "", "", "", {**common, "topics": vocabulary})


def spec_fingerprint(archive_fp: str, spec: PageSpec) -> str:
    """One page's: the archive's, its template, title, Markdown and context."""
    return page_fingerprint(archive_fp, spec.template, spec.title, spec.markdown, spec.context())


class NoticeArchivePlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: PipelineResult | None = None
        self.specs: dict[str, PageSpec] = {}
        self.common: dict = {}
        self.render_state: RenderState | None = None
        self.indexing: IndexInBackground | None = None
        self.exporting: ExportInBackground | None = None
        self.writing_data: InBackground | None = None
        self.without_markdown: set[str] = set()
        # Set by a command through configure_build; a plain `mkdocs build` leaves it empty.
        self.requested: dict = {}
        self.context: BuildContext | None = None
        self.on_demand = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.context = context = self._make_context(config)
        # Short names for what the hooks below read most.
        self.root, self.notices_dir = context.root, context.notices_dir
        self.profile, self.cache_dir = context.profile, context.cache_dir
        # `serve` (plugin/on_demand.py): pages are rendered when asked for, so every page is
        # kept and no page fingerprint or published-site manifest is made.
        self.on_demand = context.options.on_demand
        log.info(f"notice-archive: xuất bản hồ sơ {context.profile.name} "
                 f"({context.profile.label.lower()})")
        self._refuse_unsafe_paths(config)
        self.site_fp = config_fingerprint(config, self.profile)
        # Links for topic and notice mentions inside bodies (one extension per build).
        config.markdown_extensions[:] = [e for e in config.markdown_extensions
                                         if not isinstance(e, MentionLinks)]
        self.mentions = MentionLinks()
        config.markdown_extensions.append(self.mentions)
        return config

    def _make_context(self, config: MkDocsConfig) -> BuildContext:
        """The build's context: mkdocs.yml's options, with what the command asked instead."""
        requested = self.requested
        name = requested.get("profile") or self.config.profile
        try:
            profile = get_profile(name)
        except ValueError:
            raise PluginError(f"notice-archive: hồ sơ xuất bản '{name}' không hợp lệ; "
                              f"chọn một trong: {', '.join(PROFILE_NAMES)}") from None
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            cache_dir = cache_folder(root, self.config.cache_dir or None)
        except ProjectError as exc:
            raise PluginError(f"notice-archive: {exc}") from None
        options = BuildOptions(
            quiet_warnings=self.config.quiet_warnings, max_notices=self.config.max_notices,
            list_limit=max(1, self.config.list_limit),
            search_index=(self.config.search_index if requested.get("search_index") is None
                          else bool(requested.get("search_index"))),
            previous_site=requested.get("previous_site"),
            on_demand=bool(requested.get("on_demand")))
        return BuildContext(root, Path(config.docs_dir), profile, cache_dir,
                            Path(config.site_dir), options)

    def _refuse_unsafe_paths(self, config: MkDocsConfig) -> None:
        """Stop before mkdocs walks docs_dir (it follows every symlink, loops included) or reads
        the theme: nothing outside the repository may be read, no FIFO opened."""
        problems = config_path_problems(self.root, docs_dir=config.docs_dir,
                                        custom_dir=config.theme.custom_dir)
        if config.config_file_path and not problems:
            # site_dir as mkdocs.yml writes it: the one in use may be the staging folder of
            # `notice-archive build`, `serve`'s temporary folder or a --site-dir, all chosen
            # by the person running the command, not by the repository.
            try:
                Project.find(config.config_file_path)
            except ProjectError as exc:
                problems.append(str(exc))
        if problems:
            raise PluginError("notice-archive: mkdocs.yml không an toàn, không xuất bản:\n"
                              + "\n".join(problems))
        self.scanned = scan(self.notices_dir, self.root)
        unsafe = [d.format() for d in stray_files(self.scanned[1], self.root)
                  if d.code in (OUTSIDE, NOT_REGULAR, BAD_NAME)]
        if unsafe:
            raise PluginError("notice-archive: kho lưu trữ có lỗi, không xuất bản:\n"
                              + "\n".join(unsafe))
        self._check_size(len(self.scanned[0]))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        result = run(self.notices_dir, self.root, self.profile, cache_dir=self.cache_dir,
                     scanned=self.scanned)
        for diagnostic in result.diagnostics:
            if diagnostic.severity == WARNING and not self.context.options.quiet_warnings:
                # Logged at INFO, since warnings are `check`'s business and --strict must not
                # stop on them, but shown under the warning label (mkdocs_log.py).
                log.info(f"{diagnostic.where()}: {diagnostic.code}: {diagnostic.message}",
                         extra={SHOWN_AS: "WARNING"})
        if not result.ok:
            errors = [d.format() for d in result.diagnostics if d.severity != WARNING]
            raise PluginError("notice-archive: kho lưu trữ có lỗi, không xuất bản:\n"
                              + "\n".join(errors))
        self.result = result
        linked = result.linked
        for reason, count in sorted(linked.withheld.items()):
            log.info(f"notice-archive: giữ lại {count} thông báo {reason} (hồ sơ {self.profile.name})")

        docs_dir = os.path.realpath(config.docs_dir)
        kept = [f for f in files if not (f.src_dir and os.path.realpath(f.src_dir) == docs_dir)]
        self.common = common_context(linked)
        site_fp = archive_fingerprint(self.site_fp, self.common, linked.topics)
        self.render_state = (None if self.on_demand else
                             RenderState(self.cache_dir, self.profile,
                                         self.context.options.previous_site))
        self._start_background(linked, config)
        self.script_hashes: set[str] = set()
        self.specs = {}
        generated = []
        self.without_markdown = set()
        for spec in site_pages(linked, self.context.options.list_limit):
            page_file = PageFile.generated(config, spec.src_uri, content=spec.markdown)
            if not spec.markdown.strip():
                self.without_markdown.add(spec.src_uri)
            if self.render_state is not None:
                self.render_state.mark(page_file, spec_fingerprint(site_fp, spec))
            if not page_file.unchanged:  # skipped pages are never rendered
                self.specs[spec.src_uri] = spec
            generated.append(page_file)
        skipped = len(self.render_state.skipped) if self.render_state is not None else 0
        if skipped:
            log.info(f"notice-archive: {skipped} trang không đổi, dùng lại từ bản đã xuất bản")
        self.mentions.bind(linked)
        return Files(kept + generated)

    def _start_background(self, linked, config: MkDocsConfig) -> None:
        """Work that needs only the linked archive starts as soon as it exists, before the
        page fingerprints: a profiled edit build at 2,000 notices spent half its time waiting
        for it after everything else was done (docs/handbook/development/performance.md)."""
        if self.on_demand:
            # `serve` writes the browser index only when a browser asks for one of its files,
            # and its data files after gathering (on_post_build).
            return
        # The Whoosh index (CLI search) is updated, incrementally, in another process while
        # mkdocs renders in this one; on_post_build waits for it, so a build that reports
        # success leaves an index `search` answers from without indexing anything.
        if self.context.options.search_index:
            self.indexing = IndexInBackground(linked, self.cache_dir, self.notices_dir)
        # The browser index is written beside rendering too (mkdocs has already emptied the
        # site folder when it is not reusing pages, and never touches this folder again).
        self.exporting = ExportInBackground(linked, Path(config.site_dir) / SITE_FOLDER,
                                            self.cache_dir, self.render_state)
        # Feeds, calendars and notices.json: files of their own, which no page reads.
        self.writing_data = InBackground(
            write_data_files, (linked, Path(config.site_dir), config.site_url or "",
                               config.site_name, self.cache_dir),
            "notice-archive-data", "ghi nguồn tin, lịch và notices.json thất bại")

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Compiling mkdocs-material's templates costs seconds per build; jinja keys its cache by
        # each template's source, so an edited template is compiled afresh. Jinja's own folder
        # (private to this user, checked by jinja), never one in the untrusted repository:
        # the cache holds code.
        try:
            env.bytecode_cache = FileSystemBytecodeCache()
        except (OSError, RuntimeError):
            pass  # no usable private folder: compile as usual
        return env

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        # List pages (topics, years, facets) have no Markdown: their Page skips the converter.
        for file in files.documentation_pages():
            if file.page is None and file.src_uri in self.without_markdown:
                TemplateOnlyPage(None, file, config)
        return nav

    def _check_size(self, count: int) -> None:
        """Refuse an archive past `max_notices` files before reading any of them."""
        limit = self.context.options.max_notices
        if count > limit:
            raise PluginError(f"notice-archive: {self.notices_dir} có {count} tệp thông báo, "
                              f"vượt giới hạn {limit} của một lần dựng; kiểm tra docs_dir trong "
                              "mkdocs.yml hoặc tăng max_notices trong cấu hình plugin")

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            # mkdocs-material writes page.title into HTML unescaped.
            page.meta["title"] = html.escape(spec.title)
        self.mentions.current = ((spec.notice, page.file.src_uri)
                                 if spec is not None and spec.notice is not None else None)
        if spec is not None and spec.notice is not None:
            guard_render(page, spec.notice)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        # Notice bodies may carry raw HTML: only ordinary formatting reaches the page.
        if page.file.src_uri in self.specs:
            return sanitize_html(html)
        return html

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        # Pages without a Page object (404.html) show the profile in their footer too.
        context.update(self.common)
        if template_name == "404.html" and not config.site_url:
            # mkdocs links a template page from "/" (root-absolute), which breaks a site
            # hosted in a sub-folder; with no site_url, link from where 404.html is, as every
            # other page links. (With a site_url, its path makes every link right at any depth.)
            context["base_url"] = "."
        return context

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        self.script_hashes |= inline_script_hashes(output_content.encode("utf-8"))
        return output_content

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        context.update(self.common)
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # Made again rather than kept from on_files: 15,000 pages' contexts held at once
            # cost hundreds of MB at 10,000 notices; making one costs well under a millisecond.
            context.update(spec.context())
            context["na_tab"] = tab_for(page.file.src_uri)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Inline scripts a page still carries are allowed by hash in the CSP (publish/headers.py).
        self.script_hashes |= inline_script_hashes(output.encode("utf-8"))
        # Written out: a generated page's HTML is needed no more (mkdocs keeps every page's).
        if page.file.src_uri in self.specs:
            page.content = None
        return output

    def on_build_error(self, *, error: Exception) -> None:
        for work in (self.indexing, self.exporting, self.writing_data):
            if work is not None:
                work.cancel()
        self.indexing = self.exporting = self.writing_data = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Atom feeds and notices.json, from the same linked archive as the pages.
        if self.result is not None and self.result.linked is not None:
            writing, self.writing_data = self.writing_data, None
            if writing is not None:
                _finished(writing)
            else:
                write_data_files(self.result.linked, Path(config.site_dir),
                                 config.site_url or "", config.site_name, self.cache_dir)
            # Search: wait for the browser index, then for the Whoosh index (cache) if asked.
            exporting, self.exporting = self.exporting, None
            indexing, self.indexing = self.indexing, None
            files = _finished(exporting) or {}
            if self.render_state is not None:
                self.render_state.files.update(files)
            _finished(indexing)
            if self.on_demand:
                export_into(self.result.linked, Path(config.site_dir) / SITE_FOLDER,
                            self.cache_dir)
            publish_originals(self.result.linked, self.root, Path(config.site_dir))
        if self.render_state is not None:
            # Pages reused from the published site carry the scripts of the build that made
            # them: their hashes were recorded then. Written before `finish` stamps the folder.
            write_headers(Path(config.site_dir), self.profile, self.script_hashes,
                          self.cache_dir if self.render_state.skipped else None,
                          self.cache_dir)
            self.render_state.finish(Path(config.site_dir))


def _finished(work):
    """The result of work started in the background (None when there was none)."""
    if work is None:
        return None
    try:
        return work.wait()
    except BackgroundFailed as exc:
        raise PluginError(f"notice-archive: {exc}") from None


class TemplateOnlyPage(Page):
    """A generated page whose Markdown is empty: everything it shows comes from its template.

    mkdocs makes a Markdown converter (with every extension) per page, which costs more than
    rendering such a page's template; empty Markdown converts to nothing, so this page sets
    what `Page.render` would and skips the converter.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            return super().render(config, files)
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}  # as Page.render: only when not debugging
