"""The archive's own help page, "Hướng dẫn tra cứu": reached from the search box, the results
page and the 404 page, and every example on it is a live search that finds notices in the built
sample archive (the full-match count of each, from the results page a reader lands on)."""

from __future__ import annotations

import re

import pytest

HELP = "huong-dan-tra-cuu/"


def test_help_page_is_linked_from_the_search_box_results_page_and_404(built_public):
    site = built_public / "site"
    page = (site / HELP / "index.html").read_text(encoding="utf-8")
    assert "<h1>Hướng dẫn tra cứu</h1>" in page
    for name, link in (("index.html", 'href="huong-dan-tra-cuu/"'),  # the header's search box
                       ("tim-kiem/index.html", 'href="../huong-dan-tra-cuu/"'),
                       ("2024/98-tb-vpubnd/index.html", 'href="../../huong-dan-tra-cuu/"')):
        assert link in (site / name).read_text(encoding="utf-8"), name
    assert "huong-dan-tra-cuu/" in (site / "404.html").read_text(encoding="utf-8")


def _examples(built_public) -> list[str]:
    page = (built_public / "site" / HELP / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<a class="na-help__example" href="\.\./(tim-kiem/\?q=[^"]+)"', page)


def test_help_page_has_examples(built_public):
    assert len(_examples(built_public)) >= 12


@pytest.mark.browser
def test_every_example_on_the_help_page_finds_notices(built_public, browser, serve_dir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = serve_dir(built_public / "site")
    wait = WebDriverWait(browser, 10)
    browser.get(base + HELP)
    links = [a.get_attribute("href") for a in
             browser.find_elements(By.CSS_SELECTOR, "a.na-help__example")]
    assert len(links) == len(_examples(built_public))
    for link in links:
        browser.get(link)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#na-results-list a.na-hit__title"))
        status = browser.find_element(By.ID, "na-results-status").text
        if "giao+thongg" in link or "giao%20thongg" in link:  # the misspelling: a suggestion
            assert browser.find_element(By.ID, "na-results-suggest").text == \
                "Có phải bạn muốn tìm: giao thông"
            continue
        full = int(re.match(r"Tìm thấy (\d+) thông báo", status).group(1))
        assert full >= 1, (link, status)
