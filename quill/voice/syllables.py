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
from array import array
from collections.abc import Iterable
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


class ExceptionTable:
    """Word → syllables for the shipped rows, looked up like a dict, kept as one sorted string.

    Why not a dict: 18,000 rows as a dict of strings were 1.4 MB resident for as long as the voice
    panel lived (issue 20); here they are ~0.3 MB (the words end to end, where each starts, the
    counts). A lookup is a binary search, ~15 string comparisons, made once per word form: the
    results are memoised by :func:`syllables`.
    """

    __slots__ = ("_counts", "_starts", "_words")

    def __init__(self, rows: Iterable[tuple[str, int]]) -> None:
        table = dict(rows)  # a word given twice keeps its last count, as a dict would
        ordered = sorted(table)
        self._words = "".join(ordered)
        starts = array("I", [0])
        for word in ordered:
            starts.append(starts[-1] + len(word))
        self._starts = starts
        self._counts = array("H", [table[word] for word in ordered])

    def __len__(self) -> int:
        return len(self._counts)

    def _find(self, word: str) -> int:
        """The row of ``word``, or -1."""
        words, starts = self._words, self._starts
        lo, hi = 0, len(self._counts)
        while lo < hi:
            mid = (lo + hi) // 2
            if words[starts[mid]:starts[mid + 1]] < word:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._counts) and words[starts[lo]:starts[lo + 1]] == word:
            return lo
        return -1

    def get(self, word: str, default: int | None = None) -> int | None:
        i = self._find(word)
        return self._counts[i] if i >= 0 else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) >= 0

    def __getitem__(self, word: str) -> int:
        i = self._find(word)
        if i < 0:
            raise KeyError(word)
        return self._counts[i]

    def items(self) -> Iterable[tuple[str, int]]:
        words, starts = self._words, self._starts
        for i, n in enumerate(self._counts):
            yield words[starts[i]:starts[i + 1]], n


@cache
def exceptions() -> ExceptionTable:
    """The shipped CMU-derived rows (word -> syllables); empty if the file is missing."""
    try:
        with gzip.open(resource_path("voice", "syllables.json.gz"), "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, ValueError):
        return ExceptionTable(())
    return ExceptionTable((word, int(count)) for count, words in payload.get("by_count", {}).items()
                          for word in words.split())


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
