"""`notice-archive import FILE|FOLDER ...`: turn originals (.docx, .doc, .txt, .pdf, ảnh quét) into notices.

Each original becomes notices/<year>/<slug>.md; what could not be found is left empty and the
notice is a draft. The report lists, per file, each field with the text it came from and each
field that needs a person; every written notice is then run through the real check (load +
validate over the whole archive) and its problems are added to the report.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..diagnostics import ERROR
from ..load import load_topics
from ..model import CLASSIFICATIONS
from ..pipeline import validate_archive
from ..load import inside
from ..project import Project
from ..validate import build_topics
from ..text import canonical, nfc
from . import add_cache_option, add_config_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="nhập văn bản gốc (.docx, .doc, .txt, .pdf, ảnh quét) thành thông báo",
        description="Nhập văn bản gốc (.docx, .doc, .txt, .pdf, ảnh quét) thành thông báo notices/<năm>/<tên>.md. "
                    "Trường không tìm thấy để trống và thông báo là dự thảo.")
    p.add_argument("paths", nargs="+", metavar="TỆP|THƯ_MỤC")
    p.add_argument("--force", action="store_true",
                   help="ghi đè thông báo đã có (mặc định: bỏ qua và báo)")
    p.add_argument("--json", action="store_true", help="in báo cáo dạng JSON")
    p.add_argument("--classification", choices=CLASSIFICATIONS, default="internal",
                   help="độ mật gán cho thông báo nhập (mặc định: internal; văn bản có dấu "
                        "MẬT/TỐI MẬT/TUYỆT MẬT luôn là secret)")
    p.add_argument("--keep-original", action="store_true",
                   help="chép tệp gốc vào originals/<năm>/ và ghi trường original: (trang thông "
                        "báo có liên kết «Bản gốc»)")
    add_config_option(p)
    add_cache_option(p)


def _originals(paths: list[str]) -> list[Path]:
    """The files to read, in natural name order (scan_2.jpg before scan_10.jpg) whether a
    folder was named or the shell expanded scan_*.jpg in its own order."""
    from ..ingest.sources import SUPPORTED
    from ..ingest.split import natural_key
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file()
                         and p.suffix.lower() in SUPPORTED and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)  # a missing or unsupported file is reported, not skipped silently
    return sorted(dict.fromkeys(found), key=natural_key)


def run(args: argparse.Namespace) -> int:
    from ..ingest.lines import SourceProblem
    from ..ingest.writer import build, render, target_path

    project = Project.find(args.config, args.cache_dir)  # a ProjectError is reported by cli.main
    topics, _ = build_topics(load_topics(project.notices_dir, project.root))
    existing: dict[tuple, str] = {}
    archive = validate_archive(project.notices_dir, project.root, project.cache_dir).archive
    known_codes = _issuer_codes(n.number for n in archive.notices if n.number)
    for notice in archive.notices:
        if notice.number and notice.date:
            existing[(notice.date.year, notice.number.casefold())] = notice.source
        else:  # a draft has no number yet: its title names it
            existing[("draft", canonical(notice.title))] = notice.source
    originals = _originals(args.paths)
    if not originals:
        print("notice-archive: không tìm thấy văn bản gốc (.docx, .doc, .txt, .pdf, ảnh quét) nào để nhập",
              file=sys.stderr)
        return 1
    entries = []
    previous: dict[str, bytes | None] = {}   # what each written file held before (None: new)
    failed = 0
    for path, entry, source in _read_all(originals, project.root):
        entries.append(entry)
        if isinstance(source, str):
            entry.update(result="error", error=source)
            failed += 1
            continue
        try:
            imported = build(source, topics, args.classification, known_codes)
        except SourceProblem as exc:
            entry.update(result="error", error=str(exc))
            failed += 1
            continue
        except Exception as exc:  # a damaged file must never abort the batch
            entry.update(result="error", error=f"lỗi khi đọc ({type(exc).__name__}: {exc})")
            failed += 1
            continue
        target = target_path(imported, project.notices_dir)
        data = imported.data
        same = None
        if data.get("number") and data.get("date"):
            same = existing.get((data["date"].year, data["number"].casefold()))
        elif data.get("title"):
            same = existing.get(("draft", canonical(data["title"])))
        for earlier in entries[:-1]:   # two documents of one batch never share a file
            if earlier.get("target") == _rel(target, project.root):
                target = target.with_name(f"{target.stem}-{len(entries)}{target.suffix}")
        if same and (project.root / same).resolve() != target.resolve():
            target = project.root / same  # the same notice already in the archive
        entry.update(target=_rel(target, project.root), status=imported.status,
                     fields=imported.fields, missing=imported.missing, notes=imported.notes,
                     uncertain=list(imported.uncertain), reasons=imported.uncertain)
        if target.exists() and not args.force:
            entry.update(result="exists", error="thông báo đã có, không ghi đè (dùng --force "
                         "để ghi đè)")
            failed += 1
            continue
        if not inside(project.root, target.parent) or target.is_symlink():
            # A year folder or notice linked out of the repository: never write through it.
            entry.update(result="error", error="thư mục đích trỏ ra ngoài kho lưu trữ (liên kết "
                         "tượng trưng); không ghi")
            failed += 1
            continue
        if args.keep_original:
            kept = _keep_original(path, imported, project.root)
            imported.data["original"] = kept
            entry["original"] = kept
        target.parent.mkdir(parents=True, exist_ok=True)
        previous[entry["source"]] = target.read_bytes() if target.exists() else None
        target.write_text(render(imported), encoding="utf-8")
        entry["result"] = "imported"
    _check(entries, project)
    failed += _withdraw_broken(entries, previous, project.root)
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2, default=str))
    else:
        for entry in entries:
            print(_format(entry))
    imported_count = sum(1 for e in entries if e["result"] == "imported")
    to_review = sum(1 for e in entries if e["result"] == "imported" and e.get("uncertain"))
    print(f"đã nhập {imported_count}/{len(entries)} tệp; {failed} tệp không nhập được; "
          f"{to_review} văn bản cần đối chiếu", file=sys.stderr)
    # 0 only when every written notice passes check (warnings such as NA416 are allowed).
    return 1 if failed else 0


def _withdraw_broken(entries: list[dict], previous: dict, root: Path) -> int:
    """A written notice that fails check (no title, no type…) would stop `build`: take it back
    (restore what --force overwrote) and report it, so a batch never breaks the archive."""
    withdrawn = 0
    for entry in entries:
        if entry.get("result") != "imported" or not entry.get("check_errors"):
            continue
        target = root / entry["target"]
        before = previous.get(entry["source"])
        if before is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(before)
        entry.update(result="withdrawn", error="không ghi: thông báo nhập được không qua check "
                     "(xem các dòng check); bổ sung bằng tay từ bản gốc")
        withdrawn += 1
    return withdrawn


def _issuer_codes(numbers) -> set[str]:
    """The codes after the slash of the archive's numbers ("TB", "VPUBND"): codes in use."""
    codes: set[str] = set()
    for number in numbers:
        symbol = number.rsplit("/", 1)[-1]
        codes.update(part for part in symbol.split("-") if part)
    return codes


