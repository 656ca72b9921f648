"""The query syntax staff type, parsed leniently: no input is an error.

    de an 06             words: every one must match, accents optional
    "an toàn giao thông" a phrase (an unclosed quote closes at the end)
    so:125/TB  125/TB    a notice number, exact or prefix at a / or - ("125/TB" → 125/TB-VPUBND)
    topic:pccc  year:2024  signer:"Lưu Ngọc Đông"  issuer:...  chair:...

The field prefixes and the ranking constants are data (query_language.json), shared with the
site's search script, which parses by the same rules; tests/search_vectors.json holds queries
with their parsed form, checked against both implementations.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..text import fold, nfc, slugify
from .analysis import folded_words, initials, syllables

SPEC_PATH = Path(__file__).with_name("query_language.json")


@lru_cache(maxsize=1)
def spec() -> dict:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def prefixes() -> dict[str, dict]:
    """Folded prefix ("nguoiky") → its field entry of the spec."""
    return {p: f for f in spec()["fields"] for p in f["prefixes"]}


# A prefix is letters only ("signer:", "người_ký:" is not one); the value is a quoted string (an
# unclosed quote runs to the end) or everything up to the next space or quote.
_TOKEN = re.compile(r'(?P<field>[^\W\d_]+):(?P<fval>"[^"]*"?|[^\s"]*)'
                    r'|"(?P<phrase>[^"]*)"?'
                    r'|(?P<word>[^\s"]+)')
_NUMBER = re.compile(r"^[0-9]+[/\\]\S*$")
_DIGITS = re.compile(r"[0-9]+")


def is_digits(word: str) -> bool:
    return _DIGITS.fullmatch(word) is not None


def fold_number(number: str) -> str:
    """"125/TB-VPUBND" → "125/tb-vpubnd", "QĐ" → "qd": numbers compared folded, unspaced."""
    return fold(nfc(number)).replace(" ", "").replace("\\", "/")


@dataclass(frozen=True)
class Clause:
    kind: str                 # word | phrase | number | field
    words: tuple[str, ...]    # folded syllables (number: empty)
    typed: tuple[str, ...] = ()   # the syllables as typed, lower case: accents, display
    field: str = ""           # kind == "field": the spec's field name
    value: str = ""           # number: folded number; field: the value as typed (year: digits)

    def as_json(self) -> dict:
        out: dict = {"kind": self.kind, "words": list(self.words)}
        if self.field:
            out["field"] = self.field
        if self.value:
            out["value"] = self.value
        return out


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def loose(self) -> list[Clause]:
        """Clauses a partial match may miss (field prefixes stay required)."""
        return [c for c in self.clauses if c.kind != "field"]

    def pairs(self, skip: frozenset[int] | set[int] = frozenset()) -> list[tuple[str, str]]:
        """Syllables adjacent in the query: neighbouring plain words, and inside phrases.
        A notice where they are adjacent too ranks higher (proximity). `skip`: clauses left out
        (optional words of a question)."""
        out: list[tuple[str, str]] = []
        previous: Clause | None = None
        for i, c in enumerate(self.clauses):
            if i in skip:
                previous = None
                continue
            if c.kind == "phrase":
                out += list(zip(c.words, c.words[1:]))
            if c.kind == "word" and previous is not None and previous.kind == "word":
                out.append((previous.words[-1], c.words[0]))
            previous = c
        return list(dict.fromkeys(out))

    def highlight_words(self) -> set[str]:
        """Folded syllables to highlight in snippets."""
        words: set[str] = set()
        for c in self.clauses:
            if c.kind != "field" or prefixes_kind(c.field) == "words":
                words.update(c.words)
        return words

    def as_json(self) -> list[dict]:
        return [c.as_json() for c in self.clauses]


def fields_digest() -> str:
    """A short digest of the field prefixes of the spec (part of the index version)."""
    import hashlib
    data = json.dumps(spec()["fields"], sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:8]


def word_fields() -> list[dict]:
    """The spec's fields of kind "words": each is a text field of the index."""
    return [f for f in spec()["fields"] if f["kind"] == "words"]


def field_value(notice, source: str) -> str:
    """A notice attribute by its dotted path ("signer.name"); a list is joined, absent is ""."""
    value = notice
    for part in source.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    if isinstance(value, (list, tuple)):
        return " · ".join(str(v) for v in value if v)
    return str(value)


def prefixes_kind(name: str) -> str:
    return next((f["kind"] for f in spec()["fields"] if f["name"] == name), "")


