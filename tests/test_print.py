"""The print layout of a notice, in headless Chromium: the Decree 30 form without the site's
navigation. Leaves a screenshot (print media emulated) and a PDF in test-artifacts/."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ARTIFACTS, require_tools
from test_links import published

pytestmark = pytest.mark.browser

A4_WIDTH_PX = 794  # 210 mm at 96 dpi


def _style(browser, selector: str, prop: str) -> str:
    return browser.execute_script(
        "const e = document.querySelector(arguments[0]);"
        "return e ? getComputedStyle(e).getPropertyValue(arguments[1]) : null;", selector, prop)


def _open_in_print_media(browser, url: str) -> None:
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": A4_WIDTH_PX, "height": 1123, "deviceScaleFactor": 1, "mobile": False})
    browser.get(url)


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF, read back by poppler (an independent reader)."""
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext, pdfinfo) is required; .ci/run installs it")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for i in range(1, count + 1)]


def _assert_a4(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842), info  # 210 × 297 mm


def _page_number_line(page: str) -> str | None:
    """The page number printed alone at the top of a page, if any."""
    for line in page.splitlines():
        if line.strip():
            return line.strip() if line.strip().isdigit() else None
    return None


def _reset(browser) -> None:
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def print_notice(built_public, archive, browser, serve_dir):
    notice = next(n for n in published(archive) if n.number == "98/TB-VPUBND")
    base = serve_dir(built_public / "site")
    _open_in_print_media(browser, f"{base}{notice.key}/")
    yield notice
    _reset(browser)


def test_print_layout_is_the_paper_form(print_notice, browser):
    from selenium.webdriver.common.by import By

    # The site's navigation is gone, the paper header and signing block are there.
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer",
                     ".na-breadcrumbs", ".na-meta", ".na-neighbours", ".na-related"):
        shown = _style(browser, selector, "display")
        assert shown in (None, "none"), selector
    assert _style(browser, ".na-print-header", "display") == "grid"
    assert _style(browser, ".na-print-footer", "display") == "grid"
    header = browser.find_element(By.CSS_SELECTOR, ".na-print-header").text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "Độc lập - Tự do - Hạnh phúc" in header
    assert f"Số: {print_notice.number}" in header
    assert "UBND TỈNH HẬU GIANG" in header and "VĂN PHÒNG" in header
    assert "Hậu Giang, ngày 05 tháng 4 năm 2024" in header
    assert browser.find_element(By.CSS_SELECTOR, ".na-kind").text == "THÔNG BÁO"
    # Body in the shipped serif (every Vietnamese letter, any machine), 14 pt (= 18.67 px),
    # justified.
    assert "Noto Serif NA" in _style(browser, ".na-body p", "font-family")
    # ... the font shipped with the site, not one that happens to be on this machine.
    loaded = browser.execute_async_script(
        "const done = arguments[0]; document.fonts.ready.then(() => done("
        "[...document.fonts].filter(f => f.family.includes('Noto Serif NA')"
        " && f.status === 'loaded').map(f => f.weight + f.style)));")
    assert {"400normal", "700normal"} <= set(loaded), loaded
    assert abs(float(_style(browser, ".na-body p", "font-size").rstrip("px")) - 14 * 96 / 72) < 0.1
    assert _style(browser, ".na-body p", "text-align") == "justify"
    signature = browser.find_element(By.CSS_SELECTOR, ".na-print-signature").text
    assert print_notice.signer.name in signature and "KT. CHÁNH VĂN PHÒNG" in signature
    recipients = browser.find_element(By.CSS_SELECTOR, ".na-print-recipients").text
    assert "Nơi nhận:" in recipients and recipients.rstrip().endswith("Lưu: VT, NCTH.")

    # Evidence for people: the page as printed media, and the real A4 PDF.
    ARTIFACTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": A4_WIDTH_PX, "height": height, "deviceScaleFactor": 1, "mobile": False})
    png = ARTIFACTS / "print-notice.png"
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png",
                                                             "captureBeyondViewport": True})
    png.write_bytes(base64.b64decode(shot["data"]))
    pdf = ARTIFACTS / "print-notice.pdf"
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True,
                                                         "printBackground": False})
    pdf.write_bytes(base64.b64decode(printed["data"]))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    _assert_a4(pdf)
    pages = _pdf_pages(pdf)
    assert f"Số: {print_notice.number}" in pages[0] and print_notice.signer.name in pages[-1]
    assert _page_number_line(pages[0]) is None  # no number on the first page
    assert pdf_font_families(pdf) == {"NotoSerif"}


def pdf_font_families(pdf) -> set[str]:
    """The font families a PDF embeds, by poppler's `pdffonts` ("ABCDEF+NotoSerif-Bold" →
    "NotoSerif"): one family means no letter fell back to another font."""
    import subprocess
    require_tools("pdffonts", package="poppler-utils")
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    names = [line.split()[0] for line in listing if line.strip()]
    assert names, "the PDF embeds no font"
    return {name.split("+", 1)[-1].split("-", 1)[0] for name in names}


def test_draft_prints_with_a_draft_box(built_internal, archive, browser, serve_dir):
    from selenium.webdriver.common.by import By

    draft = next(n for n in archive.notices if n.status == "draft" and n.classification != "secret")
    base = serve_dir(built_internal / "site")
    try:
        _open_in_print_media(browser, f"{base}{draft.key}/")
        box = browser.find_element(By.CSS_SELECTOR, ".na-draft")
        assert box.is_displayed() and box.text.strip().upper() == "DỰ THẢO"
        assert _style(browser, ".md-header", "display") == "none"
        ARTIFACTS.mkdir(exist_ok=True)
        printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
        pdf = ARTIFACTS / "print-draft.pdf"
        pdf.write_bytes(base64.b64decode(printed["data"]))
        _assert_a4(pdf)
        pages = _pdf_pages(pdf)
        assert "DỰ THẢO" in pages[0].upper() and draft.title.split()[0].upper() in pages[0].upper()
        # The draft runs over several pages: numbered from page 2 on, the first unnumbered.
        assert len(pages) >= 2, "the draft should span pages to test page numbers"
        assert _page_number_line(pages[0]) is None
        assert [_page_number_line(p) for p in pages[1:]] == [str(i) for i in
                                                             range(2, len(pages) + 1)]
        assert pdf_font_families(pdf) == {"NotoSerif"}
    finally:
        _reset(browser)
