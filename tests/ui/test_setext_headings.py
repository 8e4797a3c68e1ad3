"""Setext headings (``Title`` over ``=====`` or ``-----``) look like headings in the editor, as the
outline and the preview already take them; ``---`` after a blank line stays a rule.

The highlighter goes paragraph by paragraph, and a setext heading's look depends on the line
below it: typing, changing or deleting the underline re-highlights the line above."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from quill.export.outline import outline
from quill.ui.editor.highlighter import BlockState, MarkdownHighlighter
from tests.ui.keys import type_text

UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def heading_lines(editor) -> list[int]:  # noqa: ANN001
    """The paragraphs drawn in the heading's colour and weight."""
    highlighter, document = editor.highlighter, editor.document()
    colour = highlighter.heading.foreground().color()
    found, block = [], document.firstBlock()
    while block.isValid():
        if any(r.format.foreground().color() == colour and r.format.fontWeight() == QFont.Weight.Bold
               for r in block.layout().formats()):
            found.append(block.blockNumber())
        block = block.next()
    return found


def marks_look(editor, number: int) -> tuple[str, bool] | None:  # noqa: ANN001
    """The colour and weight the whole of paragraph ``number`` is drawn in, if it is one format."""
    block = editor.document().findBlockByNumber(number)
    ranges = [r for r in block.layout().formats() if r.length]
    if len(ranges) != 1 or ranges[0].start != 0 or ranges[0].length != len(block.text()):
        return None
    return ranges[0].format.foreground().color().name(), ranges[0].format.fontWeight() == QFont.Weight.Bold


def expected_heading_lines(text: str) -> list[int]:
    """The lines of the top-level headings the renderer makes of ``text`` (quill.export.outline)."""
    lines, found = text.split("\n"), []
    for heading in outline(text):
        if heading.nested:
            continue
        start = text[:heading.offset].count("\n")
        if lines[start].lstrip().startswith("#"):
            found.append(start)
            continue
        end = next(n for n in range(start + 1, len(lines)) if UNDERLINE.match(lines[n]))
        found.extend(range(start, end))
    return found


def load(make_window, text: str):  # noqa: ANN001, ANN201
    window = make_window()
    window.editor.setPlainText(text)
    return window.editor


def test_setext_headings_look_like_atx_headings_of_their_level(make_window) -> None:  # noqa: ANN001
    editor = load(make_window, "# Atx one\n\nSetext one\n==========\n\n## Atx two\n\nSetext two\n----------\n\nBody.")
    assert heading_lines(editor) == [0, 2, 5, 7]
    atx = editor.document().findBlockByNumber(0).layout().formats()
    title = [r.format for r in atx if r.start == 2][0]  # the text after "# "
    for number in (2, 7):
        [setext] = editor.document().findBlockByNumber(number).layout().formats()
        assert setext.format == title and setext.start == 0
    hashes = [r.format for r in atx if r.start == 0][0]  # "# " shown quietly
    for number in (3, 8):  # the underlines, as quiet as the "#"s
        assert marks_look(editor, number) == (hashes.foreground().color().name(), True)
    assert editor.document().findBlockByNumber(10).layout().formats() == []  # body text stays plain


@pytest.mark.parametrize(("text", "headings"), [
    ("Title\n---\nBody", [0]),  # "---" under a paragraph: a setext heading
    ("Title\n\n---\nBody", []),  # after a blank line: a rule
    ("Title\n- - -\nBody", []),  # with spaces: a rule, never an underline
    ("Title\n***", []),
    ("Line one\nline two\n===", [0, 1]),  # a paragraph of two lines
    ("Title\n    ===", []),  # indented four: the paragraph goes on
    ("Title\n  ===  ", [0]),
    ("> A quote\n===", []),  # "===" goes on with the quote's paragraph
    ("- An item\n---", []),  # a rule after a list
    ("# Atx\n===", [0]),  # only the ATX heading
    ("```\nTitle\n===\n```", []),  # inside a fence
    ("---\nTitle\n---\nBody", [1]),  # not front matter: a rule, then a setext heading
    ("---\ntitle: Front\n---\nBody\n===", [3]),  # the closing fence is no underline; "Body" is
    ("Title {#id .x}\n===", [0]),
    ("שלום עולם\n===", [0]),  # right to left
    ("🙂 e\u0301clair 𝒜\n---", [0]),  # astral, combining
])
def test_which_lines_are_setext_headings(make_window, text: str, headings: list[int]) -> None:  # noqa: ANN001
    editor = load(make_window, text)
    assert heading_lines(editor) == headings
    assert expected_heading_lines(text) == headings  # as the outline (mistune) has it


