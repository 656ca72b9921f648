"""Bytes → text: strict UTF-8, with a clear diagnosis of the encodings real offices send instead."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..text import nfc

MAX_FILE_BYTES = 2 * 1024 * 1024


_TEXT_BYTES = bytes(range(9, 14)) + bytes(range(32, 256))


class DecodeProblem(ValueError):
    """The bytes are not a notice we can read; `code` and message say which and how to fix it."""

    def __init__(self, code: str, message: str, line: int = 0):
        super().__init__(message)
        self.code = code
        self.line = line


# --- Legacy Vietnamese encodings, decoded only to say which one a file is in -------------------
# Tone marks as combining characters, in the order the tables below use.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_HAT, _BREVE = "\u0302", "\u0306"

# TCVN3 (ABC, fonts .VnTime): one byte per letter; per base letter the plain form, then
# huyền, hỏi, ngã, sắc, nặng.
_TCVN3_ROWS = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3 = {0xAE: "đ", 0xA7: "Đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư"}
for _base, _row in _TCVN3_ROWS.items():
    for _mark, _byte in zip(("", _GRAVE, _HOOK, _TILDE, _ACUTE, _DOT), _row):
        if _byte is not None:
            _TCVN3[_byte] = unicodedata.normalize("NFC", _base + _mark)

# VNI Windows (fonts VNI-Times): a base letter followed by a modifier byte; upper-case letters
# take the modifier 0x20 lower.
_VNI_MODIFIERS = {
    0xF8: _GRAVE, 0xFB: _HOOK, 0xF5: _TILDE, 0xF9: _ACUTE, 0xEF: _DOT,
    0xE2: _HAT, 0xE0: _HAT + _GRAVE, 0xE5: _HAT + _HOOK, 0xE3: _HAT + _TILDE,
    0xE1: _HAT + _ACUTE, 0xE4: _HAT + _DOT,
    0xEA: _BREVE, 0xE8: _BREVE + _GRAVE, 0xFA: _BREVE + _HOOK, 0xFC: _BREVE + _TILDE,
    0xE9: _BREVE + _ACUTE, 0xEB: _BREVE + _DOT,
}
_VNI_MODIFIERS.update({b - 0x20: m for b, m in list(_VNI_MODIFIERS.items())})
_VNI_LETTERS = {0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xED: "í",
                0xF2: "ị"}
_VNI_LETTERS.update({b - 0x20: ch.upper() for b, ch in list(_VNI_LETTERS.items())})


def _decode_tcvn3(data: bytes) -> str:
    return "".join(_TCVN3.get(b) or chr(b) for b in data)


def _decode_vni(data: bytes) -> str:
    out: list[str] = []
    for b in data:
        if b in _VNI_LETTERS:
            out.append(_VNI_LETTERS[b])
        elif b in _VNI_MODIFIERS and out and out[-1][-1:].isalpha():
            out[-1] += _VNI_MODIFIERS[b]
        else:
            out.append(chr(b))
    return unicodedata.normalize("NFC", "".join(out))


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_CANDIDATES = (("Windows-1258", _decode_cp1258), ("TCVN3 (ABC)", _decode_tcvn3),
               ("VNI", _decode_vni))
_WORD = re.compile(r"[^\W\d_]+")
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ "
           "uê ui uô uơ uy ưa ưi ươ ưu ya yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu "
           "yêu").split()
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                       rf"({'|'.join(sorted(_NUCLEI, key=len, reverse=True))})"
                       r"(ch|ng|nh|[cmnpt])?$")


def _vietnamese_score(text: str) -> int:
    """Valid Vietnamese syllables minus junk words, counting only words with non-ASCII letters."""
    score = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        decomposed = unicodedata.normalize("NFD", word.lower())
        tones = sum(1 for ch in decomposed if ch in _GRAVE + _HOOK + _TILDE + _ACUTE + _DOT)
        toneless = unicodedata.normalize("NFC", "".join(
            ch for ch in decomposed if ch not in _GRAVE + _HOOK + _TILDE + _ACUTE + _DOT))
        score += 1 if tones <= 1 and _SYLLABLE.match(toneless) else -1
    return score


def guess_legacy_encoding(data: bytes) -> str | None:
    """Name the likely encoding of bytes that are not UTF-8, for the error message.

    Each legacy encoding is tried and the one whose text reads most like Vietnamese (most valid
    syllables, fewest junk words) wins; byte patterns alone confuse VNI with Windows-1258.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if len(data) > 3 and data.count(b"\x00") > len(data) // 4:
        return "UTF-16"
    sample = data[:65536]
    scores = {name: _vietnamese_score(decoder(sample)) for name, decoder in _CANDIDATES}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] > 0 else None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> tuple[str, bool]:
    """Decode a notice file to NFC text, or raise DecodeProblem saying what the file is instead.

    Returns the text and whether it already was NFC (a style warning the fixer repairs).
    """
    if len(data) > MAX_FILE_BYTES:
        raise DecodeProblem("NA003", f"tệp lớn {len(data) // 1024} KB, vượt giới hạn "
                            f"{MAX_FILE_BYTES // (1024 * 1024)} MB; hãy tách hoặc rút gọn văn bản")
    if not data.strip():
        raise DecodeProblem("NA004", "tệp rỗng; hãy thêm front matter và nội dung thông báo, hoặc xóa tệp")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = guess_legacy_encoding(data)
        if guess == "UTF-16":
            raise DecodeProblem("NA001", "tệp mã hóa UTF-16, không phải UTF-8; hãy lưu lại với mã "
                                "UTF-8 (ví dụ: iconv -f UTF-16 -t UTF-8)") from None
        if guess is None and _looks_binary(data):
            raise DecodeProblem("NA005", "tệp nhị phân, không phải văn bản Markdown; hãy xóa hoặc "
                                "thay bằng tệp .md") from None
        hint = {
            "VNI": "mã VNI (phông VNI-Times); hãy chuyển sang Unicode dựng sẵn bằng Unikey "
                   "(Công cụ chuyển mã: VNI Windows → Unicode)",
            "TCVN3 (ABC)": "mã TCVN3 (ABC, phông .VnTime); hãy chuyển sang Unicode dựng sẵn bằng "
                           "Unikey (TCVN3 (ABC) → Unicode)",
            "Windows-1258": "mã Windows-1258; hãy chuyển sang UTF-8 "
                            "(iconv -f WINDOWS-1258 -t UTF-8)",
        }.get(guess or "")
        message = (f"tệp không phải UTF-8, có vẻ là {hint}" if hint else
                   "tệp không phải UTF-8 (không nhận ra bảng mã); hãy mở bằng trình soạn thảo và "
                   "lưu lại với mã UTF-8")
        raise DecodeProblem("NA001", message, line=_line_of(data, exc.start)) from None
    if _looks_binary(data):
        raise DecodeProblem("NA005", "tệp chứa ký tự điều khiển nhị phân (NUL…); hãy xóa hoặc "
                            "thay bằng tệp văn bản .md", line=_line_of(data, data.find(b"\x00")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    normalised = nfc(text)
    return normalised, normalised == text


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _TEXT_BYTES))  # C speed: delete text bytes, count rest
    return controls > len(head) // 20
