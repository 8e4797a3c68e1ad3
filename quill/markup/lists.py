"""Where a list item's text starts, by CommonMark's rule: the one measure the page and the voice share.

An item's later paragraphs are indented under its text, and what is indented four columns past
that text is code nested in the item. The page (``quill.ui.editor.highlighter``) and the voice
(``quill.markup.prose``) both need the column; worked out apart, they drifted on tabs.
"""

from __future__ import annotations


def indent_columns(line: str) -> int:
    """How many columns ``line``'s indent takes (a tab reaches the next multiple of four); 0 for a
    blank line."""
    body = line.lstrip(" \t")
    return len(line[:len(line) - len(body)].expandtabs(4)) if body else 0


def item_text_column(line: str, marker_end: int) -> int:
    """The column where the text of the item whose marker (``-``, ``1.``, a definition's ``:``)
    ends at ``marker_end`` in ``line`` starts: after one to four columns of spaces or tabs; one
    past the marker when more follow (the rest is code in the item) or nothing does."""
    at = len(line[:marker_end].expandtabs(4))
    rest = line[marker_end:]
    body = rest.lstrip(" \t")
    if not body:
        return at + 1
    gap = len(line[:marker_end + len(rest) - len(body)].expandtabs(4)) - at
    return at + (gap if gap <= 4 else 1)
