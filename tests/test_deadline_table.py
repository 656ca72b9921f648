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


# --- a lead ending in "trước" before a month, quarter, half-year or year, whatever verb comes
# first: the day before the period begins (issue 27, round 4: "hoàn thành trước tháng 10/2024"
# read as 31/10/2024, a month late) --------------------------------------------------------------

BEFORE_A_PERIOD = [
    ("hoàn thành trước tháng 10/2024", None, SEPT_30),
    ("xong trước tháng 10/2024", None, SEPT_30),
    ("báo cáo trước tháng 01/2025", None, D(2024, 12, 31)),
    ("thời hạn trước tháng 10/2024", None, SEPT_30),
    ("thời gian thực hiện: trước tháng 10/2024", None, SEPT_30),
    ("chậm nhất là trước tháng 10/2024", None, SEPT_30),
    ("trước tháng 10", D(2024, 8, 1), SEPT_30),                    # the notice's year
    ("hoàn thành trước quý III/2024", None, D(2024, 6, 30)),
    ("trình trước quý I/2025", None, D(2024, 12, 31)),
    ("hoàn thành trước năm 2025", None, None),                      # no day to agree on
    ("trước năm 2025", None, None),
    ("trước 6 tháng cuối năm 2024", None, D(2024, 6, 30)),
    ("trước 6 tháng đầu năm 2024", None, D(2023, 12, 31)),
    # the same periods without "trước": their last day
    ("chậm nhất trong tháng 10/2024", None, D(2024, 10, 31)),
    ("hoàn thành trong quý III/2024", None, SEPT_30),
    ("cuối quý II/2024", None, D(2024, 6, 30)),
    ("phấn đấu đến quý IV/2024", None, D(2024, 12, 31)),
    ("phấn đấu đến năm 2025", None, D(2025, 12, 31)),
    ("đến hết năm 2024", None, D(2024, 12, 31)),
    ("trong 6 tháng đầu năm 2024", None, D(2024, 6, 30)),
    ("hoàn thành trong 6 tháng cuối năm 2024", None, D(2024, 12, 31)),
    ("phấn đấu đến 6 tháng đầu năm 2025", None, D(2025, 6, 30)),
]


@pytest.mark.parametrize("text, reference, expected", BEFORE_A_PERIOD,
                         ids=[_id(f[0]) for f in BEFORE_A_PERIOD])
def test_before_a_month_quarter_or_year(text, reference, expected):
    found = find_deadlines(f"Giao Sở Y tế {text}.", reference)
    assert [(d.text, d.date) for d in found] == [(text, expected)]


# --- the year of a day or month written without one: the notice's, unless that day was more than
# 60 days before the notice (then next year's); a month more than two months back is next year's

@pytest.mark.parametrize("text, reference, expected", [
    ("trước ngày 30/9", D(2024, 11, 29), D(2024, 9, 30)),     # 60 days late: still this year's
    ("trước ngày 30/9", D(2024, 11, 30), D(2025, 9, 30)),     # 61 days: next year's
    ("trước ngày 30/9", D(2024, 9, 30), D(2024, 9, 30)),      # the notice's own day
    ("trước ngày 1/3", D(2024, 2, 10), D(2024, 3, 1)),        # ahead: this year's
    ("trước ngày 29/2", D(2024, 12, 20), None),               # next year has no 29/2: refused
    ("trong tháng 9", D(2024, 11, 5), D(2024, 9, 30)),        # two months back: this year's
    ("trong tháng 9", D(2024, 12, 5), D(2025, 9, 30)),        # three: next year's
    ("trong tháng 12", D(2024, 2, 5), D(2024, 12, 31)),
    ("trước tháng 3", D(2024, 12, 5), D(2025, 2, 28)),        # next year's March: by 28/2
    ("trong tháng 10", None, None),                           # no notice date: no year to guess
], ids=_id)
def test_the_year_of_a_date_written_without_one(text, reference, expected):
    assert _dates(f"Sở Y tế báo cáo {text}.", reference) == [expected]


# --- a lead that says "this is a deadline" keeps it even after words that otherwise mark a date
# as a cited document's or an act's ("ban hành", "ký", "của", "số …"); a weak lead does not ---

STRONG = ["trước ngày", "chậm nhất ngày", "hạn chót là ngày", "thời hạn: ngày", "không quá ngày",
          "phấn đấu đến ngày", "thời gian hoàn thành: ngày", "đến hết ngày"]


@pytest.mark.parametrize("context", ["trình UBND tỉnh ban hành", "trình ký", "Dự thảo Kế hoạch của",
                                     "theo Kế hoạch số 12/KH-UBND"], ids=_id)
@pytest.mark.parametrize("lead", STRONG, ids=_id)
def test_a_strong_lead_is_a_deadline_after_any_words(context, lead):
    found = find_deadlines(f"Giao Sở Tư pháp {context} {lead} 30/9/2024.")
    assert [(d.text, d.date) for d in found] == [(f"{lead} 30/9/2024", SEPT_30)]


@pytest.mark.parametrize("text", [
    "Quyết định số 12/QĐ-UBND được ký vào ngày 02/10/2024.",
    "Kế hoạch được ban hành trong ngày 02/10/2024.",
    "Ban hành vào ngày 02/10/2024.",                          # the act at the start of the text
    "Ký vào ngày 02/10/2024 tại trụ sở.",
    "Kế hoạch được ký ban hành vào ngày 02/10/2024.",
    "Kế hoạch số 15/KH-UBND vào ngày 02/10/2024.",
    "Quyết định được ban hành trong tháng 10/2024.",
], ids=_id)
def test_a_weak_lead_after_an_act_or_a_citation_is_no_deadline(text):
    assert find_deadlines(text) == []


