"""Names of Vietnam's provinces and centrally-run cities (the 63 before 2025 and the merged ones
after), so that "UBND tỉnh Hà Tĩnh" reads as a place and "UBND tỉnh Phạm Hữu Nghĩa" (a chair's
name after the body) does not."""

from __future__ import annotations

from .agencies import tokens

NAMES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu",
    "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng",
    "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
    "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
    "Thanh Hóa", "Thừa Thiên Huế", "Thừa Thiên - Huế", "Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

# Folded word tuples, longest first: "Bà Rịa - Vũng Tàu" before "Bà Rịa".
_KEYS = sorted({tuple(t.word for t in tokens(n)) for n in NAMES}, key=len, reverse=True)


def province_at(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The province whose folded name the words start with, or None."""
    for k in _KEYS:
        if words[:len(k)] == k:
            return k
    return None
