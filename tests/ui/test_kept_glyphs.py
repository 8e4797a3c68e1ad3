"""The paragraph being typed in keeps its shaped glyphs between keys (issue #20: Qt shaped it again
with HarfBuzz for every draw and every cursor position on each key). Kept glyphs must never show
anything a fresh layout of the same paragraph would not: after any run of keys (ligatures,
decomposed and precomposed accents, emoji, Hebrew, emphasis that the highlighter turns bold,
Backspace, Enter, undo), every cursor position in the paragraph and the page's pixels are what
they are once the paragraph is laid out from nothing. And only one paragraph keeps them."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.keys import perform

OPENING = ("The ferry office filled with light before anyone arrived. " * 4).strip()
TEXT = f"# Notes\n\n{OPENING}\n\nA second paragraph, quite short.\n\n{OPENING}\n"

ACTIONS = st.one_of(
    st.sampled_from(["fi", "ffl", "office ", "é", "e\u0301", "\U0001F600", "שלום ", "*bold*", "`x`", " ", "word. ",
                     "\u2028", "a\tb"]),
    st.sampled_from([Qt.Key.Key_Backspace, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Return, "undo",
                     Qt.Key.Key_Up, Qt.Key.Key_Down]),
)


def cursor_rects(editor) -> list[tuple[int, int, int, int]]:  # noqa: ANN001
    block = editor.textCursor().block()
    cursor = QTextCursor(block)
    rects = []
    for offset in range(block.length()):
        cursor.setPosition(block.position() + offset)
        rect = editor.cursorRect(cursor)
        rects.append((rect.x(), rect.y(), rect.width(), rect.height()))
    return rects


def page(editor) -> QImage:  # noqa: ANN001
    QApplication.processEvents()
    return editor.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(OPENING)), st.lists(ACTIONS, min_size=1, max_size=12))
@example(141, ["a\tb", "\u2028"])  # a random run: the caret after a kept tab, 14 px off a fresh layout
def test_kept_glyphs_show_what_a_fresh_layout_shows(make_window, qtbot, start: int, actions: list) -> None:  # noqa: ANN001
    window = make_window()
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.height() == 600, timeout=2000)
    editor = window.editor
    editor.setCursorWidth(0)  # the caret's blink is not what is compared
    editor.setPlainText(TEXT)
    QApplication.processEvents()
    width = editor.viewport().width()
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(2).position() + start)
    editor.setTextCursor(cursor)
    for action in actions:
        perform(qtbot, editor, action)
    QApplication.processEvents()
    assert editor.viewport().width() == width  # the same page: only the kept glyphs can differ
    kept_rects, kept_page = cursor_rects(editor), page(editor)
    block = editor.textCursor().block()
    # From nothing: the kept shaping dropped, the paragraph laid out again.
    block.layout().setCacheEnabled(False)
    editor.document().markContentsDirty(block.position(), block.length())
    QApplication.processEvents()
    assert cursor_rects(editor) == kept_rects
    assert page(editor) == kept_page


def test_only_the_paragraph_typed_in_keeps_its_glyphs(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    editor.setPlainText(TEXT)
    document = editor.document()

    def keeping() -> list[int]:
        return [n for n in range(document.blockCount()) if document.findBlockByNumber(n).layout().cacheEnabled()]

    assert keeping() == []
    for number in (2, 4, 2):
        cursor = editor.textCursor()
        cursor.setPosition(document.findBlockByNumber(number).position() + 3)
        editor.setTextCursor(cursor)
        qtbot.keyClicks(editor, "ab")
        assert keeping() == [number]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the paragraph split: the typing goes on in the new one
    qtbot.keyClicks(editor, "cd")
    assert keeping() == [3]
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # every paragraph gone but one
    qtbot.keyClicks(editor, "x")
    assert keeping() == [0]
