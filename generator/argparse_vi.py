"""argparse in Vietnamese: help screens and usage errors are part of what a user reads.

argparse looks every user-facing string up through `gettext` at the moment it prints, so the
translation is installed for the duration of parsing and help (`vietnamese()`), not globally.
"""

from __future__ import annotations

import argparse
import contextlib
from typing import Iterator

MESSAGES = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "subcommands": "lệnh con",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần tối đa một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "lệnh không tồn tại: %(parser_name)r (chọn một trong %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextlib.contextmanager
def vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese inside the block."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved

