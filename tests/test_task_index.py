"""The task index (nhiem-vu/) and an agency's page as a person scans them: one cell per column,
an agency merged into another listed under its successor with each task counted once, and an
agency's table of task, notice, deadline and status."""

from __future__ import annotations

from test_links import parse


def _rows(site):
    table = parse(site / "nhiem-vu" / "index.html").find("table", "na-agencies")
    headers = [" ".join(th.text().split()) for th in table.find("thead").find_all("th")]
    rows = []
    for tr in table.find("tbody").find_all("tr"):
        name = " ".join(tr.find("th").find("a").text().split())
        counts = [int(td.text().strip() or 0) for td in tr.find_all("td")[:3]]
        rows.append((name, "na-agency-predecessor" in tr.classes(), counts))
    return headers, rows


def test_task_index_lists_a_successor_with_its_predecessors_counting_each_task_once(
        built_public, archive):
    site = built_public / "site"
    headers, rows = _rows(site)
    assert headers == ["Cơ quan chủ trì", "Đang thực hiện", "Quá hạn", "Hoàn thành", "Lịch"]
    names = [name for name, _, _ in rows]
    successor = names.index("Công an thành phố Cần Thơ")
    assert rows[successor][1] is False
    assert rows[successor + 1][:2] == ("Công an tỉnh", True)   # under its successor
    assert rows[successor + 1][2][0] <= rows[successor][2][0]  # a part, not an addition
    assert names.count("Công an tỉnh") == 1
    # Every task of the register once: top-level rows' open and completed tasks add up to it.
    text = parse(site / "nhiem-vu" / "index.html").find("p", "na-lead").text()
    total = int(text.split()[0])
    assert sum(c[0] + c[2] for _, under, c in rows if not under) == total


def test_agency_page_is_a_table_of_task_notice_deadline_status(built_public):
    page = built_public / "site" / "nhiem-vu" / "cong-an-thanh-pho-can-tho" / "index.html"
    root = parse(page)
    table = root.find("table", "na-tasks")
    headers = [th.text().strip() for th in table.find("thead").find_all("th")]
    assert headers == ["Nhiệm vụ", "Thông báo", "Thời hạn", "Trạng thái"]
    assert not table.find_all("td", "na-task-lead")       # the agency is the page's own
    assert page.read_text(encoding="utf-8").count("tính đến ngày") == 1
    deadlines = [tr.attrs.get("data-deadline", "") for tr in table.find("tbody").find_all("tr")]
    overdue = ["na-task-overdue" in tr.classes() for tr in table.find("tbody").find_all("tr")]
    assert overdue == sorted(overdue, reverse=True), "overdue tasks first"
    assert any(overdue) and deadlines
