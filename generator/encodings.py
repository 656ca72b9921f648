"""Legacy Vietnamese encodings → NFC Unicode, for `check` (naming them) and `import` (converting): TCVN3 (ABC), VNI Windows, Windows-1258, UTF-16, NFD.

TCVN3 and VNI are font encodings, not character sets: a document typed in .VnTime or VNI-Times
stores ordinary 8-bit bytes that Windows shows as Latin-1 letters ("Th«ng b¸o", "Thoâng baùo").
Python has no codec for them and no well-kept PyPI package converts them (the candidates are
young single-author loaders or Telex-style typing helpers), so the two tables below are written
from the published charts and tested by converting text both ways (tests/test_import_encoding.py).

Which encoding a text is in is decided by reading it: each candidate decoding is scored by how
many of the most common Vietnamese words it produces, and the best one wins. That works on raw
.txt bytes and equally on .docx text, where legacy fonts surface as Latin-1 characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from .text import nfc

# --- TCVN3 (TCVN 5712:1993, "ABC"): one byte per letter ---------------------------------------
# Lower-case letters only: upper-case accented letters are drawn by the .VnTimeH font from the
# same bytes, so they come back lower case (a known limit of every TCVN3 converter).
_TCVN3_PAIRS = (
    "Ă\xa1 Â\xa2 Ê\xa3 Ô\xa4 Ơ\xa5 Ư\xa6 Đ\xa7 "
    "ă\xa8 â\xa9 ê\xaa ô\xab ơ\xac ư\xad đ\xae "
    "à\xb5 á\xb8 ả\xb6 ã\xb7 ạ\xb9 "
    "ằ\xbb ắ\xbe ẳ\xbc ẵ\xbd ặ\xc6 "
    "ầ\xc7 ấ\xca ẩ\xc8 ẫ\xc9 ậ\xcb "
    "è\xcc é\xd0 ẻ\xce ẽ\xcf ẹ\xd1 "
    "ề\xd2 ế\xd5 ể\xd3 ễ\xd4 ệ\xd6 "
    "ì\xd7 í\xdd ỉ\xd8 ĩ\xdc ị\xde "
    "ò\xdf ó\xe3 ỏ\xe1 õ\xe2 ọ\xe4 "
    "ồ\xe5 ố\xe8 ổ\xe6 ỗ\xe7 ộ\xe9 "
    "ờ\xea ớ\xed ở\xeb ỡ\xec ợ\xee "
    "ù\xef ú\xf3 ủ\xf1 ũ\xf2 ụ\xf4 "
    "ừ\xf5 ứ\xf8 ử\xf6 ữ\xf7 ự\xf9 "
    "ỳ\xfa ý\xfd ỷ\xfb ỹ\xfc ỵ\xfe"
)
TCVN3_TO_UNICODE = {pair[1]: pair[0] for pair in _TCVN3_PAIRS.split()}
UNICODE_TO_TCVN3 = {u: t for t, u in TCVN3_TO_UNICODE.items()}

# --- VNI Windows: base letter followed by a mark byte ----------------------------------------
_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# Circumflex (â ê ô) and breve (ă) combine with the tone into one byte.
_VNI_CIRCUMFLEX = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã",
                   "\u0323": "ä"}
_VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü",
              "\u0323": "ë"}
# Letters VNI writes as a single byte.
_VNI_SINGLE = {"đ": "ñ", "Đ": "Ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
               "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò", "ỵ": "î", "Ỵ": "Î"}
_HOOK_BASE = {"ơ": "ô", "ư": "ö", "Ơ": "Ô", "Ư": "Ö"}


def _vni_encode_char(ch: str) -> str:
    if ch in _VNI_SINGLE:
        return _VNI_SINGLE[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if base.lower() not in "aeiouy" or not marks:
        return ch
    tone = next((m for m in marks if m in _VNI_TONES), None)
    upper = base.isupper()
    if "\u0302" in marks:                      # circumflex
        mark = _VNI_CIRCUMFLEX[tone]
        return base + (mark.upper() if upper else mark)
    if "\u0306" in marks:                      # breve
        mark = _VNI_BREVE[tone]
        return base + (mark.upper() if upper else mark)
    if "\u031b" in marks:                      # horn: ơ ư are single bytes, then the tone
        hooked = _HOOK_BASE[unicodedata.normalize("NFC", base + "\u031b")]
        mark = _VNI_TONES[tone] if tone else ""
        return hooked + (mark.upper() if upper else mark)
    if tone:
        mark = _VNI_TONES[tone]
        return base + (mark.upper() if upper else mark)
    return ch


def _vietnamese_letters() -> list[str]:
    letters = ["đ", "Đ"]
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"):
            letter = unicodedata.normalize("NFC", base + tone)
            letters += [letter, letter.upper()]
    return letters


UNICODE_TO_VNI = {ch: _vni_encode_char(ch) for ch in _vietnamese_letters()
                  if _vni_encode_char(ch) != ch}
VNI_TO_UNICODE = {v: u for u, v in UNICODE_TO_VNI.items()}
# Some VNI writers spell ì/í as i + tone byte; read those too.
VNI_TO_UNICODE.update({"iø": "ì", "iù": "í", "IØ": "Ì", "IÙ": "Í"})
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in
                                   sorted(VNI_TO_UNICODE, key=len, reverse=True)))
_TCVN3_PATTERN = re.compile("[" + re.escape("".join(TCVN3_TO_UNICODE)) + "]")


_CAPS_WORD = re.compile(r"[^\W\d_]+")


def _recase(word: str) -> str:
    # A word typed in capitals (.VnTimeH headings) has no lower-case ASCII letter: upper-case
    # the accented letters the table gave back in lower case ("BIệT" → "BIỆT").
    # Two capitals are needed: "Số" is a capital S and a lower-case ố, not a heading word.
    capitals = sum(1 for c in word if "A" <= c <= "Z" or c in "ĂÂÊÔƠƯĐ")
    if capitals >= 2 and not any("a" <= c <= "z" for c in word):
        return word.upper()
    return word


def tcvn3_to_unicode(text: str) -> str:
    converted = _TCVN3_PATTERN.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text)
    return _CAPS_WORD.sub(lambda m: _recase(m.group(0)), converted)


def unicode_to_tcvn3(text: str) -> str:
    """The reverse mapping, used to test the converter (upper-case accents become lower case)."""
    out = []
    for ch in nfc(text):
        if ch in UNICODE_TO_TCVN3:  # Ă Â Ê Ô Ơ Ư Đ have bytes of their own
            out.append(UNICODE_TO_TCVN3[ch])
        elif ch.lower() in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def vni_to_unicode(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def unicode_to_vni(text: str) -> str:
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in nfc(text))


def unicode_to_cp1258(text: str) -> bytes:
    """What Windows-1258 writers produce: base letters (with â ê ô ơ ư ă) plus combining tones."""
    out = bytearray()
    for ch in nfc(text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in _VNI_TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _VNI_TONES))
        out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)


# Bytes → the characters Windows shows for them: cp1252, with Latin-1 for its five holes.
_WINDOWS_GLYPHS = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or bytes([b]).decode("latin-1")
    for b in range(256))


def bytes_as_windows_glyphs(data: bytes) -> str:
    return "".join(_WINDOWS_GLYPHS[b] for b in data)


def glyphs_to_bytes(text: str) -> bytes:
    """The inverse of bytes_as_windows_glyphs, for writing legacy test files."""
    table = {ch: i for i, ch in enumerate(_WINDOWS_GLYPHS)}
    return bytes(table[ch] if ch in table else ord("?") for ch in text)


# --- Detection ----------------------------------------------------------------------------
# The commonest words of administrative Vietnamese; a right decoding produces many of them.
_COMMON = frozenset(
    "của và các có được trong cho với là này không những người đã để về một theo tỉnh năm "
    "ngày tháng thực hiện công tác đến từ tại trên như nhân dân việc đồng chí thông báo kết "
    "luận chủ tịch văn phòng ủy ban huyện số nơi nhận lưu đề nghị tiếp tục tăng cường bảo "
    "đảm triển khai nhiệm vụ phó sở ban hội nghị quản lý giao".split())
_WORDS = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> float:
    """Share of words that are common Vietnamese words (0..1)."""
    words = _WORDS.findall(text.lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in _COMMON) / len(words)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str            # what the source was: "UTF-8", "TCVN3 (ABC)", "VNI", …
    converted: bool          # True when the text was not already NFC Unicode


# Legacy-font text that reached us as Unicode (Latin-1 glyphs) and how to read it back.
_LEGACY_READINGS = (("TCVN3 (ABC)", tcvn3_to_unicode), ("VNI", vni_to_unicode))


def fix_legacy_text(text: str) -> tuple[str, str]:
    """Text already decoded (from .docx, or bytes read as Windows glyphs) → (Unicode NFC, name).

    Only switches away from the text as it is when a legacy decoding reads clearly better, so
    genuine Unicode text is never "converted".
    """
    text = nfc(text)
    best_name, best_text = "Unicode", text
    best = vietnamese_score(text)
    for name, reading in _LEGACY_READINGS:
        candidate = nfc(reading(text))
        score = vietnamese_score(candidate)
        if score > best + 0.05 and score > 0.08:
            best_name, best_text, best = name, candidate, score
    return best_text, best_name


def decode_bytes(data: bytes) -> Decoded:
    """Bytes of a plain-text original → NFC text, whatever Vietnamese encoding it was saved in."""
    if data.startswith(codecs.BOM_UTF8):
        return _finish(data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _finish(data.decode("utf-16", errors="replace"), "UTF-16")
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:  # UTF-16 without a BOM
        even_nuls = data[0::2].count(0)
        codec = "utf-16-be" if even_nuls > data[1::2].count(0) else "utf-16-le"
        return _finish(data.decode(codec, errors="replace"), "UTF-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        fixed, name = fix_legacy_text(text)  # UTF-8 that carries legacy-font glyphs
        if name != "Unicode":
            return Decoded(fixed, f"{name} (trong UTF-8)", True)
        return _finish(text, "UTF-8")
    name, text, _ = _best_legacy(data)
    return Decoded(text, name, True)


def _best_legacy(data: bytes) -> tuple[str, str, float]:
    """(name, NFC text, score) of the legacy decoding of non-UTF-8 bytes that reads best."""
    glyphs = bytes_as_windows_glyphs(data)
    options = [("Windows-1258", data.decode("cp1258", errors="replace")),
               ("TCVN3 (ABC)", tcvn3_to_unicode(glyphs)),
               ("VNI", vni_to_unicode(glyphs))]
    scored = [(name, nfc(text)) for name, text in options]
    return max(((name, text, vietnamese_score(text)) for name, text in scored),
               key=lambda o: o[2])


def guess_encoding(data: bytes) -> str | None:
    """Name the encoding of bytes that are not UTF-8 ("UTF-16", "Windows-1258", "TCVN3 (ABC)",
    "VNI"), or None when no decoding reads as Vietnamese (binary junk, another language)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        return "UTF-16"
    name, _, score = _best_legacy(data[:65536])
    return name if score > 0 else None


def _finish(text: str, encoding: str) -> Decoded:
    normalised = nfc(text)
    return Decoded(normalised, encoding if normalised == text else f"{encoding}, NFD",
                   normalised != text)
