"""How values are written for Vietnamese readers."""

from __future__ import annotations

import datetime as dt

MONTHS = {m: f"Tháng {m}" for m in range(1, 13)}


def short_date(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


def long_date(date: dt.date | None) -> str:
    """Decree 30 style: 'ngày 05 tháng 7 năm 2024' (days below 10 and months 1-2 padded)."""
    if not date:
        return ""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"
