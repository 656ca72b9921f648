"""Split a notice into YAML front matter and Markdown body, keeping the line of every key.

YAML is parsed with the safe loader only (no tags that build objects), and the node graph is
measured before it is turned into Python values so that alias bombs ("billion laughs") fail
fast with an error instead of eating the machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is several times faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader

MAX_YAML_NODES = 5_000  # a notice's front matter has a few dozen; expansion past this is hostile
_FENCE = "---"
_CLOSERS = ("---", "...")


class FrontMatterProblem(ValueError):
    def __init__(self, code: str, message: str, line: int, column: int = 1):
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class FrontMatter:
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # "signer.name" → line in the file
    columns: dict[str, int] = field(default_factory=dict)
    end_line: int = 0          # line of the closing fence
    body: str = ""
    body_line: int = 1


def split(text: str) -> tuple[str, str, int, int]:
    """Return (yaml text, body, line of closing fence, first body line) or raise."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        raise FrontMatterProblem(
            "NA010", "thiếu front matter: dòng đầu tiên phải là '---', tiếp theo là các trường "
            "YAML (number, title, …) và một dòng '---' đóng lại", 1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _CLOSERS:
            yaml_text = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1:])
            return yaml_text, body, i + 1, i + 2
    raise FrontMatterProblem(
        "NA011", "front matter không được đóng: thêm một dòng '---' sau trường cuối cùng", 1)


def _measure(node: yaml.Node, limit: int) -> None:
    """Count nodes as they would be expanded; raise once the count passes the limit."""
    count = 0
    stack = [node]
    while stack:
        current = stack.pop()
        count += 1
        if count > limit:
            raise FrontMatterProblem(
                "NA013", f"front matter mở rộng quá {limit} nút YAML (bí danh/anchor lồng nhau); "
                "hãy viết giá trị trực tiếp, không dùng & và *", current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _record_lines(node: yaml.Node, prefix: str, offset: int,
                  lines: dict[str, int], columns: dict[str, int]) -> None:
    if isinstance(node, yaml.SequenceNode) and prefix in ("tasks.", "closes."):
        # Items of the task lists are named "tasks.0", "tasks.0.lead": check points at them.
        for i, item in enumerate(node.value):
            lines.setdefault(f"{prefix}{i}", item.start_mark.line + offset)
            _record_lines(item, f"{prefix}{i}.", offset, lines, columns)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        name = f"{prefix}{key_node.value}"
        if key_node.value in seen and key_node.value != "<<":
            # YAML would silently keep the last value: two values for one field contradict.
            raise FrontMatterProblem(
                "NA107", f'trường "{name}" xuất hiện hai lần (dòng {lines.get(name, offset)} và '
                f"dòng {key_node.start_mark.line + offset}); giữ một giá trị, xóa dòng kia",
                key_node.start_mark.line + offset, key_node.start_mark.column + 1)
        seen.add(key_node.value)
        lines.setdefault(name, key_node.start_mark.line + offset)
        columns.setdefault(name, key_node.start_mark.column + 1)
        _record_lines(value_node, name + ".", offset, lines, columns)


def _unconstructable_scalar(loader: "_SafeLoader", root: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar whose value the constructor rejects, to point at its line."""
    stack = [root]
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except Exception:  # noqa: BLE001 - the same failures as the whole document's
                return node
        elif isinstance(node, yaml.MappingNode):
            stack[:0] = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack[:0] = list(node.value)
    return None


def parse_yaml(yaml_text: str, offset: int) -> tuple[dict[str, Any], dict[str, int], dict[str, int]]:
    """Safely parse a YAML mapping; `offset` turns YAML's 0-based marks into file lines."""
    loader = _SafeLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrontMatterProblem("NA012", "YAML rỗng: cần ít nhất các trường title, type, "
                                     "status", offset)
        _measure(node, MAX_YAML_NODES)
        data = loader.construct_document(node)
    except FrontMatterProblem:
        raise  # already says what is wrong (NA013 alias bomb); it is a ValueError too
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and (mark.line >= yaml_text.count("\n")
                                          or (exc.context or "").startswith("while parsing a flow")):
            # An unclosed [ or { is noticed where the next key starts: point at the opener.
            mark = exc.context_mark
        line = (mark.line + offset) if mark else offset
        column = (mark.column + 1) if mark else 1
        what = exc.problem or exc.context or "lỗi cú pháp"
        raise FrontMatterProblem(
            "NA012", f"YAML không hợp lệ: {what}; kiểm tra dấu hai chấm, thụt lề và dấu nháy",
            line, column) from None
    except FrontMatterProblem:
        raise  # a ValueError too: NA013 from _measure must not be reworded as NA012 below
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
        raise FrontMatterProblem("NA012", f"YAML không hợp lệ: {exc}", offset) from None
    except RecursionError:
        raise FrontMatterProblem("NA013", "YAML lồng nhau quá sâu", offset) from None
    except Exception as exc:  # noqa: BLE001 - e.g. date: 2024-13-45, "!!int" with no value:
        # PyYAML's constructors raise all sorts; with the safe loader each means a bad value.
        bad = _unconstructable_scalar(loader, node)
        raise FrontMatterProblem("NA012", "YAML không hợp lệ: giá trị không đọc được "
                                 f"({type(exc).__name__}: {exc}); ngày viết dạng YYYY-MM-DD, "
                                 "không dùng thẻ !!",
                                 bad.start_mark.line + offset if bad else offset,
                                 bad.start_mark.column + 1 if bad else 1) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise FrontMatterProblem(
            "NA014", "front matter phải là một bảng 'khóa: giá trị' (mapping), không phải "
            f"{type(data).__name__}", offset)
    lines: dict[str, int] = {}
    columns: dict[str, int] = {}
    _record_lines(node, "", offset, lines, columns)
    return data, lines, columns


def parse(text: str) -> FrontMatter:
    yaml_text, body, end_line, body_line = split(text)
    data, lines, columns = parse_yaml(yaml_text, offset=2)  # YAML starts on line 2
    return FrontMatter(data=data, lines=lines, columns=columns, end_line=end_line,
                       body=body, body_line=body_line)
