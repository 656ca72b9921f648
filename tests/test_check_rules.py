"""Every rule of `check`, through the validate API: a bad notice and the exact code it must give."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT
from generator.diagnostics import ERROR, WARNING
from generator.load import LoadResult, load_document
from generator.load.loader import TopicsDocument, load_topics
from generator.validate import validate
from generator.validate.textstyle import check_text
from generator.validate.topics import build_topics

TODAY = dt.date(2025, 1, 1)

GOOD = """\
---
number: "125/TB-VPUBND"
type: thong-bao
title: "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về an toàn giao thông"
issuer: "Văn phòng UBND tỉnh Hậu Giang"
place: "Hậu Giang"
date: 2024-07-15
meeting:
  date: 2024-07-12
  location: "Hội trường UBND tỉnh"
  chair: "Nguyễn Văn Hòa"
  chair_title: "Phó Chủ tịch UBND tỉnh"
signer:
  name: "Lưu Ngọc Đông"
  title: "Phó Chánh Văn phòng"
  authority: "KT. Chánh Văn phòng"
recipients: ["Như thành phần họp", "Lưu: VT, KP"]
topics: [an-toan-giao-thong]
related: ["98/TB-VPUBND"]
status: issued
classification: public
---

Ngày 12 tháng 7 năm 2024, tại Hội trường UBND tỉnh, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp.

1. Sở Giao thông vận tải chủ trì thực hiện.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""

OTHER = """\
---
number: "98/TB-VPUBND"
type: thong-bao
title: "Kết luận về phòng cháy, chữa cháy"
issuer: "Văn phòng UBND tỉnh Hậu Giang"
date: 2024-05-20
signer: {name: "Lưu Ngọc Đông", title: "Phó Chánh Văn phòng", authority: "KT. Chánh Văn phòng"}
status: issued
classification: public
---

Nội dung./.
"""

TOPICS = load_topics(ROOT / "notices", ROOT)


def diagnose(files: dict[str, str | bytes], topics: TopicsDocument = TOPICS, today=TODAY):
    """Validate these files (name → content) as the whole archive; the diagnostics found."""
    docs = []
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        docs.append(load_document(ROOT / "notices" / "2024" / name, ROOT, data=data))
    return validate(LoadResult(tuple(docs), topics), today=today).diagnostics


def mutate(*pairs: str, text: str = GOOD) -> str:
    """Replace old → new in the good notice (pairs: old1, new1, old2, new2, ...)."""
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_good_notices_are_clean():
    assert diagnose({"good.md": GOOD, "other.md": OTHER}) == ()


