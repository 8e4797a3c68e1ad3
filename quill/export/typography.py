"""Printer's quotes and dashes for what leaves Quill as a finished page (HTML, PDF, rich text).

Why only on the way out: the page never changes what the writer typed (no smart quotes while
writing, no auto-correction), but a reader of the exported essay expects “curly” quotes
and real dashes. Markdown and plain-text exports stay exactly as typed. Code is never touched
(the renderer only passes prose text nodes here).
"""

from __future__ import annotations

import re

_OPENERS = " \t\n\u00a0([{<—–-/"
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_EM = re.compile(r"(?<!-)-{2,3}(?!-)")
#: what an apostrophe, not an opening quote, stands before at the start of a word: a dropped
#: letter or century ('90s, rock 'n' roll, 'Tis the season, 'em). As an opening quote it was turned
#: the wrong way, ‘90s (found on a review).
_ELIDED = re.compile(r"(?:\d|(?:n|tis|twas|twere|twill|em|cause|til|bout|cept|neath|tween|fore|round|ere)(?![^\W\d_]))",
                     re.IGNORECASE)
#: feet and inches, 5'10": primes, not a closing quote after a digit
_FEET_INCHES = re.compile(r"(?<=\d)'(\d{1,2}(?:\.\d+)?)\"")


_URL = re.compile(r"(?:https?://|ftp://|www\.|mailto:)\S+")


def smarten(text: str, before: str = " ") -> str:
    """``text`` with typographic quotes, dashes and ellipses (web addresses left alone).
    ``before`` is the character just before it on the page (the end of the previous text run),
    so a quote after *emphasis* still closes."""
    if not any(c in text for c in "\"'-."):
        return text
    if "://" in text or "www." in text or "mailto:" in text:
        out, last, prev = [], 0, before
        for m in _URL.finditer(text):
            piece = _smarten_prose(text[last:m.start()], prev)
            out.extend((piece, m.group()))
            prev = m.group()[-1]
            last = m.end()
        out.append(_smarten_prose(text[last:], prev))
        return "".join(out)
    return _smarten_prose(text, before)


def _smarten_prose(text: str, before: str) -> str:
    if not text:
        return text
    text = _ELLIPSIS.sub("…", text)
    text = _EM.sub(lambda m: "–" if _between_digits(text, m) else "—", text)
    if "'" in text and '"' in text:
        text = _FEET_INCHES.sub("′\\1″", text)
    out = []
    prev = before
    for index, ch in enumerate(text):
        if ch == '"':
            ch = "“" if (not prev or prev in _OPENERS or prev in "“‘") else "”"
        elif ch == "'":
            opens = not prev or prev in _OPENERS or prev in "“"
            ch = "‘" if opens and not _ELIDED.match(text, index + 1) else "’"
        out.append(ch)
        prev = ch
    return "".join(out)


def _between_digits(text: str, m: re.Match[str]) -> bool:
    return m.start() > 0 and text[m.start() - 1].isdigit() and m.end() < len(text) and text[m.end()].isdigit()
