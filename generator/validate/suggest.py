"""Did-you-mean suggestions for misspelled keys and slugs."""

from __future__ import annotations

import difflib
from typing import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (có phải "title"?)' when a choice is close enough, else ''."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (có phải "{match[0]}"?)' if match else ""
