"""Invisible and bidirectional control characters: text that reads one way and is another.

A zero-width space inside a number makes two notices that look the same differ; a right-to-left
override makes a reviewer read a line in another order than the one the generator processes
("Trojan Source", CVE-2021-42574). Vietnamese text never needs any of them, so every one is
reported: an error in an identifier (number, type, dates, slugs, enumerations), a warning in text
(title, names, body), on the line where it is.

`strip_invisible` (used by `check --fix`) removes those whose removal leaves the text looking
exactly as it did: zero-width spaces, word joiners, a BOM inside the text, left-to-right marks
and embeddings in lines without right-to-left script, joiners between Latin letters. A
right-to-left override, embedding or isolate changes how the line looks when removed, so a
person decides.
"""

from __future__ import annotations

import re
from typing import Callable

from ..diagnostics import ERROR, WARNING, Diagnostic

IN_IDENTIFIER = "NA024"
IN_TEXT = "NA025"

NAMES = {
    0x200B: "ZWSP, khoảng trắng độ rộng 0", 0x200C: "ZWNJ, ký tự không nối",
    0x200D: "ZWJ, ký tự nối", 0x200E: "LRM, dấu trái-sang-phải", 0x200F: "RLM, dấu phải-sang-trái",
    0x202A: "LRE, nhúng trái-sang-phải", 0x202B: "RLE, nhúng phải-sang-trái",
    0x202C: "PDF, kết thúc nhúng", 0x202D: "LRO, ép trái-sang-phải",
    0x202E: "RLO, ép phải-sang-trái", 0x2060: "WJ, ký tự nối từ",
    0x2066: "LRI, cô lập trái-sang-phải", 0x2067: "RLI, cô lập phải-sang-trái",
    0x2068: "FSI, cô lập theo ký tự đầu", 0x2069: "PDI, kết thúc cô lập",
    0xFEFF: "BOM giữa văn bản",
}
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# Strong right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, presentation forms): with
# them in a line, direction marks do change the display.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
_RIGHT_TO_LEFT_CONTROLS = {0x202B, 0x202E, 0x2067}
_ALWAYS_REMOVABLE = {0x200B, 0x2060, 0xFEFF}

_TOP_KEY = re.compile(r"^([^\s#:][^:]*?)\s*:(?:\s|$)")
_SUB_KEY = re.compile(r"^\s+([^\s#:-][^:]*?)\s*:(?:\s|$)")

# Front-matter values a program compares rather than a person reads.
NOTICE_IDENTIFIERS = {"number", "type", "date", "topics", "related", "supersedes", "status",
                      "classification"}


def has_invisible(text: str) -> bool:
    return _INVISIBLE.search(text) is not None


def _removable(line: str, index: int) -> bool:
    code = ord(line[index])
    if code in _ALWAYS_REMOVABLE:
        return True
    if _RTL.search(line) or any(ord(c) in _RIGHT_TO_LEFT_CONTROLS for c in line):
        return False  # with right-to-left text or controls, every direction control counts
    if code in (0x200C, 0x200D):  # joiners matter in emoji and complex scripts only
        before = line[index - 1] if index else " "
        after = line[index + 1] if index + 1 < len(line) else " "
        return ord(before) < 0x2000 and ord(after) < 0x2000
    return True


def strip_invisible(text: str) -> tuple[str, int]:
    """The text without the invisible characters whose removal changes nothing visible."""
    if not has_invisible(text):
        return text, 0
    removed = 0
    out = []
    for line in text.split("\n"):
        keep = []
        for i, ch in enumerate(line):
            if _INVISIBLE.match(ch) and _removable(line, i):
                removed += 1
                continue
            keep.append(ch)
        out.append("".join(keep))
    return "\n".join(out), removed


def _describe(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} ({NAMES[ord(c)]})" for c in dict.fromkeys(chars))


def find_invisible(path: str, text: str,
                   field_of: Callable[[int, str, str | None, bool], tuple[str | None, bool]],
                   ) -> list[Diagnostic]:
    """One diagnostic per line holding invisible characters.

    `field_of(line_index, top_key, sub_key, in_key)` → (field name or None, is an identifier);
    `top_key`/`sub_key` are the YAML keys the line belongs to (front matter / topics.yml).
    """
    if not has_invisible(text):
        return []
    found = []
    lines = text.split("\n")
    top = sub = None
    for index, line in enumerate(lines):
        top_match = _TOP_KEY.match(line)
        if top_match:
            top, sub = top_match.group(1), None
        else:
            sub_match = _SUB_KEY.match(line)
            if sub_match:
                sub = sub_match.group(1)
        chars = _INVISIBLE.findall(line)
        if not chars:
            continue
        first = _INVISIBLE.search(line).start()
        key_end = line.find(":")
        in_key = 0 <= first < key_end and (top_match is not None or _SUB_KEY.match(line))
        field, identifier = field_of(index, top or "", sub, bool(in_key))
        what = _describe(chars)
        fixable = all(_removable(line, i) for i, c in enumerate(line) if _INVISIBLE.match(c))
        where = f' trong "{field}"' if field else ""
        if identifier:
            found.append(Diagnostic(
                path, index + 1, first + 1, ERROR, IN_IDENTIFIER,
                f"ký tự ẩn {what}{where}: giá trị máy đọc khác với giá trị người đọc thấy; "
                "hãy gõ lại giá trị này"
                + (" hoặc chạy 'notice-archive check --fix'" if fixable else ""), field))
        else:
            found.append(Diagnostic(
                path, index + 1, first + 1, WARNING, IN_TEXT,
                f"ký tự ẩn {what}{where}: không nhìn thấy nhưng làm sai việc tìm kiếm hoặc "
                "đảo thứ tự chữ khi hiển thị; "
                + ("chạy 'notice-archive check --fix' để xóa" if fixable
                   else "ký tự đổi hướng chữ không được tự xóa, hãy xem và sửa dòng này"),
                field))
    return found


def notice_invisible(path: str, text: str) -> list[Diagnostic]:
    """Invisible characters of a notice file (front matter and body)."""
    lines = text.split("\n")
    end = None
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)

    def field_of(index: int, top: str, sub: str | None, in_key: bool):
        if end is None or index == 0 or index >= end:
            return ("body" if end is not None and index > end else None), False
        if in_key:
            return top, True
        if top == "meeting" and sub == "date":
            return "meeting.date", True
        name = f"{top}.{sub}" if sub and top in ("meeting", "signer") else top
        return name, top in NOTICE_IDENTIFIERS
    return find_invisible(path, text, field_of)


def topics_invisible(path: str, text: str) -> list[Diagnostic]:
    """Invisible characters of topics.yml: slugs and parents are identifiers, names text."""
    def field_of(index: int, top: str, sub: str | None, in_key: bool):
        if sub is None:
            return top or None, True  # the slug line itself
        if in_key:
            return f"{top}.{sub}", True
        return f"{top}.{sub}", sub == "parent"
    return find_invisible(path, text, field_of)
