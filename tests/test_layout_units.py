"""`ingest/layout.py` on synthetic word boxes: hyphen joins, two-column bands in the header and
the closing (narrow and wide gaps), paragraphs, page numbers and running headers.

A page is 600 x 800 points; body text runs from x=60 to x=540 in 12-point words whose width
is 6 points a character, 3 points apart. Expected lines are written out by hand.
"""

from __future__ import annotations

import pytest

from generator.ingest.layout import Page, Word, lines_from_pages

SIZE = 12
LEFT, RIGHT = 60, 540


def row(text: str, top: float, x: float = LEFT, gap: float = 3.0, bold: bool = False) -> list[Word]:
    """The words of `text` on one line starting at x."""
    words = []
    for token in text.split():
        width = 6 * len(token)
        words.append(Word(token, x, x + width, top, top + SIZE, bold))
        x += width + gap
    return words


def justified(text: str, top: float, x: float = LEFT) -> list[Word]:
    """A full body line: the words spread from x to RIGHT with equal gaps."""
    tokens = text.split()
    ink = sum(6 * len(t) for t in tokens)
    gap = (RIGHT - x - ink) / max(1, len(tokens) - 1)
    return row(text, top, x, gap)


def two_cells(left: str, right: str, top: float, right_x: float) -> list[Word]:
    return row(left, top, LEFT) + row(right, top, right_x)


def page(*rows: list[Word]) -> Page:
    return Page(600, 800, [w for r in rows for w in r])


def texts(pages: list[Page]) -> list[str]:
    return [line.text for line in lines_from_pages(pages)]


BODY = [
    "Sở Tài chính chủ trì, phối hợp các sở, ngành liên quan rà soát",
    "kinh phí thực hiện các nhiệm vụ chuyển đổi số năm 2024 của tỉnh;",
]


# --- hyphen joins ---------------------------------------------------------------------------

def test_a_word_hyphenated_across_two_lines_is_joined():
    lines = texts([page(justified("Sở Tài chính phối hợp các sở, ngành liên quan thực hi-", 100),
                        row("ện rà soát kinh phí.", 100 + 1.4 * SIZE))])
    assert lines == ["Sở Tài chính phối hợp các sở, ngành liên quan thực hiện",
                     "rà soát kinh phí."]


def test_a_hyphen_before_a_capital_a_digit_or_a_single_letter_stays():
    for first, second in [("Ủy ban nhân dân tỉnh và các cơ quan Trung ương-", "Địa phương."),
                          ("giai đoạn thực hiện kế hoạch năm học 2024-", "2025 của ngành."),
                          ("giai đoạn thực hiện kế hoạch phần thứ nhất của mục-", "a và mục b.")]:
        lines = texts([page(justified(first, 100), row(second, 100 + 1.4 * SIZE))])
        assert lines == [first, second], lines


# --- two-column bands -----------------------------------------------------------------------

HEADER = [("UBND TỈNH HẬU GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("VĂN PHÒNG", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 178/TB-VPUBND", "Hậu Giang, ngày 15 tháng 10 năm 2024")]


def _header_and_body(right_x: float, header=HEADER) -> list[str]:
    rows = [two_cells(a, b, 40 + 16 * i, right_x) for i, (a, b) in enumerate(header)]
    rows.append(row("THÔNG BÁO", 120, 270))
    rows += [justified(BODY[0], 160, LEFT + 2 * SIZE), row(BODY[1], 160 + 1.4 * SIZE)]
    return texts([page(*rows)])


def test_a_header_band_is_read_column_by_column_with_a_wide_gap():
    lines = _header_and_body(right_x=330)          # ~80 points between the columns
    assert lines[:6] == [a for a, _ in HEADER] + [b for _, b in HEADER]
    assert lines[6:] == ["THÔNG BÁO", *BODY]


def test_a_header_band_is_read_column_by_column_with_a_narrow_gap():
    # the issuing body spelt out ends at x=222, the motto starts at x=262: 40 points apart
    header = [("ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", HEADER[0][1]), *HEADER[1:]]
    lines = _header_and_body(262, header)
    assert lines[:6] == [a for a, _ in header] + [b for _, b in header]
    assert lines[6:] == ["THÔNG BÁO", *BODY]


