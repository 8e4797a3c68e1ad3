"""Typing in a paragraph that shows markdown repaints that paragraph, not the page (issue #20), and
the page is never left showing anything stale.

Qt's highlighter sets a formatted paragraph's formats again on every key, which threw its lines
away and made Qt repaint the whole page. ``PageLayout`` repaints the paragraph alone when its
height is unchanged. The adversary: an edit that changes the paragraph's height (a line more or
less, inline code in another font) must still move and repaint everything below it. So after
every key the window's backing store (what the screen shows: only the areas Qt was told to
repaint are drawn again) is compared with the same page repainted from nothing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.keys import perform, type_text

TEXT = ("# A heading\n\n- a list item with *emphasis* and `code` in it\n\n"
        "A paragraph with **strong** words, a [link](x.md) and a wrold misspelled, long enough to wrap "
        "onto a second line of the page.\n\n> A quote below.\n\nThe last paragraph.\n")

ACTIONS = st.one_of(
    st.sampled_from(["a", "word ", "`", "`code`", "*", "**", "🦊", "e\u0301", "שלום", " long words to wrap " * 3,
                     "# ", "- ", "[x](y)", "\u2028"]),
    st.sampled_from([Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right, "undo"]),
)


def screen(window) -> QImage:  # noqa: ANN001
    """What the page shows now: the window's backing store where the page is, not a fresh
    rendering (``grab`` would repaint it)."""
    QApplication.processEvents()
    viewport = window.editor.viewport()
    origin = viewport.mapTo(window, viewport.rect().topLeft())
    return window.screen().grabWindow(window.winId(), origin.x(), origin.y(), viewport.width(),
                                      viewport.height()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def repainted(window) -> QImage:  # noqa: ANN001
    window.editor.viewport().repaint()
    return screen(window)


class PaintRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[tuple[int, int]] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if event.type() == QEvent.Type.Paint:
            self.rects.append((event.rect().width(), event.rect().height()))
        return False


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([2, 4, 6]), st.integers(min_value=0, max_value=40), st.lists(ACTIONS, min_size=1, max_size=10))
def test_the_page_shows_what_a_full_repaint_shows_after_every_key(make_window, qtbot, paragraph: int,  # noqa: ANN001
                                                                   offset: int, actions: list) -> None:
    window = make_window()
    editor = window.editor
    editor.setCursorWidth(0)  # the caret's blink is not what is compared
    editor.setPlainText(TEXT)
    block = editor.document().findBlockByNumber(paragraph)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + min(offset, block.length() - 1))
    editor.setTextCursor(cursor)
    screen(window)
    for action in actions:
        perform(qtbot, editor, action)
        shown = screen(window)
        assert shown == repainted(window), (action, editor.toPlainText())


def test_a_key_in_a_formatted_paragraph_repaints_that_paragraph_alone(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    editor.setPlainText(TEXT)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(2):
        editor.moveCursor(QTextCursor.MoveOperation.NextBlock)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)  # the list item, after its emphasis and code
    screen(window)
    recorder = PaintRecorder()
    editor.viewport().installEventFilter(recorder)
    page = editor.viewport().size()
    type_text(qtbot, editor, "and")
    screen(window)
    assert recorder.rects, "nothing was repainted"
    assert all(height < page.height() / 3 for _width, height in recorder.rects), recorder.rects
    assert editor.document().findBlockByNumber(2).text().endswith("in itand")
