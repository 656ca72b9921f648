"""Names of the ministries (the Bộ of every government since 2002, and those after the 2025
mergers), so that a ministry written freely ends where its official name ends: "Bộ Y tế tiêu
độc …" is Bộ Y tế doing the work, not a body called "Bộ Y tế tiêu độc"."""

from __future__ import annotations

from .agencies import tokens

NAMES = (
    "Công an", "Quốc phòng", "Ngoại giao", "Nội vụ", "Tư pháp", "Tài chính", "Công Thương",
    "Y tế", "Xây dựng", "Giáo dục và Đào tạo", "Kế hoạch và Đầu tư", "Giao thông vận tải",
    "Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội", "Lao động, Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch", "Văn hoá, Thể thao và Du lịch", "Dân tộc và Tôn giáo",
    "Thủy sản", "Bưu chính, Viễn thông", "Văn hóa - Thông tin",
)

# Folded word tuples after "Bộ", longest first: "Nông nghiệp và Phát triển nông thôn" before
# "Nông nghiệp và Môi trường" cannot clash, "Văn hóa, Thể thao và Du lịch" before "Văn hóa".
_KEYS = sorted({tuple(t.word for t in tokens(n)) for n in NAMES}, key=len, reverse=True)


def ministry_at(words: tuple[str, ...]) -> int:
    """How many of the words (after "Bộ") are a ministry's name; 0 when none is."""
    for k in _KEYS:
        if words[:len(k)] == k:
            return len(k)
    return 0
