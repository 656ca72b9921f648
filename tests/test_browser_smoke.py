"""The built site opens in a real browser and its pages link to each other."""

import pytest

from test_build import EXPECTED_KEYS

pytestmark = pytest.mark.browser


def test_home_opens_and_links_to_a_notice(built_public, browser, serve_dir, archive):
    from selenium.webdriver.common.by import By

    base = serve_dir(built_public / "site")
    browser.get(base)
    assert "Lưu trữ thông báo" in browser.title
    notice = next(n for n in archive.notices if n.classification == "public"
                  and n.status == "issued")
    link = browser.find_element(By.CSS_SELECTOR, f'a[href*="{EXPECTED_KEYS[notice.number]}/"]')
    link.click()
    assert browser.find_element(By.CSS_SELECTOR, "h1.na-title").text == notice.title
    assert notice.number in browser.find_element(By.CSS_SELECTOR, "dl.na-meta").text
