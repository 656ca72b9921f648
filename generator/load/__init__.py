"""Load stage: files on disk → source documents (decoded, NFC, front matter parsed with lines)."""

from .frontmatter import FrontMatterProblem, parse as parse_front_matter
from .invisible import strip_invisible
from .loader import (LoadResult, SourceDocument, TopicsDocument, load_agencies, load_archive,
                     load_document, load_thesaurus, load_topics, notice_paths, project_root, scan,
                     stray_files)
from .paths import (BAD_NAME, NOT_REGULAR, OUTSIDE, UnsafePath, check_entry, inside,
                    read_inside, read_regular, resolve_inside, walk_inside)
from .reader import MAX_FILE_BYTES, DecodeProblem, decode
from .tracked import tracked_cache_files

__all__ = ["SourceDocument", "TopicsDocument", "LoadResult", "load_archive", "load_document",
           "load_agencies", "load_thesaurus", "load_topics", "notice_paths", "project_root",
           "scan", "stray_files", "FrontMatterProblem", "parse_front_matter", "strip_invisible", "BAD_NAME", "NOT_REGULAR",
           "OUTSIDE", "UnsafePath", "check_entry", "inside", "read_inside", "read_regular",
           "resolve_inside", "walk_inside", "MAX_FILE_BYTES", "DecodeProblem", "decode",
           "tracked_cache_files"]
