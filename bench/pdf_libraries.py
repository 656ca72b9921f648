"""The PDF text libraries measured on our documents: the sample notices printed through the
site's print layout (make them with `bench/import_accuracy.py --no-scans --keep DIR`).

    .venv/bin/python bench/pdf_libraries.py DIR

For each library: median time per page, and how much of each notice's header and closing comes
out in reading order — the share of the five header/closing lines (number, place-date, motto,
Nơi nhận, signer's name) found whole on one line of the library's plain-text output. Positions
(what the importer needs to rebuild two columns) are available from pdfplumber/pdfminer (words
with boxes and font names), pypdfium2 (character boxes, no font weight in its high-level API),
and pypdf only through a visitor callback.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def with_pdfplumber(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def with_pdfminer(path):
    from pdfminer.high_level import extract_text
    return extract_text(str(path)).split("\f")


def with_pypdfium2(path):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def with_pypdf(path):
    from pypdf import PdfReader
    return [p.extract_text() or "" for p in PdfReader(path).pages]


LIBRARIES = {"pdfplumber 0.11 (MIT)": with_pdfplumber, "pdfminer.six (MIT)": with_pdfminer,
             "pypdfium2 (Apache-2.0/BSD)": with_pypdfium2, "pypdf (BSD)": with_pypdf}


def expected_lines(notice) -> list[str]:
    lines = [f"Số: {notice.number}"] if notice.number else []
    lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:"]
    if notice.signer:
        lines.append(notice.signer.name)
    if notice.date and notice.place:
        lines.append(f"{notice.place}, ngày")
    return lines


def main() -> int:
    folder = Path(sys.argv[1])
    from generator.load import load_archive
    from generator.validate import validate
    archive = validate(load_archive(ROOT / "notices", ROOT)).archive
    by_name = {n.key.replace("/", "-"): n for n in archive.notices}
    pdfs = [p for p in sorted(folder.glob("*.pdf")) if p.stem in by_name]
    print("| library | median s/page | header/closing lines whole, in order |")
    print("|---|---:|---:|")
    for label, read in LIBRARIES.items():
        times, found, total = [], 0, 0
        for pdf in pdfs:
            start = time.perf_counter()
            pages = read(pdf)
            times.append((time.perf_counter() - start) / max(1, len(pages)))
            text = "\n".join(pages)
            lines = [" ".join(l.split()) for l in text.splitlines()]
            for want in expected_lines(by_name[pdf.stem]):
                total += 1
                found += any(l.startswith(want) or re.match(rf"^{re.escape(want)}\b", l)
                             for l in lines)
        print(f"| {label} | {statistics.median(times):.3f} | {found}/{total} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
