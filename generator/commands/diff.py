"""`notice-archive diff REV`: what the working tree does to the archive, compared with a git
revision.

Both sides go through the same loader (the revision's files are read with `git cat-file`, never
checked out), and notices are matched by identity: their number, else their file path. The
report is Markdown fit for a pull-request comment, or JSON with `--json`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..load import SourceDocument, load_document
from ..link import PROFILE_LABELS, PROFILES, withheld_by
from ..load import load_archive
from ..model import CLASSIFICATION_LABELS, FIELD_LABELS, STATUS_LABELS
from ..project import Project
from ..text import nfc
from ..validate import TOP_KEYS
from . import add_config_option


class GitError(Exception):
    """git is missing, the folder is not a repository, or the revision does not exist."""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "diff", help="tóm tắt thay đổi của kho thông báo so với một phiên bản git",
        description="So sánh thư mục làm việc với phiên bản git REV: thông báo thêm, xóa, sửa "
        "(trường cũ → mới, nội dung có đổi không), in Markdown cho bình luận pull request.")
    p.add_argument("rev", metavar="REV", help="phiên bản git để so sánh, ví dụ origin/main")
    add_config_option(p)
    p.add_argument("--json", action="store_true", help="in JSON thay vì Markdown")


# --- reading the revision ---------------------------------------------------------------------

def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              check=False)
    except OSError as exc:
        raise GitError(f"không chạy được git: {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} thất bại")
    return done.stdout


def _is_notice(rel: str) -> bool:
    parts = PurePosixPath(rel).parts
    return rel.endswith(".md") and not any(p.startswith((".", "_")) for p in parts)


def load_revision(project: Project, rev: str) -> list[SourceDocument]:
    """The notices of `rev`, loaded exactly as files on disk would be."""
    toplevel = Path(_git(["rev-parse", "--show-toplevel"], project.root).decode().strip())
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], project.root)
    except GitError:
        raise GitError("không có phiên bản (commit, nhánh, thẻ) này trong kho git") from None
    commit = commit.decode().strip()
    try:
        notices_rel = project.notices_dir.resolve().relative_to(toplevel.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{project.notices_dir} không nằm trong kho git {toplevel}") from None
    listing = _git(["ls-tree", "-r", "-z", commit, "--", notices_rel + "/"], toplevel)
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        rel = path.decode("utf-8", "surrogateescape")
        inside = rel[len(notices_rel) + 1:] if notices_rel != "." else rel
        if kind == "blob" and _is_notice(inside):
            entries.append((oid, rel))
    if not entries:
        return []
    # One git process for every blob: `cat-file --batch` answers "<oid> blob <size>\n<bytes>\n".
    out = _git(["cat-file", "--batch"], toplevel,
               stdin="".join(f"{oid}\n" for oid, _ in entries).encode())
    docs, pos = [], 0
    for oid, rel in entries:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        data = out[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1
        docs.append(load_document(toplevel / rel, project.root, data=data))
    return docs


# --- comparing --------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(nfc(value).split())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)  # !!binary, !!set and the like: shown, never crash the report


def _flatten(data: dict) -> dict[str, Any]:
    """{"signer": {"name": …}} → {"signer.name": …}: changed fields are named precisely."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if isinstance(value, dict) and key in ("meeting", "signer"):
            for sub, subvalue in value.items():
                flat[f"{key}.{sub}"] = _plain(subvalue)
        else:
            flat[key] = _plain(value)
    return flat


def _field_order(name: str) -> tuple:
    top = name.split(".", 1)[0]
    return (TOP_KEYS.index(top) if top in TOP_KEYS else len(TOP_KEYS), name)


@dataclass
class Entry:
    path: str
    number: str | None
    title: str | None
    fields: dict[str, Any]
    body: str
    readable: bool

    @classmethod
    def of(cls, doc: SourceDocument) -> "Entry":
        fields = _flatten(doc.data) if isinstance(doc.data, dict) else {}
        number = fields.get("number") if isinstance(fields.get("number"), str) else None
        title = fields.get("title") if isinstance(fields.get("title"), str) else None
        return cls(doc.path, number or None, title, fields, doc.body, doc.data is not None)

    def summary(self) -> dict:
        return {"number": self.number, "title": self.title, "path": self.path,
                "status": self.fields.get("status"),
                "classification": self.fields.get("classification"),
                "published": self.published()}

    def published(self) -> list[str]:
        """The profiles that would publish this notice (none while it cannot be read)."""
        classification, status = self.fields.get("classification"), self.fields.get("status")
        if not self.readable or not isinstance(classification, str) \
                or not isinstance(status, str):
            return []
        return [p for p in PROFILES if withheld_by(classification, status, p) is None]


