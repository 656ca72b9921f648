"""Load stage: files on disk → source documents (decoded, NFC, front matter parsed with lines)."""

from .loader import SourceDocument, TopicsDocument, LoadResult, load_archive, load_document

__all__ = ["SourceDocument", "TopicsDocument", "LoadResult", "load_archive", "load_document"]
