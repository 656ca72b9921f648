"""notices/thesaurus.yml → the archive's own search words (generator/thesaurus.py), with a
diagnostic per bad entry (NA721 malformed, NA722 a term that cannot be searched)."""

from __future__ import annotations

from ..diagnostics import ERROR, Diagnostic
from ..load import TopicsDocument
from ..thesaurus import Relation, read


def build_thesaurus(doc: TopicsDocument) -> tuple[tuple[Relation, ...], list[Diagnostic]]:
    diagnostics = list(doc.diagnostics)

    def report(key: str, code: str, message: str) -> None:
        line = doc.lines.get(key) or doc.lines.get(key.split(".")[0].split("[")[0], 1)
        diagnostics.append(Diagnostic(doc.path, line, 1, ERROR, code, message, key or None))

    return tuple(read(doc.data, report)), diagnostics
