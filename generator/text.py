"""Vietnamese text primitives shared by every stage: NFC, tone-mark placement, folding, slugs.

Every place that compares, indexes or slugs Vietnamese text goes through these functions so that
the CLI search, the in-browser search, URLs and validation agree on what "the same word" means.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# The five Vietnamese tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_QUALITY_VOWELS = frozenset("ăâêôơư")
_WORD = re.compile(r"[^\W\d_]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Compose text to NFC; cheap when it already is (the common case)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def strip_tone(syllable: str) -> tuple[str, str | None]:
    """Split an NFC syllable into its toneless NFC form and its tone mark (or None)."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONE_MARKS:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _tone_position(toneless: str) -> int | None:
    """Index of the letter that carries the tone under the modern rule ("hoà", "thuỷ").

    Old and new placement differ only for oa/oe/uy; choosing one rule and re-placing every tone
    makes "hòa" and "hoà" the same string.
    """
    low = toneless.lower()
    positions = [i for i, ch in enumerate(low) if ch in _VOWELS]
    if not positions:
        return None
    # "qu" and "gi" + vowel: the u / i belong to the initial consonant.
    if len(positions) > 1 and positions[0] == 1 and (low.startswith("qu") or low.startswith("gi")):
        positions = positions[1:]
    # Only the first contiguous vowel run is the nucleus.
    run = [positions[0]]
    for p in positions[1:]:
        if p == run[-1] + 1:
            run.append(p)
        else:
            break
    quality = [p for p in run if low[p] in _QUALITY_VOWELS]
    if quality:
        return quality[-1]  # "ươ" → ơ, "uyê" → ê, "iê" → ê
    if len(run) == 1:
        return run[0]
    has_final = run[-1] + 1 < len(low)
    cluster = "".join(low[p] for p in run)
    if has_final or cluster in ("oa", "oe", "uy"):
        return run[-1]
    if len(run) == 3:
        return run[1]
    return run[0]


def _place_tone(word: str) -> str:
    toneless, tone = strip_tone(word)
    if tone is None:
        return word
    pos = _tone_position(toneless)
    if pos is None:
        return word
    return unicodedata.normalize("NFC", toneless[:pos + 1] + tone + toneless[pos + 1:])


def unify_tones(text: str) -> str:
    """Re-place every tone mark by one rule, so old and new spellings compare equal."""
    text = nfc(text)
    return _WORD.sub(lambda m: _place_tone(m.group(0)), text)


def lowered(text: str) -> str | None:
    """text.lower(), when a case-sensitive search of it finds what a case-insensitive one finds
    in the text, at the same offsets; else None.

    Case-insensitive matching of Vietnamese is slow in `re` (each character is case-folded as it
    is compared). For a pattern of lower-case letters it matches exactly the characters that
    lower() turns into them, but for "ı" and "ſ", which `re` takes for "i" and "s", and "İ",
    which lower() makes two characters (tests/test_text.py checks every code point).
    """
    low = text.lower()
    return low if len(low) == len(text) and "ı" not in low and "ſ" not in low else None


class Caseless:
    """A case-insensitive pattern of lower-case words, searched in `lowered` text when it can."""

    def __init__(self, pattern: str, words: tuple[str, ...] = ()):
        """`words`: one of them is in every match (lower case), so a text without any has none."""
        self.ignorecase = re.compile(pattern, re.IGNORECASE)
        self.lower = re.compile(pattern)
        self.words = words

    @classmethod
    def whole_words(cls, words: tuple[str, ...]) -> "Caseless":
        """Any of `words` as a whole word: "(?<!\\w)(?:a|b)(?!\\w)"."""
        return cls(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)", words)

    def _absent(self, low: str | None) -> bool:
        # A substring search is a fast scan of memory; the pattern is tried at every position.
        return low is not None and bool(self.words) and not any(w in low for w in self.words)

    def search(self, text: str, low: str | None):
        if self._absent(low):
            return None
        return self.lower.search(low) if low is not None else self.ignorecase.search(text)

    def finditer(self, text: str, low: str | None, end: int | None = None):
        end = len(text) if end is None else end
        if self._absent(low):
            return iter(())
        return self.lower.finditer(low, 0, end) if low is not None else \
            self.ignorecase.finditer(text, 0, end)


def fold(text: str) -> str:
    """Lower-case and remove every diacritic, with đ/Đ → d: "Đề án" → "de an"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def canonical(text: str) -> str:
    """The exact-accent comparison form: NFC, lower case, unified tone placement."""
    return unify_tones(text.lower())


# Names Windows (and static hosts backed by it) refuses as a file or folder name, with or
# without an extension.
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", "conin", "conout", "clock"}
                           | {f"{dev}{n}" for dev in ("com", "lpt") for n in range(10)})
MAX_SLUG = 80  # one URL segment; file systems allow 255 bytes, browsers and hosts prefer less


def slugify(text: str, fallback: str = "x") -> str:
    """ASCII slug: "125/TB-VPUBND" → "125-tb-vpubnd", "Đề án 06" → "de-an-06".

    Always a safe single path segment: only a-z, 0-9 and inner hyphens (no "/", no "..", no
    NUL), never a reserved device name ("con" → "con-x"), at most MAX_SLUG characters (a long
    slug keeps a hash of the whole, so two long texts that differ late stay different).
    """
    slug = _SLUG_JUNK.sub("-", fold(nfc(text))).strip("-")
    if not slug:
        return fallback
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha1(slug.encode("ascii")).hexdigest()[:8]
        slug = slug[:MAX_SLUG - len(digest) - 1].rstrip("-") + "-" + digest
    if slug in RESERVED_NAMES:
        slug += "-x"
    return slug
