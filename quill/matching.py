"""Ranking what a writer types against a list of names: the palette, quick open, pickers.

Why ranked and forgiving: "finish" + Enter must run "Mark finished", not the first
command whose hidden keywords happen to contain the letters. A query word scores most
when it is a whole word of the title, then a word prefix, then a substring; hidden
keywords count less than the title; one slip of the keyboard (a letter missing, extra,
swapped or wrong) in a word of four letters or more still matches, for less. Every query
word must match somewhere, or the item is not shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

#: points per query word, by where and how it matched
TITLE_WORD, TITLE_PREFIX, TITLE_TYPO, TITLE_SUBSTRING = 10.0, 8.0, 5.0, 4.0
HIDDEN_WORD, HIDDEN_PREFIX, HIDDEN_TYPO, HIDDEN_SUBSTRING = 3.0, 2.5, 1.5, 1.0
#: the title starting with the query, and the query being the whole title
STARTS_BONUS, EXACT_BONUS = 3.0, 6.0


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def one_slip(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one insertion, deletion, substitution or swap."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _word_score(query: str, targets: Sequence[str], joined: str, scores: tuple[float, float, float, float]) -> float:
    whole, prefix, typo, substring = scores
    best = 0.0
    for target in targets:
        if target == query:
            return whole
        if target.startswith(query):
            best = max(best, prefix)
        elif len(query) >= 4 and any(one_slip(query, target[:n]) for n in {len(target), len(query) - 1,
                                                                           len(query), len(query) + 1}):
            best = max(best, typo)
    if not best and query in joined:
        best = substring
    return best


def score(query: str, title: str, hidden: str = "") -> float | None:
    """How well ``query`` matches an item called ``title`` with ``hidden`` keywords; None if not at all.

    An empty query matches everything with 0."""
    parts = words(query)
    if not parts:
        return 0.0
    title_words, hidden_words = words(title), words(hidden)
    title_joined, hidden_joined = " ".join(title_words), " ".join(hidden_words)
    total = 0.0
    for part in parts:
        got = _word_score(part, title_words, title_joined, (TITLE_WORD, TITLE_PREFIX, TITLE_TYPO, TITLE_SUBSTRING))
        if not got:
            got = _word_score(part, hidden_words, hidden_joined,
                              (HIDDEN_WORD, HIDDEN_PREFIX, HIDDEN_TYPO, HIDDEN_SUBSTRING))
        if not got:
            return None
        total += got
    typed = " ".join(parts)
    if title_joined.startswith(typed):
        total += STARTS_BONUS
    if title_joined == typed:
        total += EXACT_BONUS
    return total


def is_full_title(query: str, title: str) -> bool:
    """Has the writer typed the whole title (every word, in full)? Only then may Enter alone run
    something that cannot be undone."""
    return words(query) == words(title)