POOL = ["Title", "more words", "", "===", "---", "-", "= =", "# Atx", "- item", "+ plus",
        "  - nested", "1. one", "2. two", "***", "    indented", "\ttabbed", "Text *em* 🙂", "  ===",
        "שלום עולם", "e\u0301clair", "```"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from(POOL), min_size=1, max_size=8))
def test_the_editor_and_the_outline_agree_on_setext_headings(make_window, lines: list[str]) -> None:  # noqa: ANN001
    """(ATX lines aside: the editor always shows them as headings. No quotes here: where a quote ends,
    or breaks into a paragraph, mistune departs from CommonMark, which the editor follows; the cases
    above hold the ordinary ones.)"""
    text = "\n".join(lines)
    editor = load(make_window, text)

    def setext(numbers: list[int]) -> list[int]:
        return [n for n in numbers if not lines[n].startswith("#")]

    assert setext(heading_lines(editor)) == setext(expected_heading_lines(text)), text
    editor.window().close()


def test_typing_the_underline_turns_the_line_above_into_a_heading_and_back(make_window, qtbot) -> None:  # noqa: ANN001
    editor = load(make_window, "")
    type_text(qtbot, editor, "The River\n")
    assert heading_lines(editor) == []
    type_text(qtbot, editor, "=")
    qtbot.waitUntil(lambda: heading_lines(editor) == [0], timeout=2000)
    type_text(qtbot, editor, "==")
    assert editor.raw_text() == "The River\n==="
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: heading_lines(editor) == [], timeout=2000)
    type_text(qtbot, editor, "---")  # level two
    qtbot.waitUntil(lambda: heading_lines(editor) == [0], timeout=2000)
    type_text(qtbot, editor, "x")  # "---x" is no underline: text going on with the paragraph
    qtbot.waitUntil(lambda: heading_lines(editor) == [], timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: heading_lines(editor) == [0], timeout=2000)
    assert editor.raw_text() == "The River\n---"


def test_a_blank_line_above_the_dashes_makes_them_a_rule(make_window, qtbot) -> None:  # noqa: ANN001
    editor = load(make_window, "The River\n---\nIt was cold.")
    assert heading_lines(editor) == [0]
    cursor = editor.textCursor()
    cursor.setPosition(len("The River"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # "The River", "", "---": a paragraph, then a rule
    assert editor.raw_text() == "The River\n\n---\nIt was cold."
    qtbot.waitUntil(lambda: heading_lines(editor) == [], timeout=2000)
    assert editor.document().findBlockByNumber(2).userState() == BlockState.NOT_PARAGRAPH
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # joined again: a heading
    qtbot.waitUntil(lambda: heading_lines(editor) == [0], timeout=2000)


def test_a_line_added_to_a_setext_heading_is_part_of_it(make_window, qtbot) -> None:  # noqa: ANN001
    editor = load(make_window, "Over the hills\n===\n\nBody.")
    cursor = editor.textCursor()
    cursor.setPosition(len("Over the hills"))
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "\nand far away")
    qtbot.waitUntil(lambda: heading_lines(editor) == [0, 1], timeout=2000)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Up)  # on the underline
    qtbot.keyClick(editor, Qt.Key.Key_End)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.raw_text() == "Over the hills\nand far away\n\n\nBody."
    qtbot.waitUntil(lambda: heading_lines(editor) == [], timeout=2000)


def test_a_hard_wrapped_paragraph_is_read_down_once_not_once_per_line(make_window, monkeypatch) -> None:  # noqa: ANN001
    """Every line of a paragraph shares its heading look; reading the lines below from each line
    made a 5,000-line hard-wrapped text take 0.8 s to highlight instead of 30 ms."""
    reads = []
    original = MarkdownHighlighter._underline_below

    def counted(self, block, text=None):  # noqa: ANN001, ANN202
        reads.append(block.blockNumber())
        return original(self, block, text)

    monkeypatch.setattr(MarkdownHighlighter, "_underline_below", counted)
    lines = [f"line {n} of a paragraph wrapped by hand" for n in range(150)]  # (short of a lazy load)
    editor = load(make_window, "\n".join(lines) + "\n===\n\n" + "\n".join(lines))
    assert heading_lines(editor) == list(range(150))  # the first paragraph, all of it; not the second
    assert reads == [0, 152]
