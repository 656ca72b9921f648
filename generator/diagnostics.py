"""Problems found in the archive, as compiler-style messages pointing at file:line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

ERROR = "error"
WARNING = "warning"
# The severity as a person at a terminal reads it; the machine format keeps the English word.
SEVERITY_WORDS = {ERROR: "lỗi", WARNING: "cảnh báo"}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str          # relative to the project root
    line: int          # 1-based; 0 when the problem concerns the whole file
    column: int
    severity: str      # ERROR or WARNING
    code: str          # stable rule code, e.g. NA104
    message: str       # one line in Vietnamese: what is wrong and how to fix it
    field: str | None = None

    def format(self, human: bool = False) -> str:
        """`file:line:col: error CODE: message`, the documented machine format that editors and
        CI parse; `human` says the severity in Vietnamese (`lỗi`, `cảnh báo`)."""
        severity = SEVERITY_WORDS.get(self.severity, self.severity) if human else self.severity
        return f"{self.where()}: {severity} {self.code}: {self.message}"

    def where(self) -> str:
        return f"{self.path}:{max(self.line, 1)}:{max(self.column, 1)}"


class DiagnosticError(Exception):
    """Raised when a stage cannot go on; carries every problem found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


# A file reported line by line (trailing white space on every line, a mark pasted on every line)
# gets this many problems of one code, then one line that says there are more: a hostile file
# of a million lines must not make a million messages, memo entries and output lines.
MAX_PER_CODE = 50


def capped(diagnostics: Iterable[Diagnostic], limit: int = MAX_PER_CODE) -> Iterator[Diagnostic]:
    """The first `limit` diagnostics of each code, then one saying how many of it were left out."""
    seen: dict[str, int] = {}
    last: dict[str, Diagnostic] = {}
    for d in diagnostics:
        count = seen[d.code] = seen.get(d.code, 0) + 1
        if count <= limit:
            last[d.code] = d
            yield d
    for code, count in seen.items():
        if count > limit:
            d = last[code]
            yield Diagnostic(d.path, d.line, d.column, d.severity, code,
                             f"còn {count - limit} chỗ khác cùng lỗi {code} sau dòng này; "
                             "sửa các chỗ trên rồi chạy lại để xem tiếp", d.field)
