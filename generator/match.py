"""Recognise things a notice's text names: topics (by name or alias) and documents (by number).

Shared by validation (a body mentions a topic it is not tagged with) and linking (references,
backlinks, external documents) and by the renderer (links in the body), so all three agree on
what a mention is. No stage imports here: this module only needs the model and text primitives.

Both matchers make one pass over a text with one compiled pattern, whatever the vocabulary size.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from .model import Topic
from .text import fold, nfc, slugify


@dataclass(frozen=True, slots=True)
class TopicMention:
    start: int          # offsets into the original text
    end: int
    slug: str


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)` plus, for each folded character, the index of the original character.

    Folding character by character keeps the map exact: one original character may fold to
    none (a stray combining mark) or several. The map is None when folding keeps every
    character in place (Vietnamese NFC text, the usual case): offsets are then the same.
    """
    folded = _fold_latin(text)
    if folded is not None:
        return folded, None
    folded = text.translate(_FOLDED)
    if len(folded) == len(text) and _UNEVEN.isdisjoint(text):
        return folded, None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = _FOLDED[ord(ch)]
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


def _fold_ascii(text: str) -> str:
    """fold() of text whose every character folds to one ASCII letter or sign, as C string
    operations (str.translate looks each character up in a dict: several times slower).

    Lower case, đ → d, decompose, then drop what is not ASCII: the tone and vowel marks, and any
    character that does not fold to ASCII, which makes the result shorter than the text.
    """
    low = text.lower()
    if "đ" in low:
        low = low.replace("đ", "d")
    return unicodedata.normalize("NFD", low).encode("ascii", "ignore").decode("ascii")


def _fold_latin(text: str) -> str | None:
    """fold(text) when every character folds to exactly one character, else None.

    Concatenating the folds of the characters is folding the whole text here: lower() depends
    on the neighbours only for a capital sigma (not ASCII, so never folded to ASCII), and
    decomposing reorders only combining marks, which are dropped. No character yields two ASCII
    characters (tests/test_links_match.py checks every code point), so a result as long as the
    text means each character gave exactly its fold. Typographic characters that fold to
    themselves (“ ” – …) are kept as they are, between folded pieces.
    """
    folded = _fold_ascii(text)
    if len(folded) == len(text):
        return folded
    kept = [c for c in set(text) if not _to_ascii(c)]
    if not all(_fold_char(c) == c for c in kept):
        return None
    pieces = re.split("([" + "".join(map(re.escape, kept)) + "])", text)
    folded = "".join(piece if i % 2 else _fold_ascii(piece) for i, piece in enumerate(pieces))
    return folded if len(folded) == len(text) else None


@functools.lru_cache(maxsize=4096)
def _to_ascii(ch: str) -> bool:
    """Whether one character folds to one ASCII character, the same both ways."""
    folded = _fold_ascii(ch)
    return len(folded) == 1 and folded == _fold_char(ch)


def _fold_char(ch: str) -> str:
    return _FOLDED[ord(ch)]


class _FoldTable(dict):
    """code point → its folded text, filled on first sight: one table for every text (a table
    made per text cost more than the folding, thousands of times per build)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = self[code] = fold(ch)
        if len(folded) != 1:
            _UNEVEN.add(ch)
        return folded


_FOLDED = _FoldTable()
_UNEVEN: set[str] = set()  # characters seen so far that fold to none or several


def _trie_pattern(phrases: Iterable[str]) -> str:
    """One regex for many folded phrases, as a character trie: shared prefixes are matched once,
    and at each point the longer continuation is tried first (leftmost-longest matching).
    A space in a phrase matches any run of white space in the text."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # may end here: try the longer phrase first
            return f"(?:{body})?"
        return body

    return emit(trie)


class TopicMatcher:
    """Finds topic names and aliases in text, case- and diacritic-insensitively.

    Matches are whole words, leftmost first and, at one position, the longest phrase wins, so
    "bảo vệ an ninh, trật tự ở cơ sở" is one mention, not "an ninh, trật tự" inside it.
    """

    def __init__(self, topics: Mapping[str, Topic]):
        phrases: dict[str, str] = {}
        for slug, topic in topics.items():
            for phrase in (topic.name, *topic.aliases):
                key = " ".join(fold(nfc(phrase)).split())
                if key:
                    phrases.setdefault(key, slug)  # the first topic to claim a phrase keeps it
        self._slug_of = phrases
        if phrases:
            body = _trie_pattern(phrases)
            self._pattern: re.Pattern | None = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        else:
            self._pattern = None

    def find(self, text: str) -> Iterator[TopicMention]:
        if self._pattern is None or not text:
            return
        folded, origin = fold_with_offsets(text)
        for m in self._pattern.finditer(folded):
            slug = self._slug_of.get(" ".join(m.group(0).split()))
            if slug is None:
                continue
            if origin is None:
                start, end = m.start(), m.end()
            else:
                start, end = origin[m.start()], origin[m.end() - 1] + 1
            yield TopicMention(start, end, slug)


# --- Documents cited by number (or, for laws, by name) -------------------------------------