def _read_all(originals: list[Path], root: Path):
    """(first file, report entry, Source or an error message) per document, in order.

    Word and text files are one document each. The pages of PDFs and scans are split where a
    page opens with a Decree 30 header; image files in one folder are one stream of pages (a
    scanner's scan_1.jpg, scan_2.jpg…), so a continuation page joins the document before it.
    A page that no document precedes is reported by name and nothing is written for it."""
    from ..ingest.lines import SourceProblem
    from ..ingest.sources import IMAGE_SUFFIXES, PDF_SUFFIXES, read_page_file, read_source
    from ..ingest.split import PageRef

    stream: list[PageRef] = []
    notes: dict[Path, list[str]] = {}
    out: list = []

    def flush():
        out.extend(_documents(stream, notes, root))
        stream.clear()

    for path in _progress(originals):
        suffix = path.suffix.lower()
        if suffix not in PDF_SUFFIXES + IMAGE_SUFFIXES:
            flush()
            try:
                out.append((path, {"source": _rel(path, root)},
                            read_source(path, on_progress=_page_progress(path))))
            except SourceProblem as exc:
                out.append((path, {"source": _rel(path, root)}, str(exc)))
            except Exception as exc:  # a damaged file must never abort the batch
                out.append((path, {"source": _rel(path, root)},
                            f"lỗi khi đọc ({type(exc).__name__}: {exc})"))
            continue
        if suffix in PDF_SUFFIXES or not stream or stream[-1].path.suffix.lower() in \
                PDF_SUFFIXES or stream[-1].path.parent != path.parent:
            flush()
        try:
            pages, file_notes = read_page_file(path, on_progress=_page_progress(path))
        except SourceProblem as exc:
            flush()
            out.append((path, {"source": _rel(path, root)}, str(exc)))
            continue
        except Exception as exc:
            flush()
            out.append((path, {"source": _rel(path, root)},
                        f"lỗi khi đọc ({type(exc).__name__}: {exc})"))
            continue
        notes[path] = file_notes
        stream.extend(PageRef(path, i, page, len(pages)) for i, page in enumerate(pages))
        if suffix in PDF_SUFFIXES:
            flush()
    flush()
    return out


