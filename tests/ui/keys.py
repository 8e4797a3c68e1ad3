"""Real key events for any character: QTest.keyClicks aborts on characters outside Latin-1."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # noqa: ANN001
    for char in text:
        if char.isascii() and char != "\n":
            qtbot.keyClick(widget, char)
            continue
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def open_and_type_at_end(qtbot, make_window, path, text: str):  # noqa: ANN001, ANN201
    """Open ``path`` in a window (the ``make_window`` fixture), put the cursor at the end of the
    piece and type ``text`` with real key events: the set-up of most tests that edit a piece."""
    window = make_window(path)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, text)
    return window


def perform(qtbot, widget: QWidget, action) -> None:  # noqa: ANN001
    """One step of a generated run of editing: ``"undo"``, text to type, or a key to press."""
    if action == "undo":
        widget.undo()
    elif isinstance(action, str):
        type_text(qtbot, widget, action)
    else:
        qtbot.keyClick(widget, action)
