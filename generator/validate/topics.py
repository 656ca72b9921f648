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


# What a vocabulary calls its entries, in messages: (the entry, its slug error, its entry error,
# an example slug, the name's description).
NAMES = ("chủ đề", "NA303", "NA302", "an-toan-giao-thong", "tên tiếng Việt")


def vocabulary_entries(data: dict, keys: tuple[str, ...], error, names=NAMES):
    """(slug, entry, name, aliases) of each well-formed entry of a slug → mapping vocabulary
    (topics.yml, agencies.yml); every malformed one reported through `error`."""
    what, slug_code, entry_code, example, name_hint = names
    for slug, entry in data.items():
        slug_text = str(slug)
        if not isinstance(slug, str) or not SLUG.match(slug):
            error(slug_text, slug_code, f'slug {what} "{slug_text}" không hợp lệ: chỉ dùng chữ '
                  f"thường không dấu, số và dấu gạch ngang (ví dụ {example})")
            continue
        if not isinstance(entry, dict):
            error(slug, entry_code, f'{what} "{slug}" phải là một nhóm trường (name, aliases, '
                  "…), không phải một giá trị đơn")
            continue
        for key in entry:
            if key not in keys:
                error(f"{slug}.{key}", entry_code, f'trường "{key}" của {what} "{slug}" không '
                      f"hợp lệ{did_you_mean(str(key), keys)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            error(slug, entry_code, f'{what} "{slug}" thiếu "name" ({name_hint})')
            continue
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            error(f"{slug}.aliases", entry_code, f'"aliases" của {what} "{slug}" phải là danh '
                  "sách chuỗi")
            aliases = []
        yield (slug, entry, " ".join(nfc(name).split()),
               tuple(" ".join(nfc(a).split()) for a in aliases if a.strip()))


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
    for slug, entry, name, aliases in vocabulary_entries(doc.data, TOPIC_KEYS, error, NAMES):
        parent = entry.get("parent")
        description = entry.get("description") or ""
        topics[slug] = Topic(
            slug=slug, name=name, aliases=aliases,
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
