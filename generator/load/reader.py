"""Bytes → text: strict UTF-8, with a clear diagnosis of the encodings real offices send instead."""

from __future__ import annotations

import codecs

from ..encodings import guess_encoding
from ..text import nfc

MAX_FILE_BYTES = 2 * 1024 * 1024


_TEXT_BYTES = bytes(range(9, 14)) + bytes(range(32, 256))


class DecodeProblem(ValueError):
    """The bytes are not a notice we can read; `code` and message say which and how to fix it."""

    def __init__(self, code: str, message: str, line: int = 0):
        super().__init__(message)
        self.code = code
        self.line = line


def guess_legacy_encoding(data: bytes) -> str | None:
    """Name the likely encoding of bytes that are not UTF-8, for the error message."""
    return guess_encoding(data)


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
