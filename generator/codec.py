"""The model as JSON data and back, for the memos in the cache folder.

Plain lists and strings only: reading a memo can build a Notice or a Diagnostic, never run code
(which is what unpickling does). A value of the wrong shape raises, and the memo is dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from .diagnostics import Diagnostic
from .match import DocumentMention
from .model import Closing, ExtractedTask, Meeting, Notice, Signer, TaskEntry

_NOTICE_FIELDS = [f.name for f in fields(Notice) if f.init]
_DATES = {"date"}
_TUPLES = {"recipients", "topics", "related", "review"}  # tuples in Notice: a list would change its repr, which keys memos


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def encode_notice(notice: Notice) -> dict:
    data = {}
    for name in _NOTICE_FIELDS:
        value = getattr(notice, name)
        if name in _DATES:
            value = _date(value)
        elif name == "meeting" and value is not None:
            value = [_date(value.date), value.location, value.chair, value.chair_title]
        elif name == "signer" and value is not None:
            value = [value.name, value.title, value.authority]
        elif name in _TUPLES:
            value = list(value)
        elif name == "lines":
            value = dict(value)
        elif name == "tasks" and value is not None:
            value = [[t.lead, t.action, list(t.support), _date(t.deadline), t.deadline_text,
                      t.status, _date(t.completed), t.report, t.point, t.line] for t in value]
        elif name == "closes":
            value = [[c.notice, c.point, c.line] for c in value]
        data[name] = value
    return data


def decode_notice(data: dict) -> Notice:
    values = {}
    for name in _NOTICE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in _DATES:
            value = _parse_date(value)
        elif name == "meeting" and value is not None:
            value = Meeting(_parse_date(value[0]), *value[1:])
        elif name == "signer" and value is not None:
            value = Signer(*value)
        elif name in _TUPLES:
            value = tuple(_strings(value))
        elif name == "lines":
            value = {str(k): int(v) for k, v in value.items()}
        elif name == "tasks" and value is not None:
            value = tuple(TaskEntry(str(r[0]), str(r[1]), tuple(_strings(r[2])),
                                    _parse_date(r[3]), r[4], r[5], _parse_date(r[6]), r[7], r[8],
                                    int(r[9])) for r in value)
        elif name == "closes":
            value = tuple(Closing(str(r[0]), r[1], int(r[2])) for r in value)
        values[name] = value
    for name in ("source", "title", "type", "status", "classification", "body", "digest"):
        if not isinstance(values.get(name), str):
            raise ValueError(f"memo: {name} is not text")
    return Notice(**values)


def _strings(values) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("memo: expected a list of text")
    return values


def encode_diagnostic(d: Diagnostic) -> list:
    return [d.path, d.line, d.column, d.severity, d.code, d.message, d.field]


def decode_diagnostic(row: list) -> Diagnostic:
    path, line, column, severity, code, message, field = row
    if not (isinstance(line, int) and isinstance(column, int)):
        raise ValueError("memo: bad position")
    return Diagnostic(str(path), line, column, str(severity), str(code), str(message),
                      None if field is None else str(field))


def encode_result(result: tuple) -> list:
    """(Notice | None, [Diagnostic]) of one file."""
    notice, diagnostics = result
    return [encode_notice(notice) if notice is not None else None,
            [encode_diagnostic(d) for d in diagnostics]]


def decode_result(data: list) -> tuple:
    notice, diagnostics = data
    return (decode_notice(notice) if notice is not None else None,
            [decode_diagnostic(d) for d in diagnostics])


def encode_mentions(mentions: list[DocumentMention]) -> list:
    return [[m.start, m.end, m.kind, m.number, m.label, m.key, m.year] for m in mentions]


def decode_mentions(rows: list) -> list[DocumentMention]:
    return [DocumentMention(int(r[0]), int(r[1]), str(r[2]), r[3], str(r[4]), str(r[5]), r[6])
            for r in rows]


def encode_tasks(tasks: tuple) -> list:
    """Tasks extracted from one body (model.ExtractedTask)."""
    return [[t.lead, t.lead_slug, list(t.support), list(t.support_slugs), t.action, t.text,
             _date(t.deadline), t.deadline_text, t.point, t.line, t.certain, t.external]
            for t in tasks]


def decode_tasks(rows: list) -> tuple:
    return tuple(ExtractedTask(str(r[0]), r[1], tuple(_strings(r[2])), tuple(r[3]), str(r[4]),
                               str(r[5]), _parse_date(r[6]), r[7], r[8], int(r[9]),
                               bool(r[10]) if len(r) > 10 else True,
                               bool(r[11]) if len(r) > 11 else False)
                 for r in rows)
