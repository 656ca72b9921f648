"""The last line of defence when rendering one notice's page: a failure names the notice file.

`check` refuses bodies the renderer cannot take (validate/body_limits.py, error NA109), and the
build runs the same check first, so nothing here should ever fire. If a body still overruns
the budget or crashes Python-Markdown, the build stops with an error at the source file and
the body's first line, not an internal error naming a generated page.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from ..diagnostics import ERROR, Diagnostic
from ..model import Notice
from ..validate import (RECURSION_MESSAGE, RENDER_SECONDS, RenderOverrun, body_problem,
                         crash_message, overrun_message, time_budget)

# The check's trial renders without the site's own extensions and mkdocs' link handling: the
# build gets more time before it gives up, so a body the trial accepted always builds.
BUILD_SECONDS = 4 * RENDER_SECONDS


def guard_render(page: Page, notice: Notice) -> None:
    """Wrap `page.render` (called by mkdocs right after on_page_markdown)."""
    render = page.render

    def guarded(config, files):
        try:
            with time_budget(BUILD_SECONDS):
                return render(config, files)
        except RenderOverrun:
            problem = overrun_message(BUILD_SECONDS)
        except RecursionError:
            problem = RECURSION_MESSAGE
        except Exception as exc:  # noqa: BLE001 (any crash of a Markdown extension)
            problem = crash_message(exc)
        diagnostic = Diagnostic(notice.source, notice.body_line, 1, ERROR, "NA109",
                                body_problem(problem), "body")
        raise PluginError("notice-archive: không dựng được trang:\n" + diagnostic.format())

    page.render = guarded