# Kinds of documents that are cited as "<kind> [số] <number>", longest first.
DOCUMENT_KINDS = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Thông báo kết luận", "Nghị quyết",
    "Quyết định", "Nghị định", "Thông tư", "Chỉ thị", "Thông báo", "Kết luận", "Kế hoạch",
    "Công văn", "Công điện", "Chương trình", "Hướng dẫn", "Quy định", "Quy chế", "Thông tri",
    "Pháp lệnh", "Phương án", "Báo cáo", "Tờ trình", "Đề án",
)
# "98/TB-VPUBND", "12-NQ/TW", "06/QĐ-TTg", "88/2024/NĐ-CP", "3653/UBND-TNMT".
_NUMBER = r"\d{1,5}[a-z]?(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ0-9][A-Za-zĐđ0-9]*)*"
_KINDS = "|".join(re.escape(k) for k in DOCUMENT_KINDS)
_DATE = (r"(?:\s+ngày\s+(?:\d{1,2}[/.-]\d{1,2}[/.-](?P<y1>\d{4})"
         r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?P<y2>\d{4})))?")
# A cited number, then what stands before it: scanning for numbers first is much faster than
# trying every kind at every position. The kind is matched in any case ("thông báo số"), the
# number only as printed.
_CITED = re.compile(rf"(?<![\w/-])(?P<number>{_NUMBER})(?![\w/-]){_DATE}")
_KIND_BEFORE = re.compile(rf"(?<!\w)(?P<kind>(?i:{_KINDS}))(?:\s+(?i:số))?\s+$")
_KIND_WINDOW = 48  # longer than any kind, "số" and the spaces between
# "Đề án 06", "Đề án 06/CP": national programmes known by a short number.
_PROGRAMME = re.compile(r"(?<!\w)(?P<kind>Đề án)(?:\s+số)?\s+(?P<number>\d{1,4})(?:/CP)?(?![\w/-])",
                        re.IGNORECASE)
# "Luật Đất đai năm 2024": a law is named up to its year; without a year it is not recognised
# (its name alone cannot be told from the sentence that follows).
_PROGRAMME_NUMBER = re.compile(r"\d{1,4}/CP")
# Upper-case Latin letters, Vietnamese included (re has no \p{Lu}): a law's title starts with one.
_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())
_LAW = re.compile(rf"(?<!\w)Luật\s+(?P<name>[{_UPPER}][^.;:()\[\]\n“”\"*_]{{0,90}}?)\s+năm\s+"
                  r"(?P<year>\d{4})(?!\d)")


@dataclass(frozen=True, slots=True)
class DocumentMention:
    start: int
    end: int
    kind: str                 # "Thông báo", "Nghị quyết", "Luật", "Đề án", ... (as canonical)
    number: str | None        # "98/TB-VPUBND"; None for a law named by its title
    label: str                # how the document is named in lists: "Nghị quyết số 12-NQ/TW"
    key: str                  # ASCII identity: "nghi-quyet-12-nq-tw"
    year: int | None = None   # year of the cited document, when the text gives it


_KIND_CANONICAL = {fold(k): k for k in (*DOCUMENT_KINDS, "Luật")}


def _canonical_kind(text: str) -> str:
    return _KIND_CANONICAL.get(fold(" ".join(text.split())), text)


def find_documents(text: str) -> list[DocumentMention]:
    """Every document the text cites, in text order, without overlaps."""
    found: list[DocumentMention] = []
    for m in _CITED.finditer(text):
        window_start = max(0, m.start() - _KIND_WINDOW)
        before = _KIND_BEFORE.search(text, window_start, m.start())
        if before is None:
            continue
        kind = _canonical_kind(before.group("kind"))
        number = m.group("number")
        if kind == "Đề án" and _PROGRAMME_NUMBER.fullmatch(number):
            continue  # "Đề án 06/CP" is the programme "Đề án 06", below
        year = m.group("y1") or m.group("y2")
        found.append(DocumentMention(before.start(), m.end("number"), kind, number,
                                     f"{kind} số {number}", slugify(f"{kind} {number}"),
                                     int(year) if year else None))
    for m in _PROGRAMME.finditer(text):
        number = m.group("number")
        found.append(DocumentMention(m.start(), m.end(), "Đề án", number, f"Đề án {number}",
                                     slugify(f"de an {number}")))
    for m in _LAW.finditer(text):
        name = " ".join(m.group("name").split())
        label = f"Luật {name} năm {m.group('year')}"
        found.append(DocumentMention(m.start(), m.end(), "Luật", None, label, slugify(label),
                                     int(m.group("year"))))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DocumentMention] = []
    for doc in found:
        if kept and doc.start < kept[-1].end:
            continue
        kept.append(doc)
    return kept


def number_key(number: str) -> str:
    """How notice numbers are compared: case and the đ/Đ spelling do not matter."""
    return fold(nfc(number)).replace(" ", "")


def resolve_notice(mention: DocumentMention, candidates: Iterable) -> object | None:
    """The archived notice a mention names, among those sharing its number (by year if given)."""
    candidates = list(candidates)
    if not candidates:
        return None
    if mention.year is not None:
        same_year = [c for c in candidates if getattr(c, "year", None) == mention.year]
        if same_year:
            return same_year[0]
        return None
    return candidates[0]
