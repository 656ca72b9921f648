"""PDF and image originals → positioned words per page (text layer, or OCR where there is none).

The text layer is read with pdfplumber (MIT, on pdfminer.six): it gives every word's box and
font name, so the header and closing columns can be rebuilt from positions and bold/italic kept.
Pages without a text layer are rendered with pypdfium2 (pdfplumber's own renderer, Apache/BSD)
and OCRed by Tesseract. Only text is read: JavaScript, attachments and forms are never run or
extracted, only named in the report.
"""

from __future__ import annotations

from pathlib import Path

from .layout import Page, Word
from .lines import SourceProblem

MAX_PAGES = 300                 # a notice is a few pages; thousands of pages is not an original
MAX_PIXELS = 80_000_000         # an A4 page at 600 dpi is 35 Mpx; 20,000 × 20,000 is 400 Mpx
MIN_TEXT_CHARS = 25             # fewer characters on a page than this: it is a scan, OCR it


def _font_style(fontname: str) -> tuple[bool, bool]:
    name = fontname.split("+", 1)[-1].lower()
    return (any(k in name for k in ("bold", "black", "heavy", "semibold", ",bd", "-bd")),
            any(k in name for k in ("italic", "oblique", ",it", "-it")))


def _inner(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors (a MemoryError too) in a PdfminerException."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc


def _active_content(document) -> list[str]:
    """What the PDF carries besides text (JavaScript, attachments, actions), for the report."""
    from pdfminer.pdftypes import resolve1
    found = []
    try:
        catalog = document.catalog
        names = resolve1(catalog.get("Names")) or {}
        if "JavaScript" in names or "AA" in catalog or _runs_script(catalog.get("OpenAction")):
            found.append("JavaScript/hành động tự chạy")
        if "EmbeddedFiles" in names:
            found.append("tệp đính kèm")
        if "AcroForm" in catalog:
            found.append("biểu mẫu")
    except Exception:  # a damaged catalog: nothing to report beyond what reading finds
        pass
    return found


def _runs_script(action) -> bool:
    """An /OpenAction that runs something. LibreOffice writes one in every PDF it exports, a
    destination ([page /XYZ …]: open at page 1), which runs nothing."""
    from pdfminer.pdftypes import resolve1
    action = resolve1(action)
    if not isinstance(action, dict):
        return False            # absent, or a destination array
    kind = resolve1(action.get("S"))
    return getattr(kind, "name", kind) not in ("GoTo", None)


def read_pdf_pages(path: Path, progress=None) -> tuple[list[Page], list[str]]:
    """The pages of a PDF as positioned words; notes for the report."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    notes: list[str] = []
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceProblem("tệp PDF có mật khẩu: mở bằng mật khẩu, in lại thành PDF không "
                            "mật khẩu rồi nhập") from None
    except PDFSyntaxError as exc:
        raise SourceProblem(f"tệp PDF bị hỏng, không đọc được ({exc})") from None
    except Exception as exc:
        inner = _inner(exc)
        if isinstance(inner, MemoryError):
            raise MemoryError from None
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in \
                str(inner).lower() or "encrypt" in type(inner).__name__.lower():
            raise SourceProblem("tệp PDF có mật khẩu: mở bằng mật khẩu, in lại thành PDF "
                                "không mật khẩu rồi nhập") from None
        raise SourceProblem(f"tệp PDF bị hỏng, không đọc được ({type(exc).__name__})") from None
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise SourceProblem(f"tệp PDF bị hỏng: không đọc được danh sách trang "
                                f"({type(exc).__name__})") from None
        if count == 0:
            raise SourceProblem("tệp PDF không có trang nào")
        if count > MAX_PAGES:
            raise SourceProblem(f"tệp PDF có {count} trang, vượt giới hạn {MAX_PAGES} trang của "
                                "một văn bản: tách riêng văn bản cần nhập")
        extra = _active_content(pdf.doc)
        if extra:
            notes.append("tệp PDF có " + ", ".join(extra) + ": không chạy, không lấy ra, chỉ "
                         "đọc chữ")
        pages: list[Page] = []
        ocred: list[str] = []
        for index, page in enumerate(pdf.pages):
            if progress:
                progress(index, count)
            try:
                words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False,
                                           use_text_flow=False, x_tolerance=1.5)
            except Exception as exc:
                if isinstance(_inner(exc), MemoryError):
                    raise MemoryError from None  # reported by the reader's child process
                raise SourceProblem(f"trang {index + 1} của tệp PDF bị hỏng "
                                    f"({type(_inner(exc)).__name__})") from None
            chars = sum(len(w["text"]) for w in words)
            # A short last page ("- Lưu: VT." and the signer's name) has little text but no
            # picture: its text layer is read; only a page that carries an image is a scan.
            if chars >= MIN_TEXT_CHARS or chars and not page.images:
                pages.append(Page(float(page.width), float(page.height), [
                    Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"],
                         *_font_style(w.get("fontname", ""))) for w in words]))
                continue
            scanned = _ocr_pdf_page(path, index, float(page.width), float(page.height))
            pages.append(scanned)
            ocred.append(f"trang {index + 1} (độ tin cậy {scanned.confidence:.0f}%)")
            page.close()
        if ocred:
            notes.append("nhận dạng chữ (OCR, Tesseract, tiếng Việt): " + ", ".join(ocred))
    return pages, notes


def _ocr_pdf_page(path: Path, index: int, width_pt: float, height_pt: float) -> Page:
    from .ocr import OCR_DPI, ocr_image, tesseract_problem
    problem = tesseract_problem()
    if problem:
        raise SourceProblem(f"trang {index + 1} là ảnh quét, không có lớp chữ; {problem}")
    import pypdfium2 as pdfium
    dpi = OCR_DPI
    pixels = width_pt * height_pt * (dpi / 72) ** 2
    if pixels > MAX_PIXELS:
        dpi = int(72 * (MAX_PIXELS / (width_pt * height_pt)) ** 0.5)
        if dpi < 100:
            raise SourceProblem(f"trang {index + 1} có khổ quá lớn để nhận dạng chữ")
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[index]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        native = _scan_dpi(page, width_pt)
    finally:
        document.close()
    # Rendering a 200 dpi scan at 300 dpi upscales it: no median filter then (see ocr_image).
    return ocr_image(image, dpi, denoise=native is None or native >= 0.85 * dpi)


def _scan_dpi(page, width_pt: float) -> float | None:
    """The resolution of the widest image on a PDF page (the scan), or None without one."""
    import pypdfium2 as pdfium
    widths = [obj.get_px_size()[0] for obj in page.get_objects()
              if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    return max(widths) / (width_pt / 72) if widths and width_pt else None


def read_image_pages(path: Path, progress=None) -> tuple[list[Page], list[str]]:
    """A scanned page saved as an image (PNG, JPEG, multi-page TIFF) → OCRed pages."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .ocr import at_ocr_resolution, ocr_image, tesseract_problem
    problem = tesseract_problem()
    if problem:
        raise SourceProblem(problem)
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise SourceProblem(f"ảnh {image.width} × {image.height} điểm ảnh, vượt giới hạn "
                                    f"{MAX_PIXELS // 1_000_000} triệu điểm ảnh: quét lại ở "
                                    "300 dpi")
            pages, notes = [], []
            for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                if number > MAX_PAGES:
                    raise SourceProblem(f"ảnh có hơn {MAX_PAGES} trang")
                if progress:
                    progress(number - 1, getattr(image, "n_frames", 1))
                if frame.width * frame.height > MAX_PIXELS:
                    raise SourceProblem(f"trang {number} của ảnh vượt giới hạn điểm ảnh")
                stated = frame.info.get("dpi", (0, 0))[0] or None
                grey = frame.convert("L")
                scaled, dpi = at_ocr_resolution(grey, stated)
                page = ocr_image(scaled, dpi, denoise=scaled.width <= grey.width)
                pages.append(page)
                notes.append(f"trang {number} (độ tin cậy {page.confidence:.0f}%)")
    except Image.DecompressionBombError:
        raise SourceProblem(f"ảnh vượt giới hạn {MAX_PIXELS // 1_000_000} triệu điểm ảnh "
                            "(bom giải nén?)") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise SourceProblem(f"ảnh bị hỏng, không đọc được ({type(exc).__name__})") from None
    return pages, ["nhận dạng chữ (OCR, Tesseract, tiếng Việt): " + ", ".join(notes)]


def low_confidence(pages: list[Page], threshold: float = 70.0) -> list[int]:
    return [i + 1 for i, p in enumerate(pages) if p.ocr and (p.confidence or 0) < threshold]