# A body diff longer than this many lines is cut: a review comment must stay readable.
BODY_DIFF_LINES = 40
PARAGRAPH_CHARS = 300


def paragraphs(body: str) -> list[str]:
    """The body as paragraphs, each on one line: a re-wrapped paragraph is not a change."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", body) if block.strip()]


def body_diff(old: str, new: str) -> list[str]:
    """A unified diff of paragraphs, one line of context, without the file headers."""
    lines = list(difflib.unified_diff(paragraphs(old), paragraphs(new), n=1, lineterm=""))[2:]
    removed = [line[1:] for line in lines if line.startswith("-")]
    added = [line[1:] for line in lines if line.startswith("+")]
    short, seen = [], {"-": 0, "+": 0}
    for line in lines:
        sign, text = line[:1], line[1:]
        if sign in seen:  # a long edited paragraph is shown from just before its first change
            counterpart = (added if sign == "-" else removed)
            other = counterpart[seen[sign]] if seen[sign] < len(counterpart) else ""
            seen[sign] += 1
            line = sign + _excerpt(text, _first_difference(text, other))
        elif len(line) > PARAGRAPH_CHARS:
            line = line[:PARAGRAPH_CHARS - 1] + "…"
        short.append(line)
    if len(short) > BODY_DIFF_LINES:
        short = short[:BODY_DIFF_LINES] + [f"… (còn {len(lines) - BODY_DIFF_LINES} dòng)"]
    return short


@dataclass
class Change:
    old: Entry
    new: Entry
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    body_changed: bool = False
    body_diff: list[str] = field(default_factory=list)


@dataclass
class ArchiveDiff:
    rev: str
    added: list[Entry]
    removed: list[Entry]
    changed: list[Change]

    def as_json(self) -> dict:
        return {
            "rev": self.rev,
            "added": [e.summary() for e in self.added],
            "removed": [e.summary() for e in self.removed],
            "changed": [{**c.new.summary(), "old_path": c.old.path,
                         "fields": [{"field": f, "old": o, "new": n} for f, o, n in c.fields],
                         "body_changed": c.body_changed, "body_diff": c.body_diff,
                         "published_before": c.old.published()} for c in self.changed],
        }


def _by_number(entries: list[Entry]) -> dict[str, Entry]:
    """Identity is the number; a number used twice on one side is ambiguous: those fall back to
    their paths."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.number:
            counts[entry.number] = counts.get(entry.number, 0) + 1
    return {e.number: e for e in entries if e.number and counts[e.number] == 1}


