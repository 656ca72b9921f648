"""The task register end to end: `notice-archive tasks` (JSON contract, filters, --write),
`tasks:` and `closes:` front matter, check rules NA7xx, and the profile rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import cli, copy_project
from generator.validate.rules import today_in_vietnam

TASK_KEYS = ["notice", "lead", "lead_slug", "support", "text", "deadline", "deadline_text",
             "status", "overdue", "source", "external", "certain"]


def notice(project: Path, name: str, number: str, date: dt.date, body: str, extra: str = "",
           classification: str = "public", status: str = "issued") -> Path:
    path = project / "notices" / str(date.year) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""---
number: "{number}"
type: thong-bao
title: "Kết luận về {name}"
issuer: "Văn phòng UBND tỉnh Hậu Giang"
date: {date.isoformat()}
signer:
  name: "Lưu Ngọc Đông"
  title: "Phó Chánh Văn phòng"
  authority: "KT. Chánh Văn phòng"
status: {status}
classification: {classification}
{extra}---

{body}
""", encoding="utf-8")
    return path


def tasks_json(project: Path, *args: str) -> list[dict]:
    result = cli(project, "tasks", "--json", *args, check=True)
    return json.loads(result.stdout)["tasks"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("tasks-sample"))


def test_json_follows_the_documented_field_order(sample):
    tasks = tasks_json(sample)
    assert len(tasks) > 50
    for task in tasks:
        assert list(task) == TASK_KEYS
        assert list(task["notice"]) == ["key", "number", "path", "url"]
        assert task["notice"]["path"].startswith("notices/")
        assert (sample / task["notice"]["path"]).is_file()
        assert task["notice"]["url"] == task["notice"]["key"] + "/"
        assert isinstance(task["overdue"], bool) and task["source"] in ("text", "front-matter")
        assert isinstance(task["external"], bool) and isinstance(task["certain"], bool)
        assert task["deadline"] is None or dt.date.fromisoformat(task["deadline"])
    one = next(t for t in tasks if t["notice"]["number"] == "98/TB-VPUBND"
               and t["lead_slug"] == "so-tu-phap")
    assert one["lead"] == "Sở Tư pháp" and one["support"] == ["Công an tỉnh"]
    assert one["deadline"] == "2024-05-30" and one["deadline_text"] == "trước ngày 30/5/2024"
    assert one["status"] == "chua-thuc-hien" and one["overdue"] is True
    # Most urgent first: every open task with a day comes before those without, in date order.
    days = [t["deadline"] for t in tasks if t["status"] != "hoan-thanh"]
    dated = [d for d in days if d]
    assert dated == sorted(dated) and days[:len(dated)] == dated
    # The public profile: no draft, internal or secret notice's task.
    assert not any(t["notice"]["key"].startswith("du-thao/") for t in tasks)


def test_filters(sample):
    builders = tasks_json(sample, "--agency", "Sở XD")
    assert {t["lead_slug"] for t in builders} == {"so-xay-dung", "so-giao-thong-van-tai"}
    assert tasks_json(sample, "--agency", "so-xay-dung") == builders
    overdue = tasks_json(sample, "--overdue")
    assert overdue == [t for t in tasks_json(sample) if t["overdue"]]
    assert overdue and len(overdue) < len(tasks_json(sample))  # the filter has work to do
    window = tasks_json(sample, "--from", "2024-06-01", "--to", "30/06/2024")
    assert window and all("2024-06-01" <= t["deadline"] <= "2024-06-30" for t in window)
    assert tasks_json(sample, "--status", "hoan-thanh") == []
    internal = tasks_json(sample, "--profile", "internal")
    assert any(t["notice"]["key"].startswith("du-thao/") for t in internal)
    text = cli(sample, "tasks", "--agency", "Công an tỉnh", "--overdue", check=True).stdout
    assert "QUÁ HẠN" in text and "tính đến ngày" in text


