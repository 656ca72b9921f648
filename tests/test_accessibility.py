"""Accessibility of the built site in headless Chromium: axe-core finds no serious or critical
WCAG 2.0/2.1 A or AA violation on any page type, and the search box and results page work by
keyboard alone, with the focus visible and in reading order.

axe-core comes from the npm registry at install time (package.json + package-lock.json, `npm ci`
in .ci/run); it is a test tool (MPL-2.0), never shipped in the site, never downloaded here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WAIT = 300  # seconds before a wait gives up: ends a broken run, never a slow one
QUERY = "an toan giao thong"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is required in CI (.ci/run installs it with npm ci)")
        pytest.skip("axe-core not installed: run `npm ci` in the repository")
    return AXE.read_text(encoding="utf-8")


def page_paths(site: Path, archive) -> dict[str, str]:
    """One address (relative to the site's folder) for every page type of the site."""
    notices = list(archive.notices)

    def notice(status: str) -> str:
        found = next(n for n in notices if n.status == status
                     and (site / n.key / "index.html").is_file())
        return n_path(found)

    def n_path(n) -> str:
        return f"{n.key}/"

    def first(folder: str) -> str:
        sub = sorted(p.name for p in (site / folder).iterdir() if (p / "index.html").is_file())
        return f"{folder}/{sub[0]}/"

    year = first("nam")
    return {
        "home": "",
        "topic": first("chu-de"),
        "notice issued": notice("issued"),
        "notice draft": notice("draft"),
        "notice superseded": notice("superseded"),
        "year": year,
        "month": first(year.rstrip("/")),
        "issuer": first("co-quan"),
        "signer": first("nguoi-ky"),
        "task index": "nhiem-vu/",
        "agency tasks": first("nhiem-vu"),
        "search results": f"tim-kiem/?q={QUERY.replace(' ', '+')}",
        "404": "404.html",
    }


def run_axe(browser, source: str) -> list[dict]:
    """axe's serious and critical WCAG A/AA violations on the page the browser shows."""
    browser.set_script_timeout(WAIT)
    browser.execute_script(source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        " resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical',"
        " help: String(e), nodes: []}]));", WCAG_TAGS)
    return [v for v in result if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return json.dumps([{"id": v["id"], "help": v["help"],
                        "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations],
                      ensure_ascii=False, indent=1)


def search_results_ready(browser) -> None:
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, WAIT).until(
        lambda d: d.find_elements("css selector", "#na-results-list li a"))


@pytest.mark.slow  # the second CI step (testing.md, "Two tiers")
@pytest.mark.browser
def test_every_page_type_has_no_serious_wcag_violation(built_internal, archive, browser,
                                                       serve_dir, axe_source):
    """The internal build, so that draft pages exist; its folder is served one level down, as
    hosting in a sub-folder does, which also proves 404.html finds its assets from anywhere."""
    site = built_internal / "site"
    base = serve_dir(built_internal) + "site/"
    found = {}
    for kind, path in page_paths(site, archive).items():
        browser.get(base + path)
        if kind == "search results":
            search_results_ready(browser)
        # Every stylesheet loaded: contrast is judged on the page as it is really shown.
        assert browser.execute_script(
            "return [...document.styleSheets].every(s => s.cssRules !== null)"), path
        assert browser.execute_script(
            "return getComputedStyle(document.querySelector('.md-header'))"
            ".backgroundColor") != "rgba(0, 0, 0, 0)", f"{path}: the theme's CSS did not load"
        violations = run_axe(browser, axe_source)
        if violations:
            found[f"{kind} ({path})"] = describe(violations)
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


def focus_ring(browser) -> bool:
    """Whether the focused element shows where the focus is (an outline or a ring)."""
    return browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
        " || (s.boxShadow && s.boxShadow !== 'none');")


def tab_through(browser, stop, limit: int = 200) -> list[dict]:
    """Press Tab from the top of the page until `stop(element)`; each stop's element."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    browser.execute_script("document.activeElement && document.activeElement.blur();"
                           "window.scrollTo(0, 0);")
    stops = []
    for _ in range(limit):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.execute_script(
            "const e = document.activeElement; const r = e.getBoundingClientRect();"
            "return {id: e.id, tag: e.tagName, href: e.getAttribute('href') || '',"
            " text: (e.innerText || e.value || '').trim().slice(0, 60),"
            " inResults: !!e.closest('#na-results-list'), top: r.top + window.scrollY,"
            " visible: r.width > 0 && r.height > 0};")
        element["ring"] = focus_ring(browser)
        stops.append(element)
        if stop(element):
            break
    return stops


@pytest.mark.browser
def test_search_box_and_results_page_by_keyboard_alone(built_public, browser, serve_dir):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    base = serve_dir(built_public / "site")

    # The header's search box: reached by Tab, focus shown, typing and Enter go to results.
    browser.get(base)
    stops = tab_through(browser, lambda e: e["id"] == "na-search-input")
    box = stops[-1]
    assert box["id"] == "na-search-input", [s["id"] or s["text"] for s in stops]
    assert box["ring"], "the focused search box shows no focus ring"
    assert all(s["ring"] and s["visible"] for s in stops), \
        [s for s in stops if not (s["ring"] and s["visible"])]
    browser.switch_to.active_element.send_keys(QUERY, Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda d: "tim-kiem" in d.current_url)
    search_results_ready(browser)

    # The results page: the query box comes before the results, results are reached in the
    # order they are listed (top to bottom), and every stop shows its focus.
    links = browser.execute_script(
        "return [...document.querySelectorAll('#na-results-list li a')]"
        ".map(a => a.getAttribute('href'));")
    stops = tab_through(browser, lambda e: e["inResults"] and e["href"] == links[-1])
    order = [s["id"] or s["href"] for s in stops]
    assert "na-results-q" in order, order
    reached = [s["href"] for s in stops if s["inResults"]]
    assert reached == [h for h in links if h in reached] and links[0] in reached, order
    assert order.index("na-results-q") < order.index(reached[0])
    tops = [s["top"] for s in stops if s["inResults"]]
    assert tops == sorted(tops), "results are not reached top to bottom"
    missing = [s for s in stops if not (s["ring"] and s["visible"])]
    assert not missing, f"focus not visible on: {missing}"
