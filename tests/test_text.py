import re
import unicodedata

import pytest

from generator import deadlines
from generator.text import canonical, fold, lowered, nfc, slugify, unify_tones
from generator.validate import safety, tasks


@pytest.mark.parametrize("old,new", [("hoà", "hòa"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"),
                                     ("khoẻ", "khỏe"), ("tuỳ", "tùy"), ("hoạ", "họa"),
                                     ("xoè", "xòe"), ("luỹ", "lũy")])
def test_old_and_new_tone_placement_unify(old, new):
    assert old != new  # a pair of one spelling twice would prove nothing
    assert unify_tones(old) == unify_tones(new) != fold(new)  # one form, tone kept
    assert canonical(old) == canonical(new.upper())


def test_tone_placement_keeps_other_words():
    # qu- and gi- are onsets, so "quỳnh", "quý", "giữa" keep the tone where it is.
    for word in ("người", "quyết", "giá", "ngoài", "toán", "hoàng", "của", "tuổi", "gì",
                 "quỳnh", "quý", "giữa", "khuya"):
        assert unify_tones(word) == word


def test_fold_removes_every_mark_and_dd():
    assert fold("Đề án 06 của Chính phủ") == "de an 06 cua chinh phu"
    assert fold("đường") == "duong"
    assert fold(unicodedata.normalize("NFD", "Điện")) == "dien"


def test_nfc_composes_decomposed_text():
    text = unicodedata.normalize("NFD", "Nguyễn Văn Hòa")
    assert nfc(text) == "Nguyễn Văn Hòa"
    assert unicodedata.is_normalized("NFC", nfc(text))


def test_slugify_is_ascii_and_stable():
    assert slugify("125/TB-VPUBND") == "125-tb-vpubnd"
    assert slugify("06/QĐ-UBND") == "06-qd-ubnd"
    assert slugify("Đề án 06") == "de-an-06"
    assert slugify("///") == "x"


# Where the tone lands, pinned word by word (the rule: on the quality vowel ơ ô ê â ư ă if
# any; on the second vowel of oa, oe, uy and whenever a consonant follows; qu- and gi- are
# onsets). Old and new spellings agreeing is not enough: both could land on the wrong letter.
@pytest.mark.parametrize("word, placed", [
    ("hòa", "hoà"), ("hoà", "hoà"), ("hòe", "hoè"), ("thủy", "thuỷ"), ("Ủy", "Uỷ"),
    ("tòa án", "toà án"), ("hoàng", "hoàng"), ("toán", "toán"), ("quý", "quý"),
    ("quỳnh", "quỳnh"), ("quạ", "quạ"), ("giữa", "giữa"), ("già", "già"), ("gìn", "gìn"),
    ("người", "người"), ("ngoài", "ngoài"), ("tuổi", "tuổi"), ("thuở", "thuở"), ("mía", "mía"),
    ("của", "của"), ("mùa", "mùa"), ("khuya", "khuya"), ("khoẻ", "khoẻ"), ("oà", "oà"),
])
def test_tone_lands_on_the_right_letter(word, placed):
    assert unify_tones(word) == placed


def test_long_slugs_never_end_a_cut_on_a_hyphen():
    # "a" * 70 + "-" puts a hyphen exactly where the cut (80 - 8 hex - 1) falls.
    for text in ("a" * 70 + " " + "b" * 20, "ab-" * 60, "a " * 200, "Đề án 06 " * 30):
        slug = slugify(text)
        assert "--" not in slug and len(slug) <= 80 and not slug.endswith("-"), slug
    assert re.fullmatch(r"a{70}-[0-9a-f]{8}", slugify("a" * 70 + " " + "b" * 20))


def test_slugs_up_to_the_limit_are_kept_whole():
    assert slugify("a" * 80) == "a" * 80
    cut = slugify("a" * 81)
    assert len(cut) == 80 and re.fullmatch(r"a{71}-[0-9a-f]{8}", cut)


def test_reserved_device_names_are_never_slugs():
    # Windows refuses files named after devices, whatever the case or extension.
    assert [slugify(name) for name in ("CON", "nul", "Com1", "LPT9", "clock", "côn", "com10")] == [
        "con-x", "nul-x", "com1-x", "lpt9-x", "clock-x", "con-x", "com10"]


def test_lowered_text_finds_what_case_insensitive_patterns_find():
    """text.lowered: searching lower-cased text case-sensitively is the same as searching the
    text case-insensitively, for every letter of the patterns that use it, over all of Unicode."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    changed = [c for c in everything if c.lower() != c]   # the only ones lower() can affect
    lowers: dict[str, set[str]] = {}
    for c in changed:
        lowers.setdefault(c.lower(), set()).add(c)
    patterns = (deadlines._CANDIDATE, tasks._ASSIGNS, tasks._PAST, safety._ACTIVE_TAG,
                safety._SCRIPT_URL)
    letters = {ch for pattern in patterns
               for ch in re.findall(r"[^\W\d_]", re.sub(r"\\[wsb]", "", pattern.lower.pattern))}
    assert len(letters) > 20
    # One case-insensitive scan of all of Unicode for every letter at once, then each found
    # character matched against each letter (25 scans of 1.1 million characters took a minute).
    found = set(re.findall("[" + re.escape("".join(sorted(letters))) + "]", everything,
                           re.IGNORECASE))
    for letter in letters:
        caseless = {c for c in found if re.fullmatch(re.escape(letter), c, re.IGNORECASE)}
        same = lowers.get(letter, set()) | {letter}
        assert caseless - same <= {"ı", "ſ", "İ"}, letter  # what lowered() refuses
        assert same <= caseless, letter
    for kind in (re.compile(r"\w"), re.compile(r"\s")):  # \b too is decided by \w
        assert all(bool(kind.match(c)) == bool(kind.match(c.lower())) for c in changed
                   if len(c.lower()) == 1)
    assert lowered("GIAO báo cáo") == "giao báo cáo"
    assert lowered("Gıao") is None and lowered("İ") is None and lowered("ſcript") is None

