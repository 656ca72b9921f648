"""Files the site publishes besides its pages: Atom feeds and notices.json."""

from __future__ import annotations

from pathlib import Path

from ..cache import Memo
from ..link import LinkedArchive
from .catalog import write_catalog
from .feeds import write_feeds
from .task_files import write_task_files


def write_data_files(linked: LinkedArchive, site_dir: Path, site_url: str = "",
                     site_name: str = "Lưu trữ thông báo", cache_dir: Path | None = None) -> None:
    """`cache_dir`: where the parts of these files are kept between builds (per profile), so
    an edit assembles them again from parts and makes only its own."""
    events = Memo(cache_dir, linked.profile.cache_file("calendar-events")) if cache_dir else None
    write_feeds(linked, site_dir, site_name, site_url)
    write_catalog(linked, site_dir, site_url)
    write_task_files(linked, site_dir, site_name, site_url, events=events)
    if events is not None:
        events.save()
