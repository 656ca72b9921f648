"""`ingest/layout.py` on synthetic word boxes: hyphen joins, two-column bands in the header and
the closing (narrow and wide gaps), paragraphs, page numbers and running headers.

A page is 600 x 800 points; body text runs from x=60 to x=540 in 12-point words whose width
is 6 points a character, 3 points apart. Expected lines are written out by hand.
"""

from __future__ import annotations

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
