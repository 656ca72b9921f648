"""In-browser search of the built site, in headless Chromium: the JS folding is Python's, typing
an unaccented query finds the notice, and withheld notices are not in the browser index."""

from __future__ import annotations

import json
import unicodedata

import pytest

from generator.index.analysis import folded_words
from generator.text import fold

SAMPLES = [
    "Đề án 06", "ĐỀ ÁN 06/CP", "đường thủy nội địa", "Uỷ ban nhân dân", "Ủy ban", "hoà hòa HOÀ",
    "thuỷ thủy", "Nguyễn Văn Hòa", "Lưu Ngọc Đông", "phòng cháy, chữa cháy (PCCC)",
    "Quyết định số 06/QĐ-TTg", "xoè xòe khoẻ khỏe", "quý quí", "giữ gìn", "ươn ướt",
    "125/TB-VPUBND", "“đúng, đủ, sạch, sống”", "Tổ công nghệ số cộng đồng", "VNeID", "92,5%",
    "Ðồng (U+00D0)", "ǅ ﬁ ß İ", "  nhiều   khoảng trắng  ",
]
SAMPLES += [unicodedata.normalize("NFD", s) for s in SAMPLES]


def holding_every_word(notices, topics, query: str) -> set[str]:
    """Keys of the notices whose text, number, issuer, people or topics hold every word."""
    words = set(folded_words(query))
    return {n.key for n in notices if words <= set(folded_words(" ".join(
        [n.number or "", n.title, n.body, n.issuer or "", n.signer.name if n.signer else "",
         n.meeting.chair or "" if n.meeting else "",
         *(topics[t].name + " " + " ".join(topics[t].aliases) for t in n.topics)])))}


@pytest.mark.browser
def test_js_folding_matches_python(built_public, browser, serve_dir):
    browser.get(serve_dir(built_public / "site"))
    got = browser.execute_script(
        "return arguments[0].map(function (s) { return [naSearchFold(s), naSearchWords(s)]; });",
        SAMPLES)
    for text, (js_fold, js_words) in zip(SAMPLES, got):
        assert js_fold == fold(text), text
        assert js_words == folded_words(text), text


@pytest.mark.browser
def test_typing_an_unaccented_query_finds_the_notice(built_public, browser, serve_dir, archive):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    notice = next(n for n in archive.notices if n.number == "98/TB-VPUBND")
    # From a notice page two folders deep: the index and links must resolve relatively.
    other = next(n for n in archive.notices if n.classification == "public"
                 and n.status == "issued" and n is not notice)
    browser.get(serve_dir(built_public / "site") + other.key + "/")
    box = browser.find_element(By.ID, "na-search-input")
    assert box.find_element(By.XPATH, "ancestor::*[contains(@class,'md-header')]")
    assert box.value_of_css_property("font-size") == "16px"
    box.send_keys("de an 06 quy i 2024")
    wait = WebDriverWait(browser, 300)
    link = wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, "#na-search-results li a")))
    assert link.text == notice.title
    assert link.get_attribute("href").endswith(notice.key + "/")
    marks = browser.find_elements(By.CSS_SELECTOR, "#na-search-results li mark")
    assert marks and {fold(m.text) for m in marks} <= {"de", "an", "06", "quy", "i", "2024"}
    assert "Tìm thấy" in browser.find_element(By.ID, "na-search-status").text
    panel = browser.find_element(By.ID, "na-search-panel")
    assert panel.value_of_css_property("font-size") == "16px"

    # Keyboard: ↓ chooses the first result, Esc closes the panel, Enter opens the choice.
    box.send_keys(Keys.ARROW_DOWN)
    first = browser.find_element(By.CSS_SELECTOR, "#na-search-results li")
    assert "na-hit--active" in first.get_attribute("class")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    box.send_keys(Keys.ESCAPE)
    assert not panel.is_displayed()
    box.send_keys(Keys.ARROW_DOWN)
    wait.until(lambda d: panel.is_displayed())
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#na-search-results li a"))
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    wait.until(lambda d: d.current_url.rstrip("/").endswith(notice.key))