def test_header_cells_carry_their_table_and_column():
    rows = [two_cells(a, b, 40 + 16 * i, 330) for i, (a, b) in enumerate(HEADER)]
    rows.append(justified(BODY[0], 160))
    lines = lines_from_pages([page(*rows)])
    assert [line.cell for line in lines[:6]] == [(1, 0, 0)] * 3 + [(1, 0, 1)] * 3
    assert lines[6].cell is None


def test_a_wide_gap_inside_body_text_is_not_two_columns():
    rows = [row("THÔNG BÁO", 40, 270)]
    for i in range(14):  # past the header's lines
        rows.append(justified(f"Dòng thân văn bản thứ {i} có nhiều chữ để đủ dòng", 70 + 16 * i))
    rows.append(row("Kinh phí:", 70 + 16 * 14) + row("500 triệu đồng", 70 + 16 * 14, 400))
    lines = texts([page(*rows)])
    assert lines[-1] == "Kinh phí: 500 triệu đồng"


CLOSING = [("Nơi nhận:", "KT. CHÁNH VĂN PHÒNG"), ("- Như trên;", "PHÓ CHÁNH VĂN PHÒNG"),
           ("- Lưu: VT.", "Võ Thanh Tùng")]


def test_the_closing_is_a_band_after_the_final_mark():
    rows = [row("THÔNG BÁO", 40, 270)]
    rows += [justified(BODY[0], 70, LEFT + 2 * SIZE), row(BODY[1] + "/.", 70 + 1.4 * SIZE)]
    rows += [two_cells(a, b, 140 + 16 * i, 360) for i, (a, b) in enumerate(CLOSING)]
    lines = texts([page(*rows)])
    assert lines == ["THÔNG BÁO", BODY[0], BODY[1] + "/.",
                     *[a for a, _ in CLOSING], *[b for _, b in CLOSING]]


# --- paragraphs ------------------------------------------------------------------------------

def test_paragraphs_start_at_an_indent_and_continue_across_a_page_break():
    first = lines_from_pages([
        page(justified(BODY[0], 100, LEFT + 2 * SIZE), justified(BODY[1], 100 + 1.4 * SIZE),
             justified("Công an tỉnh chủ trì, phối hợp các sở, ngành bảo đảm an ninh", 140,
                       LEFT + 2 * SIZE)),
        page(row("trật tự trên địa bàn.", 60)),
    ])
    blocks = [line.block for line in first]
    assert blocks[0] == blocks[1] != blocks[2] == blocks[3]


# --- page numbers and running headers ---------------------------------------------------------

def test_page_numbers_and_running_headers_are_dropped():
    def numbered(n: int, *rows):
        return page(row("Thông báo số 178/TB-VPUBND", 20, 220), *rows, row(f"- {n} -", 770, 290))
    lines = texts([numbered(1, justified(BODY[0], 100, LEFT + 2 * SIZE)),
                   numbered(2, row(BODY[1], 100))])
    assert lines == BODY


def test_a_short_margin_line_on_one_page_only_is_kept_unless_a_page_number():
    lines = texts([page(row("Kính gửi: Sở Tài chính", 40), justified(BODY[0], 100),
                        row("Trang 1/1", 770, 280))])
    assert lines == ["Kính gửi: Sở Tài chính", BODY[0]]


# --- paragraphs: where a block ends ------------------------------------------------------------

def blocks_of(pages: list[Page]) -> list[tuple[str, int]]:
    return [(line.text, line.block) for line in lines_from_pages(pages)]


def _same_block(lines, *groups: list[int]) -> None:
    """Lines listed in one group share a block; different groups have different blocks."""
    seen = []
    for group in groups:
        ids = {lines[k][1] for k in group}
        assert len(ids) == 1, (group, lines)
        seen.append(ids.pop())
    assert len(set(seen)) == len(seen), lines


def test_a_short_line_ending_a_sentence_ends_the_paragraph():
    lines = blocks_of([page(
        justified(BODY[0], 100, LEFT + 2 * SIZE), row("kinh phí năm 2024.", 100 + 1.4 * SIZE),
        justified("Sở Tài chính chủ trì rà soát kinh phí thực hiện các nhiệm vụ", 100 + 2.8 * SIZE),
        row("chuyển đổi số.", 100 + 4.2 * SIZE))])
    _same_block(lines, [0, 1], [2, 3])


