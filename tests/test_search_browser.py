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
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    notice = next(n for n in archive.notices if n.number == "98/TB-VPUBND")
    # From a notice page two folders deep: the index and links must resolve relatively.
    other = next(n for n in archive.notices if n.classification == "public"
                 and n.status == "issued" and n is not notice)
    browser.get(serve_dir(built_public / "site") + other.key + "/")
    box = browser.find_element(By.ID, "na-search-input")
    assert box.find_element(By.XPATH, "ancestor::*[contains(@class,'md-header')]")
    box.send_keys("de an 06 quy i 2024")
    wait = WebDriverWait(browser, 10)
    link = wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, "#na-search-results li a")))
    assert link.text == notice.title
    assert link.get_attribute("href").endswith(notice.key + "/")
    marks = browser.find_elements(By.CSS_SELECTOR, "#na-search-results li mark")
    assert marks and {fold(m.text) for m in marks} <= {"de", "an", "06", "quy", "i", "2024"}
    assert "Tìm thấy" in browser.find_element(By.ID, "na-search-status").text

    # Filter by year: a year with no such notice empties the list.
    box.clear()
    box.send_keys("duong thuy")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#na-search-results li a")))
    year_select = browser.find_element(By.ID, "na-search-year")
    expected = {n.key for n in archive.notices if n.classification == "public"
                and n.status != "draft" and n.year == 2023
                and {"duong", "thuy"} <= set(folded_words(n.title + " " + n.body))}
    assert expected

    def year_option(d):
        o = next(o for o in year_select.find_elements(By.TAG_NAME, "option")
                 if o.text.startswith("2023 ("))
        return o if int(o.text.split("(")[1].rstrip(")")) >= len(expected) else None
    option = wait.until(year_option)
    count = int(option.text.split("(")[1].rstrip(")"))
    option.click()
    wait.until(lambda d: d.find_element(By.ID, "na-search-status").text
               == f"Tìm thấy {count} thông báo")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#na-search-results li a"))
               == min(count, 10))
    by_key = {n.key: n for n in archive.notices}
    for a in browser.find_elements(By.CSS_SELECTOR, "#na-search-results li a"):
        key = a.get_attribute("href").rstrip("/").split("/", 3)[3]
        assert by_key[key].year == 2023
        assert by_key[key].classification == "public"
    shown = {a.get_attribute("href").rstrip("/").split("/", 3)[3]
             for a in browser.find_elements(By.CSS_SELECTOR, "#na-search-results li a")}
    assert expected <= shown


def test_browser_index_holds_no_withheld_notice(built_public, built_internal):
    for project, present in ((built_public, False), (built_internal, True)):
        blob = b"".join(p.read_bytes() for p in (project / "site" / "na-search").rglob("*.json"))
        assert "7Q4Z".encode() not in blob and b"7q4z" not in blob
        assert (b"3k8w" in blob) == present


@pytest.mark.browser
def test_browser_and_of_words_with_bitmap_postings(tmp_path, browser, serve_dir, archive):
    """Frequent words are exported as bitmaps at scale; force that on the sample and check
    that the browser's AND of words gives exactly the notices holding every word."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from conftest import ROOT
    from generator.pipeline import run
    from generator.render.search_export import export

    linked = run(ROOT / "notices", ROOT).linked
    info = export(linked, tmp_path / "na-search", bitmap_min_docs=1)
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "na-search" / "t").iterdir()]
    assert any(isinstance(v, str) for shard in shards for v in shard.values())  # bitmaps exist
    theme = ROOT / "theme"
    box = (theme / "partials" / "na-search.html").read_text(encoding="utf-8").split("-#}", 1)[1]
    (tmp_path / "na-search.js").write_text(
        (theme / "assets" / "javascripts" / "na-search.js").read_text(encoding="utf-8"),
        encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><body>" + box.replace("{{ base_url | e }}", ".")
        + "<script src=na-search.js></script>", encoding="utf-8")
    browser.get(serve_dir(tmp_path) + "index.html")
    for query in ("tinh", "cong an tinh", "an toan giao thong", "de an 06 tinh"):
        words = set(folded_words(query))
        expected = sum(1 for n in linked.notices
                       if words <= set(folded_words(" ".join(
                           [n.number or "", n.title, n.body, n.issuer or "",
                            n.signer.name if n.signer else "",
                            n.meeting.chair or "" if n.meeting else "",
                            *(linked.topics[t].name + " " + " ".join(linked.topics[t].aliases)
                              for t in n.topics)]))))
        browser.execute_script(
            "var i = document.getElementById('na-search-input'); i.value = arguments[0];"
            "i.dispatchEvent(new Event('input'));", query)
        WebDriverWait(browser, 10).until(
            lambda d: d.find_element(By.ID, "na-search-status").text
            in (f"Tìm thấy {expected} thông báo", "Không tìm thấy thông báo nào.")
            and (expected or "Không" in d.find_element(By.ID, "na-search-status").text))
    assert info["notices"] == len(linked.notices)


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
    link = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#na-search-results li a"))
    assert link.text == hostile
    snippet = browser.find_element(By.CSS_SELECTOR, "#na-search-results .na-search__snippet")
    assert "<script>" in snippet.text
    assert not browser.find_elements(By.CSS_SELECTOR, "#na-search-results img, "
                                     "#na-search-results b, #na-search-results script")
    assert browser.execute_script("return window.pwned === undefined")


def test_home_form_and_shared_query_links_search(built_public, browser, serve_dir, archive):
    """The home page's form searches in place, and a link with ?q= opens with its results."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    notice = next(n for n in archive.notices if n.number == "98/TB-VPUBND")
    base = serve_dir(built_public / "site")
    wait = WebDriverWait(browser, 10)
    first = (By.CSS_SELECTOR, "#na-search-results li a")

    browser.get(base)
    field = browser.find_element(By.CSS_SELECTOR, "form.na-search input[name=q]")
    field.send_keys("de an 06 quy i 2024")
    field.submit()
    assert wait.until(EC.presence_of_element_located(first)).text == notice.title
    assert browser.current_url.rstrip("/") == base.rstrip("/")  # searched in place

    browser.get(base + "chu-de/?q=de+an+06+quy+i+2024")
    assert wait.until(EC.presence_of_element_located(first)).text == notice.title
    assert browser.find_element(By.ID, "na-search-input").get_attribute("value") == \
        "de an 06 quy i 2024"