@pytest.mark.browser
def test_results_page_facets_sort_and_shareable_address(built_public, browser, serve_dir,
                                                        archive):
    """tim-kiem/?q=…: the whole list, facet counts over it, a facet narrows it and goes into the
    address, sort by date, partial matches marked; the address alone reproduces the page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = serve_dir(built_public / "site")
    wait = WebDriverWait(browser, 300)
    browser.get(base + "tim-kiem/?q=duong+thuy")
    by_key = {n.key: n for n in archive.notices}

    def listed():
        return [a.get_attribute("href")[len(base):].rstrip("/")
                for a in browser.find_elements(By.CSS_SELECTOR, "#na-results-list a.na-hit__title")]
    wait.until(lambda d: listed())
    public = [n for n in archive.notices if n.classification == "public" and n.status != "draft"]
    expected = holding_every_word(public, archive.topics, "duong thuy")
    status = browser.find_element(By.ID, "na-results-status").text
    assert status.startswith(f"Tìm thấy {len(expected)} thông báo")
    wait.until(lambda d: len(listed()) >= len(expected))
    assert set(listed()[:len(expected)]) == expected
    facets = {f.find_element(By.TAG_NAME, "legend").text for f in
              browser.find_elements(By.CSS_SELECTOR, "#na-results-facets fieldset")}
    assert {"Chủ đề", "Năm", "Loại văn bản", "Cơ quan ban hành", "Người ký"} <= facets
    year = next(a for a in browser.find_elements(By.CSS_SELECTOR, ".na-facet__value")
                if a.get_attribute("data-facet") == "year"
                and a.get_attribute("data-value") == "2023")
    count = int(year.find_element(By.CLASS_NAME, "na-facet__count").text)
    assert count > 0 and count == sum(1 for k in listed() if by_key[k].year == 2023)
    year.click()
    wait.until(lambda d: "year=2023" in d.current_url and len(listed()) == count)
    assert all(by_key[k].year == 2023 for k in listed())

    # The address is the state: opened afresh, with newest first, it gives the same notices.
    browser.get(browser.current_url + "&sort=date")
    wait.until(lambda d: len(listed()) == count)
    full = int(browser.find_element(By.ID, "na-results-status").text.split()[2])
    dates = [by_key[k].date for k in listed()]
    # newest first among the full matches, then among the partial ones
    assert dates[:full] == sorted(dates[:full], reverse=True)
    assert dates[full:] == sorted(dates[full:], reverse=True)
    assert browser.find_element(By.ID, "na-results-sort").get_attribute("value") == "date"

    # Partial matches follow the full ones, marked.
    browser.get(base + "tim-kiem/?q=giao+thongg")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".na-hit__partial"))
    suggestion = browser.find_element(By.ID, "na-results-suggest")
    assert suggestion.text == "Có phải bạn muốn tìm: giao thông"
    assert browser.find_element(By.CSS_SELECTOR, ".na-hit__partial").text == "khớp một phần"


@pytest.mark.browser
def test_search_works_on_a_phone(built_public, browser, serve_dir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    size = browser.get_window_size()
    browser.set_window_size(390, 844)
    try:
        browser.get(serve_dir(built_public / "site") + "tim-kiem/?q=an+toan+giao+thong")
        WebDriverWait(browser, 300).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#na-results-list a.na-hit__title"))
        width = browser.execute_script("return window.innerWidth")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
        box = browser.find_element(By.ID, "na-search-input")
        assert box.is_displayed() and box.value_of_css_property("font-size") == "16px"
        box.send_keys("de an 06")
        panel = browser.find_element(By.ID, "na-search-panel")
        WebDriverWait(browser, 300).until(lambda d: panel.is_displayed() and d.find_elements(
            By.CSS_SELECTOR, "#na-search-results li a"))
        rect = browser.execute_script(
            "var r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", panel)
        assert rect[0] >= 0 and rect[1] <= width
    finally:
        browser.set_window_size(size["width"], size["height"])


def test_browser_index_holds_no_withheld_notice(built_public, built_internal):
    for project, present in ((built_public, False), (built_internal, True)):
        blob = b"".join(p.read_bytes() for p in (project / "site" / "na-search").rglob("*.json"))
        assert "7Q4Z".encode() not in blob and b"7q4z" not in blob
        assert (b"3k8w" in blob) == present


@pytest.mark.browser
def test_browser_and_of_words_with_bitmap_postings(tmp_path, browser, serve_dir, monkeypatch):
    """Frequent words are exported as bitmaps at scale; force that on the sample and check
    that the browser ranks exactly like Python over the same files, and that a full match is
    a notice holding every word."""
    from conftest import ROOT
    from generator.index import ranking
    from generator.index.query import parse, spec
    from generator.pipeline import run
    from generator.index.browser_export import ExportedIndex, export
    from search_harness import browser_search

    monkeypatch.setitem(spec()["ranking"], "common_min_docs", 1)
    linked = run(ROOT / "notices", ROOT).linked
    info = export(linked, tmp_path / "na-search")
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "na-search" / "t").iterdir()]
    assert any(isinstance(v, str) for shard in shards for v in shard.values())  # bitmaps exist
    (tmp_path / "na-search.js").write_text(
        (ROOT / "theme" / "assets" / "javascripts" / "na-search.js").read_text(encoding="utf-8"),
        encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><script src=na-search.js></script>", encoding="utf-8")
    queries = ["tinh", "cong an tinh", "an toan giao thong", "de an 06 tinh"]
    got = browser_search(browser, serve_dir(tmp_path), queries, limit=100)
    index = ExportedIndex(tmp_path / "na-search")
    public = [n for n in linked.notices if n.classification == "public"]
    for query, result in zip(queries, got):
        ranked = ranking.rank(parse(query), index)
        keys = [json.loads((tmp_path / "na-search" / "d" / f"{d}.json").read_text())["u"]
                .rstrip("/") for d in ranked.docs[:100]]
        assert result["keys"] == keys and result["full"] == ranked.full, query
        assert set(result["keys"][:result["full"]]) == \
            holding_every_word(public, linked.topics, query), query
    assert info["notices"] == len(public)


@pytest.mark.browser
def test_hostile_title_is_shown_as_text(tmp_path, browser, serve_dir):
    """Titles are hostile input: the search results show them as text, never as markup."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from conftest import cli, copy_project
    from test_index import write_notice

    project = copy_project(tmp_path / "p", notices=False)
    hostile = 'Đường <img src=x onerror="window.pwned=1"> & <b>thủy</b> nội địa'
    write_notice(project, "a.md", number="7/TB-VPUBND", date="2024-05-02",
                 title=hostile.replace('"', '\\"'),
                 body='Đường thủy: <script>window.pwned=2</script> bến khách ngang sông.')
    cli(project, "build", check=True)
    browser.get(serve_dir(project / "site") + "nam/2024/")
    box = browser.find_element(By.ID, "na-search-input")
    box.send_keys("duong thuy")
    link = WebDriverWait(browser, 300).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#na-search-results li a"))
    assert link.text == hostile
    snippet = browser.find_element(By.CSS_SELECTOR, "#na-search-results .na-search__snippet")
    assert "<script>" in snippet.text
    assert not browser.find_elements(By.CSS_SELECTOR, "#na-search-results img, "
                                     "#na-search-results b, #na-search-results script")
    assert browser.execute_script("return window.pwned === undefined")


