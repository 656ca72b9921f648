"""Active content in a notice body: never needed to transcribe an official text, and Markdown
would pass raw HTML straight into the page, so it is an error rather than something to escape."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import ERROR, Diagnostic
from ..model import Notice

_ACTIVE_TAG = re.compile(r"<\s*/?\s*(script|iframe|frame|object|embed|applet|style|link|meta|base|"
                         r"form|input|button|svg|math|template)\b", re.IGNORECASE)
# Event handlers in an HTML tag or in an attr_list block ({: onclick="…" }).
_HANDLER = re.compile(r"(?:<[^>]*|\{:?[^}]*)\s(on[a-z]+)\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript|livescript)\s*:|data\s*:\s*text/html",
                         re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def check_body(notice: Notice) -> Iterator[Diagnostic]:
    in_code = False
    for offset, line in enumerate(notice.body.split("\n")):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        for pattern, what in ((_ACTIVE_TAG, "thẻ HTML"), (_HANDLER, "thuộc tính sự kiện"),
                              (_SCRIPT_URL, "liên kết chạy mã")):
            match = pattern.search(line)
            if match:
                found = match.group(1) if match.groups() else match.group(0)
                yield Diagnostic(
                    notice.source, notice.body_line + offset, match.start() + 1, ERROR, "NA414",
                    f'nội dung có {what} "{found.strip()}" có thể chạy mã trên trang; văn bản '
                    "chỉ cần chữ và định dạng Markdown, hãy xóa phần này", "body")
                break
