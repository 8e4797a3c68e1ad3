"""A heading right after a quote is the next section's heading, as CommonMark (and the editor,
pandoc, GitHub, Hugo) has it. mistune used to take it into the quote: the preview and every export
printed it inside the block quote, the outline nested it there, and the voice panel left its words
out as quoted text."""

from __future__ import annotations

import pytest

from quill.export.outline import outline
from quill.export.render import render_fragment
from quill.markup.prose import chunk_prose


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_heading_after_a_quote_is_printed_after_it(newline: str) -> None:
    text = newline.join(["> Someone else's words.", "# My Next Part", "", "My own words."])
    html = render_fragment(text)
    assert html.index("</blockquote>") < html.index("<h1")
    assert "My Next Part" not in html[html.index("<blockquote>"):html.index("</blockquote>")]
    assert [(h.title, h.nested) for h in outline(text)] == [("My Next Part", False)]


def test_lazy_lines_and_quoted_headings_stay_in_the_quote() -> None:
    """What CommonMark keeps in a quote stays there: a lazy line of its paragraph, an indented
    '# …' (paragraph text), a '#tag' (no heading) and a heading written with its own '>'."""
    text = "> A quote\ngoing on lazily\n    # not a heading\n#tag\n>\n> ## Quoted heading\n\nAfter."
    html = render_fragment(text)
    quote = html[html.index("<blockquote>"):html.index("</blockquote>")]
    assert "going on lazily" in quote and "# not a heading" in quote and "#tag" in quote
    assert "Quoted heading" in quote
    assert [(h.title, h.nested) for h in outline(text)] == [("Quoted heading", True)]


def test_the_voice_panel_counts_the_heading_as_a_heading_not_as_a_quote() -> None:
    skipped = chunk_prose("> Quoted line here.\n# Three Word Heading\n").skipped
    assert skipped.get("headings") == 3 and skipped.get("block quotes") == 3