def compare(old_docs: list[SourceDocument], new_docs: list[SourceDocument],
            rev: str) -> ArchiveDiff:
    old = [Entry.of(d) for d in old_docs]
    new = [Entry.of(d) for d in new_docs]
    pairs: list[tuple[Entry, Entry]] = []
    old_by_number, new_by_number = _by_number(old), _by_number(new)
    matched_old, matched_new = set(), set()
    for number, entry in new_by_number.items():
        if number in old_by_number:
            pairs.append((old_by_number[number], entry))
            matched_old.add(id(old_by_number[number]))
            matched_new.add(id(entry))
    # Then by path: a draft that got its number, an unreadable file, a number that changed.
    old_by_path = {e.path: e for e in old if id(e) not in matched_old}
    for entry in new:
        if id(entry) in matched_new:
            continue
        previous = old_by_path.get(entry.path)
        if previous is not None and (not previous.number or not entry.number
                                     or previous.number not in new_by_number):
            pairs.append((previous, entry))
            matched_old.add(id(previous))
            matched_new.add(id(entry))

    changed = []
    for before, after in pairs:
        change = Change(before, after)
        if before.path != after.path:
            change.fields.append(("(tệp)", before.path, after.path))
        for name in sorted(set(before.fields) | set(after.fields), key=_field_order):
            a, b = before.fields.get(name), after.fields.get(name)
            if a != b:
                change.fields.append((name, a, b))
        change.body_changed = before.body != after.body or before.readable != after.readable
        if before.body != after.body:
            change.body_diff = body_diff(before.body, after.body)
        if change.fields or change.body_changed:
            changed.append(change)
    key = lambda e: (e.number or "", e.path)  # noqa: E731
    added = sorted((e for e in new if id(e) not in matched_new), key=key)
    removed = sorted((e for e in old if id(e) not in matched_old), key=key)
    changed.sort(key=lambda c: key(c.new))
    return ArchiveDiff(rev, added, removed, changed)


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _excerpt(text: str, focus: int) -> str:
    if len(text) <= PARAGRAPH_CHARS:
        return text
    start = max(0, min(focus - PARAGRAPH_CHARS // 3, len(text) - PARAGRAPH_CHARS))
    end = start + PARAGRAPH_CHARS
    if start:  # begin on a word
        start = text.find(" ", start, focus) + 1 or start
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --- Markdown -----------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Escape text for Markdown prose (titles come from anyone who opens a pull request)."""
    out = []
    for ch in text:
        if ch in "\\`*_[]<>|~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out).replace("\n", " ")


def _code(value: Any) -> str:
    if value is None:
        return "*(không có)*"
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value) if value else ""
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split()).replace("|", "¦")
    if not text:
        return "*(rỗng)*"
    if len(text) > 200:
        text = text[:199] + "…"
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _name(entry: Entry) -> str:
    label = f"**{_md(entry.number)}**" if entry.number else "*dự thảo*"
    title = f" — {_md(entry.title)}" if entry.title else ""
    return f"{label}{title} (`{entry.path}`)"


def _publication(before: list[str], after: list[str]) -> list[str]:
    """Bold flags for what a reviewer must not miss: a notice going public, or going away."""
    flags = []
    for profile in PROFILES:
        label = PROFILE_LABELS[profile].lower()
        if profile in after and profile not in before:
            flags.append(f"**⚠ sẽ được xuất bản ở hồ sơ {label} ({profile})**")
        elif profile in before and profile not in after:
            flags.append(f"**⚠ thôi xuất bản ở hồ sơ {label} ({profile})**")
    return flags


def _label(field: str) -> str:
    """A front-matter key as a reader sees it: its Vietnamese name, then the key itself in code
    (a nested key by its top one: `signer.name` → "người ký (`signer.name`)")."""
    head = field.partition(".")[0]
    return f"{FIELD_LABELS[head]} ({_code(field)})" if head in FIELD_LABELS else _code(field)


def _valued(value, labels) -> str:
    """A status or classification code, with its Vietnamese name when it has one."""
    name = labels.get(value) if isinstance(value, str) else None
    return f"{_code(value)} ({name.lower()})" if name else _code(value)


def _state(entry: Entry) -> str:
    status, classification = entry.fields.get("status"), entry.fields.get("classification")
    return (f"trạng thái {_valued(status, STATUS_LABELS)}, "
            f"độ mật {_valued(classification, CLASSIFICATION_LABELS)}")


def _fenced(lines: list[str], language: str) -> list[str]:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + language, *lines, fence]


def _body_block(change: Change) -> list[str]:
    if not change.body_diff:
        return ["  - nội dung: **đã sửa**" if change.body_changed else "  - nội dung: không đổi"]
    added = sum(1 for line in change.body_diff if line.startswith("+"))
    removed = sum(1 for line in change.body_diff if line.startswith("-"))
    block = ["  - nội dung: **đã sửa**", "",
             f"    <details><summary>Xem thay đổi nội dung (+{added} −{removed} đoạn)</summary>",
             ""]
    block += ["    " + line for line in _fenced(change.body_diff, "diff")]
    block += ["", "    </details>", ""]
    return block


def markdown(diff: ArchiveDiff) -> str:
    lines = [f"### Thay đổi kho thông báo so với `{diff.rev}`", ""]
    if not (diff.added or diff.removed or diff.changed):
        lines.append("Không có thay đổi nào về thông báo.")
        return "\n".join(lines) + "\n"
    lines.append(f"**{len(diff.added)}** thêm · **{len(diff.removed)}** xóa · "
                 f"**{len(diff.changed)}** sửa")
    if diff.added:
        lines += ["", "#### Thêm", ""]
        for entry in diff.added:
            flags = _publication([], entry.published())
            lines.append(f"- {_name(entry)}: {_state(entry)}" + "".join(f" · {f}" for f in flags))
    if diff.removed:
        lines += ["", "#### Xóa", ""]
        for entry in diff.removed:
            flags = _publication(entry.published(), [])
            lines.append(f"- {_name(entry)}: {_state(entry)}" + "".join(f" · {f}" for f in flags))
    if diff.changed:
        lines += ["", "#### Sửa", ""]
        for change in diff.changed:
            lines.append(f"- {_name(change.new)}")
            lines += [f"  - {flag}" for flag in _publication(change.old.published(),
                                                             change.new.published())]
            for name, old, new in change.fields:
                lines.append(f"  - {_label(name)}: {_code(old)} → {_code(new)}")
            lines += _body_block(change)
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    project = Project.find(args.config)  # a ProjectError is reported by cli.main
    try:
        old_docs = load_revision(project, args.rev)
    except GitError as exc:
        print(f"notice-archive: không đọc được phiên bản git '{args.rev}': {exc}", file=sys.stderr)
        return 2
    new_docs = list(load_archive(project.notices_dir, project.root).documents) \
        if project.notices_dir.is_dir() else []
    diff = compare(old_docs, new_docs, args.rev)
    if args.json:
        json.dump(diff.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        sys.stdout.write(markdown(diff))
    return 0
