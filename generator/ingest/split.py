"""Pages as scanners deliver them → documents.

A scanner or a phone gives one image per page (scan_1.jpg … scan_12.jpg), and a batch fed
through a scanner gives one PDF holding several documents. Every Decree 30 document opens with
its header: the issuing body and the Quốc hiệu side by side, then "Số: …". A page that opens
with that header starts a document; a page without one continues the document before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import fold
from .layout import Page

HEADER_ZONE = 0.3      # the header sits in the top part of the first page
_MOTTO_WORDS = set("cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc".split())
_SO = re.compile(r"^s[o6]\s*[:.]?$")                            # "Số:", folded
_SYMBOL = re.compile(r"[0-9OolI]*\s*/\s*[A-ZĐ]|^/?[A-ZĐ][A-Za-zĐ]*-[A-ZĐ]")   # "447/TB-VPCP"
_NATURAL = re.compile(r"(\d+)")


def natural_key(path: Path) -> tuple:
    """scan_2.jpg before scan_10.jpg: digit runs compare as numbers, the rest folded."""
    parts = _NATURAL.split(fold(path.as_posix()))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def opens_document(page: Page) -> bool:
    """The page carries a Decree 30 header in its top part: the motto and a "Số: …/…" line
    (OCR misreads one of them often enough that the motto alone, nearly whole, also counts).

    The motto is matched as a set of words: on a skewed page the words of one line do not come
    out in order."""
    top = [w for w in page.words if w.bottom < HEADER_ZONE * page.height]
    words = {fold(w.text).strip(".,:;-|") for w in top}
    motto = len(words & _MOTTO_WORDS)
    number = any(_SO.match(fold(w.text)) for w in top) and any(
        _SYMBOL.search(w.text) for w in top)
    return motto >= 6 and number or motto >= 10


@dataclass
class PageRef:
    path: Path
    index: int          # 0-based page of that file
    page: Page
    of: int = 1         # pages in that file

    @property
    def name(self) -> str:
        return self.path.name if self.of == 1 else f"{self.path.name} (trang {self.index + 1})"


@dataclass
class Document:
    pages: list[PageRef] = field(default_factory=list)


def split_pages(pages: list[PageRef]) -> tuple[list[Document], list[PageRef]]:
    """Documents, and the pages that belong to none (continuations with no document before).

    A run of pages none of which opens a document is one document (a note without the
    Decree 30 header, read as before): only pages before the first header are orphans."""
    starts = [opens_document(ref.page) for ref in pages]
    if not any(starts):
        return ([Document(list(pages))] if pages else []), []
    documents: list[Document] = []
    orphans: list[PageRef] = []
    for ref, start in zip(pages, starts):
        if start:
            documents.append(Document([ref]))
        elif documents:
            documents[-1].pages.append(ref)
        else:
            orphans.append(ref)
    return documents, orphans