def test_front_matter_tasks_replace_extraction_and_closes_marks_done(tmp_path):
    project = copy_project(tmp_path / "p", notices=False)
    today = today_in_vietnam()
    later = today + dt.timedelta(days=40)
    notice(project, "a.md", "201/TB-VPUBND", dt.date(2024, 3, 1),
           "1. Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm, báo cáo trước ngày 30/4/2024.\n\n"
           "2. Sở Tài chính bố trí kinh phí trong tháng 5/2024.\n")
    notice(project, "b.md", "202/TB-VPUBND", dt.date(2024, 3, 5), "1. Nội dung khác.\n", f"""tasks:
  - lead: "Sở GD&ĐT"
    support: ["Công an tỉnh"]
    action: "Tuyên truyền an toàn giao thông trong trường học"
    deadline: {later.isoformat()}
    status: dang-thuc-hien
  - lead: "Sở Y tế"
    action: "Báo cáo kết quả hằng tháng"
    deadline: "hằng tháng"
""")
    notice(project, "c.md", "230/TB-VPUBND", dt.date(2024, 6, 1), "Sở Y tế đã hoàn thành.\n",
           'closes: [{notice: "201/TB-VPUBND", point: "1"}]\n')
    tasks = tasks_json(project)
    by_lead = {(t["notice"]["number"], t["lead_slug"]): t for t in tasks}
    closed = by_lead[("201/TB-VPUBND", "so-y-te")]
    assert closed["status"] == "hoan-thanh" and closed["overdue"] is False
    still = by_lead[("201/TB-VPUBND", "so-tai-chinh")]
    assert still["status"] == "chua-thuc-hien" and still["deadline"] == "2024-05-31"
    assert still["overdue"] is True
    manual = by_lead[("202/TB-VPUBND", "so-giao-duc-va-dao-tao")]
    assert manual["source"] == "front-matter" and manual["lead"] == "Sở Giáo dục và Đào tạo"
    assert manual["support"] == ["Công an tỉnh"] and manual["status"] == "dang-thuc-hien"
    assert manual["deadline"] == later.isoformat() and manual["overdue"] is False
    monthly = by_lead[("202/TB-VPUBND", "so-y-te")]
    assert monthly["deadline"] is None and monthly["deadline_text"] == "hằng tháng"
    assert ("202/TB-VPUBND", None) not in by_lead   # "Nội dung khác" was not extracted
    assert tasks[-1]["status"] == "hoan-thanh"       # done last
    # The agency filter by name, alias or slug; the closed task shows as done there too.
    assert [t["status"] for t in tasks_json(project, "--agency", "SYT")] == [
        "chua-thuc-hien", "hoan-thanh"]


