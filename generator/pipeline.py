"""The one-way pipeline, composed: load → validate → link. Index and render consume its result.

The CLI and the mkdocs plugin both call `run`, so `check`, `build` and `mkdocs build` judge the
archive the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, has_errors
from .link import LinkedArchive, link
from .load import load_archive
from .validate import ValidationResult, validate


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


def run(notices_dir: Path, root: Path, profile: str = "public") -> PipelineResult:
    validation = validate(load_archive(notices_dir, root))
    if has_errors(validation.diagnostics):
        return PipelineResult(validation, None)
    return PipelineResult(validation, link(validation.archive, profile))
