"""Is a word a Vietnamese syllable? Built from the structure of the written syllable, not from a
word list.

A written Vietnamese syllable is (onset)(rhyme) with at most one tone mark; the rhyme is a
closed set (the vần of the school primer: medial glide, nucleus, coda). Two rules of the
language cut the space further: a syllable ending in a stop (-p, -t, -c, -ch) only carries
the sắc or nặng tone, and the spellings k/gh/ngh stand before i, e, ê (and y) while c/g/ng
stand before the other vowels. Anything OCR makes of a speck or a stamp ("ZM8ïÌ7", "vụầ",
"tỉnhbắcninh") falls outside; a correct but rare syllable does not.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import TONE_MARKS

ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")

# Rhymes by nucleus (toneless). The medial-glide rhymes (oa…, uê…, uy…) are listed too.
_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôp uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oem oen oeo oet
uâ uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu
""".split()
RHYMES = frozenset(_RHYMES)
_STOPS = ("p", "t", "c", "ch")
_SAC, _NANG = "\u0301", "\u0323"
_FRONT = ("i", "e", "ê", "y")
_VIETNAMESE_BASE = frozenset("abcdeghiklmnopqrstuvxyăâđêôơư")


def _split_tone(word: str) -> tuple[str, list[str]]:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return base, tones


def is_syllable(word: str) -> bool:
    """True when `word` (any case, NFC) is a well-formed Vietnamese syllable."""
    base, tones = _split_tone(word.lower())
    if len(tones) > 1 or not base or any(c not in _VIETNAMESE_BASE for c in base):
        return False
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and (rhyme == "" or rhyme[0] not in "aăâeêoôơuưy"):
            rhyme = "i" + rhyme          # "gì", "gìn", "giếng": the i belongs to both
        if onset == "qu" and rhyme[:1] in ("o", "u"):
            continue
        if rhyme not in RHYMES and not (onset == "gi" and "i" + rhyme in RHYMES) and not (
                onset == "qu" and "u" + rhyme in RHYMES):   # "quỳnh", "quyết": the u glides
            continue
        if onset in ("k", "gh", "ngh") and not rhyme.startswith(_FRONT):
            continue
        if onset in ("c", "ng") and rhyme.startswith(_FRONT) or onset == "g" and \
                rhyme.startswith(("e", "ê", "y")):
            continue                      # "ke", "nghe", "ghê", not "ce", "nge", "ge"
        if onset == "" and rhyme.startswith("iê"):
            continue                      # an onsetless iê- is written yê- ("yên", not "iên")
        if rhyme.endswith(_STOPS) and tones and tones[0] not in (_SAC, _NANG):
            continue
        return True
    return False


_TOKEN = re.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{}«».,;:!?…*_|"
_NUMERIC = re.compile(r"^[\d.,/:%+-]+$")
_CODE = re.compile(r"^[0-9]*[/]?(?:[A-ZĐ0-9][A-Za-zĐđ0-9]*)(?:[-/.][A-ZĐ0-9][A-Za-zĐđ0-9]*)*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_LETTER_MARKER = re.compile(r"^[a-zđ]\)?$")


def odd_words(text: str, lenient_ascii: bool = True) -> list[str]:
    """The words of `text` that are no Vietnamese syllable, number, code or abbreviation.

    `lenient_ascii`: a plain-ASCII word ("website", "Zalo", "online") is accepted, as a text
    original may well contain one; an OCRed original is checked with it False."""
    odd = []
    for raw in _TOKEN.findall(text):
        word = raw.strip(_EDGE)
        if not any(c.isalnum() for c in word) or _NUMERIC.match(word) or \
                _LETTER_MARKER.match(word):
            continue                      # Markdown marks ("##", "-"), numbers, "a)"
        for part in re.split(r"[-–/]", word) if not _CODE.match(word) else [word]:
            part = part.strip(_EDGE)
            if not part or _NUMERIC.match(part) or _ROMAN.match(part) or \
                    len(part) == 1 and part.isalpha():   # "Đ/c", "b/c": abbreviations
                continue
            if _CODE.match(part) and (sum(c.isupper() for c in part) >= 2 or any(
                    c.isdigit() for c in part)) and not _mixed(part, lenient_ascii):
                continue                  # UBND, QĐ-TTg, NĐ-CP, COVID-19, 125/TB-VPUBND
            if is_syllable(part):
                continue
            if lenient_ascii and part.isascii() and part.isalpha():
                continue
            odd.append(word)
            break
    return odd


def _mixed(part: str, lenient_ascii: bool) -> bool:
    """A "code" with tone marks, or (in OCR text) letters and digits interleaved ("3K8W",
    "M8x"): noise more often than a code, so a person looks. Letters then digits ("PV01",
    "PC06", a police unit) are a code."""
    _, tones = _split_tone(part)
    return bool(tones) or not lenient_ascii and bool(
        re.search(r"\d[A-Za-z]+\d|[A-Za-z]\d+[A-Za-z]", part))
