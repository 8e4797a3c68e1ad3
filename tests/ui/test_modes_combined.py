"""Focus, typewriter and flow modes in combinations: astral characters, a theme switch, the end
of a piece, a huge paragraph. Real key events throughout."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keys import type_text


def _bright(editor) -> str:  # noqa: ANN001
    """The text focus mode leaves undimmed: everything but the dimmed selections."""
    text = editor.toPlainText()
    dimmed = sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.extraSelections())
    start = dimmed[0][1] if dimmed and dimmed[0][0] == 0 else 0
    end = dimmed[-1][0] if dimmed and dimmed[-1][1] >= len(text) else len(text)
    return text[start:end]


def test_focus_mode_brightens_the_right_sentence_after_an_emoji(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    type_text(qtbot, editor, "We laughed 😀😀 at 𝑥. Then we left. Now")
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert editor.focus_mode
    assert _bright(editor).strip() == "Now"
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    for _ in range(6):
        qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert _bright(editor).strip() == "Then we left."


def test_a_theme_switch_in_focus_mode_dims_in_the_new_theme(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    type_text(qtbot, editor, "First sentence here. Second one now")
    qtbot.keyClick(editor, Qt.Key.Key_F8)

    def dim_colour():  # noqa: ANN202
        selections = editor.extraSelections()  # kept alive while its format is read
        return selections[0].format.foreground().color().name()

    light = dim_colour()
    window.commands.run("theme_dark")
    qtbot.waitUntil(lambda: dim_colour() == window.theme.color("dim").name())
    assert dim_colour() != light


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _palette(qtbot, window, query: str) -> None:  # noqa: ANN001
    qtbot.keyClick(window.editor, Qt.Key.Key_P, CTRL_SHIFT)
    assert window.picker.isVisible()
    qtbot.keyClicks(window.picker.query, query)
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.picker.isVisible(), timeout=2000)


def test_the_palette_cannot_undo_or_redo_in_flow_mode(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_D, CTRL_SHIFT)
    assert window.flow.active
    type_text(qtbot, editor, "A draft that only moves forward")
    blocked = window.flow.blocked
    _palette(qtbot, window, "Undo")
    qtbot.waitUntil(lambda: window.flow.blocked > blocked, timeout=2000)
    assert editor.raw_text() == "A draft that only moves forward"
    type_text(qtbot, editor, " still")
    assert editor.raw_text() == "A draft that only moves forward still"
    qtbot.keyClick(editor, Qt.Key.Key_D, CTRL_SHIFT)  # leaving flow mode: undo is back, from the palette too
    assert not window.flow.active
    _palette(qtbot, window, "Undo")
    qtbot.waitUntil(lambda: editor.raw_text() != "A draft that only moves forward still", timeout=2000)


def test_find_and_the_heading_jump_wait_until_flow_mode_ends(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    type_text(qtbot, editor, "# Start\n\nAn old line to find.\n\n")
    qtbot.keyClick(editor, Qt.Key.Key_D, CTRL_SHIFT)
    type_text(qtbot, editor, "A new line")
    end = editor.textCursor().position()
    for key in (Qt.Key.Key_F, Qt.Key.Key_H, Qt.Key.Key_J):
        qtbot.keyClick(editor, key, Qt.KeyboardModifier.ControlModifier)
        assert not window.find_bar.isVisible() and not window.picker.isVisible(), key
    qtbot.keyClick(editor, Qt.Key.Key_F3)
    assert editor.textCursor().position() == end and not editor.textCursor().hasSelection()
    type_text(qtbot, editor, " goes on")
    assert editor.raw_text() == "# Start\n\nAn old line to find.\n\nA new line goes on"