def test_write_puts_the_extracted_tasks_into_the_front_matter(tmp_path):
    project = copy_project(tmp_path / "p", notices=False)
    path = notice(project, "a.md", "201/TB-VPUBND", dt.date(2024, 3, 1),
                  "1. Giao Sở Y tế, Sở Tài chính rà soát kinh phí, báo cáo trước ngày "
                  "30/4/2024.\n\n2. Các sở, ngành cập nhật số liệu hằng tháng.\n")
    result = cli(project, "tasks", "--write", str(path.relative_to(project)))
    assert result.returncode == 0, result.stderr
    assert "Đã ghi 3 nhiệm vụ" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert 'lead: "Sở Y tế"' in text and "deadline: 2024-04-30" in text
    assert 'deadline: "hằng tháng"' in text and 'point: "2"' in text
    check = cli(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    tasks = tasks_json(project)
    assert [t["source"] for t in tasks] == ["front-matter"] * 3
    # Written once: a second --write refuses to overwrite a person's corrections.
    again = cli(project, "tasks", "--write", str(path.relative_to(project)))
    assert again.returncode == 1 and "đã có trường tasks" in again.stderr


def test_check_rules(tmp_path):
    project = copy_project(tmp_path / "p", notices=False)
    notice(project, "a.md", "201/TB-VPUBND", dt.date(2024, 3, 1), "1. Nội dung.\n", """tasks:
  - lead: "Sở Y tế"
    action: "Kiểm tra"
    deadline: "30/9/2024"
  - lead: "Sở Tài chính"
    action: "Bố trí kinh phí"
    status: xong
  - lead: "Sở Nội vụ"
""")
    notice(project, "b.md", "202/TB-VPUBND", dt.date(2024, 3, 1),
           "1. Giao Sở Y tế báo cáo trước ngày 30/4/2023.\n",
           """closes: ["999/TB-VPUBND", {notice: "203/TB-VPUBND", point: "IV.7"}]
tasks:
  - lead: "Sở Ytế"
    action: "Kiểm tra"
    deadline: 2024-01-15
""")
    notice(project, "c.md", "203/TB-VPUBND", dt.date(2024, 3, 1),
           "1. Giao Sở Y tế báo cáo trước ngày 30/4/2023.\n")
    out = cli(project, "check", "--format", "json")
    problems = json.loads(out.stdout)
    found = {(d["path"][-5:], d["code"], d["field"]) for d in problems}
    messages = {d["code"]: d["message"] for d in problems}
    # Malformed entries are errors of the notice itself.
    assert ("/a.md", "NA713", "tasks.0.deadline") in found and "2024-09-30" in messages["NA713"]
    assert ("/a.md", "NA712", "tasks.1.status") in found
    assert ("/a.md", "NA711", "tasks.2") in found
    # Archive rules: unknown lead with a did-you-mean, a deadline before the notice, closes.
    assert ("/b.md", "NA714", "tasks.0.lead") in found and '"Sở Y tế"' in messages["NA714"]
    assert ("/b.md", "NA715", "tasks.0.deadline") in found
    assert ("/b.md", "NA716", "closes.0") in found and ("/b.md", "NA717", "closes.1") in found
    body = [d for d in problems if d["code"] == "NA715" and d["field"] is None]
    assert [(d["path"][-5:], d["line"]) for d in body] == [("/c.md", 15)]
    assert out.returncode == 1


def test_vocabulary_rules(tmp_path):
    project = copy_project(tmp_path / "p", notices=False)
    (project / "notices" / "agencies.yml").write_text("""
so-a:
  name: "Sở A"
  kind: so-nganh
  succeeded_by: so-b
so-b:
  name: "Sở B"
  aliases: ["Sở A"]
  kind: phong
Bad_Slug:
  name: "X"
so-c:
  nam: "Sở C"
""", encoding="utf-8")
    out = json.loads(cli(project, "check", "--format", "json").stdout)
    codes = {d["code"] for d in out}
    assert {"NA701", "NA702", "NA703", "NA704"} <= codes


def test_a_withheld_notice_s_tasks_appear_nowhere(tmp_path):
    project = copy_project(tmp_path / "p", notices=False)
    notice(project, "a.md", "201/TB-VPUBND", dt.date(2024, 3, 1),
           "1. Giao Sở Y tế kiểm tra an toàn thực phẩm.\n")
    notice(project, "s.md", "77/TB-CAT", dt.date(2024, 3, 2),
           "1. Ban Chuyên án Xuân Hòa khẩn trương xác minh nguồn tin trước ngày 30/3/2024.\n",
           classification="secret")
    notice(project, "i.md", "78/TB-CAT", dt.date(2024, 3, 3),
           "1. Đội Trinh sát Nội bộ Bảy rà soát hồ sơ.\n", classification="internal")
    assert {t["lead"] for t in tasks_json(project)} == {"Sở Y tế"}
    assert {t["lead"] for t in tasks_json(project, "--profile", "internal")} == {
        "Sở Y tế", "Đội Trinh sát Nội bộ Bảy"}
    cli(project, "build", check=True)
    site = project / "site"
    everything = "".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in site.rglob("*") if p.is_file() and p.suffix in (
                             ".html", ".json", ".xml", ".ics"))
    assert "Xuân Hòa" not in everything and "Trinh sát Nội bộ" not in everything
    catalog = json.loads((site / "notices.json").read_text(encoding="utf-8"))
    assert [a["key"] for a in catalog["agencies"]] == ["so-y-te"]
    assert catalog["notices"][0]["tasks"][0]["lead_slug"] == "so-y-te"


def test_agency_field_and_facet_in_the_cli_search(sample):
    """`agency:` finds exactly the notices that give the agency a task (by name or alias),
    and the facets count lead agencies over the full matches."""
    tasks = tasks_json(sample)
    expected = {t["notice"]["key"] for t in tasks if t["lead_slug"] == "so-tu-phap"}
    assert expected
    for query in ('agency:"Sở Tư pháp"', 'donvi:"so tu phap"'):
        result = json.loads(cli(sample, "search", query, "--json", "--limit", "50",
                                check=True).stdout)
        found = {r["url"].rstrip("/") for r in result["results"][:result["total"]]}
        assert found == expected, query
    facets = json.loads(cli(sample, "search", "tinh", "--json", check=True).stdout)["facets"]
    names = {f["name"] for f in facets["agency"]}
    assert "Sở Tư pháp" in names and all(f["count"] > 0 for f in facets["agency"])


