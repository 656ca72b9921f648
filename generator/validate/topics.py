"""notices/topics.yml → the topic vocabulary (slug → Topic), with a diagnostic per bad entry."""

from __future__ import annotations

import re

from ..diagnostics import ERROR, Diagnostic
from ..load import TopicsDocument
from ..model import Topic
from ..text import nfc
from .suggest import did_you_mean

TOPIC_KEYS = ("name", "aliases", "parent", "description")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def build_topics(doc: TopicsDocument) -> tuple[dict[str, Topic], list[Diagnostic]]:
    diagnostics = list(doc.diagnostics)
    topics: dict[str, Topic] = {}

    def error(key: str, code: str, message: str) -> None:
        diagnostics.append(Diagnostic(doc.path, doc.lines.get(key, 1), 1, ERROR, code, message,
                                      key))

    if not isinstance(doc.data, dict):
        if not diagnostics:
            error("", "NA302", "topics.yml phải là bảng slug → {name, aliases, description}")
        return topics, diagnostics
    for slug, entry in doc.data.items():
        slug_text = str(slug)
        if not isinstance(slug, str) or not SLUG.match(slug):
            error(slug_text, "NA303", f'slug chủ đề "{slug_text}" không hợp lệ: chỉ dùng chữ '
                  "thường không dấu, số và dấu gạch ngang (ví dụ an-toan-giao-thong)")
            continue
        if not isinstance(entry, dict):
            error(slug, "NA302", f'chủ đề "{slug}" phải có name, aliases, description (mapping)')
            continue
        for key in entry:
            if key not in TOPIC_KEYS:
                error(f"{slug}.{key}", "NA302", f'trường "{key}" của chủ đề "{slug}" không hợp lệ'
                      f"{did_you_mean(str(key), TOPIC_KEYS)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            error(slug, "NA302", f'chủ đề "{slug}" thiếu "name" (tên tiếng Việt)')
            continue
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            error(f"{slug}.aliases", "NA302", f'"aliases" của chủ đề "{slug}" phải là danh sách '
                  "chuỗi")
            aliases = []
        parent = entry.get("parent")
        description = entry.get("description") or ""
        topics[slug] = Topic(
            slug=slug, name=" ".join(nfc(name).split()),
            aliases=tuple(" ".join(nfc(a).split()) for a in aliases if a.strip()),
            parent=parent if isinstance(parent, str) else None,
            description=" ".join(nfc(str(description)).split()),
        )
    for topic in topics.values():
        if topic.parent is not None and topic.parent not in topics:
            error(f"{topic.slug}.parent", "NA304", f'chủ đề cha "{topic.parent}" của '
                  f'"{topic.slug}" không tồn tại{did_you_mean(topic.parent, topics)}')
    _check_parent_cycles(topics, error)
    return topics, diagnostics


def _check_parent_cycles(topics: dict[str, Topic], error) -> None:
    for slug in topics:
        seen = {slug}
        current = topics[slug].parent
        while current in topics:
            if current in seen:
                error(f"{slug}.parent", "NA304", f'chủ đề "{slug}" nằm trong vòng lặp chủ đề cha')
                break
            seen.add(current)
            current = topics[current].parent
