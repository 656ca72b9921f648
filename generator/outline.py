"""The outline of a notice body: sections (I., II.), points (1., 2.), sub-points (a), b)) and
paragraphs, each with its level and point number ("II.3.a").

Shared by validation (`closes:` must name a point that exists) and linking (tasks are numbered
by the point they come from). Markdown headings and lists and text pasted from Word (plain
"1." lines, wrapped lines, unindented follow-on paragraphs) read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

@dataclass
class Block:
    text: str
    line: int
    level: float
    point: str | None
    heading: bool = False


# ("V/v: …", "về việc", is a letter's subject line, not section V)
_ROMAN_HEAD = re.compile(r"^(?![Vv]/[Vv]\b)(?P<num>[IVXL]{1,5})\s*[.)/:-]\s*(?P<text>.*)$")
# ("2- Các huyện …": a dash after the number too, when a capital follows)
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*[.)/]\s*|\s*[-–]\s+(?=[^\W\d_]))"
                       r"(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<num>[a-zđ])\s*[).]\s+(?P<text>\S.*)$")
_BULLET = re.compile(r"^[-+*•–—]\s+(?P<text>\S.*)$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*$")
_MARKUP = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|\\(?=[^\w\s])|<[^>]{1,200}>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


# A line this long is a paragraph of its own (a web page's), never a line wrapped by a word
# processor: the next line that starts a sentence starts a new paragraph.
_LONG_LINE = 150


def _clean(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def _is_upper_heading(text: str) -> bool:
    if len(text) >= 160 or not text[:1].isupper():
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters) and len(text) < 160


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """The body as paragraphs with their level and point number; wrapped lines joined."""
    out: list[Block] = []
    section: str | None = None
    numbers: list[str] = []          # current numbered point (dotted parts)
    letter: str | None = None
    item_level = 0.0
    current: Block | None = None
    in_fence = False
    previous = ""       # the line before: a long one that ends a sentence is a paragraph

    def point() -> str | None:
        parts = [p for p in (section, ".".join(numbers) if numbers else None, letter) if p]
        return ".".join(parts) if parts else None

    for offset, raw in enumerate(body.splitlines()):
        line_no = first_line + offset
        stripped = raw.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            current = None
            continue
        if in_fence or stripped.startswith("|") or stripped.startswith(">") and False:
            current = None
            continue
        if not stripped:
            current = None
            continue
        text = stripped.lstrip(">").strip()
        heading = _MD_HEADING.match(text)
        plain = _clean(heading.group("text") if heading else text)
        if not plain:
            continue
        m_roman = _ROMAN_HEAD.match(plain)
        if heading or (m_roman and len(plain) < 200 and raw[:1] != " ") or (
                _is_upper_heading(plain) and current is None):
            if m_roman:
                section, plain = m_roman.group("num"), m_roman.group("text") or plain
                numbers, letter = [], None
            elif heading:
                m_num = _NUMBERED.match(plain)
                if m_num:
                    numbers, letter = m_num.group("num").split("."), None
                    plain = m_num.group("text")
            current = None
            level = 0.0 if (m_roman or not numbers) else float(len(numbers))
            item_level = level
            out.append(Block(plain, line_no, level, point(), heading=True))
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        m_num = _NUMBERED.match(plain)
        if m_num and re.match(r"\d{1,2}\s*[-–]", plain) and not m_num.group("text")[:1].isupper():
            m_num = None    # "2 - các huyện …" is no point; "2- Các huyện …" is
        m_let = _LETTERED.match(plain)
        m_bul = _BULLET.match(text)
        if m_num and not re.match(r"^\d{1,2}[./]\d{1,2}[./]\d", plain):
            numbers, letter = m_num.group("num").split("."), None
            item_level = float(len(numbers))
            current = Block(m_num.group("text"), line_no, item_level, point())
            out.append(current)
        elif m_let:
            letter = m_let.group("num")
            item_level = float(len(numbers) + 1)
            current = Block(m_let.group("text"), line_no, item_level, point())
            out.append(current)
        elif m_bul:
            current = Block(_clean(m_bul.group("text")), line_no,
                             float(len(numbers) + (1 if letter else 0) + 1), point())
            out.append(current)
        elif current is not None and not (len(previous) > _LONG_LINE and
                                          previous.rstrip()[-1:] in ".;!?:" and plain[:1].isupper()):
            current.text = f"{current.text} {plain}"        # a wrapped line
        else:
            # A paragraph: after an item it continues that item (indented in Markdown, or not
            # in text pasted from Word); otherwise it belongs to the section.
            level = item_level + 0.5 if (numbers or letter) else 0.5
            current = Block(plain, line_no, level, point())
            out.append(current)
        del indent
        previous = stripped
    return out


def points(body: str) -> set[str]:
    """Every point number of a body, with its parents ("II.3.a" gives "II", "II.3", "II.3.a")."""
    found: set[str] = set()
    for block in blocks(body):
        if block.point:
            parts = block.point.split(".")
            found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found
