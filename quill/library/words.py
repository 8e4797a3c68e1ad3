"""What counts as a word in the library's lists and history.

The same definition as the status line's (:func:`quill.textstats.count_words`): the body
without front matter, and markup syntax (link targets, HTML tags, footnote markers) is not
words. Only the counting is faster here, for whole books in the indexer.
"""

from __future__ import annotations

import re

from quill.library.frontmatter import body_start
from quill.textstats import WORD_RE, strip_markup  # one word rule (CJK characters count one each)

__all__ = ["CHUNK_CHARS", "WORD_RE", "count_body_words", "count_words"]
#: The same rule for pure-ASCII bytes, which the regex engine scans much faster.
_ASCII_WORD_RE = re.compile(rb"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")


def count_words(text: str) -> int:
    """Words in a piece's text, not counting its front matter."""
    return count_body_words(text[body_start(text):])


#: Text is counted in stretches of about this many characters. One regex call over a whole
#: book holds the GIL for tens of milliseconds, and the indexer runs beside the editor's GUI
#: thread after every save: a keystroke would wait that long.
CHUNK_CHARS = 32_768


def count_body_words(body: str) -> int:
    """Words in text known to hold no front matter (the indexer's fast path)."""
    total = 0
    start = 0
    while start < len(body):
        end = _chunk_end(body, start + CHUNK_CHARS)
        chunk = strip_markup(body[start:end])
        total += _count_ascii(chunk.encode("ascii")) if chunk.isascii() else len(WORD_RE.findall(chunk))
        start = end
    return total


def _chunk_end(body: str, end: int) -> int:
    """The first whitespace at or after ``end``: no word contains any, so none is cut in two."""
    match = _WHITESPACE.search(body, end) if end < len(body) else None
    return match.start() + 1 if match else len(body)


_WHITESPACE = re.compile(r"\s")


# Every byte becomes "a" (letter or digit), "j" (a joiner: - or ') or a space.
_CLASSES = bytes(
    ord("a") if chr(b).isascii() and chr(b).isalnum() else ord("j") if chr(b) in "-'" else ord(" ")
    for b in range(256)
)


def _count_ascii(data: bytes) -> int:
    """Exactly ``len(_ASCII_WORD_RE.findall(data))``, several times faster, using only bytes methods:
    runs of letters/digits, minus single joiners that glue two runs into one word."""
    classes = data.translate(_CLASSES)
    runs = classes.replace(b"j", b" ").count(b" a") + classes.startswith(b"a")
    if b"j" not in classes:
        return runs
    parts = classes.split(b"j")  # joiners are rare: a short Python loop over the pieces between them
    joins = sum(1 for left, right in zip(parts[:-1], parts[1:], strict=True)
                if left.endswith(b"a") and right.startswith(b"a"))
    return runs - joins
