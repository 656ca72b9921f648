"""Write an imported notice (front matter + body) and describe what was found and what is missing."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..model import FIELD_LABELS, Topic
from ..text import fold, slugify
from ..validate.fields import REQUIRED_UNLESS_DRAFT, TOP_KEYS
from .extract import ISSUER_CODES, Extraction, extract
from .markdown import to_markdown
from .plausible import check_fields
from .lines import Source
from .topics import suggest_topics

# What a person must supply when the original does not say it.
WANTED = ("number", "type", "title", "issuer", "place", "date", "signer", "recipients")
MAX_SLUG = 60


@dataclass
class Imported:
    """One original turned into a notice: the text to write and the report entry."""
    source: str
    data: dict[str, Any]
    body: str
    fields: dict[str, dict] = field(default_factory=dict)   # name → {value, evidence, line}
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    year: int | None = None
    uncertain: dict[str, list[str]] = field(default_factory=dict)   # field → reasons in doubt

    @property
    def status(self) -> str:
        return self.data["status"]


def build(source: Source, topics: Mapping[str, Topic], classification: str,
          known_codes: Iterable[str] = (), today: dt.date | None = None) -> Imported:
    """`known_codes`: issuer codes of the archive's numbers, against which a number is checked."""
    ex: Extraction = extract(source)
    body, joins = to_markdown(ex.body_lines)
    f = ex.fields
    data: dict[str, Any] = {}
    for key in ("number", "type", "title", "issuer", "place", "date", "meeting", "signer",
                "recipients"):
        if key in f:
            data[key] = f[key].value
    if "meeting" in data and "issuer" in data:
        _complete_offices(data["meeting"], data["issuer"], ex)
    if "issuer" in data and "place" in data:
        _space_province(data, ex)
        _repair_issuer(data, ex)
    reported = {k: {"value": _plain(v.value), "evidence": v.evidence, "line": v.line}
                for k, v in f.items()}
    title = data.get("title", "")
    slugs, scores = suggest_topics(title, body, topics)
    if slugs:
        data["topics"] = slugs
        reported["topics"] = {"value": slugs, "line": 0, "evidence": ", ".join(
            f"{s} ({scores[s]} lần nhắc)" for s in slugs)}
    missing = [k for k in WANTED if k not in data]
    required_missing = [k for k in REQUIRED_UNLESS_DRAFT if k not in data]
    uncertain = check_fields(data, f, body, source, known_codes, today)
    # Nothing in doubt is ever written as issued: a person clears `review:` first.
    data["status"] = "draft" if required_missing or uncertain else "issued"
    if uncertain:
        data["review"] = list(uncertain)
    reported["status"] = {"value": data["status"], "line": 0, "evidence": "; ".join(filter(None, (
        "thiếu " + ", ".join(required_missing) if required_missing else "",
        "cần đối chiếu " + ", ".join(uncertain) if uncertain else ""))) or
        "có đủ số, ngày, cơ quan ban hành, người ký; không trường nào đáng ngờ"}
    if "classification" in f:
        data["classification"] = "secret"
    else:
        data["classification"] = classification
        reported["classification"] = {"value": classification, "line": 0, "evidence": (
            "mặc định khi nhập (không có dấu độ mật)" if classification == "internal" else
            "theo tùy chọn --classification")}
    notes = list(source.notes) + ex.notes + joins
    year = data["date"].year if "date" in data else ex.year_hint
    if year is None and "meeting" in data:
        year = data["meeting"]["date"].year
    if year is None:
        notes.append("không rõ năm của văn bản: ghi vào thư mục năm hiện tại, cần người chuyển "
                     "về đúng năm")
    return Imported(str(source.path), data, body, reported, missing, notes, year, uncertain)


def _complete_offices(meeting: dict, issuer: str, ex: Extraction) -> None:
    """"Giám đốc Sở", "Phòng họp Ban Giám đốc" in a notice of that office name the issuer itself."""
    office = re.split(r"\s+(?:tỉnh|huyện|thành phố|thị xã)\s+", issuer)[0]
    if issuer.startswith("Công an "):
        office = " ".join(issuer.split()[:3])  # "Công an tỉnh"
    for key in ("chair_title", "location"):
        value = meeting.get(key)
        if not value:
            continue
        new = value
        if value.endswith(" Sở") and office.startswith("Sở "):
            new = value[:-3] + " " + office
        elif value.endswith("Ban Giám đốc") and not office.startswith("Sở "):
            new = f"{value} {office}"
        if new != value:
            meeting[key] = new
            ex.notes.append(f"meeting.{key}: «{value}» hiểu là «{new}» (cơ quan ban hành); "
                            "cần người xác nhận")


