"""Front matter → Notice: check each field's presence, type and allowed values, one diagnostic each.

Parse, don't validate: a document that passes comes out as a typed, immutable Notice; one that
does not comes out as diagnostics only. Every message names the field and its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from ..diagnostics import ERROR, Diagnostic
from ..load import SourceDocument
from ..deadlines import looks_like_date, parse_iso, suggest_iso
# Which keys exist and which are required: declared once, with the JSON Schema, there.
from ..front_matter import (ALWAYS_REQUIRED, CLOSING_KEYS, MEETING_KEYS, REQUIRED_UNLESS_DRAFT,
                            SIGNER_KEYS, TASK_KEYS, TOP_KEYS)
from ..model import (CLASSIFICATIONS, DOCUMENT_TYPES, STATUSES, TASK_STATUSES, Closing, Meeting,
                     Notice, Signer, TaskEntry)
from ..text import fold, nfc
from .suggest import did_you_mean


class _Fields:
    """Reads typed values out of one document's front matter, collecting diagnostics."""

    def __init__(self, doc: SourceDocument):
        self.doc = doc
        self.diagnostics: list[Diagnostic] = []

    def line(self, key: str) -> int:
        lines = self.doc.lines
        while key and key not in lines:
            key = key.rpartition(".")[0]
        return lines.get(key, 2)

    def error(self, key: str, code: str, message: str) -> None:
        column = self.doc.columns.get(key, 1)
        self.diagnostics.append(
            Diagnostic(self.doc.path, self.line(key), column, ERROR, code, message, key))

    def unknown_keys(self, mapping: dict, allowed: tuple[str, ...], prefix: str = "") -> None:
        for key in mapping:
            if not isinstance(key, str):
                self.error(prefix.rstrip(".") or "", "NA101",
                           f"khóa {key!r} không phải chuỗi; tên trường phải là chữ")
            elif key not in allowed:
                self.error(prefix + key, "NA101", f'trường "{prefix}{key}" không có trong định dạng '
                           f"thông báo{_suggest_key(key, allowed)}; hãy sửa tên hoặc xóa trường")

    def text(self, mapping: dict, key: str, prefix: str = "") -> str | None:
        value = mapping.get(key)
        name = prefix + key
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            self.error(name, "NA103", f'trường "{name}" phải là một chuỗi văn bản, không phải '
                       f"{_kind(value)}; đặt giá trị trong dấu nháy kép")
            return None
        if isinstance(value, (int, float, dt.date)):
            value = str(value)
        value = " ".join(nfc(value).split())
        if not value:
            self.error(name, "NA106", f'trường "{name}" rỗng; điền giá trị hoặc xóa trường')
            return None
        return value

    def date(self, mapping: dict, key: str, prefix: str = "") -> dt.date | None:
        value = mapping.get(key)
        name = prefix + key
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        hint = _iso_hint(value)
        self.error(name, "NA105", f'trường "{name}" phải là ngày dạng YYYY-MM-DD'
                   + (f"; sửa {value!r} thành {hint}" if hint
                      else f" (ví dụ 2024-07-15), không phải {value!r}"))
        return None

    def text_list(self, mapping: dict, key: str) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]  # a single value is a list of one; the common hand-written slip
        if not isinstance(value, list):
            self.error(key, "NA103", f'trường "{key}" phải là danh sách, ví dụ [a, b], không phải '
                       f"{_kind(value)}")
            return ()
        items = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float, dt.date)):
                self.error(key, "NA103", f'phần tử thứ {i + 1} của "{key}" phải là chuỗi, không '
                           f"phải {_kind(item)}")
                continue
            text = " ".join(nfc(str(item)).split())
            if text:
                items.append(text)
        return tuple(items)

    def choice(self, mapping: dict, key: str, allowed) -> str | None:
        value = self.text(mapping, key)
        if value is None:
            return None
        if value not in allowed:
            self.error(key, "NA104", f'giá trị "{value}" của "{key}" không hợp lệ; chọn một trong: '
                       f"{', '.join(allowed)}{did_you_mean(value, allowed)}")
            return None
        return value

    def mapping(self, data: dict, key: str) -> dict | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(key, "NA103", f'trường "{key}" phải là một nhóm trường lồng nhau '
                       f"(mapping), không phải {_kind(value)}")
            return None
        return value


