"""Punctuation marks counted in ten classes (VOICE-METRICS §2.2).

Why these rules: the entropy over classes measures "varied texture" only if marks that are
not punctuation (decimals, URL colons, hyphens in compounds) are left out.

Typography never decides a count: a dash is a dash however it was typed (``—``, ``–``,
``--``, ``---``, or a hyphen with a space on each side), quotes count the same straight or
curly, and an ellipsis the same as ``…``, ``...`` or ``. . .``. So a writer whose editor
(or whose publisher) curls quotes and joins dashes gets the same numbers as one who types
plain ASCII.
"""

from __future__ import annotations

import math
import re

CLASSES = ("comma", "period", "question", "exclamation", "semicolon", "colon", "dash", "parenthesis",
           "quote", "ellipsis")

#: three dots (spaced or not) or the glyph; a fourth dot is a full stop, as after "…"
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_PERIOD_IN_WORD = re.compile(r"\.(?=\w)")
#: a dash of any typography, except between two digits ("1990–2000", "pp. 3--7": a range)
_DASH_FORMS = r"(?:—|–|(?<!-)-{2,3}(?!-))"
_DASH = re.compile(rf"(?<!\d){_DASH_FORMS}|{_DASH_FORMS}(?!\d)|(?<=\w) - (?=\w)")
_URL_COLON = "://"
#: Marks of other typographies counted as the class they belong to: full-width CJK forms,
#: Arabic and Devanagari marks, guillemets and low quotes, and the doubled "‼" / "⁉" glyphs
#: (one glyph, two marks, as "!!" and "!?" are). The CJK full stop is followed by a space so
#: that "去了。然后" is a full stop, not a period inside a word.
_OTHER_TYPOGRAPHY = str.maketrans({
    "。": ". ", "．": ". ", "।": ". ", "॥": ". ", "۔": ". ", "！": "!", "？": "?", "؟": "?", "，": ",",
    "、": ",", "،": ",", "；": ";", "؛": ";", "：": ":", "（": "(", "‼": "!!", "⁇": "??", "⁈": "?!",
    "⁉": "!?", "«": '"', "»": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "―": "—",
})
_OTHER_MARKS = frozenset("。．।॥۔！？؟，、،；؛：（‼⁇⁈⁉«»„‟「」『』―")


def count_marks(text: str) -> tuple[tuple[int, ...], int]:
    """Counts per class (in :data:`CLASSES` order) and the number of dashes (of any typography).

    The second number equals the dash class; it is kept apart because the report's
    ``em_dash_per_1000_words`` reads it (the name is historical: it counts every dash).
    """
    if not text.isascii() and not _OTHER_MARKS.isdisjoint(text):
        text = text.translate(_OTHER_TYPOGRAPHY)
    ellipses = 0
    rest = text
    if "…" in text or ".." in text or ". ." in text:
        rest, ellipses = _ELLIPSIS.subn(" ", text)  # "but...I" and "but…I": no full stop either way
    periods = rest.count(".")
    if periods:
        periods -= len(_PERIOD_IN_WORD.findall(rest))
        periods = max(periods, 0)
    dashes = len(_DASH.findall(text)) if ("—" in text or "-" in text or "–" in text) else 0
    em = dashes
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
        ellipses,
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
