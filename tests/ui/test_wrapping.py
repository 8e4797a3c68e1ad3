"""Lines always wrap inside the text column, whatever the window and its margins did."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

PARAGRAPHS = ("We walked the long way round, past the mill and the broken fence. " * 8 + "\n\n") * 5


def widest_line(editor) -> float:  # noqa: ANN001
    widest = 0.0
    block = editor.document().begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            widest = max(widest, layout.lineAt(index).naturalTextWidth())
        block = block.next()
    return widest


def test_text_wraps_at_the_column_as_first_shown(qtbot, make_window) -> None:  # noqa: ANN001
    """The window's first size comes with its first show; the margins are set in the same pass."""
    window = make_window()
    editor = window.editor
    editor.setPlainText(PARAGRAPHS)
    QApplication.processEvents()  # posted layout requests run; nothing else is waited for
    assert 0 < widest_line(editor) <= editor.viewport().width()


@pytest.mark.parametrize("sizes", [[(1440, 900)], [(1440, 900), (1100, 760)], [(900, 700), (1600, 900), (1000, 700)]])
def test_text_wraps_at_the_column_after_showing_and_resizing(qtbot, make_window, sizes) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    for index, (width, height) in enumerate(sizes):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: abs(window.width() - w) < 2, timeout=2000)
        if index == 0:
            editor.setPlainText(PARAGRAPHS)  # laid out after the window first took its size
        qtbot.waitUntil(lambda: 0 < widest_line(editor) <= editor.viewport().width(), timeout=2000)
        assert editor.viewport().width() < width - 2 * 24  # a real column, with margins


def test_text_wraps_clear_of_the_voice_panel_in_a_narrow_window(qtbot, make_window) -> None:  # noqa: ANN001
    from quill.ui.voice import install_voice_panel

    window = make_window()
    window.resize(1000, 700)
    window.editor.setPlainText(PARAGRAPHS)
    panel = install_voice_panel(window)
    panel.set_open(True, animate=False)
    editor = window.editor
    qtbot.waitUntil(lambda: 0 < widest_line(editor) <= editor.viewport().width(), timeout=2000)
    right_of_text = editor.viewport().mapTo(window, editor.viewport().rect().topLeft()).x() + widest_line(editor)
    assert right_of_text < panel.mapTo(window, panel.rect().topLeft()).x()
    assert editor.horizontalScrollBar().value() == 0  # and the start of each line is not scrolled away


def test_the_editor_never_scrolls_sideways(qtbot, make_window) -> None:  # noqa: ANN001
    """Seen under Xvfb: while the panel narrowed the column, Qt scrolled sideways to the cursor and the
    first letters of every line were cut off. Forced here by a moment without wrapping."""
    from PySide6.QtWidgets import QPlainTextEdit

    window = make_window()
    editor = window.editor
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    editor.setPlainText("A line far too long for any column, " * 20)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.ensureCursorVisible()
    assert editor.horizontalScrollBar().maximum() > 0  # there was somewhere to scroll to…
    assert editor.horizontalScrollBar().value() == 0  # …and the line starts stayed in view
