"""Files that are not UTF-8: each gets NA001 naming the likely encoding and how to convert it."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import ROOT, cli, copy_project
from test_check_rules import GOOD, diagnose

# Independent encoders for the legacy encodings (the reader only decodes), from the published
# code tables: Windows-1258 keeps tones as combining marks, TCVN3 uses one byte per letter, VNI
# writes a base letter followed by a modifier byte.
TONES = {"\u0300": 0, "\u0309": 1, "\u0303": 2, "\u0301": 3, "\u0323": 4}  # huyền hỏi ngã sắc nặng

def split(ch):
    d = unicodedata.normalize("NFD", ch)
    tone = next((c for c in d if c in TONES), None)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    return base, tone

def cp1258(text):
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258"); continue
        except UnicodeEncodeError:
            pass
        base, tone = split(ch)
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)

# TCVN3 (ABC): lower-case letters; per base: (plain, huyền, hỏi, ngã, sắc, nặng)
_TCVN3 = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_OTHER = {"đ": 0xAE, "Đ": 0xA7, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6}

def tcvn3(text):
    out = bytearray()
    for ch in text:
        if ch.isascii():
            out.append(ord(ch)); continue
        if ch in _TCVN3_OTHER:
            out.append(_TCVN3_OTHER[ch]); continue
        base, tone = split(ch.lower())
        if base not in _TCVN3:
            out += b'"'; continue
        row = _TCVN3[base]
        out.append(row[0] if tone is None else row[1 + TONES[tone]])
    return bytes(out)

# VNI Windows: base letter + modifier byte(s)
_VNI_TONE = {"\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0301": 0xF9, "\u0323": 0xEF}
_VNI_HAT = {None: 0xE2, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3, "\u0301": 0xE1, "\u0323": 0xE4}
_VNI_BREVE = {None: 0xEA, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC, "\u0301": 0xE9, "\u0323": 0xEB}
_VNI_I = {"\u0300": 0xEC, "\u0309": 0xE6, "\u0303": 0xF3, "\u0301": 0xED, "\u0323": 0xF2}

def vni(text):
    out = bytearray()
    for ch in text:
        if ch.isascii():
            out.append(ord(ch)); continue
        upper = ch.isupper()
        base, tone = split(ch.lower())
        if not base.isalpha():
            out += b'"'; continue
        if base == "đ":
            out.append(0xD1 if upper else 0xF1); continue
        if base == "i" and tone:
            code = _VNI_I[tone]
            out.append(code - 0x20 if upper else code); continue
        if base in "âêô":
            letter, mod = {"â": "a", "ê": "e", "ô": "o"}[base], _VNI_HAT[tone]
        elif base == "ă":
            letter, mod = "a", _VNI_BREVE[tone]
        elif base in "ơư":
            lead = 0xF4 if base == "ơ" else 0xF6
            out.append(lead - 0x20 if upper else lead)
            if tone:
                out.append(_VNI_TONE[tone] - (0x20 if upper else 0))
            continue
        else:
            letter, mod = base, _VNI_TONE[tone]
        out.append(ord(letter.upper() if upper else letter))
        out.append(mod - 0x20 if upper else mod)
    return bytes(out)


SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "notices").rglob("*.md"))]


@pytest.mark.parametrize("encode, name, how", [
    (cp1258, "Windows-1258", "iconv -f WINDOWS-1258"),
    (tcvn3, "TCVN3", "Unikey"),
    (vni, "VNI", "Unikey"),
    (lambda t: t.encode("utf-16"), "UTF-16", "iconv -f UTF-16"),
    (lambda t: t.encode("utf-16-le"), "UTF-16", "iconv -f UTF-16"),
], ids=["windows-1258", "tcvn3", "vni", "utf-16", "utf-16-le-no-bom"])
def test_legacy_encoding_is_named(encode, name, how):
    for text in (GOOD, *SAMPLES[:6]):
        (d,) = diagnose({"legacy.md": encode(text)})
        assert d.code == "NA001" and d.severity == "error"
        assert name in d.message and how in d.message, d.message


def test_every_sample_notice_is_diagnosed_in_every_legacy_encoding():
    from generator.load.reader import guess_legacy_encoding
    for text in SAMPLES:
        assert guess_legacy_encoding(cp1258(text)) == "Windows-1258"
        assert guess_legacy_encoding(tcvn3(text)) == "TCVN3 (ABC)"
        assert guess_legacy_encoding(vni(text)) == "VNI"


def test_encoders_are_real():
    text = "Thông báo kết luận của Ủy ban"
    assert unicodedata.normalize("NFC", cp1258(text).decode("cp1258")) == text
    assert tcvn3("Thông báo") == b"Th\xabng b\xb8o"
    assert vni("Thông báo") == b"Tho\xe2ng ba\xf9o"


def test_cli_names_the_encoding_and_line(tmp_path):
    project = copy_project(tmp_path)
    path = project / "notices" / "2024" / "vni.md"
    path.write_bytes(vni(GOOD))
    result = cli(project, "check")
    assert result.returncode == 1
    assert "notices/2024/vni.md:4:1: error NA001:" in result.stdout  # first non-ASCII: title
    assert "VNI" in result.stdout and "Traceback" not in result.stderr
