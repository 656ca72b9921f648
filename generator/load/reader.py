"""Bytes → text: strict UTF-8, with a clear diagnosis of the encodings real offices send instead."""

from __future__ import annotations

import codecs
import re

from ..text import nfc

MAX_FILE_BYTES = 2 * 1024 * 1024

# Byte patterns that betray legacy Vietnamese encodings (fonts .VnTime for TCVN3, VNI-Times for VNI).
_TCVN3_HINT = re.compile(rb"[\xb5\xb8\xb6\xb7\xb9\xa8\xbb\xbe\xbc\xbd\xc6\xa9\xc7\xca\xc8\xc9\xcb\xae\xa7]")
_VNI_HINT = re.compile(rb"[a-zA-Z][\xf8\xf9\xfa\xfb\xfc\xf5\xef\xec\xeb\xe8\xe9\xea\xe1\xe2\xe3\xe4\xe5]")


_TEXT_BYTES = bytes(range(9, 14)) + bytes(range(32, 256))


class DecodeProblem(ValueError):
    """The bytes are not a notice we can read; `code` and message say which and how to fix it."""

    def __init__(self, code: str, message: str, line: int = 0):
        super().__init__(message)
        self.code = code
        self.line = line


def guess_legacy_encoding(data: bytes) -> str | None:
    """Name the likely encoding of bytes that are not UTF-8, for the error message."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if len(data) > 3 and data.count(b"\x00") > len(data) // 4:
        return "UTF-16"
    # VNI writes a base letter followed by a separate accent byte; TCVN3 uses single bytes in
    # ranges Windows-1258 leaves to punctuation.
    vni = len(_VNI_HINT.findall(data))
    tcvn = len(_TCVN3_HINT.findall(data))
    if vni > tcvn and vni >= 3:
        return "VNI"
    if tcvn >= 3:
        return "TCVN3 (ABC)"
    try:
        data.decode("cp1258")
        return "Windows-1258"
    except UnicodeDecodeError:
        return None


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
        }.get(guess or "", "mã không phải UTF-8; hãy lưu lại với mã UTF-8")
        raise DecodeProblem("NA001", f"tệp không phải UTF-8, có vẻ là {hint}",
                            line=_line_of(data, exc.start)) from None
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