def test_a_short_line_ending_in_a_semicolon_continues_the_paragraph():
    lines = blocks_of([page(
        justified(BODY[0], 100, LEFT + 2 * SIZE), row("kinh phí năm 2024;", 100 + 1.4 * SIZE),
        row("và báo cáo kết quả.", 100 + 2.8 * SIZE))])
    _same_block(lines, [0, 1, 2])


def test_a_short_line_without_a_final_mark_continues_the_paragraph():
    lines = blocks_of([page(
        justified(BODY[0], 100, LEFT + 2 * SIZE), row("kinh phí năm 2024", 100 + 1.4 * SIZE),
        row("và báo cáo kết quả.", 100 + 2.8 * SIZE))])
    _same_block(lines, [0, 1, 2])


def test_a_full_line_ending_a_sentence_continues_only_without_an_indent():
    text = "Sở Tài chính chủ trì, phối hợp các sở, ngành liên quan rà soát."
    lines = blocks_of([page(justified(text, 100, LEFT + 2 * SIZE),
                            justified(BODY[1], 100 + 1.4 * SIZE))])
    _same_block(lines, [0, 1])


def test_a_wider_gap_starts_a_paragraph_without_an_indent():
    lines = blocks_of([page(
        justified(BODY[0], 100), justified(BODY[1], 100 + 1.4 * SIZE),
        justified(BODY[0], 100 + 1.4 * SIZE + 2.2 * SIZE), justified(BODY[1], 100 + 2.8 * SIZE + 2.2 * SIZE))])
    _same_block(lines, [0, 1], [2, 3])


def test_a_small_indent_is_not_a_paragraph():
    lines = blocks_of([page(justified(BODY[0], 100), justified(BODY[1], 100 + 1.4 * SIZE, LEFT + 6))])
    _same_block(lines, [0, 1])


def _body_below(top: float, n: int = 5) -> list[list[Word]]:
    """Full body lines, so that the text column runs from LEFT to RIGHT."""
    return [justified(BODY[0], top + 16 * i) for i in range(n)]


def test_centred_title_lines_stay_together_unless_far_apart():
    # tops 1.3 or 2.1 lines apart (gaps of 0.3 and 1.1 lines): one title; 2.3 and 2.6 lines
    # apart (gaps of 1.3 and 1.6 lines, above 1.2): two blocks
    for offset, together in ((1.3, True), (2.1, True), (2.3, False), (2.6, False)):
        lines = blocks_of([page(row("THÔNG BÁO", 100, 270),
                                row("Kết luận của Chủ tịch", 100 + offset * SIZE, 237),
                                *_body_below(180))])
        assert (lines[0][1] == lines[1][1]) is together, offset
        assert lines[2][1] != lines[1][1]


def test_centred_lines_on_two_pages_stay_together():
    lines = blocks_of([page(*_body_below(100), row("THÔNG BÁO", 700, 270)),
                       page(row("Kết luận của Chủ tịch", 100, 237), *_body_below(140))])
    assert lines[5][1] == lines[6][1] != lines[4][1]


# --- runs, OCR words, NFC --------------------------------------------------------------------

def test_bold_and_italic_words_become_runs_with_their_spaces():
    words = row("Giao Sở Tài chính", 100)
    words = [Word(w.text, w.x0, w.x1, w.top, w.bottom, bold=i in (1, 2), italic=i == 3)
             for i, w in enumerate(words)]
    (line,) = lines_from_pages([page(words)])
    assert [(r.text, r.bold, r.italic) for r in line.runs] == [
        ("Giao", False, False), (" Sở Tài", True, False), (" chính", False, True)]


def test_words_come_out_nfc():
    import unicodedata
    nfd = unicodedata.normalize("NFD", "Sở Tài chính chủ trì")
    (line,) = lines_from_pages([page(row(nfd, 100))])
    assert line.text == "Sở Tài chính chủ trì" and line.runs[0].text == "Sở Tài chính chủ trì"


def ocr_row(pairs: list[tuple[str, float]], top: float, x: float = LEFT) -> list[Word]:
    out = []
    for text, confidence in pairs:
        width = 6 * len(text)
        out.append(Word(text, x, x + width, top, top + SIZE, confidence=confidence))
        x += width + 3
    return out


