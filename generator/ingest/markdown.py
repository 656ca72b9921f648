"""The body lines of an original → Markdown that keeps its structure.

Sections "I. …" become "## I. …", numbered points "1. …" an ordered list whose follow-on
paragraphs are indented four spaces (until the next section or the closing sentence), dashes a
bullet list, and bold/italic runs **…**/*…*. Paragraphs that a page or line break cut in two
("Đặc biệt," | "Công an tỉnh đề xuất …") are joined: a paragraph never ends in a comma, and one
that ends without final punctuation continues when the next starts in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line, Run

_HEADING = re.compile(r"^((?:[IVXLC]+)|(?:Phần|PHẦN|Chương|CHƯƠNG)\s+[IVXLC\d]+)\s*[.:]\s+\S")
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s+(?=\S)")
_BULLET = re.compile(r"^[-+•–]\s+(?=\S)")
_FINAL = tuple(".;:!?…\"”)»")


@dataclass
class Paragraph:
    runs: list[Run]
    first_line: int

    @property
    def text(self) -> str:
        return " ".join("".join(r.text for r in self.runs).split())


def _starts_marker(text: str) -> bool:
    return bool(_HEADING.match(text) or _NUMBERED.match(text) or _BULLET.match(text)
                or re.match(r"^[a-zđ]\)\s", text))


def continues(prev: str, nxt: str, same_block: bool) -> bool:
    """Does `nxt` continue the paragraph `prev` (a wrapped line or a page-break artefact)?"""
    if not prev or not nxt or _starts_marker(nxt) or _HEADING.match(prev):
        return False
    if prev.endswith(","):
        return True
    if prev.endswith(_FINAL) or prev.endswith("/."):
        return False
    if same_block:
        return True
    return nxt[:1].islower()


def paragraphs(lines: list[Line]) -> tuple[list[Paragraph], list[str]]:
    """Group lines into paragraphs; returns the joins made across blocks, for the report."""
    out: list[Paragraph] = []
    joins: list[str] = []
    prev_line: Line | None = None
    for line in lines:
        if out and prev_line is not None and continues(
                out[-1].text, line.text, line.block == prev_line.block):
            if line.block != prev_line.block:
                joins.append(f"nối đoạn bị ngắt (dòng {prev_line.number}–{line.number}): "
                             f"«…{out[-1].text[-30:]}» + «{line.text[:30]}…»")
            out[-1].runs = out[-1].runs + [Run(" ")] + list(line.runs)
        else:
            out.append(Paragraph(list(line.runs), line.number))
        prev_line = line
    return out, joins


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("<", "&lt;")


def render_runs(runs: list[Run], skip: int = 0, plain: bool = False) -> str:
    """Runs → Markdown, dropping the first `skip` characters (a list marker rendered apart)."""
    pieces: list[tuple[str, bool, bool]] = []
    for run in runs:
        text = run.text
        if skip:
            cut = min(skip, len(text))
            text, skip = text[cut:], skip - cut
        if not text:
            continue
        style = (False, False) if plain else (run.bold, run.italic)
        if pieces and (pieces[-1][1], pieces[-1][2]) == style:
            pieces[-1] = (pieces[-1][0] + text, *style)
        else:
            pieces.append((text, *style))
    out = []
    for text, bold, italic in pieces:
        text = re.sub(r"\s+", " ", text)
        core = text.strip()
        if not core or not (bold or italic):
            out.append(_escape(text))
            continue
        marker = "***" if bold and italic else "**" if bold else "*"
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out.append(f"{lead}{marker}{_escape(core)}{marker}{trail}")
    return "".join(out).strip()


def _marker_skip(runs: list[Run], pattern: re.Pattern) -> tuple[int, str]:
    raw = "".join(r.text for r in runs)
    stripped = raw.lstrip()
    m = pattern.match(stripped)
    return (len(raw) - len(stripped) + m.end(), m.group(0)) if m else (0, "")


def flatten_tables(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """A table inside the body (the site's Markdown has no tables) → one paragraph per row."""
    out: list[Line] = []
    notes: list[str] = []
    rows: dict[tuple[int, int], Line] = {}
    last_column: dict[tuple[int, int], int] = {}
    for line in lines:
        if line.cell is None:
            out.append(line)
            continue
        table, row, column = line.cell
        key = (table, row)
        if key not in rows:
            if not any(k[0] == table for k in rows):
                notes.append(f"bảng trong thân văn bản (dòng {line.number}) được chuyển thành "
                             "đoạn văn, mỗi hàng một đoạn, các ô cách nhau bởi dấu «;»: "
                             "cần người xem lại")
            rows[key] = Line(list(line.runs), -line.number, None, line.number)
            out.append(rows[key])
        else:
            separator = "; " if column != last_column[key] else " "
            rows[key].runs = rows[key].runs + [Run(separator)] + list(line.runs)
        last_column[key] = column
    return out, notes


def to_markdown(lines: list[Line]) -> tuple[str, list[str]]:
    lines, table_notes = flatten_tables(lines)
    paras, joins = paragraphs(lines)
    joins = table_notes + joins
    blocks: list[str] = []
    in_list = False
    for index, para in enumerate(paras):
        text = para.text
        last = index == len(paras) - 1
        closing = last and (text.endswith("/.") or text.endswith("./"))
        if _HEADING.match(text):
            blocks.append("## " + render_runs(para.runs, plain=True))
            in_list = False
            continue
        m = _NUMBERED.match(text)
        if m:
            skip, _ = _marker_skip(para.runs, _NUMBERED)
            blocks.append(f"{m.group(1)}. " + render_runs(para.runs, skip))
            in_list = True
            continue
        if closing:
            in_list = False
        indent = "    " if in_list else ""
        if _BULLET.match(text):
            skip, _ = _marker_skip(para.runs, _BULLET)
            blocks.append(f"{indent}- " + render_runs(para.runs, skip))
        else:
            rendered = render_runs(para.runs)
            if re.match(r"^\d+\.\s", rendered) or rendered.startswith(("#", ">", "+ ", "- ")):
                rendered = "\\" + rendered  # not a list or heading in the original
            blocks.append(indent + rendered)
    return "\n\n".join(blocks) + "\n", joins
