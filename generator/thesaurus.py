"""The administrative thesaurus: what staff type → what notices say, as data.

The project ships one (generator/index/thesaurus.yml); an archive adds its own words in
notices/thesaurus.yml, in the same four sections:

    abbreviations: {PCTT: phòng, chống thiên tai}    each way: "phòng chống thiên tai" finds PCTT
    synonyms:      [[bồi thường, đền bù], ...]        each member finds the others
    related:       {ngập lụt: [thiên tai, ...]}       one way: the staff's word → the notices'
    narrower:      {dịch bệnh: [sốt xuất huyết, ...]} one way: the broad word → narrower ones

`table` compiles both into what the query language reads (query_language.json's
`understanding`, generator/index/understand.py and na-search.js): folded phrase → alternatives
with the rule that gives them. Shared by validate (NA721–NA722), index and render.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import difflib
import re

import yaml

from .text import fold, nfc

SHIPPED_PATH = Path(__file__).parent / "index" / "thesaurus.yml"
SECTIONS = ("abbreviations", "synonyms", "related", "narrower")
RULES = {"abbreviations": "abbreviation", "synonyms": "synonym", "related": "synonym",
         "narrower": "narrower"}
MAX_WORDS = 10  # a longer entry is a sentence, not a term


@dataclass(frozen=True)
class Relation:
    source: str            # as written (NFC)
    targets: tuple[str, ...]
    section: str           # one of SECTIONS
    key: str = ""          # where it is in the file ("related.ngập lụt"), for messages


_SYLLABLE = re.compile(r"[^\W_]+")   # the analyzer's syllables (generator/index/analysis.py)


def key_of(text: str) -> str:
    """A term as the thesaurus compares it: folded syllables, one space apart ("GD&ĐT" → "gd dt")."""
    return " ".join(fold(s) for s in _SYLLABLE.findall(nfc(text)))


def _did_you_mean(word: str, choices) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (có phải "{match[0]}"?)' if match else ""


def read(data, report: Callable[[str, str, str], None]) -> list[Relation]:
    """The relations of one thesaurus file's YAML data; each malformed part is reported as
    report(key, code, message) and left out."""
    out: list[Relation] = []
    if data in (None, {}):
        return out
    if not isinstance(data, dict):
        report("", "NA721", "thesaurus.yml phải là bảng gồm các mục: " + ", ".join(SECTIONS))
        return out
    for section, entries in data.items():
        if section not in SECTIONS:
            report(str(section), "NA721", f'mục "{section}" của thesaurus.yml không hợp lệ'
                   f"{_did_you_mean(str(section), SECTIONS)}; chỉ dùng: {', '.join(SECTIONS)}")
            continue
        if entries is None:
            continue
        if section == "synonyms":
            if not isinstance(entries, list):
                report(section, "NA721", '"synonyms" phải là danh sách các nhóm từ đồng nghĩa, '
                       "mỗi nhóm là một danh sách, ví dụ [bồi thường, đền bù]")
                continue
            for i, group in enumerate(entries):
                terms = _terms(group, f"{section}[{i + 1}]", report, minimum=2)
                for j, term in enumerate(terms):
                    out.append(Relation(term, terms[:j] + terms[j + 1:], section, section))
            continue
        if not isinstance(entries, dict):
            report(section, "NA721", f'"{section}" phải là bảng từ → danh sách từ, ví dụ '
                   + ("PCTT: phòng, chống thiên tai" if section == "abbreviations"
                      else "ngập lụt: [thiên tai, lũ lụt]"))
            continue
        for source, targets in entries.items():
            where = f"{section}.{source}"
            source_terms = _terms([source], where, report)
            terms = _terms(targets, where, report)
            if not source_terms or not terms:
                continue
            out.append(Relation(source_terms[0], terms, section, where))
            if section == "abbreviations":   # the full form also finds the abbreviation
                for term in terms:
                    out.append(Relation(term, source_terms, section, where))
    return out


def _terms(value, where: str, report, minimum: int = 1) -> tuple[str, ...]:
    values = [value] if isinstance(value, (str, int)) else value
    if not isinstance(values, list) or not all(isinstance(v, (str, int)) for v in values):
        report(where, "NA721", f'"{where}" phải là một từ hoặc danh sách từ (chuỗi)')
        return ()
    out = []
    for v in values:
        text = " ".join(nfc(str(v)).split())
        words = key_of(text).split()
        if not words:
            report(where, "NA722", f'"{where}": "{text}" không có chữ nào để tìm')
            continue
        if len(words) > MAX_WORDS:
            report(where, "NA722", f'"{where}": "{text}" dài quá {MAX_WORDS} âm tiết; '
                   "từ điển ghi thuật ngữ, không ghi câu")
            continue
        out.append(text)
    if len(values) < minimum:
        report(where, "NA721", f'"{where}" cần ít nhất {minimum} từ')
        return ()
    return tuple(out) if len(out) >= minimum else ()


@lru_cache(maxsize=1)
def shipped() -> tuple[Relation, ...]:
    data = yaml.safe_load(SHIPPED_PATH.read_text(encoding="utf-8"))
    problems: list[str] = []
    relations = read(data, lambda key, code, message: problems.append(f"{code} {message}"))
    if problems:   # the shipped file is the project's own: a mistake in it is a bug
        raise ValueError("; ".join(problems))
    return tuple(relations)


def table(relations: Iterable[Relation]) -> dict[str, list[list[str]]]:
    """Folded term → [[folded alternative, rule], ...], sorted, each alternative once (the first
    rule wins: abbreviation, then synonym, then narrower)."""
    order = {"abbreviation": 0, "synonym": 1, "narrower": 2}
    found: dict[str, dict[str, str]] = {}
    for r in relations:
        key = key_of(r.source)
        rule = RULES[r.section]
        alts = found.setdefault(key, {})
        for target in r.targets:
            alt = key_of(target)
            if alt and alt != key and (alt not in alts or order[rule] < order[alts[alt]]):
                alts[alt] = rule
    return {k: [[alt, rule] for alt, rule in sorted(v.items(), key=lambda i: (order[i[1]], i[0]))]
            for k, v in sorted(found.items())}


def archive_table(extra: Iterable[Relation] = ()) -> dict[str, list[list[str]]]:
    """The shipped thesaurus with an archive's own words (notices/thesaurus.yml) added."""
    return table([*shipped(), *extra])


def for_vocabulary(full: dict[str, list[list[str]]], vocabulary) -> dict[str, list[list[str]]]:
    """`full` with only the alternatives whose every syllable the archive has, and only the
    terms left with one: what an archive can use (an alternative it lacks matches nothing).
    Both engines read this: the CLI filters by its index's words, the export by its own, which
    are the same words."""
    out = {}
    for k, alts in full.items():
        kept = [a for a in alts if all(w in vocabulary for w in a[0].split())]
        if kept:
            out[k] = kept
    return out
