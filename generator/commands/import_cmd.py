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
from ..load.loader import load_topics
from ..model import CLASSIFICATIONS
from ..pipeline import validate_archive
from ..load.paths import inside
from ..project import Project
from ..validate.topics import build_topics
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
    from ..ingest.sources import SUPPORTED
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in SUPPORTED
                                and not p.name.startswith(("~$", "."))))
        else:
            found.append(path)  # a missing or unsupported file is reported, not skipped silently
    return found


def run(args: argparse.Namespace) -> int:
    from ..ingest.lines import SourceProblem
    from ..ingest.sources import read_source
    from ..ingest.writer import build, render, target_path

    project = Project.find(args.config, args.cache_dir)  # a ProjectError is reported by cli.main
    topics, _ = build_topics(load_topics(project.notices_dir, project.root))
    existing: dict[tuple, str] = {}
    archive = validate_archive(project.notices_dir, project.root, project.cache_dir).archive
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
    failed = 0
    progress = _progress(originals)
    for path in progress:
        entry = {"source": _rel(path, project.root)}
        entries.append(entry)
        try:
            imported = build(read_source(path, on_progress=_page_progress(path)), topics,
                             args.classification)
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
        if same and (project.root / same).resolve() != target.resolve():
            target = project.root / same  # the same notice already in the archive
        entry.update(target=_rel(target, project.root), status=imported.status,
                     fields=imported.fields, missing=imported.missing, notes=imported.notes)
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
        target.write_text(render(imported), encoding="utf-8")
        entry["result"] = "imported"
    _check(entries, project)
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2, default=str))
    else:
        for entry in entries:
            print(_format(entry))
    imported_count = sum(1 for e in entries if e["result"] == "imported")
    print(f"đã nhập {imported_count}/{len(entries)} tệp; {failed} tệp không nhập được",
          file=sys.stderr)
    return 1 if failed else 0


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
    lines = [f"{entry['source']}"]
    if entry["result"] == "error":
        lines.append(f"  LỖI: {entry['error']}; bỏ qua tệp này")
        return "\n".join(lines)
    status = "dự thảo" if entry["status"] == "draft" else "đã ban hành"
    verb = "→" if entry["result"] == "imported" else "✗ (đã có)"
    lines[0] += f" {verb} {entry['target']} [{status}]"
    if entry["result"] == "exists":
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
    if entry["missing"]:
        lines.append("  CẦN NGƯỜI BỔ SUNG: " + ", ".join(
            f"{m} ({FIELD_LABELS.get(m, m)})" for m in entry["missing"]))
    if entry.get("original"):
        lines.append(f"  original (bản gốc) = {entry['original']}")
    for note in entry["notes"]:
        lines.append(f"  ghi chú: {note}")
    for problem in entry.get("check", []):
        lines.append(f"  check: {problem}")
    if entry["result"] == "imported" and not entry.get("check_errors"):
        warned = " (chỉ có cảnh báo)" if entry.get("check") else ""
        lines.append(f"  check: đạt{warned}")
    return "\n".join(lines)
