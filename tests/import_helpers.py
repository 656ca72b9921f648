"""Helpers for the import tests: turn a sample notice back into a plain-text original."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.model import DOCUMENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
SEED_HAND = ROOT / "notices" / "2024" / "du-thao-ket-luan-so-ket-cong-an-6-thang-2024.md"


def read_notice(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body.lstrip("\n")


def header_lines(issuer: str) -> list[str]:
    """How the issuer is printed in the header block of a Word template."""
    if issuer.startswith("Văn phòng UBND "):
        return ["UBND " + issuer[len("Văn phòng UBND "):].upper(), "VĂN PHÒNG"]
    if issuer.startswith("Sở "):
        office, _, where = issuer.partition(" tỉnh ")
        return [f"UBND TỈNH {where.upper()}", office.upper()]
    if issuer.startswith("Công an "):
        return ["BỘ CÔNG AN", issuer.upper()]
    return [issuer.upper()]


def body_to_text(body: str) -> str:
    """Markdown body → the paragraphs of a plain original (markers kept: the reader reads them)."""
    out = []
    for block in body.strip().split("\n\n"):
        block = re.sub(r"^## ", "", block.strip())
        out.append(block.strip())
    return "\n\n".join(out)


def notice_to_original(data: dict, body: str) -> str:
    """Render a notice as the plain text an office would export from Word."""
    parts = []
    if data.get("classification") == "secret":
        parts.append("MẬT")
    parts.append("\n".join(header_lines(data["issuer"])))
    parts.append("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    code = DOCUMENT_TYPES[data["type"]][0] or "UBND"
    parts.append(f"Số: {data['number']}" if data.get("number") else f"Số:    /{code}-VPUBND")
    d = data.get("date")
    year = d.year if d else data["meeting"]["date"].year
    parts.append(f"{data.get('place', 'Hậu Giang')}, ngày {d.day:02d} tháng {d.month} năm {d.year}"
                 if d else f"{data.get('place', 'Hậu Giang')}, ngày    tháng    năm {year}")
    parts.append(DOCUMENT_TYPES[data["type"]][1].upper())
    parts.append(f"**{data['title']}**")
    parts.append(body_to_text(body))
    recipients = data.get("recipients") or []
    if recipients:
        lines = ["Nơi nhận:"] + [f"- {r};" for r in recipients[:-1]] + [f"- {recipients[-1]}."]
        parts.append("\n".join(lines))
    signer = data["signer"]
    block = [a.upper() for a in (signer.get("authority") or "").split(", ") if a]
    if signer.get("title"):
        block.append(signer["title"].upper())
    parts.append("**" + "\n".join(block) + "**" if block else "")
    parts.append("(Đã ký)")
    parts.append(signer["name"])
    return "\n\n".join(p for p in parts if p) + "\n"