def parse(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    for m in _TOKEN.finditer(nfc(text or "")):
        if m.group("field") is not None:
            entry = prefixes().get(fold(m.group("field")))
            value = m.group("fval").strip('"').strip()
            if entry is None:  # "Lưu:" or "http:" is text, not a field
                _add_words(parsed, m.group(0))
            elif value:
                clause = _field_clause(entry, value)
                if clause is not None:
                    parsed.clauses.append(clause)
        elif m.group("phrase") is not None:
            _add_phrase(parsed, m.group("phrase"))
        else:
            _add_words(parsed, m.group("word"))
    return parsed


def _field_clause(entry: dict, value: str) -> Clause | None:
    kind, name = entry["kind"], entry["name"]
    if kind == "number":
        number = fold_number(value).strip("/-.")
        return Clause("field", (), field=name, value=number) if number else None
    if kind == "year":
        digits = "".join(ch for ch in value if ch in "0123456789")
        return Clause("field", (), field=name, value=digits) if digits else None
    words = tuple(folded_words(value))
    if not words:
        return None
    return Clause("field", words, field=name, value=value)


def _add_phrase(parsed: ParsedQuery, text: str) -> None:
    words = tuple(folded_words(text))
    if words:
        typed = tuple(s.lower() for _, _, s in syllables(text))
        parsed.clauses.append(Clause("word" if len(words) == 1 else "phrase", words, typed))


def _add_words(parsed: ParsedQuery, token: str) -> None:
    if _NUMBER.match(token):
        token = token.rstrip(".,;)")
        number = fold_number(token).strip("/-.")
        parsed.clauses.append(Clause("number", tuple(folded_words(token)), value=number))
        return
    # "Đề-án", "tai-nạn": several syllables in one token are a phrase
    _add_phrase(parsed, token)


# --- numbers ---------------------------------------------------------------------------------

_NUMBER_PARTS = re.compile(r"[/\-.]")


def number_keys(number: str) -> list[str]:
    """What a notice's number is found by: each prefix ending at a separator and the whole
    ("125", "125/tb", "125/tb-vpubnd"), and each part that is not a number (":tb",
    ":vpubnd"), so `so:vpubnd` finds the office's notices."""
    folded = fold_number(number)
    keys = [folded[:m.start()] for m in _NUMBER_PARTS.finditer(folded) if m.start()]
    keys.append(folded)
    keys += [":" + p for p in _NUMBER_PARTS.split(folded) if p and not is_digits(p)]
    return list(dict.fromkeys(keys))


def number_query_keys(value: str) -> list[str]:
    """The keys a number query needs, all of them: "125/tb" → ["125/tb"]; a value that does not
    start with a digit names parts of the number ("kh-ubnd" → [":kh", ":ubnd"])."""
    if not value:
        return []
    if value[0] in "0123456789":
        return [value]
    return [":" + p for p in _NUMBER_PARTS.split(value) if p]


# --- topics ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Synonyms:
    """Topic names, aliases and the acronyms staff type for them, from topics.yml."""
    topics: Mapping[str, dict]
    by_acronym: Mapping[str, tuple[str, ...]]   # "pccc" → (topic slugs)

    @classmethod
    def from_topics(cls, topics: Mapping[str, dict]) -> "Synonyms":
        return cls(topics, acronym_table(topics))

    def resolve_topic(self, value: str) -> list[str]:
        """A topic given as slug, name, alias or acronym → slugs."""
        return resolve_topic(self.topics, self.by_acronym, value)


def acronym_table(topics: Mapping[str, dict]) -> dict[str, tuple[str, ...]]:
    acr: dict[str, set[str]] = {}
    for slug, t in topics.items():
        for name in [t["name"], *t.get("aliases", ())]:
            words = folded_words(name)
            key = initials(name) if len(words) > 1 else (words[0] if words else "")
            if len(key) >= 3 and not is_digits(key):
                acr.setdefault(key, set()).add(slug)
    return {k: tuple(sorted(v)) for k, v in sorted(acr.items())}


def resolve_topic(topics: Mapping[str, dict], by_acronym: Mapping[str, tuple[str, ...]],
                  value: str) -> list[str]:
    key = " ".join(folded_words(value))
    found = [slug for slug, t in topics.items()
             if slugify(value) == slug
             or any(" ".join(folded_words(n)) == key for n in [t["name"], *t.get("aliases", ())])]
    if not found and key:
        found = list(by_acronym.get(key.replace(" ", ""), ()))
    return sorted(found)
