"""Abbreviations in agency names ("Sở TN&MT", "Bộ CHQS", "Ban QLDA") spelt out, so that a name
written short resolves to the vocabulary and reads in full on the register.

The default table holds the ones every province writes; an archive adds or overrides its own in
notices/agencies.yml under `abbreviations:`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

DEFAULT: dict[str, str] = {
    "TN&MT": "Tài nguyên và Môi trường", "TNMT": "Tài nguyên và Môi trường",
    "TN-MT": "Tài nguyên và Môi trường",
    "KH&ĐT": "Kế hoạch và Đầu tư", "KHĐT": "Kế hoạch và Đầu tư", "KH-ĐT": "Kế hoạch và Đầu tư",
    "KH&CN": "Khoa học và Công nghệ", "KH-CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ",
    "GTVT": "Giao thông vận tải", "GT-VT": "Giao thông vận tải",
    "GD&ĐT": "Giáo dục và Đào tạo", "GDĐT": "Giáo dục và Đào tạo",
    "GD-ĐT": "Giáo dục và Đào tạo",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN-PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&MT": "Nông nghiệp và Môi trường", "NNMT": "Nông nghiệp và Môi trường",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội", "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch", "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch", "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "TT&TT": "Thông tin và Truyền thông", "TTTT": "Thông tin và Truyền thông",
    "QHKT": "Quy hoạch - Kiến trúc", "QH-KT": "Quy hoạch - Kiến trúc",
    "QH&KT": "Quy hoạch - Kiến trúc",
    # the press writes "và" for "&": "Bộ NN và PTNT", "Sở TN và MT"
    "NN và PTNT": "Nông nghiệp và Phát triển nông thôn",
    "TN và MT": "Tài nguyên và Môi trường", "GD và ĐT": "Giáo dục và Đào tạo",
    "KH và ĐT": "Kế hoạch và Đầu tư", "KH và CN": "Khoa học và Công nghệ",
    "TT và TT": "Thông tin và Truyền thông", "NN và MT": "Nông nghiệp và Môi trường",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam", "MTTQ": "Mặt trận Tổ quốc",
    "CHQS": "Chỉ huy Quân sự", "BCHQS": "Bộ Chỉ huy Quân sự", "BCH": "Bộ Chỉ huy",
    "BĐBP": "Bộ đội Biên phòng", "KKT": "Khu kinh tế", "KCN": "Khu công nghiệp",
    "QLDA": "Quản lý dự án", "BQL": "Ban Quản lý", "BQLDA": "Ban Quản lý dự án",
    "QLTT": "Quản lý thị trường", "UBKT": "Ủy ban Kiểm tra", "BTV": "Ban Thường vụ",
    "PCTT và TKCN": "Phòng, chống thiên tai và Tìm kiếm cứu nạn",
    "PCTT&TKCN": "Phòng, chống thiên tai và Tìm kiếm cứu nạn",
    "TP.HCM": "thành phố Hồ Chí Minh", "TPHCM": "thành phố Hồ Chí Minh",
    "TP.": "thành phố", "TP": "thành phố", "TX": "thị xã",
    # schools, as education letters name their addressees ("các trường THPT, THCS")
    "THPT": "trung học phổ thông", "THCS": "trung học cơ sở",
    "GDNN-GDTX": "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    "GDNN - GDTX": "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    "GDTX": "Giáo dục thường xuyên", "BTVH": "Bổ túc văn hóa", "GDNN": "Giáo dục nghề nghiệp",
}


# State groups and corporations the press names by their initials ("Các Tập đoàn EVN, VNPT,
# Viettel"). A body, not a part of a name: spelt out only when the abbreviation is the whole
# name after its head (see body_name), since "EVN Hà Nội" is a subsidiary, not the group.
GROUPS: dict[str, str] = {
    "EVN": "Tập đoàn Điện lực Việt Nam",
    "VNPT": "Tập đoàn Bưu chính Viễn thông Việt Nam",
    "Viettel": "Tập đoàn Công nghiệp - Viễn thông Quân đội",
    "PVN": "Tập đoàn Dầu khí Việt Nam", "Petrovietnam": "Tập đoàn Dầu khí Việt Nam",
    "TKV": "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam",
    "Vinacomin": "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam",
    "VRG": "Tập đoàn Công nghiệp Cao su Việt Nam",
    "Vinachem": "Tập đoàn Hóa chất Việt Nam",
    "VNR": "Tổng công ty Đường sắt Việt Nam",
    "ACV": "Tổng công ty Cảng hàng không Việt Nam",
    "VEC": "Tổng Công ty Đầu tư phát triển đường cao tốc Việt Nam",
    "VNA": "Tổng công ty Hàng không Việt Nam", "Vietnam Airlines": "Tổng công ty Hàng không Việt Nam",
    "VNPost": "Tổng công ty Bưu điện Việt Nam", "Vietnam Post": "Tổng công ty Bưu điện Việt Nam",
    "MobiFone": "Tổng công ty Viễn thông MobiFone",
    "SCIC": "Tổng công ty Đầu tư và Kinh doanh vốn nhà nước",
    "VNPT-VinaPhone": "Tổng công ty Dịch vụ Viễn thông",
}
# The heads a group's initials may follow ("Tập đoàn EVN", "Tổng công ty ACV").
_GROUP_HEAD = re.compile(r"^(?:các\s+)?(?:tập đoàn|tổng công ty|TCT)?\s*", re.IGNORECASE)


def body_name(name: str) -> str | None:
    """"EVN", "Tập đoàn EVN", "Tổng công ty ACV": the group's full name; None when the name is
    anything more than a group's initials under its head."""
    rest = name[_GROUP_HEAD.match(name).end():].strip()
    return GROUPS.get(rest)

