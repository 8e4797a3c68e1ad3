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
    at, gap, body = _after_marker(line, marker_end)
    if body == len(line):
        return at + 1
    return at + (gap if gap <= 4 else 1)


def item_code_start(line: str, marker_end: int) -> int | None:
    """Where in ``line`` the code its item opens with starts ("-     x = 1": more than four columns
    after the marker make the rest of the line indented code in the item); None when the item
    opens with text, or with nothing."""
    _, gap, body = _after_marker(line, marker_end)
    return body if gap > 4 else None


def _after_marker(line: str, marker_end: int) -> tuple[int, int, int]:
    """The marker's end column, the columns of space after it (0 when nothing follows), and
    the index in ``line`` where what follows starts (its length when nothing does)."""
    at = len(line[:marker_end].expandtabs(4))
    body = len(line) - len(line[marker_end:].lstrip(" \t"))
    if body == len(line):
        return at, 0, body
    return at, len(line[:body].expandtabs(4)) - at, body
