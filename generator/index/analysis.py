"""The one Vietnamese analyzer: NFC → syllables (with positions and offsets) → exact or folded.

Every place that searches uses these functions: the Whoosh schema (exact and folded fields), the
query parser, the snippet highlighter and the browser-index export, so a word means the same
thing everywhere. Syllables, not segmented words: segmenters disagree by tone style and rewrite
text, while syllables with positions give phrases and exact highlight offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from whoosh.analysis import Filter, Tokenizer
from whoosh.analysis.acore import Token

from ..text import canonical, fold, nfc

# Bump when tokens or forms change: every index built with another version is rebuilt.
ANALYZER_VERSION = 3

# Letters and digits (Python's \w without "_"); the browser uses [\p{L}\p{N}]+ on NFC text.
SYLLABLE = re.compile(r"[^\W_]+")


@lru_cache(maxsize=262144)
def forms(syllable: str) -> tuple[str, str]:
    """(exact, folded) forms of one syllable: ("Hoà" → "hòa", "hoa"). Cached: the vocabulary
    of an archive is small, the syllable stream long."""
    exact = canonical(syllable)
    return exact, fold(exact)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"   # huyền, sắc, ngã, hỏi, nặng


def accent_key(syllable: str) -> str:
    """One key per accented spelling whatever the tone placement ("hòa", "hoà" → "hoa1"): the
    letters with their vowel marks and đ, then the tone as a digit. The browser computes the same
    key (na-search.js) without porting the tone-placement rules."""
    decomposed = unicodedata.normalize("NFD", nfc(syllable).lower())
    tones = [TONE_MARKS.index(ch) + 1 for ch in decomposed if ch in TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    return base + (str(tones[0]) if tones else "")


def syllables(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, syllable) over NFC `text`; offsets index into nfc(text)."""
    for match in SYLLABLE.finditer(nfc(text)):
        yield match.start(), match.end(), match.group(0)


def syllable_list(text: str) -> list[str]:
    """The syllables of `text` as written (NFC), without offsets: the fast path."""
    return SYLLABLE.findall(nfc(text))


def folded_words(text: str) -> list[str]:
    return [forms(s)[1] for s in SYLLABLE.findall(nfc(text))]


def exact_words(text: str) -> list[str]:
    return [forms(s)[0] for s in SYLLABLE.findall(nfc(text))]


class SyllableTokenizer(Tokenizer):
    """Syllables of the NFC text, with positions and character offsets into the NFC text."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        value = nfc(value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        for pos, match in enumerate(SYLLABLE.finditer(value)):
            t.text = match.group(0)
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


class BothFormsFilter(Filter):
    """The exact form, and the folded form at the same position when it differs: "Hòa" →
    "hòa" + "hoa". A folded query finds both spellings, an exact one ranks its own first, and
    phrases work in either form, all in one field (half the postings of two fields)."""

    def __call__(self, tokens):
        for t in tokens:
            exact, folded = forms(t.text)
            t.text = exact
            yield t
            if folded != exact:
                t.text = folded
                yield t


def search_analyzer():
    return SyllableTokenizer() | BothFormsFilter()


def initials(text: str) -> str:
    """Folded initials of a phrase, numbers kept whole: "Phòng cháy, chữa cháy" → "pccc",
    "Đề án 06" → "da06". Staff type these acronyms."""
    out = []
    for word in folded_words(text):
        out.append(word if word.isdigit() else word[0])
    return "".join(out)


# Every part stops at the next delimiter of its own kind (no "\s*" across lines, no "[^\]]*"
# past another "["), so a long run of brackets, newlines or spaces is read once, not once per
# character.
_MARKDOWN_JUNK = re.compile(r"(^|\n)[ \t]*(?:#{1,6}|>)\s+|[*_`|]+|\[([^\][\n]*)\]\([^()\n]*\)")
_SPACES = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """The reading text of a Markdown body, one line: what snippets are cut from."""
    text = _MARKDOWN_JUNK.sub(lambda m: (m.group(1) or "") + (m.group(2) or "") + " "
                              if m.group(2) is not None or m.group(1) is not None else " ",
                              nfc(markdown))
    return _SPACES.sub(" ", text).strip()
