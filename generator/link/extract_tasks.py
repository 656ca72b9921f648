"""Assignments in the body of a conclusion: who leads, who supports, what, by when.

The genre: numbered sections (I., II.), points (1., 2.), sub-points (a), b)) and dashes;
assignments written as "Giao Sở A chủ trì, phối hợp với Sở B …", "Đề nghị …", "Yêu cầu …",
"Sở A: …", "Sở A tiếp tục …", or a point with no subject under a heading that has one ("Sở Y tế:"
/ "Các sở, ngành, địa phương tập trung thực hiện các nhiệm vụ sau:"), or, in the part of a
meeting's conclusion that gives directions, the agency whose report the meeting heard.

A task is one lead's assignment in one paragraph: clauses without a subject of their own that
follow it (after ";" or ".") belong to it. Sections about results or shortcomings give no task
unless a sentence assigns one explicitly; past results ("đã …") are never tasks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field

from ..abbreviations import body_name, expand, table as abbreviation_table
from ..agencies import AgencyMatcher, Token, key as key_words, tokens
from ..deadlines import best_deadline
from ..outline import Block as _Block, blocks
from ..match import fold_with_offsets
from ..ministries import NAMES as MINISTRY_NAMES, ministry_at
from ..model import ExtractedTask, Scope
from ..provinces import province_at
from ..surnames import RANKS, SURNAMES
from .task_certainty import doubted
from .task_tables import FIELD_LEAD, FieldTask, field_task, table_tasks
from ..text import canonical as _canonical

def fold(text: str) -> str:
    """Folded like text.fold, by a per-character table (clauses are folded often)."""
    return fold_with_offsets(text)[0]


# One word's canonical form, cached: the same few thousand words recur in every notice.
canonical = functools.lru_cache(maxsize=65536)(_canonical)


# ---------------------------------------------------------------------------- vocabulary

def _canon_set(*words: str) -> frozenset[str]:
    return frozenset(canonical(w) for w in words)


# Words that start an agency's name (checked on the text as written, lower case, so "Sở" is
# not "Số"), and second words after which they are not one ("Ban hành", "Tổ chức").
_HEADS = _canon_set(
    "sở", "ubnd", "hđnd", "ủy", "công", "ban", "văn", "thanh", "bộ", "cục", "chi", "tổng",
    "viện", "trường", "bệnh", "trung", "đài", "báo", "kho", "ngân", "bảo", "liên", "hội",
    "đoàn", "tỉnh", "mặt", "tập", "quỹ", "tổ", "đảng", "huyện", "thành", "tòa", "hiệp",
    "cảng", "phòng", "đội", "hạt", "điện", "lực", "nhà", "hợp", "chủ", "giám", "thủ", "các",
    "lãnh", "người", "đơn", "cơ", "bưu", "học", "kiểm", "hải", "cấp", "bql", "thị", "quận",
    "ngành", "phân", "tiểu")
_HEAD_PAIRS = {  # head word → second words that make it a name (None: any second word)
    "ủy": {"ban"}, "công": {"an", "ty"}, "văn": {"phòng"}, "thanh": {"tra"},
    "chi": {"cục", "nhánh", "bộ", "đoàn", "hội"},
    "tổng": {"cục", "công"}, "bệnh": {"viện"}, "trung": {"tâm"},
    "kho": {"bạc"}, "ngân": {"hàng"}, "bảo": {"hiểm"}, "liên": {"đoàn", "minh"},
    "tỉnh": {"đoàn", "ủy", "uỷ"}, "mặt": {"trận"}, "tập": {"đoàn"}, "đảng": {"ủy", "uỷ", "bộ", "đoàn"},
    "huyện": {"ủy", "uỷ", "đoàn"}, "thành": {"ủy", "uỷ", "đoàn", "viên"}, "tòa": {"án"},
    "hiệp": {"hội"}, "cảng": {"vụ"}, "điện": {"lực"}, "lực": {"lượng"},
    "nhà": {"thầu", "máy", "đầu"}, "hợp": {"tác"}, "chủ": {"đầu", "tịch"}, "giám": {"đốc"},
    "thủ": {"trưởng"}, "các": None, "lãnh": {"đạo"}, "người": {"đứng"},
    "đơn": {"vị"}, "cơ": {"quan"}, "bưu": {"điện", "chính"}, "học": {"viện"},
    "kiểm": {"toán"}, "hải": {"quan"}, "cấp": {"ủy", "uỷ"}, "thị": {"ủy", "uỷ", "đoàn"},
    "quận": {"ủy", "uỷ", "đoàn"}, "phân": {"hiệu", "viện"}, "tiểu": {"ban"},
}
_HEAD_NOT = {
    "ban": {"hành", "đầu", "ngày", "đêm", "giao", "bố"}, "tổ": {"chức", "quốc"},
    "hội": {"nghị", "thảo", "đàm", "nhập", "viên", "chữ"},
    "đoàn": {"kết", "viên", "thể"}, "bộ": {"máy", "sung", "hồ", "tiêu", "mặt", "luật"},
    "trường": {"hợp"}, "quỹ": {"đất", "nhà"}, "đài": {"hội", "tưởng"},
    "báo": {"cáo", "chí"}, "phòng": {"chống", "ngừa", "cháy", "tránh", "khi", "họp"},
    "viện": {"phí", "trợ"}, "đội": {"ngũ"}, "các": {"nội", "nhiệm", "giải", "chỉ", "dự", "vụ",
                                                        "công", "hoạt", "chương", "kế", "đề",
                                                        "văn", "quy", "hộ", "loại",
                                                        "biện", "tuyến", "khu", "cụm", "điểm",
                                                        "mục", "chính", "thủ", "đối", "lực",
                                                        "nghị", "quyết", "thông", "báo", "đồng",
                                                        "đại", "tin", "hộ", "vấn", "chế",
                                                        "tiêu", "số", "dữ", "ý", "yêu", "sản",
                                                        "khoản", "nguồn", "phương", "lĩnh",
                                                        "tình", "hạng", "bước", "hình"},
    "sở": {"cứ", "dĩ", "hữu", "thích"}, "cục": {"bộ"},
    "ngành": {"nghề", "hàng", "kinh", "công", "học", "nghiên", "dọc", "nghề"},
}
_HEAD_NOT = {canonical(k): _canon_set(*v) for k, v in _HEAD_NOT.items()}
# "các lực lượng" is forces in general, but these two are bodies asked to act (blind5)
_FORCES = {("luc", "luong", "chuc"), ("luc", "luong", "vu")}
_UNITS_OF = re.compile(r"^(?:ubnd|uy ban nhan dan) cac ((?:(?:tinh|thanh pho|huyen|quan|phuong|"
                       r"xa|thi xa|thi tran)(?:, | va |/)?)+)")
_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}   # centrally run
_FORMULA_CAPS = re.compile(r"(\b[Ss]ở,\s*)(Ban,\s*(?:ngành|Ngành)|Ban\s*-\s*(?:ngành|Ngành)|Ngành)\b")
_MARKER_ADVERBIAL = re.compile(
    r"\s*[:,]\s*(?:(?:trong|từ|đến|trước|ngay|sau|chậm nhất|nhân|vào|đầu|cuối)\s[^,;.:]{1,60}|"
    r"thời gian tới|sắp tới|trước mắt|tới đây)\s*,\s*", re.IGNORECASE)
# The same with no commas, only the few that cannot be read as the body's name: "… yêu cầu
# trước mắt các cấp ủy …"
_BARE_ADVERBIAL = re.compile(r"\s+(?:trước mắt|(?:trong )?thời gian tới|sắp tới|tới đây)\s+(?=\S)",
                             re.IGNORECASE)
_ADVISES = re.compile(r"(?<!\w)(?:tham mưu|đề xuất|trình)\s+(?:cho\s+|với\s+)?(?:chủ tịch|"
                      r"ubnd|ủy ban|uỷ ban|thường trực|ban thường vụ|tỉnh ủy|tỉnh uỷ|hđnd|"
                      r"thủ tướng|chính phủ|lãnh đạo)[^,;:]{0,40}$")
_ROLES = {(canonical(a), canonical(b)) for a, b in (("phối", "hợp"), ("chủ", "trì"))}
_LOWER_LEVELS = _canon_set("huyện", "quận", "xã", "phường")
_SAID = re.compile(r"(?<!\w)(?:cho biết|khẳng định|nhấn mạnh|thông tin)\s*,?\s*"
                   r"(?:(?:đã|vừa|cũng|tỉnh|thành phố|huyện)\s+)*$")
_SPEECH = re.compile(r"(?:truyền đạt|phát biểu|kết luận|nhấn mạnh|chỉ rõ|nêu rõ|lưu ý)\b",
                     re.IGNORECASE)
_ABBR_DEFINED = re.compile(r"\((?:[A-ZĐ][A-ZĐ&-]{1,9})\)(?=\s+\w)")
_ANNOUNCES = re.compile(r"(?:nội dung|nhiệm vụ|vấn đề|việc|công việc|biện pháp|giải pháp)"
                        r"(?: cụ thể| chủ yếu| trọng tâm)?(?: như)? sau\s*:\s*$", re.IGNORECASE)
_DATED = re.compile(r"^ngày\s+\d", re.IGNORECASE)
_EARLIER = re.compile(r"^\W*(?:trước đó|trước đây|hồi đầu năm|năm ngoái)\s*,", re.IGNORECASE)
_DETAILS = re.compile(r"^\W*(?:trong đó|theo đó|cụ thể)\b", re.IGNORECASE)
_LEVELS = {"tinh", "tp", "huyen", "quan"}
_ALL_PROVINCES_WRITTEN = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) các tỉnh\s*(?:,|/|và)?\s*(?:thành phố|TP\.?)"
    r"(?: trực thuộc (?:Trung ương|TW|trung ương))?(?!\w)")
_CONJUNCTIONS = _canon_set("và", "hoặc", "hay", "cùng")
_BARE_HEADS = {(canonical("lực"), canonical("lượng"))}
_HEAD_PAIRS = {canonical(k): (None if v is None else _canon_set(*v))
               for k, v in _HEAD_PAIRS.items()}

# Where an agency name written freely stops: the verb or preposition after it.
_STOP_PAIRS = {tuple(canonical(w) for w in p.split()) for p in (
    "chủ trì", "phối hợp", "tiếp tục", "khẩn trương", "tập trung", "tổ chức", "chỉ đạo",
    "rà soát", "tham mưu", "xây dựng", "triển khai", "thực hiện", "hướng dẫn", "kiểm tra",
    "theo dõi", "đôn đốc", "báo cáo", "nghiên cứu", "đề xuất", "hoàn thành", "hoàn thiện",
    "tăng cường", "đẩy mạnh", "đẩy nhanh", "quan tâm", "chịu trách", "có trách", "cập nhật",
    "bố trí", "giải quyết", "xử lý", "tuyên truyền", "chủ động", "kịp thời", "thường xuyên",
    "duy trì", "bảo đảm", "đảm bảo", "nâng cao", "phát huy", "ban hành", "cung cấp",
    "thẩm định", "phê duyệt", "tổng hợp", "giám sát", "vận động", "căn cứ", "tiếp nhận",
    "kiện toàn", "sắp xếp", "hỗ trợ", "phân bổ", "giải ngân", "bàn giao", "khắc phục",
    "chuẩn bị", "rút kinh", "đánh giá", "nắm chắc", "nắm bắt", "dự báo", "điều tra", "thu hồi",
    "khảo sát", "chấn chỉnh", "quán triệt", "đề nghị", "yêu cầu", "tiến hành", "lồng ghép",
    "nghiêm túc", "quyết liệt", "huy động", "tích cực", "thống nhất", "làm việc", "làm rõ",
    "tham gia", "phấn đấu", "có kế", "có văn", "có ý", "xác định", "xác minh", "củng cố",
    "ngăn chặn", "đấu tranh", "ứng dụng", "quản lý", "rà lại", "cho ý", "lập hồ", "lập kế",
    "trình duyệt", "khẩn cấp", "hoàn tất", "chỉ huy", "đôn thúc", "phổ biến", "siết chặt",
    "sớm hoàn", "ưu tiên", "lựa chọn", "tiếp thu", "điều chỉnh", "bổ sung", "nhanh chóng",
    "đồng ý", "đăng tải", "cảnh báo", "tập huấn", "thành lập", "chú trọng", "ban hành",
    "giao nhiệm", "cung cấp", "tăng thời", "định kỳ", "hằng năm", "hàng năm", "hằng tháng",
    "trả lời", "tạm dừng", "tạm đình", "tham dự", "chỉnh sửa", "phát động", "kiên quyết",
    "tự kiểm", "tự rà", "tự đánh", "tự chịu", "tự tổ", "nhấn mạnh", "khẳng định", "cho biết",
    "cho rằng", "phát biểu", "trên cơ", "trên tinh", "nhắc nhở", "tháo gỡ", "vào cuộc",
    # verbs of registers and exams, with their objects ("các trung tâm nhận đơn phúc khảo")
    "nhận đơn", "nhận hồ", "nhận bài", "in và", "in ấn", "cấp giấy", "cấp phép", "cấp đổi",
    "cấp căn", "phát hành", "công bố", "xét duyệt", "xét tuyển", "thu nhận", "nhập đầy",
    "nhập dữ", "nhập số", "nhập thông",
    # the work named after its bodies: "yêu cầu A, UBND 21 phường nội dung sau:"
    "nội dung", "một số", "các nội", "những nội", "các nhiệm", "những nhiệm",
    # on whose behalf: "Bộ trưởng Bộ A thừa ủy quyền Thủ tướng, thay mặt Chính phủ ký …"
    "thừa ủy", "thừa uỷ", "thay mặt")}
_STOP_WORDS = _canon_set(
    "trình", "lập", "phải", "cần", "sớm", "làm", "để", "nhằm", "với", "tại", "được", "sẽ",
    "đã", "đang", "cùng", "không", "là", "cũng", "vẫn", "chưa", "như", "nhưng", "thì", "còn",
    "theo", "trong", "trước", "gửi", "nộp", "họp", "giữ", "mở", "đưa", "có", "của", "đối",
    "khi", "nếu", "nhanh", "ngay", "cho", "giao", "dừng", "vừa", "gồm", "ra")
_NAME_PAIRS = {("hậu", "cần"), ("công", "trình"),
               # "Ban Chỉ huy / Ban Chỉ đạo phòng chống thiên tai …": the board's field
               ("huy", "phòng"), ("đạo", "phòng"),
               ("quản", "lý"), ("chủ", "trì"), ("các", "tổ"), ("ban", "kiểm"),
               ("ban", "chỉ"), ("ban", "quản"), ("ban", "tổ"), ("ban", "tuyên"), ("ban", "dân"),
               ("ban", "thường"), ("ban", "cán"), ("ban", "tiếp"), ("ban", "điều"),
               ("ngoại", "giao"), ("đào", "tạo"), ("phát", "triển"), ("giao", "thông"),
               ("vị", "quản"), ("quan", "tham"), ("tư", "xây"),
               # fields that names carry: "Tổng Công ty Đầu tư phát triển …", "Cơ quan Thanh
               # tra giám sát Ngân hàng", "các cơ sở khám bệnh"
               ("tư", "phát"), ("tra", "giám"), ("sở", "khám"),
               ("quan", "quản")}  # "Phòng Hậu cần": not "cần"; "các cơ quan quản lý …"
# Nouns that start like a verb or a stop word: "ngành giao thông", "các cơ quan, tổ chức".
_NOUN_PAIRS = {(canonical(a), canonical(b)) for a, b in (("giao", "thông"),)}

_PERSON_TITLES = {tuple(p.split()) for p in (
    "dong chi", "dong chi giam doc", "dong chi chu tich", "dong chi truong ban",
    "giam doc", "thu truong", "chu tich", "lanh dao", "nguoi dung dau", "truong ban",
    "pho giam doc", "pho chu tich", "ban giam doc", "tap the lanh dao", "bo truong",
    "cuc truong", "chi huy truong", "gd", "chanh van phong", "tong giam doc", "chinh quyen",
    # Party and school heads stand for their committee or school: "Bí thư Tỉnh ủy Bến Tre"
    "bi thu", "pho bi thu", "dong chi bi thu", "dong chi pho bi thu", "hieu truong",
    "chu nhiem", "vien truong", "truong phong", "chanh an",
    # a governor, a commander, a chief inspector stand for their bank, force or inspectorate
    "thong doc", "tu lenh", "chanh thanh tra", "tong cuc truong",
    )}

_TITLE_STARTS = {t[:2] for t in _PERSON_TITLES}
# One-word titles written before the body they head (checked on the written word: "Trưởng",
# not "Trường").
_HEAD_TITLES = _canon_set("trưởng", "chánh")
# Lower-case nouns that continue a collective's name after a comma: "các sở, ban, ngành".
# Heads that, repeated after "và", start a second body of the same kind.
_REPEATED_HEADS = {"truong", "trung", "phong", "ban", "so", "cuc", "chi", "to", "doi"}
_COLLECTIVE_NOUNS = _canon_set(
    "sở", "ban", "ngành", "đoàn", "đơn", "cơ", "địa", "huyện", "thị", "xã", "thành", "quận",
    "phường", "bộ", "doanh", "tổ", "hội", "đảng", "cấp", "phòng", "ngang", "trường",
    "mặt", "lực", "hợp", "ấp", "khóm", "thôn", "cá", "truyền", "báo", "chống", "giúp", "khu",
    "chuyên", "chi")
# "các Sở: A, B" / "các bộ A, B": the head each name of the list takes.
_SHARED_HEADS = {"so": "Sở", "bo": "Bộ"}
# Heads of more than one word shared the same way ("Các Tập đoàn EVN, VNPT, Viettel", "các Ban
# Quản lý khu công nghệ cao, khu công nghiệp, đường sắt đô thị"), kept as written.
_SHARED_PHRASES = (("ban", "quan", "ly"), ("tong", "cong", "ty"), ("tap", "doan"))
# What a Ban Quản lý manages, so a lower-case item after a comma is another board of the list
# ("…, đường sắt đô thị") and not the next collective ("…, chủ đầu tư").
_BOARD_FIELDS = {tuple(p.split()) for p in (
    "khu", "cum", "du an", "duong sat", "rung", "vuon", "di tich", "cho", "cang", "ben",
    "cong vien", "vinh", "lang", "cac khu", "cac du an")}
_AND_LOCALITIES = re.compile(r"^([Cc]ác .+?) và (?:các )?(địa phương\b.*)$")
_SHARED_UBND = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân) ((?:thành phố|thị xã|tỉnh)"
                          r"[^,]*?) và (các \w+(?: \w+)?)$")
# Heads that make a body without a capital after a title or inside a list of agencies.
_LOWER_HEADS = _canon_set("cơ", "các", "công", "ngành",
                          "đài", "ban", "sở", "phòng", "trung", "ủy", "uỷ", "bộ",
                          "cục", "ubnd", "cấp", "nhà", "thị", "quận", "huyện", "thành", "đảng",
                          "đơn", "trường")
# ("thị ủy", "huyện ủy", "đảng ủy" written in lower case in a list: Party committees)
_DEFAULT_ABBREVIATIONS = abbreviation_table()
_PLACES_NOT_BODIES = {("dia", "ban"), ("khu", "vuc"), ("vung", "sau")}
_BARE_UNITS = re.compile(r"^các (?:huyện|quận|xã|phường|thị xã|thị trấn|thành phố)\b")
_UBND_HEAD = re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s")
# Kinds of administrative unit (folded tokens) that one "UBND" heads in a list.
_UNITS = {"quan", "huyen", "thi", "phuong", "xa", "thanh", "tp"}
_COUNTED_UNITS = {"quan", "huyen", "tinh", "thanh", "tp", "thi", "tx", "phuong", "xa"}
# "UBND huyện, thành phố Cà Mau": one head over units of which one at least is named: a body each.
_UNIT_ITEM = r"(?:huyện|quận|thị xã|thành phố|TP\.?|xã|phường|thị trấn)(?: [A-ZĐ][\w-]*)*"
_COMMITTEE = r"(?:quận|huyện|thị|thành|đảng) (?:ủy|uỷ)"
_COMMITTEES = re.compile(rf"^([Cc]ác) ({_COMMITTEE}(?:(?:,\s*|\s+và\s+){_COMMITTEE})+"
                         r"(?: trực thuộc(?: [\wĐđ]+){0,3})?)$")
# "các huyện, thị, thành ủy (, đảng ủy trực thuộc)": one "ủy" shared by the levels before it
_SHARED_COMMITTEE = re.compile(r"^([Cc]ác) ((?:(?:huyện|quận|thị|thành),\s*)+(?:huyện|quận|thị|"
                               r"thành)) ((?:ủy|uỷ))((?:,\s*|\s+và\s+)đảng (?:ủy|uỷ)"
                               r"(?: trực thuộc(?: [\wĐđ]+){0,3})?)?$")
_NAMED_UNITS = re.compile(rf"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân) "
                          rf"({_UNIT_ITEM}(?:, {_UNIT_ITEM})+)$")
_OF_PLACE = _canon_set("tỉnh", "huyện", "thành", "xã", "địa", "bộ", "trung", "thị")
# Words that start a new agency even inside such a list ("…, Ngoại giao; UBND TP Hà Nội").
_STRONG_HEADS = {"ubnd", "hdnd", "uy", "so", "bo", "cuc", "ban", "chu", "giam", "thu", "cac",
                 "trung", "chi", "tong", "dang"}
_TITLES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _t in sorted(_PERSON_TITLES, key=len, reverse=True):
    _TITLES_BY_FIRST.setdefault(_t[0], []).append(_t)
_MARKERS = {tuple(p.split()) for p in (
    "giao", "giao cho", "de nghi", "yeu cau", "phan cong", "kien nghi", "chi dao",
    "thong nhat giao", "tiep tuc giao", "uy quyen", "dong y giao", "giao nhiem vu cho",
    "nhac nho")}
# "Sở A là …", "Sở A đã …", "Sở A của …": the agency is not the subject of a command.
_NOT_A_SUBJECT_AFTER = _canon_set("là", "cũng", "vẫn", "chưa", "của", "tại", "trong",
                                  "năm", "tháng", "có", "đã", "vừa", "đang", "với", "nhận",
                                  "phê", "ghi", "biểu", "về", "nhấn", "khẳng")
# A body's own units, directed by it (folded): "các đơn vị (trực thuộc)", "các cơ quan chuyên
# môn", "các lực lượng chức năng"
_SUBORDINATES = re.compile(r"(?:cac |toan )?(?:don vi|co quan chuyen mon|co quan chuc nang|"
                           r"co quan, don vi truc thuoc|co so|luc luong|phong chuyen mon)\b"
                           r"(?! (?:lien quan|co lien quan|tren|nay|do|neu tren)\b)")
_TOP = re.compile(r"^(?:Phó )?(?:Thủ tướng|Chính phủ)")
# Adverbials written between a subject and its verb, up to a comma (folded words)
_ADVERBIALS = tuple(tuple(p.split()) for p in (
    "tren co so", "can cu", "theo chuc nang", "trong pham vi", "tren tinh than",
    "theo tham quyen", "theo nhiem vu", "trong qua trinh"))
# "có …" after a name that is not a qualifier of it: "có trách nhiệm", "có kế hoạch", "có văn
# bản", "có ý kiến", "có báo cáo", "có thể", "có nhiệm vụ"
_CO_NOT_NAME = ("trach", "ke", "van", "y", "bao", "the", "nhiem", "cong")
_NHAN = canonical("nhận")
_BO = canonical("bộ")
_HEAD_CHARS = 320
_ADVERBS = {"cung", "da", "vua", "tiep", "tuc", "dong", "thoi", "lai"}
_SPEAKER_ADVERBS = _canon_set("mới", "còn")     # "… mới / còn yêu cầu …" (not "con", "môi")
# Kinds of agency that give tasks to others when a marker follows their name.
_SPEAKING_KINDS = {"tinh", "dang", "trung-uong"}
# Who gives tasks: the words before "giao"/"yêu cầu"/"đề nghị" that make it an assignment.
_SPEAKER = re.compile(
    r"(?<!\w)(?:thủ tướng|chính phủ|chủ tịch|ubnd|ủy ban|uỷ ban|lãnh đạo|tỉnh ủy|tỉnh uỷ|"
    r"thành ủy|thành uỷ|huyện ủy|huyện uỷ|thường vụ|thường trực|bộ chính trị|ban bí thư|bộ|"
    r"sở|cục|tiểu ban|ban chỉ đạo|đồng chí|ông|bà|bí thư|giám đốc|trưởng ban|văn phòng|tp|"
    r"thành phố|tỉnh|huyện|công văn|văn bản|công điện|kế hoạch|chỉ thị|thông báo)(?!\w)")
_FIRST_WORD = re.compile(r"\W*(\w+)")
_MARKER_WORDS = re.compile(
    r"(?<!\w)(?:giao|de nghi|yeu cau|phan cong|kien nghi|uy quyen|chi dao|nhac nho)(?!\w)")
_MARKER_FIRST = _canon_set("giao", "đề", "yêu", "phân", "kiến", "thống", "tiếp", "ủy", "uỷ",
                           "đồng", "chỉ", "nhắc")
_MARKERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _m in sorted(_MARKERS, key=len, reverse=True):
    _MARKERS_BY_FIRST.setdefault(_m[0], []).append(_m)
_CONNECTORS = re.compile(
    r"^(?:(?:đồng thời|trong đó|bên cạnh đó|ngoài ra|trước mắt|mặt khác|riêng|đối với|về phía|"
    # a news item's dateline: "(NLĐO) - Thủ tướng …"; "Với Bộ Công an, tiếp tục …" (a topic)
    r"\([^()]{2,20}\)\s*[-–—]|với(?=\s+(?:Bộ|Sở|UBND|Ủy ban|Uỷ ban|Công an|Ban|Cục|các)\s)|"
    r"(?:chỉ thị|công văn|công điện|văn bản|thông báo|kết luận|quyết định|kế hoạch)"
    r"[^,;.:]{0,40}? nêu rõ\s*[,:]|"
    r"theo đó|trên cơ sở đó|cùng với đó|cùng đó|do đó|do vậy|vì vậy|vì thế|bởi vậy|"
    r"tại (?:văn bản|công văn) này|kết luận cuộc họp|"
    r"theo (?:chủ tịch|phó chủ tịch|lãnh đạo|ông|bà|đồng chí|giám đốc|bí thư)[^,;.:]{0,60},|"
    # "Theo nội dung công văn 3450/UBND-ĐT, các sở: …": the source, not the subject
    r"theo (?:nội dung )?(?:chỉ thị|công văn|công điện|văn bản|thông báo|kết luận|quyết định|"
    r"kế hoạch)[^,;.:]{0,60},|"
    r"\(\d{1,2}\)|tại (?:hội nghị|cuộc họp|buổi làm việc)|để [^,;.]{3,100},|"
    r"định kỳ [^,;.]{0,60},|từ ngày [^,;.]{0,60},|"
    # adverbials of time and occasion before the subject: "Trong thời gian từ … tới …, X …"
    r"(?:trong (?:thời gian|dịp|đợt|thời điểm|những ngày)|nhân dịp|dịp|từ (?:đầu|nay|giữa)|"
    r"nhằm|với mục tiêu|trên tinh thần)[^,;.:]{1,80},|"
    # who directs it, before the subject: "Dưới sự chỉ đạo của cấp ủy, các đảng bộ …"
    r"dưới sự (?:chỉ đạo|lãnh đạo|hướng dẫn|điều hành)[^,;.:]{1,80},|"
    r"(?:trước|chậm nhất|trong|đến hết) (?:ngày|tháng|quý|năm)[^,;:]{1,30},|"
    r"cụ thể(?=\s*[,:])|thời gian tới|trong thời gian tới|sắp tới|từ nay đến cuối năm|lưu ý)\s*[,:]?\s*)+",
    re.IGNORECASE)

# Sentences that never carry a task.
_NOT_TASK_START = re.compile(
    r"^(?:ngày\s+\d|sau khi nghe|qua\s|đánh giá chung|về ưu điểm|về tồn tại|về hạn chế|tham dự|cùng dự|dự họp|cùng tham dự|thành phần|"
    r"ghi nhận|biểu dương|hoan nghênh|đánh giá cao|nhìn chung|thời gian qua|qua \d|tuy nhiên|"
    r"bên cạnh (?:những |các )?(?:kết quả|mặt)|kết quả|đến nay|đến ngày|tính đến|"
    r"năm \d{4}|trong năm \d{4}|từ đầu năm|cơ bản thống nhất|thống nhất (?:với|đánh giá|"
    r"thông qua|nội dung|báo cáo|chủ trương|như)|đồng ý (?:với|thông qua)|chúc mừng|"
    r"trên đây là|văn phòng (?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)[^.]{0,40}thông báo|"
    r"mục tiêu|nguyên nhân|tình hình|số vụ|nổi bật|"
    # a news page's own lines: "Cập nhật ngày: 07/08/2019 05:40", "Đăng ngày: …", "Nguồn: …"
    r"(?:cập nhật|đăng|ngày đăng|ngày cập nhật)(?: ngày| lúc)?\s*:?\s*\d|nguồn\s*:)", re.IGNORECASE)
_CLOSING = re.compile(
    r"chịu trách nhiệm thi hành|căn cứ quyết định thi hành|thi hành quyết định này|"
    r"thông báo (?:ý kiến )?(?:kết luận|chỉ đạo)|(?:kết luận|chỉ đạo|ý kiến) như sau\s*:?\s*$|"
    r"để (?:các )?(?:cơ quan|đơn vị|sở|địa phương)[^.]{0,80}(?:biết|thực hiện)\s*\.?/?\.?$|"
    r"thông báo (?:để|đến|cho)\s[^.]{0,160}(?<!\w)biết(?!\w)|"
    r"^\W*(?:quyết định|chỉ thị|công văn|văn bản) này có hiệu lực",
    re.IGNORECASE)
_INTRO_END = re.compile(r"(?:kết luận|chỉ đạo|ý kiến|thống nhất)[^.]{0,30}như sau\s*:?\s*$",
                        re.IGNORECASE)
_PREAMBLE = re.compile(r"^(?:ngày\s+\d|sau khi nghe|tham dự|cùng dự|dự họp|thành phần|"
                       # who attended: "Dự phiên họp có: Phó Thủ tướng …; các bộ trưởng, …"
                       r"(?:cùng )?dự (?:phiên họp|cuộc họp|buổi làm việc|hội nghị|buổi|lễ)"
                       r"[^.:;]{0,60}(?:có|gồm)\b)", re.IGNORECASE)
_PAST = re.compile(r"(?<!\w)(?:đã|vừa qua|thời gian qua)(?!\w)", re.IGNORECASE)
_FUTURE = re.compile(r"(?<!\w)(?:tiếp tục|khẩn trương|cần|phải|sẽ|chậm nhất|trước ngày|"
                     r"kịp thời|tập trung|đẩy nhanh)(?!\w)", re.IGNORECASE)
_IMPERATIVE = _canon_set(
    "tăng", "tiếp", "nâng", "tập", "khẩn", "chủ", "phối", "triển", "thực", "rà", "xây", "tổ",
    "đẩy", "kiểm", "tham", "phát", "chỉ", "hoàn", "nghiên", "đôn", "theo", "quan", "duy",
    "bảo", "đảm", "kịp", "thường", "làm", "huy", "chú", "cần", "phải", "tuyên", "vận", "xử",
    "giải", "rút", "đánh", "nắm", "ưu", "lựa", "bố", "cập", "hướng", "sớm", "khắc",
    "đề", "trình", "báo", "ban", "lập", "cung", "tích", "quán", "chấn", "kiện", "sắp", "hỗ",
    "phân", "tiến", "giữ", "mở", "xác", "siết", "phòng", "ngăn", "đấu", "củng", "tạo", "ứng",
    "thu", "chuẩn", "gắn", "lồng", "phấn", "quản", "giám", "thẩm", "đưa", "chỉnh",
    "nghiêm", "quyết", "đổi", "khảo", "điều", "kiên", "chuyển", "tuyệt", "không", "nhanh",
    "tránh", "áp", "cụ", "rà", "hạn", "dừng", "thống", "tổng", "dự", "số", "lãnh", "yêu",
    "nhận", "in", "cấp", "xét", "nhập", "sẵn")
# First words that start a command only with the right second word ("Tổng hợp", not "Tổng thu").
_IMPERATIVE_PAIRS = {canonical(k): _canon_set(*v) for k, v in {
    "tổng": ("hợp", "kết", "rà"), "yêu": ("cầu",), "vận": ("động", "hành"), "huy": ("động",), "quản": ("lý",),
    "thực": ("hiện",), "xây": ("dựng",), "nâng": ("cao", "cấp"), "tham": ("mưu", "gia"),
    "bảo": ("đảm", "vệ", "quản"), "hướng": ("dẫn",), "cung": ("cấp", "ứng"), "dự": ("trù",), "số": ("hóa", "hoá"),
    "thống": ("kê",), "hạn": ("chế",), "lãnh": ("đạo",), "phòng": ("ngừa", "chống", "tránh"),
    "điều": ("chỉnh", "tra", "tiết", "phối", "động", "hành"), "đề": ("xuất", "nghị", "ra"),
    "báo": ("cáo",), "ban": ("hành",), "thu": ("hồi", "thập", "hút", "gom"),
    "giải": ("quyết", "ngân", "tỏa", "phóng"), "quan": ("tâm",), "theo": ("dõi",),
    "tổ": ("chức",), "phát": ("huy", "hiện", "triển", "động"), "chủ": ("trì", "động"),
    "tiến": ("hành",), "triển": ("khai",),
    "nhận": ("đơn", "hồ", "bài"), "in": ("và", "ấn"), "cấp": ("giấy", "phép", "đổi", "căn"),
    "xét": ("duyệt", "tuyển"), "sẵn": ("sàng",), "nhập": ("đầy", "dữ", "số", "thông"),
    "tạo": ("điều", "động", "sự", "thuận", "mọi", "ra", "việc", "nguồn", "môi", "chuyển"),
}.items()}
_NOT_IMPERATIVE = {tuple(canonical(w) for w in p.split()) for p in (
    "đánh giá cao", "thống nhất", "đồng ý", "số vụ", "số người", "toàn tỉnh", "tổng số",
    "tổng cộng", "theo báo", "theo đó", "theo kế", "thực hiện tốt", "quan điểm",
    "phát biểu", "hạn chế", "đồng chí", "chỉ tiêu", "chỉ số", "tạo điều", "nhanh chóng")}
_PAST_SECTION = re.compile(
    r"kết quả|hạn chế|tồn tại|đánh giá|tình hình|khuyết điểm|nguyên nhân|ưu điểm|bài học|"
    r"khó khăn|vướng mắc|thuận lợi", re.IGNORECASE)
_DIRECTIVE_SECTION = re.compile(
    r"nhiệm vụ|phương hướng|giải pháp|thời gian tới|chỉ đạo|đề nghị|kiến nghị|đề xuất|"
    r"triển khai|kế hoạch|tổ chức thực hiện|giao|yêu cầu|ý kiến kết luận|trọng tâm", re.IGNORECASE)
_HOST = re.compile(r"(?:sau khi )?nghe\s+(?:(?:đại diện|lãnh đạo|ban giám đốc|đồng chí)\s+)*",
                   re.IGNORECASE)
_QUOTED = re.compile(r"[\"“][^\"”]{0,200}[\"”]")
# ("… các nội dung sau: Sở A tham mưu …": an introduction run into its first point ends there)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[^\s])|(?<=\.)(?=[A-ZĐ])|(?<=\bsau:)\s+(?=[A-ZĐ])")
_ABBREV_END = re.compile(r"\b(?:TP|TX|TT|Tp|Q|P|ThS|TS|PGS|Ths|Mr|St|số|Số)\.$")


# Words no place is named with: after "TP." they start the next sentence.
_NEW_SUBJECT = re.compile(r"(?:Chủ tịch|Phó Chủ tịch|UBND|Ủy ban|Uỷ ban|Sở|Ban|Giám đốc|Thủ trưởng|"
                          r"Đồng chí|Theo|Trong|Tại|Đồng thời|Ngoài ra|Bên cạnh)\b")


def _sentences(text: str) -> list[tuple[str, str]]:
    """Clauses of a paragraph with the separator that followed each (". " or "; ")."""
    parts: list[tuple[str, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start:m.start()]
        if piece.endswith(".") and _ABBREV_END.search(piece) and \
                not _NEW_SUBJECT.match(text, m.end()):
            continue    # "TP. Hồ Chí Minh" goes on; "… trực thuộc TP. Chủ tịch UBND …" ends
        if piece.endswith(("...", "…")) and text[m.end():m.end() + 1].islower():
            continue    # "Ban QLDA tỉnh... chung tay phối hợp": an ellipsis inside a list
        parts.append((piece.strip(), piece.rstrip()[-1:]))
        start = m.end()
    tail = text[start:].strip()
    if tail:
        parts.append((tail, ""))
    return [(p, sep) for p, sep in parts if p]


# ---------------------------------------------------------------------------- agency lists

@dataclass
class _Party:
    name: str
    slug: str | None
    external: bool = False      # named as another province's or a central body
    start: int = -1             # its first token in the clause, when read from a list
    guessed: bool = False       # resolved from a reference back: a guess to confirm
    beside: bool = False        # split from "các bộ … và địa phương": the places its list means


# Names of bodies outside any province, and collectives of all provinces (folded).
_CENTRAL = re.compile(r"^(?:các )?(?:Bộ (?!phận|đội|Chỉ huy|chỉ huy|CHQS)[A-ZĐ]|Bộ$|[Tt]hủ tướng|"
                      r"Chính phủ|Văn phòng Chính phủ|Quốc hội|Ban Bí thư|Bộ Chính trị|Ủy ban "
                      r"Dân tộc|[Cc]ơ quan ngang bộ|[Cc]ơ quan thuộc Chính phủ|[Bb]ộ,|[Bb]ộ$|"
                      r"Ban Thường vụ các tỉnh ủy)")
_ALL_PROVINCES = re.compile(r"^(?:ubnd|uy ban nhan dan) cac tinh(?:[ ,/]+(?:thanh pho|tp))?"
                            r"(?: truc thuoc trung uong)?$")
# Kinds of the province's own bodies, that a notice about another province names bare.
_PROVINCIAL_KINDS = {"tinh", "so-nganh", "cong-an", "quan-su", "huyen", "doan-the"}
_NAMED_PLACE = re.compile(r"(?:tỉnh|thành phố|TP\.?)\s+((?:[A-ZĐÂĂÊÔƠƯ]\w*\s*)+)")
_PLACE = re.compile(r"(?:tỉnh|thành phố|TP\.?|huyện|thị xã|quận)\s+((?:[A-ZĐÂĂÊÔƠƯ]\w*\s*)+)$")


def local_places(matcher: AgencyMatcher, jurisdiction: tuple[str, ...] = ()) -> set[str]:
    """The archive's places (`jurisdiction:`, and the places the vocabulary's own names end
    with: "UBND tỉnh Hậu Giang" → "hau giang"): a known name followed by one of them is still
    the local agency."""
    places = {" ".join(t.word for t in tokens(m.group(1)))
              for m in (_PLACE.search(p) for p in jurisdiction) if m}
    for agency in matcher.agencies.values():
        for name in (agency.name, *agency.aliases):
            m = _PLACE.search(name)
            if m:
                places.add(" ".join(t.word for t in tokens(m.group(1))))
    return places


class _Parser:
    def __init__(self, matcher: AgencyMatcher, abbreviations: dict[str, str] | None = None,
                 jurisdiction: tuple[str, ...] = ()):
        self.matcher = matcher
        self.abbreviations = abbreviations
        self.local_places = local_places(matcher, jurisdiction)
        # the province's own UBND, for collectives of every province
        self.province = next((slug for slug, a in matcher.agencies.items()
                              if a.kind == "tinh" and key_words(a.name)[:1] == ("ubnd",)), None)
        # First words of every vocabulary name and of "Giám đốc Sở …"-like titles.
        self.first_words = {k[0] for k in matcher.first_words()} | {t[0] for t in _PERSON_TITLES}
        # longest first, for an abbreviation read at a position ("NN và PTNT" before "NN")
        self.abbreviation_keys = sorted(
            abbreviations if abbreviations is not None else _DEFAULT_ABBREVIATIONS,
            key=len, reverse=True)

    def agency_at(self, text: str, toks: list[Token], i: int, loose: bool = False,
                  lower: bool = False) -> tuple[int, _Party] | None:
        """One agency starting at token i: from the vocabulary, or a name written freely.
        `loose` (right after Giao/Đề nghị/Yêu cầu): any capitalised name is one."""
        if i >= len(toks):
            return None
        if canonical(text[toks[i].start:toks[i].end]) == "toàn" and i + 1 < len(toks) and \
                not toks[i + 1].hard_before and not toks[i + 1].comma_before:
            return self.agency_at(text, toks, i + 1, loose, lower=True)   # "toàn Ngành Y tế"
        for title in _TITLES_BY_FIRST.get(toks[i].word, ()):   # "Giám đốc Sở Y tế"
            n = len(title)
            if tuple(t.word for t in toks[i:i + n]) == title and not (
                    i + n < len(toks) and (toks[i + n].comma_before or toks[i + n].hard_before)
                    and tuple(t.word for t in toks[i + n:i + n + 2]) not in _TITLE_STARTS):
                # (a title heads the body right after it, or another title: "giám đốc, thủ
                # trưởng các sở"; "chính quyền, MTTQ" is two bodies)
                found = self.agency_at(text, toks, i + n, lower=True)
                if title == ("bo", "truong") and found is None and i + n < len(toks) and \
                        text[toks[i + n].start].isupper():
                    word = text[toks[i + n].start:toks[i + n].end]
                    free = self._free_name(text, toks, i + n, loose=True) or (   # "… Y tế"
                        (i + n + 1, word) if word.isupper() and len(word) > 1 else None)  # GTVT
                    found = free and (free[0], _Party(free[1], None))
                if found and title == ("bo", "truong") and found[1].slug is None and \
                        not fold(found[1].name).lower().startswith(("bo ", "cac ")):
                    # "Bộ trưởng Công an", "Bộ trưởng Y tế": the minister of a field is its Bộ
                    name = expand(f"Bộ {found[1].name}", self.abbreviations)
                    slug = self.matcher.resolve(name)
                    found = found[0], _Party(self.matcher.agencies[slug].name if slug else name,
                                             slug, external=slug is None)
                if found and title == ("chinh", "quyen") and found[1].slug is None and \
                        fold(found[1].name).lower().startswith(("cac cap", "dia phuong", "co so")):
                    # "chính quyền các cấp": the authorities themselves, not "các cấp"
                    return found[0], _Party(text[toks[i].start:toks[found[0] - 1].end], None)
                if found:
                    return found
        if canonical(text[toks[i].start:toks[i].end]) in _HEAD_TITLES and \
                text[toks[i].start].isupper():
            # "Trưởng Công an huyện", "Chánh Thanh tra tỉnh", "Trưởng phòng Tài chính - Kế hoạch"
            found = self.agency_at(text, toks, i + 1, lower=True)
            if found:
                j, party = found
                if party.name[:1].islower():
                    name = party.name[:1].upper() + party.name[1:]
                    slug = party.slug or self.matcher.resolve(name)
                    party = _Party(self.matcher.agencies[slug].name if slug else name, slug,
                                   party.external)
                return j, party
        if tuple(t.word for t in toks[i:i + 2]) == ("truong", "nganh"):
            return i + 2, _Party("các ngành", self.matcher.resolve("các ngành"))  # its heads
        m = _ALL_PROVINCES_WRITTEN.match(text, toks[i].start)
        if m and self.province:
            # "UBND các tỉnh, TP trực thuộc Trung ương": one collective with this province in it
            j = next((n for n in range(i, len(toks)) if toks[n].start >= m.end()), len(toks))
            narrowed = _region(text, toks, j)
            if narrowed > j:    # "… khu vực Đồng bằng sông Cửu Long": maybe not this one
                return narrowed, _Party(text[toks[i].start:toks[narrowed - 1].end], None,
                                        external=True)
            return j, _Party(" ".join(m.group().split()), self.province)
        hit = self.matcher.match_at(toks, i)
        free = self._free_name(text, toks, i, loose, lower)
        if hit and not (free and free[0] > hit[0] and self._collective(text, toks, i, hit[0])):
            end, slug = hit
            if end + 1 < len(toks) and toks[end].word in ("thuoc", "cap", "cua") and \
                    toks[end + 1].word in _LEVELS and not toks[end].hard_before and \
                    not toks[end].comma_before and not toks[end + 1].comma_before and \
                    (end + 2 >= len(toks) or toks[end + 2].comma_before or
                     toks[end + 2].hard_before or toks[end + 2].word == "va") and \
                    self.matcher.agencies[slug].kind == "nhom":
                # "các sở, ban, ngành thuộc tỉnh / cấp tỉnh, UBND …": the level closes the
                # collective as a bare level word does below, and the list goes on
                return end + 2, _Party(text[toks[i].start:toks[end + 1].end], slug)
            if end < len(toks) and toks[end].word in _LEVELS and not toks[end].hard_before and \
                    not toks[end].comma_before and not text[toks[end].start].isupper() and \
                    (end + 1 >= len(toks) or not text[toks[end + 1].start].isupper()) and \
                    self.matcher.agencies[slug].kind == "nhom":
                # "các sở, ban, ngành thành phố, chủ tịch UBND …": the level word closes the
                # collective, so the list goes on after it; named as written (a city's
                # departments are not "các sở, ban, ngành tỉnh")
                return end + 1, _Party(text[toks[i].start:toks[end].end], slug)
            return self._placed(text, toks, i, *hit)
        if free is None:
            return None
        j, name = free
        name = expand(name, self.abbreviations)
        slug = self.matcher.resolve(name)
        if slug:
            return j, _Party(self.matcher.agencies[slug].name, slug)
        if _ALL_PROVINCES.match(fold(name).lower()) and self.province:
            # "UBND các tỉnh, thành phố trực thuộc Trung ương": this province's UBND among them
            return j, _Party(name, self.province)
        return j, _Party(name, None, external=self.outside(name))

    def outside(self, name: str) -> bool:
        """A name written out of the vocabulary that is a central body or another province's."""
        return bool(_CENTRAL.match(name)) or self._foreign_place(name)

    def _foreign_place(self, name: str) -> bool:
        """"UBND tỉnh Hà Tĩnh", "Sở Y tế thành phố Hà Nội": a place that is not this archive's."""
        m = _NAMED_PLACE.search(name)
        if not m or not self.local_places:
            return False
        words = tuple(t.word for t in tokens(m.group(1)))
        place = " ".join(words)
        return province_at(words) is not None and \
            not any(place.startswith(local) for local in self.local_places)

    def _placed(self, text: str, toks: list[Token], i: int, end: int,
                slug: str) -> tuple[int, _Party]:
        """A known name and the place written after it: "Công an tỉnh Hậu Giang" stays the
        local agency; "UBND tỉnh An Giang" is another province's, kept as written, outside."""
        agency = self.matcher.agencies[slug]
        every = _every_province(text, toks, end, toks[end - 1].word == "tinh")
        if every is not None:
            # "Sở Y tế các tỉnh, thành phố trực thuộc trung ương", "NHNN chi nhánh tỉnh, thành
            # phố": every province's body, not this archive's one; named as written. It keeps
            # the local slug (this province's is among them) unless a region narrows it ("… từ
            # Quảng Ninh đến Nghệ An", "… khu vực Tây Nguyên"): then it may not be, so outside.
            j, narrowed = every
            written = text[toks[i].start:toks[j - 1].end]
            return j, _Party(written, None if narrowed else slug, external=narrowed)
        if end < len(toks) and not toks[end].hard_before and not toks[end].comma_before and \
                canonical(text[toks[end].start:toks[end].end]) in _LOWER_LEVELS and \
                agency.kind in ("so-nganh", "tinh") and \
                tuple(t.word for t in toks[end:end + 2]) != ("xa", "hoi") and \
                not canonical(agency.name).endswith(canonical(text[toks[end].start:toks[end].end])):
            # "Hạt Kiểm lâm huyện: …": a district's body, not the province's one of that name;
            # kept as written, with no page of the province's
            k = end + 1
            while k < len(toks) and k - end < 4 and text[toks[k].start].isupper() and \
                    not toks[k].hard_before and not toks[k].comma_before:
                k += 1
            return k, _Party(text[toks[i].start:toks[k - 1].end], None)
        j = end
        while j < len(toks) and j - end < 5 and not toks[j].hard_before and \
                not toks[j].comma_before and text[toks[j].start].isupper() and \
                toks[j].word not in _STRONG_HEADS:
            j += 1
        if j == end:
            return end, _Party(agency.name, slug)
        words = tuple(t.word for t in toks[end:j])
        place = " ".join(words)
        if any(place.startswith(local) for local in self.local_places):
            return j, _Party(agency.name, slug)
        province = province_at(words)
        if province is None:     # "UBND tỉnh Phạm Hữu Nghĩa": a person's name, not a place
            return j, _Party(agency.name, slug)
        j = end + len(province)
        return j, _Party(text[toks[i].start:toks[j - 1].end], None, external=True)

    def _name_goes_on(self, text: str, toks: list[Token], i: int, j: int) -> bool:
        """"Bộ Văn hóa, Thể thao và Du lịch": a ministry's or department's name lists its
        fields with commas; a capitalised word after the comma that starts no agency, in a name
        whose "và" is still to come, goes on with it."""
        if toks[i].word not in ("so", "bo") or not text[toks[j].start].isupper() or \
                toks[j].word in _STRONG_HEADS or self.agency_start(text, toks, j):
            return False
        for k in range(j + 1, min(len(toks), j + 6)):
            if toks[k].hard_before or toks[k].comma_before:
                return False
            if toks[k].word == "va":
                return k + 1 < len(toks) and text[toks[k + 1].start].isupper()
        return False

    def _collective(self, text: str, toks: list[Token], i: int, end: int) -> bool:
        """"các sở, ban, ngành, đoàn thể tỉnh" read on past the vocabulary's "các sở, ban,
        ngành", "các sở GD&ĐT" past "các sở": a collective's written name is longer than the
        known one it starts with (a qualifier such as "có liên quan" is not)."""
        if end < len(toks) and self._unit_list(text, toks, i, end):
            return True
        if not any(t.word == "cac" for t in toks[i:end]) or end >= len(toks):
            return False
        nxt = toks[end]
        written = text[nxt.start:nxt.end]
        if tuple(t.word for t in toks[end:end + 3]) == ("co", "lien", "quan") or \
                tuple(t.word for t in toks[end:end + 2]) == ("lien", "quan"):
            return True
        if self._role_at(text, toks, end):
            return True     # "các cơ quan, đơn vị phối hợp, phải …": the bodies of that role
        if nxt.comma_before:
            front = written == "Mặt" and end + 2 < len(toks) and toks[end + 1].word == "tran" \
                and toks[end + 2].comma_before     # "các sở, ban, ngành, Mặt trận, đoàn thể"
            return (not written[:1].isupper() or front) and \
                canonical(written.split()[0]) in _COLLECTIVE_NOUNS
        return written[:1].isupper()

    @staticmethod
    def _role_at(text: str, toks: list[Token], k: int) -> bool:
        """"phối hợp" / "chủ trì" closing a collective's name before a comma or a stop: its
        role ("các cơ quan, đơn vị phối hợp, phải chủ động …"), not its work."""
        # only before a modal ("…, phải / cần / có trách nhiệm …"): "Các sở, ngành phối hợp, hỗ
        # trợ …" is their work
        return k + 2 < len(toks) and not toks[k].comma_before and \
            (canonical(text[toks[k].start:toks[k].end]),
             canonical(text[toks[k + 1].start:toks[k + 1].end])) in _ROLES and \
            toks[k + 2].comma_before and (toks[k + 2].word in ("phai", "can") or tuple(
                t.word for t in toks[k + 2:k + 4]) in (("co", "trach"), ("chiu", "trach")))

    @staticmethod
    def _counted(text: str, toks: list[Token], i: int, j: int) -> bool:
        """"Phòng GDĐT 24 quận, huyện", "Công an 19 tỉnh, thành phố": a count of units of
        several kinds is one collective; the comma does not end it."""
        return toks[j].word in _COUNTED_UNITS and not text[toks[j].start].isupper() and \
            toks[j - 1].word in _COUNTED_UNITS | {"pho", "xa"} and \
            any(t.word.isdigit() for t in toks[max(i, j - 4):j])

    @staticmethod
    def _unit_list(text: str, toks: list[Token], i: int, j: int) -> bool:
        """"UBND quận, huyện, thị xã", "UBND phường, xã": one head over lower-case kinds of
        administrative unit, a collective written without "các"."""
        if toks[i].word != "ubnd" or i + 1 >= len(toks) or toks[i + 1].word not in _UNITS:
            return False
        return j < len(toks) and toks[j].comma_before and not toks[j].hard_before and \
            toks[j].word in _UNITS and not text[toks[j].start].isupper()

    def _free_name(self, text: str, toks: list[Token], i: int, loose: bool,
                   lower: bool = False) -> tuple[int, str] | None:
        """A name written freely from token i; `lower`: after a title or inside a list, where
        "cơ quan ngang bộ" needs no capital to be a body."""
        # "Ủy ban nhân dân" is one token ("ubnd") whose written form is four words
        word = {"ubnd": "ubnd", "hdnd": canonical("hđnd")}.get(toks[i].word) or \
            canonical(text[toks[i].start:toks[i].end])
        spelt = (self.abbreviations if self.abbreviations is not None else
                 _DEFAULT_ABBREVIATIONS).get(text[toks[i].start:toks[i].end])
        if spelt and text[toks[i].start].isupper() and canonical(spelt.split()[0]) in _HEADS:
            word = "các"   # "BTV Thành ủy Huế": an abbreviated head; read on as a name
        if word in _CONJUNCTIONS:
            return None     # "… YÊU CẦU VÀ TIÊU CHÍ CỤ THỂ": a heading's words, not a name
        if loose and text[toks[i].start].isupper() and word not in _HEADS:
            word = "các"   # read on as a name written freely, whatever its first word
        elif word not in _HEADS or not (text[toks[i].start].isupper() or word == "các" or
                                        lower and word in _LOWER_HEADS):
            return None
        second = canonical(text[toks[i + 1].start:toks[i + 1].end]) if i + 1 < len(toks) else ""
        if word == _BO and text[toks[i].start].isupper():
            n = ministry_at(tuple(t.word for t in toks[i + 1:i + 10])) or \
                self._abbreviated_ministry(text, toks, i + 1)
            if n:   # "Bộ Y tế tiêu độc …": a ministry's name is fixed, it ends there
                return i + 1 + n, text[toks[i].start:toks[i + n].end]
        if word == "các" and tuple(t.word for t in toks[i + 1:i + 3]) in (
                *_PLACES_NOT_BODIES, ("truong", "hop")):
            return None     # "các địa bàn còn lại, hướng dẫn …": where, not who
        if word == "các" and tuple(t.word for t in toks[i + 1:i + 3]) == ("bo", "truong"):
            # "các Bộ trưởng": the ministers stand for their ministries
            return i + 3, f"{text[toks[i].start:toks[i].end]} Bộ"
        pair = _HEAD_PAIRS.get(word, ...)
        if pair is not ... and pair is not None and second not in pair:
            return None
        if second in _HEAD_NOT.get(word, ()) and not (
                word == "các" and tuple(t.word for t in toks[i + 1:i + 4]) in _FORCES):
            return None
        collective = word == "các" or self._unit_list(text, toks, i, i + 2)
        j = i + 1
        while j < len(toks) and j - i < 16:
            tok = toks[j]
            written = text[tok.start:tok.end]
            low = canonical(written)
            if tok.hard_before:
                break
            if tok.comma_before:
                # "các sở, ban, ngành, đoàn thể tỉnh": a collective's nouns, not a new agency;
                # "Ban Chỉ huy Phòng, chống thiên tai": one name
                prev_word = canonical(text[toks[j - 1].start:toks[j - 1].end])
                # ("các ngành, các cấp" is one collective; "Mặt trận Tổ quốc các cấp, các ban,
                # ngành" is a body of every level, then a collective of its own)
                again = j >= 2 and toks[j].word == toks[j - 2].word and (
                    low != "các" or toks[i].word == "cac" or      # "các cấp", "thủy điện, thủy lợi"
                    j + 1 < len(toks) and toks[j + 1].word == "cap")   # "… các ngành, các cấp"
                front = written == "Mặt" and j + 2 < len(toks) and toks[j + 1].word == "tran" \
                    and toks[j + 2].comma_before    # "các sở, ban, ngành, Mặt trận, đoàn thể"
                if not (collective and (canonical(written.split()[0]) in _COLLECTIVE_NOUNS or again)
                        and (not written[:1].isupper() or front) or prev_word == "phòng" and low == "chống" or
                        self._name_goes_on(text, toks, i, j) or self._counted(text, toks, i, j)):
                    break
            elif j > i + 1 and self._person_at(text, toks, j):
                break       # "Giám đốc Sở QH&KT Hà Nội Nguyễn Trúc Anh sẽ báo cáo": who heads it
            elif written[:1].isupper() and collective and word == "các" and j > i + 1 and \
                    not text[toks[j - 1].start].isupper():
                collective = False   # "Các thành viên Ban Chỉ huy": a name, no longer generic
            if low == "các":
                collective = True
            nxt = canonical(text[toks[j + 1].start:toks[j + 1].end]) if j + 1 < len(toks) else ""
            if low == "của" and nxt in _OF_PLACE:   # "các cơ quan báo chí của tỉnh"
                j += 1
                continue
            if collective and (low, nxt) in (("có", "liên"), ("liên", "quan")):
                j += 2 if low == "liên" else 3      # "… có liên quan", "… liên quan"
                continue
            if collective and self._role_at(text, toks, j):
                j += 2      # "các cơ quan, đơn vị phối hợp, …": named by their role
                break
            if not written[:1].isupper():
                prev = canonical(text[toks[j - 1].start:toks[j - 1].end])
                listed = tok.comma_before and collective   # "các cơ quan, tổ chức, cá nhân"
                if ((low, nxt) in _STOP_PAIRS or low in _STOP_WORDS or _verb(low, nxt)) and \
                        (prev, low) not in _NAME_PAIRS and (low, nxt) not in _NOUN_PAIRS and \
                        not listed:
                    break
                if low == "giúp" and nxt != "việc":   # "các Ban của Tỉnh ủy giúp BTV …"
                    break
                if low == "và" and j + 1 < len(toks) and (
                        self.agency_start(text, toks, j + 1) or
                        # "các trường THPT chuyên và trường THPT có lớp chuyên": the head again
                        toks[j + 1].word == toks[i + 1 if word == "các" else i].word and
                        toks[j + 1].word in _REPEATED_HEADS):
                    break
            j += 1
        if j - i < 2 and word not in ("ubnd", canonical("hđnd")) and not (
                spelt and len(spelt.split()) > 1 and canonical(spelt.split()[0]) in _HEADS):
            return None     # ("MTTQ" alone is Mặt trận Tổ quốc)
        if j - i == 2 and (word, second) in _BARE_HEADS:
            return None     # "Lực lượng" alone: whose force is not said
        return j, text[toks[i].start:toks[j - 1].end]

    def _abbreviated_ministry(self, text: str, toks: list[Token], k: int) -> int:
        """"Bộ NN&PTNT lưu ý …", "Bộ TN và MT": an abbreviation spelling out a ministry's name
        ends the name there, like the name written in full; its token count, or 0."""
        if k >= len(toks):
            return 0
        entries = self.abbreviations if self.abbreviations is not None else \
            _DEFAULT_ABBREVIATIONS
        for key in self.abbreviation_keys:
            if text.startswith(key, toks[k].start) and not (
                    toks[k].start + len(key) < len(text) and
                    (text[toks[k].start + len(key)].isalnum() or
                     text[toks[k].start + len(key)] == "&")):
                full = tuple(t.word for t in tokens(entries[key]))
                if ministry_at(full) != len(full):
                    return 0
                end = toks[k].start + len(key)
                return next((n - k for n in range(k, len(toks)) if toks[n].start >= end),
                            len(toks) - k)
        return 0

    @staticmethod
    def _person_at(text: str, toks: list[Token], j: int) -> bool:
        """A rank ("Trung tướng") or a surname with one to three more capitalised words, then a
        break or a lower-case word: a person's name after a body, not more of the name."""
        first = text[toks[j].start:toks[j].end]
        if j + 1 < len(toks) and (canonical(first), canonical(
                text[toks[j + 1].start:toks[j + 1].end])) in RANKS:
            return True
        # only right after a province's name: place names start with surnames too ("Hà Nội",
        # "Trần Đề", "Châu Thành"), and a person follows a body's place ("Sở … Hà Nội Nguyễn …")
        words = tuple(t.word for t in toks[max(0, j - 3):j])
        if first not in SURNAMES or not (words[-2:] == ("chinh", "phu") or any(
                len(province_at(words[-n:]) or ()) == n for n in range(1, len(words) + 1))):
            return False    # (or after "Chính phủ": "Văn phòng Chính phủ Mai Tiến Dũng")
        k = j + 1
        while k < len(toks) and k - j < 4 and not toks[k].hard_before and \
                not toks[k].comma_before and text[toks[k].start].isupper():
            k += 1
        return k > j + 1 and (k == len(toks) or toks[k].hard_before or toks[k].comma_before or
                              not text[toks[k].start].isupper())

    def agency_start(self, text: str, toks: list[Token], i: int) -> bool:
        if self.matcher.match_at(toks, i):
            return True
        if toks[i].word == "cac" or tuple(t.word for t in toks[i:i + 2]) in (
                ("nha", "thau"), ("nha", "dau")):
            return True     # "… và các đoàn thể huyện", "Chủ đầu tư dự án và nhà đầu tư"
        word = canonical(text[toks[i].start:toks[i].end])
        return word in _HEADS and text[toks[i].start].isupper() or \
            tuple(t.word for t in toks[i:i + 2]) in _TITLE_STARTS

    def _shared_ubnd(self, party: _Party) -> list[_Party]:
        """"Ủy ban nhân dân thành phố và các huyện", "UBND huyện, thành phố Cà Mau": one head
        over two bodies (a list of bare kinds, "UBND quận, huyện", stays one collective)."""
        m = _SHARED_UBND.match(party.name) if party.slug is None else None
        named = _NAMED_UNITS.match(party.name) if party.slug is None else None
        committees = _COMMITTEES.match(party.name) if party.slug is None else None
        shared = _SHARED_COMMITTEE.match(party.name) if party.slug is None else None
        if shared:          # "các huyện, thành ủy": the huyện ủy and the thành ủy
            items = [f"{level} {shared.group(3)}" for level in re.split(r",\s*", shared.group(2))]
            if shared.group(4):
                items.append(re.sub(r"^(?:,\s*|\s+và\s+)", "", shared.group(4)))
            return [_Party(f"{shared.group(1)} {item}", None, party.external, party.start)
                    for item in items]
        if committees:      # "các quận ủy, huyện ủy": Party committees of two levels, one each
            out = []
            for item in re.split(r",\s*|\s+và\s+", committees.group(2)):
                name = f"{committees.group(1)} {item}"
                slug = self.matcher.resolve(name)
                out.append(_Party(self.matcher.agencies[slug].name if slug else name, slug,
                                  party.external, party.start))
            return out
        if named and re.search(r"\s[A-ZĐ]", named.group(2)):
            rests = named.group(2).split(", ")
        elif m:
            rests = [m.group(2), m.group(3)]
        else:
            return [party]
        out = []
        for rest in rests:
            name = f"{(named or m).group(1)} {rest}"
            slug = self.matcher.resolve(name)
            out.append(_Party(self.matcher.agencies[slug].name if slug else name, slug,
                              party.external, party.start))
        return out

    def distributive(self, text: str, toks: list[Token], i: int) -> tuple[int, list[_Party]]:
        """"các Sở: Xây dựng, Tài chính, Công thương", "Giám đốc các sở Xây dựng, KHĐT",
        "các bộ Công an, Quốc phòng": one head shared by a list of names, one agency each."""
        k = i
        for title in _TITLES_BY_FIRST.get(toks[k].word, ()) if k < len(toks) else ():
            if tuple(t.word for t in toks[k:k + len(title)]) == title:
                k += len(title)
                break
        if k + 3 < len(toks) and toks[k].word == "ubnd" and toks[k + 1].word == "cac" and \
                toks[k + 2].word in ("xa", "huyen", "phuong", "quan", "tp") and \
                text[toks[k + 2].end:toks[k + 3].start].strip() in (
                    ":", "") and text[toks[k + 3].start].isupper():
            # "UBND các xã: Vĩnh Viễn, Vĩnh Thuận Tây": one UBND per place
            unit = text[toks[k + 2].start:toks[k + 2].end]
            written = text[toks[k].start:toks[k].end]
            head, j, k = f"{written} {unit}", k + 3, k + 1
            places = True
        elif k + 2 < len(toks) and toks[k].word == "cac" and \
                toks[k + 1].word in ("xa", "huyen", "phuong", "quan") and \
                not text[toks[k + 1].end:toks[k + 2].start].strip() and \
                text[toks[k + 2].start].isupper() and toks[k + 2].word not in _STRONG_HEADS:
            # "Sở NN&PTNT, các huyện Chương Mỹ, Đan Phượng và Thanh Trì": each one's UBND
            head = f"UBND {text[toks[k + 1].start:toks[k + 1].end]}"
            j, places = k + 2, True
        elif k + 2 < len(toks) and toks[k].word == "cac" and (phrase := next(
                (p for p in _SHARED_PHRASES if _words_at(toks, k + 1, p)), None)):
            return self._shared_phrase(text, toks, i, k, len(phrase))
        elif k + 2 >= len(toks) or toks[k].word != "cac" or \
                toks[k + 1].word not in _SHARED_HEADS:
            return i, []
        else:
            head = _SHARED_HEADS[toks[k + 1].word]
            j = k + 2
            places = False
        gap = text[toks[j - 1].end:toks[j].start]
        if not gap.strip() and not text[toks[j].start].isupper() and not places:
            return self._lower_departments(text, toks, i, k, head)
        if not (gap.strip() == ":" or not gap.strip() and text[toks[j].start].isupper()):
            return i, []
        parties: list[_Party] = []
        while j < len(toks):
            if not text[toks[j].start].isupper() or toks[j].word in _STRONG_HEADS and parties:
                break
            m = j + 1
            while m < len(toks) and not toks[m].hard_before and not toks[m].comma_before:
                w = text[toks[m].start:toks[m].end]
                if toks[m].word == "va" and m + 1 < len(toks) and (
                        not text[toks[m + 1].start].isupper() or
                        toks[m + 1].word in _STRONG_HEADS or places):
                    break   # (a place's name has no "và"; a department's may: "Tài nguyên và …")
                low = canonical(w)
                nxt = canonical(text[toks[m + 1].start:toks[m + 1].end]) if m + 1 < len(toks) \
                    else ""
                prev = canonical(text[toks[m - 1].start:toks[m - 1].end])
                if not w[:1].isupper() and ((low, nxt) in _STOP_PAIRS or low in _STOP_WORDS or
                                            _verb(low, nxt)) and (prev, low) not in _NAME_PAIRS:
                    break
                m += 1
            name = expand(f"{head} {text[toks[j].start:toks[m - 1].end]}", self.abbreviations)
            slug = self.matcher.resolve(name)
            parties.append(_Party(self.matcher.agencies[slug].name if slug else name, slug))
            j = m
            if j < len(toks) and toks[j].comma_before and not toks[j].hard_before:
                continue
            if places and j + 1 < len(toks) and toks[j].word == "va" and \
                    text[toks[j + 1].start].isupper() and toks[j + 1].word not in _STRONG_HEADS:
                j += 1      # "UBND các huyện: A, B và C"
                continue
            break
        if len(parties) == 1 and not places and gap.strip() != ":":
            # "các Sở GD&ĐT" (every province's): one collective, named as written; like "UBND
            # các tỉnh", it includes this province's own department, whose slug it keeps
            written = text[toks[k].start:toks[k].end]
            party = parties[0]
            name = party.name if party.slug is None else expand(
                f"{head} {text[toks[k + 2].start:toks[j - 1].end]}", self.abbreviations)
            parties = [_Party(f"{written} {name}", party.slug)]
        return (j, parties) if parties else (i, [])

    def _item_end(self, text: str, toks: list[Token], m: int) -> int:
        """Where a lower-case item of a shared-head list ends: at a comma, a stop, a verb, or a
        "và" before another body ("khu chế xuất và công nghiệp" keeps its "và")."""
        while m < len(toks) and not toks[m].hard_before and not toks[m].comma_before:
            if "(" in text[toks[m - 1].end:toks[m].start]:
                close = text.find(")", toks[m].start)     # "(dân dụng, giao thông, …)"
                if close < 0:
                    break
                m = next((n for n, t in enumerate(toks) if t.start > close), len(toks))
                break
            low = canonical(text[toks[m].start:toks[m].end])
            nxt = canonical(text[toks[m + 1].start:toks[m + 1].end]) if m + 1 < len(toks) else ""
            if toks[m].word == "va" and m + 1 < len(toks) and (
                    toks[m + 1].word in _STRONG_HEADS or self.matcher.match_at(toks, m + 1) or
                    text[toks[m + 1].start].isupper() or
                    any(_words_at(toks, m + 1, f) for f in _BOARD_FIELDS)):
                break       # "…, khu công nghiệp và đường sắt đô thị": the last board
            if toks[m].word != "va" and ((low, nxt) in _STOP_PAIRS or low in _STOP_WORDS or
                                         _verb(low, nxt)):
                break
            m += 1
        return m

    def _shared_phrase(self, text: str, toks: list[Token], i: int, k: int,
                       size: int) -> tuple[int, list[_Party]]:
        """"Các Tập đoàn EVN, VNPT, Viettel": one body per initials, spelt out by the groups'
        table; "các Ban Quản lý khu công nghệ cao, khu công nghiệp, đường sắt đô thị": one
        board per field. A single item is left to the ordinary reading (a collective)."""
        head = text[toks[k + 1].start:toks[k + size].end]
        j = k + 1 + size
        if j < len(toks) and text[toks[j - 1].end:toks[j].start].strip() == ":":
            pass
        elif j >= len(toks) or text[toks[j - 1].end:toks[j].start].strip():
            return i, []
        board = toks[k + 1].word == "ban"
        parties: list[_Party] = []
        while j < len(toks):
            word = text[toks[j].start:toks[j].end]
            if parties and (toks[j].word in _STRONG_HEADS or self.matcher.match_at(toks, j)):
                break
            if word[:1].isupper() and not board or word.isupper():
                m = j + 1           # initials, or a capitalised name up to the comma
                while m < len(toks) and not toks[m].hard_before and not toks[m].comma_before \
                        and toks[m].word != "va" and text[toks[m].start].isupper():
                    m += 1
            elif board and any(_words_at(toks, j, f) for f in _BOARD_FIELDS) and \
                    not _words_at(toks, j, ("khu", "vuc")):   # "dự án chuyên ngành, khu vực"
                m = self._item_end(text, toks, j + 1)
            else:
                break
            written = text[toks[j].start:toks[m - 1].end]
            full = body_name(written)
            name = full or expand(f"{head} {written}", self.abbreviations)
            slug = self.matcher.resolve(name)
            parties.append(_Party(self.matcher.agencies[slug].name if slug else name, slug,
                                  self.outside(name) if not slug else False))
            j = m
            if j < len(toks) and toks[j].comma_before and not toks[j].hard_before:
                continue
            if j + 1 < len(toks) and toks[j].word == "va" and not toks[j].hard_before:
                j += 1
                continue
            break
        if len(parties) < 2:
            return i, []
        return j, parties

    def _lower_departments(self, text: str, toks: list[Token], i: int, k: int,
                           head: str) -> tuple[int, list[_Party]]:
        """"các sở xây dựng, công thương": a department per field when every item is a field
        known by law (a ministry's); "các sở, ban, ngành" and "các sở liên quan" are not."""
        parties: list[_Party] = []
        j = k + 2
        while j < len(toks):
            size = ministry_at(tuple(t.word for t in toks[j:j + 8]))
            if not size or any(toks[n].hard_before or toks[n].comma_before
                               for n in range(j + 1, j + size)):
                break
            end = j + size
            field_words = next(n for n in MINISTRY_NAMES
                               if tuple(t.word for t in tokens(n)) ==
                               tuple(t.word for t in toks[j:end]))
            name = f"{head} {field_words}"
            slug = self.matcher.resolve(name)
            parties.append(_Party(self.matcher.agencies[slug].name if slug else name, slug))
            j = end
            if j < len(toks) and toks[j].comma_before and not toks[j].hard_before:
                continue
            if j + 1 < len(toks) and toks[j].word == "va" and ministry_at(
                    tuple(t.word for t in toks[j + 1:j + 9])):
                j += 1
                continue
            break
        if len(parties) < 2 or j < len(toks) and not (
                toks[j].hard_before or toks[j].comma_before or toks[j].word == "va" or
                _verb(canonical(text[toks[j].start:toks[j].end]),
                      canonical(text[toks[j + 1].start:toks[j + 1].end]) if j + 1 < len(toks)
                      else "")):
            return i, []
        return j, parties

    def agency_list(self, text: str, toks: list[Token], i: int, loose: bool = False,
                    lower: bool = False) -> tuple[int, list[_Party]]:
        """Agencies separated by commas, "và", "cùng", or ";" in a list of leads:
        (token after the list, parties)."""
        parties: list[_Party] = []
        j, shared = self.distributive(text, toks, i)
        if shared:
            parties.extend(shared)
        else:
            first = self.agency_at(text, toks, i, loose, lower)
            if first is None:
                return i, parties
            j, party = first
            party.start = i
            parties.extend(self._shared_ubnd(party))
        while j < len(toks):
            tok = toks[j]
            if parties and text[toks[j - 1].end:tok.start].strip() == "(":
                # "các Ban Quản lý dự án (dân dụng, giao thông); …": what the last one covers
                close = text.find(")", tok.start, tok.start + 160)
                after = next((n for n in range(j, len(toks)) if toks[n].start > close), None)
                if close < 0 or "." in text[tok.start:close]:
                    break
                if after is None:
                    j = len(toks)
                    break
                j, tok = after, toks[after]
                if not (tok.hard_before or tok.comma_before or tok.word in ("va", "cung")):
                    break
            k = j
            if tok.hard_before:
                if text[toks[j - 1].end:tok.start].strip(" )") != ";":
                    break
                k = j          # "Giao các sở, ngành tỉnh; UBND các huyện; …"
                if tok.word in ("va", "cung") and j + 1 < len(toks) and \
                        not toks[j + 1].hard_before:
                    k = j + 1  # "…; cùng UBND các quận, huyện được giao …"
            elif tok.word in ("va", "cung", "voi") and not tok.comma_before:
                k = j + 1
            elif not tok.comma_before:
                break
            elif tok.word == "va":
                k = j + 1
            if k >= len(toks) or toks[k].hard_before and k != j:
                break
            k2, more = self.distributive(text, toks, k)
            if more:
                j = k2
                parties.extend(more)
                continue
            if _words_at(toks, k, ("co", "quan")) and k + 2 < len(toks) and \
                    toks[k + 2].word in ("thuong", "dau", "chu"):
                break   # "Công an tỉnh, cơ quan thường trực, …": its role, not another agency
            nxt = self.agency_at(text, toks, k, lower=True) or \
                self._named_unit(text, toks, k, parties[-1]) or self._authorities(text, toks, k)
            if nxt is None:
                break
            j, party = nxt
            party.start = k
            if k > 0 and toks[k - 1].word == "va" and parties:
                party = self._unit_after_ubnd(party, parties[-1])
                if party.slug is None and party.name[:1].islower() and \
                        not party.name.lower().startswith("các ") and \
                        toks[k].word != toks[min(i + 1, len(toks) - 1)].word and \
                        text[toks[i].start:toks[i].end].lower() == "các":
                    # "các sở, ngành và đơn vị liên quan": "các" is shared
                    party = _Party(f"các {party.name}", None, party.external, party.start)
            parties.append(party)
        return self._members(text, toks, j,
                             self._localities(text, toks, j, self._shared_tail(parties)))

    def _localities(self, text: str, toks: list[Token], j: int,
                    parties: list[_Party]) -> list[_Party]:
        """"các bộ, cơ quan trung ương và địa phương": the places are bodies of their own, and
        "các" is shared ("các bộ, cơ quan trung ương" / "các địa phương"); "các sở, ngành, địa
        phương" with commas stays one collective. Beside central bodies, "các địa phương" are
        the provinces, not this archive's districts: kept as written."""
        out: list[_Party] = []
        here = self.matcher.resolve("các địa phương") if len(parties) > 1 else None
        for n, party in enumerate(parties):
            if n and here and party.slug == here and out[-1].external and \
                    out[-1].slug is None and 0 <= party.start < j:
                end = parties[n + 1].start if n + 1 < len(parties) and \
                    parties[n + 1].start > party.start else j
                written = text[toks[party.start].start:toks[end - 1].end].rstrip(" ,;")
                out.append(_Party(written, None, True, party.start, beside=True))
                continue
            m = _AND_LOCALITIES.match(party.name) if party.slug is None else None
            if not m:
                out.append(party)
                continue
            places = f"các {m.group(2)}"
            slug = None if party.external else self.matcher.resolve(places)
            out.append(_Party(m.group(1), None, party.external, party.start))
            out.append(_Party(self.matcher.agencies[slug].name, slug) if slug else
                       _Party(places, None, party.external, party.start, beside=True))
        return out

    def _members(self, text: str, toks: list[Token], j: int,
                 parties: list[_Party]) -> tuple[int, list[_Party]]:
        """"UBND các tỉnh, thành phố (được giao …) gồm: Hà Nội, Cần Thơ, … và TPHCM": one UBND
        per place named; only for the provinces, whose names we know, or one kind of unit."""
        if not parties:
            return j, parties
        last = parties[-1]
        # as written: "UBND các tỉnh, thành phố" may have resolved to this province's UBND
        written = text[toks[last.start].start:toks[j - 1].end] if 0 <= last.start < j else last.name
        m = _UNITS_OF.match(fold(written).lower())
        if not m:
            return j, parties
        g = next((k for k in range(j, min(len(toks), j + 25)) if toks[k].word == "gom"), None)
        if j < len(toks) and not (toks[j].hard_before or toks[j].comma_before) and \
                text[toks[j].start].isupper() and toks[j].word not in _STRONG_HEADS:
            g = j - 1   # "UBND các tỉnh, thành phố Đà Nẵng, Quảng Ngãi, Gia Lai": no "gồm"
        elif g is None or g + 1 >= len(toks) or \
                any(toks[k].hard_before for k in range(j + 1, g + 1)) or \
                text[toks[g].end:toks[g + 1].start].strip() not in ("", ":"):
            return j, parties
        kinds = set(re.findall(r"tinh|thanh pho|huyen|quan|phuong|xa|thi xa|thi tran", m.group(1)))
        provincial = kinds <= {"tinh", "thanh pho"} and "tinh" in kinds
        if not provincial and (len(kinds) != 1 or kinds & {"thanh pho", "thi xa", "thi tran"}):
            return j, parties
        places: list[str] = []
        k = g + 1
        while k < len(toks) and text[toks[k].start].isupper():
            e = k + 1
            while e < len(toks) and not toks[e].comma_before and not toks[e].hard_before and \
                    toks[e].word != "va" and text[toks[e].start].isupper():
                e += 1
            places.append(expand(text[toks[k].start:toks[e - 1].end], self.abbreviations))
            if e < len(toks) and (toks[e].comma_before and not toks[e].hard_before
                                  or toks[e].word == "va"):
                k = e + (1 if toks[e].word == "va" else 0)
                continue
            k = e
            break
        if len(places) < 2:
            return j, parties
        only = None if provincial else \
            {"huyen": "huyện", "quan": "quận", "phuong": "phường", "xa": "xã"}[next(iter(kinds))]
        members = []
        for place in places:
            words = tuple(t.word for t in tokens(place))   # "thành phố" reads as one word, "tp"
            if provincial and words[:1] != ("tp",) and province_at(words) != words:
                return j, parties   # not a province's name: the list is something else
            if words[:1] == ("tp",):
                unit = ""           # "TPHCM" spelt out already says what it is
            elif provincial:
                unit = "thành phố" if " ".join(words) in _CITIES else "tỉnh"
            else:
                unit = only
            name = " ".join(f"UBND {unit} {place}".split())
            slug = self.matcher.resolve(name)
            members.append(_Party(self.matcher.agencies[slug].name, slug) if slug else
                           _Party(name, None, external=self.outside(name)))
        return k, [*parties[:-1], *members]

    @staticmethod
    def _authorities(text: str, toks: list[Token], k: int) -> tuple[int, _Party] | None:
        """"các cấp ủy Đảng, chính quyền, MTTQ và các đoàn thể": the government of the same
        places, inside a list, kept as written."""
        if not _words_at(toks, k, ("chinh", "quyen")):
            return None
        end = k + 2
        for tail in (("cac", "cap"), ("dia", "phuong"), ("co", "so")):
            if _words_at(toks, end, tail) and not toks[end].comma_before:
                end += 2
                break
        if end < len(toks) and not (toks[end].comma_before or toks[end].hard_before or
                                    toks[end].word == "va"):
            return None
        return end, _Party(text[toks[k].start:toks[end - 1].end], None)

    def _shared_tail(self, parties: list[_Party]) -> list[_Party]:
        """"UBND và Ban An toàn giao thông các huyện, thị xã": a bare head takes the places of
        the name after it."""
        out = list(parties)
        for n, party in enumerate(parties[:-1]):
            if party.slug is None and \
                    fold(party.name).lower() in ("ubnd", "uy ban nhan dan", "hdnd"):
                m = re.search(r"\s((?:các\s+)?(?:huyện|quận|xã|phường|thị xã|thành phố|tỉnh)\b.*)$",
                              parties[n + 1].name)
                if m:
                    name = f"{party.name} {m.group(1)}"
                    slug = self.matcher.resolve(name)
                    out[n] = _Party(self.matcher.agencies[slug].name if slug else name, slug,
                                    parties[n + 1].external, party.start)
        return out

    def _named_unit(self, text: str, toks: list[Token], k: int,
                    before: _Party) -> tuple[int, _Party] | None:
        """"UBND thành phố Vị Thanh, huyện Châu Thành": a named unit after a UBND takes its
        head."""
        if not _UBND_HEAD.match(before.name):
            return None
        if text[toks[k].start].isupper():
            return self._bare_unit(text, toks, k, before)
        m = re.compile(_UNIT_ITEM).match(text, toks[k].start)
        if not m or not re.search(r"\s[A-ZĐ]", m.group(0)):
            return None
        end = next((n for n, t in enumerate(toks) if t.start >= m.end()), len(toks))
        name = f"{_UBND_HEAD.match(before.name).group(0).strip()} {m.group(0)}"
        slug = self.matcher.resolve(name)
        if slug:
            return end, _Party(self.matcher.agencies[slug].name, slug)
        return end, _Party(name, None, external=self.outside(name))

    def _bare_unit(self, text: str, toks: list[Token], k: int,
                   before: _Party) -> tuple[int, _Party] | None:
        """"UBND thị xã Ayun Pa, huyện Krông Pa, Ia Grai, Chư Pah …": a bare place name after a
        named unit is another unit of the same kind, under the same head."""
        unit = re.match(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (huyện|quận|thị xã|xã|"
                        r"phường|thị trấn) \S", before.name)
        if not unit or self.agency_at(text, toks, k) is not None:
            return None
        end = k
        while end < len(toks) and end - k < 3 and text[toks[end].start].isupper() and \
                (end == k or not (toks[end].hard_before or toks[end].comma_before)):
            end += 1
        if end < len(toks) and not (toks[end].hard_before or toks[end].comma_before or
                                    toks[end].word == "va"):
            if text[toks[end].start].isupper():
                return None     # a longer capitalised run: a person or a heading, not a place
        name = f"UBND {unit.group(1)} {text[toks[k].start:toks[end - 1].end]}"
        slug = self.matcher.resolve(name)
        if slug:
            return end, _Party(self.matcher.agencies[slug].name, slug)
        return end, _Party(name, None, external=before.external or self.outside(name))

    def _unit_after_ubnd(self, party: _Party, before: _Party) -> _Party:
        """"UBND TP Thủ Đức và các huyện": bare units after "và" take the UBND head before."""
        m = _BARE_UNITS.match(party.name)
        head = _UBND_HEAD.match(before.name)
        if not m or not head or party.slug is not None and \
                not self.matcher.agencies[party.slug].name.lower().startswith("các"):
            return party
        name = f"{head.group(0).strip()} {party.name}"
        slug = self.matcher.resolve(name)
        return _Party(self.matcher.agencies[slug].name if slug else name, slug, before.external,
                      party.start)


def _every_province(text: str, toks: list[Token], end: int,
                    after_tinh: bool) -> tuple[int, bool] | None:
    """After a body's name: "các tỉnh(, thành phố)( trực thuộc trung ương)" or, after a name
    ending in "tỉnh", ", thành phố": the body of every province. Where the qualifier ends, and
    whether a region narrows it."""
    j = end
    if _words_at(toks, j, ("cac", "tinh")) and not toks[j].hard_before and \
            not toks[j].comma_before:
        j += 2
        if j < len(toks) and not toks[j].hard_before and toks[j].word == "va":
            j += 1
        if not (j < len(toks) and toks[j].hard_before):
            j += _city(toks, j)
    elif after_tinh and _city(toks, j) and toks[j].comma_before and not toks[j].hard_before:
        k = j + _city(toks, j)
        if k < len(toks) and text[toks[k].start].isupper() and not toks[k].comma_before and \
                not toks[k].hard_before:
            return None     # "…, thành phố Cần Thơ": a second body
        j = k
    else:
        return None
    for tail in (("truc", "thuoc", "trung", "uong"), ("truc", "thuoc", "tw")):
        if _words_at(toks, j, tail) and not toks[j].hard_before and not toks[j].comma_before:
            j += len(tail)
            break
    narrowed = _region(text, toks, j)
    return max(j, narrowed), narrowed > j


# Words after "các tỉnh" that narrow it to some provinces (folded).
_NARROWING = (("ven", "bien"), ("lan", "can"), ("ban",), ("bien", "gioi"), ("giap", "ranh"),
              ("trong", "vung"), ("mien", "nui"))


def _city(toks: list[Token], j: int) -> int:
    """How many tokens "thành phố" (or "TP") takes at j: 0 when it is not there."""
    if j < len(toks) and toks[j].word == "tp":
        return 1
    return 2 if _words_at(toks, j, ("thanh", "pho")) else 0


def _region(text: str, toks: list[Token], j: int) -> int:
    """"từ Quảng Ninh đến Nghệ An", "khu vực Đồng bằng sông Cửu Long", "ven biển" after a
    collective of provinces: where the region ends (j when there is none)."""
    if j >= len(toks) or toks[j].hard_before or toks[j].comma_before:
        return j
    for words in _NARROWING:    # "các tỉnh lân cận", "các tỉnh biên giới"
        if _words_at(toks, j, words):
            return j + len(words)
    if toks[j].word == "tu":
        to = next((k for k in range(j + 2, min(len(toks), j + 6)) if toks[k].word == "den"
                   and not toks[k].hard_before), None)
        start = to
    elif _words_at(toks, j, ("khu", "vuc")) or toks[j].word == "mien":
        start = j + (2 if toks[j].word == "khu" else 0)
    else:
        return j
    if start is None or start + 1 >= len(toks):
        return j
    last = None     # the region's name: up to its last capitalised word within a few words
    for k in range(start + 1, min(len(toks), start + 7)):
        if toks[k].hard_before or toks[k].comma_before:
            break
        if text[toks[k].start].isupper():
            last = k
    return j if last is None else last + 1


class _Prior(list):
    """The leads of the paragraph before, standing for a letter's addressees: "… các sở A, B; các
    Ban Quản lý …; UBND các quận … được giao rà soát …" then "Công văn yêu cầu các đơn vị …"."""


# What "the bodies just named" is written as, when no letter's addressees are known (folded)
_PRIOR_REFS = {"cac don vi", "cac co quan", "cac co quan, don vi", "cac don vi, co quan"}


def _prior(last: list[ExtractedTask]) -> _Prior | None:
    """Two or more bodies given work in the paragraph before, none of them a collective that
    could mean anyone: what a bare "các đơn vị" next means."""
    parties = _unique([_Party(t.lead, t.lead_slug, t.external) for t in last])
    if len(parties) < 2 or any(_GENERIC.match(fold(q.name).lower()) or
                               fold(q.name).lower() in _PRIOR_REFS for q in parties):
        return None
    return _Prior(parties)


def _words_at(toks, i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(toks):
        return False
    return all(toks[i + j].word == w for j, w in enumerate(phrase))


@dataclass
class _Assignment:
    leads: list[_Party]
    support: list[_Party]
    action: str
    explicit: bool           # introduced by Giao/Đề nghị/Yêu cầu or by a subject


def _keys(parties: list[_Party]) -> list[str]:
    return [p.slug or p.name.lower() for p in parties]


def _unique(parties: list[_Party]) -> list[_Party]:
    seen, out = set(), []
    for p in parties:
        k = p.slug or p.name.lower()
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


class TaskExtractor:
    def __init__(self, matcher: AgencyMatcher, abbreviations: dict[str, str] | None = None,
                 jurisdiction: tuple[str, ...] = ()):
        self.matcher = matcher
        self.parser = _Parser(matcher, abbreviations, jurisdiction)
        self.flag_doubts = True     # task_certainty: flag what a reader would doubt
        self._lists: dict[str, bool] = {}     # _list_only by clause: headers are asked twice

    @classmethod
    def for_scope(cls, matcher: AgencyMatcher, scope: Scope) -> "TaskExtractor":
        """The extractor of an archive: its abbreviations over the default table, its places."""
        return cls(matcher, abbreviation_table(dict(scope.abbreviations)), scope.jurisdiction)

    # -- one clause
    def assignment(self, clause: str) -> _Assignment | None:
        """The lead(s), support and action of a clause that names its lead, else None."""
        found = self._places_topic(clause) if _PLACES_TOPIC.match(clause) else None
        found = found or self._assignment(clause)
        if found is not None and _ISSUES_ONLY.match(found.action) and \
                not _MARKER_WORDS.search(fold(found.action).lower()):
            return None     # "Bộ Y tế ra công văn khẩn về …": the issuer's act, no one's task
        if found is not None:
            found.leads = self._as_written_after_centre(clause, found.leads)
        return found

    def _places_topic(self, clause: str) -> _Assignment | None:
        """"Riêng đối với các tỉnh, thành phố: Hà Nội, Hà Nam và Cần Thơ, Bộ … đề nghị Ủy ban
        nhân dân cấp tỉnh giao …": the places named first are whom the level's body after the
        marker means, one UBND each (only provinces, whose names are known)."""
        m = _PLACES_TOPIC.match(clause)
        marker = _TOPIC_MARKER.search(clause, m.end())
        if marker is None:
            return None
        places: list[str] = []
        for item in re.split(r"\s*,\s*|\s+và\s+", clause[m.end():marker.start()]):
            words = tuple(t.word for t in tokens(item.strip(" :;")))
            if not words or province_at(words) != words:
                break       # "…, Bộ Tư pháp trân trọng": the list has ended
            places.append(item.strip(" :;"))
        found = self._assignment(clause[marker.start():])   # (a topic is never the lead)
        if len(places) < 2 or found is None or len(found.leads) != 1 or not _LEVEL_BODY.match(
                fold(found.leads[0].name).lower()) and found.leads[0].slug != self.parser.province:
            return found
        leads = []
        for place in places:
            words = tuple(t.word for t in tokens(place))
            unit = "" if words[:1] == ("tp",) else \
                "thành phố" if " ".join(words) in _CITIES else "tỉnh"
            name = " ".join(f"UBND {unit} {place}".split())
            slug = self.parser.matcher.resolve(name)
            leads.append(_Party(self.matcher.agencies[slug].name, slug) if slug else
                         _Party(name, None, external=self.parser.outside(name)))
        found.leads = leads
        return found

    def _as_written_after_centre(self, clause: str, leads: list[_Party]) -> list[_Party]:
        """"Bộ NN&PTNT đề nghị các địa phương …": the provinces, not this archive's districts
        that the vocabulary's "các địa phương" means in its own notices. A local collective
        asked by a central body is kept as written, on no local page."""
        toks = tokens(clause)
        out = []
        for party in leads:
            agency = self.matcher.agencies.get(party.slug) if party.slug else None
            if agency is None or agency.kind != "nhom" or not 0 < party.start < len(toks):
                out.append(party)
                continue
            speaker = _CONNECTORS.sub("", clause[:toks[party.start].start]).strip()
            hit = self.matcher.match_at(toks, party.start)
            if not _CENTRAL.match(speaker) or hit is None:
                out.append(party)
                continue
            written = clause[toks[party.start].start:toks[hit[0] - 1].end]
            out.append(_Party(written, None, False, party.start))
        return out

    def _assignment(self, clause: str) -> _Assignment | None:
        # "Ủy ban nhân dân (UBND) tỉnh": an abbreviation defined in passing is not part of the
        # name; blanked, not cut, so that offsets into the clause stay true
        clause = _ABBR_DEFINED.sub(lambda m: " " * len(m.group()), clause)
        # "các Sở, Ban, ngành": the collective formula written with capitals is one collective,
        # not "các Sở" then a Ban; lower-cased in place (same length, offsets stay true)
        clause = _FORMULA_CAPS.sub(lambda m: m.group(1) + m.group(2).lower(), clause)
        m = _CONNECTORS.match(clause)
        body_start = m.end() if m else 0
        if not self._may_assign(clause, body_start):
            return None
        # The lead and its support stand near the start; read further only for a late marker.
        late = _MARKER_WORDS.search(fold(clause[_HEAD_CHARS:]).lower()) \
            if len(clause) > _HEAD_CHARS else None
        toks = tokens(clause if late or len(clause) <= _HEAD_CHARS
                      else clause[:clause.rfind(" ", 0, _HEAD_CHARS)])
        if not toks:
            return None
        start_tok = next((k for k, t in enumerate(toks) if t.start >= body_start), len(toks))
        # 1. A subject at the start: "Sở A chủ trì …", "Sở A: …", "Sở A, Sở B tiếp tục …";
        # unless a marker follows it ("UBND tỉnh giao Sở B …": Sở B leads).
        end, leads = self.parser.agency_list(clause, toks, start_tok)
        if leads and end < len(toks) and not toks[end].hard_before and \
                any(_words_at(toks, end, a) for a in _ADVERBIALS):
            # "Các Bộ: A, B … trên cơ sở báo cáo của Bộ Công Thương, chủ động triển khai …":
            # an adverbial between the subject and its verb, up to the comma before the verb
            k = next((n for n in range(end + 2, min(len(toks), end + 40))
                      if toks[n].hard_before or toks[n].comma_before and
                      _imperative(clause[toks[n].start:])), None)
            if k is not None and not toks[k].hard_before:
                return self._rest(clause, toks, k, leads, True)
        if leads and 0 < end < len(toks) and ":" in clause[toks[end - 1].end:toks[end].start] and \
                all(clause[t.start].isupper() or t.word in _UNITS or t.word in ("va", "huyen",
                                                                                "xa", "thi")
                    for t in toks[end:]):
            return None     # "…; các TP: Hạ Long, Cẩm Phả và huyện Vân Đồn.": where, not work
        gap = end
        while leads and gap < len(toks) and gap - end < 2 and toks[gap].word in _ADVERBS and \
                not toks[gap].hard_before:
            gap += 1
        named = gap
        while leads and named < len(toks) and named - gap < 4 and \
                clause[toks[named].start].isupper() and not toks[named].hard_before and \
                not toks[named].comma_before and self.parser.agency_at(clause, toks, named) is None:
            named += 1      # "Phó Chủ tịch UBND tỉnh Gia Lai Dương Mah Tiệp yêu cầu …": a person
        if named > gap and self._marker_at(toks, named):
            gap = named
        elif leads and not self._marker_at(toks, gap):
            gap = self._past_speaker_words(clause, toks, end, gap)
        marker = self._marker_at(toks, gap)
        if leads and marker is None:
            gap = next((k for k in range(end + 1, min(len(toks), end + 9))
                        if toks[k - 1].word == "va" and self._marker_at(toks, k) and
                        canonical(clause[toks[k].start:toks[k].end]) in _MARKER_FIRST), end)
            marker = self._marker_at(toks, gap) if gap > end else None
        if marker and gap > end and not self._is_speaker(clause, leads) and \
                not self._gives_to(clause, toks, gap + len(marker)):
            marker = None
        elif marker:
            end = gap
        # "Sở A đề nghị B …": A asks, B does; "Sở A chỉ đạo B …" stays A's own work
        if leads and marker and (self._is_speaker(clause, leads) or marker[0] != "chi" and
                                 self._gives_to(clause, toks, end + len(marker))) and \
                not (marker[0] == "chi" and leads[0].slug is None and
                     not self._gives_to(clause, toks, end + len(marker)) and
                     not _words_at(toks, end + len(marker), ("ve",))) and \
                not (marker[0] == "chi" and self._directs_own(clause, toks, end + len(marker),
                                                              leads)):
            leads = []      # ("X chỉ đạo việc …" with no body after it: directing is X's work)
        if leads and marker and marker[0] == "chi" and end + len(marker) < len(toks) and (
                toks[end + len(marker)].hard_before or
                toks[end + len(marker)].word in ("tai", "trong", "nhu", "khi")):
            leads = []      # "Bí thư Tỉnh ủy chỉ đạo tại buổi giao ban …": who speaks, not work
        if leads and end < len(toks) and toks[end].word == "duoc" and not toks[end].hard_before:
            # "Đảng bộ xã A được BTV Tỉnh ủy chọn …": a passive with its agent reports; "Sở A
            # được UBND tỉnh giao …" is still Sở A's task
            after, agent = self.parser.agency_list(clause, toks, end + 1)
            if agent and not (after < len(toks) and toks[after].word in ("giao", "phan", "uy")):
                leads = []
        if leads and end < len(toks) and toks[end].comma_before and \
                self._later_order(clause, toks, end):
            # "Theo đó, để chuẩn bị cho kỳ họp, HĐND thành phố khóa XV, diễn ra …, Chủ tịch UBND
            # thành phố yêu cầu A …": a body named in an adverbial, then who speaks and asks
            leads = []
        if leads and self._is_speaker(clause, leads) and end < len(toks) and \
                _SPEECH.match(clause, toks[min(self._past_person(clause, toks, end),
                                               len(toks) - 1)].start):
            # "Chủ nhiệm VPCP Mai Tiến Dũng đã truyền đạt ý kiến của Thủ tướng yêu cầu Bộ A …":
            # who speaks, then the order; the marker further on names who does the work
            leads = []
        if leads and self._is_speaker(clause, leads) and end < len(toks) and \
                _ISSUES.match(clause[toks[self._past_person(clause, toks, end)].start:]
                              if self._past_person(clause, toks, end) < len(toks) else ""):
            leads = []      # who issued the document: the bodies after its marker do the work
            # ("Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh vừa ký ban hành Công điện … yêu cầu …")
        if leads and self._is_speaker(clause, leads) and self._acts_then_asks(clause, toks, end):
            leads = []      # "UBND tỉnh chuyển đơn, yêu cầu Chủ tịch UBND huyện A …": the
            # speaker's own act, then whom it asks; the marker further on names them
        if leads:
            if end >= len(toks):
                return None
            nxt = canonical(clause[toks[end].start:toks[end].end])
            standing = re.match(r"\s*(?:với chức năng\s+)?là\s+(?:cơ quan|đơn vị)\s+(?:thường "
                                r"trực|đầu mối|chủ trì)[^,;]*?(?:,\s*|\s+(?=sẽ\s|tiếp tục\s))",
                                clause[toks[end].start:], re.IGNORECASE)
            if standing:   # "Công an tỉnh là cơ quan thường trực, theo dõi …"
                k = next((n for n, t in enumerate(toks)
                          if t.start >= toks[end].start + standing.end()), len(toks))
                return self._rest(clause, toks, k, leads, True)
            if nxt == "có" and not toks[end].hard_before and end + 1 < len(toks) and \
                    toks[end + 1].word not in ("trach", "ke", "van", "y", "bao", "the", "nhiem"):
                verb = self._verb_after(clause, toks, end + 1)
                if verb is not None:
                    # "các cơ quan, đơn vị có cổng thông tin điện tử tuyên truyền …"
                    last = leads[-1]
                    first = last.start if last.start >= 0 else start_tok
                    leads[-1] = _Party(clause[toks[first].start:toks[verb - 1].end], None,
                                       last.external)
                    return self._rest(clause, toks, verb, leads, True)
            if nxt == "đang" and self._qualifier(clause, toks, end):
                return self._rest(clause, toks, end, leads, True)
            receives = nxt == _NHAN and end + 1 < len(toks) and \
                toks[end + 1].word in ("don", "ho", "bai") or \
                self._member_end(clause, toks, end) is not None   # "… nhận đơn …": work
            # "Sở Y tế có văn bản gửi Sở Tài chính, Sở Xây dựng đề nghị …": news of a letter;
            # the bodies it was sent to are asked (read at the marker below)
            sends = nxt == "có" and any(t.word == "gui" for t in toks[end + 1:end + 6]) and \
                bool(_MARKER_WORDS.search(fold(clause[toks[end].start:]).lower()))
            if not sends and not (nxt in _NOT_A_SUBJECT_AFTER and not receives and
                                  not toks[end].hard_before and not (
                    nxt == "có" and end + 1 < len(toks) and toks[end + 1].word in (
                        "trach", "ke", "van", "y", "bao"))):
                return self._rest(clause, toks, end, leads, True)
            # "Sở TT&TT vừa có văn bản đề nghị A, B …": not the subject of a command; a marker
            # further on may still name who does the work
        # 2. A marker at a clause boundary: "Giao Sở A …", "…, đề nghị Sở B …".
        for k in range(start_tok, len(toks)):
            marker = self._marker_at(toks, k)
            if marker is None or canonical(clause[toks[k].start:toks[k].end]) not in _MARKER_FIRST:
                continue
            if marker == ("giao",) and k + 2 < len(toks) and \
                    clause[toks[k + 1].start:toks[k + 1].end] == "ban" and \
                    ("ban", canonical(clause[toks[k + 2].start:toks[k + 2].end])) not in _NAME_PAIRS:
                continue    # "buổi giao ban sáng …": the weekly meeting; "giao ban thường vụ" is not
            if k > start_tok and not toks[k].hard_before and marker[0] != "chi":
                addressed = self._addressees(clause, toks, start_tok, k)
                if addressed:
                    return self._rest(clause, toks, k + len(marker), addressed, True)
            if k > start_tok and marker[0] == "giao" and not toks[k].hard_before and (
                    toks[k - 1].word == "duoc" or _TOPIC.match(clause, body_start)) and not (
                    k + 1 < len(toks) and (toks[k + 1].comma_before or toks[k + 1].hard_before)):
                # ("… các nhiệm vụ, công việc được giao, Chủ tịch UBND tỉnh yêu cầu …": the work
                # given before, not its owner named after)
                # the work first, then its owner: "Nhiệm vụ rà soát … được giao cho Sở Xây
                # dựng", "Việc tổng hợp báo cáo giao Văn phòng UBND tỉnh thực hiện"
                j = k + len(marker) + (1 if _words_at(toks, k + len(marker), ("cho",)) else 0)
                end, leads = self.parser.agency_list(clause, toks, j, lower=True)
                if leads:
                    found = self._rest(clause, toks, end, leads, True)
                    found.action = clause[body_start:].strip()
                    return found
            if k > start_tok and not (toks[k].comma_before or toks[k].hard_before) and \
                    not self._after_speaker(clause, toks, k):
                continue
            if k > start_tok and marker[0] == "phan":
                continue
            # "Chỉ đạo X …" with no speaker before it: the carried lead directs X, X leads nothing.
            if marker[0] == "chi" and (k == start_tok or not self._after_speaker(clause, toks, k)):
                continue
            j = k + len(marker)
            if j < len(toks) and toks[j].word == "cho":
                j += 1
            j = self._past_adverbial(clause, toks, j)
            # a body without a capital only after who speaks: "Yêu cầu nhà thầu …" opening a
            # point is the point's lead's demand on the contractor
            end, leads = self.parser.agency_list(clause, toks, j, loose=k == start_tok,
                                                 lower=k > start_tok)
            if not leads and k > start_tok and _INITIALS.fullmatch(
                    clause, toks[j].start if j < len(toks) else 0,
                    toks[j].end if j < len(toks) else 0) and j + 1 < len(toks) and \
                    clause[toks[j + 1].start].islower() and not toks[j + 1].hard_before and \
                    toks[j + 1].word not in ("duoc", "bi", "la"):   # (a thing, not a body)
                # "Bộ GTVT yêu cầu VEC kiểm tra …": a body asked by its initials alone (a
                # lower-case word after them, so not a heading in capitals); kept as written
                name = clause[toks[j].start:toks[j].end]
                leads, end = [_Party(name, self.matcher.resolve(name))], j + 1
            if leads:
                return self._rest(clause, toks, end, leads, True)
        return None

    def _past_speaker_words(self, clause: str, toks: list[Token], end: int, gap: int) -> int:
        """"Chủ tịch UBND tỉnh Thừa Thiên-Huế Nguyễn Ngọc Thiện vừa yêu cầu …", "UBND tỉnh
        Gia Lai còn yêu cầu …": a person's name and adverbs in any order between who speaks and
        the marker; the marker's token when one follows, else gap unchanged."""
        k = end
        while k < len(toks) and k - end < 8 and not toks[k].hard_before and \
                not toks[k].comma_before and not self._marker_at(toks, k):
            if toks[k].word in _ADVERBS or toks[k].word in ("moi", "con") and \
                    canonical(clause[toks[k].start:toks[k].end]) in _SPEAKER_ADVERBS:
                k += 1
            elif clause[toks[k].start].isupper() and \
                    self.parser.agency_at(clause, toks, k) is None:
                k += 1
            else:
                return gap
        return k if k > end and self._marker_at(toks, k) else gap

    def _later_order(self, clause: str, toks: list[Token], end: int) -> bool:
        """Is there, after a comma, a speaker's marker that names bodies of its own?"""
        for k in range(end + 1, len(toks)):
            if toks[k].hard_before and re.search(r"[.;:!?]", clause[toks[k - 1].end:toks[k].start]):
                return False    # (a bracket is no end: "… (từ ngày 3 đến 5/12), Chủ tịch …")
            marker = self._marker_at(toks, k)
            if marker and canonical(clause[toks[k].start:toks[k].end]) in _MARKER_FIRST and \
                    not toks[k].comma_before and self._after_speaker(clause, toks, k) and \
                    self._gives_to(clause, toks, k + len(marker)):
                return True
        return False

    def _past_person(self, clause: str, toks: list[Token], end: int) -> int:
        """The token after a person's name and adverbs that follow who speaks (end if none)."""
        k = end
        while k < len(toks) and k - end < 8 and not toks[k].hard_before and \
                not toks[k].comma_before and (
                    toks[k].word in _ADVERBS or clause[toks[k].start].isupper() and
                    self.parser.agency_at(clause, toks, k) is None):
            k += 1
        return k

    def _addressees(self, clause: str, toks: list[Token], start: int, k: int) -> list[_Party]:
        """"UBND TP vừa có văn bản gửi các sở, ngành và đơn vị liên quan yêu cầu khẩn trương
        rà soát …": a letter sent to bodies asks them, when no body follows the marker."""
        for g in range(k - 1, start, -1):
            if toks[g].word == "gui" and canonical(clause[toks[g].start:toks[g].end]) == "gửi":
                end, found = self.parser.agency_list(clause, toks, g + 1, lower=True)
                if end == k and found and re.search(
                        r"(?:văn bản|công văn|công điện|thông báo|chỉ thị)\b",
                        clause[:toks[g].start], re.IGNORECASE):
                    return found
                return []
        return []

    def _may_assign(self, clause: str, start: int) -> bool:
        """A cheap look before the full reading: does the clause start with what could be an
        agency, or contain a marker word? Most follow-on clauses do neither."""
        first = _FIRST_WORD.match(clause, start)
        if first:
            word = first.group(1)
            if canonical(word) in _HEADS or fold(word).lower() in self.parser.first_words:
                return True
        return bool(_MARKER_WORDS.search(fold(clause).lower()))

    def _acts_then_asks(self, clause: str, toks: list[Token], end: int) -> bool:
        """A few words of the speaker's own act, then ", yêu cầu / đề nghị / giao" and a body:
        "Chủ tịch UBND huyện quán triệt, yêu cầu các cơ quan chuyên môn …"."""
        for k in range(end + 1, min(len(toks), end + 5)):
            if toks[k].hard_before:
                return False
            if not toks[k].comma_before:
                continue
            marker = self._marker_at(toks, k)
            if marker is None or canonical(clause[toks[k].start:toks[k].end]) not in _MARKER_FIRST \
                    or marker[0] == "chi":
                return False
            return bool(self.parser.agency_list(clause, toks, k + len(marker), lower=True)[1])
        return False

    def _is_speaker(self, clause: str, leads: list[_Party]) -> bool:
        """"UBND tỉnh giao …", "Chủ tịch UBND tỉnh yêu cầu …", "Cục QLTT tỉnh yêu cầu các Đội
        …", "Ban Thường vụ Huyện ủy yêu cầu UBND huyện …": who gives the task, not who does it."""
        first = leads[0]
        if first.slug and (_ALL_PROVINCES.match(fold(first.name).lower()) or
                           _ALL_PROVINCES_WRITTEN.match(first.name)):
            return False    # "UBND các tỉnh, thành phố … chỉ đạo Ban ATGT …": addressed, not issuing
        if first.slug is None or self.matcher.agencies[first.slug].kind in _SPEAKING_KINDS:
            return True
        if first.slug and self.matcher.agencies[first.slug].kind == "tinh":
            return True
        return bool(re.match(r"\s*(?:phó\s+)?(?:chủ tịch|thường trực|lãnh đạo)\b", clause,
                             re.IGNORECASE)) and first.slug is None

    def _verb_after(self, clause: str, toks: list[Token], k: int) -> int | None:
        """The token of the first verb within a few words after k, with no break before it."""
        for m in range(k, min(len(toks), k + 9)):
            if toks[m].hard_before or toks[m].comma_before and m > k:
                return None
            low = canonical(clause[toks[m].start:toks[m].end])
            nxt = canonical(clause[toks[m + 1].start:toks[m + 1].end]) if m + 1 < len(toks) \
                else ""
            if m > k + 1 and ((low, nxt) in _STOP_PAIRS or _verb(low, nxt)):
                return m
        return None

    def _past_adverbial(self, clause: str, toks: list[Token], j: int) -> int:
        """"… đề nghị, trong tháng 8, Công an các đơn vị …", "… yêu cầu: từ ngày 30/4 đến hết
        ngày 3/5, các đơn vị …": a time adverbial between a marker and whom it asks is read
        past (the token after it), when a body follows it; else j."""
        if j >= len(toks) or j == 0:
            return j
        if tuple(t.word for t in toks[j:j + 3]) in (("tat", "ca", "cac"), ("toan", "the", "cac"),
                                                      ("toan", "bo", "cac")) and \
                not toks[j + 2].comma_before:
            return j + 2    # "yêu cầu tất cả các bộ, ngành …": every one of them
        m = _MARKER_ADVERBIAL.match(clause, toks[j - 1].end) or \
            _BARE_ADVERBIAL.match(clause, toks[j - 1].end)
        if not m and (_words_at(toks, j, ("sau", "khi")) or _words_at(toks, j, ("truoc", "khi"))):
            # "… yêu cầu sau khi kết thúc Đại hội các đơn vị hoàn chỉnh báo cáo": with no comma,
            # the time clause ends where a plural body ("các …") starts
            k = next((n for n in range(j + 3, min(len(toks), j + 10)) if toks[n].word == "cac"
                      and not toks[n].hard_before and not toks[n].comma_before), None)
            return k if k is not None and self.parser.agency_list(
                clause, toks, k, lower=True)[1] else j
        if not m:
            return j
        k = next((n for n in range(j, len(toks)) if toks[n].start >= m.end()), len(toks))
        return k if k < len(toks) and self.parser.agency_list(clause, toks, k, lower=True)[1] \
            else j

    def _gives_to(self, clause: str, toks: list[Token], k: int) -> bool:
        """"Sở TT&TT đề nghị các cơ quan báo chí …": a department asking other bodies speaks."""
        if k < len(toks) and toks[k].word == "cho":
            k += 1
        k = self._past_adverbial(clause, toks, k)
        return bool(self.parser.agency_list(clause, toks, k)[1])

    def _marker_at(self, toks, k: int) -> tuple[str, ...] | None:
        if k >= len(toks):
            return None
        for marker in _MARKERS_BY_FIRST.get(toks[k].word, ()):
            if _words_at(toks, k, marker):
                return marker
        return None

    def _after_speaker(self, clause: str, toks: list[Token], k: int) -> bool:
        """"Phó Chủ tịch UBND tỉnh giao …", "Thủ tướng yêu cầu …", "Sở TT&TT vừa có văn bản
        đề nghị …": a marker after who speaks (the words since the last comma name them)."""
        before = clause[:toks[k].start].lower()
        if _ADVISES.search(before):
            return False    # "Tham mưu UBND tỉnh chỉ đạo A …": the adviser's work, A leads nothing
        if _ISSUED.search(before) and _SPEAKER.search(before):
            return True     # "UBND tỉnh (tiếp tục) ban hành công văn 2326, chỉ đạo A, B …"
        said = _SAID.search(before)
        if said and _SPEAKER.search(before[:said.start()]):
            return True     # "Ông Hải, Chủ tịch UBND tỉnh cũng cho biết, đã giao Sở A …"
        if re.search(r"(?:chủ tịch|ubnd tỉnh|ủy ban nhân dân tỉnh|lãnh đạo tỉnh|"
                     r"giám đốc|tỉnh|thống nhất|đồng ý|tiếp tục|đồng thời|"
                     # "… truyền đạt ý kiến của Thủ tướng Chính phủ yêu cầu …"
                     r"thủ tướng|thủ tướng chính phủ)\s*$", before):
            return True
        # "UBND tỉnh đã yêu cầu …", "Chủ tịch UBND TP vừa giao …": news reporting an order
        # still names who does the work; "theo yêu cầu", "được giao", "đã chỉ đạo" alone do not
        reported = re.sub(r"(?:\s+(?:đã|vừa|cũng))+\s*$", "", before)
        if reported != before and reported.strip():
            segment = re.split(r"[,;:]", reported)[-1]
            if len(segment.split()) <= 16 and _SPEAKER.search(segment) and \
                    not re.search(r"(?:\btheo|\bcủa|\bđược|\bnày|\bđó)\s*$", reported):
                return True
        if re.search(r"(?:\btheo|\bcủa|\bđược|\bđã|\bvừa|\bnày|\bđó)\s*$", before):
            return False
        segment = re.split(r"[,;:]", before)[-1]
        return len(segment.split()) <= 16 and bool(_SPEAKER.search(segment))

    def _qualifier(self, clause: str, toks: list[Token], k: int) -> tuple[int, bool] | None:
        """A relative clause after a lead, then its action after a comma: "các đơn vị được
        giao kiểm tra, giám sát hoạt động khai thác, kiên quyết xử lý …" (it says who: part of
        the name), "UBND các tỉnh … đang thực hiện giãn cách …, chủ động quyết định …" (a
        condition: not the name). (token where the action starts, part of the name) or None."""
        if k >= len(toks) or toks[k].hard_before:
            return None
        if _words_at(toks, k, ("duoc", "giao")) or _words_at(toks, k, ("duoc", "phan", "cong")):
            named, first = True, k + (2 if toks[k + 1].word == "giao" else 3)
        elif toks[k].word == "dang" and canonical(clause[toks[k].start:toks[k].end]) == "đang":
            named, first = False, k + 1
        else:
            return None
        segment = first
        for m in range(first + 1, min(len(toks) - 1, k + 60)):
            if toks[m].hard_before:
                return None
            if not toks[m].comma_before:
                continue
            low = canonical(clause[toks[m].start:toks[m].end])
            nxt = canonical(clause[toks[m + 1].start:toks[m + 1].end])
            # a verb after a comma ends the qualifier unless it only lists the qualifier's verbs
            # ("được giao kiểm tra, giám sát …")
            # after "đang …" only a word of command ends it: "Sở A đang phối hợp kiểm tra, xử lý
            # …" reports work in progress
            if (_verb(low, nxt) or (low, nxt) in _STOP_PAIRS) and m - segment >= 3 and (
                    named or (low, nxt) in _COMMANDING or low in ("cần", "phải")):
                return m, named
            segment = m
        return None

    def _rest(self, clause: str, toks: list[Token], end: int, leads: list[_Party],
              explicit: bool) -> _Assignment:
        support: list[_Party] = []
        if end < len(toks) and toks[end].word == "co" and not toks[end].hard_before and \
                end + 1 < len(toks) and toks[end + 1].word not in _CO_NOT_NAME and \
                leads[-1].start >= 0 and (leads[-1].slug is None or
                                          _generic_lead(leads[-1].name) or
                                          fold(leads[-1].name).lower().startswith("ubnd cac")):
            verb = self._verb_after(clause, toks, end)
            if verb is not None:
                # "…, UBND các huyện, thành phố có rừng thực hiện …": the qualifier narrows the
                # collective; kept with the name, as written
                last = leads[-1]
                leads = [*leads[:-1], _Party(clause[toks[last.start].start:toks[verb - 1].end],
                                             None, last.external, last.start)]
                end = verb
        after = self._member_end(clause, toks, end)
        if after is not None and leads[-1].start >= 0:
            # "các sở, ban, ngành là thành viên Ban Chỉ huy PCTT tỉnh chủ động …": the
            # membership says which; kept with the name, as written
            last = leads[-1]
            leads = [*leads[:-1], _Party(clause[toks[last.start].start:toks[after - 1].end],
                                         None, last.external, last.start)]
            end = after
        qualified = self._qualifier(clause, toks, end)
        if qualified and qualified[1] and not _generic_lead(leads[-1].name):
            # "Văn phòng UBND tỉnh được giao hoàn thiện …, xây dựng …": a body named in full
            # needs no qualifier to say which; "được giao" is the passive of the assignment
            qualified = None
            end += 2 if toks[end + 1].word == "giao" else 3
        if qualified:
            verb, named = qualified
            if named:   # the qualifier says who: it is kept with the name, less where
                last = leads[-1]
                tail = re.split(r"\s+trên địa bàn\b", clause[toks[end].start:toks[verb - 1].end])[0]
                leads = [*leads[:-1], _Party(f"{last.name} {tail}", None, last.external,
                                             last.start)]
            end = verb
        j = end
        if j < len(toks):
            m = re.match(r"\s*\([^)]{0,200}\)\s*,?", clause[toks[end - 1].end:])
            if m:   # "Sở A (cơ quan thường trực) chủ trì …"
                after = toks[end - 1].end + m.end()
                j = next((n for n, t in enumerate(toks) if t.start >= after), len(toks))
        if j < len(toks) and _words_at(toks, j, ("chu", "tri")):
            j += 2
        for phrase in (("phoi", "hop", "chat", "che", "voi"), ("phoi", "hop", "chat", "che"),
                       ("phoi", "hop", "voi"), ("phoi", "hop", "cung"), ("phoi", "hop"),
                       ("va", "phoi", "hop", "voi"), ("va", "phoi", "hop")):
            if _words_at(toks, j, phrase):
                after, found = self.parser.agency_list(clause, toks, j + len(phrase))
                if found:
                    support.extend(found)
                    j = after
                break
        m = re.search(r"với sự phối hợp (?:của|giữa)\s+", clause, re.IGNORECASE)
        if m:
            k = next((n for n, t in enumerate(toks) if t.start >= m.end()), None)
            if k is not None:
                support.extend(self.parser.agency_list(clause, toks, k)[1])
        action = clause[toks[j].start:] if j < len(toks) else ""
        action = action.lstrip(" ,:;-–").strip()
        lead_keys = {p.slug or p.name for p in leads}
        support = [p for p in _unique(support) if (p.slug or p.name) not in lead_keys]
        return _Assignment(_unique(leads), support, action, explicit)

    def _directs_own(self, clause: str, toks: list[Token], k: int,
                     leads: list[_Party]) -> bool:
        """"Bộ Công Thương chỉ đạo các đơn vị đẩy mạnh …", "UBND tỉnh An Giang chỉ đạo các cơ
        quan chuyên môn …": a body directing its own units does the work itself; this
        archive's own UBND or Party committee directing them is still the issuer speaking."""
        if k >= len(toks) or not _SUBORDINATES.match(fold(clause[toks[k].start:]).lower()):
            return False
        first = leads[0]
        agency = self.matcher.agencies.get(first.slug) if first.slug else None
        if agency is not None and agency.kind in _SPEAKING_KINDS or _TOP.match(first.name):
            return False
        return True

    def _member_end(self, clause: str, toks: list[Token], end: int) -> int | None:
        """Where "… là thành viên Ban Chỉ đạo tỉnh" ends, when a command follows it."""
        if end >= len(toks) or toks[end].hard_before or \
                not _words_at(toks, end, ("la", "thanh", "vien")):
            return None
        k = end + 3 + (1 if _words_at(toks, end + 3, ("cua",)) else 0)
        after, body = self.parser.agency_list(clause, toks, k, lower=True)
        if not body or after >= len(toks) or not _imperative(clause[toks[after].start:]):
            return None
        return after

    def subject_of(self, text: str) -> list[_Party]:
        """The agencies a heading or an introductory paragraph gives its points to."""
        text = _strip_heading_words(text)
        found = self.assignment(text)
        if found:
            return found.leads
        toks = tokens(text)
        m = _CONNECTORS.match(text)     # "(1) Bộ trưởng các Bộ, …"
        start = next((n for n, t in enumerate(toks) if t.start >= (m.end() if m else 0)),
                     len(toks))
        end, parties = self.parser.agency_list(text, toks, start)
        if parties and len(toks) - end <= 8:
            return _unique(parties)
        return []

    def host(self, body: str) -> list[_Party]:
        """Whose report the meeting heard ("Sau khi nghe Công an tỉnh báo cáo …")."""
        body = " ".join(body[:4000].split())
        for m in _HOST.finditer(body):
            toks = tokens(body[m.end():m.end() + 300])
            _, parties = self.parser.agency_list(body[m.end():m.end() + 300], toks, 0)
            if parties:
                return parties[:1]
        return []

    # -- a whole body
    def extract(self, body: str, first_line: int = 1,
                reference: dt.date | None = None) -> list[ExtractedTask]:
        host = self.host(body)
        out: list[ExtractedTask] = []
        ledes: list[tuple[_Block, list[ExtractedTask]]] = []
        all_blocks = [_after_headline(b) for b in blocks(body, first_line)]
        # Everything up to "… kết luận như sau:" is the preamble (who met, who reported).
        addressees, all_blocks = self._addressed(all_blocks)
        # plans written as fields: a table of tasks, "Chủ trì: …" under a point
        fields, all_blocks = self._field_blocks(all_blocks)
        out.extend(self._field_tasks([*table_tasks(body, first_line), *fields], reference))
        intro = next((n for n, b in enumerate(all_blocks[:6])
                      if _INTRO_END.search(b.text)), None)
        if intro is not None and intro + 1 < len(all_blocks):
            all_blocks = all_blocks[intro + 1:]     # (a page that stops there keeps its lede)
        elif len(all_blocks) > 1 and _title_line(all_blocks[0]):
            all_blocks = all_blocks[1:]     # a news headline above the body: not a sentence
        # Stack of (level, leads or None, section kind) from headings and ":" paragraphs.
        stack: list[tuple[float, list[_Party] | None, str | None]] = []
        last: list[ExtractedTask] = []      # the tasks of the paragraph before
        bridge: _Block | None = None        # a long paragraph with no task since those tasks
        prev: _Block | None = None
        before = ""     # the text read so far, where "các đơn vị trên" finds what it means
        budget = [_LOOKS_BACK]
        held: list = []     # a term stated before the report it dates, for the next blocks
        dangling: _Block | None = None     # an introduction with leads and nothing under it
        for block in all_blocks:
            before, seen = before[-_BACK_CHARS:], before
            entry = _schedule_entry(block.text)
            if entry is not None and not block.heading:
                # "Ngày 7/6/2017: Hạn cuối các trường THPT in và phát Giấy báo dự thi …": a
                # timeline's line; its subject does the work by its date
                rest, day = entry
                deadline = best_deadline(f"trước ngày {day}", reference)
                found = self._block_tasks(dataclasses.replace(block, text=rest), None, None,
                                          [], reference, False, alone=True, before=before,
                                          addressees=addressees, budget=budget)
                found = [dataclasses.replace(
                    t, text=block.text, deadline=t.deadline or (deadline and deadline.date),
                    deadline_text=t.deadline_text or (deadline and block.text[
                        :block.text.find(day) + len(day)].strip(" -–+•*"))) for t in found]
                out.extend(found)
                last = found or last
                prev = block
                before = f"{seen} {block.text}"[-_BACK_CHARS:]
                continue
            if _PREAMBLE.match(block.text) and not (
                    block.text.rstrip().endswith(":") and self.subject_of(block.text)):
                # "Ngày 28-1, UBND tỉnh ban hành Công văn …. Theo đó, UBND tỉnh yêu cầu A …":
                # a dated news sentence, then the order it carried
                cut = _SENTENCE_END.search(block.text)
                rest = block.text[cut.end():] if cut and _DATED.match(block.text) else ""
                first = block.text[:cut.start()] if cut else block.text
                if _DATED.match(block.text) and _DATED_ORDER.search(first):
                    # "Ngày 20/10, UBND tỉnh có văn bản số 13080 yêu cầu các sở …": the order
                    # is in the dated sentence itself
                    rest = _DATED_LEAD.sub("", block.text, count=1)
                if _MARKER_WORDS.search(fold(rest).lower()):
                    # kept, like news of a document, for bodies the text gives no other task
                    dated = dataclasses.replace(block, text=rest)
                    ledes.append((block, self._block_tasks(
                        dated, None, None, host, reference, False, alone=True, before=before,
                        addressees=addressees, budget=budget)))
                continue
            if last and bridge is None and not block.heading and \
                    _DEADLINE_ONLY.match(block.text):
                # "Thời gian hoàn thành: chậm nhất ngày 14/5/2021.": the tasks before it
                deadline = best_deadline(block.text, reference)
                if deadline and deadline.date:
                    out[-len(last):] = [t if t.deadline else dataclasses.replace(
                        t, deadline=deadline.date, deadline_text=deadline.text, certain=False)
                        for t in last]
                    last = []
                    continue
            held = held[1:]
            if not last and not block.heading and _TERM_FIRST.match(block.text):
                # "Thời hạn nộp báo cáo: trước ngày 26/12/2018. …" then "Vì vậy, Sở đề nghị
                # các đơn vị … báo cáo": the term stated first dates the report asked next
                deadline = best_deadline(block.text, reference)
                held = [deadline] * 3 if deadline and deadline.date else []
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            kind = next((k for _, _, k in reversed(stack) if k), None)
            carried = next((ls for _, ls, _ in reversed(stack) if ls), None)
            text = block.text
            is_header = block.heading or text.rstrip().endswith(":") or _short_title(text) or \
                self._list_only(text)
            if is_header:
                own_kind = _section_kind(text)
                leads = self.subject_of(text) or None
                if leads and addressees:   # "UBND tỉnh đề nghị các đơn vị … nội dung sau:"
                    leads = self.resolved_leads(leads, [], [], text, addressees)
                # "… đề nghị A, B triển khai các nội dung sau:" followed by plain paragraphs at
                # its own level: they are its points
                level = block.level - 0.01 if leads and not block.heading and \
                    text.rstrip().endswith(":") and block.point is None else block.level
                stack.append((level, leads, own_kind))
                if block.heading or text.rstrip().endswith(":") or not leads or \
                        self._list_only(text):
                    dangling = block if leads and not block.heading else None
                    continue
            dangling = None
            guessed = False
            plain_after = prev is not None and block.point is None and prev.point is None and \
                block.level == prev.level or prev is not None and block.point is not None and \
                block.point == prev.point and block.level > prev.level   # a point's next paragraph
            if carried is None and last and (_GOES_ON.match(text) or plain_after and
                                             _imperative(_TOPIC_FRONT.sub("", text)) and
                                             not self.assignment(text)) and \
                    (bridge is None or not self._all_named(bridge.text)):
                # (across a paragraph that names no body: "Thời kỳ thanh tra từ … đến …")
                carried = _unique([_Party(t.lead, t.lead_slug) for t in last])
                guessed = True     # a subject carried across a paragraph: a guess to confirm
            found = self._block_tasks(block, kind, carried, host, reference, guessed,
                                      alone=len(all_blocks) == 1, before=before,
                                      addressees=addressees or _prior(last), budget=budget)
            if len(all_blocks) > 1 and _LEDE.search(text):
                # news of a document over a body: read as the report of the order, kept below
                # only for the bodies the rest of the text gives no task of their own
                reported = self._block_tasks(block, kind, carried, host, reference, guessed,
                                             alone=True, before=before, addressees=addressees,
                                             budget=budget)
                ledes.append((block, [t for t in reported if t not in found]))
            if held and found:
                found = [t if t.deadline or not _REPORTS.search(t.text) else dataclasses.replace(
                    t, deadline=held[0].date, deadline_text=held[0].text, certain=False)
                    for t in found]
                held = []
            out.extend(found)
            if found:
                last, bridge = found, None
            elif len(text.split()) > 12:    # "(Có đề cương gửi kèm)" keeps the tasks before
                # one long paragraph with no task may be read across (if it names no body,
                # judged only when a subject is to be carried: naming is costly); two end it
                last, bridge = (last, block) if bridge is None else ([], None)
            prev = block
            before = f"{seen} {block.text}"[-_BACK_CHARS:]
        if dangling is not None:
            # "… chỉ đạo A; B tăng cường …. Nội dung văn bản như sau:" and the page stops: the
            # introduction is all there is of the order
            out.extend(self._block_tasks(dangling, None, None, host, reference, False,
                                         alone=True, before=before, addressees=addressees,
                                         budget=budget))
        out.extend(self._reported_order(ledes, out, all_blocks))
        out.sort(key=lambda t: t.line)     # field tasks were read first
        out = self._placed_document(_without_headline(out, all_blocks), body)
        if not self.flag_doubts:    # the rules' own guesses only (bench/task_certainty.py)
            return out
        return doubted(out, self.matcher, self.parser.abbreviations, _imperative, body,
                       first_line)

    @staticmethod
    def _reported_order(ledes: list, out: list[ExtractedTask],
                        all_blocks: list[_Block]) -> list[ExtractedTask]:
        """"Chủ tịch UBND TP vừa ký Công điện … yêu cầu A, B …" over a body: the news of the
        order is A's and B's task unless the body details it (points, a heading, "Trong đó,
        …" next) or gives the same body a task of its own."""
        kept = []
        for block, tasks in ledes:
            n = next((k for k, b in enumerate(all_blocks) if b is block), len(all_blocks))
            nxt = all_blocks[n + 1] if n + 1 < len(all_blocks) else None
            if nxt is not None and (nxt.point is not None or nxt.heading or
                                    _DETAILS.match(nxt.text)):
                continue
            for t in tasks:
                key = fold(t.lead).lower()
                if not any(u.line > t.line and (
                        t.lead_slug and u.lead_slug == t.lead_slug or
                        key.startswith(fold(u.lead).lower()) or
                        fold(u.lead).lower().startswith(key)) for u in out):
                    kept.append(t)
        return kept

    def _refers(self, party: _Party, groups: list, clause: str,
                addressees: list[_Party] | None = None) -> bool:
        """Does a lead point back? "các đơn vị trên" always; a bare "các địa phương" right
        after a task of local governments ("giao UBND huyện, thành phố A …. Yêu cầu các địa
        phương …") means them; "các đơn vị" in a letter with a "Kính gửi:" list means its
        addressees."""
        name = fold(party.name).lower()
        if party.guessed or party.beside:
            return False    # its list names the addressees' other kinds beside it
        if _BACK_REF.match(name):
            return True
        prior = isinstance(addressees, _Prior)
        if prior and name in _PRIOR_REFS:
            return True
        if addressees and not prior and (_ADDRESSED.match(name) or _KIND_REF.match(name) or party.slug is not None and any(
                party.slug == self.matcher.resolve(w) for w in _ADDRESSED_WORDS) and
                re.search(r"(?<!\w)các (?:cơ quan|đơn vị|địa phương)(?!\w)", clause, re.I)):
            return True
        local = name == "cac dia phuong" or party.slug is not None and \
            party.slug == self.matcher.resolve("các địa phương") and \
            re.search(r"(?<!\w)các địa phương(?!\w)", clause, re.IGNORECASE) is not None
        if local and prior and not groups:
            # "… đề nghị UBND các tỉnh A, B, C …" then "Các địa phương được yêu cầu …": them
            return all(_UBND_HEAD.match(q.name) and q.slug != party.slug for q in addressees)
        return local and bool(groups) and all(_UBND_HEAD.match(q.name) and q.slug != party.slug
                                              for q in groups[-1][0].leads)

    def _resolved(self, found: _Assignment, groups: list, before: list[str],
                  clause: str, addressees: list[_Party] | None = None) -> _Assignment:
        """"Huyện ủy chỉ đạo các đơn vị trên …", "Sở này …": the bodies named just before —
        the leads of the task before in the paragraph, else the last bodies the text names
        (two or more for a plural); "đề nghị các đơn vị …" after "Kính gửi: A; B": A and B.
        Unresolved, the reference stays as written."""
        found.leads = self.resolved_leads(found.leads, groups, before, clause, addressees)
        lead_keys = {q.slug or q.name for q in found.leads}
        found.support = [q for q in found.support if (q.slug or q.name) not in lead_keys]
        return found

    def resolved_leads(self, parties: list[_Party], groups: list, before: list[str], clause: str,
                       addressees: list[_Party] | None = None) -> list[_Party]:
        leads: list[_Party] = []
        for p in parties:
            if not self._refers(p, groups, clause, addressees):
                leads.append(p)
                continue
            name = fold(p.name).lower()
            plural = name.startswith(("cac ", "nhung ", "hai ", "ba ")) or p.slug is not None
            head = name.split()[0]
            if addressees and _KIND_REF.match(name):
                # "đề nghị các sở báo cáo" after "gửi các Sở GD&ĐT": the addressees of that kind
                kind = _KIND_REF.match(name).group(1)
                named = [q for q in addressees
                         if re.search(rf"(?:^|\s){kind}\s", fold(q.name).lower())]
            elif addressees and not _BACK_REF.match(name) and not (
                    isinstance(addressees, _Prior) and groups):
                named = list(addressees)    # (the paragraph's own leads come before the last's)
            elif not plural and head in ("so", "ban", "cuc", "huyen", "xa", "dang", "chi"):
                # "Sở này": the last Sở named before it
                at = clause.find(p.name)
                window = " ".join([*before, clause[:max(at, 0)]])[-_BACK_CHARS:]
                named = [q for q in self._all_named(window)
                         if fold(q.name).lower().split()[:1] == [head]][-1:]
            elif groups and (plural or len(groups[-1][0].leads) == 1):
                named = list(groups[-1][0].leads)
            else:   # the clause itself may name them first ("… đối với A, B. … các đơn vị trên")
                at = clause.find(p.name)
                pieces = [*before, clause[max(0, at - _BACK_CHARS):max(at, 0)]]
                named = next((n for n in map(lambda t: self._named_last(t, 2 if plural else 1),
                                             reversed(pieces)) if n), [])
            if not named:
                leads.append(p)
                continue
            leads.extend(dataclasses.replace(q, guessed=True) for q in named)
        return _unique(leads)

    def _named_last(self, text: str, least: int) -> list[_Party]:
        """The last list of at least `least` bodies named in `text` (not references, not the
        generic collectives that could mean anyone)."""
        toks = tokens(text)
        found: list[_Party] = []
        i = 0
        while i < len(toks):
            if not self.parser.agency_start(text, toks, i):
                i += 1
                continue
            end, parties = self.parser.agency_list(text, toks, i)
            parties = [p for p in parties if not _BACK_REF.match(fold(p.name).lower())
                       and not _GENERIC.match(fold(p.name).lower())]
            if len(parties) >= least:
                found = parties
            i = max(end, i + 1)
        return _unique(found)

    def _field_blocks(self, all_blocks: list[_Block]) -> tuple[list[FieldTask], list[_Block]]:
        """"1. Rà soát …" then "- Chủ trì: Sở A", "- Phối hợp: Sở B", "- Thời gian hoàn thành:
        …" (or all of it in one paragraph): the work and its fields, and the blocks left."""
        found: list[FieldTask] = []
        used: set[int] = set()
        for n, block in enumerate(all_blocks):
            if n in used:
                continue
            inline = re.search(r"[(\-–;.]\s*(?:(?:cơ quan|đơn vị)\s+)?chủ trì\s*:", block.text,
                               re.IGNORECASE)
            if inline and not FIELD_LEAD.match(block.text):
                task = field_task(block.text[:inline.start()], block.text[inline.start() + 1:],
                                  block.line)
                if task:
                    found.append(task)
                    used.add(n)
                continue
            if not FIELD_LEAD.match(block.text) or n == 0:
                continue
            work = n - 1
            while work >= max(0, n - 12) and (work in used or FIELD_LEAD.match(
                    all_blocks[work].text)):
                work -= 1       # bounded: a run of "Chủ trì:" lines with no work is no plan
            if work < max(0, n - 12):
                continue
            end = n + 1
            while end < len(all_blocks) and all_blocks[end].level == block.level and \
                    re.match(r"^\W*(?:(?:cơ quan|đơn vị)\s+)?(?:phối hợp|thời gian|thời hạn|"
                             r"tiến độ|sản phẩm|kết quả)", all_blocks[end].text, re.IGNORECASE):
                end += 1
            if work < 0 or all_blocks[work].level > block.level:
                continue
            task = field_task(all_blocks[work].text,
                              "\n".join(b.text for b in all_blocks[n:end]), all_blocks[work].line)
            if task:
                found.append(task)
                used.update({work, *range(n, end)})
        return found, [b for n, b in enumerate(all_blocks) if n not in used]

    def _field_tasks(self, fields: list[FieldTask],
                     reference: dt.date | None) -> list[ExtractedTask]:
        out = []
        for f in fields:
            lead_text = expand(f.lead, self.parser.abbreviations)
            leads = self.parser.agency_list(lead_text, tokens(lead_text), 0, loose=True)[1]
            support_text = expand(f.support, self.parser.abbreviations) if f.support else ""
            support = self.parser.agency_list(support_text, tokens(support_text), 0,
                                              loose=True)[1] if support_text else []
            when = f.deadline
            deadline = best_deadline(when, reference) or (best_deadline(
                f"trong {when}", reference) if re.match(r"(?:tháng|quý|năm)\b", when, re.I)
                else None)
            text = " ".join(x for x in (f.work, f"Chủ trì: {f.lead}.",
                                        f"Phối hợp: {f.support}." if f.support else "",
                                        f"Thời gian: {f.deadline}." if f.deadline else "") if x)
            for lead in _unique(leads):
                out.append(ExtractedTask(
                    lead=lead.name, lead_slug=lead.slug, certain=True, external=lead.external,
                    support=tuple(p.name for p in support),
                    support_slugs=tuple(p.slug for p in support), action=f.work, text=text,
                    deadline=deadline.date if deadline else None,
                    deadline_text=(deadline.text if deadline.text in when else when) if deadline
                    else None, point=None, line=f.line))
        return out

    def _addressed(self, all_blocks: list[_Block]) -> tuple[list[_Party], list[_Block]]:
        """The "Kính gửi:" list of a letter (inline or as dashed items under it), and the
        blocks without it: its bodies are whom "các đơn vị", "các cơ quan" mean later on."""
        for n, block in enumerate(all_blocks[:8]):
            m = _TO.match(block.text)
            if not m:
                continue
            items = [block.text[m.end():]]
            end = n + 1
            while end < len(all_blocks) and all_blocks[end].level > block.level and \
                    len(all_blocks[end].text) < 200:
                items.append(all_blocks[end].text)
                end += 1
            found: list[_Party] = []
            for item in (i for text in items for i in re.split(r"\s*;\s*", text)):
                item = item.strip(" -–+•.;")
                if not item:
                    continue
                toks = tokens(item)
                found.extend(self.parser.agency_list(item, toks, 0, loose=True)[1])
            return _unique(found), all_blocks[:n] + all_blocks[end:]
        return self._sent_to(all_blocks[:12]), all_blocks

    def _sent_to(self, some: list[_Block]) -> list[_Party]:
        """News of a letter names its addressees after "gửi" ("Theo công văn … gửi Trưởng
        phòng GDĐT 24 quận, huyện; Hiệu trưởng các trường THPT; …"): without a "Kính gửi:" list,
        they are whom "các đơn vị" means later. Only a list of two or more."""
        for block in some:
            m = _SENT_TO.search(block.text)
            if not m:
                continue
            found: list[_Party] = []
            for item in block.text[m.end():].split(";"):
                # "… gửi các Sở GD&ĐT về việc báo cáo …": what about is no part of the name
                item = re.split(r"\s+về\s", item)[0].strip(" -–+•.")
                item = re.sub(r"^tất cả\s+(?:các\s+)?", "các ", item)   # "tất cả cơ sở …"
                toks = tokens(item)
                if not toks or not self.parser.agency_start(item, toks, 0):
                    break
                found.extend(self.parser.agency_list(item, toks, 0, loose=True)[1])
            found = [p for p in _unique(found) if not _GENERIC.match(fold(p.name).lower())]
            if len(found) >= 2 or found and fold(found[0].name).lower().startswith("cac "):
                return found    # a list, or one collective ("gửi các Sở GD&ĐT")
        return []

    def _placed_document(self, tasks: list[ExtractedTask], body: str) -> list[ExtractedTask]:
        """A notice about another province ("… làm việc với lãnh đạo tỉnh Hà Tĩnh"): its bare
        "UBND tỉnh", "Sở Y tế" are that province's, outside this archive; when it names this
        province too, whose they are is a guess to confirm."""
        if not self.parser.local_places or not tasks:
            return tasks
        places = set()
        for m in _NAMED_PLACE.finditer(body[:6000]):
            words = tuple(t.word for t in tokens(m.group(1)))
            province = province_at(words)
            if province:
                places.add(" ".join(province))
            elif any(" ".join(words).startswith(lp) for lp in self.parser.local_places):
                places.add(" ".join(words))
        foreign = {p for p in places
                   if not any(p.startswith(lp) for lp in self.parser.local_places)}
        if not foreign:
            return tasks
        local = len(foreign) < len(places)
        out = []
        for t in tasks:
            agency = self.matcher.agencies.get(t.lead_slug) if t.lead_slug else None
            if agency is None or agency.kind not in _PROVINCIAL_KINDS:
                out.append(t)
            elif local:
                out.append(dataclasses.replace(t, certain=False))
            else:
                out.append(dataclasses.replace(t, lead_slug=None, external=True))
        return out

    def _join_lists(self, pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """"Giao các sở, ngành tỉnh; UBND các huyện; các Ban QLDA báo cáo …": a clause that is
        only a list of agencies (after a marker) runs on past its ";"."""
        out: list[tuple[str, str]] = []
        for piece, sep in pieces:
            if out and out[-1][1] == ";" and (self._list_only(out[-1][0]) or
                                              self._sending(out[-1][0], piece)):
                out[-1] = (f"{out[-1][0]} {piece}", sep)
            else:
                out.append((piece, sep))
        return out

    def _sending(self, clause: str, piece: str) -> bool:
        """"Theo công văn … gửi A; B; C, đến ngày … vẫn còn …": a letter's addressees run on
        past ";" while the next piece starts with a body."""
        if not _SENT_TO.search(clause):
            return False
        toks = tokens(piece)
        return bool(toks) and self.parser.agency_start(piece, toks, 0)

    def _list_only(self, clause: str) -> bool:
        """Is the clause only a list of agencies (after a marker)? A list is short."""
        if len(clause) > 400:
            return False
        found = self._lists.get(clause)
        if found is None:
            if len(self._lists) > 4096:     # bounded: one extractor reads a whole archive
                self._lists.clear()
            found = self._lists[clause] = self._read_list_only(clause)
        return found

    def _read_list_only(self, clause: str) -> bool:
        text = clause.rstrip(" ;")
        m = _CONNECTORS.match(text)
        toks = tokens(text)
        k = next((n for n, t in enumerate(toks) if t.start >= (m.end() if m else 0)), len(toks))
        # past "UBND tỉnh giao", "Đề nghị", or the last marker after whoever speaks at the end
        # of a longer clause ("Để …, BTV Tỉnh ủy yêu cầu BTV Thành ủy Huế; các huyện ủy; …")
        start = k
        for n in range(len(toks) - 1, start - 1, -1):
            marker = self._marker_at(toks, n)
            if marker and (n == start or self._after_speaker(text, toks, n)):
                if any(self._marker_at(toks, m) for m in range(start, n)):
                    return False    # "X đề nghị A chỉ đạo B, C": A's work, not a list of B, C
                k = n + len(marker)
                break
        end, parties = self.parser.agency_list(text, toks, k, loose=True)
        return bool(parties) and end >= len(toks)

    def _block_tasks(self, block: _Block, kind: str | None, carried: list[_Party] | None,
                     host: list[_Party], reference: dt.date | None,
                     guessed: bool = False, alone: bool = False,
                     before: str = "", addressees: list[_Party] | None = None,
                     budget: list[int] | None = None) -> list[ExtractedTask]:
        """`alone`: the block is the whole text, so news of a document ("UBND TP vừa có văn
        bản gửi A, B yêu cầu …") is the only report of the order, not a lede over its body.
        `before`: the text read before the block, where a reference back finds its bodies."""
        if _SUMMARY.match(block.text) or _ENFORCEMENT.search(block.text) or \
                "Ảnh" in block.text and _CAPTION.search(block.text[-120:]):
            return []   # "Trên đây là Kế hoạch …", "… chịu trách nhiệm thi hành Quyết định này"
        groups: list[list] = []      # [assignment, [clauses]]
        current = None
        pending: list[str] = []      # clauses with no lead yet: "… Giao Sở A chủ trì." ends them
        in_lede = False
        said: list[str] = []         # the block's clauses so far
        budget = budget if budget is not None else [_LOOKS_BACK]
        answerable: set[int] = set()  # groups opened by an accountability clause
        for clause, sep in self._join_lists(_sentences(block.text)):
            said.append(clause)
            plain = clause.rstrip(" ./;")
            if in_lede or not plain or _CLOSING.search(clause) or _LEDE.search(plain) and \
                    not alone:
                in_lede = sep == ";" and (in_lede or bool(_LEDE.search(plain)))
                current = None
                continue
            found = self.assignment(plain)
            head = _TOPIC_FRONT.sub("", _CONNECTORS.sub("", plain))
            if found is not None and _ACCOUNTABLE.match(found.action):
                # "Thủ trưởng … chịu trách nhiệm trước …": who answers, no work; a clause after
                # it ("…; thực hiện chế độ báo cáo …") is still that subject's task
                found.action = ""
                current = [found, [clause]]
                answerable.add(id(current))
                groups.append(current)
                continue
            if found is not None and budget[0] > 0 and any(
                    self._refers(p, groups, plain, addressees) for p in found.leads):
                budget[0] -= 1      # bounded per body: each look back reads up to a page
                # bounded: the last few clauses (a hostile body may repeat a reference)
                found = self._resolved(found, groups, [before, *said[-4:-1]], plain, addressees)
            if found is not None and _reported(plain, found):
                current = None
                continue
            if found is not None and _is_past(plain, found):
                current = None
                continue
            if found is not None and _weak_action(found.action) and pending:
                # Plans write the work first and its owner last: "Hoàn thành …. Giao Sở A."
                found.action = " ".join(pending)
                current = [found, [*pending, clause]]
                groups.append(current)
                pending = []
                continue
            if found is not None and found.action:
                if kind == "past" and not _STRONG_FUTURE.search(plain) and not \
                        _EXPLICIT_START.match(plain):
                    current = None
                    continue
                if current is not None and _keys(current[0].leads) == _keys(found.leads):
                    current[1].append(clause)     # the same lead again: the same task goes on
                    continue
                current = [found, [clause]]
                groups.append(current)
                continue
            if _NOT_TASK_START.match(head):
                continue
            if current is not None:
                current[1].append(clause)
                continue
            if kind == "past" or not _imperative(head) or _PAST.search(
                    " ".join(_QUOTED.sub("", head).split()[:5])):
                if kind != "past":
                    pending.append(clause)
                continue
            leads = carried or (host if kind in ("directive", None) else None)
            if not leads:
                pending.append(clause)
                continue
            # "Căn cứ chức năng, nhiệm vụ được giao nắm chắc …; tổ chức …": the clauses before
            # the verb belong to the same point
            current = [_Assignment(list(leads), [], " ".join([*pending, head]), False),
                       [*pending, clause]]
            pending = []
            groups.append(current)
        tasks = []
        for n, group in enumerate(groups):
            assignment, clauses = group
            if len(clauses) == 1 and _ANNOUNCES.search(clauses[0]) and n + 1 < len(groups):
                continue    # "… yêu cầu A, B thực hiện các nội dung sau:" then points with leads
            if id(group) in answerable:
                work = next((n for n, c in enumerate(clauses) if n and
                             _imperative(_CONNECTORS.sub("", c))), None)
                if work is None:     # "…; bỏ sót sai phạm": still what they answer for
                    continue
                clauses = clauses[work:]
                assignment.action = clauses[0].strip(" ;.")
            text = " ".join(clauses)
            action = " ".join([assignment.action, *clauses[1:]]).strip()
            # a date written in the work itself is its deadline; one in the sentence's opening
            # ("tại buổi giao ban … các tháng cuối năm 2014, … đã chỉ đạo …") dates the meeting
            own = best_deadline(action, reference)
            deadline = own if own and own.date else best_deadline(text, reference)
            for lead in assignment.leads:
                tasks.append(ExtractedTask(
                    lead=lead.name, lead_slug=lead.slug,
                    certain=(not guessed or assignment.explicit) and not lead.guessed,
                    external=lead.external,
                    support=tuple(p.name for p in assignment.support),
                    support_slugs=tuple(p.slug for p in assignment.support),
                    action=action, text=text,
                    deadline=deadline.date if deadline else None,
                    deadline_text=deadline.text if deadline else None,
                    point=block.point, line=block.line))
            tasks.extend(self._purpose_tasks(text, assignment, block, reference))
            tasks.extend(self._owned_parts(text, assignment, block, reference))
        return tasks

    def _purpose_tasks(self, text: str, assignment: _Assignment, block: _Block,
                       reference: dt.date | None) -> list[ExtractedTask]:
        """"… gửi hồ sơ về Sở Tài chính trước ngày 15/9 để Sở tổng hợp trình UBND tỉnh trước
        ngày 30/9": the body in a purpose clause has work of its own, by its own date. A bare
        "Sở" means the last body of that kind named before it (a guess to confirm)."""
        out = []
        for m in itertools.islice(_PURPOSE.finditer(text), 8):   # bounded per task
            rest = text[m.end():m.end() + _HEAD_CHARS]     # bounded: a name is near
            toks = tokens(rest)
            end, parties = self.parser.agency_list(rest, toks, 0)
            guessed = False
            if not parties or not end < len(toks):
                bare = re.match(rf"({_PURPOSE_HEADS})(?:\s+này)?\s+", rest)
                if not bare:
                    continue
                head = fold(bare.group(1)).lower()
                window = text[max(0, m.start() - _BACK_CHARS):m.start()]
                earlier = [q for q in self._all_named(window)
                           if fold(q.name).lower().startswith(head + " ")][-1:]
                if not earlier:
                    continue
                parties, guessed = earlier, True
                toks = tokens(rest[bare.end():])
                rest, end = rest[bare.end():], 0
            if end >= len(toks):
                continue
            low = canonical(rest[toks[end].start:toks[end].end])
            nxt = canonical(rest[toks[end + 1].start:toks[end + 1].end]) if end + 1 < len(toks) \
                else ""
            if not (_verb(low, nxt) or (low, nxt) in _STOP_PAIRS) or (low, nxt) in _DECIDES:
                continue    # "để UBND tỉnh xem xét, quyết định": the issuer decides, no task
            action = re.split(r"[;.]\s", rest[toks[end].start:])[0].strip(" .;")
            deadline = best_deadline(action, reference)
            for lead in parties:
                if any((lead.slug or lead.name) == (q.slug or q.name) for q in assignment.leads) \
                        or lead.slug and self.matcher.agencies[lead.slug].kind in _SPEAKING_KINDS \
                        or _CENTRAL.match(lead.name):
                    continue
                out.append(ExtractedTask(
                    lead=lead.name, lead_slug=lead.slug, certain=not guessed,
                    external=lead.external, support=(), support_slugs=(), action=action,
                    text=text, deadline=deadline.date if deadline else None,
                    deadline_text=deadline.text if deadline else None,
                    point=block.point, line=block.line))
        return out

    def _owned_parts(self, text: str, assignment: _Assignment, block: _Block,
                     reference: dt.date | None) -> list[ExtractedTask]:
        """"… các đề án nhánh, bao gồm: Kinh tế đô thị do Sở KH-ĐT chủ trì, Văn hóa đô thị do
        Sở VH-TT chủ trì, …": a part of the work named first and its owner after "do"."""
        out = []
        deadline = None
        for m in itertools.islice(_OWNED.finditer(text), 12):     # bounded per task
            owner = m.group("owner")
            toks = tokens(owner)
            end, parties = self.parser.agency_list(owner, toks, 0, lower=True)
            if not parties or end < len(toks):
                continue
            work = m.group("work").strip()
            deadline = deadline or best_deadline(text, reference)    # the sentence's, as its lead's
            for lead in parties:
                if any((lead.slug or lead.name) == (q.slug or q.name) for q in assignment.leads):
                    continue
                out.append(ExtractedTask(
                    lead=lead.name, lead_slug=lead.slug, certain=True,
                    external=lead.external, support=(), support_slugs=(), action=work,
                    text=text, deadline=deadline.date if deadline else None,
                    deadline_text=deadline.text if deadline else None,
                    point=block.point, line=block.line))
        return out

    def _all_named(self, text: str) -> list[_Party]:
        """Every body the text names, in order."""
        toks = tokens(text)
        found: list[_Party] = []
        i = 0
        while i < len(toks):
            if self.parser.agency_start(text, toks, i):
                end, parties = self.parser.agency_list(text, toks, i)
                found.extend(parties)
                i = max(end, i + 1)
            else:
                i += 1
        return found


# A timeline written as lines: "Ngày 8/7-17/7/2017: Các trường THPT nhận đơn phúc khảo …",
# "Trước ngày 20/5: …", "… ngày 25/5/2017 là hạn cuối các trường THPT hoàn thành …"
_DAY_SPEC = r"\d{1,2}(?:[/.]\d{1,2})?(?:\s*(?:-|–|đến)\s*\d{1,2}(?:[/.]\d{1,2})?)?(?:[/.]\d{4})?"
_SCHEDULE = re.compile(rf"^\W*(?:(?:từ|trước|đến|chậm nhất|hạn chót|hạn cuối)\s+)?ngày\s+"
                       rf"({_DAY_SPEC})\s*(?:\([^)]{{0,20}}\)\s*)?[:–]\s*"
                       r"(?:(?:là\s+)?(?:thời\s+)?hạn (?:cuối|chót)\s+(?:để\s+|cho\s+)?)?",
                       re.IGNORECASE)
_LAST_DAY = re.compile(rf"(?:^|,\s*)ngày\s+({_DAY_SPEC})\s+là\s+(?:thời\s+)?hạn (?:cuối|chót)"
                       r"\s+(?:để\s+|cho\s+)?", re.IGNORECASE)
_SPEC_END = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?\s*$")


# A news item's dateline, "(NLĐO) - ", after a headline run into the same paragraph
_DATELINE = re.compile(r"\s\([A-ZĐ][^()\n]{1,18}\)\s*[-–—]\s*")


def _after_headline(block: _Block) -> _Block:
    """"Sẵn sàng phương án … nCoV (NLĐO) - Thủ tướng yêu cầu …": the headline before the
    dateline is no sentence of the item."""
    m = _DATELINE.search(block.text[:400])
    if not m or re.search(r"[.!?;:]\s*$", block.text[:m.start()]):
        return block
    return dataclasses.replace(block, text=block.text[m.start() + 1:])


def _schedule_entry(text: str) -> tuple[str, str] | None:
    """A timeline's line: its text after the date (a window ends on its last day) and that
    day, written d/m[/y]; None when the line is no such entry."""
    m = _SCHEDULE.match(text) or _LAST_DAY.search(text[:160])
    if not m:
        return None
    end = _SPEC_END.search(m.group(1))
    rest = text[m.end():].strip()
    if not end or not rest or not rest[0].isalpha():
        return None
    day = f"{end.group(1)}/{end.group(2)}" + (f"/{end.group(3)}" if end.group(3) else "")
    if not end.group(3):
        year = re.search(r"[/.](\d{4})\s*$", m.group(1))
        day += f"/{year.group(1)}" if year else ""
    return rest[0].upper() + rest[1:], day


# A part of the work, then its owner: "…, bao gồm: Kinh tế đô thị do Sở KH-ĐT chủ trì, …"
_OWNED = re.compile(r"(?:[:,;]|\bgồm)\s*(?P<work>[^,;:.()]{3,80}?)\s+do\s+"
                    r"(?P<owner>[^,;:.()]{3,80}?)\s+(?:chủ trì|thực hiện|đảm nhiệm|phụ trách)"
                    r"(?=\s*(?:[,;.]|và\s|$))")
_SUMMARY = re.compile(r"^\W*trên đây là", re.IGNORECASE)
_TO = re.compile(r"^\W*kính gửi\s*:?\s*", re.IGNORECASE)
_TOPIC = re.compile(r"\W*(?:việc|nhiệm vụ|công tác|nội dung)\s", re.IGNORECASE)
# A purpose clause whose subject is a body: "… để Sở tổng hợp, trình UBND tỉnh …".
_PURPOSE_HEADS = (r"Sở|Ban|Phòng|Cục|Chi cục|UBND|Ủy ban|Uỷ ban|Công an|Văn phòng|Trung tâm|"
                  r"Thanh tra")
_COMMANDING = {tuple(canonical(w) for w in p.split()) for p in (
    "chủ động", "khẩn trương", "tiếp tục", "kiên quyết", "tập trung", "nghiêm túc", "quyết liệt",
    "khẩn cấp", "nhanh chóng")}
_DECIDES = {tuple(canonical(w) for w in p.split()) for p in (
    "xem xét", "quyết định", "phê duyệt", "chỉ đạo", "cho ý", "có cơ", "nắm bắt", "theo dõi")}
_PURPOSE = re.compile(rf"(?<!\w)để\s+(?=(?:{_PURPOSE_HEADS}|Bộ)\b)")
# Whom a letter's "các đơn vị" means when it has a "Kính gửi:" list (folded).
_ADDRESSED = re.compile(r"^(?:cac|quy) (?:co quan|don vi|dia phuong|co quan, don vi|"
                        r"don vi, dia phuong|co quan, don vi, dia phuong|co quan, dia phuong)$")
# "các sở", "các bộ" bare, in a letter to departments or ministries: its addressees of that kind
_KIND_REF = re.compile(r"^cac (so|bo)$")
_ADDRESSED_WORDS = ("các đơn vị", "các cơ quan", "các địa phương", "các cơ quan, đơn vị")
# A letter's addressees in news of it: "Theo công văn Sở … gửi A; B; …" (also "gửi đến")
_SENT_TO = re.compile(r"(?<!\w)(?:công văn|văn bản|công điện|thông báo|hướng dẫn)(?!\w)"
                      r"(?:[^.;:]|(?<=TP)\.|(?<=Tp)\.|(?<=TX)\.){0,120}?(?<!\w)"
                      r"(?:gửi\s+(?:đến\s+|tới\s+|cho\s+)?|(?<=\s)(?:đến|tới)\s+(?=tất cả\s))",
                      re.IGNORECASE)
# A document issued, then its order after a comma: "… (tiếp tục) ban hành công văn 2326, chỉ đạo
# A, B …" (the marker speaks for the issuer).
_DOCUMENT = r"(?:văn bản|công văn|công điện|chỉ thị|kế hoạch|quyết định|thông báo|hướng dẫn)"
_ISSUED = re.compile(rf"(?:ban hành|ký|gửi|có)\s+(?:các\s+)?{_DOCUMENT}\b[^,;]{{0,60}},?\s*$")
# "Bộ Y tế ra công văn …", "Sở A vừa ban hành kế hoạch …": news of an issue; "Sở A ban hành kế
# hoạch …" with no such word is an order to issue one, and stays a task
_ISSUES_ONLY = re.compile(rf"^(?:(?:(?:đã|vừa|mới)\s+)+(?:ra|ban hành|ký(?: ban hành)?|phát hành)|"
                          rf"ra)\s+(?:các\s+)?{_DOCUMENT}\b", re.IGNORECASE)
_ISSUES = re.compile(rf"(?:(?:đã|vừa|cũng|tiếp tục|mới|còn)\s+)*(?:ký ban hành|ban hành|ký|có)\s+(?:các\s+)?"
                     rf"{_DOCUMENT}\b[^,;]{{0,60}}?,?\s*(?:chỉ đạo|yêu cầu|đề nghị|giao)\b",
                     re.IGNORECASE)
# A lead that points back at bodies named before it (folded): "các đơn vị trên", "Sở này",
# "các địa phương nêu trên"; "các đơn vị trên địa bàn" is not one (the name ends there).
_BACK_REF = re.compile(r"^(?:cac |nhung |hai |ba )?(?:don vi|co quan|dia phuong|dang bo|chi bo|"
                       r"so|ban|nganh|huyen|xa|to chuc|cap uy|tap the|doanh nghiep|"
                       r"don vi, dia phuong|co quan, don vi|so, nganh)"
                       r"(?: (?:neu|noi|ke))? (?:tren|nay|do)$")
# A news photo's caption ends with its credit ("… người tiêu dùng. Ảnh: An Thu"): it
# describes the picture, it orders nothing.
_CAPTION = re.compile(r"(?:^|[.!?…]\s*|\s)\(?(?:Ảnh|Nguồn ảnh)(?:\s*:\s*[^.:;!?()]{1,60}|"
                      r"\s+minh\s+h(?:ọa|oạ))\)?\.?\s*$")
_BACK_CHARS = 1500
_LOOKS_BACK = 64        # references resolved per body; a real notice has a handful
# Collectives that name no one in particular, never what a reference points back to.
_GENERIC = re.compile(r"^(?:cac|nhung) (?:co quan|don vi|dia phuong|cap)$")
# "Thủ trưởng cơ quan, đơn vị chịu trách nhiệm đối với …", "… chịu trách nhiệm trước pháp
# luật": who answers for something, not work to do ("chịu trách nhiệm rà soát …" is work).
_ACCOUNTABLE = re.compile(r"^(?:phải |hoàn toàn )?chịu (?:hoàn toàn )?trách nhiệm(?: hoàn toàn| toàn diện)?"
                          r"(?: cá nhân)? (?:trước|đối với|về|nếu|khi|toàn bộ|hoàn toàn)\b",
                          re.IGNORECASE)
_ENFORCEMENT = re.compile(r"chịu trách nhiệm thi hành|căn cứ quyết định thi hành|"
                          r"thi hành (?:quyết định|chỉ thị) này", re.IGNORECASE)
# "Thủ tướng vừa ký Công điện … yêu cầu …": the news of a document, its body gives the tasks.
# A dated sentence that carries a document's order ("Ngày 20/10, UBND tỉnh có văn bản số 13080
# yêu cầu …", "…, đã ký ban hành văn bản số 2508, chỉ đạo …") and the date that opens it
_DATED_ORDER = re.compile(r"(?<!\w)(?:có|ký|ban hành|ký ban hành|gửi)\s+(?:các\s+)?(?:văn bản|"
                          r"công văn|công điện|chỉ thị|thông báo)\b[^.;]{0,80}?(?<!\w)(?:yêu cầu|"
                          r"đề nghị|chỉ đạo|giao)(?!\w)", re.IGNORECASE)
_DATED_LEAD = re.compile(r"^\W*ngày\s+[\d/.-]+(?:\s*(?:năm\s+)?\d{4})?\s*,\s*", re.IGNORECASE)
_LEDE = re.compile(r"(?<!\w)(?:vừa|đã) (?:ký|ban hành|có)(?: ban hành)? (?:các )?(?:văn bản|công văn|"
                   r"công điện|chỉ thị|quyết định|kế hoạch|thông báo)", re.IGNORECASE)
# A paragraph that goes on with the leads of the one before: "Đồng thời, …", "Bên cạnh đó, …".
_DEADLINE_ONLY = re.compile(r"^\W*(?:thời gian hoàn thành|thời hạn|báo cáo[^.]{0,260}gửi về|"
                            r"hoàn thành trước|chậm nhất|"
                            # "Thời gian các trường nhận hồ sơ … từ ngày 26 đến ngày 28.6-2017."
                            r"thời gian (?!qua\b)[^.;]{0,120}?(?:từ ngày|trước ngày|chậm nhất))",
                            re.IGNORECASE)
# A term stated on its own before the order ("Thời hạn nộp báo cáo: Trước ngày …"), and the
# reports it can date
_TERM_FIRST = re.compile(r"^\W*(?:thời hạn|hạn) (?:nộp|gửi) báo cáo\b", re.IGNORECASE)
_REPORTS = re.compile(r"(?<!\w)báo cáo(?!\w)", re.IGNORECASE)
# A follow-on paragraph that names its topic first: "Đối với công tác phổ cập, cần báo cáo …",
# "Công tác thi, báo cáo về …", "Về việc tuyển sinh, …"
# "Riêng đối với các tỉnh, thành phố: A, B, C, … đề nghị UBND cấp tỉnh …": places first
_PLACES_TOPIC = re.compile(r"^\W*(?:riêng\s+)?(?:đối với|với)\s+các\s+(?:tỉnh|thành phố|địa phương)"
                           r"(?:\s*(?:,|/|và)\s*(?:thành phố|TP))?\s*:?\s*(?=[A-ZĐ])",
                           re.IGNORECASE)
_TOPIC_MARKER = re.compile(r"(?<!\w)(?:đề nghị|yêu cầu|giao)(?!\w)", re.IGNORECASE)
# The provinces' body meant by level, after such a list (folded)
_LEVEL_BODY = re.compile(r"^(?:ubnd|uy ban nhan dan) (?:cap tinh|cac tinh|tinh)\b")
# A body's initials written alone: "VEC", "EVN", "ACV" (no diacritics, 2 to 6 capitals)
_INITIALS = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_TOPIC_FRONT = re.compile(r"^\W*(?:(?:đối với|về|riêng)\s+)?(?:công tác|việc|lĩnh vực|nội dung)\s"
                          r"[^,;.:]{1,80},\s*", re.IGNORECASE)
_GOES_ON = re.compile(r"^\W*(?:đồng thời|bên cạnh đó|cùng với đó|cùng đó|ngoài ra)\s*,",
                      re.IGNORECASE)
_STRONG_FUTURE = re.compile(r"(?<!\w)(?:tiếp tục|khẩn trương|cần|phải|sẽ|chậm nhất|trước ngày)"
                            r"(?!\w)", re.IGNORECASE)
_EXPLICIT_START = re.compile(r"^\W*(?:giao|đề nghị|yêu cầu|kiến nghị)(?!\w)", re.IGNORECASE)
_WEAK_ACTION = re.compile(r"^(?:(?:chủ trì|thực hiện|triển khai|theo dõi|phụ trách)\b[,\s]*)*"
                          r"(?:theo (?:chức năng|thẩm quyền)[^.]*)?$", re.IGNORECASE)


def _without_headline(tasks: list[ExtractedTask], all_blocks: list[_Block]) -> list[ExtractedTask]:
    """"Chủ tịch UBND tỉnh yêu cầu Sở Công Thương … triển khai …" opening a letter whose body then
    gives Sở Công Thương its task: the first paragraph summarises, it is not a second task."""
    if not tasks or not all_blocks or tasks[0].line != all_blocks[0].line:
        return tasks
    first = [t for t in tasks if t.line == all_blocks[0].line]
    later = [t for t in tasks if t.line != all_blocks[0].line]
    for t in first:
        cited = set(_CITED.findall(t.text))
        if cited and any((u.lead_slug or u.lead) == (t.lead_slug or t.lead) and
                         cited & set(_CITED.findall(u.text)) for u in later):
            return later    # the same lead, the same document cited: the headline again
        # a short lede that the body then says again at length: the same lead, most of its words
        words = set(fold(t.text).lower().split()[:14])
        if len(t.text) <= 260 and len(words) >= 6 and any(
                (u.lead_slug or u.lead) == (t.lead_slug or t.lead) and
                len(words & set(fold(u.text).lower().split())) >= 0.7 * len(words)
                for u in later):
            return later
    return tasks


_CITED = re.compile(r"\d+/\d{4}/[\wĐđ-]+|\d+/[A-ZĐ][\wĐđ-]+")


def _title_line(block: _Block) -> bool:
    """"Các cấp ủy trực thuộc Tỉnh ủy tích cực chuẩn bị Đại hội": a headline, one short line with
    no closing stop, above a body that has sentences of its own."""
    text = block.text.strip()
    return block.point is None and "\n" not in text and len(text.split()) <= 25 and \
        not text.endswith((".", ";", ":", "!", "?", "…")) and not _EXPLICIT_START.match(text) and \
        not block.heading and not _short_title(text)    # "Đối với Sở Y tế" heads its points


def _generic_lead(name: str) -> bool:
    """"các đơn vị", "những cơ quan", "đơn vị …": a collective a qualifier may narrow."""
    first = fold(name).lower().split()[:1]
    return not name[:1].isupper() or first in (["cac"], ["nhung"])


def _weak_action(action: str) -> bool:
    """"chủ trì", "theo chức năng, nhiệm vụ": the work was written before the owner."""
    return bool(_WEAK_ACTION.match(action.strip(" .;,")))


def _strip_heading_words(text: str) -> str:
    return re.sub(r"^(?:về|đối với|nhiệm vụ (?:của|giao)|phần việc của|về phía)\s+", "",
                  text.strip().rstrip(":").strip(), flags=re.IGNORECASE)


def _short_title(text: str) -> bool:
    """"1. Về công tác an toàn giao thông" or "Đối với Sở Y tế": a title, not a sentence."""
    words = text.split()
    return len(words) <= 14 and not text.rstrip().endswith((".", ";")) and bool(
        re.match(r"^(?:về|đối với|nhiệm vụ|phương hướng|kết quả|đánh giá|một số|những)\b",
                 text, re.IGNORECASE))


def _section_kind(text: str) -> str | None:
    if _DIRECTIVE_SECTION.search(text):
        return "directive"
    if _PAST_SECTION.search(text):
        return "past"
    return None


def _explicit_marker(text: str) -> bool:
    return bool(re.search(r"(?<!\w)(?:giao|đề nghị|yêu cầu|kiến nghị|chỉ đạo)(?!\w)", text,
                          re.IGNORECASE))


_PAST_TIME = re.compile(r"^(?:trong |thời gian )?(?:(?:những |các )?(?:thời gian|năm|tháng|"
                        r"ngày|tuần|quý|đợt) (?:qua|vừa qua|gần đây)|vừa qua)\s*,?\s*",
                        re.IGNORECASE)


def _is_past(clause: str, found: _Assignment) -> bool:
    """"UBND huyện đã tổ chức …": a subject followed closely by "đã" reports a result."""
    # (a time in the past may come first: "Sở Y tế thời gian qua đã tổ chức …")
    words = _PAST_TIME.sub("", found.action).split()[:3]
    if any(canonical(w) in ("đã", "vừa") for w in words):
        return True
    head = clause[:max(0, len(clause) - len(found.action))]
    return bool(re.search(r"(?<!\w)(?:đã|vừa)\s*$", head.strip(), re.IGNORECASE))


# Results counted ("120 cuộc kiểm tra", "15 vi phạm", "85%"), praise and a report's contents
# are what a body did or said, not work given to it.
_STATS = re.compile(r"(?<![\w/])\d[\d.,]*\s*(?:%|cuộc|vụ|trường hợp|lượt|ca|người|hộ|đối tượng|"
                    r"cơ sở|vi phạm|tỷ|triệu|km|ha|tấn|doanh nghiệp|phương tiện)(?!\w)",
                    re.IGNORECASE)
_PRAISE_OR_REPORT = re.compile(r"^(?:đánh giá cao|hoan nghênh|cảm ơn|chúc mừng|trân trọng|cho rằng|"
                               r"báo cáo\s*:|báo cáo cho biết|cho biết)", re.IGNORECASE)


def _reported(clause: str, found: _Assignment) -> bool:
    """"Sở Y tế tổ chức 120 cuộc kiểm tra trong năm 2023, phát hiện 15 vi phạm", "Chủ tịch
    UBND tỉnh đánh giá cao …", "Sở Y tế báo cáo: …": a result, praise or a report, unless
    the clause orders or looks ahead ("Giao …", "tiếp tục", "phải", a deadline)."""
    if _PRAISE_OR_REPORT.match(found.action) and not _EXPLICIT_START.match(clause):
        return True
    if _EARLIER.match(clause):
        return True     # "Trước đó, ngày 11.12, Sở A có công văn đề nghị …": background news
    if re.match(r"^[^:.;]{3,100}:\s", clause) and _imperative(clause.split(":", 1)[1]):
        return False    # "Hạt Kiểm lâm huyện: Chủ trì … 25,48ha … 171,32ha": a point's order
    # two counts or more: a statistics sentence; one count is often the work itself ("đối
    # thoại với 19 hộ")
    return len(_STATS.findall(found.action)) >= 2 and not _explicit_marker(clause) and \
        not _STRONG_FUTURE.search(clause)


def _verb(word: str, nxt: str) -> bool:
    """Does a lower-case word (and the next) start a command?"""
    if word not in _IMPERATIVE:
        return False
    pairs = _IMPERATIVE_PAIRS.get(word)
    return pairs is None or nxt in pairs


# A frequency before the verb, with or without a comma or diacritics: "Định kỳ hằng tháng báo
# cáo …", "Hàng quý, tổng hợp …", "6 tháng một lần rà soát …" (folded, lower case).
_FREQUENCY = re.compile(r"^\W*(?:dinh ky\s+)?(?:(?:(?:hang|moi)\s+(?:ngay|tuan|thang|quy|nam|"
                        r"\d+\s+thang)|\d+\s+thang\s+(?:mot|1)\s+lan)(?:\s*,)?\s+)")
_FREQUENCY_HEAD = re.compile(r"^\W*dinh ky\s+")


def _imperative(text: str) -> bool:
    folded = fold(text[:60]).lower()
    m = _FREQUENCY.match(folded) or _FREQUENCY_HEAD.match(folded)
    if m:
        text = " ".join(text.split()[len(folded[:m.end()].split()):])
    words = [canonical(w.strip(",.:;\"“”()")) for w in text.split()[:3]]
    if not words or not words[0]:
        return False
    if tuple(words[:2]) in _NOT_IMPERATIVE or tuple(words[:3]) in _NOT_IMPERATIVE:
        return False
    if words[0] not in _IMPERATIVE:
        return False
    pairs = _IMPERATIVE_PAIRS.get(words[0])
    return pairs is None or (len(words) > 1 and words[1] in pairs)