def _documents(stream, notes: dict, root: Path) -> list:
    from ..ingest.lines import SourceProblem
    from ..ingest.sources import PDF_SUFFIXES, source_from_pages
    from ..ingest.split import split_pages
    if not stream:
        return []
    documents, orphans = split_pages(stream)
    out = []
    for ref in orphans:
        out.append((ref.path, {"source": _rel(ref.path, root), "page": ref.name},
                    f"trang {ref.name} không mở đầu bằng phần đầu văn bản (cơ quan, Quốc hiệu, "
                    "Số:) và không có văn bản nào trước nó để nối vào: không nhập; kiểm tra thứ "
                    "tự trang hoặc quét lại trang đầu"))
    several = len(documents) > 1 or len({r.path for r in stream}) > 1
    for document in documents:
        first = document.pages[0]
        files = list(dict.fromkeys(r.path for r in document.pages))
        entry = {"source": _rel(first.path, root)}
        if several:
            entry["pages"] = [r.name for r in document.pages]
        kind = "PDF" if first.path.suffix.lower() in PDF_SUFFIXES else "ảnh quét"
        file_notes = [n for f in files for n in notes.get(f, [])]
        try:
            source = source_from_pages(first.path, [r.page for r in document.pages],
                                       file_notes, kind)
        except SourceProblem as exc:
            source = str(exc)
        out.append((first.path, entry, source))
    return out


def _progress(items):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return items
    # disable=None: a bar on a terminal, nothing when output is piped or captured.
    return tqdm(items, desc="Nhập", unit="tệp", disable=None if len(items) > 1 else True,
                file=sys.stderr)


def _page_progress(path: Path):
    """A per-page bar for a PDF or scan, on a terminal only."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm
    bar = {}

    def update(done: int, total: int) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, desc=f"  {path.name}", unit="trang", leave=False,
                              position=1, file=sys.stderr)
        bar["bar"].update(done + 1 - bar["bar"].n)
        if done + 1 >= total:
            bar["bar"].close()
    return update


def _keep_original(path: Path, imported, root: Path) -> str:
    """Copy the original to originals/<year>/<notice slug><ext>; returns the repository path."""
    import datetime as dt
    import shutil

    from ..ingest.writer import file_slug
    year = imported.year or dt.date.today().year
    target = root / "originals" / str(year) / (file_slug(imported)[:80] + path.suffix.lower())
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target.relative_to(root).as_posix()


def _rel(path: Path, root: Path) -> str:
    try:
        return nfc(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return nfc(path.as_posix())


def _check(entries: list[dict], project: Project) -> None:
    """Run the real check over the whole archive and attach each written notice's problems."""
    written = {e["target"]: e for e in entries if e.get("result") == "imported"}
    if not written:
        return
    result = validate_archive(project.notices_dir, project.root, project.cache_dir)
    for entry in written.values():
        entry["check"] = []
        entry["check_errors"] = 0
    for d in result.diagnostics:
        if d.path in written:
            written[d.path]["check"].append(d.format())
            written[d.path]["check_errors"] += d.severity == ERROR


def _format(entry: dict) -> str:
    from ..model import FIELD_LABELS
    lines = [f"{entry.get('page') or entry['source']}"]
    if entry["result"] == "error":
        what = "trang" if entry.get("page") else "tệp"
        lines.append(f"  LỖI: {entry['error']}; bỏ qua {what} này")
        return "\n".join(lines)
    status = "dự thảo" if entry["status"] == "draft" else "đã ban hành"
    verb = {"imported": "→", "exists": "✗ (đã có)", "withdrawn": "✗ (không ghi)"}[entry["result"]]
    lines[0] += f" {verb} {entry['target']} [{status}]"
    if entry["result"] in ("exists", "withdrawn"):
        lines.append(f"  {entry['error']}")
    for name, found in entry["fields"].items():
        value = found["value"]
        if isinstance(value, dict):
            value = "; ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = " | ".join(map(str, value))
        where = f"dòng {found['line']}: " if found.get("line") else ""
        lines.append(f"  {name} ({FIELD_LABELS.get(name, name)}) = {value}")
        lines.append(f"      ← {where}«{found['evidence'][:160]}»")
    for name in entry.get("uncertain", []):
        lines.append(f"  CẦN ĐỐI CHIẾU {name} ({FIELD_LABELS.get(name, name)}): "
                     + "; ".join(entry["reasons"][name]))
    if entry["missing"]:
        lines.append("  CẦN NGƯỜI BỔ SUNG: " + ", ".join(
            f"{m} ({FIELD_LABELS.get(m, m)})" for m in entry["missing"]))
    if entry.get("original"):
        lines.append(f"  original (bản gốc) = {entry['original']}")
    if len(entry.get("pages", [])) > 1:
        lines.append("  gồm các trang: " + ", ".join(entry["pages"]))
    for note in entry["notes"]:
        lines.append(f"  ghi chú: {note}")
    for problem in entry.get("check", []):
        lines.append(f"  check: {problem}")
    if entry["result"] == "imported" and not entry.get("check_errors"):
        warned = " (chỉ có cảnh báo)" if entry.get("check") else ""
        lines.append(f"  check: đạt{warned}")
    return "\n".join(lines)
