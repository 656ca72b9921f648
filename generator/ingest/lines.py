"""What every original is read into, whatever its format: lines of bold/italic runs that know
their block and table cell, and the error for an original that cannot be read.

The readers (`sources`, `pdf`, `ocr`, `layout`, …) produce these; the later steps (`cleanup`,
`extract`, `markdown`, `writer`) consume them. Kept apart so that no reader imports another
reader for its types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class SourceProblem(Exception):
    """The file cannot be read as an original; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Line:
    runs: list[Run]
    block: int                                  # lines of one block/paragraph share this
    cell: tuple[int, int, int] | None = None    # (table, row, column) when inside a table
    number: int = 0                             # 1-based position in the original, for reports
    weak: tuple[tuple[str, float], ...] = ()    # OCR words read with low confidence (word, %)

    @property
    def text(self) -> str:
        return " ".join("".join(r.text for r in self.runs).split())

    @property
    def all_bold(self) -> bool:
        return any(r.text.strip() for r in self.runs) and all(
            r.bold for r in self.runs if r.text.strip())


@dataclass
class Source:
    path: Path
    lines: list[Line]
    encoding: str
    notes: list[str] = field(default_factory=list)
    ocr: bool = False          # text recognised from images: OCR confusions may be corrected