# (what is wrong, file content, expected code, expected severity)
CASES = [
    # --- text and file ---------------------------------------------------------------------
    ("too big", b"---\ntitle: x\n---\n" + b"a" * (2 * 1024 * 1024 + 1), "NA003", ERROR),
    ("empty", b"", "NA004", ERROR),
    ("only blanks", b"  \n\n\t\n", "NA004", ERROR),
    ("binary junk", b"PK\x03\x04\x00\x00\x08\x00\x01\x02\x03" * 50, "NA005", ERROR),
    ("NUL in utf-8 text", mutate("Hội trường UBND tỉnh\"", "H\x00ội trường\"").encode(), "NA005",
     ERROR),
    ("not NFC", unicodedata.normalize("NFD", GOOD), "NA006", WARNING),
    # --- front matter and YAML ---------------------------------------------------------------
    ("no front matter", "# Thông báo\n\nNội dung\n", "NA010", ERROR),
    ("front matter not closed", GOOD.replace("classification: public\n---\n", ""), "NA011",
     ERROR),
    ("invalid YAML", mutate('title: "Kết', 'title: ["Kết'), "NA012", ERROR),
    ("python tag", mutate("status: issued", "status: !!python/object/apply:os.system "
                          "['touch /tmp/notice-archive-pwned']"), "NA012", ERROR),
    ("billion laughs", "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
     "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d]\n---\n",
     "NA013", ERROR),
    ("front matter is a list", "---\n- a\n- b\n---\nbody\n", "NA014", ERROR),
    # --- fields ---------------------------------------------------------------------------------
    ("misspelt key", mutate("title:", "tittle:"), "NA101", ERROR),
    ("missing title", mutate('title: "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về an '
                             'toàn giao thông"\n', ""), "NA102", ERROR),
    ("issued without number", mutate('number: "125/TB-VPUBND"\n', ""), "NA102", ERROR),
    ("issued without signer", GOOD.split("signer:")[0] + "recipients:" + GOOD.split(
        "recipients:")[1], "NA102", ERROR),
    ("title is a list", mutate('title: "Kết', 'title: ["Kết', 'giao thông"', 'giao thông"]'),
     "NA103", ERROR),
    ("binary tag", mutate('issuer: "Văn phòng UBND tỉnh Hậu Giang"', "issuer: !!binary aGVsbG8="),
     "NA103", ERROR),
    ("status not allowed", mutate("status: issued", "status: published"), "NA104", ERROR),
    ("type not allowed", mutate("type: thong-bao", "type: thongbao"), "NA104", ERROR),
    ("bad date", mutate("date: 2024-07-15", 'date: "15/07/2024"'), "NA105", ERROR),
    ("impossible date", mutate("date: 2024-07-15", "date: 2024-13-45"), "NA012", ERROR),
    ("empty title", mutate('title: "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về an toàn '
                           'giao thông"', 'title: "  "'), "NA106", ERROR),
    ("duplicate key", mutate("status: issued", "status: issued\nstatus: draft"), "NA107", ERROR),
    ("duplicate nested key", mutate('  title: "Phó', '  name: "Khác"\n  title: "Phó'), "NA107",
     ERROR),
    ("issued without body", GOOD.split("---\n\n")[0] + "---\n\n  \n", "NA108", ERROR),
    # --- Decree 30 form -------------------------------------------------------------------------
    ("number not in form", mutate("125/TB-VPUBND", "125-TB-VPUBND"), "NA401", ERROR),
    ("party-style number", mutate("125/TB-VPUBND", "2927-TB/TU"), "NA401", ERROR),
    ("blank number on an issued notice", mutate("125/TB-VPUBND", "/TB-VPUBND"), "NA401", ERROR),
    ("number without issuer code", mutate("125/TB-VPUBND", "125/TB"), "NA401", ERROR),
    ("en dash in number", mutate("125/TB-VPUBND", "125/TB–VPUBND"), "NA401", ERROR),
    ("type code of another type", mutate("125/TB-VPUBND", "125/QĐ-VPUBND"), "NA402", ERROR),
    ("unknown type code", mutate("125/TB-VPUBND", "125/XYZ-VPUBND"), "NA402", ERROR),
    ("copy code", mutate("125/TB-VPUBND", "125/SY-VPUBND"), "NA402", ERROR),
    ("cong van with a type code", mutate("type: thong-bao", "type: cong-van"), "NA402", ERROR),
    ("no leading zero", mutate("125/TB-VPUBND", "6/TB-VPUBND"), "NA403", WARNING),
    ("space in symbol", mutate("125/TB-VPUBND", "125/TB-VP UBND"), "NA404", WARNING),
    ("type code case", mutate("125/TB-VPUBND", "125/tb-VPUBND"), "NA405", WARNING),
    ("future date", mutate("date: 2024-07-15", "date: 2025-03-01"), "NA406", ERROR),
    ("meeting after issue", mutate("  date: 2024-07-12", "  date: 2024-07-20"), "NA407", ERROR),
    ("odd authority wording", mutate("KT. Chánh", "Kt Chánh"), "NA408", WARNING),
    ("unknown authority prefix", mutate("KT. Chánh", "Thay mặt Chánh"), "NA408", WARNING),
    ("year in number differs", mutate("125/TB-VPUBND", "84/2012/TB-VPUBND"), "NA409", ERROR),
    ("KT. without deputy title", mutate('title: "Phó Chánh', 'title: "Chánh'), "NA410", WARNING),
    ("body date style", mutate("Ngày 12 tháng 7 năm 2024", "Ngày 5 tháng 09 năm 2024"), "NA411",
     WARNING),
    ("secrecy mark on a public notice", mutate("Ngày 12 tháng 7", "**MẬT**\n\nNgày 12 tháng 7"),
     "NA412", ERROR),
    ("signing block in body", mutate("thực hiện./.", "thực hiện./.\n\n**KT. CHÁNH VĂN PHÒNG\n"
                                     "PHÓ CHÁNH VĂN PHÒNG**"), "NA413", WARNING),
    ("recipients in body", mutate("thực hiện./.", "thực hiện./.\n\nNơi nhận:\n- Như trên;"),
     "NA413", WARNING),
    ("header in body", mutate("Ngày 12 tháng 7", "Số: /TB-VP UBND\n\nNgày 12 tháng 7"), "NA413",
     WARNING),
    ("script in body", mutate("1. Sở", "<script>alert(1)</script>\n\n1. Sở"), "NA414",
     WARNING),
    ("event handler", mutate("1. Sở", '<img src=x onerror="alert(1)">\n\n1. Sở'), "NA414",
     WARNING),
    ("attr_list handler", mutate("1. Sở", '**Sở** { onclick="alert(1)" }\n\n1. Sở'), "NA414",
     WARNING),
    ("javascript link", mutate("1. Sở", "[bấm](javascript:alert(1))\n\n1. Sở"), "NA414",
     WARNING),
    ("fields left to compare with the original",
     mutate("classification: public\n---", "classification: public\nreview: [number, title]\n---"),
     "NA416", WARNING),
    # --- archive-wide ------------------------------------------------------------------------
    ("dangling related", mutate('related: ["98/TB-VPUBND"]', 'related: ["99/TB-VPUBND"]'),
     "NA202", ERROR),
    ("dangling supersedes", mutate("status: issued", 'supersedes: "97/TB-VPUBND"\nstatus: issued'),
     "NA203", ERROR),
    ("supersedes itself", mutate("status: issued", 'supersedes: "125/TB-VPUBND"\nstatus: issued'),
     "NA204", ERROR),
    ("superseded target not marked", mutate("status: issued",
                                            'supersedes: "98/TB-VPUBND"\nstatus: issued'),
     "NA205", ERROR),
    ("superseded without successor", mutate("status: issued", "status: superseded"), "NA206",
     ERROR),
    ("unknown topic", mutate("[an-toan-giao-thong]", "[an-toan-giao-thogn]"), "NA207", ERROR),
]


