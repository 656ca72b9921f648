"""Read the archive folder into source documents: decoded, NFC, front matter split with lines.

Nothing is judged here beyond "can this file be read at all"; deciding whether the values are
right is the validate stage's job.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, WARNING, Diagnostic
from . import frontmatter
from ..text import nfc
from .invisible import notice_invisible, topics_invisible
from .paths import UnsafePath, read_inside, unsafe_reason, walk_inside
from .reader import MAX_FILE_BYTES, DecodeProblem, decode

TOPICS_FILE = "topics.yml"
AGENCIES_FILE = "agencies.yml"
THESAURUS_FILE = "thesaurus.yml"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    path: str                                   # relative to the project root, POSIX form
    digest: str                                 # sha256 of the bytes on disk
    data: dict[str, Any] | None = None          # front matter, None when unreadable
    lines: dict[str, int] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicsDocument:
    path: str
    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadResult:
    documents: tuple[SourceDocument, ...]
    topics: TopicsDocument


def _relative(path: Path, root: Path) -> str:
    """The path shown in every output: from the project root, with `/` on every platform, NFC
    (macOS may hand back names in NFD, Windows keeps what was typed)."""
    try:
        return nfc(path.relative_to(root).as_posix())  # the common case, no file-system calls
    except ValueError:
        pass
    try:
        return nfc(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return nfc(path.as_posix())


def load_document(path: Path, root: Path, data: bytes | None = None) -> SourceDocument:
    """Load one notice file. `data` lets callers load content that is not on disk (git, tests)."""
    rel = _relative(path, root)
    if data is None:
        try:
            data = read_inside(path, root, MAX_FILE_BYTES)
        except UnsafePath as exc:
            return SourceDocument(rel, "", diagnostics=(
                Diagnostic(rel, 0, 1, ERROR, exc.code, str(exc)),))
        except OSError as exc:
            return SourceDocument(rel, "", diagnostics=(
                Diagnostic(rel, 0, 1, ERROR, "NA002", f"không đọc được tệp: {exc.strerror}"),))
    digest = hashlib.sha256(data).hexdigest()
    try:
        text, was_nfc = decode(data)
        fm = frontmatter.parse(text)
    except (DecodeProblem, frontmatter.FrontMatterProblem) as problem:
        column = getattr(problem, "column", 1)
        return SourceDocument(rel, digest, diagnostics=(
            Diagnostic(rel, problem.line, column, ERROR, problem.code, str(problem)),))
    diagnostics = notice_invisible(rel, text)
    if not was_nfc:
        diagnostics.append(Diagnostic(
            rel, _first_non_nfc_line(data), 1, WARNING, "NA006",
            "văn bản không ở dạng Unicode dựng sẵn (NFC), thường do dán từ PDF/Word; "
            "chạy 'notice-archive check --fix' để chuẩn hóa"))
    return SourceDocument(rel, digest, fm.data, fm.lines, fm.columns, fm.body, fm.body_line,
                          tuple(diagnostics))


def _first_non_nfc_line(data: bytes) -> int:
    """1-based line of the first text that NFC changes, so the warning points at it."""
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if nfc(line) != line:
            return number
    return 1


def load_topics(notices_dir: Path, root: Path) -> TopicsDocument:
    path = notices_dir / TOPICS_FILE
    rel = _relative(path, root)
    if not os.path.lexists(path):
        return TopicsDocument(rel, {}, diagnostics=(Diagnostic(
            rel, 0, 1, ERROR, "NA301",
            f"thiếu tệp {TOPICS_FILE}: danh mục chủ đề (slug → name, aliases, description)"),))
    return _load_vocabulary(path, rel, root)


def load_agencies(notices_dir: Path, root: Path) -> TopicsDocument:
    """notices/agencies.yml, the agency vocabulary; optional (no file: no agency is known)."""
    path = notices_dir / AGENCIES_FILE
    rel = _relative(path, root)
    if not os.path.lexists(path):
        return TopicsDocument(rel, {})
    return _load_vocabulary(path, rel, root)  # a link out or a FIFO is refused there


def load_thesaurus(notices_dir: Path, root: Path) -> TopicsDocument:
    """notices/thesaurus.yml, the archive's own search words; optional (the shipped thesaurus
    is always there)."""
    path = notices_dir / THESAURUS_FILE
    rel = _relative(path, root)
    if not os.path.lexists(path):
        return TopicsDocument(rel, {})
    return _load_vocabulary(path, rel, root)


def _load_vocabulary(path: Path, rel: str, root: Path) -> TopicsDocument:
    try:
        text, _ = decode(read_inside(path, root, MAX_FILE_BYTES))
        data, lines, _ = frontmatter.parse_yaml(text, offset=1)
    except UnsafePath as problem:  # the same words as the scan's report of it: one message
        return TopicsDocument(rel, {}, diagnostics=(Diagnostic(rel, 0, 1, ERROR, problem.code,
                                                               str(problem)),))
    except (OSError, DecodeProblem, frontmatter.FrontMatterProblem) as problem:
        line = getattr(problem, "line", 0)
        code = getattr(problem, "code", None) or "NA002"
        if isinstance(problem, OSError):
            problem = f"không đọc được tệp: {problem.strerror}"
        return TopicsDocument(rel, {}, diagnostics=(Diagnostic(rel, line, 1, ERROR, code,
                                                               f"{path.name}: {problem}"),))
    return TopicsDocument(rel, data, lines, tuple(topics_invisible(rel, text)))


def scan(notices_dir: Path, root: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(notice files, other files) of the archive folder, in a stable order, in one walk.

    Hidden and underscore-prefixed files and folders are not part of the archive. Entries that
    must never be opened (links leading outside the repository, FIFOs, sockets, devices, folder
    loops) are among the other files, and `stray_files` reports them. Nothing is opened here.
    """
    notices: list[Path] = []
    others: list[Path] = []
    root = root or project_root(notices_dir)
    hidden = lambda name: name.startswith((".", "_"))  # noqa: E731
    for folder, _, filenames, unsafe in walk_inside(notices_dir, root, skip=hidden):
        for name in filenames:
            (notices if name.endswith(".md") else others).append(Path(folder, name))
        others.extend(unsafe)
    return sorted(notices), sorted(others)


