"""Index stage: the published archive → a Whoosh index per profile, and searching it.

`update_index(linked, cache_dir)` is the stage (incremental, atomic); `Searcher` queries it.
"""

from .searcher import IndexMissing, SearchResult, Searcher
from .writer import IndexStats, index_root, source_state, update_index

__all__ = ["IndexMissing", "IndexStats", "SearchResult", "Searcher", "index_root",
           "source_state", "update_index"]