# Where each defect must be reported, (file, line, column), read off the notice texts above by
# hand: line 0 means the whole file; a missing key is reported at the front matter's first line.
WHERE = {
    "too big": ("bad", 0, 1), "empty": ("bad", 0, 1), "only blanks": ("bad", 0, 1),
    "binary junk": ("bad", 1, 1), "NUL in utf-8 text": ("bad", 10, 1),
    "not NFC": ("bad", 4, 1), "no front matter": ("bad", 1, 1),
    "front matter not closed": ("bad", 1, 1), "invalid YAML": ("bad", 4, 8),
    "python tag": ("bad", 20, 9), "billion laughs": ("bad", 1, 1),
    "front matter is a list": ("bad", 2, 1), "misspelt key": ("bad", 4, 1),
    "missing title": ("bad", 2, 1), "issued without number": ("bad", 2, 1),
    "issued without signer": ("bad", 2, 1), "title is a list": ("bad", 4, 1),
    "binary tag": ("bad", 5, 1), "status not allowed": ("bad", 20, 1),
    "type not allowed": ("bad", 3, 1), "bad date": ("bad", 7, 1),
    "impossible date": ("bad", 7, 7), "empty title": ("bad", 4, 1),
    "duplicate key": ("bad", 21, 1), "duplicate nested key": ("bad", 15, 3),
    "issued without body": ("bad", 23, 1),
    **{w: ("bad", 2, 1) for w in (
        "number not in form", "party-style number", "blank number on an issued notice",
        "number without issuer code", "en dash in number", "type code of another type",
        "unknown type code", "copy code", "cong van with a type code", "no leading zero",
        "space in symbol", "type code case", "year in number differs")},
    "future date": ("bad", 7, 1), "meeting after issue": ("bad", 9, 1),
    "odd authority wording": ("bad", 16, 1), "unknown authority prefix": ("bad", 16, 1),
    "KT. without deputy title": ("bad", 15, 1), "body date style": ("bad", 24, 1),
    "secrecy mark on a public notice": ("bad", 24, 1), "signing block in body": ("bad", 30, 1),
    "recipients in body": ("bad", 30, 1), "header in body": ("bad", 24, 1),
    "script in body": ("bad", 26, 1), "event handler": ("bad", 26, 12),  # at onerror=
    "attr_list handler": ("bad", 26, 10), "javascript link": ("bad", 26, 7),  # at onclick=
    "dangling related": ("bad", 19, 1), "dangling supersedes": ("bad", 20, 1),
    "supersedes itself": ("bad", 20, 1), "superseded target not marked": ("other", 8, 1),
    "superseded without successor": ("bad", 20, 1), "unknown topic": ("bad", 18, 1),
    "fields left to compare with the original": ("bad", 22, 1),
}