# Official names written with the "và" dropped or replaced ("Bộ Thông tin Truyền thông",
# "Bộ Nông nghiệp & PTNT"): one name on the register whichever way a text spells it. Only after
# Bộ/Sở, whose names are fixed by law; a Phòng or a company may be named otherwise.
_J = r"\s*(?:&|và|-|–|,)?\s*"
_SPLIT_NAMES = tuple((re.compile(rf"(?<!\w)(Bộ|Sở|BỘ|SỞ)\s+{pattern}(?!\w)", re.IGNORECASE), name)
                     for pattern, name in (
    (rf"Nông nghiệp{_J}(?:PTNT|Phát triển nông thôn)", "Nông nghiệp và Phát triển nông thôn"),
    (rf"Tài nguyên{_J}Môi trường", "Tài nguyên và Môi trường"),
    (rf"Thông tin{_J}Truyền thông", "Thông tin và Truyền thông"),
    (rf"Kế hoạch{_J}Đầu tư", "Kế hoạch và Đầu tư"),
    (rf"Khoa học{_J}Công nghệ", "Khoa học và Công nghệ"),
    (rf"Giáo dục{_J}Đào tạo", "Giáo dục và Đào tạo"),
    (rf"Lao động{_J}Thương binh{_J}Xã hội", "Lao động - Thương binh và Xã hội"),
    (r"Giao thông\s*(?:-|–)?\s*Vận tải", "Giao thông vận tải"),
    (rf"Văn hóa{_J}Thể thao{_J}Du lịch", "Văn hóa, Thể thao và Du lịch"),
))


def _official(name: str) -> str:
    for pattern, full in _SPLIT_NAMES:
        name = pattern.sub(lambda m, full=full: f"{m.group(1)} {full}", name)
    return name


@functools.lru_cache(maxsize=16)
def _pattern(keys: tuple[str, ...]) -> re.Pattern:
    # Longest first, so "BCHQS" is not read as "BCH" + "QS"; whole words only.
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w&-])(?:{alternatives})(?![\w&])")


@functools.lru_cache(maxsize=16)
def _squeezed(keys: tuple[str, ...]) -> dict[str, str]:
    """Each key without its separators ("VH-TT&DL" → "VHTTDL"), to the key: writers put "-",
    "&", "." or "," between the initials as they please ("Sở VH-TT-DL", "Sở KH.CN")."""
    out: dict[str, str] = {}
    for k in sorted(keys, key=len):
        out.setdefault(_SEPARATORS.sub("", k), k)
    return out


_SEPARATORS = re.compile(r"[-&.,]")
# Initials joined by separators, as a whole word: "VH-TT-DL", "KH.CN", "NN-PTNT"
_JOINED = re.compile(r"(?<![\w&-])[A-ZĐ]{1,5}(?:[-&.,][A-ZĐ]{1,5})+(?![\w&-])")


def table(own: Mapping[str, str] | None = None) -> dict[str, str]:
    """The default table with an archive's own entries over it."""
    merged = dict(DEFAULT)
    merged.update(own or {})
    return merged


def expand(name: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """A name with its abbreviations spelt out ("Sở TN&MT" → "Sở Tài nguyên và Môi trường")."""
    entries = abbreviations if abbreviations is not None else DEFAULT
    if not entries or not any(ch.isupper() for ch in name[1:]):
        return _official(name)
    pattern = _pattern(tuple(entries))
    out = pattern.sub(lambda m: entries[m.group()], name)
    if any(ch in out for ch in "-&.,"):
        squeezed = _squeezed(tuple(entries))
        out = _JOINED.sub(lambda m: entries[squeezed[key]] if (
            key := _SEPARATORS.sub("", m.group())) in squeezed else m.group(), out)
    return _official(" ".join(out.split()))
