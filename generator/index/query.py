"""The query syntax staff type, parsed leniently (no input is an error) and turned into Whoosh
queries over the exact and folded fields.

    de an 06            words, AND by default, accents optional
    "an toàn giao thông" a phrase (syllable positions)
    so:125/TB  125/TB   a notice number, exact or prefix ("125/TB" finds 125/TB-VPUBND)
    topic:pccc  year:2024  signer:"Lưu Ngọc Đông"  issuer:...  chair:...

Unbalanced quotes close at the end, a lone `signer:` is ignored, punctuation is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from whoosh import query as Q

from .analysis import exact_words, folded_words, initials
from .schema import WORD_FIELDS
from .writer import fold_number

EXACT_BOOST = 2.0  # an exact-accent hit counts this much more than a folded one
NUMBER_BOOST = 40.0
COMMON_SCORE = 0.05  # the flat score of a common word's match outside the title  # a notice's own number outranks every mention of it in other notices

FIELD_NAMES = {
    "so": "number", "number": "number", "sohieu": "number",
    "topic": "topic", "chude": "topic",
    "signer": "signer", "nguoiky": "signer", "ky": "signer",
    "year": "year", "nam": "year",
    "issuer": "issuer", "coquan": "issuer",
    "chair": "chair", "chutri": "chair",
    "agency": "agency", "coquanchutri": "agency", "nhiemvu": "agency",
}

_TOKEN = re.compile(r'(?P<field>[^\W\d_]+):(?P<fval>"[^"]*"?|[^\s"]*)'
                    r'|"(?P<phrase>[^"]*)"?'
                    r'|(?P<word>[^\s"]+)')
_NUMBER = re.compile(r"^\d+[/\\]\S*$")


@dataclass(frozen=True)
class Clause:
    kind: str            # word | phrase | number | field
    text: str
    field: str = ""      # for kind == "field": number/topic/signer/year/issuer/chair


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.clauses

    def highlight_words(self) -> set[str]:
        """Folded syllables to highlight in snippets."""
        words: set[str] = set()
        for c in self.clauses:
            if c.kind in ("word", "phrase", "number") or c.field in ("signer", "chair", "issuer",
                                                                     "agency"):
                words.update(folded_words(c.text))
        return words


def parse(text: str) -> ParsedQuery:
    from ..text import fold, nfc
    parsed = ParsedQuery()
    for m in _TOKEN.finditer(nfc(text or "")):
        if m.group("field") is not None:
            name = FIELD_NAMES.get(fold(m.group("field")))
            value = m.group("fval").strip('"').strip()
            if name is None:  # "Lưu:" or "http:" is text, not a field
                _add_words(parsed, m.group(0))
            elif value and (name in ("number", "year") or folded_words(value)):
                parsed.clauses.append(Clause("field", value, name))
        elif m.group("phrase") is not None:
            words = folded_words(m.group("phrase"))
            if len(words) == 1:
                parsed.clauses.append(Clause("word", m.group("phrase").strip()))
            elif words:
                parsed.clauses.append(Clause("phrase", m.group("phrase").strip()))
        else:
            _add_words(parsed, m.group("word"))
    return parsed


def _add_words(parsed: ParsedQuery, token: str) -> None:
    if _NUMBER.match(token):
        parsed.clauses.append(Clause("number", token.rstrip(".,;)")))
        return
    words = folded_words(token)
    if len(words) > 1:  # "Đề-án", "06/QĐ-TTg": the syllables as a phrase
        parsed.clauses.append(Clause("phrase", token))
    elif words:
        parsed.clauses.append(Clause("word", token))


# --- Whoosh queries --------------------------------------------------------------------------

def _or(alts: list[Q.Query]) -> Q.Query:
    if len(alts) == 1:
        return alts[0]
    q = Q.Or(alts)
    # A lazy tree of unions lets an enclosing AND skip ahead; Whoosh's default for small
    # indexes preloads and scores every posting of every alternative (2-3x slower here).
    q.matcher_type = Q.Or.DEFAULT_MATCHER
    return q


def word_query(text: str, fields=WORD_FIELDS, common: bool = False) -> Q.Query:
    """One syllable in any of `fields`; its exact form (when the user typed accents) counts
    EXACT_BOOST times more than the folded form, which matches every spelling.

    A `common` word (in a large share of the notices: "tinh", "an") scores only in the title;
    elsewhere it just has to match. Its body weight is near zero anyway (low idf), and scoring
    thousands of postings in Python is what makes a query slow on a big archive.
    """
    exact, folded = exact_words(text)[0], folded_words(text)[0]
    alts: list[Q.Query] = []
    rest: list[Q.Query] = []
    for name in fields:
        target = rest if common and name != "title" else alts
        target.append(Q.Term(name, folded))
        if exact != folded and name != "topic_text":
            target.append(Q.Term(name, exact, boost=EXACT_BOOST))
    if rest:
        alts.append(Q.ConstantScoreQuery(_or(rest), COMMON_SCORE))
    return _or(alts)


def phrase_query(text: str, fields=WORD_FIELDS) -> Q.Query:
    exact, folded = exact_words(text), folded_words(text)
    alts: list[Q.Query] = []
    for name in fields:
        alts.append(Q.Phrase(name, folded))
        if exact != folded and name != "topic_text":
            alts.append(Q.Phrase(name, exact, boost=EXACT_BOOST))
    return _or(alts)


def number_query(text: str) -> Q.Query:
    folded = fold_number(text).rstrip("/-")
    if not folded[:1].isdigit():  # "so:qd", "so:KH-UBND": the code part, anywhere in the number
        return Q.Wildcard("number_f", f"*{folded}*", boost=NUMBER_BOOST) if folded else Q.NullQuery
    alts: list[Q.Query] = [Q.Term("number_f", folded, boost=NUMBER_BOOST),
                           Q.Prefix("number_f", folded, boost=NUMBER_BOOST)]
    if len(folded_words(text)) > 1:
        alts.append(phrase_query(text, ("title", "body")))
    return _or(alts)


@dataclass(frozen=True)
class Synonyms:
    """Acronyms staff type → what they stand for: from topics.yml names and aliases."""
    topics: Mapping[str, dict]
    by_acronym: Mapping[str, tuple[tuple[str, ...], ...]]   # "pccc" → (topic slugs)

    @classmethod
    def from_topics(cls, topics: Mapping[str, dict]) -> "Synonyms":
        acr: dict[str, set[str]] = {}
        for slug, t in topics.items():
            names = [t["name"], *t.get("aliases", ())]
            for name in names:
                words = folded_words(name)
                keys = {initials(name)} if len(words) > 1 else {words[0]} if words else set()
                for key in keys:
                    if len(key) >= 3 and not key.isdigit():
                        acr.setdefault(key, set()).add(slug)
        return cls(topics, {k: tuple(sorted(v)) for k, v in acr.items()})

    def expand(self, word: str) -> Q.Query | None:
        """"pccc" → the notices of its topics, and those spelling it out (indexed initials)."""
        folded = folded_words(word)[0] if folded_words(word) else ""
        slugs = self.by_acronym.get(folded)
        if not slugs:
            return None
        return _or([Q.Term("acronyms", folded), *(Q.Term("topics", s) for s in slugs)])

    def resolve_topic(self, value: str) -> list[str]:
        """A topic given as slug, name, alias or acronym → slugs."""
        from ..text import slugify
        key = " ".join(folded_words(value))
        found = []
        for slug, t in self.topics.items():
            names = [t["name"], *t.get("aliases", ())]
            if slugify(value) == slug or any(" ".join(folded_words(n)) == key for n in names):
                found.append(slug)
        if not found and folded_words(value):
            found.extend(self.by_acronym.get("".join(folded_words(value)), ()))
        return found


def clause_query(clause: Clause, synonyms: Synonyms, common: frozenset = frozenset()
                 ) -> Q.Query:
    if clause.kind == "word":
        q = word_query(clause.text, common=folded_words(clause.text)[0] in common)
        extra = synonyms.expand(clause.text)
        if folded_words(clause.text)[0].isdigit():
            extra = Q.Prefix("number_f", folded_words(clause.text)[0] + "/", boost=NUMBER_BOOST)
        return _or([q, extra]) if extra is not None else q
    if clause.kind == "phrase":
        return phrase_query(clause.text)
    if clause.kind == "number":
        return number_query(clause.text)
    name = clause.field
    if name == "number":
        return number_query(clause.text)
    if name == "year":
        digits = "".join(ch for ch in clause.text if ch.isdigit())
        return Q.Term("year", digits) if digits else Q.NullQuery
    if name == "topic":
        slugs = synonyms.resolve_topic(clause.text)
        if slugs:
            return Q.Or([Q.Term("topics", s) for s in slugs])
        return Q.And([word_query(w, ("topic_text",)) for w in _syllables(clause.text)])
    # signer / issuer / chair / agency: every word in that field
    return Q.And([word_query(w, (name,)) for w in _syllables(clause.text)])


def _syllables(text: str) -> list[str]:
    from .analysis import syllables
    return [s for _, _, s in syllables(text)]


def build(parsed: ParsedQuery, synonyms: Synonyms, common: frozenset = frozenset()
          ) -> Q.Query:
    parts = [clause_query(c, synonyms, common) for c in parsed.clauses]
    parts = [p for p in parts if p is not Q.NullQuery]
    if not parts:
        return Q.NullQuery
    return parts[0] if len(parts) == 1 else Q.And(parts)


def filters(synonyms: Synonyms, *, topic: str | None = None, year: int | str | None = None,
            date_from: dt.date | None = None, date_to: dt.date | None = None,
            issuer: str | None = None, signer: str | None = None) -> Q.Query | None:
    parts: list[Q.Query] = []
    if topic:
        slugs = synonyms.resolve_topic(topic)
        parts.append(Q.Or([Q.Term("topics", s) for s in slugs]) if slugs else Q.NullQuery)
    if year:
        parts.append(Q.Term("year", str(year)))
    if date_from or date_to:
        start = dt.datetime.combine(date_from, dt.time()) if date_from else None
        end = dt.datetime.combine(date_to, dt.time.max) if date_to else None
        parts.append(Q.DateRange("date", start, end))
    for value, name in ((issuer, "issuer"), (signer, "signer")):
        if value:
            words = _syllables(value)
            parts.append(Q.And([Q.Term(name, folded_words(w)[0]) for w in words])
                         if words else Q.NullQuery)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)