# A second, different defect that the mutation itself makes (noted so it is still exact): a
# date in the future is a year that no longer matches the notices/2024/ folder.
ALSO = {"future date": ["NA415"]}


def test_every_case_has_its_place():
    assert set(WHERE) == {c[0] for c in CASES}
    # The ids are ASCII: pytest escapes other letters in node ids ("c\\xf4ng"), and a second
    # pytest session in the same process (mutmut's clean run) no longer finds an escaped id.
    assert all(c[0].isascii() for c in CASES)


@pytest.mark.parametrize("what, content, code, severity", CASES, ids=[c[0] for c in CASES])
def test_rule(what, content, code, severity):
    """One defect gives exactly one diagnostic: its own code, at its own file, line and column."""
    found = diagnose({"bad.md": content, "other.md": OTHER})
    also = ALSO.get(what, [])
    assert sorted(d.code for d in found) == sorted([code, *also]), \
        f"{what}: expected only {code}, got {[(d.code, d.message) for d in found]}"
    (d,) = [d for d in found if d.code == code]
    name, line, column = WHERE[what]
    assert (d.path, d.line, d.column) == (f"notices/2024/{name}.md", line, column), what
    assert d.severity == severity
    assert d.message and d.message.isprintable()


def test_messages_point_at_the_line_and_field():
    bad = mutate("status: issued", "status: published")
    (d,) = [d for d in diagnose({"bad.md": bad, "other.md": OTHER}) if d.code == "NA104"]
    assert d.line == GOOD.split("\n").index("status: issued") + 1 and d.field == "status"
    assert "draft" in d.message and "issued" in d.message  # says how to fix it


def test_yaml_error_names_its_line():
    bad = mutate('title: "Kết', 'title: ["Kết')
    (d,) = [d for d in diagnose({"bad.md": bad}) if d.code == "NA012"]
    assert (d.line, d.column) == (4, 8)  # the "[" left open, not line 5 where YAML notices it


def test_did_you_mean_for_keys_and_topics():
    (key,) = [d for d in diagnose({"bad.md": mutate("title:", "tittle:"), "other.md": OTHER})
              if d.code == "NA101"]
    assert '"tittle"' in key.message and '"title"?' in key.message
    (slug,) = diagnose({"bad.md": mutate("[an-toan-giao-thong]", "[an-toan-giao-thogn]"),
                        "other.md": OTHER})
    assert slug.code == "NA207" and '"an-toan-giao-thong"' in slug.message


def test_vietnamese_key_names_suggest_the_field():
    (key,) = [d for d in diagnose({"bad.md": mutate("title:", "tiêu_đề:"), "other.md": OTHER})
              if d.code == "NA101"]
    assert '"title"?' in key.message
    (key,) = [d for d in diagnose({"bad.md": mutate("  name:", "  Họ tên:"), "other.md": OTHER})
              if d.code == "NA101"]
    assert '"name"?' in key.message


def test_duplicate_number_per_year_and_issuer():
    twin = mutate('title: "Kết luận', 'title: "Một kết luận khác')
    found = diagnose({"a.md": GOOD, "b.md": twin, "other.md": OTHER})
    assert [(d.code, d.path) for d in found] == [("NA201", "notices/2024/a.md"),
                                                 ("NA201", "notices/2024/b.md")]
    assert "notices/2024/b.md" in found[0].message and "notices/2024/a.md" in found[1].message
    # "06/..." and "6/..." are the same number; another year or issuer is another number.
    six = diagnose({"a.md": mutate("125/", "06/"), "b.md": mutate("125/", "6/"),
                    "other.md": OTHER})
    assert "NA201" in [d.code for d in six]
    next_year = mutate("date: 2024-07-15", "date: 2025-01-01", "  date: 2024-07-12",
                       "  date: 2024-12-30", text=twin)
    other_issuer = mutate("125/TB-VPUBND", "125/TB-UBND", text=twin)
    for clean in (next_year, other_issuer):
        found = diagnose({"a.md": GOOD, "b.md": clean, "other.md": OTHER}, today=TODAY)
        assert [d.code for d in found if d.code != "NA415"] == []  # NA415: filed under 2024/


