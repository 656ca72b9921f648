"""The task register on the built site, in headless Chromium: the Nhiệm vụ tab, an agency page
with its overdue marks (as of the build date) and completed tasks, the notice's table, and the
agency's .ics fetched by the page and parsed back with a real iCalendar library."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import cli, copy_project
from generator.validate.rules import today_in_vietnam
from test_tasks import notice

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("tasks-site"), notices=False)
    today = today_in_vietnam()
    soon = today + dt.timedelta(days=20)
    notice(project, "a.md", "201/TB-VPUBND", dt.date(2024, 3, 1),
           "## II. Nhiệm vụ\n\n1. Giao Sở Y tế chủ trì, phối hợp Sở Tài chính kiểm tra an toàn "
           "thực phẩm, báo cáo trước ngày 30/4/2024.\n\n2. Sở Y tế tổng hợp số liệu hằng tháng.\n\n"
           "3. Sở Giao thông vận tải sửa chữa biển báo trong tháng 5/2024.\n")
    notice(project, "b.md", "15/TB-VPUBND", today - dt.timedelta(days=1),
           f"1. Sở Y tế tổ chức tiêm chủng mở rộng, hoàn thành trước ngày {soon:%d/%m/%Y}.\n")
    notice(project, "c.md", "230/TB-VPUBND", dt.date(2024, 6, 1),
           "1. Sở Giao thông vận tải đã hoàn thành việc sửa chữa biển báo.\n",
           'closes: [{notice: "201/TB-VPUBND", point: "II.3"}]\n')
    cli(project, "build", check=True)
    return project / "site", today, soon


def test_agency_page_overdue_marks_and_calendar(site, browser, serve_dir):
    from icalendar import Calendar
    from selenium.webdriver.common.by import By

    folder, today, soon = site
    base = serve_dir(folder)
    browser.get(base)
    browser.find_element(By.LINK_TEXT, "Nhiệm vụ").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Nhiệm vụ được giao"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.na-agencies tbody tr")
    assert rows[0].text.startswith("Sở Y tế")         # most overdue agency first
    rows[0].find_element(By.TAG_NAME, "a").click()

    assert browser.find_element(By.TAG_NAME, "h1").text == "Sở Y tế"
    open_rows = browser.find_elements(By.CSS_SELECTOR, "#dang-thuc-hien + .na-tasks-wrap tr.na-task")
    assert len(open_rows) == 3
    first, second, third = (r.find_element(By.CSS_SELECTOR, ".na-task-deadline").text
                            for r in open_rows)
    late = (today - dt.date(2024, 4, 30)).days
    assert first.startswith("30/04/2024")
    assert f"quá hạn {late} ngày" in first
    # The date overdue is counted to is said once, above the table, not on every row.
    assert "tính đến ngày" not in first
    count_line = browser.find_element(By.CSS_SELECTOR, ".na-count-line").text
    assert f"quá hạn tính đến ngày {today:%d/%m/%Y}" in count_line
    headers = [th.text for th in browser.find_elements(
        By.CSS_SELECTOR, "#dang-thuc-hien + .na-tasks-wrap thead th")]
    assert headers == ["Nhiệm vụ", "Thông báo", "Thời hạn", "Trạng thái"]
    # The notice number on one line (its cell is as tall as one line of text or the date).
    number = open_rows[0].find_element(By.CSS_SELECTOR, ".na-task-notice a")
    assert browser.execute_script("return arguments[0].getClientRects().length", number) == 1
    assert second.startswith(f"{soon:%d/%m/%Y}") and "quá hạn" not in second
    assert third == "hằng tháng"
    assert "overdue" in open_rows[0].get_attribute("class")
    assert "Sở Tài chính" in open_rows[0].text

    # The calendar the page links to, fetched by the browser and parsed back.
    href = browser.find_element(By.CSS_SELECTOR, "a.na-ics").get_attribute("href")
    text = browser.execute_async_script(
        "var done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done);", href)
    events = [e for e in Calendar.from_ical(text).walk("VEVENT")]
    assert sorted(e.decoded("DTSTART") for e in events) == [dt.date(2024, 4, 30), soon]
    assert all("Sở Y tế" in str(e["SUMMARY"]) for e in events)
    assert len({str(e["UID"]) for e in events}) == 2

    # A closed task: done on its agency's page (under its successor too), with the report.
    browser.get(f"{base}nhiem-vu/so-xay-dung/")
    done = browser.find_element(By.CSS_SELECTOR, "#hoan-thanh + .na-tasks-wrap").text
    assert "Hoàn thành (01/06/2024)" in done and "230/TB-VPUBND" in done
    assert "quá hạn" not in done


def test_notice_page_lists_its_tasks(site, browser, serve_dir):
    from selenium.webdriver.common.by import By

    folder, today, _ = site
    base = serve_dir(folder)
    browser.get(f"{base}2024/201-tb-vpubnd/")
    section = browser.find_element(By.CSS_SELECTOR, ".na-notice-tasks")
    assert section.find_element(By.TAG_NAME, "h2").text == "Nhiệm vụ được giao"
    leads = [c.text for c in section.find_elements(By.CSS_SELECTOR, "td.na-task-lead")]
    assert leads == ["Sở Y tế", "Sở Y tế", "Sở Giao thông vận tải"]
    assert re.search(r"quá hạn \d+ ngày", section.text)
    section.find_element(By.LINK_TEXT, "Sở Giao thông vận tải").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sở Giao thông vận tải"
    assert "Sở Xây dựng" in browser.find_element(By.CSS_SELECTOR, ".na-agency-successor").text
