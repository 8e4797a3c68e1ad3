"""The section the panel shows is the one the cursor is in, wherever in it the cursor stands
(QA: with the cursor at the very start of a heading, the panel showed the section before it
and the one after, as one)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from quill.voice.panel_data import section_bounds

HEADING = re.compile(r"#{1,6}(?:[ \t\r]|$)")

LINES = st.sampled_from([
    "# Title", "## Second part", "###### Six", "####### seven is not a heading", "#hashtag is not one",
    "#", "#\r", "", "Some words.", "A line — with a dash; and more?", " # indented is still prose here",
    "Ελληνικά και עברית 👩‍👩‍👧", "e\u0301te\u0301", "## Ends with CR\r", "text\u2028more",
])


def expected(text: str, cursor: int) -> tuple[int, int]:
    """By the definition: a section runs from its heading's line start to the next heading's."""
    starts, offset = [], 0
    for line in text.split("\n"):
        if HEADING.match(line):
            starts.append(offset)
        offset += len(line) + 1
    start = max([0] + [h for h in starts if h <= cursor])
    end = min([len(text)] + [h for h in starts if h > cursor])
    return start, end


@given(st.lists(LINES, max_size=12).map("\n".join), st.data())
def test_the_section_is_the_one_around_the_cursor(text: str, data: st.DataObject) -> None:
    cursor = data.draw(st.integers(0, len(text)), label="cursor")
    start, end, title = section_bounds(text, cursor)
    assert (start, end) == expected(text, cursor)
    first_line = text[start:].split("\n", 1)[0]
    assert title == (first_line.lstrip("#").strip() if HEADING.match(first_line) else "")


def test_the_cursor_at_the_start_of_a_heading_is_in_that_heading_s_section() -> None:
    text = "# One\n\nFirst words.\n# Two\n\nSecond words.\n# Three\n\nThird."
    cursor = text.index("# Two")
    start, end, title = section_bounds(text, cursor)
    assert (text[start:end], title) == ("# Two\n\nSecond words.\n", "Two")