def test_supersedes_cycle():
    a = mutate("status: issued", 'supersedes: "98/TB-VPUBND"\nstatus: superseded')
    b = mutate("status: issued", 'supersedes: "125/TB-VPUBND"\nstatus: superseded', text=OTHER)
    codes = [d.code for d in diagnose({"a.md": a, "b.md": b})]
    assert "NA204" in codes


def test_drafts_may_leave_out_number_date_signer():
    draft = mutate('number: "125/TB-VPUBND"\n', "", "date: 2024-07-15\n", "",
                   "status: issued", "status: draft")
    assert diagnose({"draft.md": draft, "other.md": OTHER}) == ()
    blank = mutate("125/TB-VPUBND", "/TB-VPUBND", "status: issued", "status: draft")
    assert diagnose({"draft.md": blank, "other.md": OTHER}) == ()


def test_mixed_case_codes_are_not_upper_cased():
    ctr = mutate("type: thong-bao", "type: chuong-trinh", "125/TB-VPUBND", "125/CTr-VPUBND")
    assert diagnose({"a.md": ctr, "other.md": OTHER}) == ()
    upper = mutate("125/CTr", "125/CTR", text=ctr)
    assert [d.code for d in diagnose({"a.md": upper, "other.md": OTHER})] == ["NA405"]
    # DA (dự án) and ĐA (đề án) differ only by a diacritic: two types, a contradiction.
    de_an = mutate("type: thong-bao", "type: de-an", "125/TB-VPUBND", "125/DA-VPUBND")
    assert [d.code for d in diagnose({"a.md": de_an, "other.md": OTHER})] == ["NA402"]


def test_signing_stacks():
    stack = mutate("KT. Chánh Văn phòng", "TM. Ủy ban nhân dân / KT. Chủ tịch",
                   'title: "Phó Chánh Văn phòng"', 'title: "Phó Chủ tịch"')
    assert diagnose({"a.md": stack, "other.md": OTHER}) == ()
    wrong = mutate('title: "Phó Chủ tịch"', 'title: "Chủ tịch"', text=stack)
    assert [d.code for d in diagnose({"a.md": wrong, "other.md": OTHER})] == ["NA410"]
    odd = mutate("TM. Ủy ban nhân dân", "Thay mặt Ủy ban nhân dân", text=stack)
    assert [d.code for d in diagnose({"a.md": odd, "other.md": OTHER})] == ["NA408"]
    tl = mutate("KT. Chánh Văn phòng", "TL. Chủ tịch / KT. Chánh Văn phòng")
    assert diagnose({"a.md": tl, "other.md": OTHER}) == ()


def test_cong_van_and_legal_document_numbers():
    cv = mutate("type: thong-bao", "type: cong-van", "125/TB-VPUBND", "3653/UBND-TNMT")
    assert diagnose({"a.md": cv, "other.md": OTHER}) == ()
    legal = mutate("type: thong-bao", "type: quyet-dinh", "125/TB-VPUBND", "84/2024/QĐ-UBND")
    assert diagnose({"a.md": legal, "other.md": OTHER}) == ()


def test_today_is_injectable():
    future = mutate("date: 2024-07-15", "date: 2025-03-01")
    assert "NA406" in [d.code for d in diagnose({"a.md": future}, today=TODAY)]
    assert "NA406" not in [d.code for d in diagnose({"a.md": future},
                                                    today=dt.date(2025, 3, 1))]


# --- text style (raw text rules, fixed by --fix) --------------------------------------------

