"""Capitals of a header or signing block → how the archive writes offices and titles.

"PHÓ CHÁNH VĂN PHÒNG" → "Phó Chánh Văn phòng", "UBND TỈNH HẬU GIANG" → "UBND tỉnh Hậu Giang":
the first word is capitalised, known office terms keep their own capitals, the words after a
locality (tỉnh, huyện …) are a place name, the word after Sở/Ban/Cục/… starts a proper name, and
every other word is lower case.
"""

from __future__ import annotations

from ..text import canonical, fold

OFFICE_TERMS = {
    "ủy ban nhân dân": "Ủy ban nhân dân", "hội đồng nhân dân": "Hội đồng nhân dân",
    "ủy ban mặt trận tổ quốc việt nam": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "văn phòng": "Văn phòng", "chủ tịch": "Chủ tịch", "phó": "Phó", "chánh": "Chánh",
    "giám đốc": "Giám đốc", "công an": "Công an", "tỉnh ủy": "Tỉnh ủy", "huyện ủy": "Huyện ủy",
    "bí thư": "Bí thư", "trưởng ban": "Trưởng ban", "phó trưởng ban": "Phó Trưởng ban",
    "trưởng phòng": "Trưởng phòng", "phó trưởng phòng": "Phó Trưởng phòng",
    "chi cục trưởng": "Chi cục trưởng", "cục trưởng": "Cục trưởng", "thủ trưởng": "Thủ trưởng",
    "tổ trưởng": "Tổ trưởng", "chánh thanh tra": "Chánh Thanh tra", "thanh tra": "Thanh tra",
    "sở": "Sở", "ban": "Ban", "cục": "Cục", "chi cục": "Chi cục", "tổng cục": "Tổng cục",
    "học viện": "Học viện", "bộ": "Bộ", "phòng": "Phòng",
    "trung tâm": "Trung tâm", "viện": "Viện", "bộ chỉ huy quân sự": "Bộ Chỉ huy Quân sự",
    "cộng hòa xã hội chủ nghĩa việt nam": "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "chính phủ": "Chính phủ", "bộ trưởng": "Bộ trưởng", "thứ trưởng": "Thứ trưởng",
    "chủ nhiệm": "Chủ nhiệm", "tổng cục trưởng": "Tổng cục trưởng", "viện trưởng": "Viện trưởng",
    "hiệu trưởng": "Hiệu trưởng", "chủ tịch ủy ban nhân dân": "Chủ tịch Ủy ban nhân dân", "quốc hội": "Quốc hội", "thủ tướng": "Thủ tướng",
    "phát triển nông thôn": "Phát triển nông thôn", "đào tạo": "Đào tạo",
    # the second half of ministries' and departments' names ("Bộ Tài nguyên và Môi trường")
    "môi trường": "Môi trường", "truyền thông": "Truyền thông", "đầu tư": "Đầu tư",
    "xã hội": "Xã hội", "du lịch": "Du lịch", "thương binh": "Thương binh",
    "thành ủy": "Thành ủy", "đảng ủy": "Đảng ủy", "ban thường vụ": "Ban Thường vụ",
}
# After these the next word starts a proper name ("Sở Giao thông vận tải", "Trưởng phòng Tham mưu").
NAMERS = {"Sở", "Ban", "Cục", "Chi cục", "Tổng cục", "Học viện", "Bộ", "Phòng", "Trưởng phòng", "Phó Trưởng phòng",
          "Trung tâm", "Viện", "Thanh tra", "Trưởng ban", "Phó Trưởng ban"}
LOCALITIES = {"tỉnh", "huyện", "thành phố", "thị xã", "xã", "phường", "thị trấn", "quận"}
# Party committees are named by their place: "Tỉnh ủy Thanh Hóa".
PLACE_NAMED = {"Tỉnh ủy", "Huyện ủy", "Thành ủy"}
ABBREVIATIONS = {"UBND", "HĐND", "MTTQ", "VP", "TP", "TX", "CA", "BCH", "CHQS", "ATGT", "PCCC",
                 "KT", "TM", "TL", "TUQ", "Q"}
