"""Ctrl+Z takes back the last word typed, not the whole paragraph.

Found on a review: Qt merges an unbroken run of typing into one undo step, so a writer who typed
a paragraph and pressed Ctrl+Z to take back a word lost the paragraph."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from .keys import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def undo_states(editor) -> list[str]:  # noqa: ANN001
    states = []
    while editor.document().isUndoAvailable():
        editor.undo()
        states.append(editor.raw_text())
    return states


def test_each_ctrl_z_takes_back_one_word_and_redo_gives_them_back(make_window, qtbot) -> None:
    window = make_window()
    editor = window.editor
    qtbot.keyClicks(editor, "The quick brown fox.")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == "The quick brown "
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == "The quick "
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert editor.raw_text() == "The quick brown fox."
    assert undo_states(editor) == ["The quick brown ", "The quick ", "The ", ""]


def test_typing_somewhere_else_a_replaced_selection_and_a_paste_are_steps_of_their_own(make_window, qtbot) -> None:
    window = make_window()
    editor = window.editor
    qtbot.keyClicks(editor, "Hello there")
    qtbot.keyClick(editor, Qt.Key.Key_Left)  # inside the word: what is typed now is another step
    qtbot.keyClicks(editor, "X")
    assert editor.raw_text() == "Hello therXe"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == "Hello there"
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "Hi")  # replaces "Hello"
    assert editor.raw_text() == "Hi there"
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " and")
    QGuiApplication.clipboard().setText(" more pasted")
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.raw_text() == "Hi there and more pasted"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == "Hi there and"  # the paste alone
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == "Hi there"  # " and": the space typed before the word goes with it
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == "Hello there"  # the replaced selection comes back whole


_CHARS = st.sampled_from(list("abcXYZ  .,—?") + ["\u00a0", "\n", "\u0301", "\U0001F98A", "\u05e9", "\u05dc",
                                                 "\u0928\u093f", "\U00020000", "é"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(_CHARS, min_size=1, max_size=30).map("".join))
def test_undo_steps_end_where_words_start_in_any_script(make_window, qtbot, text: str) -> None:
    """Model: a step starts at the first key, at each new line and after it, and at each character
    that starts a word after a space (any space: no-break too) when the step so far holds a word
    (spaces before a step's first word go with it). Undoing step by step gives the text cut at
    those places, latest first; redoing gives the whole text back."""
    window = make_window()
    editor = window.editor
    type_text(qtbot, editor, text)
    assert editor.raw_text() == text
    starts, start = {0}, 0
    for k in range(1, len(text)):
        has_word = any(not c.isspace() for c in text[start:k])
        if text[k] == "\n" or text[k - 1] == "\n" or (text[k - 1].isspace() and not text[k].isspace() and has_word):
            starts.add(k)
            start = k
    states = undo_states(editor)
    # (a new line can leave a step that changes no text, Qt's own: the same text twice counts once)
    states = [state for n, state in enumerate(states) if n == 0 or state != states[n - 1]]
    assert states == [text[:k] for k in sorted(starts, reverse=True)]
    while editor.document().isRedoAvailable():
        editor.redo()
    assert editor.raw_text() == text
    window.close()


def test_the_cursor_stays_in_view_while_typing_wraps_lines_at_the_foot_of_the_page(make_window, qtbot) -> None:
    """Each typed character is now an edit block, where Qt lays the line out at the block's end:
    typing at the foot of the page must still scroll each new wrapped line into view."""
    window = make_window()
    editor = window.editor
    window.resize(900, 600)
    editor.setPlainText("\n\n".join(f"Paragraph {n} of the opening pages." for n in range(60)))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: editor.viewport().rect().contains(editor.cursorRect()), timeout=3000)
    for n in range(400):
        qtbot.keyClicks(editor, "w" if n % 6 else " ")
        assert editor.viewport().rect().contains(editor.cursorRect()), n