def test_ocr_specks_are_dropped_and_unsure_words_kept_as_weak():
    pages = [Page(600, 800, ocr_row([("Giao", 95), ("ˆ", 90), ("Sở", 70), ("Ấ", 96), ("Tài", 99),
                                     ("chính", 40), ("-", 30), ("í", 50), ("-", 90), ("Ý", 90)], 100)
                  + ocr_row([("--", 90), ("ˆ", 90), ("i", 20)], 100 + 1.4 * SIZE)
                  + ocr_row([("Năm", 99), ("2", 30), ("Ý", 90), ("kiến", 90), ("a", 55)],
                            100 + 2.8 * SIZE), ocr=True)]
    lines = lines_from_pages(pages)
    assert [line.text for line in lines] == ["Giao Sở Tài chính - Ý", "Năm 2 Ý kiến"]
    assert lines[0].weak == (("Sở", 70), ("chính", 40))
    assert lines[1].weak == (("2", 30),)


@pytest.mark.parametrize("text, confidence, kept", [
    ("-", 90, True), ("–", 90, True), ("+", 90, True), ("•", 90, True),   # list marks
    ("-", 50, True), ("-", 49, False), ("•", 30, False), ("--", 90, False), ("¨", 99, False),
    ("a", 59, False), ("a", 60, True), ("ab", 10, True), ("5", 10, True), ("a.", 55, False),
    ("a..", 55, True), ("Ý", 90, True), ("Ở", 90, True), ("Ấ", 99, False), ("é", 99, True),
], ids=lambda v: ascii(v).replace("\\", "_").strip("'"))
def test_what_is_a_speck_on_an_ocred_page(text, confidence, kept):
    words = ocr_row([("Giao", 99), (text, confidence), ("chính", 99)], 100)
    (line,) = lines_from_pages([Page(600, 800, words, ocr=True)])
    assert (text in line.text.split()) is kept


def test_specks_are_words_on_a_page_that_was_not_ocred():
    (line,) = lines_from_pages([page(row("Giao ˆ Sở Tài chính", 100))])
    assert line.text == "Giao ˆ Sở Tài chính" and line.weak == ()


def test_a_weak_word_keeps_its_confidence_and_comes_out_nfc():
    import unicodedata
    word = unicodedata.normalize("NFD", "Tỉnh")
    (line,) = lines_from_pages([Page(600, 800, ocr_row([("Giao", 99), (word, 79.5), ("ủy", 80)], 100),
                                     ocr=True)])
    assert line.weak == (("Tỉnh", 79.5),)


def test_nothing_on_the_pages_gives_no_lines():
    assert lines_from_pages([]) == []
    assert lines_from_pages([page(row("- 1 -", 770, 290))]) == []
    assert lines_from_pages([Page(600, 800, ocr_row([("ˆ", 90), ("--", 90)], 100), ocr=True)]) == []


# --- bands: their cells, their end, the closing -----------------------------------------------

def test_band_lines_carry_block_and_column_and_a_second_band_is_another_table():
    rows = [two_cells(a, b, 40 + 16 * i, 330) for i, (a, b) in enumerate(HEADER)]
    rows += [justified(BODY[0], 130, LEFT + 2 * SIZE), row(BODY[1] + "/.", 130 + 1.4 * SIZE)]
    rows += [two_cells(a, b, 200 + 16 * i, 360) for i, (a, b) in enumerate(CLOSING)]
    lines = lines_from_pages([page(*rows)])
    assert [l.text for l in lines] == [a for a, _ in HEADER] + [b for _, b in HEADER] + \
        [BODY[0], BODY[1] + "/."] + [a for a, _ in CLOSING] + [b for _, b in CLOSING]
    assert [l.cell for l in lines] == [(1, 0, 0)] * 3 + [(1, 0, 1)] * 3 + [None] * 2 + \
        [(2, 0, 0)] * 3 + [(2, 0, 1)] * 3
    head_left, head_right = lines[0].block, lines[3].block
    assert head_right == head_left + 1 and head_left % 10 == 0
    body = lines[6].block
    assert body == lines[7].block and body % 10 == 0 and body > head_right
    assert lines[8].block % 10 == 0 and lines[11].block == lines[8].block + 1 > body


def test_a_line_wholly_on_the_right_starts_a_band():
    rows = [row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 40, 330),
            row("Hậu Giang, ngày 15 tháng 10 năm 2024", 56, 330),
            row("THÔNG BÁO", 100, 270)]
    rows += [justified(BODY[0], 130 + 16 * i) for i in range(5)]
    lines = lines_from_pages([page(*rows)])
    assert [l.cell for l in lines] == [(1, 0, 1), (1, 0, 1)] + [None] * 6


