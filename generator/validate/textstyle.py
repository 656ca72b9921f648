"""Style of the file as text (trailing whitespace, key order, NFC) and the safe fixes for it.

These rules look at the text as written, not at parsed values, so they run on the raw file.
Every fix is mechanical and must never change what the notice says: NFC only changes code
points, not letters; trailing whitespace is removed except where Markdown reads two spaces as a
line break; keys are reordered textually, and only when parsing the result gives back exactly
the same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import WARNING, Diagnostic
from ..load import FrontMatterProblem, parse_front_matter, strip_invisible
from ..text import nfc
from .fields import TOP_KEYS

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


@dataclass
class FixResult:
    text: str
    changes: list[str] = field(default_factory=list)


def _split_lines(text: str) -> list[tuple[str, str]]:
    """(content, line ending) pairs; line endings are kept exactly as written."""
    out = []
    for raw in text.split("\n"):
        if raw.endswith("\r"):
            out.append((raw[:-1], "\r"))
        else:
            out.append((raw, ""))
    return out


def _front_matter_end(lines: list[tuple[str, str]]) -> int | None:
    """Index of the closing fence, or None when the file has no closed front matter."""
    if not lines or lines[0][0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i][0].rstrip() in ("---", "..."):
            return i
    return None


def _trailing_lines(lines: list[tuple[str, str]]) -> list[int]:
    """Indexes of lines whose trailing whitespace can go without changing the rendering."""
    end = _front_matter_end(lines)
    found = []
    in_code = False
    indented = False  # inside an indented code block, where trailing spaces are shown
    for i, (content, _) in enumerate(lines):
        stripped = content.rstrip(" \t")
        if end is not None and i > end and not in_code:
            starts_block = i > 0 and (not lines[i - 1][0].strip() or indented)
            indented = content.startswith(("    ", "\t")) and bool(stripped) and starts_block
        if stripped == content:
            if end is not None and i > end and _FENCE.match(content):
                in_code = not in_code
            continue
        if end is not None and i > end:
            if _FENCE.match(content):
                in_code = not in_code
            if in_code or indented:
                continue
            following = lines[i + 1][0] if i + 1 < len(lines) else ""
            hard_break = content.endswith("  ") and stripped and following.strip()
            if hard_break and "\t" not in content[len(stripped):]:
                continue  # two spaces before a non-blank line: a Markdown line break
        found.append(i)
    return found


def check_text(path: str, text: str) -> list[Diagnostic]:
    """Style warnings of one decoded (NFC, LF) notice text."""
    lines = _split_lines(text)
    diagnostics = []
    for i in _trailing_lines(lines):
        content = lines[i][0]
        diagnostics.append(Diagnostic(
            path, i + 1, len(content.rstrip(" \t")) + 1, WARNING, "NA007",
            "khoảng trắng thừa ở cuối dòng; xóa đi hoặc chạy 'notice-archive check --fix'"))
    order = _key_order(lines)
    if order is not None and _misordered(order):
        expected = ", ".join(_canonical(order))
        diagnostics.append(Diagnostic(
            path, 2, 1, WARNING, "NA008",
            f"thứ tự trường khác thứ tự chuẩn ({expected}); chạy 'notice-archive check --fix' "
            "để sắp xếp lại"))
    return diagnostics


def _misordered(keys: list[str]) -> bool:
    """Known keys out of the format's order (unknown keys are NA101's business, not order's)."""
    known = [k for k in keys if k in TOP_KEYS]
    return known != [k for k in TOP_KEYS if k in known]


def _canonical(keys: list[str]) -> list[str]:
    known = [k for k in TOP_KEYS if k in keys]
    return known + [k for k in keys if k not in TOP_KEYS]


