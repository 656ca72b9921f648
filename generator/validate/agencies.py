"""notices/agencies.yml → the agency vocabulary (slug → Agency), with a diagnostic per bad entry."""

from __future__ import annotations

import datetime as dt

from ..agencies import key
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..load import TopicsDocument
from ..model import AGENCY_KINDS, Agency, Scope
from ..text import nfc
from .suggest import did_you_mean
from .topics import vocabulary_entries

AGENCY_KEYS = ("name", "aliases", "kind", "parent", "succeeded_by", "since", "description")
# Top-level keys of agencies.yml that are settings of the vocabulary, not agencies.
SCOPE_KEYS = ("jurisdiction", "abbreviations")


def build_scope(doc: TopicsDocument) -> tuple[Scope, list[Diagnostic]]:
    """`jurisdiction:` (a name or a list: "tỉnh Hậu Giang", "thành phố Cần Thơ") and
    `abbreviations:` (short form → spelt out) of agencies.yml."""
    diagnostics: list[Diagnostic] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    places = data.get("jurisdiction") or []
    if isinstance(places, str):
        places = [places]
    if not isinstance(places, list) or not all(isinstance(p, str) and p.strip() for p in places):
        diagnostics.append(Diagnostic(doc.path, doc.lines.get("jurisdiction", 1), 1, ERROR,
                                      "NA701", '"jurisdiction" phải là tên địa phương hoặc danh '
                                      'sách tên (ví dụ "tỉnh Hậu Giang")', "jurisdiction"))
        places = []
    short = data.get("abbreviations") or {}
    if not isinstance(short, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in short.items()):
        diagnostics.append(Diagnostic(doc.path, doc.lines.get("abbreviations", 1), 1, ERROR,
                                      "NA701", '"abbreviations" phải là bảng chữ viết tắt → tên '
                                      'đầy đủ (ví dụ "TN&MT": "Tài nguyên và Môi trường")',
                                      "abbreviations"))
        short = {}
    return Scope(tuple(nfc(p.strip()) for p in places),
                 tuple((nfc(k), nfc(v.strip())) for k, v in short.items())), diagnostics


def build_agencies(doc: TopicsDocument) -> tuple[dict[str, Agency], list[Diagnostic]]:
    diagnostics = list(doc.diagnostics)
    agencies: dict[str, Agency] = {}

    def report(key_: str, code: str, message: str, severity: str = ERROR) -> None:
        diagnostics.append(Diagnostic(doc.path, doc.lines.get(key_, 1), 1, severity, code,
                                      message, key_ or None))

    if doc.data in (None, {}):
        return agencies, diagnostics
    if not isinstance(doc.data, dict):
        report("", "NA701", "agencies.yml phải là bảng slug → {name, aliases, kind, …}")
        return agencies, diagnostics
    entries = {k: v for k, v in doc.data.items() if k not in SCOPE_KEYS}
    for slug, entry, name, aliases in vocabulary_entries(
            entries, AGENCY_KEYS, report, ("cơ quan", "NA702", "NA701",
                                            "so-giao-thong-van-tai", "tên đầy đủ")):
        kind = entry.get("kind", "khac")
        if kind not in AGENCY_KINDS:
            report(f"{slug}.kind", "NA701", f'"kind" của cơ quan "{slug}" phải là một trong: '
                   f"{', '.join(AGENCY_KINDS)}{did_you_mean(str(kind), AGENCY_KINDS)}")
            kind = "khac"
        since = entry.get("since")
        if since is not None and not isinstance(since, dt.date):
            report(f"{slug}.since", "NA703", f'"since" của cơ quan "{slug}" phải là ngày dạng '
                   "YYYY-MM-DD")
            since = None
        successor = entry.get("succeeded_by")
        if successor is not None and not isinstance(successor, str):
            successor = None
        if successor and since is None:
            report(f"{slug}.succeeded_by", "NA703", f'cơ quan "{slug}" có "succeeded_by" nhưng '
                   'thiếu "since" (ngày cơ quan kế thừa bắt đầu)')
        parent = entry.get("parent")
        agencies[slug] = Agency(
            slug=slug, name=name, aliases=aliases,
            kind=kind, parent=parent if isinstance(parent, str) else None,
            succeeded_by=successor, since=since if isinstance(since, dt.date) else None,
            description=" ".join(nfc(str(entry.get("description") or "")).split()))
    for agency in agencies.values():
        for field_name in ("parent", "succeeded_by"):
            target = getattr(agency, field_name)
            if target is not None and target not in agencies:
                report(f"{agency.slug}.{field_name}", "NA703", f'"{field_name}" của cơ quan '
                       f'"{agency.slug}" là "{target}", không có trong agencies.yml'
                       f"{did_you_mean(target, agencies)}")
        seen, current = {agency.slug}, agency.succeeded_by
        while current in agencies:
            if current in seen:
                report(f"{agency.slug}.succeeded_by", "NA703", f'cơ quan "{agency.slug}" nằm '
                       "trong vòng lặp kế thừa (succeeded_by)")
                break
            seen.add(current)
            current = agencies[current].succeeded_by
    owner: dict[tuple[str, ...], str] = {}
    for agency in agencies.values():
        for name in (agency.name, *agency.aliases):
            k = key(name)
            other = owner.setdefault(k, agency.slug)
            if other != agency.slug:
                report(f"{agency.slug}.aliases", "NA704", f'tên "{name}" của cơ quan '
                       f'"{agency.slug}" trùng với cơ quan "{other}"; văn bản nêu tên này sẽ '
                       f'được hiểu là "{other}"', WARNING)
    return agencies, diagnostics
