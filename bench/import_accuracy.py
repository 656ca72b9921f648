"""Round trip of the importer: print every sample notice through the site's own print layout
(headless Chromium), import the PDF back, and measure each field; then do the same for scans
(the printed PDFs rasterised at 200 dpi into image-only PDFs, read back by Tesseract).

    .venv/bin/python bench/import_accuracy.py                 # text PDFs and scans
    .venv/bin/python bench/import_accuracy.py --no-scans      # text PDFs only (quick)
    .venv/bin/python bench/import_accuracy.py --keep out/     # keep the PDFs for a look
    .venv/bin/python bench/import_accuracy.py --notices bench/more-notices   # other issuers
    nice -n 10 .venv/bin/python bench/import_accuracy.py --realistic   # Word originals, scanned
    nice -n 10 .venv/bin/python bench/import_accuracy.py --realistic --deskew profile   # or lines, both, none
    nice -n 10 .venv/bin/python bench/import_accuracy.py --realistic --only 13,14   # a subset

--realistic: fourteen Word originals of fourteen issuers (bench/scans.py; python-docx → PDF)
imported as text PDFs, as image-only PDFs (300 dpi), as one JPEG per page (200 dpi), and as
one scanner batch holding every document (the JPEG folder, and the image PDFs as one stream);
every page turned 0.3–1.5°, specked, blurred, JPEG quality 70. Per variant: key fields right,
flagged (in review: or missing), silent errors (wrong and not flagged), documents split right,
body similarity and seconds per page.

Prints per-notice mismatches, then a Markdown table: per field, the share of notices that came
back exact (title also as character accuracy, body as similarity), and the median time per page.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer")
FIELDS = ("number", "date", "issuer", "signer", "title")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def build_site(work: Path, notices: Path | None = None) -> Path:
    """A copy of the sample project (or of `notices`) built with the internal profile."""
    project = work / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(notices or ROOT / "notices", project / "notices")
    subprocess.run([sys.executable, "-m", "generator", "build", "--profile", "internal"],
                   cwd=project, check=True, capture_output=True)
    return project


def published_notices(project: Path):
    from generator.load import load_archive
    from generator.validate import validate
    archive = validate(load_archive(project / "notices", project)).archive
    return [n for n in archive.notices if n.classification != "secret"]


def print_pdf(page: Path, pdf: Path, profile_dir: Path) -> None:
    """The notice page printed by headless Chromium, as a person's "Save as PDF" would."""
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}",
                    f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def scan_pdf(pdf: Path, scanned: Path, dpi: int = 200) -> None:
    """Rasterise a PDF at `dpi` (pdftoppm, grey) into an image-only PDF: a scan of the print."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf),
                        f"{tmp}/p"], check=True, timeout=300)
        images = [Image.open(p) for p in sorted(Path(tmp).glob("p*.png"))]
        images[0].save(scanned, save_all=True, append_images=images[1:], resolution=dpi)


def page_url(project: Path, notice) -> Path:
    return project / "site" / notice.key / "index.html"


def body_text(markdown: str) -> str:
    """Markdown body → comparable plain text (markers, emphasis and spacing dropped)."""
    text = re.sub(r"^#+\s*", "", markdown, flags=re.MULTILINE)
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.MULTILINE)
    text = text.replace("\\", "").replace("*", "")
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def char_accuracy(expected: str, got: str) -> float:
    """1 − edit distance / length of the expected text."""
    if not expected:
        return 1.0 if not got else 0.0
    prev = list(range(len(got) + 1))
    for i, ca in enumerate(expected, 1):
        cur = [i]
        for j, cb in enumerate(got, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return max(0.0, 1 - prev[-1] / len(expected))


def signer_of(notice) -> dict | None:
    if not notice.signer:
        return None
    s = {"name": notice.signer.name}
    if notice.signer.title:
        s["title"] = notice.signer.title
    if notice.signer.authority:
        s["authority"] = notice.signer.authority
    return s


def compare(notice, imported) -> dict:
    data = imported.data
    expected = {"number": notice.number, "date": notice.date, "issuer": notice.issuer,
                "signer": signer_of(notice), "title": notice.title}
    result = {}
    for name in FIELDS:
        if expected[name] is None:
            continue  # a draft without a number or date: nothing to find
        result[name] = (data.get(name) == expected[name], expected[name], data.get(name))
    result["title_chars"] = char_accuracy(notice.title, data.get("title", ""))
    result["body"] = similarity(body_text(notice.body), body_text(imported.body))
    return result


def import_file(path: Path, topics):
    from generator.ingest.sources import read_source
    from generator.ingest.writer import build
    return build(read_source(path), topics, "internal")


def pages_of(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    return int(m.group(1)) if m else 1


def run(scans: bool, keep: Path | None, limit: int | None, notices_dir: Path | None = None) -> int:
    from generator.load.loader import load_topics
    from generator.validate.topics import build_topics
    if not chromium():
        print("cần chromium để in thông báo ra PDF", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="na-import-bench-") as tmp:
        work = Path(tmp)
        out = keep or work / "pdf"
        out.mkdir(parents=True, exist_ok=True)
        project = build_site(work, notices_dir)
        topics = build_topics(load_topics(project / "notices", project))[0]
        notices = published_notices(project)[:limit]
        kinds = ["PDF có lớp chữ"] + (["PDF quét 200 dpi (OCR)"] if scans else [])
        results: dict[str, list[dict]] = {k: [] for k in kinds}
        times: dict[str, list[float]] = {k: [] for k in kinds}
        for notice in notices:
            name = notice.key.replace("/", "-")
            pdf = out / f"{name}.pdf"
            print_pdf(page_url(project, notice), pdf, work / "chromium")
            files = {kinds[0]: pdf}
            if scans:
                scanned = out / f"{name}-scan.pdf"
                scan_pdf(pdf, scanned)
                files[kinds[1]] = scanned
            pages = pages_of(pdf)
            for kind, path in files.items():
                start = time.perf_counter()
                imported = import_file(path, topics)
                times[kind].append((time.perf_counter() - start) / pages)
                r = compare(notice, imported)
                results[kind].append(r)
                wrong = [f"{k}: {v[1]!r} → {v[2]!r}" for k, v in r.items()
                         if isinstance(v, tuple) and not v[0]]
                flag = "" if not wrong and r["body"] >= 0.98 else "  ✗"
                print(f"[{kind}] {notice.key}: body {r['body']:.3f}, title "
                      f"{r['title_chars']:.3f}{flag}")
                for w in wrong:
                    print(f"    {w}")
        print()
        header = "| | " + " | ".join(kinds) + " |"
        print(header)
        print("|---|" + "---:|" * len(kinds))
        for name in FIELDS:
            cells = []
            for kind in kinds:
                got = [r[name][0] for r in results[kind] if name in r]
                cells.append(f"{sum(got)}/{len(got)} ({100 * sum(got) / max(1, len(got)):.0f}%)")
            print(f"| {name} exact | " + " | ".join(cells) + " |")
        for key, label in (("title_chars", "title character accuracy, mean"),
                           ("body", "body similarity, mean (min)")):
            cells = []
            for kind in kinds:
                values = [r[key] for r in results[kind]]
                cells.append(f"{statistics.mean(values):.3f} ({min(values):.3f})")
            print(f"| {label} | " + " | ".join(cells) + " |")
        print("| time per page, median | " + " | ".join(
            f"{statistics.median(times[k]):.2f} s" for k in kinds) + " |")
    return 0


KEY_FIELDS = ("number", "date", "issuer", "type", "title", "signer", "recipients")


def score(expected: dict, imported) -> dict:
    """Per key field: right (exact, not flagged), flagged, or silent (wrong, not flagged)."""
    flagged = {name.split(".")[0] for name in imported.uncertain} | set(imported.missing)
    out = {}
    for name in KEY_FIELDS:
        got = imported.data.get(name)
        if name in flagged:
            out[name] = "flagged"
        else:
            out[name] = "right" if got == expected[name] else "silent"
    return out


def run_realistic(keep: Path | None, only: list[int] | None = None) -> int:
    import random

    import scans
    from generator.commands.import_cmd import _documents
    from generator.ingest.sources import read_page_file
    from generator.ingest.split import PageRef
    from generator.ingest.writer import build
    for tool in ("soffice", "pdftoppm", "tesseract"):
        if not shutil.which(tool):
            print(f"cần {tool}", file=sys.stderr)
            return 2
    docs = scans.DOCUMENTS
    # Every original is printed and degraded in the same order with the same random draws
    # whatever --only says, so a subset's pages are exactly those of the whole run.
    chosen = [i - 1 for i in only] if only else list(range(len(docs)))
    rng = random.Random(25)
    with tempfile.TemporaryDirectory(prefix="na-import-real-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        words = [work / f"van-ban-{i + 1}.docx" for i in range(len(docs))]
        for doc, path in zip(docs, words):
            scans.write_docx(doc, path)
        scans.to_pdf(words, work)
        pdfs = [p.with_suffix(".pdf") for p in words]
        image_pdfs, jpeg_files = [], []
        seed = scanned = 0
        for i, pdf in enumerate(pdfs):
            pages300 = []
            for page in scans.rasterise(pdf, 300):
                seed += 1
                angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.5)
                pages300.append(scans.degrade(page, 300, angle, seed).convert("L"))
            target = work / f"quet-{i + 1}.pdf"
            pages300[0].save(target, save_all=True, append_images=pages300[1:], resolution=300)
            image_pdfs.append(target)
            files = []
            for k, page in enumerate(scans.rasterise(pdf, 200), 1):
                seed += 1
                angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.5)
                scanned += 1     # numbered across the batch (was per document: page 2 of
                jpeg = work / "lo-quet" / f"scan_{scanned}.jpg"   # one was overwritten)
                jpeg.parent.mkdir(exist_ok=True)
                scans.degrade(page, 200, angle, seed, jpeg=None).save(jpeg, quality=70,
                                                                       dpi=(200, 200))
                files.append(jpeg)
            jpeg_files.append(files)

        def read(paths: list[Path]) -> tuple[list[PageRef], dict, float]:
            refs, notes, start = [], {}, time.perf_counter()
            for path in paths:
                pages, notes[path] = read_page_file(path)
                refs += [PageRef(path, i, p, len(pages)) for i, p in enumerate(pages)]
            return refs, notes, time.perf_counter() - start

        def documents(refs, notes):
            start = time.perf_counter()
            built = [build(source, {}, "internal") for _, _, source in
                     _documents(refs, notes, work) if not isinstance(source, str)]
            return built, time.perf_counter() - start

        rows = {}
        text_refs = [read([pdfs[i]]) for i in chosen]
        scan_refs = [read([image_pdfs[i]]) for i in chosen]
        jpeg_refs = [read(jpeg_files[i]) for i in chosen]
        variants = {
            "PDF có lớp chữ (Word → LibreOffice)": [(r, [i]) for i, r in zip(chosen, text_refs)],
            "PDF ảnh 300 dpi, nghiêng, JPEG q70": [(r, [i]) for i, r in zip(chosen, scan_refs)],
            "JPEG từng trang 200 dpi, nghiêng": [(r, [i]) for i, r in zip(chosen, jpeg_refs)],
            "Lô quét: mọi trang JPEG trong một thư mục": [(_joined(jpeg_refs), chosen)],
            "Lô quét: mọi trang PDF ảnh thành một luồng": [(_joined(scan_refs), chosen)],
        }
        for name, runs in variants.items():
            counts = {"right": 0, "flagged": 0, "silent": 0}
            bodies, seconds, pages, split_ok = [], 0.0, 0, 0
            for (refs, notes, read_time), expected_docs in runs:
                built, build_time = documents(refs, notes)
                seconds += read_time + build_time
                pages += len(refs)
                split_ok += len(built) == len(expected_docs)
                for index, imported in zip(expected_docs, built):
                    doc = docs[index]
                    expected = scans.expected_fields(doc)
                    result = score(expected, imported)
                    for field, verdict in result.items():
                        counts[verdict] += 1
                        if verdict != "right":
                            # The value, what was expected, the reasons, and the OCR text read.
                            reasons = {k: v for k, v in imported.uncertain.items()
                                       if k.split(".")[0] == field}
                            print(f"[{name}] {doc['number']} {field}: {verdict} "
                                  f"{imported.data.get(field)!r}\n      expected "
                                  f"{expected[field]!r}\n      {reasons}\n      read: "
                                  f"{imported.fields.get(field, {}).get('evidence')!r}")
                    expected_body = " ".join([doc.get("heading", "")] + doc["paragraphs"]).strip()
                    bodies.append(similarity(expected_body, body_text(imported.body)))
                    if bodies[-1] < 0.98:
                        print(f"[{name}] {doc['number']} body: {bodies[-1]:.3f}")
            total = sum(counts.values())
            rows[name] = (counts, total, split_ok, len(runs), bodies, seconds / max(1, pages))
        print()
        print("| variant | fields right | flagged | silent errors | split right | body "
              "similarity, mean (min) | s/page |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, (counts, total, split_ok, runs, bodies, per_page) in rows.items():
            print(f"| {name} | {counts['right']}/{total} ({100 * counts['right'] / total:.0f}%) "
                  f"| {counts['flagged']} | {counts['silent']} | {split_ok}/{runs} | "
                  f"{statistics.mean(bodies):.3f} ({min(bodies):.3f}) | {per_page:.1f} |")
    return 0


def _joined(reads):
    refs, notes = [], {}
    for r, n, _ in reads:
        refs += r
        notes.update(n)
    return refs, notes, sum(t for _, _, t in reads)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-scans", action="store_true", help="text PDFs only")
    parser.add_argument("--keep", type=Path, help="keep the printed and scanned PDFs here")
    parser.add_argument("--limit", type=int, help="only the first N notices")
    parser.add_argument("--notices", type=Path, help="another notices folder (default: the "
                        "sample archive; bench/more-notices/ has other issuers)")
    parser.add_argument("--realistic", action="store_true", help="fourteen Word originals of "
                        "fourteen issuers as text PDFs, skewed scans and a scanner batch "
                        "(bench/scans.py)")
    parser.add_argument("--no-deskew", action="store_true", help="do not level skewed OCR "
                        "pages (to measure what levelling brings); same as --deskew none")
    parser.add_argument("--deskew", choices=("lines", "profile", "both", "none"),
                        help="how skewed OCR pages are levelled (generator/ingest/ocr.py DESKEW)")
    parser.add_argument("--no-denoise", action="store_true", help="no median filter before "
                        "OCR (to measure what it brings)")
    parser.add_argument("--only", help="--realistic: only these originals of bench/scans.py, "
                        "1-based, e.g. 13,14 (the round-4 blind pair); their pages are the "
                        "same as in the whole run")
    args = parser.parse_args()
    from generator.ingest import ocr
    if args.no_denoise:
        ocr.DENOISE = False
    if args.no_deskew:
        args.deskew = "none"
    if args.deskew:
        ocr.DESKEW = args.deskew     # the readers are forked: the children see it
    print(f"deskew: {ocr.DESKEW}, denoise: {ocr.DENOISE}")
    if args.realistic:
        only = [int(k) for k in args.only.split(",")] if args.only else None
        return run_realistic(args.keep, only)
    return run(not args.no_scans, args.keep, args.limit, args.notices)


if __name__ == "__main__":
    sys.exit(main())
