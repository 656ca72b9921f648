"""Page addresses derived from front matter: two notices must never get the same URL.

`Notice.key` is always a safe relative path (see `text.slugify`), but different numbers can slug
to the same key ("12/QĐ-UBND" and "12/QD-UBND", "5/TB-UBND" and "5-TB-UBND"), and two drafts
with the same file name in different folders share "du-thao/<name>". The second page would
silently overwrite the first, so the build refuses with NA601 instead.
"""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import ERROR, Diagnostic
from ..model import Archive, Notice


def _field(notice: Notice) -> str:
    return "number" if notice.number and notice.date and notice.status != "draft" else "title"


def check_urls(archive: Archive) -> Iterator[Diagnostic]:
    first_by_key: dict[str, Notice] = {}
    for notice in sorted(archive.notices, key=lambda n: n.source):
        first = first_by_key.setdefault(notice.key, notice)
        if first is notice:
            continue
        if (notice.number and first.number and notice.year == first.year
                and notice.number.casefold() == first.number.casefold()):
            continue  # the same number twice: NA201 already says so
        field = _field(notice)
        if field == "number":
            how = f'số "{notice.number}" và "{first.number}" cho cùng một địa chỉ; kiểm tra lại số'
        else:
            how = "hai dự thảo trùng tên tệp; đổi tên một tệp"
        yield Diagnostic(
            notice.source, notice.lines.get(field, 1), 1, ERROR, "NA601",
            f'địa chỉ trang "{notice.key}/" trùng với {first.source}: {how}', field)