def _space_province(data: dict[str, Any], ex: Extraction) -> None:
    """OCR drops the space in a header in capitals ("TỈNH QUẢNGNINH"); the place-date line of
    the same document spells the province, so the letters agreeing decide it (reported)."""
    m = re.search(r"\b(tỉnh|thành phố)\s+(\S+)$", data["issuer"])
    place = data["place"]
    if m and " " in place and m.group(2).replace(" ", "").casefold() == \
            place.replace(" ", "").casefold():
        fixed = data["issuer"][:m.start(2)] + place
        ex.notes.append(f"tên cơ quan «{data['issuer']}» hiểu là «{fixed}» (địa danh ở dòng ngày "
                        "tháng): cần người xác nhận")
        data["issuer"] = fixed
        if "issuer" in ex.fields:
            old = ex.fields["issuer"]
            ex.fields["issuer"] = type(old)(fixed, old.evidence, old.line)


def _repair_issuer(data: dict[str, Any], ex: Extraction) -> None:
    """An OCRed header that lost a word or gained a speck ("Văn phòng: tỉnh Lào Cai", "Văn
    phòng - tỉnh Hậu Giang") is repaired only when the number's issuer code and the place-date
    line together spell exactly one issuer ("…/TB-VPUBND", "Lào Cai, ngày …" → "Văn phòng
    UBND tỉnh Lào Cai") and every word read is in it, in order; otherwise it stays as read,
    for plausibility to flag. The repair is reported."""
    issuer, place, number = data["issuer"], data["place"], data.get("number") or ""
    if not ex.ocr or not number:
        return
    m = _NUMBER_CODES.match(number)
    if not m:
        return
    codes = m.group(1).split("-")
    office = ISSUER_CODES.get(codes[-1]) or ISSUER_CODES.get(codes[0])
    if not office:
        return
    read = [w for w in re.split(r"[\s:;,._|]+|\s-\s", issuer) if w and w != "-"]
    for locality in ("tỉnh", "thành phố"):
        wanted = f"{office} {locality} {place}"
        if wanted == issuer:
            return
        words = wanted.split()
        it = iter(fold(w) for w in words)
        in_order = all(fold(w) in it for w in read)   # read is a subsequence of wanted
        # The locality word must have been read: "tỉnh" or "thành phố" is never guessed.
        if in_order and f"{fold(locality)} {fold(place)}" in fold(" ".join(read)) and \
                len(words) - len(read) <= 1:
            ex.notes.append(f"tên cơ quan «{issuer}» hiểu là «{wanted}» (mã cơ quan trong số "
                            f"và địa danh ở dòng ngày tháng): cần người xác nhận")
            data["issuer"] = wanted
            if "issuer" in ex.fields:
                old = ex.fields["issuer"]
                ex.fields["issuer"] = type(old)(wanted, old.evidence, old.line)
            return


_NUMBER_CODES = re.compile(r"^\d+/(?:\d{4}/)?[A-ZĐ]+-([A-ZĐ0-9-]+)$")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def front_matter(data: dict[str, Any], uncertain: Mapping[str, list[str]] | None = None) -> str:
    """The YAML front matter; a field in doubt gets a comment above it saying what to compare."""
    uncertain = uncertain or {}
    out = ["---"]
    for key in TOP_KEYS:
        if key not in data:
            continue
        for name, reasons in uncertain.items():
            if name.split(".")[0] == key or name == "body" and key == "review":
                label = FIELD_LABELS.get(name, FIELD_LABELS.get(key, key))
                out.append(f"# cần đối chiếu {name} ({label}) với bản gốc: "
                           + "; ".join(reasons).replace("\n", " "))
        value = data[key]
        if isinstance(value, dict):
            out.append(f"{key}:")
            out.extend(f"  {k}: {_scalar(v)}" for k, v in value.items())
        elif key in ("topics", "review"):
            out.append(f"{key}: [{', '.join(value)}]")
        elif isinstance(value, list):
            out.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif key in ("type", "status", "classification"):
            out.append(f"{key}: {value}")
        else:
            out.append(f"{key}: {_scalar(value)}")
    out.append("---")
    return "\n".join(out) + "\n"


def render(imported: Imported) -> str:
    return front_matter(imported.data, imported.uncertain) + "\n" + imported.body


def file_slug(imported: Imported) -> str:
    data = imported.data
    words = slugify(data.get("title", "") or Path(imported.source).stem, "thong-bao").split("-")
    title_part = ""
    for w in words:
        if len(title_part) + len(w) + 1 > MAX_SLUG:
            break
        title_part = f"{title_part}-{w}" if title_part else w
    if data.get("number"):
        return f"{slugify(data['number'])}-{title_part}"
    return f"du-thao-{title_part}"


def target_path(imported: Imported, notices_dir: Path) -> Path:
    year = imported.year or dt.date.today().year
    return notices_dir / str(year) / f"{file_slug(imported)}.md"
