"""mkdocs' log, as `build` and `serve` show it: in Vietnamese, without what does not concern users.

mkdocs logs in English through `logging`. Its known messages are translated here; the "dirty"
build warning is dropped, since re-using the published site is how our incremental build works
and is safe (plugin/incremental.py); so is the staging folder's name. An unknown message keeps its text, under a Vietnamese level.
"""

from __future__ import annotations

import logging
import re
import sys

LEVELS = {"DEBUG": "GỠ LỖI", "INFO": "THÔNG TIN", "WARNING": "CẢNH BÁO", "ERROR": "LỖI",
          "CRITICAL": "LỖI"}
# A record's attribute naming the label it is shown under when that differs from its level: an
# archive warning is logged at INFO (so --strict does not stop on it) but is a warning to read.
SHOWN_AS = "na_shown_as"

DROPPED = (
    re.compile(r"A 'dirty' build is being performed"),
    re.compile(r"The directory contains stale files"),
    re.compile(r"Cleaning site directory"),
    # Names the hidden staging folder, which is not where the site is published.
    re.compile(r"Building documentation to directory: "),
)

# (pattern, replacement) over the whole message; the first match wins.
TRANSLATIONS = (
    (re.compile(r"Building documentation\.\.\."), "Đang dựng trang…"),
    (re.compile(r"Documentation built in ([\d.]+) seconds"), r"Đã dựng xong trong \1 giây"),
    (re.compile(r"Aborted with a BuildError!"), "Dừng vì lỗi khi dựng trang."),
    (re.compile(r"Aborted with (.*) in strict mode!"),
     r"Dừng vì có cảnh báo (chế độ --strict): \1"),
    (re.compile(r"Watching paths for changes: (.*)", re.S), r"Theo dõi thay đổi ở: \1"),
    (re.compile(r"Serving on (\S+) and opening it in a browser"),
     r"Đang phục vụ tại \1 và mở trình duyệt"),
    (re.compile(r"Serving on (\S+)"), r"Đang phục vụ tại \1"),
    (re.compile(r"Detected file changes"), "Phát hiện tệp thay đổi"),
    (re.compile(r"Reloading browsers"), "Tải lại trình duyệt"),
    (re.compile(r"Browser connected: (.*)"), r"Trình duyệt đã kết nối: \1"),
    (re.compile(r"Shutting down\.\.\."), "Đang dừng…"),
    (re.compile(r"Config value '([^']*)': (.*)", re.S), r"Giá trị cấu hình '\1': \2"),
    (re.compile(r"Error building page '([^']*)': (.*)", re.S), r"Lỗi khi dựng trang '\1': \2"),
)


def translate(message: str) -> str:
    for pattern, replacement in TRANSLATIONS:
        if pattern.search(message):
            return pattern.sub(replacement, message, count=1)
    return message


class _VietnameseFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(pattern.search(message) for pattern in DROPPED):
            return False
        record.msg, record.args = translate(message), ()
        return True


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        shown = getattr(record, SHOWN_AS, record.levelname)
        level = LEVELS.get(shown, shown)
        return f"{level}: {record.getMessage()}"


def configure_logging(quiet: bool) -> None:
    """mkdocs logs through `logging`; its own CLI would set this up, here we do."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_notice_archive", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Formatter())
        handler.addFilter(_VietnameseFilter())
        handler._notice_archive = True
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False
