"""What counts as a word in the library's lists and history.

Kept in one small function so it can later be swapped for the voice engine's counter
without touching the index or the CLI.
"""

from __future__ import annotations

import re

from quill.library.frontmatter import split_body

#: Letters or digits (any script), joined by inner hyphens or apostrophes: "won't", "well-known".
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
#: The same rule for pure-ASCII bytes, which the regex engine scans much faster.
_ASCII_WORD_RE = re.compile(rb"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")


def count_words(text: str) -> int:
    """Words in a piece's text, not counting its front matter."""
    return count_body_words(split_body(text) if text.startswith("---") else text)


def count_body_words(body: str) -> int:
    """Words in text known to hold no front matter (the indexer's fast path)."""
    if body.isascii():
        return len(_ASCII_WORD_RE.findall(body.encode("ascii")))
    return len(WORD_RE.findall(body))
