"""The editor's word count stays exact while only the edited paragraphs are counted again."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from quill.textstats import count_words
from tests.ui.keys import type_text

WORDS = ["the", "river", "ran", "cold", "—", "and", "we", "didn't", "stop.", "# Heading", "\n", "\n\n", " ", "x",
         "😀", "café", "e\u0301", "\u2028"]


def full_count(editor) -> int:  # noqa: ANN001
    return sum(count_words(line) for line in editor.raw_text().split("\n"))


def test_word_count_is_exact_through_random_edits(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    editor.setPlainText("One two three.\n\nFour five six seven.\n\n## Eight\n\nNine ten.")
    editor.reset_tracking()
    assert editor.word_count() == 10
    rng = random.Random(7)
    for step in range(300):
        cursor = editor.textCursor()
        length = editor.document().characterCount() - 1
        cursor.setPosition(rng.randint(0, length))
        action = rng.random()
        if action < 0.45:  # type, as keys, so Qt's own key handling runs
            editor.setTextCursor(cursor)
            type_text(qtbot, editor, rng.choice(WORDS) + rng.choice(" \n"))
        elif action < 0.7:  # select a stretch (often across paragraphs) and delete it
            cursor.setPosition(min(length, cursor.position() + rng.randint(1, 40)), QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            qtbot.keyClick(editor, Qt.Key.Key_Delete)
        elif action < 0.8:  # paste several paragraphs over a selection
            cursor.setPosition(min(length, cursor.position() + rng.randint(0, 15)), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("Pasted words here.\n\nAnd a second paragraph\nwith a line.")
        elif action < 0.9:
            qtbot.keyClick(editor, Qt.Key.Key_Z, modifier=Qt.KeyboardModifier.ControlModifier)
        else:
            qtbot.keyClick(editor, Qt.Key.Key_Z,
                           modifier=Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        if step % 3 == 0:  # the window asks at pauses, not after every edit
            assert editor.word_count() == full_count(editor), (step, editor.raw_text())
    assert editor.word_count() == full_count(editor)


def test_loading_a_piece_recounts_it(make_window, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "piece.md"
    path.write_text("A short piece of five.\n", encoding="utf-8")
    window = make_window(path)
    assert window.editor.word_count() == 5
    other = tmp_path / "other.md"
    other.write_text("Just three words", encoding="utf-8")
    window.open_path(other)
    assert window.editor.word_count() == 3


def test_the_first_word_is_one_word_not_one_words(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    qtbot.keyClicks(window.editor, "Hello")
    window.refresh_status()
    assert window.status.left.full_text() == "1 word"
    qtbot.keyClicks(window.editor, " there")
    window.refresh_status()
    assert window.status.left.full_text() == "2 words"