OFFICE_TERMS = {canonical(k): v for k, v in OFFICE_TERMS.items()}
# OCR often drops the marks of capitals ("PHO CHANH VAN PHONG"): such words are looked up folded.
_FOLDED_TERMS = {fold(k): v for k, v in OFFICE_TERMS.items()}
_FOLDED_LOCALITIES = {fold(k): k for k in LOCALITIES}
_MAX_TERM = max(len(t.split()) for t in OFFICE_TERMS | {k: k for k in LOCALITIES})


def office_case(text: str) -> str:
    words = text.split()
    out: list[str] = []
    cap_next = place = False
    i = 0
    while i < len(words):
        matched = None
        for size in range(min(_MAX_TERM, len(words) - i), 0, -1):
            phrase = canonical(" ".join(words[i:i + size]).rstrip(",;:."))
            raw = " ".join(words[i:i + size])
            if raw.isupper() and phrase not in OFFICE_TERMS and phrase not in LOCALITIES:
                phrase = _FOLDED_LOCALITIES.get(fold(phrase), fold(phrase))
                if phrase in _FOLDED_TERMS and not place and not cap_next:
                    matched = (size, _FOLDED_TERMS[phrase], "term")
                    break
            if phrase in LOCALITIES and not place:
                matched = (size, phrase, "locality")
                break
            if phrase in OFFICE_TERMS and not place and not cap_next:
                matched = (size, OFFICE_TERMS[phrase], "term")
                break
        if matched:
            size, cased, kind = matched
            last = words[i + size - 1]
            out.append(cased + last[len(last.rstrip(",;:.")):])  # keep "Bộ trưởng,"
            place = kind == "locality" or cased in PLACE_NAMED
            cap_next = cased in NAMERS
            i += size
            continue
        word = words[i]
        bare = word.strip("().,;:")
        if bare in ABBREVIATIONS:
            out.append(word)
        elif place or cap_next:
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(word.lower())
        cap_next = False
        i += 1
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def name_case(text: str) -> str:
    """A person's name typed in capitals → "Lưu Ngọc Đông"; a mixed-case name is kept."""
    if text.upper() != text:
        return text
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


# The titles and bodies a Decree 30 signing block names: a closed list, so an OCR reading a
# letter or two away from one of them can only be that one.
SIGNING_TITLES = (
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Chánh Văn phòng",
    "Phó Chánh Văn phòng", "Bộ trưởng", "Thứ trưởng", "Bộ trưởng, Chủ nhiệm", "Chủ nhiệm",
    "Phó Chủ nhiệm", "Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng", "Tổng cục trưởng",
    "Trưởng ban", "Phó Trưởng ban", "Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực",
    "Chánh Thanh tra", "Phó Chánh Thanh tra", "Tổ trưởng", "Trưởng phòng", "Phó Trưởng phòng",
    "Thủ tướng", "Phó Thủ tướng", "Ủy ban nhân dân", "Ban Thường vụ", "Ban Chỉ đạo",
    "Hội đồng nhân dân", "Thường trực Hội đồng nhân dân", "Viện trưởng", "Hiệu trưởng")
_FOLDED_TITLES = {fold(t): t for t in SIGNING_TITLES}


def known_title(text: str) -> str | None:
    """The signing title `text` is (folded), or is within a fifth of its letters of; else None."""
    import difflib
    key = fold(" ".join(text.split()))
    if key in _FOLDED_TITLES:
        return _FOLDED_TITLES[key]
    best = difflib.get_close_matches(key, list(_FOLDED_TITLES), n=1, cutoff=0.8)
    # Misread letters, not a longer title ("Phó Giám đốc Sở" is not "Phó Giám đốc").
    if best and abs(len(best[0]) - len(key)) <= 2:
        return _FOLDED_TITLES[best[0]]
    return None
