"""Index stage: the published archive → a Whoosh index per profile, and searching it; and the
same archive → the browser's search index (`browser_export.py`), ranked by the same rules.

`update_index(linked, cache_dir)` is the stage (incremental, atomic); `Searcher` queries it;
`export_into` writes the browser index into the site.
"""

from importlib import import_module

from .schema import VERSION
from .searcher import FACETS, IndexMissing, SearchResult, Searcher
from .writer import (IndexStats, authentic, current_generation, index_root, read_manifest,
                     source_state, update_index)

__all__ = ["IndexMissing", "IndexStats", "SearchResult", "Searcher", "index_root",
           "source_state", "update_index", "VERSION", "FACETS", "authentic",
           "current_generation", "read_manifest", "BackgroundFailed", "SITE_FOLDER",
           "ExportInBackground", "IndexInBackground", "InBackground", "export_into"]

# The browser export needs the link stage, which `notice-archive search` does not load
# (~0.1 s of its start-up): its names are imported when first asked for.
_LAZY = {"BackgroundFailed": "background", "InBackground": "background",
         "SITE_FOLDER": "browser_export",
         "ExportInBackground": "browser_export", "IndexInBackground": "browser_export",
         "export_into": "browser_export"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_LAZY[name]}", __name__), name)