def test_a_band_ends_at_a_left_only_line_far_below():
    rows = [two_cells("UBND TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 40, 330),
            row("Số: 178/TB-VPUBND", 56),
            row("Kính gửi: Sở Tài chính", 56 + 7 * SIZE),
            justified(BODY[0], 200, LEFT + 2 * SIZE)]
    lines = lines_from_pages([page(*rows)])
    assert [(l.text, l.cell) for l in lines] == [
        ("UBND TỈNH", (1, 0, 0)), ("Số: 178/TB-VPUBND", (1, 0, 0)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (1, 0, 1)),
        ("Kính gửi: Sở Tài chính", None), (BODY[0], None)]


def test_a_band_ends_at_a_line_across_the_middle():
    rows = [two_cells("UBND TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 40, 330),
            justified(BODY[0], 60)]
    lines = lines_from_pages([page(*rows)])
    assert [(l.text, l.cell) for l in lines] == [
        ("UBND TỈNH", (1, 0, 0)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (1, 0, 1)),
        (BODY[0], None)]


def test_two_columns_in_the_body_before_the_closing_are_one_line():
    rows = [row("THÔNG BÁO", 40, 270)]
    for i in range(14):
        rows.append(justified(f"Dòng thân văn bản thứ {i} có nhiều chữ để đủ dòng", 70 + 16 * i))
    rows.append(two_cells("Ghi chú", "CHỦ TỊCH UBND TỈNH", 70 + 16 * 14, 360))
    rows.append(row("Nơi nhận:", 70 + 16 * 16))
    rows.append(two_cells("- Như trên;", "PHÓ CHÁNH VĂN PHÒNG", 70 + 16 * 17, 360))
    lines = lines_from_pages([page(*rows)])
    assert (lines[15].text, lines[15].cell) == ("Ghi chú CHỦ TỊCH UBND TỈNH", None)
    # "Nơi nhận:" alone on the left is a line of its own; the band starts with two cells
    assert [(l.text, l.cell) for l in lines[16:]] == [
        ("Nơi nhận:", None), ("- Như trên;", (1, 0, 0)), ("PHÓ CHÁNH VĂN PHÒNG", (1, 0, 1))]


def test_header_columns_on_a_later_page_are_body_text():
    body = [justified(f"Dòng thân văn bản thứ {i} có nhiều chữ để đủ dòng", 70 + 16 * i)
            for i in range(3)]
    pages = [page(*body), page(two_cells("Ghi chú", "CHỦ TỊCH UBND TỈNH", 70, 360))]
    lines = lines_from_pages(pages)
    assert (lines[-1].text, lines[-1].cell) == ("Ghi chú CHỦ TỊCH UBND TỈNH", None)


# --- visual lines and the column gap ------------------------------------------------------------

def test_words_slightly_off_the_line_are_on_it_and_read_left_to_right():
    words = row("Sở Tài chính chủ trì", 100)
    shuffled = [words[3], words[0], words[4], words[2], words[1]]
    shifted = [Word(w.text, w.x0, w.x1, w.top + (2 if i % 2 else -2), w.bottom + (2 if i % 2 else -2))
               for i, w in enumerate(shuffled)]
    (line,) = lines_from_pages([page(shifted)])
    assert line.text == "Sở Tài chính chủ trì"


def test_a_word_half_a_line_lower_is_the_next_line():
    words = row("Sở Tài", 100) + row("chính", 100 + 0.6 * SIZE, 200)
    assert [l.text for l in lines_from_pages([page(words)])] == ["Sở Tài", "chính"]


def test_the_column_gap_must_stand_out_from_the_other_gaps():
    # evenly spread words (a short title stretched by justification) are not two cells
    spread = row("A B C", 40, LEFT, gap=60)
    assert [l.cell for l in lines_from_pages([page(spread, justified(BODY[0], 100))])] == [None, None]


def test_a_running_header_on_one_page_of_one_is_kept():
    lines = texts([page(row("Thông báo số 178/TB-VPUBND", 20, 220), justified(BODY[0], 100))])
    assert lines == ["Thông báo số 178/TB-VPUBND", BODY[0]]


def test_a_long_line_in_the_margin_is_text():
    long = "Sở Tài chính chủ trì phối hợp các sở ngành rà soát kinh phí thực hiện nhiệm vụ năm 2024 số 1"
    assert len(long) >= 90
    lines = texts([page(row(long, 20, 10)), page(row(long, 20, 10))])
    assert lines == [long, long]


def test_repeated_footers_differing_only_in_digits_are_dropped():
    lines = texts([page(justified(BODY[0], 100, LEFT + 2 * SIZE), row("Văn bản số 12 trang 1", 775, 200)),
                   page(row(BODY[1], 100), row("Văn bản số 12 trang 2", 775, 200))])
    assert lines == BODY


# --- a word joined across a hyphen keeps what its halves carried ------------------------------

def _styled(words: list[Word], **changes) -> list[Word]:
    from dataclasses import replace
    return [replace(w, **changes) for w in words]


@pytest.mark.parametrize("bold_first, bold_second", [(True, True), (True, False), (False, True)],
                         ids=["both-halves", "first-half", "second-half"])
def test_a_bold_word_joined_across_a_hyphen_stays_bold(bold_first, bold_second):
    """A PDF splits a word where its font changes, so the hyphen line's half or the continuation
    may alone carry the bold face: the joined word is one word, written bold."""
    first = justified("Sở Tài chính phối hợp các sở, ngành liên quan thực hi-", 100)
    second = row("ện rà soát kinh phí.", 100 + 1.4 * SIZE)
    first[-1:] = _styled(first[-1:], bold=bold_first)
    second[:1] = _styled(second[:1], bold=bold_second)
    one, two = lines_from_pages([page(first, second)])
    assert one.text == "Sở Tài chính phối hợp các sở, ngành liên quan thực hiện"
    assert [(r.text.strip(), r.bold) for r in one.runs] == [
        ("Sở Tài chính phối hợp các sở, ngành liên quan thực", False), ("hiện", True)]
    assert [(r.text, r.bold) for r in two.runs] == [("rà soát kinh phí.", False)]


def test_an_italic_word_joined_across_a_hyphen_stays_italic():
    first = justified("Sở Tài chính phối hợp các sở, ngành liên quan thực hi-", 100)
    second = row("ện rà soát kinh phí.", 100 + 1.4 * SIZE)
    second[:1] = _styled(second[:1], italic=True)
    one, _ = lines_from_pages([page(first, second)])
    assert [(r.text.strip(), r.italic) for r in one.runs][-1] == ("hiện", True)


@pytest.mark.parametrize("first_conf, second_conf, weak", [
    (95, 40, (("hiện", 40),)),       # the continuation was read unsure: the word is unsure
    (35, 96, (("hiện", 35),)),
    (50, 30, (("hiện", 30),)),       # the less sure half
    (95, 96, ()),
], ids=["second-weak", "first-weak", "both-weak", "both-sure"])
def test_an_unsure_ocr_half_makes_the_joined_word_unsure(first_conf, second_conf, weak):
    """The import report lists OCR words read with low confidence for a person to check; a word
    joined across a hyphen must not hide the half that was unsure."""
    first = _styled(justified("Sở Tài chính phối hợp các sở, ngành liên quan thực hi-", 100),
                    confidence=97)
    second = _styled(row("ện rà soát kinh phí.", 100 + 1.4 * SIZE), confidence=97)
    first[-1:] = _styled(first[-1:], confidence=first_conf)
    second[:1] = _styled(second[:1], confidence=second_conf)
    one, two = lines_from_pages([Page(600, 800, first + second, ocr=True)])
    assert one.text.endswith("thực hiện") and one.weak == weak and two.weak == ()


def test_a_line_ending_in_a_joined_word_reaches_the_margin():
    """The joined word ends where its continuation would: a line whose last word was hyphenated
    is a full line, so a sentence ending in the continuation does not end the paragraph."""
    first = justified("Sở Tài chính phối hợp các sở, ngành liên quan thực hi-", 100)
    second = justified("ện. Sở Y tế kiểm tra việc thực hiện các nhiệm vụ đã giao", 100 + 1.4 * SIZE)
    third = row("cho các đơn vị.", 100 + 2.8 * SIZE)
    after = row("Sở Xây dựng báo cáo.", 100 + 4.2 * SIZE, LEFT + 2 * SIZE)
    lines = lines_from_pages([page(first, second, third, after)])
    assert [line.text for line in lines] == [
        "Sở Tài chính phối hợp các sở, ngành liên quan thực hiện.",
        "Sở Y tế kiểm tra việc thực hiện các nhiệm vụ đã giao", "cho các đơn vị.",
        "Sở Xây dựng báo cáo."]
    assert lines[0].block == lines[1].block == lines[2].block != lines[3].block


def test_a_word_read_with_no_confidence_at_all_is_unsure():
    words = ocr_row([("Giao", 99), ("Sở", 0), ("Tài", 95), ("chính", 97)], 100)
    (line,) = lines_from_pages([Page(600, 800, words, ocr=True)])
    assert line.weak == (("Sở", 0),)


def test_a_sentence_ending_a_little_short_of_the_margin_keeps_its_paragraph():
    """Text aligned left has a ragged right edge: a line that ends a sentence a few points
    before the margin is a full line, and the paragraph goes on; one that ends far short of it
    ends the paragraph."""
    from dataclasses import replace
    full = justified("Sở Tài chính phối hợp các sở, ngành liên quan rà soát.", 100)
    # the same words, all but the first 10 points further left: the line ends 10 points short
    ragged = [replace(w, x0=w.x0 - 10, x1=w.x1 - 10) if i else w for i, w in enumerate(full)]
    rest = justified("Sở Y tế kiểm tra việc thực hiện các nhiệm vụ đã được giao cho", 100 + 1.4 * SIZE)
    end = row("các đơn vị.", 100 + 2.8 * SIZE)
    after = row("Sở Xây dựng báo cáo UBND tỉnh.", 100 + 4.2 * SIZE)
    lines = lines_from_pages([page(ragged, rest, end, after)])
    assert [line.block for line in lines[:3]] == [lines[0].block] * 3
    assert lines[3].block != lines[2].block            # "các đơn vị." ended far short


def _scaled(words: list[Word], k: float) -> list[Word]:
    from dataclasses import replace
    return [replace(w, x0=w.x0 * k, x1=w.x1 * k, top=w.top * k, bottom=w.bottom * k)
            for w in words]


def test_an_ocred_page_in_pixels_joins_a_text_page_in_points():
    """A PDF's text pages are in points and its scanned pages, once OCRed, in pixels (here four
    times as many): the column and paragraph geometry must see both in the same units."""
    first = ["Sở Y tế chủ trì kiểm tra an toàn thực phẩm tại các chợ, trường học",
             "và bếp ăn tập thể trên địa bàn tỉnh trong dịp Tết Nguyên đán."]
    text_page = page(justified(BODY[0], 100, LEFT + 2 * SIZE), row(BODY[1], 100 + 1.4 * SIZE),
                     justified(first[0], 100 + 2.8 * SIZE, LEFT + 2 * SIZE),
                     row(first[1], 100 + 4.2 * SIZE))
    k = 4.0
    scan_rows = [justified("Sở Tài chính bố trí kinh phí cho các đoàn kiểm tra liên ngành,", 100,
                           LEFT + 2 * SIZE),
                 row("báo cáo kết quả.", 100 + 1.4 * SIZE)]
    scan = Page(600 * k, 800 * k, [w for r in scan_rows for w in _scaled(r, k)])
    lines = lines_from_pages([text_page, scan])
    assert [line.text for line in lines] == BODY + first + [
        " ".join(w.text for w in r) for r in scan_rows]
    blocks = [line.block for line in lines]
    # two paragraphs on page 1, one of two lines on the scan (its second line is not indented)
    assert blocks[0] == blocks[1] != blocks[2] == blocks[3] != blocks[4] == blocks[5]
    assert all(line.cell is None for line in lines)


def test_an_unsure_word_in_a_header_cell_is_kept_as_weak():
    rows = [two_cells(a, b, 40 + 16 * i, 330) for i, (a, b) in enumerate(HEADER)]
    rows.append(row("THÔNG BÁO", 120, 270))
    rows += [justified(BODY[0], 160, LEFT + 2 * SIZE), row(BODY[1], 160 + 1.4 * SIZE)]
    from dataclasses import replace
    words = [replace(w, confidence=40 if w.text == "178/TB-VPUBND" else 95)
             for r in rows for w in r]
    lines = lines_from_pages([Page(600, 800, words, ocr=True)])
    assert [line.weak for line in lines if line.weak] == [(("178/TB-VPUBND", 40),)]
    assert next(line for line in lines if line.weak).cell == (1, 0, 0)
