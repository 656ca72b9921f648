"""Validate stage: source documents → a typed Archive plus every problem found, file:line each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..diagnostics import Diagnostic
from ..load import LoadResult, TopicsDocument
from ..model import Archive, Notice
from .fields import build_notice

__all__ = ["ValidationResult", "validate", "assemble", "build_notice"]
from .rules import check_archive
from .topics import build_topics


@dataclass(frozen=True, slots=True)
class ValidationResult:
    archive: Archive                      # the notices that are valid on their own
    diagnostics: tuple[Diagnostic, ...]   # sorted by file and line


def validate(loaded: LoadResult) -> ValidationResult:
    return assemble((build_notice(doc) for doc in loaded.documents), loaded.topics)


def assemble(per_document: Iterable[tuple[Notice | None, list[Diagnostic]]],
             topics_doc: TopicsDocument) -> ValidationResult:
    """Combine per-file results (possibly cached) with the topics and the archive-wide rules."""
    topics, diagnostics = build_topics(topics_doc)
    notices = []
    for notice, found in per_document:
        diagnostics.extend(found)
        if notice is not None:
            notices.append(notice)
    archive = Archive(tuple(sorted(notices, key=lambda n: n.sort_key)), topics)
    diagnostics.extend(check_archive(archive))
    return ValidationResult(archive, tuple(sorted(set(diagnostics))))