@pytest.mark.browser
def test_home_form_and_shared_query_links_search(built_public, browser, serve_dir, archive):
    """The home page's form opens the results page, and any page opened with ?q= runs the
    query in the header's box."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    notice = next(n for n in archive.notices if n.number == "98/TB-VPUBND")
    base = serve_dir(built_public / "site")
    wait = WebDriverWait(browser, 300)

    browser.get(base)
    field = browser.find_element(By.CSS_SELECTOR, "form.na-search-home input[name=q]")
    field.send_keys("de an 06 quy i 2024")
    field.submit()
    first = (By.CSS_SELECTOR, "#na-results-list a.na-hit__title")
    assert wait.until(EC.presence_of_element_located(first)).text == notice.title
    assert "tim-kiem/?q=de+an+06+quy+i+2024" in browser.current_url

    browser.get(base + "chu-de/?q=de+an+06+quy+i+2024")
    header_first = (By.CSS_SELECTOR, "#na-search-results li a")
    assert wait.until(EC.presence_of_element_located(header_first)).text == notice.title
    assert browser.find_element(By.ID, "na-search-input").get_attribute("value") == \
        "de an 06 quy i 2024"


@pytest.mark.browser
def test_search_speaks_only_vietnamese(built_public, browser, serve_dir):
    """The results page and the box's list, as shown (text, tooltips, labels), hold no English."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from test_pages import english_words
    from test_pages_browser import _shown_text

    browser.get(serve_dir(built_public / "site") + "tim-kiem/?q=an+toan+giao+thongg")
    wait = WebDriverWait(browser, 300)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#na-results-list a.na-hit__title"))
    box = browser.find_element(By.ID, "na-search-input")
    box.send_keys("nguyen van hoaa")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#na-search-results li a"))
    text = _shown_text(browser)
    assert "Có phải bạn muốn tìm" in text and "khớp một phần" in text
    assert english_words(text) == []
