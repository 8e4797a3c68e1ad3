"""Sentence rhythm: spread, local contrast, fragments and staccato runs (VOICE-METRICS §2.1).

The spread itself (population SD over mean) is summed by the engine from ΣL and ΣL² as exact
integers, so it does not depend on the order the engine met the paragraphs in.
"""

from __future__ import annotations

from collections.abc import Sequence

FRAGMENT_MAX = 4
LONG_MIN = 30
STACCATO_MAX = 6
STACCATO_RUN = 3


def masd(lengths: Sequence[int]) -> float:
    """Mean absolute successive difference divided by the mean."""
    n = len(lengths)
    diffs = sum(abs(lengths[i] - lengths[i - 1]) for i in range(1, n))
    return (diffs / (n - 1)) / (sum(lengths) / n)


def staccato_runs(lengths: Sequence[int]) -> int:
    """Number of maximal runs of ≥3 consecutive sentences of ≤6 words."""
    runs = 0
    current = 0
    for x in lengths:
        if x <= STACCATO_MAX:
            current += 1
            if current == STACCATO_RUN:
                runs += 1
        else:
            current = 0
    return runs