# Staff often name fields in Vietnamese: "tiêu đề" means title. Keys are folded (no diacritics,
# separators as spaces) before lookup.
VIETNAMESE_KEYS = {
    "so": "number", "so hieu": "number", "so ky hieu": "number", "loai": "type",
    "loai van ban": "type", "tieu de": "title", "trich yeu": "title", "co quan": "issuer",
    "co quan ban hanh": "issuer", "dia danh": "place", "ngay": "date", "ngay ban hanh": "date",
    "cuoc hop": "meeting", "nguoi ky": "signer", "noi nhan": "recipients", "chu de": "topics",
    "lien quan": "related", "thay the": "supersedes", "trang thai": "status",
    "do mat": "classification",
    "ho ten": "name", "ten": "name", "chuc vu": "title", "tham quyen": "authority",
    "dia diem": "location", "chu tri": "chair", "chuc vu chu tri": "chair_title",
}


def _intended_key(key: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed key an unknown one most likely means (Vietnamese name or misspelling)."""
    english = VIETNAMESE_KEYS.get(" ".join(fold(key).replace("_", " ").replace("-", " ").split()))
    if english in allowed:
        return english
    match = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return match[0] if match else None


def _suggest_key(key: str, allowed: tuple[str, ...]) -> str:
    intended = _intended_key(key, allowed)
    return f' (có phải "{intended}"?)' if intended else ""


def _kind(value: Any) -> str:
    return {dict: "mapping", list: "danh sách", bool: "true/false", type(None): "giá trị rỗng",
            int: "số", float: "số", str: "chuỗi", set: "tập hợp (!!set)",
            bytes: "dữ liệu nhị phân (!!binary)", tuple: "danh sách cặp"}.get(
                type(value), type(value).__name__)


def build_notice(doc: SourceDocument) -> tuple[Notice | None, list[Diagnostic]]:
    """Turn one loaded document into a Notice, or explain every reason it cannot be one."""
    if doc.data is None:
        return None, list(doc.diagnostics)
    f = _Fields(doc)
    data = doc.data
    f.unknown_keys(data, TOP_KEYS)

    status = f.choice(data, "status", STATUSES)
    classification = f.choice(data, "classification", CLASSIFICATIONS)
    doc_type = f.choice(data, "type", tuple(DOCUMENT_TYPES))
    title = f.text(data, "title")
    number = f.text(data, "number")
    issuer = f.text(data, "issuer")
    place = f.text(data, "place")
    date = f.date(data, "date")

    meeting = None
    raw_meeting = f.mapping(data, "meeting")
    if raw_meeting is not None:
        f.unknown_keys(raw_meeting, MEETING_KEYS, "meeting.")
        meeting = Meeting(
            date=f.date(raw_meeting, "date", "meeting."),
            location=f.text(raw_meeting, "location", "meeting."),
            chair=f.text(raw_meeting, "chair", "meeting."),
            chair_title=f.text(raw_meeting, "chair_title", "meeting."),
        )

    signer = None
    raw_signer = data.get("signer")
    if isinstance(raw_signer, str):  # "signer: Lưu Ngọc Đông" is a name and nothing else
        raw_signer = {"name": raw_signer}
    if raw_signer is not None and not isinstance(raw_signer, dict):
        f.error("signer", "NA103", 'trường "signer" phải có name, title, authority '
                f"(mapping), không phải {_kind(raw_signer)}")
    elif raw_signer is not None:
        f.unknown_keys(raw_signer, SIGNER_KEYS, "signer.")
        name = f.text(raw_signer, "name", "signer.")
        if name is None:
            f.error("signer", "NA102", 'thiếu "signer.name": họ tên người ký')
        else:
            signer = Signer(name=name, title=f.text(raw_signer, "title", "signer."),
                            authority=f.text(raw_signer, "authority", "signer."))

    values = {"title": title, "type": doc_type, "status": status,
              "classification": classification, "number": number, "date": date,
              "issuer": issuer, "signer": signer}
    required = ALWAYS_REQUIRED + (REQUIRED_UNLESS_DRAFT if status and status != "draft" else ())
    # A misspelt key already reported by NA101 with its suggestion is one defect, not two.
    meant = {_intended_key(k, TOP_KEYS) for k in data if isinstance(k, str) and k not in TOP_KEYS}
    for key in required:
        if key not in data and key in meant:
            continue
        if key not in data:
            why = "" if key in ALWAYS_REQUIRED else f' (bắt buộc khi status là "{status}")'
            f.diagnostics.append(Diagnostic(
                doc.path, 2, 1, ERROR, "NA102",
                f'thiếu trường "{key}"{why}', key))
        elif values[key] is None and key != "signer" and not any(
                d.field == key for d in f.diagnostics):
            f.error(key, "NA106", f'trường "{key}" rỗng; điền giá trị')

    recipients = f.text_list(data, "recipients")
    topics = f.text_list(data, "topics")
    related = f.text_list(data, "related")
    supersedes = f.text(data, "supersedes")
    original = f.text(data, "original")
    review = f.text_list(data, "review")
    if original is not None:
        from .originals import original_form_problem
        problem = original_form_problem(original)
        if problem:
            f.error("original", "NA420", problem)
    tasks = _tasks(f, data)
    closes = _closes(f, data)

    diagnostics = list(doc.diagnostics) + f.diagnostics
    if any(d.severity == ERROR for d in f.diagnostics) or None in (title, doc_type, status,
                                                                      classification):
        return None, diagnostics
    notice = Notice(
        source=doc.path, title=title, type=doc_type, status=status,
        classification=classification, body=doc.body, body_line=doc.body_line,
        digest=doc.digest, number=number, issuer=issuer, place=place, date=date,
        meeting=meeting, signer=signer, recipients=recipients, topics=topics, related=related,
        supersedes=supersedes, original=original, review=review, tasks=tasks, closes=closes,
        lines=dict(doc.lines),
    )
    return notice, diagnostics


_DMY = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")


def _iso_hint(value) -> str | None:
    """The ISO form of a date written the Vietnamese way, day first (15/07/2025)."""
    match = _DMY.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _tasks(f: _Fields, data: dict) -> tuple[TaskEntry, ...] | None:
    """`tasks:` — the assignments as a person corrected them (NA711–NA713)."""
    raw = data.get("tasks")
    if raw is None:
        return None
    if not isinstance(raw, list):
        f.error("tasks", "NA711", f'trường "tasks" phải là danh sách nhiệm vụ (mỗi mục có lead, '
                f"action, deadline, …), không phải {_kind(raw)}")
        return None
    entries = []
    for i, item in enumerate(raw):
        name = f"tasks.{i}"
        if not isinstance(item, dict):
            f.error(name, "NA711", f"nhiệm vụ thứ {i + 1} phải có lead, action, … (mapping), "
                    f"không phải {_kind(item)}")
            continue
        for key in item:
            if key not in TASK_KEYS:
                f.error(f"{name}.{key}", "NA711", f'trường "{key}" của nhiệm vụ thứ {i + 1} không '
                        f"có trong định dạng ({', '.join(TASK_KEYS)})"
                        f"{did_you_mean(str(key), TASK_KEYS)}")
        lead = _task_text(f, item, "lead", name)
        action = _task_text(f, item, "action", name)
        for key, value in (("lead", lead), ("action", action)):
            if value is None and not any(d.field == f"{name}.{key}" for d in f.diagnostics):
                f.error(name, "NA711", f'nhiệm vụ thứ {i + 1} thiếu "{key}"')
        support = item.get("support") or []
        if isinstance(support, str):
            support = [support]
        if not isinstance(support, list) or not all(isinstance(s, str) for s in support):
            f.error(f"{name}.support", "NA711", f'"support" của nhiệm vụ thứ {i + 1} phải là danh '
                    "sách tên cơ quan")
            support = []
        deadline, deadline_text = _task_deadline(f, item, "deadline", name)
        completed, _ = _task_deadline(f, item, "completed", name, phrase_allowed=False)
        status = _task_text(f, item, "status", name)
        if status is not None and status not in TASK_STATUSES:
            f.error(f"{name}.status", "NA712", f'trạng thái "{status}" của nhiệm vụ thứ {i + 1} '
                    f"không hợp lệ; chọn một trong: {', '.join(TASK_STATUSES)}"
                    f"{did_you_mean(status, TASK_STATUSES)}")
            status = None
        if lead is None or action is None:
            continue
        entries.append(TaskEntry(
            lead=lead, action=action, support=tuple(" ".join(nfc(s).split()) for s in support),
            deadline=deadline, deadline_text=deadline_text, status=status, completed=completed,
            report=_task_text(f, item, "report", name), point=_task_text(f, item, "point", name),
            line=f.line(name)))
    return tuple(entries)


def _task_text(f: _Fields, item: dict, key: str, prefix: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        f.error(f"{prefix}.{key}", "NA711", f'"{key}" của {_task_name(prefix)} phải là chuỗi, '
                f"không phải {_kind(value)}")
        return None
    text = " ".join(nfc(str(value)).split())
    return text or None


def _task_name(prefix: str) -> str:
    return f"nhiệm vụ thứ {int(prefix.rsplit('.', 1)[1]) + 1}"


def _task_deadline(f: _Fields, item: dict, key: str, prefix: str, phrase_allowed: bool = True,
                   ) -> tuple[dt.date | None, str | None]:
    """A day (YYYY-MM-DD), or for a deadline a phrase with no day ("hằng tháng")."""
    value = item.get(key)
    if value is None:
        return None, None
    date = parse_iso(value)
    if date is not None:
        return date, None
    text = " ".join(nfc(str(value)).split()) if isinstance(value, (str, int, float)) else ""
    if phrase_allowed and text and not looks_like_date(text) and not isinstance(value, (int,
                                                                                         float)):
        return None, text
    hint = suggest_iso(text)
    f.error(f"{prefix}.{key}", "NA713", f'"{key}" của {_task_name(prefix)} phải là ngày dạng '
            f"YYYY-MM-DD{' (ví dụ ' + hint + ')' if hint else ''}"
            f"{', hoặc một cụm từ như “hằng tháng”' if phrase_allowed else ''}, không phải "
            f"{value!r}")
    return None, None


def _closes(f: _Fields, data: dict) -> tuple[Closing, ...]:
    """`closes:` — earlier notices (or one of their points) whose tasks this one reports done."""
    raw = data.get("closes")
    if raw is None:
        return ()
    if isinstance(raw, (str, dict)):
        raw = [raw]
    if not isinstance(raw, list):
        f.error("closes", "NA711", 'trường "closes" phải là danh sách số thông báo, ví dụ '
                '["145/TB-VPUBND"] hoặc [{notice: "145/TB-VPUBND", point: "2"}]')
        return ()
    out = []
    for i, item in enumerate(raw):
        name = f"closes.{i}"
        if isinstance(item, str) and item.strip():
            out.append(Closing(" ".join(nfc(item).split()), None, f.line(name)))
            continue
        if isinstance(item, dict):
            for key in item:
                if key not in CLOSING_KEYS:
                    f.error(f"{name}.{key}", "NA711", f'trường "{key}" trong "closes" không hợp '
                            f"lệ ({', '.join(CLOSING_KEYS)}){did_you_mean(str(key), CLOSING_KEYS)}")
            number = item.get("notice")
            point = item.get("point")
            if isinstance(number, str) and number.strip():
                out.append(Closing(" ".join(nfc(number).split()),
                                   str(point).strip() if point is not None else None,
                                   f.line(name)))
                continue
        f.error(name, "NA711", f'mục thứ {i + 1} của "closes" phải là số thông báo hoặc '
                '{notice: "…", point: "…"}')
    return tuple(out)
