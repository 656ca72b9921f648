"""The pages as a person sees them in headless Chromium: Vietnamese only, a readable search box,
a phone (390 × 844) that never scrolls sideways, the notice page laid out like the document."""

from __future__ import annotations

import base64

import pytest

from conftest import ARTIFACTS
from test_links import published
from test_pages import english_words

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


@pytest.fixture
def site(built_public, archive, serve_dir):
    base = serve_dir(built_public / "site")
    notice = next(n for n in published(archive) if n.number == "98/TB-VPUBND")
    return {"base": base, "home": base, "topic": f"{base}chu-de/chuyen-doi-so/",
            "year": f"{base}nam/2024/", "notice": f"{base}{notice.key}/",
            "index": f"{base}co-quan/", "missing": f"{base}404.html"}


@pytest.fixture
def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _shown_text(browser) -> str:
    """innerText of the page plus what tooltips, placeholders and screen readers say."""
    return browser.execute_script("""
        const parts = [document.body.innerText, document.title];
        for (const e of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
          for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
            if (e.hasAttribute(a)) parts.push(e.getAttribute(a));
          }
        }
        return parts.join('\\n');""")


@pytest.mark.parametrize("page", ["home", "topic", "year", "notice", "index", "missing"])
def test_no_english_text_in_the_browser(page, site, browser):
    browser.get(site[page])
    assert english_words(_shown_text(browser)) == []


def test_search_box_is_at_least_14px(site, browser):
    browser.get(site["home"])
    size = browser.execute_script(
        "const e = document.getElementById('na-search-input');"
        "return e ? parseFloat(getComputedStyle(e).fontSize) : null;")
    assert size is not None and size >= 14, size


@pytest.mark.parametrize("page", ["home", "topic", "year", "notice"])
def test_phone_never_scrolls_sideways(page, site, phone):
    phone.get(site[page])
    width = phone.execute_script("return [document.documentElement.scrollWidth, "
                                 "document.body.scrollWidth, window.innerWidth];")
    assert max(width[:2]) <= width[2], width
    ARTIFACTS.mkdir(exist_ok=True)
    shot = phone.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    (ARTIFACTS / f"phone-{page}.png").write_bytes(base64.b64decode(shot["data"]))


def test_phone_notice_metadata_is_stacked_and_nothing_is_cut(site, phone):
    phone.get(site["notice"])
    # Each label sits above its value, which gets the full width.
    boxes = phone.execute_script("""
        const dts = [...document.querySelectorAll('.na-meta dt')];
        return dts.map(dt => [dt.getBoundingClientRect().left, dt.getBoundingClientRect().bottom,
                              dt.nextElementSibling.getBoundingClientRect().left,
                              dt.nextElementSibling.getBoundingClientRect().top,
                              dt.nextElementSibling.getBoundingClientRect().width]);""")
    meta_width = phone.execute_script(
        "return document.querySelector('.na-meta').getBoundingClientRect().width;")
    assert boxes
    for dt_left, dt_bottom, dd_left, dd_top, dd_width in boxes:
        assert abs(dt_left - dd_left) < 1 and dd_top >= dt_bottom - 1
        assert dd_width > 0.8 * meta_width
    # The site name is shown whole, and the title is a readable size, not six large lines.
    cut = phone.execute_script("""
        return [...document.querySelectorAll('.md-header__topic .md-ellipsis')]
          .filter(e => e.offsetParent !== null)
          .map(e => [e.textContent.trim(), e.scrollWidth > e.clientWidth + 1]);""")
    assert any(name == "Lưu trữ thông báo tỉnh Hậu Giang" and not is_cut
               for name, is_cut in cut), cut
    title = phone.execute_script(
        "const h = document.querySelector('h1.na-title'); const s = getComputedStyle(h);"
        "return [parseFloat(s.fontSize), h.getBoundingClientRect().height / parseFloat(s.lineHeight)];")
    assert title[0] <= 24 and title[1] <= 5, title


def test_notice_page_reads_like_the_document(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site["notice"])
    style = browser.execute_script(
        "const s = getComputedStyle(document.querySelector('h1.na-title'));"
        "return [s.fontWeight, s.color];")
    assert int(style[0]) >= 700
    red, green, blue = (int(v) for v in style[1][style[1].index("(") + 1:].split(",")[:3])
    assert max(red, green, blue) < 80, style  # dark, not material's light grey
    closing = browser.find_element(By.CSS_SELECTOR, ".na-closing")
    assert closing.is_displayed() and "Nơi nhận:" in closing.text
    body = browser.find_element(By.CSS_SELECTOR, ".na-body")
    assert closing.location["y"] > body.location["y"] + body.size["height"] - 1
    # The print button: shown once the script runs, and it opens the print dialog.
    button = browser.find_element(By.CSS_SELECTOR, ".na-print-button")
    assert button.is_displayed() and button.text == "In / Tải PDF"
    browser.execute_script("window.print = () => { window.naPrinted = true; };")
    button.click()
    assert browser.execute_script("return window.naPrinted === true;")


def test_no_near_empty_left_sidebar_on_desktop(site, browser):
    browser.get(site["topic"])
    shown = browser.execute_script(
        "const e = document.querySelector('.md-sidebar--primary');"
        "return e ? getComputedStyle(e).display : 'none';")
    assert shown == "none"


def test_topic_mentions_are_calm(site, browser):
    browser.get(site["notice"])
    style = browser.execute_script("""
        const a = document.querySelector('.na-body a.na-mention-topic');
        const p = a.closest('p, li');
        return [getComputedStyle(a).color, getComputedStyle(p).color,
                getComputedStyle(a).textDecorationStyle];""")
    assert style[0] == style[1] and style[2] != "dotted", style
