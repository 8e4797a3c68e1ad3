"""The editor takes front matter as the preview and the exports do (quill.markup.frontmatter): its fold,
its word count and its highlighting agree with them, and follow edits that change the answer."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from quill.export.frontmatter import split_front_matter
from quill.markup.frontmatter import front_matter_lines
from quill.textstats import count_words
from quill.ui.editor.highlighter import BlockState
from tests.ui.keys import type_text

PIECES = {
    "yaml": ("---\ntitle: The River\ntags: [a, b]\n---\nIt was cold.\n", 4),
    "yaml, CR LF": ("---\r\ntitle: The River\r\n---\r\nIt was cold.\r\n", 3),
    "yaml, CR": ("---\rtitle: The River\r---\rIt was cold.\r", 3),
    "toml": ('+++\ntitle = "The River"\n+++\nIt was cold.\n', 3),
    "RTL and astral keys": ("---\nשלום: עולם\n𝒜lpha: 🙂 e\u0301\n---\nIt was cold.\n", 4),
    "prose between rules": ("---\n\nIt was cold.\n\n---\n\nWe swam anyway.\n", 0),
    "heading between rules": ("---\nIt was cold.\n---\nWe swam anyway.\n", 0),
    "U+2028 in prose": ("---\nIt was\u2028cold.\n---\nWe swam.\n", 0),
}


def front_matter_state(editor) -> list[bool]:  # noqa: ANN001
    """Per paragraph: formatted as front matter (its block state, or the closing fence's format)."""
    highlighter, document = editor.highlighter, editor.document()
    faint = highlighter.front_matter.foreground().color()
    shown = []
    block = document.firstBlock()
    while block.isValid():
        formats = block.layout().formats()
        whole = bool(block.text()) and any(r.start == 0 and r.length == len(block.text())
                                           and r.format.foreground().color() == faint for r in formats)
        shown.append(block.userState() == BlockState.FRONT_MATTER or whole)
        block = block.next()
    return shown


@pytest.mark.parametrize("name", PIECES)
def test_the_editor_agrees_with_the_exports(make_window, qtbot, name: str) -> None:  # noqa: ANN001
    text, count = PIECES[name]
    window = make_window()
    editor = window.editor
    editor.setPlainText(text)
    assert front_matter_lines(re.split(r"\r\n|\r|\n", text)) == count
    assert editor._front_matter_blocks() == count
    body = split_front_matter(text).body
    assert editor.word_count() == count_words(body) == editor.count_loaded_words(text)
    qtbot.waitUntil(lambda: front_matter_state(editor)[:count + 1] == [True] * count + [False], timeout=2000)
    assert not any(front_matter_state(editor)[count:])


def test_typing_a_key_between_two_rules_makes_it_front_matter_and_back(make_window, qtbot) -> None:  # noqa: ANN001
    """The top paragraphs are re-highlighted when an edit below them changes what they are."""
    window = make_window()
    editor = window.editor
    editor.setPlainText("---\nIt was cold\n---\nWe swam anyway.")
    assert front_matter_state(editor) == [False] * 4 and editor._front_matter_blocks() == 0
    cursor = editor.textCursor()
    cursor.setPosition(len("---\nIt was cold"))
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, ": yes")  # "It was cold: yes" reads as metadata
    assert editor.raw_text() == "---\nIt was cold: yes\n---\nWe swam anyway."
    assert editor._front_matter_blocks() == 3
    qtbot.waitUntil(lambda: front_matter_state(editor) == [True, True, True, False], timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    for _ in range(4):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # ": yes" gone: text between rules again
    assert editor.raw_text() == "---\nIt was cold\n---\nWe swam anyway."
    qtbot.waitUntil(lambda: front_matter_state(editor) == [False] * 4, timeout=2000)
    assert editor._front_matter_blocks() == 0 and editor.word_count() == 6


def test_deleting_the_closing_fence_ends_front_matter_above_it(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    editor.setPlainText("---\ntitle: A\n---\nBody words.")
    qtbot.waitUntil(lambda: front_matter_state(editor) == [True, True, True, False], timeout=2000)
    cursor = editor.textCursor()
    cursor.setPosition(len("---\ntitle: A\n---"))
    editor.setTextCursor(cursor)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.raw_text() == "---\ntitle: A\n\nBody words."
    qtbot.waitUntil(lambda: not any(front_matter_state(editor)), timeout=2000)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "...")  # YAML's other closing line
    qtbot.waitUntil(lambda: front_matter_state(editor) == [True, True, True, False], timeout=2000)
