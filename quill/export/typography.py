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
    out = []
    prev = before
    for ch in text:
        if ch == '"':
            ch = "“" if (not prev or prev in _OPENERS or prev in "“‘") else "”"
        elif ch == "'":
            ch = "‘" if (not prev or prev in _OPENERS or prev in "“") else "’"
        out.append(ch)
        prev = ch
    return "".join(out)


def _between_digits(text: str, m: re.Match[str]) -> bool:
    return m.start() > 0 and text[m.start() - 1].isdigit() and m.end() < len(text) and text[m.end()].isdigit()
