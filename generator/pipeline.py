"""The one-way pipeline, composed: load → validate → link. Index and render consume its result.

The CLI and the mkdocs plugin both call these functions, so `check`, `build` and `mkdocs build`
judge the archive the same way. Per-file work (reading, parsing, checking one notice) is
memoised in the cache folder and spread over both cores when many files changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import authenticated
from .cache import DocumentCache, Memo, code_identity
from .codec import (decode_diagnostic, decode_mentions, decode_tasks, encode_diagnostic,
                    encode_mentions, encode_tasks)
from .diagnostics import Diagnostic, capped, has_errors
from .profiles import Profile, get_profile
from .load import (load_document, load_agencies, load_thesaurus, load_topics, scan, stray_files,
                   check_entry, read_inside, MAX_FILE_BYTES, decode)
from .validate import (ValidationResult, assemble, check_document, number_of, refused,
                       check_originals, today_in_vietnam, build_topics, check_text)

if TYPE_CHECKING:
    from .link import LinkedArchive


@dataclass(frozen=True)
class PipelineResult:
    validation: ValidationResult
    linked: LinkedArchive | None        # None when validation found an error

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.validation.diagnostics

    @property
    def ok(self) -> bool:
        return self.linked is not None


def _load_and_check(path: Path, root: Path, topics=None):
    """The per-file half of load → validate: one notice file, judged on its own."""
    try:
        data = read_inside(path, root, MAX_FILE_BYTES)
    except OSError:
        data = None  # load_document reports it (unreadable, outside the repository, a FIFO)
    doc = load_document(path, root, data)
    notice, diagnostics = check_document(doc, topics)
    if doc.data is not None and not refused(diagnostics):  # style of the text as written
        diagnostics.extend(capped(check_text(doc.path, decode(data)[0])))
    return notice, diagnostics


def _number_of(path: Path, root: Path) -> str | None:
    try:
        data = read_inside(path, root, MAX_FILE_BYTES)
    except OSError:
        return None
    return number_of(load_document(path, root, data))


def validate_archive(notices_dir: Path, root: Path, cache_dir: Path | None = None,
                     today: dt.date | None = None,
                     scanned: tuple[list[Path], list[Path]] | None = None) -> ValidationResult:
    """load → validate for the whole archive, reusing results for files that did not change.

    `scanned`: the folder's (notice files, other files) when the caller has already walked it.
    """
    notices, others = scanned or scan(notices_dir, root)
    topics_doc = load_topics(notices_dir, root)
    topics, _ = build_topics(topics_doc)
    # Per-file results depend on the topic vocabulary too (NA501): it is part of the memo's key.
    cache = DocumentCache(cache_dir, context=repr(sorted(topics.items())))
    per_file = cache.map(notices, root, functools.partial(_load_and_check, topics=topics))
    # Files that failed on their own (rare): their numbers, read again, so that a reference to
    # one is not reported as "not in the archive" on top of the file's own error.
    unreadable = [_number_of(path, root) for path, (notice, _) in zip(notices, per_file)
                  if notice is None]
    result = assemble(per_file, topics_doc, today, load_agencies(notices_dir, root),
                      unreadable=unreadable, thesaurus_doc=load_thesaurus(notices_dir, root))
    cache.save()
    stray = stray_files(others, root)
    # Originals are files beside the notices: checked on every run, never memoised.
    extra = tuple(stray) + tuple(check_originals(result.archive.notices, root))
    if extra:
        result = ValidationResult(result.archive,
                                  tuple(sorted(set(result.diagnostics + extra))))
    return result


@dataclass(frozen=True)
class CheckSummary:
    diagnostics: tuple[Diagnostic, ...]
    notice_count: int                   # notices valid on their own


def check_summary(notices_dir: Path, root: Path, cache_dir: Path | None = None,
                  today: dt.date | None = None,
                  scanned: tuple[list[Path], list[Path]] | None = None) -> CheckSummary:
    """The diagnostics of the whole archive; instant when no file changed since the last check.

    The fingerprint covers every file's size and mtime in the notices folder (topics.yml and
    misnamed notices included), the generator version and today's date (the "date in the
    future" rule depends on it).
    """
    notices, others = scanned or scan(notices_dir, root)
    digest = hashlib.sha256(f"{code_identity()}|{today or today_in_vietnam()}".encode())
    originals = []  # files an `original:` may name: a changed or removed one changes the answer
    if (root / "originals").is_dir():
        for folder, _, names in os.walk(root / "originals"):
            originals.extend(Path(folder) / n for n in sorted(names))
    for path, follow in [*((p, True) for p in notices),
                         *((p, check_entry(p, root) is None) for p in [*others, *originals])]:
        try:
            # Notices are inside the repository (scan checked); other entries may not be.
            st = path.stat() if follow else path.lstat()
            digest.update(os.fsencode(path) + f"|{st.st_size}|{st.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(os.fsencode(path) + b"|missing\n")
    key = digest.hexdigest()
    memo = cache_dir / "check-summary.json" if cache_dir else None
    stored = authenticated.read_json(memo) if memo is not None else None
    if isinstance(stored, dict) and stored.get("key") == key:
        try:
            return CheckSummary(tuple(decode_diagnostic(d) for d in stored["diagnostics"]),
                                int(stored["notices"]))
        except (KeyError, TypeError, ValueError):
            pass  # unreadable memo: recompute
    validation = validate_archive(notices_dir, root, cache_dir, today, (notices, others))
    summary = CheckSummary(validation.diagnostics, len(validation.archive.notices))
    if memo is not None:
        try:
            authenticated.write_json(memo, {
                "key": key, "notices": summary.notice_count,
                "diagnostics": [encode_diagnostic(d) for d in summary.diagnostics]})
        except OSError:
            pass
    return summary


def run(notices_dir: Path, root: Path, profile: Profile | str = "public",
        cache_dir: Path | None = None,
        scanned: tuple[list[Path], list[Path]] | None = None) -> PipelineResult:
    from .link import link  # the linker and its task extraction: not needed by `check`
    validation = validate_archive(notices_dir, root, cache_dir, scanned=scanned)
    if has_errors(validation.diagnostics):
        return PipelineResult(validation, None)
    # One memo per profile: a public build's memo holds nothing from notices it withholds.
    profile = get_profile(profile)
    memo = Memo(cache_dir, profile.cache_file("mentions"), encode_mentions, decode_mentions)
    tasks_memo = Memo(cache_dir, profile.cache_file("tasks"), encode_tasks, decode_tasks)
    linked = link(validation.archive, profile, memo, tasks_memo)
    linked.tasks  # every consumer of a run shows tasks: extract now, so the memo keeps them
    memo.save()
    tasks_memo.save()
    return PipelineResult(validation, linked)
