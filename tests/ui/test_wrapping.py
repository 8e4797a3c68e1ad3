"""Lines always wrap inside the text column, whatever the window and its margins did."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
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


#: the piece it was seen with: Qt keeps a page scrolled to the very end of a piece of long paragraphs
#: at its end, but not this one
SHORT_PARAGRAPHS = (
    '---\n'
    'title: A small glossary of the harbour\n'
    '---\n'
    '\n'
    '# A small glossary of the harbour\n'
    '\n'
    "Morning came slowly over the harbour. Nobody spoke. The gulls had found the night's catch "
    '— circling low and loud above the crates — while the men hauled rope and argued about the '
    'weather. Was it going to turn? Probably.\n'
    '\n'
    'Bollard\n'
    ': A short post on the quay, for tying up. The colour is always black.\n'
    '\n'
    'Fender\n'
    ': Whatever hangs between the boat and the wall: tyres, rope, old coats.\n'
    '\n'
    'Slack water\n'
    '\n'
    ':   The hour when the tide stops and everything waits.\n'
    '\n'
    'Anna kept her hands in her pockets (she always did when she was thinking) and watched the '
    'light move across the water. Later she would write it all down: the colour, the noise, '
    'the way the cold got into everything.\n'
    ' Teh gulls were louder than the wind: a colour of noise.\n'
    '\n'
    'Capstan\n'
    ': A drum that winds the rope in.'
)


def caret_on_page(editor) -> bool:  # noqa: ANN001
    caret = editor.cursorRect()
    return caret.top() >= 0 and caret.bottom() <= editor.viewport().height()


@pytest.mark.parametrize("narrower", ["panel", "window", "larger text"])
def test_the_line_being_typed_stays_on_the_page_when_the_column_narrows(qtbot, make_window, narrower) -> None:  # noqa: ANN001
    """Seen under Xvfb: typing at the foot of the page, opening the voice panel (it slides in, the
    column narrowing step by step) rewrapped the lines above into more lines and pushed the line
    being typed out of sight: Qt keeps the top line where it was. Dragging the window narrower
    did the same."""
    from tests.ui.keys import type_text

    window = make_window()
    window.resize(1100, 690)
    editor = window.editor
    editor.setPlainText(SHORT_PARAGRAPHS)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(qtbot, editor, "The last words typed.\n\nCapstan\n: A drum that winds the rope in.")
    qtbot.waitUntil(lambda: caret_on_page(editor) and editor.verticalScrollBar().value() > 0, timeout=2000)
    if narrower == "panel":
        from quill.ui.voice import install_voice_panel

        panel = install_voice_panel(window)
        panel.set_open(True, persist=False, animate=True)
        # built after its modules load on a thread, then showing its first figures
        qtbot.waitUntil(lambda: panel.data is not None and editor.reserved_right == panel.width() > 0, timeout=10_000)
    elif narrower == "window":
        for width in (1000, 900, 800, 700, 620):
            window.resize(width, 690)
            qtbot.waitUntil(lambda w=width: abs(window.width() - w) < 2, timeout=2000)
        assert editor.viewport().width() < 620
    else:
        for _ in range(6):
            qtbot.keyClick(editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+=: larger text
        assert window.settings.font_size >= 24
    assert caret_on_page(editor), (editor.cursorRect(), editor.viewport().height())
    type_text(qtbot, editor, " And more.")
    assert editor.raw_text().endswith("winds the rope in. And more.") and caret_on_page(editor)


def test_a_cursor_scrolled_away_from_is_not_brought_back_by_a_narrower_column(qtbot, make_window) -> None:  # noqa: ANN001
    """The writer scrolled up to read: the page does not jump to the cursor when the panel opens."""
    from quill.ui.voice import install_voice_panel

    window = make_window()
    window.resize(1100, 700)
    editor = window.editor
    editor.setPlainText(PARAGRAPHS * 3)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.ensureCursorVisible()
    editor.verticalScrollBar().setValue(0)
    assert not caret_on_page(editor)
    install_voice_panel(window).set_open(True, persist=False, animate=False)
    qtbot.waitUntil(lambda: editor.viewport().width() < 700, timeout=2000)
    assert editor.verticalScrollBar().value() == 0 and not caret_on_page(editor)
