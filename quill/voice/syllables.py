"""Syllable counts for the readability formulas.

Why a table plus a heuristic: the CMU Pronouncing Dictionary is the accepted reference,
but shipping 135k entries is wasteful when a vowel-group heuristic already agrees on most
words. ``resources/voice/syllables.json.gz`` therefore holds only the words where the
heuristic is wrong (derived from CMU data, BSD-licensed, see LICENSE-cmudict.txt); every
other word, including words CMU does not know, uses the heuristic. Nothing is downloaded.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache

from quill.resources import resource_path

_NON_ALPHA = re.compile(r"[^a-z]")
_SUFFIX = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_VOWELS = re.compile(r"[aeiouy]{1,2}")


def heuristic_syllables(word: str) -> int:
    """Vowel-group estimate (VOICE-METRICS §2.4): ≥1, 1 for words of ≤3 letters or no Latin letters."""
    w = _NON_ALPHA.sub("", word.lower())
    if len(w) <= 3:
        return 1
    w = _SUFFIX.sub("", w)
    if w.startswith("y"):
        w = w[1:]
    return max(1, len(_VOWELS.findall(w)))


@cache
def exceptions() -> dict[str, int]:
    """The shipped CMU-derived rows (word -> syllables); empty if the file is missing."""
    try:
        with gzip.open(resource_path("voice", "syllables.json.gz"), "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, ValueError):
        return {}
    table: dict[str, int] = {}
    for count, words in payload.get("by_count", {}).items():
        n = int(count)
        for word in words.split():
            table[word] = n
    return table


_memo: dict[str, int] = {}


def syllables(word: str) -> int:
    """Syllables in a lowercase word token; memoised because prose repeats its words."""
    n = _memo.get(word)
    if n is None:
        key = word.replace("’", "'")
        n = exceptions().get(key)
        if n is None:
            n = heuristic_syllables(key)
        if len(_memo) < 500_000:
            _memo[word] = n
    return n
