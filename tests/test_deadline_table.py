"""Every deadline phrase form the extractor knows, with hand-written expected dates.

Each row: the text, the notice's date (supplies a missing year, or None), the date a person
reads in it. Impossible dates are refused (no date), never swapped or rolled into a valid one.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.deadlines import find_deadlines

D = dt.date
SEPT_30 = D(2024, 9, 30)


def _id(value) -> str:
    """An ASCII test id without quotes or backslashes: mutmut re-runs tests by node id."""
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii(value)).strip("_") or "empty"

# Every word that introduces a day, before "30/9/2024".
LEADS = [
    "trước ngày", "trước", "chậm nhất ngày", "chậm nhất là ngày", "chậm nhất là trước ngày",
    "chậm nhất vào ngày", "chậm nhất đến ngày", "chậm nhất trong ngày", "hạn chót", "hạn chót là ngày",
    "hạn cuối ngày", "thời hạn: ngày", "thời hạn hoàn thành: ngày", "thời hạn trước ngày",
    "thời hạn là ngày", "thời gian thực hiện: trước ngày", "thời gian hoàn thành: ngày",
    "không quá ngày", "trong ngày", "vào ngày", "đến hết ngày", "hết ngày", "ngay trong ngày",
    "xong trước ngày", "phấn đấu đến ngày", "hoàn thành đến ngày", "xong đến ngày",
    "báo cáo trước ngày", "trình trước ngày", "gửi trước ngày", "nộp trước ngày",
    "hoàn thành trước ngày", "thực hiện trước ngày", "triển khai trước ngày", "tổ chức trước ngày",
    "Trước ngày", "CHẬM NHẤT NGÀY",
]

# Every way of writing the day itself, after "trước ngày".
DAYS = [
    ("30/9/2024", None, SEPT_30),
    ("30/09/2024", None, SEPT_30),
    ("30-9-2024", None, SEPT_30),
    ("30.9.2024", None, SEPT_30),
    ("30 / 9 / 2024", None, SEPT_30),
    ("30 tháng 9 năm 2024", None, SEPT_30),
    ("30 tháng 9/2024", None, SEPT_30),
    ("30/9", D(2024, 8, 1), SEPT_30),                 # the notice's year
    ("30 tháng 9", D(2024, 8, 1), SEPT_30),
    ("15/01", D(2024, 12, 20), D(2025, 1, 15)),       # written in December: next January
    ("30/9", D(2024, 10, 15), SEPT_30),               # a fortnight late: still this year's
    ("29/2/2024", None, D(2024, 2, 29)),              # a leap day that exists
]

OTHER_FORMS = [
    # a time of day before the day
    ("báo cáo trước 16 giờ ngày 30/9/2024", None, SEPT_30),
    ("trước 16h30 ngày 30/9/2024", None, SEPT_30),
    ("trước 16 giờ 30 phút, ngày 30/9/2024", None, SEPT_30),
    ("trước 8g00 ngày 30/9/2024", None, SEPT_30),
    # a month: its last day; "trước tháng" the day before it begins
    ("hoàn thành trong tháng 10/2024", None, D(2024, 10, 31)),
    ("hoàn thành trong tháng 10 năm 2024", None, D(2024, 10, 31)),
    ("trong tháng 02/2023", None, D(2023, 2, 28)),
    ("trong tháng 2/2024", None, D(2024, 2, 29)),
    ("trước tháng 10/2024", None, SEPT_30),
    ("trước tháng 01/2025", None, D(2024, 12, 31)),
    ("chậm nhất trong tháng 10/2024", None, D(2024, 10, 31)),
    ("cuối tháng 10/2024", None, D(2024, 10, 31)),
    ("trong tháng 12", D(2024, 11, 5), D(2024, 12, 31)),
    ("trong tháng 01", D(2024, 12, 10), D(2025, 1, 31)),
    # a quarter: its last day; "trước quý" the last day of the quarter before
    ("hoàn thành trong quý I/2024", None, D(2024, 3, 31)),
    ("trong quý II/2024", None, D(2024, 6, 30)),
    ("trong quý 3/2024", None, SEPT_30),
    ("trong Quý IV năm 2023", None, D(2023, 12, 31)),
    ("trước quý III/2024", None, D(2024, 6, 30)),
    ("trước quý I/2025", None, D(2024, 12, 31)),
    # half a year, a year
    ("trong 6 tháng đầu năm 2024", None, D(2024, 6, 30)),
    ("trong 6 tháng cuối năm 2024", None, D(2024, 12, 31)),
    ("hoàn thành trong năm 2025", None, D(2025, 12, 31)),
    ("cuối năm 2024", None, D(2024, 12, 31)),
    # a period runs until its last day
    ("từ ngày 15/6/2024 đến ngày 15/8/2024", None, D(2024, 8, 15)),
    ("từ 01/10 đến hết ngày 15/10/2024", None, D(2024, 10, 15)),
    ("từ ngày 01/9/2024 tới ngày 30/9/2024", None, SEPT_30),
]

# Phrases that are deadlines but give no day: kept as written, with no date.
NO_DAY = [
    ("báo cáo UBND tỉnh hằng tháng", "hằng tháng"),
    ("định kỳ hằng quý báo cáo", "định kỳ hằng quý"),
    ("định kỳ 6 tháng báo cáo", "định kỳ 6 tháng"),
    ("trước ngày 20 hằng tháng", "trước ngày 20 hằng tháng"),
    ("thường xuyên kiểm tra", "thường xuyên"),
    ("trong thời hạn 10 ngày làm việc", "trong thời hạn 10 ngày làm việc"),
    ("trong vòng 15 ngày kể từ ngày nhận được văn bản", "trong vòng 15 ngày kể từ ngày nhận được văn bản"),
]

# Dates that do not exist: no date at all, never the neighbouring day or day and month swapped.
IMPOSSIBLE = [
    ("trước ngày 31/4/2024", None),
    ("trước ngày 30/2/2024", None),
    ("trước ngày 29/2/2023", None),
    ("trước ngày 9/30/2024", None),        # month/day order: not 30/9
    ("trước ngày 12/13/2024", None),       # not 13/12
    ("trước ngày 0/5/2024", None),
    ("trước ngày 32/5/2024", None),
    ("trước ngày 31/4", D(2024, 3, 1)),
    ("trước ngày 29/2", D(2023, 1, 10)),
    ("trong tháng 13/2024", None),
    ("trong tháng 0/2024", None),
    ("trước ngày 31 tháng 11 năm 2024", None),
]


def _dates(text: str, reference) -> list:
    return [d.date for d in find_deadlines(text, reference)]


@pytest.mark.parametrize("lead", LEADS, ids=_id)
def test_every_lead_word(lead):
    assert _dates(f"Sở Y tế báo cáo {lead} 30/9/2024.", None) == [SEPT_30]


@pytest.mark.parametrize("day, reference, expected", DAYS, ids=[_id(d[0]) for d in DAYS])
def test_every_way_of_writing_the_day(day, reference, expected):
    assert _dates(f"báo cáo UBND tỉnh trước ngày {day}.", reference) == [expected]


@pytest.mark.parametrize("text, reference, expected", OTHER_FORMS,
                         ids=[_id(f[0]) for f in OTHER_FORMS])
def test_months_quarters_years_periods(text, reference, expected):
    assert _dates(text, reference) == [expected]


@pytest.mark.parametrize("text, phrase", NO_DAY, ids=[_id(f[0]) for f in NO_DAY])
def test_deadlines_without_a_day(text, phrase):
    found = find_deadlines(text)
    assert [(d.text, d.date) for d in found] == [(phrase, None)]


@pytest.mark.parametrize("text, reference", IMPOSSIBLE, ids=[_id(f[0]) for f in IMPOSSIBLE])
def test_impossible_dates_are_refused_never_swapped(text, reference):
    assert _dates(text, reference) in ([], [None])


# --- a day of an event, the best deadline of a sentence, the front-matter forms ---------------

@pytest.mark.parametrize("text, expected", [
    ("tổ chức hội nghị vào ngày 20/11.", []),                       # an event this year: no deadline
    ("tổ chức hội nghị vào ngày 20/11/2024.", [D(2024, 11, 20)]),   # with its year: be ready by then
    ("tổ chức hội nghị vào ngày 20 tháng 11 năm 2024.", [D(2024, 11, 20)]),
    ("hết ngày 5/3 thì dừng.", []),
    ("hoàn thành trong ngày 20/11.", [D(2024, 11, 20)]),            # a strong lead: this year's day
], ids=_id)
def test_a_bare_day_of_an_event_is_a_deadline_only_with_its_year(text, expected):
    assert _dates(text, D(2024, 1, 5)) == expected


def test_the_best_deadline_is_the_first_dated_one_else_the_first_phrase():
    from generator.deadlines import best_deadline
    both = best_deadline("báo cáo hằng tháng, hoàn thành trước ngày 30/9/2024, chậm nhất ngày 15/10/2024.")
    assert (both.text, both.date) == ("hoàn thành trước ngày 30/9/2024", SEPT_30)
    phrase = best_deadline("báo cáo hằng tháng, hằng quý.")
    assert (phrase.text, phrase.date) == ("hằng tháng", None)
    assert best_deadline("Hội nghị diễn ra tốt đẹp.") is None
    # the notice's date gives the year of a day written without one
    assert best_deadline("báo cáo trước ngày 30/9.", D(2023, 2, 1)).date == D(2023, 9, 30)
    assert best_deadline("báo cáo trước ngày 30/9.").date is None


def test_front_matter_dates():
    import datetime
    from generator.deadlines import looks_like_date, parse_iso, suggest_iso
    assert parse_iso("2024-09-30") == SEPT_30 and parse_iso(" 2024-09-30 ") == SEPT_30
    assert parse_iso(SEPT_30) == SEPT_30
    assert parse_iso(datetime.datetime(2024, 9, 30, 8, 0)) == SEPT_30
    for bad in ("2024-9-30", "30/9/2024", "2024-02-30", "2024-09-30x", 20240930, None, ""):
        assert parse_iso(bad) is None, bad
    for dated in ("30/9/2024", "2024/9", "30.9", "9-2024", "30 / 9"):
        assert looks_like_date(dated), dated
    for phrase in ("hằng tháng", "quý III", "năm 2024", "trước ngày 30"):
        assert not looks_like_date(phrase), phrase
    assert suggest_iso("30/9/2024") == "2024-09-30"
    assert suggest_iso("ngày 5 . 3 - 2024") == "2024-03-05"
    assert suggest_iso("31/4/2024") is None             # no such day: nothing suggested
    assert suggest_iso("9/30/2024") is None             # never swapped into 30/9
    assert suggest_iso("hằng tháng") is None and suggest_iso("30/9") is None