def test_trailing_whitespace_warning_spares_markdown_line_breaks():
    text = mutate("status: issued", "status: issued  ", "1. Sở", "1. Sở  \nvà", "thực hiện./.",
                  "thực hiện./. ")
    found = check_text("n.md", text)
    assert [(d.code, d.severity) for d in found] == [("NA007", WARNING)] * 2
    assert {d.line for d in found} == {text.split("\n").index(line) + 1 for line in
                                       ("status: issued  ", "Văn phòng UBND tỉnh thông báo để các "
                                        "cơ quan, đơn vị biết, thực hiện./. ")}


def test_key_order_ignores_unknown_keys():
    assert check_text("n.md", mutate("status: issued", "tittle: x\nstatus: issued")) == []


def test_key_order_warning():
    text = mutate('number: "125/TB-VPUBND"\n', "", "status: issued",
                  'status: issued\nnumber: "125/TB-VPUBND"')
    assert [d.code for d in check_text("n.md", text)] == ["NA008"]
    assert check_text("n.md", GOOD) == []


# --- topics.yml --------------------------------------------------------------------------------

def _topics(tmp_path: Path, text: str | None):
    notices = tmp_path / "notices"
    notices.mkdir()
    if text is not None:
        (notices / "topics.yml").write_text(text, encoding="utf-8")
    return build_topics(load_topics(notices, tmp_path))[1]


@pytest.mark.parametrize("text, code", [
    (None, "NA301"),
    ("- a\n- b\n", "NA014"),
    ("atgt:\n  nam: An toàn\n", "NA302"),
    ("An-Toan:\n  name: An toàn\n", "NA303"),
    ("atgt:\n  name: An toàn\n  parent: khong-co\n", "NA304"),
    ("a:\n  name: A\n  parent: b\nb:\n  name: B\n  parent: a\n", "NA304"),
    ("a: [unclosed\n", "NA012"),
], ids=["missing", "not a mapping", "bad key", "bad slug", "dangling parent", "parent cycle",
        "invalid yaml"])
def test_topics_file_rules(tmp_path, text, code):
    found = _topics(tmp_path, text)
    assert code in [d.code for d in found], found
    assert all(d.path == "notices/topics.yml" and d.severity == ERROR for d in found)


def test_unreadable_file(tmp_path):
    from generator.load import load_document
    missing = tmp_path / "gone.md"
    (d,) = load_document(missing, tmp_path).diagnostics
    assert d.code == "NA002" and d.path == "gone.md"


def test_secret_notice_may_carry_its_mark():
    secret = mutate("Ngày 12 tháng 7", "**TỐI MẬT**\n\nNgày 12 tháng 7", "classification: public",
                    "classification: secret")
    assert diagnose({"a.md": secret, "other.md": OTHER}) == ()


def test_ordinary_markdown_and_html_are_not_active_content():
    body = ("Xem <sup>1</sup> và <br> **đậm** [liên kết](https://example.org/a?on=1) "
            "{: .lead } trong buổi online = trực tuyến\n\n```\n<script>x</script>\n```\n")
    assert diagnose({"a.md": mutate("1. Sở", body + "\n1. Sở"), "other.md": OTHER}) == ()


def test_today_is_vietnam_date(monkeypatch):
    from generator.validate.rules import today_in_vietnam
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the suite fixes it (conftest.py)
    now = dt.datetime.now(dt.timezone.utc)
    assert today_in_vietnam() == (now + dt.timedelta(hours=7)).date()


@pytest.mark.parametrize("epoch, today", [
    ("1733000000", dt.date(2024, 12, 1)),    # 2024-11-30 20:53 UTC is 1 December in Vietnam
    ("1732985999", dt.date(2024, 11, 30)),   # 16:59:59 UTC, still 30 November there
    (" 1733000000 ", dt.date(2024, 12, 1)),
])
def test_source_date_epoch_fixes_today(monkeypatch, epoch, today):
    from generator.validate.rules import today_in_vietnam
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert today_in_vietnam() == today


@pytest.mark.parametrize("epoch", ["", "abc", "-5", "1.5e9"])
def test_a_source_date_epoch_that_is_not_whole_seconds_is_ignored(monkeypatch, epoch):
    from generator.validate.rules import today_in_vietnam
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    now = dt.datetime.now(dt.timezone.utc)
    assert today_in_vietnam() == (now + dt.timedelta(hours=7)).date()
