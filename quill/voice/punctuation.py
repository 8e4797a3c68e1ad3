"""Punctuation marks counted in ten classes (VOICE-METRICS §2.2).

Why these rules: the entropy over classes measures "varied texture" only if marks that are
not punctuation (decimals, URL colons, hyphens in compounds, number ranges) are left out,
and a typed ``--`` counts as the dash it stands for.
"""

from __future__ import annotations

import math
import re

CLASSES = ("comma", "period", "question", "exclamation", "semicolon", "colon", "dash", "parenthesis",
           "quote", "ellipsis")

_ELLIPSIS = re.compile(r"\.(?:\s?\.){2,}|…")
_PERIOD_IN_WORD = re.compile(r"\.(?=\w)")
_DASH = re.compile(r"—|(?<=\w)\s*--\s*(?=\w)|(?<=\w) – (?=\w)|(?<=\w) - (?=\w)")
_URL_COLON = "://"


def count_marks(text: str) -> tuple[tuple[int, ...], int]:
    """Counts per class (in :data:`CLASSES` order) and the number of U+2014 em dashes."""
    ellipses = _ELLIPSIS.findall(text) if ("." in text or "…" in text) else ()
    dots_in_ellipses = sum(e.count(".") for e in ellipses)
    periods = text.count(".") - dots_in_ellipses
    if periods:
        periods -= len(_PERIOD_IN_WORD.findall(text))
        periods = max(periods, 0)
    em = text.count("—")
    dashes = len(_DASH.findall(text)) if (em or "-" in text or "–" in text) else 0
    counts = (
        text.count(","),
        periods,
        text.count("?"),
        text.count("!"),
        text.count(";"),
        text.count(":") - text.count(_URL_COLON),
        dashes,
        text.count("("),
        text.count('"') + text.count("“") + text.count("”"),
        len(ellipses),
    )
    return counts, em


def entropy(counts: tuple[int, ...] | list[int]) -> float | None:
    """Shannon entropy in bits over the mark classes; None when there are no marks."""
    total = sum(counts)
    if total <= 0:
        return None
    h = 0.0
    for c in counts:
        if c:
            p = c / total
            h -= p * math.log2(p)
    return h + 0.0
