"""Problems found in the archive, as compiler-style messages pointing at file:line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str          # relative to the project root
    line: int          # 1-based; 0 when the problem concerns the whole file
    column: int
    severity: str      # ERROR or WARNING
    code: str          # stable rule code, e.g. NA104
    message: str       # one line in Vietnamese: what is wrong and how to fix it
    field: str | None = None

    def format(self) -> str:
        where = f"{self.path}:{max(self.line, 1)}:{max(self.column, 1)}"
        return f"{where}: {self.severity} {self.code}: {self.message}"


class DiagnosticError(Exception):
    """Raised when a stage cannot go on; carries every problem found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)