def _blocks(lines: list[tuple[str, str]], end: int) -> tuple[list, list[tuple[str, list]]] | None:
    """Split front matter lines into (leading lines, [(key, lines of that key)]), or None when the
    layout is not one a purely textual reorder can handle safely."""
    head: list = []
    blocks: list[tuple[str, list]] = []
    pending: list = []  # comments and blank lines: they travel with the key that follows
    for item in lines[1:end]:
        content = item[0]
        if not content.strip() or content.lstrip().startswith("#"):
            if content.startswith((" ", "\t")) and blocks and content.strip():
                blocks[-1][1].append(item)  # an indented comment inside a value
            else:
                pending.append(item)
            continue
        if content.startswith((" ", "\t", "-")):
            if not blocks:
                return None
            blocks[-1][1].extend(pending)
            pending = []
            blocks[-1][1].append(item)
            continue
        match = _TOP_KEY.match(content)
        if match is None:
            return None  # flow mappings, complex keys, directives: leave them alone
        if not blocks:  # a comment above the first key (a schema modeline) stays on top
            head.extend(pending)
            blocks.append((match.group(1), [item]))
        else:
            blocks.append((match.group(1), pending + [item]))
        pending = []
    if pending:
        if not blocks:
            return None
        blocks[-1][1].extend(pending)
    return head, blocks


def _front_matter_blocks(lines: list[tuple[str, str]]):
    """(closing fence index, lines before the first key, key blocks), or None."""
    end = _front_matter_end(lines)
    if end is None:
        return None
    split = _blocks(lines, end)
    return None if split is None else (end, *split)


def _key_order(lines: list[tuple[str, str]]) -> list[str] | None:
    found = _front_matter_blocks(lines)
    return None if found is None else [key for key, _ in found[2]]


def _reorder(lines: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    found = _front_matter_blocks(lines)
    if found is None:
        return None
    end, head, blocks = found
    keys = [key for key, _ in blocks]
    if len(set(keys)) != len(keys) or not _misordered(keys):
        return None
    position = {key: i for i, key in enumerate(_canonical(keys))}
    ordered = sorted(blocks, key=lambda block: position[block[0]])
    reordered = [lines[0]] + head + [item for _, block in ordered for item in block] + lines[end:]
    return reordered


def _join(lines: list[tuple[str, str]]) -> str:
    return "\n".join(content + ending for content, ending in lines)


def _same_meaning(before: str, after: str) -> bool:
    try:
        a = parse_front_matter(before)
        b = parse_front_matter(after)
    except FrontMatterProblem:
        return False
    return a.data == b.data and list(b.data) == _canonical(list(a.data)) and a.body == b.body


def _front_matter_kept(lines: list[tuple[str, str]], trailing: list[int]) -> bool:
    stripped = list(lines)
    for i in trailing:
        stripped[i] = (lines[i][0].rstrip(" \t"), lines[i][1])
    try:
        before = parse_front_matter(_join(lines).replace("\r\n", "\n"))
        after = parse_front_matter(_join(stripped).replace("\r\n", "\n"))
    except FrontMatterProblem:
        return False
    return before.data == after.data


def fix_text(text: str) -> FixResult:
    """Apply the safe repairs to a UTF-8 decoded file; `changes` says what was done."""
    result = FixResult(text)
    composed = nfc(text)
    if composed != text:
        result.text = composed
        result.changes.append("chuẩn hóa Unicode dựng sẵn (NFC)")
    visible, removed = strip_invisible(result.text)
    if removed:
        result.text = visible
        result.changes.append(f"xóa {removed} ký tự ẩn (độ rộng 0, dấu hướng chữ thừa)")
    lines = _split_lines(result.text)
    trailing = _trailing_lines(lines)
    end = _front_matter_end(lines)
    if trailing and end is not None and not _front_matter_kept(lines, trailing):
        # e.g. a YAML block scalar keeps trailing spaces: only the body is safe to touch
        trailing = [i for i in trailing if i > end]
    if trailing:
        for i in trailing:
            content, ending = lines[i]
            lines[i] = (content.rstrip(" \t"), ending)
        result.text = _join(lines)
        result.changes.append(f"xóa khoảng trắng cuối dòng ({len(trailing)} dòng)")
    reordered = _reorder(lines)
    if reordered is not None:
        candidate = _join(reordered)
        if _same_meaning(result.text.replace("\r\n", "\n"), candidate.replace("\r\n", "\n")):
            result.text = candidate
            result.changes.append("sắp xếp các trường front matter theo thứ tự chuẩn")
    return result
