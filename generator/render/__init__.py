"""Render stage: the linked archive → what the site's pages and data files show.

`pages.py` decides which pages exist, `views.py` turns model values into what the templates in
theme/ display, `markup.py` links mentions inside bodies, `sanitize.py` keeps bodies' HTML to
ordinary formatting; `feeds.py`, `catalog.py` (`notices.json`) and `task_files.py` are the data
files beside the pages. mkdocs itself is driven from generator/plugin/.
"""

from importlib import import_module

__all__ = ["write_data_files", "MentionLinks", "PageSpec", "common_context", "site_pages",
           "sanitize_html", "tab_for", "task_record", "Heading", "write_task_report"]

# Imported when first asked for: `notice-archive tasks` needs the task record, not the pages.
_LAZY = {"write_data_files": ("data", "write_data_files"), "MentionLinks": ("markup", None),
         "PageSpec": ("pages", None), "common_context": ("pages", None),
         "site_pages": ("pages", None), "sanitize_html": ("sanitize", None),
         "tab_for": ("views", None), "task_record": ("task_data", None),
         "Heading": ("task_report", None), "write_task_report": ("task_report", "write")}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(import_module(f".{module}", __name__), attribute or name)
