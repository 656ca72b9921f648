"""Active content in a notice body: never needed to transcribe an official text.

A warning, not an error: the renderer sanitises every body (render/sanitize.py), so such content
never runs on the site; the warning tells the reviewer that part of the text will be dropped and
is most likely a paste accident or an attempt worth a look."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import WARNING, Diagnostic
from ..model import Notice
from ..text import Caseless, lowered

_ACTIVE_TAG = Caseless(r"<\s*/?\s*(script|iframe|frame|object|embed|applet|style|link|meta|base|"
                       r"form|input|button|svg|math|template)\b")
# Event handlers in an HTML tag or in an attr_list block ({: onclick="…" }). Found in one pass
# that tracks whether a "<" or "{" is open: a pattern "<[^>]*…" would rescan the rest of the
# line from every "<" of a long run.
_HANDLER = re.compile(r"[<>{}]|(?<=\s)(on[a-z]+)\s*=", re.IGNORECASE)
_SCRIPT_URL = Caseless(r"(?:javascript|vbscript|livescript)\s*:|data\s*:\s*text/html")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def check_body(notice: Notice) -> Iterator[Diagnostic]:
    body = notice.body
    # Almost every body has none of it: one scan of the whole text decides whether to look
    # line by line (every pattern needs "<", "{" or ":").
    low = lowered(body)
    if not (("<" in body and _ACTIVE_TAG.search(body, low)) or _SCRIPT_URL.search(body, low)
            or _handler(body)):
        return
    in_code = False
    for offset, line in enumerate(notice.body.split("\n")):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        for find, what in ((_ACTIVE_TAG.ignorecase.search, "thẻ HTML"),
                           (_handler, "thuộc tính sự kiện"),
                           (_SCRIPT_URL.ignorecase.search, "liên kết chạy mã")):
            match = find(line)
            if match:
                found = match.group(1) if match.groups() else match.group(0)
                yield Diagnostic(
                    notice.source, notice.body_line + offset, match.start() + 1, WARNING, "NA414",
                    f'nội dung có {what} "{found.strip()}" có thể chạy mã; trang web sẽ loại bỏ '
                    "phần này khi xuất bản; văn bản chỉ cần chữ và định dạng Markdown, hãy xóa nó",
                    "body")
                break


def _handler(text: str) -> re.Match | None:
    """The first `on…=` attribute inside an open "<…" tag or "{…" attribute list."""
    if "<" not in text and "{" not in text:
        return None  # an attribute is only ever inside one of them
    in_tag = in_braces = False
    for match in _HANDLER.finditer(text):
        mark = match.group(0)
        if mark in "<>{}":
            if mark in "<>":
                in_tag = mark == "<"
            else:
                in_braces = mark == "{"
        elif in_tag or in_braces:
            return match
    return None
