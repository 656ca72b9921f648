"""Validate stage: source documents → a typed Archive plus every problem found, file:line each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..diagnostics import Diagnostic, capped
from ..load import LoadResult, SourceDocument, TopicsDocument
from ..model import Archive, Notice, Scope, Topic
from .body_limits import check_body_limits, refused
from .fields import build_notice
from .rules import check_archive
from .form import check_form_of_text
from .safety import check_body
from .tasks import check_body_deadlines
from .topic_mentions import check_topic_mentions
from .agencies import build_agencies, build_scope
from .thesaurus import build_thesaurus
from .topics import build_topics
from .body_limits import (RECURSION_MESSAGE, RENDER_SECONDS, RenderOverrun, body_problem,
                          crash_message, overrun_message, time_budget)
from .fields import REQUIRED_UNLESS_DRAFT, TOP_KEYS
from .originals import check_originals, resolve_original
from .rules import today_in_vietnam
from .schema import schema_text
from .textstyle import check_text, fix_text

__all__ = ["ValidationResult", "validate", "assemble", "check_document", "check_body_limits",
           "refused", "build_topics", "RECURSION_MESSAGE", "RENDER_SECONDS", "RenderOverrun",
           "body_problem", "crash_message", "overrun_message", "time_budget",
           "REQUIRED_UNLESS_DRAFT", "TOP_KEYS", "check_originals", "resolve_original",
           "today_in_vietnam", "schema_text", "check_text", "fix_text"]


@dataclass(frozen=True, slots=True)
class ValidationResult:
    archive: Archive                      # the notices that are valid on their own
    diagnostics: tuple[Diagnostic, ...]   # sorted by file and line


def check_document(doc: SourceDocument, topics: Mapping[str, Topic] | None = None,
                   ) -> tuple[Notice | None, list[Diagnostic]]:
    """Everything that can be judged from one file and the topic vocabulary alone: memoised
    per file by the pipeline, so an unchanged notice is never scanned again."""
    notice, diagnostics = build_notice(doc)
    if notice is None:
        return notice, list(capped(diagnostics))
    limits = list(check_body_limits(notice))
    diagnostics.extend(limits)
    # Not capped: it ran archive-wide before, uncapped, and its output stays the same.
    deadlines = list(check_body_deadlines(notice))
    if refused(limits):  # a body the site cannot render: the other rules would only stall
        return notice, diagnostics + deadlines
    diagnostics.extend(check_body(notice))
    diagnostics.extend(check_form_of_text(notice))
    if topics:
        diagnostics.extend(check_topic_mentions(notice, topics))
    return notice, list(capped(diagnostics)) + deadlines


def validate(loaded: LoadResult, today: dt.date | None = None,
             agencies_doc: TopicsDocument | None = None) -> ValidationResult:
    topics, _ = build_topics(loaded.topics)
    checked = [(doc, check_document(doc, topics)) for doc in loaded.documents]
    return assemble((result for _, result in checked), loaded.topics, today, agencies_doc,
                    unreadable=[number_of(doc) for doc, (notice, _) in checked if notice is None])


def number_of(doc: SourceDocument) -> str | None:
    """The number a document's front matter gives, as written, even when the file is invalid."""
    number = doc.data.get("number") if isinstance(doc.data, dict) else None
    return number.strip() if isinstance(number, str) and number.strip() else None


def assemble(per_document: Iterable[tuple[Notice | None, list[Diagnostic]]],
             topics_doc: TopicsDocument, today: dt.date | None = None,
             agencies_doc: TopicsDocument | None = None,
             unreadable: Iterable[str | None] = (),
             thesaurus_doc: TopicsDocument | None = None) -> ValidationResult:
    """Combine per-file results (possibly cached) with the vocabularies and the archive-wide
    rules. `unreadable`: numbers of the files that failed on their own (see check_archive)."""
    topics, diagnostics = build_topics(topics_doc)
    agencies: dict = {}
    scope = Scope()
    if agencies_doc is not None:
        agencies, found = build_agencies(agencies_doc)
        diagnostics.extend(found)
        scope, found = build_scope(agencies_doc)
        diagnostics.extend(found)
    thesaurus: tuple = ()
    if thesaurus_doc is not None:
        thesaurus, found = build_thesaurus(thesaurus_doc)
        diagnostics.extend(found)
    notices = []
    for notice, found in per_document:
        diagnostics.extend(found)
        if notice is not None:
            notices.append(notice)
    archive = Archive(tuple(sorted(notices, key=lambda n: n.sort_key)), topics, agencies,
                      scope, thesaurus)
    diagnostics.extend(check_archive(archive, today, [n for n in unreadable if n]))
    return ValidationResult(archive, tuple(sorted(set(diagnostics))))
