"""The notice model: immutable values that every stage after loading works on.

Nothing here knows about mkdocs, Whoosh or files on disk beyond a notice's source path, so the
renderer can be replaced without touching the model, validation, linking or indexing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from .text import slugify

STATUSES = ("draft", "issued", "superseded", "revoked")
CLASSIFICATIONS = ("public", "internal", "secret")

# Document kinds (Decree 30/2020/NĐ-CP, Phụ lục III) → (number abbreviation, Vietnamese name).
# A công văn has no type code in its number, hence None.
DOCUMENT_TYPES: Mapping[str, tuple[str | None, str]] = MappingProxyType({
    "thong-bao": ("TB", "Thông báo"),
    "nghi-quyet": ("NQ", "Nghị quyết"),
    "quyet-dinh": ("QĐ", "Quyết định"),
    "chi-thi": ("CT", "Chỉ thị"),
    "quy-che": ("QC", "Quy chế"),
    "quy-dinh": ("QyĐ", "Quy định"),
    "thong-cao": ("TC", "Thông cáo"),
    "huong-dan": ("HD", "Hướng dẫn"),
    "chuong-trinh": ("CTr", "Chương trình"),
    "ke-hoach": ("KH", "Kế hoạch"),
    "phuong-an": ("PA", "Phương án"),
    "de-an": ("ĐA", "Đề án"),
    "du-an": ("DA", "Dự án"),
    "bao-cao": ("BC", "Báo cáo"),
    "bien-ban": ("BB", "Biên bản"),
    "to-trinh": ("TTr", "Tờ trình"),
    "hop-dong": ("HĐ", "Hợp đồng"),
    "cong-dien": ("CĐ", "Công điện"),
    "ban-ghi-nho": ("BGN", "Bản ghi nhớ"),
    "ban-thoa-thuan": ("BTT", "Bản thỏa thuận"),
    "giay-uy-quyen": ("GUQ", "Giấy ủy quyền"),
    "giay-moi": ("GM", "Giấy mời"),
    "giay-gioi-thieu": ("GGT", "Giấy giới thiệu"),
    "giay-nghi-phep": ("GNP", "Giấy nghỉ phép"),
    "phieu-gui": ("PG", "Phiếu gửi"),
    "phieu-chuyen": ("PC", "Phiếu chuyển"),
    "phieu-bao": ("PB", "Phiếu báo"),
    "cong-van": (None, "Công văn"),
})

STATUS_LABELS = MappingProxyType({
    "draft": "Dự thảo",
    "issued": "Đã ban hành",
    "superseded": "Đã được thay thế",
    "revoked": "Đã bị bãi bỏ",
})

# Front-matter keys as a reader names them (import's report, diff's review).
FIELD_LABELS = MappingProxyType({
    "number": "số, ký hiệu", "type": "loại văn bản", "title": "trích yếu", "issuer": "cơ quan ban hành",
    "place": "địa danh", "date": "ngày ban hành", "meeting": "cuộc họp", "signer": "người ký",
    "recipients": "nơi nhận", "topics": "chủ đề", "classification": "độ mật", "status": "trạng thái",
    "related": "văn bản liên quan", "supersedes": "thay thế văn bản", "original": "bản gốc",
    "closes": "kết thúc nhiệm vụ", "tasks": "nhiệm vụ", "review": "cần đối chiếu",
    # The parts of a field that import checks one by one (ingest/plausible.py).
    "signer.name": "họ tên người ký", "signer.title": "chức vụ người ký",
    "signer.authority": "thẩm quyền ký", "body": "nội dung",
})

CLASSIFICATION_LABELS = MappingProxyType({
    "public": "Công khai",
    "internal": "Nội bộ",
    "secret": "Mật",
})


@dataclass(frozen=True, slots=True)
class Meeting:
    date: dt.date | None = None
    location: str | None = None
    chair: str | None = None
    chair_title: str | None = None


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    title: str | None = None
    authority: str | None = None  # the KT./TL./TM./Q./TUQ. line


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    description: str = ""


_UNDATED = dt.date.max.toordinal() + 1  # sorts before any real date


AGENCY_KINDS = MappingProxyType({
    "tinh": "Lãnh đạo tỉnh",
    "so-nganh": "Sở, ban, ngành",
    "cong-an": "Công an",
    "quan-su": "Quân sự",
    "trung-uong": "Cơ quan Trung ương",
    "huyen": "Cấp huyện",
    "xa": "Cấp xã",
    "doan-the": "Mặt trận, đoàn thể",
    "dang": "Cơ quan Đảng",
    "doanh-nghiep": "Doanh nghiệp",
    "nhom": "Nhóm cơ quan",
    "khac": "Khác",
})

TASK_STATUSES = ("chua-thuc-hien", "dang-thuc-hien", "hoan-thanh")
TASK_STATUS_LABELS = MappingProxyType({
    "chua-thuc-hien": "Chưa thực hiện",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
})


@dataclass(frozen=True, slots=True)
class Agency:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "khac"
    parent: str | None = None
    succeeded_by: str | None = None
    since: dt.date | None = None     # date the successor took over
    description: str = ""


@dataclass(frozen=True, slots=True)
class TaskEntry:
    """One task as written in a notice's `tasks:` front matter (a person's correction)."""
    lead: str
    action: str
    support: tuple[str, ...] = ()
    deadline: dt.date | None = None
    deadline_text: str | None = None   # a deadline that is not a day ("hằng tháng")
    status: str | None = None
    completed: dt.date | None = None
    report: str | None = None
    point: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class ExtractedTask:
    """One assignment read out of a body (link/extract_tasks.py); memoised by content."""

    lead: str                       # vocabulary name when resolved, else as written
    lead_slug: str | None
    support: tuple[str, ...]
    support_slugs: tuple[str | None, ...]
    action: str
    text: str                       # the sentence(s) the assignment came from
    deadline: dt.date | None
    deadline_text: str | None
    point: str | None               # "II.3.a"
    line: int                       # line of the notice file
    certain: bool = True            # False: a rule guessed (a carried subject, a year …)
    external: bool = False          # an agency outside the archive's jurisdiction


@dataclass(frozen=True, slots=True)
class Closing:
    """`closes:` — an earlier notice's tasks (all, or those of one point) reported done."""
    notice: str
    point: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Notice:
    source: str                      # path relative to the project root, POSIX form
    title: str
    type: str
    status: str
    classification: str
    body: str                        # Markdown, NFC
    body_line: int                   # line of the file where the body starts (1-based)
    digest: str                      # content hash of the source bytes
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    meeting: Meeting | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    supersedes: str | None = None
    original: str | None = None      # path of the original (PDF, scan) inside the repository
    review: tuple[str, ...] = ()     # fields an import was unsure of, to compare with the original
    tasks: tuple[TaskEntry, ...] | None = None   # None: extract them from the body
    closes: tuple[Closing, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)  # front-matter key → line
    # Stable, ASCII identity and URL path (see _derive_key); computed once, used everywhere.
    key: str = field(init=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self._derive_key())

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def _derive_key(self) -> str:
        """Stable, ASCII identity and URL path: from number and year, so moving the file keeps it.

        Drafts are keyed by their file name, which is what identifies a draft until it is issued
        (a number written into a draft is provisional and must not look like an issued one).

        Always a safe relative path matching ^[a-z0-9/-]+$: slugify leaves only a-z, 0-9 and
        inner hyphens, bounds the length and avoids device names, so no front matter value can
        make a page escape site/. Two notices with the same key are refused by NA601.
        """
        if self.number and self.date and self.status != "draft":
            return f"{self.date.year}/{slugify(self.number)}"
        stem = self.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return f"du-thao/{slugify(stem)}"

    @property
    def type_name(self) -> str:
        return DOCUMENT_TYPES.get(self.type, (None, self.type))[1]

    @property
    def sort_key(self) -> tuple:
        """Newest first when sorted ascending; a draft without a date is work in progress, so
        it comes before every dated notice, never after them as if it were the oldest."""
        return (-(self.date.toordinal() if self.date else _UNDATED), self.number or "",
                self.source)

    @property
    def shown_number(self) -> str | None:
        """The number as any output may show it: none for a draft (it is provisional)."""
        return None if self.status == "draft" else self.number

    @property
    def label(self) -> str:
        """How a notice is named in a list: its number, or that it is a draft.

        A draft is named "Dự thảo" even when its front matter already has a number: the number
        is not real until the notice is issued, and a list must not show it as if it were.
        """
        if self.status == "draft" or not self.number:
            return "Dự thảo"
        return self.number


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose archive this is (agencies.yml `jurisdiction:`, e.g. "tỉnh Hậu Giang" and its
    successors' names) and the abbreviations its notices use (`abbreviations:`)."""

    jurisdiction: tuple[str, ...] = ()
    abbreviations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Archive:
    """Every valid notice of the archive and the topic vocabulary, as loaded and validated."""

    notices: tuple[Notice, ...]
    topics: Mapping[str, Topic]
    agencies: Mapping[str, Agency] = field(default_factory=dict)
    scope: Scope = Scope()
    thesaurus: tuple = ()   # the archive's own search words (generator/thesaurus.Relation)

    def by_number(self) -> "Numbers":
        return Numbers(self.notices)


class Numbers:
    """Notices by number, for references in `related` and `supersedes`.

    Numbers restart every year per issuer, so "98/TB-VPUBND" may name a 2023 and a 2024 notice.
    A reference resolves to the latest one issued on or before the citing notice (one cites the
    past), else to the earliest; with one candidate, to it.
    """

    def __init__(self, notices: "Iterable[Notice]"):
        self._by: dict[str, list[Notice]] = {}
        for notice in notices:
            if notice.number:
                self._by.setdefault(notice.number, []).append(notice)
        for candidates in self._by.values():
            candidates.sort(key=lambda n: (n.date or dt.date.max, n.source))

    def __contains__(self, number: object) -> bool:
        return number in self._by

    def __iter__(self):
        return iter(self._by)

    def __len__(self) -> int:
        return len(self._by)

    def get(self, number: str | None, citing: Notice | None = None) -> Notice | None:
        candidates = self._by.get(number) if number else None
        if not candidates:
            return None
        if len(candidates) > 1 and citing is not None and citing.date is not None:
            earlier = [n for n in candidates
                       if n.date and n.date <= citing.date and n is not citing]
            return earlier[-1] if earlier else candidates[0]
        return candidates[-1]
