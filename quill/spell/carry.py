"""Misspelling underlines carried through an edit of the paragraph being typed in.

The words of a paragraph are judged when typing pauses, never while the writer types. Between
pauses the paragraph's text changes on every key, and a paragraph whose text has not been
judged would have no underlines at all: every underline in it went at the first key and came
back at the next pause, a blink on every key for a writer typing four keys a second. So the
underlines of the version before the edit are carried to the new version, for the words the edit
cannot have changed: those whose run of non-space characters (the word with whatever punctuation,
apostrophes or markup touches it, up to a space or the paragraph's end on each side) reads the
same after the edit; the checker finds the words of such a run from the run alone. A word being
typed, or one the edit touched, gets no underline until the pause.

Tokenizing is local to a run of non-spaces except for markup that spans spaces (an inline code
span, a link's title, an HTML tag): a backtick typed far away can make an underlined word code,
and the carried underline then stays until the pause, when the paragraph is judged again.

Everything here is in Python code points.
"""

from __future__ import annotations

Spans = list[tuple[int, int]]


def carry_spans(before: str, spans: Spans, after: str) -> Spans:
    """``spans`` (underlined words of ``before``) that still stand for the same words in ``after``,
    moved to where those words are now."""
    if not spans:
        return []
    start = common_prefix(before, after)
    suffix = common_suffix(before, after, limit=min(len(before), len(after)) - start)
    end = len(before) - suffix  # the edit replaced before[start:end] (nothing, for an insertion)
    shift = len(after) - len(before)
    kept: Spans = []
    for first, last in spans:
        if last <= start and _same_run_after(before, last, after, last):
            kept.append((first, last))  # before the edit, its run of non-spaces as it was
        elif first >= end and _same_run_before(before, first, after, first + shift):
            kept.append((first + shift, last + shift))  # after it, likewise
    return kept


#: How far into a run of non-spaces the comparison looks: a longer run (a URL, a paragraph of a
#: script written without spaces) next to an edit loses its underlines until the pause.
_RUN_LIMIT = 64


def _same_run_after(a: str, i: int, b: str, j: int) -> bool:
    """Whether ``a`` from ``i`` and ``b`` from ``j`` hold the same characters up to a space (any
    space, or the end of the text) in both."""
    for _ in range(_RUN_LIMIT):
        a_ends = i >= len(a) or a[i].isspace()
        b_ends = j >= len(b) or b[j].isspace()
        if a_ends or b_ends:
            return a_ends and b_ends
        if a[i] != b[j]:
            return False
        i += 1
        j += 1
    return False


def _same_run_before(a: str, i: int, b: str, j: int) -> bool:
    """Whether ``a`` before ``i`` and ``b`` before ``j`` hold the same characters back to a space (any
    space, or the start of the text) in both."""
    for _ in range(_RUN_LIMIT):
        a_ends = i <= 0 or a[i - 1].isspace()
        b_ends = j <= 0 or b[j - 1].isspace()
        if a_ends or b_ends:
            return a_ends and b_ends
        if a[i - 1] != b[j - 1]:
            return False
        i -= 1
        j -= 1
    return False


def common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of ``a`` and ``b``, found by halving: each step
    compares two slices in C, where a character-by-character loop would run in Python."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix of ``a`` and ``b``, at most ``limit``."""
    low, high = 0, max(limit, 0)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle:len(a) - low] == b[len(b) - middle:len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low
