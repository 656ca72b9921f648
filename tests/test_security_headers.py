"""Every build writes site/_headers; under exactly those headers headless Chromium reports no
Content-Security-Policy violation on the home, topic and notice pages, and search works."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import cli, copy_project
from generator.publish.headers import (HEADERS_FILE, headers_for, inline_script_hashes,
                                      parse_headers_file, site_script_hashes)

REQUIRED = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
            "X-Frame-Options", "Permissions-Policy")


def site_headers(site: Path) -> dict[str, str]:
    rules = parse_headers_file((site / HEADERS_FILE).read_text(encoding="utf-8"))
    return dict(headers_for(rules, "/index.html"))


def serve_with_headers(site: Path):
    """A loopback static server that applies site/_headers as Netlify or Cloudflare would."""
    rules = parse_headers_file((site / HEADERS_FILE).read_text(encoding="utf-8"))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers_for(rules, self.path.split("?")[0]):
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_every_build_writes_the_headers(built_public, built_internal):
    for project in (built_public, built_internal):
        headers = site_headers(project / "site")
        assert set(REQUIRED) <= set(headers)
        csp = dict(part.strip().split(" ", 1) for part in
                   headers["Content-Security-Policy"].split(";"))
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
        assert csp["frame-ancestors"] == "'none'" and headers["X-Frame-Options"] == "DENY"
        assert csp["object-src"] == "'none'"
        assert headers["X-Content-Type-Options"] == "nosniff"
    internal = dict(headers_for(parse_headers_file(
        (built_internal / "site" / HEADERS_FILE).read_text(encoding="utf-8")), "/"))
    assert "noindex" in internal["X-Robots-Tag"]


def test_theme_pages_carry_no_inline_script(built_public):
    """mkdocs-material's inline scripts are files in our theme: nothing to allow by hash."""
    assert site_script_hashes(built_public / "site") == set()


def test_inline_script_hash_is_the_one_browsers_compute():
    html = b'<script>alert(1)</script><script type="application/json">{}</script><script src=x></script>'
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert inline_script_hashes(html) == {"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"}


def _violations_on(browser, url: str) -> list[str]:
    browser.get(url)
    browser.execute_script("return document.readyState")
    return browser.execute_script("return window.__cspViolations || [];")


@pytest.fixture
def csp_browser(browser):
    """The shared browser, recording CSP violations from the first byte of every page."""
    script = ("window.__cspViolations = [];"
              "document.addEventListener('securitypolicyviolation', function (e) {"
              "  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' '"
              "    + e.sourceFile + ':' + e.lineNumber); });")
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
    yield browser
    browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                            {"identifier": added["identifier"]})


def _pages(site: Path) -> list[str]:
    """Home, a topic, a notice, and every other kind of page the site has (tasks, years…)."""
    pages = ["", "chu-de/", "nam/"]
    pages.append(next(p for p in sorted((site / "chu-de").iterdir()) if p.is_dir()).name)
    pages[-1] = f"chu-de/{pages[-1]}/"
    notice = next(p for p in sorted((site / "2024").iterdir()) if (p / "index.html").exists())
    pages.append(f"2024/{notice.name}/")
    for folder in ("nhiem-vu", "co-quan", "van-ban-dan-chieu"):
        if (site / folder / "index.html").exists():
            pages.append(f"{folder}/")
    return pages


@pytest.mark.browser
def test_no_csp_violation_and_search_works_under_the_headers(built_internal, csp_browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    site = built_internal / "site"
    server, base = serve_with_headers(site)
    try:
        for page in _pages(site):
            assert _violations_on(csp_browser, base + page) == [], page
            sent = csp_browser.execute_script(
                "var r = new XMLHttpRequest(); r.open('GET', location.href, false); r.send();"
                "return r.getResponseHeader('Content-Security-Policy');")
            assert sent and "script-src 'self'" in sent
            # the theme's scripts ran: mkdocs-material's bootstrap defined its helpers
            assert csp_browser.execute_script("return typeof __md_get") == "function"
        box = csp_browser.find_element(By.ID, "na-search-input")
        box.send_keys("chuyen doi so")
        WebDriverWait(csp_browser, 300).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, "#na-search-results li a")))
        assert csp_browser.execute_script("return window.__cspViolations") == []
    finally:
        server.shutdown()


@pytest.mark.browser
def test_an_inline_script_left_in_a_template_is_allowed_by_hash(tmp_path, csp_browser):
    project = copy_project(tmp_path / "p")
    main = project / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8")
                    + "{% block extrahead %}<script>window.naInline = 42;</script>{% endblock %}\n",
                    encoding="utf-8")
    cli(project, "build", check=True)
    csp = site_headers(project / "site")["Content-Security-Policy"]
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert "'sha256-" in script_src and "'unsafe-inline'" not in script_src
    # An incremental build reuses most pages: their scripts stay allowed.
    notice = next((project / "notices" / "2024").glob("*.md"))
    notice.write_text(notice.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    rebuilt = cli(project, "build", check=True)
    assert "trang không đổi" in rebuilt.stderr
    assert site_headers(project / "site")["Content-Security-Policy"] == csp
    server, base = serve_with_headers(project / "site")
    try:
        assert _violations_on(csp_browser, base + "nam/") == []
        assert csp_browser.execute_script("return window.naInline") == 42
    finally:
        server.shutdown()
