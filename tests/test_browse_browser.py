"""Browsing by clicking, in headless Chromium: from a notice to its topic through a mention in
the body, along the topic timeline, and back through the breadcrumbs."""

from __future__ import annotations

import pytest

from test_links import published

pytestmark = pytest.mark.browser


def test_click_through_mentions_timeline_and_breadcrumbs(built_public, archive, browser,
                                                         serve_dir):
    from selenium.webdriver.common.by import By

    notice = next(n for n in published(archive) if n.number == "98/TB-VPUBND")
    base = serve_dir(built_public / "site")
    browser.get(f"{base}{notice.key}/")

    # The first mention of "Đề án 06" in the body leads to the topic page.
    browser.find_element(By.CSS_SELECTOR, ".na-body a.na-mention-topic").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Đề án 06"
    assert browser.current_url == f"{base}chu-de/de-an-06/"

    # The timeline lists the notice; back to it, then on to the notice it cites in its body.
    browser.find_element(By.CSS_SELECTOR, f'.na-timeline a[href*="{notice.key.split("/")[1]}"]').click()
    assert browser.find_element(By.CSS_SELECTOR, "h1.na-title").text == notice.title
    browser.find_element(By.CSS_SELECTOR, ".na-body a.na-mention-notice").click()
    cited = next(n for n in published(archive) if n.number == "18/TB-VPUBND")
    assert browser.find_element(By.CSS_SELECTOR, "h1.na-title").text == cited.title

    # The cited notice names the citing one under "Được dẫn chiếu bởi"; the next notice of the
    # topic is the citing one too.
    backlinks = browser.find_element(By.CSS_SELECTOR, ".na-backlinks").text
    assert "Được dẫn chiếu bởi" in backlinks and notice.number in backlinks
    browser.find_element(By.CSS_SELECTOR, ".na-neighbours a.na-next").click()
    assert browser.find_element(By.CSS_SELECTOR, "h1.na-title").text == notice.title

    # Breadcrumbs: the month page lists it, the year page lists the month.
    crumbs = browser.find_elements(By.CSS_SELECTOR, ".na-breadcrumbs a")
    crumbs[-1].click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tháng 4 năm 2024"
    assert notice.number in browser.find_element(By.CSS_SELECTOR, ".na-list").text
    browser.find_elements(By.CSS_SELECTOR, ".na-breadcrumbs a")[-1].click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Năm 2024"
    # A year of a few notices lists them under its months.
    months = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".md-content h2")]
    assert any(m.startswith("Tháng 4") for m in months), months
    assert notice.number in browser.find_element(By.CSS_SELECTOR, ".md-content").text
