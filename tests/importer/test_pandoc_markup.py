"""Pandoc-flavoured markdown, as converted archives carry it: read as markup, never as words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quill.export.render import render_fragment
from quill.export.text import plain_text
from quill.markup.pandoc import blank
from quill.voice.engine import analyze
from tests.ui.conftest import make_window  # noqa: F401 - the shared window fixture

PANDOC = """I\\'ve walked there -- twice --- and back.

:::: {.footnote}
The note is prose of its own.
::::

## A heading {#h1 .chapter}

A line with attributes.{#footnote-1 .footnote-number} And `code {.kept}` here.

<div class="wrap">
Inside a *div* wrapper is prose.
</div>

```
::: {.inside-code}
```
"""

PLAIN = """I've walked there -- twice --- and back.

The note is prose of its own.

## A heading

A line with attributes. And `code` here.

Inside a *div* wrapper is prose.
"""


def test_blank_removes_exactly_the_markup() -> None:
    out = blank(PANDOC)
    assert len(out) == len(PANDOC)
    for gone in (":::: {.footnote}", "{#h1 .chapter}", "{#footnote-1 .footnote-number}", '<div class="wrap">',
                 "</div>"):
        assert gone not in out
    for kept in ("I\\'ve", "The note is prose", "`code {.kept}`", "::: {.inside-code}", "Inside a *div*"):
        assert kept in out


_PIECES = st.sampled_from([":::", "::::", " {.note}", "{#id .c}", "{=html}", "<div>", "</div>", '<div class="x">',
                           "```", "~~~", "`", "{", "}", "\\'", " -- ", "word", "😀", "e\u0301", "שלום", "\r\n",
                           "\r", "\n", "\u2028", " ", "\t"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_blank_only_turns_markup_into_spaces(text: str) -> None:
    out = blank(text)
    assert len(out) == len(text)
    for a, b in zip(text, out, strict=True):
        assert b == a or (b == " " and a not in "\r\n")  # offsets and line breaks survive


def test_voice_counts_the_prose_and_the_dashes_not_the_attributes() -> None:
    report = analyze(PANDOC)
    clean = analyze(PLAIN)
    assert report.words == clean.words
    assert report.sentences == clean.sentences
    assert report.punctuation["dash"] == 2
    assert report.punctuation["colon"] == 0  # the fence's colons are not punctuation


def test_preview_and_export_render_the_inside_and_drop_the_markup() -> None:
    html = render_fragment(PANDOC)
    assert '<p dir="auto">The note is prose of its own.</p>' in html
    assert "Inside a <em>div</em> wrapper is prose." in html  # the wrapper no longer swallows the markdown
    assert "I&#x27;ve" in html or "I've" in html
    for gone in ("::::", "{#h1", "{#footnote-1", "&lt;div"):
        assert gone not in html
    assert "::: {.inside-code}" in html  # code is code
    text = plain_text(PANDOC)
    assert "{#" not in text and "::::" not in text and "Inside a div wrapper is prose." in text


def test_highlighter_dims_pandoc_markup(make_window) -> None:  # noqa: F811
    from PySide6.QtGui import QTextCharFormat

    window = make_window()
    window.editor.setPlainText(PANDOC)
    doc = window.editor.document()
    dim = window.theme.color("dim")

    def colour_at(block_number: int, column: int):  # noqa: ANN202
        block = doc.findBlockByNumber(block_number)
        for r in block.layout().formats():
            if r.start <= column < r.start + r.length:
                return QTextCharFormat(r.format).foreground().color()
        return None

    assert colour_at(0, 1) == dim  # the backslash of I\'ve
    assert colour_at(0, 2) != dim  # the apostrophe it escapes is text
    assert colour_at(0, 5) != dim
    assert all(colour_at(2, c) == dim for c in (0, 5, 10))  # :::: {.footnote}
    assert colour_at(3, 4) != dim  # the note's prose
    heading = doc.findBlockByNumber(6).text()
    assert colour_at(6, heading.index("{#h1")) == dim and colour_at(6, 4) != dim
    line = doc.findBlockByNumber(8).text()
    start = line.index("{#footnote-1")
    assert colour_at(8, start) == dim and colour_at(8, start + 5) == dim
    assert colour_at(8, 3) != dim
    assert colour_at(10, 0) == dim and colour_at(12, 2) == dim  # <div class="wrap"> and </div>
    assert colour_at(11, 0) != dim


def test_a_bare_div_stays_an_html_block() -> None:
    """Pandoc writes its wrappers with attributes; a bare <div> is CommonMark's HTML block, not prose."""
    assert blank("<div>\nhtml words\n</div>") == "<div>\nhtml words\n      "
    assert analyze("<div>\nhtml words\n</div>\n\nOne two three four five six seven.").words == 7
