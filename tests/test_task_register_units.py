"""`link/tasks.py` in process, on notices made in memory: who owns a task, when it is done,
which notices are chased, and in what order an agency page lists its tasks. What an office
reads on its page (and `tasks --overdue` prints) comes from here. mutmut's fast selection
for the module."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.link import tasks as register
from generator.link.tasks import Task, build_register
from generator.model import Agency, Closing, Notice, Numbers, Scope, TaskEntry

D = dt.date
AGENCIES = {
    "ubnd-tinh": Agency("ubnd-tinh", "UBND tỉnh", ("Ủy ban nhân dân tỉnh",), "tinh",
                        succeeded_by="ubnd-thanh-pho", since=D(2025, 7, 1)),
    "ubnd-thanh-pho": Agency("ubnd-thanh-pho", "UBND thành phố", (), "tinh"),
    "so-gtvt": Agency("so-gtvt", "Sở Giao thông vận tải", ("Sở GTVT",), "so-nganh",
                      succeeded_by="so-xay-dung", since=D(2025, 3, 1)),
    "so-xay-dung": Agency("so-xay-dung", "Sở Xây dựng", (), "so-nganh",
                          succeeded_by="so-xd-moi", since=D(2026, 1, 1)),
    "so-xd-moi": Agency("so-xd-moi", "Sở Xây dựng mới", (), "so-nganh"),
    "so-tai-chinh": Agency("so-tai-chinh", "Sở Tài chính", ("STC",), "so-nganh"),
    "so-y-te": Agency("so-y-te", "Sở Y tế", (), "so-nganh"),
}
SCOPE = Scope(jurisdiction=("tỉnh Hậu Giang",))


def make(source: str, number: str, date: dt.date, body: str = "", *, tasks=None, closes=(),
         status: str = "issued", supersedes: str | None = None) -> Notice:
    return Notice(source=f"notices/{date.year}/{source}.md", title=f"Kết luận {source}",
                  type="thong-bao", status=status, classification="public", body=body,
                  body_line=10, digest=source + body + repr(tasks), number=number, date=date,
                  tasks=tasks, closes=tuple(closes), supersedes=supersedes)


def run(notices, memo=None):
    return build_register(notices, AGENCIES, Numbers(notices), memo, SCOPE)


def entry(lead: str, action: str = "Báo cáo", **kw) -> TaskEntry:
    return TaskEntry(lead=lead, action=action, **kw)


def test_front_matter_tasks_resolve_their_agencies():
    n = make("a", "1/TB-VP", D(2024, 3, 1), tasks=(
        entry("Sở GTVT", support=("STC", "Hội Nông dân")),
        entry("Phòng Kinh tế huyện"),
        entry("UBND tỉnh Hà Tĩnh"),
    ))
    tasks = run([n])[0][n.key]
    first, unknown, outside = tasks
    assert (first.lead, first.lead_slug, first.support) == (
        "Sở Giao thông vận tải", "so-gtvt", ("Sở Tài chính", "Hội Nông dân"))
    assert first.owners == ("so-gtvt", "so-xay-dung", "so-xd-moi")   # successors, in order
    assert (unknown.lead, unknown.lead_slug, unknown.owners, unknown.external) == (
        "Phòng Kinh tế huyện", None, ("phong-kinh-te-huyen",), False)
    assert (outside.lead_slug, outside.owners, outside.external) == (None, (), True)
    assert [t.index for t in tasks] == [0, 1, 2]
    assert {t.source for t in tasks} == {"front-matter"}
    assert all(t.certain for t in tasks)


def test_front_matter_status_deadline_and_report():
    report = make("r", "9/BC-STC", D(2024, 5, 1))
    n = make("a", "1/TB-VP", D(2024, 3, 1), tasks=(
        entry("Sở Y tế", deadline=D(2024, 4, 5)),
        entry("Sở Y tế", completed=D(2024, 4, 2), report="9/BC-STC"),
        entry("Sở Y tế", status="dang-thuc-hien", deadline_text="hằng tháng"),
        entry("Sở Y tế", report="404/BC-X"),
    ))
    t = run([n, report])[0][n.key]
    assert (t[0].status, t[0].deadline, t[0].deadline_text) == ("chua-thuc-hien", D(2024, 4, 5), "05/04/2024")
    assert (t[1].status, t[1].completed, t[1].report, t[1].report_notice) == (
        "hoan-thanh", D(2024, 4, 2), "9/BC-STC", report)
    assert (t[2].status, t[2].deadline, t[2].deadline_text) == ("dang-thuc-hien", None, "hằng tháng")
    assert (t[3].report, t[3].report_notice) == ("404/BC-X", None)


def test_a_report_not_published_is_not_linked():
    report = make("r", "9/BC-STC", D(2024, 5, 1))
    n = make("a", "1/TB-VP", D(2024, 3, 1), tasks=(entry("Sở Y tế", report="9/BC-STC"),))
    # the report exists in the numbers (e.g. withheld from this profile) but is not published
    register_, _ = build_register([n], AGENCIES, Numbers([n, report]), None, SCOPE)
    assert register_[n.key][0].report_notice is None


BODY = ("1. Giao Sở Tài chính chủ trì, phối hợp Sở Y tế rà soát kinh phí, báo cáo trước ngày "
        "30/4/2024.\n\n2. Giao Sở GTVT sửa chữa cầu yếu.\n")


def test_body_tasks_are_extracted_and_memoised():
    n = make("a", "1/TB-VP", D(2024, 3, 1), BODY)
    memo: dict = {}
    tasks = run([n], memo)[0][n.key]
    assert [(t.lead_slug, t.deadline, t.source, t.status) for t in tasks] == [
        ("so-tai-chinh", D(2024, 4, 30), "text", "chua-thuc-hien"),
        ("so-gtvt", None, "text", "chua-thuc-hien")]
    assert tasks[1].owners == ("so-gtvt", "so-xay-dung", "so-xd-moi")
    assert "Sở Y tế" in tasks[0].support
    assert list(memo) == [register.memo_key(n, register.vocabulary_digest(AGENCIES, SCOPE))]
    # A memo entry is used as it is: the body is not read again.
    key = next(iter(memo))
    memo[key] = memo[key][:1]
    assert len(run([n], memo)[0][n.key]) == 1


def test_the_memo_key_follows_the_vocabulary_and_the_scope():
    base = register.vocabulary_digest(AGENCIES, SCOPE)
    assert register.vocabulary_digest(AGENCIES, SCOPE) == base
    assert register.vocabulary_digest(AGENCIES, Scope()) != base
    fewer = {k: v for k, v in AGENCIES.items() if k != "so-y-te"}
    assert register.vocabulary_digest(fewer, SCOPE) != base


def test_a_notice_without_tasks_has_no_entry():
    n = make("a", "1/TB-VP", D(2024, 3, 1), "Hội nghị đã diễn ra tốt đẹp.\n")
    assert run([n]) == ({}, {})


def test_closes_marks_the_earlier_notices_tasks_done():
    old = make("old", "1/TB-VP", D(2024, 3, 1), tasks=(entry("Sở Y tế"), entry("Sở Tài chính")))
    report = make("bc", "7/BC-SYT", D(2024, 6, 1), closes=[Closing("1/TB-VP")])
    t = run([old, report])[0][old.key]
    assert [(x.status, x.completed, x.report, x.report_notice) for x in t] == [
        ("hoan-thanh", D(2024, 6, 1), "7/BC-SYT", report)] * 2


def test_closes_one_point_closes_its_sub_points_only():
    old = make("old", "1/TB-VP", D(2024, 3, 1), tasks=(
        entry("Sở Y tế", point="2"), entry("Sở Y tế", point="2.1"),
        entry("Sở Y tế", point="21"), entry("Sở Y tế", point="3"), entry("Sở Y tế")))
    report = make("bc", "7/BC-SYT", D(2024, 6, 1), closes=[Closing("1/TB-VP", point="2.")])
    t = run([old, report])[0][old.key]
    assert [x.status for x in t] == ["hoan-thanh", "hoan-thanh", "chua-thuc-hien",
                                     "chua-thuc-hien", "chua-thuc-hien"]


def test_a_task_already_done_keeps_its_own_report():
    old = make("old", "1/TB-VP", D(2024, 3, 1), tasks=(
        entry("Sở Y tế", completed=D(2024, 4, 1), report="5/BC"),
        entry("Sở Y tế", status="dang-thuc-hien", completed=D(2024, 4, 2))))
    report = make("bc", "7/BC-SYT", D(2024, 6, 1), closes=[Closing("1/TB-VP")])
    done, ongoing = run([old, report])[0][old.key]
    assert (done.completed, done.report) == (D(2024, 4, 1), "5/BC")
    assert (ongoing.status, ongoing.completed, ongoing.report) == ("hoan-thanh", D(2024, 4, 2), "7/BC-SYT")


def test_the_latest_closing_wins_and_a_notice_cannot_close_itself():
    old = make("old", "1/TB-VP", D(2024, 3, 1), tasks=(entry("Sở Y tế"),))
    first = make("bc1", "7/BC-SYT", D(2024, 6, 1), closes=[Closing("1/TB-VP")])
    second = make("bc2", "8/BC-SYT", D(2024, 7, 1), closes=[Closing("1/TB-VP")])
    (t,) = run([second, old, first])[0][old.key]
    assert t.report == "8/BC-SYT"
    selfish = make("s", "2/TB-VP", D(2024, 3, 1), tasks=(entry("Sở Y tế"),),
                   closes=[Closing("2/TB-VP")])
    assert run([selfish])[0][selfish.key][0].status == "chua-thuc-hien"
    unknown = make("u", "3/TB-VP", D(2024, 3, 1), closes=[Closing("999/TB-X")])
    assert run([old, unknown])[0][old.key][0].status == "chua-thuc-hien"


def test_replaced_and_revoked_notices_are_not_chased():
    old = make("old", "1/TB-VP", D(2024, 3, 1), tasks=(entry("Sở Y tế"),))
    new = make("new", "2/TB-VP", D(2024, 4, 1), tasks=(entry("Sở Tài chính"),), supersedes="1/TB-VP")
    revoked = make("rv", "3/TB-VP", D(2024, 4, 1), tasks=(entry("Sở Y tế"),), status="revoked")
    superseded = make("sp", "4/TB-VP", D(2024, 4, 1), tasks=(entry("Sở Y tế"),), status="superseded")
    tasks, pages = run([old, new, revoked, superseded])
    assert list(tasks) == [new.key]
    assert list(pages) == ["so-tai-chinh"]


def test_agency_pages_list_each_owner_most_urgent_first():
    a = make("a", "1/TB-VP", D(2024, 3, 1), tasks=(
        entry("Sở GTVT", "Việc không hạn"), entry("Sở GTVT", "Việc xong", completed=D(2024, 3, 5)),
        entry("Sở GTVT", "Việc hạn muộn", deadline=D(2024, 9, 1)),
        entry("Sở GTVT", "Việc hạn sớm", deadline=D(2024, 4, 1))))
    b = make("b", "2/TB-VP", D(2024, 5, 1), tasks=(
        entry("Sở Xây dựng", "Việc mới không hạn"), entry("Phòng Kinh tế", "Việc ngoài danh mục")))
    _, pages = run([a, b])
    assert list(pages) == ["phong-kinh-te", "so-gtvt", "so-xay-dung", "so-xd-moi"]
    assert [t.action for t in pages["so-gtvt"].tasks] == [
        "Việc hạn sớm", "Việc hạn muộn", "Việc không hạn", "Việc xong"]
    # the successor's page holds its own tasks and those of the agencies it took over,
    # the newer notice first among tasks without a deadline
    assert [t.action for t in pages["so-xay-dung"].tasks] == [
        "Việc hạn sớm", "Việc hạn muộn", "Việc mới không hạn", "Việc không hạn", "Việc xong"]
    assert (pages["so-gtvt"].name, pages["so-gtvt"].agency) == ("Sở Giao thông vận tải", AGENCIES["so-gtvt"])
    assert (pages["phong-kinh-te"].name, pages["phong-kinh-te"].agency) == ("Phòng Kinh tế", None)


def _task(**kw) -> Task:
    n = make("a", "1/TB-VP", D(2024, 3, 1))
    base = dict(notice=n, index=0, lead="Sở Y tế", lead_slug="so-y-te", support=(), action="x",
                text="x", deadline=D(2024, 5, 10), deadline_text="10/05/2024",
                status="chua-thuc-hien", completed=None, report=None, report_notice=None,
                point=None, line=1, source="text", owners=("so-y-te",))
    return Task(**{**base, **kw})


@pytest.mark.parametrize("kw, today, days", [
    ({}, D(2024, 5, 9), 0), ({}, D(2024, 5, 10), 0), ({}, D(2024, 5, 11), 1),
    ({}, D(2024, 6, 10), 31), ({"status": "hoan-thanh"}, D(2024, 6, 10), 0),
    ({"status": "dang-thuc-hien"}, D(2024, 6, 10), 31), ({"deadline": None}, D(2030, 1, 1), 0),
])
def test_overdue_days(kw, today, days):
    assert _task(**kw).overdue_days(today) == days


def test_done_means_hoan_thanh_only():
    assert _task(status="hoan-thanh").done
    assert not _task(status="dang-thuc-hien").done and not _task().done


def test_lazy_register_computes_once_when_asked(monkeypatch):
    calls = []
    monkeypatch.setattr(register, "build_register", lambda *a: calls.append(a) or ({}, {}))
    lazy = register.LazyRegister(1, 2)
    assert calls == []
    assert lazy.get() == ({}, {}) and lazy.get() == ({}, {})
    assert calls == [(1, 2)]


def test_agency_key_uses_the_slug_or_the_name():
    assert register.agency_key("Sở Y tế", "so-y-te") == "so-y-te"
    assert register.agency_key("Phòng Kinh tế", None) == "phong-kinh-te"
    assert register.agency_key("!!!", None) == "khac"


def test_a_worker_extracts_what_the_register_extracts_in_process():
    """The worker entry points (run in child processes on a cold build of a large archive)."""
    n = make("a", "1/TB-VP", D(2024, 3, 1), BODY)
    register._start_extractor(dict(AGENCIES), SCOPE)
    found = register._extract_in_worker((n.body, n.body_line, n.date))
    in_process = register.extracted(
        n, register.TaskExtractor.for_scope(register.AgencyMatcher(AGENCIES), SCOPE), None, "v")
    assert found == in_process
    assert [t.lead_slug for t in found] == ["so-tai-chinh", "so-gtvt"]
    assert found[0].deadline == D(2024, 4, 30) and found[0].line == n.body_line


def test_few_missing_notices_are_left_to_extract_on_first_use(monkeypatch):
    n = make("a", "1/TB-VP", D(2024, 3, 1), BODY)
    monkeypatch.setattr(register, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(register, "WORKERS", 2)
    monkeypatch.setattr(register, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("no pool for one notice"))
    memo: dict = {}
    assert register._extract_missing([n], AGENCIES, memo, "v", SCOPE) is memo and memo == {}
    assert register._extract_missing([n], AGENCIES, None, "v", SCOPE) == {}


def test_body_tasks_carry_every_field_the_pages_show():
    body = ("1. Giao Sở Tài chính chủ trì rà soát kinh phí, báo cáo UBND tỉnh trước ngày 30/4.\n\n"
            "2. Giao Sở GTVT sửa chữa cầu yếu.\n")
    n = make("a", "1/TB-VP", D(2024, 3, 1), body)
    first, second = run([n], {})[0][n.key]
    # the year of "30/4" is the notice's
    assert (first.index, first.lead, first.deadline, first.deadline_text) == (
        0, "Sở Tài chính", D(2024, 4, 30), "trước ngày 30/4")
    assert first.action and first.action in first.text and "rà soát kinh phí" in first.text
    assert (first.line, second.line) == (n.body_line, n.body_line + 2)
    assert (second.index, second.lead, second.owners) == (
        1, "Sở Giao thông vận tải", ("so-gtvt", "so-xay-dung", "so-xd-moi"))
    assert first.certain and not first.external and first.notice is n


class InlinePool:
    """A stand-in for ProcessPoolExecutor that runs the same initializer and worker function in
    this process, so the cold-build path (`_extract_missing` with a pool) is traced by mutmut.
    It records how it was started and the chunk size it was given."""

    started: list = []

    def __init__(self, workers, *, mp_context, initializer, initargs):
        self.args = {"workers": workers, "mp_context": mp_context, "initargs": initargs}
        InlinePool.started.append(self)
        initializer(*initargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        register._WORKER_EXTRACTOR = None   # what a pool's workers take with them when they end
        return False

    def map(self, fn, items, chunksize):
        self.chunksize = chunksize
        return iter([fn(item) for item in items])


def _cold(monkeypatch, count: int, workers: int = 2, threshold: int = 3, empty: bool = False):
    """`count` distinct notices extracted through the pool path, and their one-by-one result."""
    monkeypatch.setattr(register, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(register, "PARALLEL_THRESHOLD", threshold)
    monkeypatch.setattr(register, "WORKERS", workers)
    InlinePool.started = []
    bodies = [BODY, "1. Giao Sở Y tế kiểm tra, hoàn thành trong tháng 5.\n",   # the notice's year
              "Hội nghị diễn ra tốt đẹp.\n"] if not empty else [""]
    notices = [make(f"n{i}", f"{i}/TB-VP", D(2024, 3, 1) + dt.timedelta(days=i),
                    bodies[i % len(bodies)]) for i in range(count)]
    return notices


def test_a_cold_build_extracts_through_the_pool_what_one_by_one_extracts(monkeypatch):
    notices = _cold(monkeypatch, 7)
    vocab = register.vocabulary_digest(AGENCIES, SCOPE)
    memo = register._extract_missing(notices, AGENCIES, None, vocab, SCOPE)
    (pool,) = InlinePool.started
    # started with both workers, the start method of every pool, and the vocabulary and scope
    assert pool.args == {"workers": 2, "mp_context": register.processes.context(),
                         "initargs": (dict(AGENCIES), SCOPE)}
    extractor = register.TaskExtractor.for_scope(register.AgencyMatcher(AGENCIES), SCOPE)
    one_by_one = {register.memo_key(n, vocab): register.extracted(n, extractor, None, vocab)
                  for n in notices}
    assert memo == one_by_one                      # each notice's tasks under its own key
    assert [t.lead_slug for t in memo[register.memo_key(notices[0], vocab)]] == [
        "so-tai-chinh", "so-gtvt"]
    assert memo[register.memo_key(notices[1], vocab)][0].deadline == D(2024, 5, 31)
    assert memo[register.memo_key(notices[2], vocab)] == ()
    # the register built from that memo has the pages a one-by-one build has
    assert run(notices, memo) == run(notices, None)


def test_the_pool_only_extracts_what_the_memo_lacks(monkeypatch):
    notices = _cold(monkeypatch, 6, threshold=5)
    vocab = register.vocabulary_digest(AGENCIES, SCOPE)
    known = {register.memo_key(notices[0], vocab): ("kept",)}
    memo = register._extract_missing(notices, AGENCIES, known, vocab, SCOPE)
    assert memo is known and memo[register.memo_key(notices[0], vocab)] == ("kept",)
    assert len(memo) == 6
    # five missing reach the threshold; three do not, and then no pool is started
    InlinePool.started = []
    again = {register.memo_key(n, vocab): () for n in notices[:3]}
    register._extract_missing(notices, AGENCIES, again, vocab, SCOPE)
    assert InlinePool.started == [] and len(again) == 3


def test_one_worker_starts_no_pool(monkeypatch):
    notices = _cold(monkeypatch, 6, workers=1)
    assert register._extract_missing(notices, AGENCIES, None, "v", SCOPE) == {}
    assert InlinePool.started == []


@pytest.mark.parametrize("count, workers, chunk", [
    (7, 2, 16),          # small batches: at least 16 notices per task sent to a worker
    (16 * 16, 2, 16),    # 256 // 16 = 16
    (16 * 16 + 16, 2, 17),
    (1000, 2, 62),       # about eight chunks per worker
    (1000, 3, 41),
])
def test_the_chunk_size_gives_each_worker_about_eight_chunks(monkeypatch, count, workers, chunk):
    notices = _cold(monkeypatch, count, workers=workers, empty=True)
    register._extract_missing(notices, AGENCIES, None, "v", SCOPE)
    assert InlinePool.started[0].chunksize == chunk


def test_the_lazy_register_lets_go_of_its_inputs(monkeypatch):
    """After the register is built, the notices it was built from are not kept alive by it."""
    monkeypatch.setattr(register, "build_register", lambda *a: ({}, {}))
    lazy = register.LazyRegister([1], {2: 3})
    lazy.get()
    assert lazy._args is None


def test_a_cold_register_extracts_body_tasks_through_the_pool_with_the_scope(monkeypatch):
    """build_register on a cold memo sends the notices without `tasks:` to the pool, with the
    archive's scope: a body outside the province stays outside, and owns no page."""
    monkeypatch.setattr(register, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(register, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(register, "WORKERS", 2)
    InlinePool.started = []
    outside = ("1. Đề nghị UBND tỉnh Sóc Trăng phối hợp nạo vét kênh Quản Lộ - Phụng Hiệp.\n\n"
               "2. Giao Viettel Hậu Giang hỗ trợ đường truyền.\n")
    notices = [make("a", "1/TB-VP", D(2024, 3, 1), BODY),
               make("b", "2/TB-VP", D(2024, 3, 2), outside),
               make("c", "3/TB-VP", D(2024, 3, 3), tasks=(entry("Sở Y tế"),))]
    memo: dict = {}
    by_notice, pages = run(notices, memo)
    (pool,) = InlinePool.started
    vocab = register.vocabulary_digest(AGENCIES, SCOPE)
    assert set(memo) == {register.memo_key(n, vocab) for n in notices[:2]}   # not the front matter's
    sobs, viettel = by_notice[notices[1].key]
    assert (sobs.lead, sobs.external, sobs.owners) == ("UBND tỉnh Sóc Trăng", True, ())
    assert (viettel.lead, viettel.lead_slug, viettel.external, viettel.owners) == (
        "Viettel Hậu Giang", None, False, ("viettel-hau-giang",))
    assert "viettel-hau-giang" in pages and not any("soc-trang" in key for key in pages)
    assert by_notice == run(notices, None)[0]        # the same register one by one
