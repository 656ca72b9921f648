"""Validate stage: source documents → a typed Archive plus every problem found, file:line each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..load import LoadResult
from ..model import Archive
from .fields import build_notice
from .rules import check_archive
from .topics import build_topics


@dataclass(frozen=True, slots=True)
class ValidationResult:
    archive: Archive                      # the notices that are valid on their own
    diagnostics: tuple[Diagnostic, ...]   # sorted by file and line


def validate(loaded: LoadResult, today: dt.date | None = None) -> ValidationResult:
    topics, diagnostics = build_topics(loaded.topics)
    notices = []
    for doc in loaded.documents:
        notice, found = build_notice(doc)
        diagnostics.extend(found)
        if notice is not None:
            notices.append(notice)
    archive = Archive(tuple(sorted(notices, key=lambda n: n.sort_key)), topics)
    diagnostics.extend(check_archive(archive, today))
    return ValidationResult(archive, tuple(sorted(set(diagnostics))))
