"""Fitting a search snippet into a row of the library without losing sight of what matched. No Qt.

Why: a search result's second line is a snippet of the piece around its first match
(:func:`quill.library.index.make_snippet`), and the writer reads it to see *why* the piece came
up. Cut at the right edge like any other line, a narrow window or a match late in the snippet
lost the very word searched for, and nothing on the line said which words matched. So the
snippet is cut on both sides here, keeping its first match in view, and the matches' spans are
carried through the cuts for the row to mark them.

Widths come from the caller (``width_of``: the row's font metrics in the app, ``len`` in tests),
so this works in whatever unit the caller measures in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

ELLIPSIS = "…"
Spans = tuple[tuple[int, int], ...]


def fit_snippet(snippet: str, spans: Spans, room: float,
                width_of: Callable[[str], float]) -> tuple[str, Spans]:
    """``snippet`` cut to fit ``room`` (an ellipsis where text was left out), its first match kept
    whole when it fits at all, and ``spans`` moved to where the matches now are (clipped at a cut;
    a match cut away entirely is dropped)."""
    if width_of(snippet) <= room:
        return snippet, _clean(spans, len(snippet))
    text, offset = snippet, 0
    first = min(spans) if spans else None
    end = first[1] if first is not None else 0
    while 0 < end < len(snippet) and unicodedata.combining(snippet[end]):
        end += 1  # a match ending on a letter whose accent follows: the cut keeps both or neither
    if first is not None and width_of(snippet[:end] + ELLIPSIS) > room:
        # Leave out words before the first match until it fits (or it starts the line).
        start = _word_start_after(snippet, 0, first[0])
        while start < first[0] and width_of(ELLIPSIS + snippet[start:end] + ELLIPSIS) > room:
            start = _word_start_after(snippet, start, first[0])
        start = min(start, first[0])
        if start > 0:
            text, offset = ELLIPSIS + snippet[start:], start - len(ELLIPSIS)
    moved = tuple((a - offset, b - offset) for a, b in spans if b - offset > 0)
    if width_of(text) > room:
        prefix = text[:_longest_fitting_prefix(text, room - width_of(ELLIPSIS), width_of)]
        # Spaces before the ellipsis go, but never a matched one (a phrase searched for ends there).
        kept = prefix[:max([len(prefix.rstrip())] + [b for _a, b in moved if b <= len(prefix)])]
        moved = _clean(moved, len(kept))  # the ellipsis after it marks nothing
        text = kept + ELLIPSIS
    return text, _clean(moved, len(text))


def _clean(spans: Spans, length: int) -> Spans:
    """The spans that mark something within ``length``, in order, clipped to it."""
    return tuple(sorted((max(0, a), min(b, length)) for a, b in spans if min(b, length) > max(0, a)))


def _word_start_after(text: str, start: int, limit: int) -> int:
    """Where the next word after ``start`` begins (at most ``limit``)."""
    space = text.find(" ", start + 1, limit)
    if space < 0:
        return limit
    while space < limit and text[space] == " ":
        space += 1
    return space


def _longest_fitting_prefix(text: str, room: float, width_of: Callable[[str], float]) -> int:
    """The length of the longest prefix of ``text`` no wider than ``room``, never ending between a
    character and a combining mark that belongs to it."""
    low, high = 0, len(text)
    while low < high:  # widths grow with the prefix: a binary search
        middle = (low + high + 1) // 2
        if width_of(text[:middle]) <= room:
            low = middle
        else:
            high = middle - 1
    while 0 < low < len(text) and unicodedata.combining(text[low]):
        low -= 1  # "e" + U+0301: both or neither
    return low
