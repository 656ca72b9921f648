"""Publish each notice's original (its `original:` file) beside the notice page.

Only notices the profile publishes reach the render stage, so an original is published
exactly when its notice is: public notices in both builds, internal ones only in the internal
build, secret ones never. The path is resolved again here (symlinks followed) and anything
outside the repository or over the size limit is refused, even if validation was bypassed.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from ..validate import resolve_original

KINDS = {".pdf": "PDF", ".png": "ảnh PNG", ".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG",
         ".tif": "ảnh TIFF", ".tiff": "ảnh TIFF", ".doc": "Word", ".docx": "Word"}


def original_name(value: str) -> str:
    """The original's file name in the page's folder: ban-goc.<ext> (extension from a fixed set)."""
    suffix = PurePosixPath(value).suffix.lower()
    return "ban-goc" + (suffix if suffix in KINDS else "")


def original_label(value: str) -> str:
    return f"Bản gốc ({KINDS.get(PurePosixPath(value).suffix.lower(), 'tệp')})"


def publish_originals(linked, root: Path, site_dir: Path) -> int:
    count = 0
    for notice in linked.notices:
        if not notice.original:
            continue
        source, problem = resolve_original(notice.original, root)
        if problem or source is None:
            continue
        target = site_dir / notice.key / original_name(notice.original)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        count += 1
    return count