def test_a_weak_lead_far_from_the_act_is_a_deadline():
    """Only the words just before the lead count: an act named earlier in the sentence does not
    take away a deadline written later."""
    text = "Sau khi Kế hoạch được ban hành, Sở Xây dựng tổ chức khởi công vào ngày 02/10/2024."
    assert _dates(text, None) == [D(2024, 10, 2)]


# --- where a deadline is in the text: the pages quote it and the checker points at it ---------

def test_each_deadline_spans_its_phrase_in_the_text():
    text = ("Giao Sở Y tế báo cáo trước ngày 30/9/2024; Sở Tài chính gửi hằng tháng, "
            "từ ngày 01/10/2024 đến ngày 15/10/2024 kiểm tra, trước ngày 20 hằng tháng.")
    found = find_deadlines(text)
    assert [text[d.start:d.end] for d in found] == [
        "báo cáo trước ngày 30/9/2024", "hằng tháng", "từ ngày 01/10/2024 đến ngày 15/10/2024",
        "trước ngày 20 hằng tháng"]
    assert [d.text for d in found] == [text[d.start:d.end] for d in found]
    assert [d.date for d in found] == [SEPT_30, None, D(2024, 10, 15), None]


def test_a_recurring_day_spans_its_recurrence():
    text = "Báo cáo vào ngày 25 hàng tháng cho UBND tỉnh."
    (found,) = find_deadlines(text)
    assert text[found.start:found.end] == "vào ngày 25 hàng tháng" and found.date is None


@pytest.mark.parametrize("text, phrase, expected", [
    ("Sở Xây dựng thẩm định thiết kế các công trình trong tháng 5.", "trong tháng 5", D(2024, 5, 31)),
    ("Sở Y tế triển khai chương trình trước ngày 30/9/2024.", "trước ngày 30/9/2024", SEPT_30),
    ("ban hành quy trình trước ngày 30/9/2024.", "trước ngày 30/9/2024", SEPT_30),
    ("lập tờ trình trước ngày 30/9/2024.", "trước ngày 30/9/2024", SEPT_30),
    ("CÁC CÔNG TRÌNH TRONG THÁNG 5", "TRONG THÁNG 5", D(2024, 5, 31)),
    ("Sở Tư pháp trình trước ngày 30/9/2024.", "trình trước ngày 30/9/2024", SEPT_30),  # the verb
], ids=_id)
def test_trinh_ending_a_noun_is_not_part_of_the_deadline(text, phrase, expected):
    """The pages quote a task's deadline as written: "công trình trong tháng 5" is a works' noun
    then a month, not the verb "trình" (submit) before it."""
    assert [(d.text, d.date) for d in find_deadlines(text, D(2024, 3, 1))] == [(phrase, expected)]


def test_dated_deadlines_are_those_with_a_date_and_the_year_of_the_notice():
    """What the date rules read (a deadline before its notice is a typo): the dated deadlines,
    a day without its year given the notice's, and no pass for phrases that never give a day."""
    from generator.deadlines import dated_deadlines
    text = "Sở Y tế báo cáo hằng tháng, hoàn thành trước ngày 30/9, chậm nhất ngày 15/10/2024."
    assert [(d.text, d.date) for d in dated_deadlines(text, D(2024, 3, 1))] == [
        ("hoàn thành trước ngày 30/9", SEPT_30), ("chậm nhất ngày 15/10/2024", D(2024, 10, 15))]
    assert [d.date for d in dated_deadlines(text)] == [None, D(2024, 10, 15)]


def test_a_yearly_day_is_recurring_and_spans_its_recurrence():
    text = "Sở Tài chính tổng hợp, báo cáo trước ngày 15/12 hằng năm."
    (found,) = find_deadlines(text, D(2024, 3, 1))
    assert (text[found.start:found.end], found.text, found.date) == (
        "báo cáo trước ngày 15/12 hằng năm", "báo cáo trước ngày 15/12", None)


@pytest.mark.parametrize("text, expected", [
    ("trình UBND tỉnh ban hành trước tháng 10/2024.", [SEPT_30]),   # a strong lead, a month
    ("Kế hoạch được ban hành trong quý III/2024.", []),              # a weak one after the act
    ("Sở Y tế trực trong ngày 20/11.", []),                           # a bare "trong", no year
    ("Sở Y tế trực trong ngày 20/11/2024.", [D(2024, 11, 20)]),       # with its year: a day to meet
    ("Sở Y tế tạm dừng đến hết ngày 20/11.", [D(2024, 11, 20)]),      # "đến hết" is strong
], ids=_id)
def test_month_forms_after_an_act_and_a_bare_day_after_trong(text, expected):
    assert _dates(text, D(2024, 3, 1)) == expected


def test_deadlines_after_a_recurring_one_are_still_found():
    text = ("Sở Tài chính báo cáo trước ngày 15/12 hằng năm; riêng năm nay hoàn thành trước ngày "
            "30/9/2024.")
    assert [(d.text, d.date) for d in find_deadlines(text, D(2024, 3, 1))] == [
        ("báo cáo trước ngày 15/12", None), ("hoàn thành trước ngày 30/9/2024", SEPT_30)]
