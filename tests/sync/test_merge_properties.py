"""Merging by paragraph never changes a word the writer did not choose to change: taking one side
everywhere gives that side back (the writer's exactly; theirs but for blank lines between
paragraphs, which are taken from the writer's), and taking both keeps every line of each side,
whatever the text holds (emoji, combining marks, RTL, U+2028 line separators, NEL, form feeds,
trailing spaces, which are a line break in markdown)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.library.sync_conflicts import BOTH, THEIRS, merge, stretches

# Texts as load_text gives them: "\n" line endings, anything else as it was in the file.
pieces = st.sampled_from(["a", "b", "word", " ", "  ", "\t", "\n", "\n\n", "# T\n", "🌊", "👩‍👩‍👧", "e\u0301",
                          "\u05e9\u05dc\u05d5\u05dd", "\u2028", "\u0085", "\x0c", "\x1e", "\u00a0", "\U0002a6d6"])
texts = st.lists(pieces, max_size=30).map("".join)


def lines(text: str) -> list[str]:
    """The text's lines but its blank ones (empty, or spaces and tabs only)."""
    return [line for line in text.split("\n") if line.strip(" \t")]


@settings(max_examples=600, deadline=None)
@given(mine=texts, theirs=texts)
def test_one_side_everywhere_is_that_side(mine: str, theirs: str):
    parts = stretches(mine, theirs)
    assert merge(parts, {}) == mine
    assert lines(merge(parts, {i: THEIRS for i, part in enumerate(parts) if part.differs})) == lines(theirs)


@settings(max_examples=600, deadline=None)
@given(mine=texts, theirs=texts)
def test_both_everywhere_keeps_every_line_of_each_side(mine: str, theirs: str):
    parts = stretches(mine, theirs)
    merged = Counter(lines(merge(parts, {i: BOTH for i, part in enumerate(parts) if part.differs})))
    assert not Counter(lines(mine)) - merged
    assert not Counter(lines(theirs)) - merged


def test_a_line_separator_inside_a_paragraph_is_not_a_paragraph_break():
    mine = "One line\u2028still the same paragraph.\n\nMine.\n"
    theirs = "One line\u2028still the same paragraph.\n\nTheirs.\n"
    parts = stretches(mine, theirs)
    merged = merge(parts, {i: THEIRS for i, part in enumerate(parts) if part.differs})
    assert merged == theirs
