"""The analyzer, the profile rule and the sanitiser, in process, with expected values written
out by hand: mutation testing showed the end-to-end tests (which run them in a child process)
left wrong offsets, positions and allow-list arguments unnoticed."""

from __future__ import annotations

import pytest

from generator.index.analysis import SyllableTokenizer, initials, plain_text, search_analyzer
from generator.link.profile import PROFILES, withheld_by
from generator.render.sanitize import sanitize_html


def _tokens(text, **options):
    return [(t.text, t.pos, t.startchar, t.endchar)
            for t in SyllableTokenizer()(text, positions=True, chars=True, **options)]


def test_syllables_with_positions_and_offsets():
    assert _tokens("Đề án 06, Hoà_bình") == [
        ("Đề", 0, 0, 2), ("án", 1, 3, 5), ("06", 2, 6, 8), ("Hoà", 3, 10, 13), ("bình", 4, 14, 18)]


def test_positions_and_offsets_continue_from_the_given_start():
    assert _tokens("an toàn", start_pos=7, start_char=100) == [
        ("an", 7, 100, 102), ("toàn", 8, 103, 107)]


def test_decomposed_input_is_composed_before_offsets_are_taken():
    import unicodedata
    assert _tokens(unicodedata.normalize("NFD", "Hòa bình")) == [
        ("Hòa", 0, 0, 3), ("bình", 1, 4, 8)]


def test_untokenized_value_is_one_token():
    (token,) = [(t.text, t.pos, t.startchar, t.endchar) for t in SyllableTokenizer()(
        "Đề án", positions=True, chars=True, tokenize=False, start_pos=3, start_char=5)]
    assert token == ("Đề án", 3, 5, 10)


def test_tokenizers_compare_by_type():
    # Whoosh compares schemas' analyzers: ours are equal to each other and to nothing else.
    from whoosh.analysis import RegexTokenizer
    assert SyllableTokenizer() == SyllableTokenizer()
    assert not SyllableTokenizer() == RegexTokenizer()


def test_untokenized_value_has_unit_boost():
    (token,) = SyllableTokenizer()("Đề án", tokenize=False)
    assert token.boost == 1.0


def test_keeporiginal_and_boost():
    tokens = list(SyllableTokenizer()("Hòa", keeporiginal=True))
    assert [(t.original, t.boost, t.stopped) for t in tokens] == [("Hòa", 1.0, False)]


def test_both_forms_at_one_position():
    got = [(t.text, t.pos) for t in search_analyzer()("Hòa 06 ĐỀ án", positions=True)]
    assert got == [("hoà", 0), ("hoa", 0), ("06", 1), ("đề", 2), ("de", 2), ("án", 3), ("an", 3)]


def test_initials_keep_numbers_whole():
    assert initials("Phòng cháy, chữa cháy") == "pccc"
    assert initials("Đề án 06") == "da06"
    assert initials("An toàn giao thông") == "atgt"


def test_plain_text_drops_markdown_but_keeps_words():
    body = ("## I. Kết quả\n\n> trích **đậm** _nghiêng_ `mã`\n\n| a | b |\n\n"
            "Xem [Đề án 06](../de-an-06/) và [link](http://x).\n")
    assert plain_text(body) == "I. Kết quả trích đậm nghiêng mã a b Xem Đề án 06 và link ."


# Written out from the handbook's publishing profiles (docs/handbook/quan-tri/index.md): secret never; internal and drafts only in the
# internal build; everything else everywhere.
@pytest.mark.parametrize("classification, status, public, internal", [
    ("public", "issued", None, None),
    ("public", "superseded", None, None),
    ("public", "draft", "dự thảo (draft)", None),
    ("internal", "issued", "nội bộ (internal)", None),
    ("internal", "draft", "nội bộ (internal)", None),
    ("secret", "issued", "mật (secret)", "mật (secret)"),
    ("secret", "draft", "mật (secret)", "mật (secret)"),
])
def test_profile_rule(classification, status, public, internal):
    assert PROFILES == ("public", "internal")
    assert withheld_by(classification, status, "public") == public
    assert withheld_by(classification, status, "internal") == internal


def test_a_notice_is_judged_by_its_own_status():
    from types import SimpleNamespace

    from generator.link.profile import withheld_reason
    draft = SimpleNamespace(classification="public", status="draft")
    assert withheld_reason(draft, "public") == "dự thảo (draft)"
    assert withheld_reason(draft, "internal") is None


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="unknown profile"):
        withheld_by("public", "issued", "everyone")


@pytest.mark.parametrize("dirty, gone", [
    ("<textarea>NOIDUNG-A</textarea>", "NOIDUNG-A"),
    ("<noscript>NOIDUNG-B</noscript>", "NOIDUNG-B"),
    ("<svg><text>NOIDUNG-C</text></svg>", "NOIDUNG-C"),
    ("<select><option>NOIDUNG-D</option></select>", "NOIDUNG-D"),
    ("<template>NOIDUNG-E</template>", "NOIDUNG-E"),
])
def test_sanitiser_removes_code_tags_with_their_content(dirty, gone):
    assert gone not in sanitize_html(f"<p>trước</p>{dirty}<p>sau</p>")
    assert "trước" in sanitize_html(dirty + "<p>trước</p>")


@pytest.mark.parametrize("tag", ["h1", "article", "figure", "dfn", "details", "bdo"])
def test_sanitiser_keeps_the_text_of_tags_outside_the_allow_list_only(tag):
    # h1 is the notice's own title; the rest are outside what a notice body needs.
    assert sanitize_html(f"<{tag}>chữ</{tag}>") == "chữ"


@pytest.mark.parametrize("href", ["ftp://x.vn/a", "webcal://x.vn/l.ics", "sms:+84123",
                                  "irc://x.vn", "magnet:?xt=1", "data:text/plain,a"])
def test_sanitiser_keeps_only_web_mail_and_phone_links(href):
    assert "href" not in sanitize_html(f'<a href="{href}">x</a>')


def test_sanitiser_drops_comments_and_marks_links():
    out = sanitize_html('<!-- ghi chú --><a href="https://x.vn">x</a>')
    assert out == '<a href="https://x.vn" rel="noopener noreferrer">x</a>'


def test_accent_keys_name_the_tone_by_number_whatever_its_place():
    from generator.index.analysis import accent_key
    assert [accent_key(s) for s in ("hòa", "hoà", "HOÀ", "ho\u0300a", "sắc", "ngã", "hỏa",
                                    "nặng", "hoa", "Đường")] == [
        "hoa1", "hoa1", "hoa1", "hoa1", "săc2", "nga3", "hoa4", "năng5", "hoa", "đương1"]


def test_syllables_as_written_and_exact():
    from generator.index.analysis import exact_words, syllable_list
    assert syllable_list("Ho\u0300a  bình_2024 x") == ["Hòa", "bình", "2024", "x"]
    assert exact_words("Đường BÌNH 2024") == ["đường", "bình", "2024"]
    assert exact_words("Hòa") == exact_words("Hoà") != exact_words("Hoa")
