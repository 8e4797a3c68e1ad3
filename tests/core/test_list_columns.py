"""Where a list item's text starts: the column the page and the voice both measure indents from."""

from __future__ import annotations

import pytest

from quill.markup.lists import indent_columns, item_code_start, item_text_column


@pytest.mark.parametrize(("line", "marker_end", "column"), [
    ("- item", 1, 2),
    ("10. item", 3, 4),
    ("-   item", 1, 4),  # up to four spaces belong to the marker
    ("-     item", 1, 2),  # five: one does, the rest is code in the item
    ("- \titem", 1, 4),  # a tab after "-" reaches column four
    ("  - item", 3, 4),
    (":   a definition", 1, 4),
    ("-", 1, 2),  # an empty item
    ("-   ", 1, 2),
])
def test_an_items_text_column(line: str, marker_end: int, column: int) -> None:
    assert item_text_column(line, marker_end) == column


@pytest.mark.parametrize(("line", "columns"), [
    ("text", 0), ("    text", 4), ("\ttext", 4), ("  \ttext", 4), (" \t text", 5), ("\t\ttext", 8), ("   ", 0)])
def test_an_indent_in_columns(line: str, columns: int) -> None:
    assert indent_columns(line) == columns


@pytest.mark.parametrize(("line", "marker_end", "start"), [
    ("- item", 1, None), ("-    item", 1, None),  # up to four columns: the item's text
    ("-     x = 1", 1, 6), ("2.      y", 2, 8), ("- \t\tz", 1, 4), ("*\t  w", 1, 4),  # more: code
    ("-     ", 1, None), ("-", 1, None),  # nothing after the marker: no code
])
def test_where_the_code_an_item_opens_with_starts(line: str, marker_end: int, start: int | None) -> None:
    assert item_code_start(line, marker_end) == start