def project_root(notices_dir: Path) -> Path:
    """The repository root: the folder of mkdocs.yml above the notices folder."""
    here = Path(os.path.abspath(notices_dir))
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and not (folder / "mkdocs.yml").is_symlink():
            return folder
    return here.parent


def notice_paths(notices_dir: Path, root: Path | None = None) -> list[Path]:
    """Every notice file, in a stable order."""
    return scan(notices_dir, root)[0]


def load_archive(notices_dir: Path, root: Path) -> LoadResult:
    docs = tuple(load_document(p, root) for p in notice_paths(notices_dir, root))
    return LoadResult(docs, load_topics(notices_dir, root))


# Markdown spelt another way: the loader reads only "*.md", so such a notice would silently be
# missing from the archive.
_STRAY_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".md.txt")


def stray_files(other_files: list[Path], root: Path) -> list[Diagnostic]:
    """Files the loader does not read: unsafe entries (outside the repository, not regular
    files), and notices it would silently skip (Markdown files not named *.md)."""
    found = []
    for path in other_files:
        problem = unsafe_reason(path, root)
        if problem is not None:
            found.append(Diagnostic(problem.path, 0, 1, ERROR, problem.code, str(problem)))
            continue
        lower = path.name.lower()
        suffix = next((s for s in _STRAY_SUFFIXES + (".md",) if lower.endswith(s)), None)
        if suffix is None:
            continue
        renamed = path.name[:-len(suffix)] + ".md"
        found.append(Diagnostic(
            _relative(path, root), 0, 1, ERROR, "NA009",
            f'tệp "{path.name}" không được đọc vì không có đuôi ".md" (chữ thường) nên thông báo '
            f'không có trong kho; đổi tên thành "{renamed}"'))
    return found
