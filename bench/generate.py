"""Generate a deterministic synthetic archive of N notices in the project's format.

    python bench/generate.py 10000 /tmp/archive

writes /tmp/archive/{mkdocs.yml,theme/,notices/} — a complete project that `notice-archive
build` and `check` run on. The notices look like the genre: a meeting paragraph, sections
I/II/III with numbered conclusions, assignments, references to earlier notices by number,
topics from the sample vocabulary, old and new tone-mark placement, ~400–1,500 words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

ISSUERS = [
    ("VPUBND", "Văn phòng UBND tỉnh Hậu Giang"),
    ("UBND", "Ủy ban nhân dân tỉnh Hậu Giang"),
    ("CAT", "Công an tỉnh Hậu Giang"),
    ("SGTVT", "Sở Giao thông vận tải tỉnh Hậu Giang"),
    ("STTTT", "Sở Thông tin và Truyền thông tỉnh Hậu Giang"),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hậu Giang"),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đinh", "Trương"]
MIDDLE = ["Văn", "Thị", "Hoàng", "Minh", "Quốc", "Thanh", "Ngọc", "Hữu", "Đức", "Kim"]
GIVEN = ["Hòa", "Thủy", "Đông", "Hạnh", "Tuấn", "Phương", "Dũng", "Lan", "Khoa", "Hùng",
         "Nghĩa", "Thảo", "Định", "Phúc", "Quân", "Trí", "Uyên", "Đạt", "Hoà", "Thuỷ"]
CHAIR_TITLES = ["Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Thường trực UBND tỉnh"]
SIGNERS = [("Chánh Văn phòng", None), ("Phó Chánh Văn phòng", "KT. Chánh Văn phòng"),
           ("Phó Chủ tịch", "KT. Chủ tịch"), ("Chủ tịch", "TM. Ủy ban nhân dân"),
           ("Phó Giám đốc", "KT. Giám đốc")]
LOCATIONS = ["Hội trường UBND tỉnh", "Hội trường Công an tỉnh", "Phòng họp số 1, UBND tỉnh",
             "Trung tâm Hội nghị tỉnh", "Hội trường Sở Giao thông vận tải"]
AGENCIES = ["Công an tỉnh", "Sở Giao thông vận tải", "Sở Thông tin và Truyền thông",
            "Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Y tế",
            "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội",
            "Bộ Chỉ huy Quân sự tỉnh", "UBND thành phố Vị Thanh", "UBND thị xã Long Mỹ",
            "UBND huyện Châu Thành A", "UBND huyện Phụng Hiệp", "Đài Phát thanh và Truyền hình"]
TOPIC_PHRASES = {
    "de-an-06": ["triển khai Đề án 06 của Chính phủ", "làm sạch dữ liệu dân cư",
                 "kích hoạt tài khoản định danh điện tử mức độ 2"],
    "an-toan-giao-thong": ["bảo đảm trật tự, an toàn giao thông", "kéo giảm tai nạn giao thông",
                           "xử lý vi phạm nồng độ cồn"],
    "phong-chay-chua-chay": ["công tác phòng cháy, chữa cháy", "kiểm tra an toàn PCCC",
                             "cứu nạn, cứu hộ tại khu công nghiệp"],
    "luc-luong-bao-ve-an-ninh-trat-tu-co-so": [
        "lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "kiện toàn tổ bảo vệ an ninh, trật tự"],
    "chuyen-doi-so": ["chuyển đổi số", "số hoá hồ sơ thủ tục hành chính"],
    "cai-cach-hanh-chinh": ["cải cách hành chính", "dịch vụ công trực tuyến toàn trình"],
    "phong-chong-thien-tai": ["phòng, chống thiên tai", "sạt lở bờ sông, kênh rạch"],
    "boi-thuong-tai-dinh-cu": ["bồi thường, hỗ trợ, tái định cư", "giải phóng mặt bằng"],
}
OPENERS = [
    "Tiếp tục quán triệt, triển khai thực hiện nghiêm túc", "Tăng cường công tác phối hợp trong",
    "Rà soát, đánh giá kết quả", "Chủ động tham mưu Uỷ ban nhân dân tỉnh về",
    "Khẩn trương hoàn thành các chỉ tiêu về", "Đẩy mạnh tuyên truyền, nâng cao nhận thức về",
]
CLAUSES = [
    "bảo đảm đúng tiến độ, chất lượng và hiệu quả", "báo cáo kết quả về UBND tỉnh trước ngày {d}",
    "không để phát sinh điểm nóng, phức tạp", "gắn trách nhiệm người đứng đầu cơ quan, đơn vị",
    "kịp thời tháo gỡ khó khăn, vướng mắc phát sinh", "huy động sức mạnh tổng hợp của hệ thống chính trị",
    "thực hiện tốt công tác kiểm tra, giám sát", "bố trí kinh phí theo quy định hiện hành",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _sentence(rng: random.Random, topics: list[str], date: dt.date) -> str:
    topic = rng.choice(topics)
    phrase = rng.choice(TOPIC_PHRASES.get(topic, ["nhiệm vụ được giao"]))
    clauses = rng.sample(CLAUSES, k=rng.randint(1, 3))
    deadline = date + dt.timedelta(days=rng.randint(10, 120))
    text = f"{rng.choice(OPENERS)} {phrase}; " + "; ".join(clauses) + "."
    return text.replace("{d}", f"{deadline.day:02d}/{deadline.month:02d}/{deadline.year}")


def _body(rng: random.Random, meta: dict, date: dt.date, earlier: list[str]) -> str:
    m = meta["meeting"]
    parts = [f"Ngày {m['date'].day:02d} tháng {m['date'].month} năm {m['date'].year}, tại "
             f"{m['location']}, đồng chí {m['chair']}, {m['chair_title']} chủ trì cuộc họp. "
             f"Cùng dự có lãnh đạo: {', '.join(rng.sample(AGENCIES, 4))}.",
             f"Sau khi nghe báo cáo và ý kiến của các đại biểu, {m['chair_title']} kết luận như sau:"]
    if earlier and rng.random() < 0.5:
        parts.append(f"Tiếp theo Thông báo số {rng.choice(earlier)} của Văn phòng UBND tỉnh, "
                     f"tình hình triển khai đã có chuyển biến tích cực.")
    for roman, heading in (("I", "Đánh giá chung"), ("II", "Hạn chế, tồn tại"),
                           ("III", "Nhiệm vụ thời gian tới")):
        parts.append(f"## {roman}. {heading}")
        for i in range(1, rng.randint(3, 7)):
            agency = rng.choice(AGENCIES)
            sentences = " ".join(_sentence(rng, meta["topics"], date)
                                 for _ in range(rng.randint(2, 5)))
            parts.append(f"{i}. **{agency}**: {sentences}")
    parts.append("Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    return "\n\n".join(parts) + "\n"


# Real and realistic notices hidden among the synthetic ones (--with-real): the sample archive,
# bench/more-notices and bench/staff-notices (targets of tests/search_staff.json).
REAL_FOLDERS = (ROOT / "notices", ROOT / "bench" / "more-notices", ROOT / "bench" / "staff-notices")


def generate(n: int, dest: Path, seed: int = 6, with_real: bool = False) -> Path:
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    # Written beside, then renamed: an interrupted run never leaves a partial archive that the
    # benchmarks (which reuse dest/notices when it exists) would then measure.
    notices = dest / "notices.partial"
    if notices.exists():
        shutil.rmtree(notices)
    notices.mkdir()
    shutil.copy(ROOT / "notices" / "topics.yml", notices / "topics.yml")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if (dest / "theme").exists():
        shutil.rmtree(dest / "theme")
    shutil.copytree(ROOT / "theme", dest / "theme")
    all_topics = list(yaml.safe_load((notices / "topics.yml").read_text(encoding="utf-8")))
    start = dt.date(2015, 1, 5)
    span = (dt.date(2025, 6, 30) - start).days
    counters: dict[tuple[int, str], int] = {}
    earlier: list[str] = []
    for i in range(n):
        date = start + dt.timedelta(days=span * i // max(n, 1))
        code, issuer = ISSUERS[rng.randrange(len(ISSUERS))]
        counters[(date.year, code)] = counters.get((date.year, code), 0) + 1
        # Beside the real notices, synthetic numbers start above theirs (one number, one notice).
        number = f"{counters[(date.year, code)] + (500 if with_real else 0):02d}/TB-{code}"
        topics = rng.sample(all_topics, k=rng.randint(1, 3))
        title_topic = TOPIC_PHRASES.get(topics[0], ["nhiệm vụ trọng tâm"])[0]
        chair = _name(rng)
        title_of, authority = rng.choice(SIGNERS)
        meta = {
            "number": number, "type": "thong-bao",
            "title": f"Kết luận của {rng.choice(CHAIR_TITLES)} {chair} tại cuộc họp về {title_topic}",
            "issuer": issuer, "place": "Hậu Giang", "date": date,
            "meeting": {"date": date - dt.timedelta(days=rng.randint(1, 6)),
                        "location": rng.choice(LOCATIONS), "chair": chair,
                        "chair_title": rng.choice(CHAIR_TITLES)},
            "signer": {"name": _name(rng), "title": title_of,
                       **({"authority": authority} if authority else {})},
            "recipients": ["Như thành phần họp", "TT. Tỉnh ủy, TT. HĐND tỉnh", "Lưu: VT"],
            "topics": topics, "status": "issued", "classification": "public",
        }
        related = [r for r in earlier[-50:] if rng.random() < 0.02][:2]
        if related:
            meta["related"] = related
        body = _body(rng, meta, date, [e for e in earlier[-200:]])
        path = notices / str(date.year) / f"tb-{i:06d}.md"
        path.parent.mkdir(exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
        earlier.append(number)
    if with_real:
        for folder in REAL_FOLDERS:
            for source in sorted(folder.glob("20*/*.md")):
                target = notices / source.parent.name / source.name
                target.parent.mkdir(exist_ok=True)
                shutil.copy(source, target)
    if (dest / "notices").exists():
        shutil.rmtree(dest / "notices")
    notices.rename(dest / "notices")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--with-real", action="store_true",
                        help="also copy the sample and benchmark notices in, among the synthetic")
    args = parser.parse_args()
    generate(args.count, args.dest, args.seed, args.with_real)
    print(f"{args.count} notices in {args.dest / 'notices'}")


if __name__ == "__main__":
    main()