@pytest.mark.browser
def test_agency_field_and_facet_in_the_browser(sample, browser, serve_dir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from search_harness import browser_search
    cli(sample, "build", check=True)
    tasks = tasks_json(sample)
    expected = {t["notice"]["key"] for t in tasks if t["lead_slug"] == "so-tu-phap"}
    base = serve_dir(sample / "site")
    (got,) = browser_search(browser, base, ['agency:"Sở Tư pháp"'], limit=50)
    assert set(got["keys"][:got["full"]]) == expected
    browser.get(base + "tim-kiem/?q=tinh")
    WebDriverWait(browser, 300).until(
        lambda d: "Đơn vị được giao nhiệm vụ" in d.find_element(By.ID, "na-results").text
        and "Sở Tư pháp" in d.find_element(By.ID, "na-results").text)


def test_a_deadline_in_the_text_is_judged_per_file_and_memoised(tmp_path):
    """NA715 for a body deadline needs the notice alone: it comes from the per-file stage, whose
    result the memo keeps, so an unchanged notice reports it again without being read."""
    from generator import authenticated
    from generator.load import load_document
    from generator.validate import check_document

    from conftest import cache_of
    project = copy_project(tmp_path / "p", notices=False)
    body = "1. Giao Sở Y tế báo cáo trước ngày 30/4/2023.\n"
    path = notice(project, "c.md", "203/TB-VPUBND", dt.date(2024, 3, 1), body)
    _, alone = check_document(load_document(path, project))
    assert [(d.code, d.line, d.column) for d in alone if d.code == "NA715"] == [("NA715", 15, 17)]

    def body_deadlines():
        out = cli(project, "check", "--format", "json")
        return [(d["path"], d["line"], d["column"], d["message"])
                for d in json.loads(out.stdout) if d["code"] == "NA715"]

    first = body_deadlines()
    assert first == [("notices/2024/c.md", 15, 17, 'thời hạn "báo cáo trước ngày 30/4/2023" sớm '
                      "hơn ngày ban hành 01/03/2024; kiểm tra lại năm, tháng")]
    memo = authenticated.read_json(cache_of(project) / "documents.json")
    _, diagnostics = memo["entries"]["notices/2024/c.md"][1]
    assert [row[4] for row in diagnostics].count("NA715") == 1
    # Another notice changes the archive: c.md comes from the memo, with the same warning. A
    # notice with `tasks:` is judged on those, not on its text.
    notice(project, "d.md", "204/TB-VPUBND", dt.date(2024, 3, 1), body,
           'tasks:\n  - lead: "Sở Y tế"\n    action: "Báo cáo"\n')
    assert body_deadlines() == first


def test_calendar_lines_fold_at_75_octets_between_characters():
    """RFC 5545 3.1: at most 75 octets a line, continuations start with one space; a line is
    never cut inside a character's UTF-8 bytes (Vietnamese letters are 2 or 3 bytes)."""
    from generator.render.task_files import _fold

    assert _fold("A" * 75) == ["A" * 75]
    assert _fold("A" * 80) == ["A" * 75, " " + "A" * 5]
    assert _fold("A" * 75 + "B" * 74 + "C") == ["A" * 75, " " + "B" * 74, " C"]
    # 74 ASCII + "ố" (3 bytes) would make 77: the letter moves whole to the next line.
    assert _fold("S" * 74 + "ố" + "x") == ["S" * 74, " ốx"]
    # 73 + "đ" (2 bytes) fits exactly.
    assert _fold("S" * 73 + "đ" + "x") == ["S" * 73 + "đ", " x"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_tasks_extracted_on_both_cores_equal_those_extracted_one_by_one(method, monkeypatch):
    """A cold build of a large archive extracts tasks in worker processes: the register must
    be the one the single-process path gives, whichever way workers start."""
    from generator import processes
    from generator.link import tasks as register
    from generator.pipeline import validate_archive

    root = Path(__file__).resolve().parent.parent
    archive = validate_archive(root / "notices", root).archive
    notices = [n for n in archive.notices if n.classification != "secret"]
    by_number = archive.by_number()
    alone = register.build_register(notices, archive.agencies, by_number, {})
    monkeypatch.setattr(register, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(register, "WORKERS", 2)
    ran = []
    real = register.ProcessPoolExecutor
    monkeypatch.setattr(register, "ProcessPoolExecutor", lambda *a, **k: ran.append(1) or real(*a, **k))
    monkeypatch.setenv(processes.FORCE_ENV, method)
    memo: dict = {}
    both = register.build_register(notices, archive.agencies, by_number, memo)
    assert ran and both == alone and sum(map(len, both[0].values())) > 20
    assert len(memo) == sum(1 for n in notices if n.tasks is None and n.status != "superseded")
