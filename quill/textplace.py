"""Keeping the writer's place when the text changes under them (another device's version loaded).

Why: reloading a piece another machine changed kept the cursor at the same *number*, so a
paragraph added above it on the laptop moved the writer's place into the middle of other words.
The place is carried through the change instead: the text before it is what it was when the
change is elsewhere.
"""

from __future__ import annotations


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (binary search over slice comparisons: C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def carry_position(old: str, new: str, index: int) -> int:
    """Where the place ``index`` (in code points) of ``old`` is in ``new``.

    A change after the place leaves it where it is; a change before it moves it by the change's
    length, so it stays before the same words; a place inside the changed stretch stays as far
    into it as the new stretch allows.
    """
    index = max(0, min(index, len(old)))
    prefix = _common_prefix(old, new)
    if index <= prefix:
        return index
    # Where repeated text makes the change ambiguous ("aaaaa" → "a": which four letters went?),
    # the smallest change can sit anywhere along the repeat. A place the change can be put before
    # stays where it is (above); one it can be put after keeps the same text after it.
    shorter = min(len(old), len(new))
    suffix = _common_suffix(old, new, shorter)
    if index >= len(old) - suffix:
        return index + len(new) - len(old)
    unchanged = min(prefix + suffix, shorter)  # the text either side of the smallest change
    return prefix + min(index - prefix, len(new) - unchanged)


__all__ = ["carry_position"]
