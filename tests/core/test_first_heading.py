"""A piece's title is its first heading whether it is written ``# Title`` or underlined (setext),
as the preview and the outline (mistune) read it; the library list then shows the next line of
prose under it, not the title again nor its underline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quill.export.outline import outline
from quill.library.piece import first_line
from quill.markup.headings import first_heading


@pytest.mark.parametrize(("text", "title"), [
    ("A Setext Title\n==============\n\nWords.", "A Setext Title"),
    ("Smaller\n---\n\nWords.", "Smaller"),
    ("Two lines of\na title\n===", "Two lines of a title"),
    ("Words first.\n\n---\n\nAfter a rule.", ""),  # --- after a blank line is a rule
    ("- item\n---", ""),  # under a list item: a rule
    ("```\nCode\n===\n```\n\nReal\n===", "Real"),  # never inside fenced code
    ("Intro line\n\n# Atx later\n\nSetext later\n===", "Atx later"),
    ("# Title #\r\n\r\nBody", "Title"),
    ("שלום עולם\r===", "שלום עולם"),
    ("🙂 e\u0301clair\n---", "🙂 e\u0301clair"),
    ("#\n\nTitle\n===", "Title"),  # an empty ATX heading has no words to title anything
])
def test_first_heading(text: str, title: str) -> None:
    assert first_heading(text) == title


def test_the_library_list_shows_the_prose_under_a_setext_title() -> None:
    body = "A Setext Title\n==============\n\nThe first paragraph under it.\n"
    assert first_line(body, first_heading(body)) == "The first paragraph under it."


POOL = ["Title", "more words", "", "===", "---", "-", "= =", "# Atx", "- item", "+ plus",
        "  - nested", "1. one", "***", "    indented", "Text 🙂", "  ===", "שלום עולם", "e\u0301clair", "```"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_the_first_heading_is_the_outlines(lines: list[str], newline: str) -> None:
    """(No quotes: where a quote ends mistune departs from CommonMark; see test_setext_headings.)"""
    text = newline.join(lines)
    top = [h for h in outline(text.replace("\r\n", "\n")) if not h.nested and h.title.strip()]
    assert first_heading(text) == (top[0].title.strip() if top else ""), text
