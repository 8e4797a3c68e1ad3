"""The find bar says which hit is selected of how many ("2 of 5"), or "No matches", as the writer
types and steps with Enter and Shift+Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keys import type_text


def open_find(window, qtbot):  # noqa: ANN001, ANN201
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.find_field.hasFocus(), timeout=2000)
    return bar


def selected(window) -> tuple[int, int]:  # noqa: ANN001
    """The selection as code points into the piece."""
    editor = window.editor
    cursor = editor.textCursor()
    return editor.point_position(cursor.selectionStart()), editor.point_position(cursor.selectionEnd())


def test_the_count_follows_typing_and_stepping(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    text = "🦊 The fox. 🦊 A fox and a Fox.\nfoxes run; fox."
    window.editor.setPlainText(text)
    bar = open_find(window, qtbot)
    label = bar.count_label
    hits = [i for i in range(len(text)) if text[i:i + 3].lower() == "fox"]
    type_text(qtbot, bar.find_field, "f")
    assert label.text() == f"1 of {text.lower().count('f')}"
    type_text(qtbot, bar.find_field, "ox")
    assert label.text() == "1 of 5" and selected(window) == (hits[0], hits[0] + 3)
    for n in (2, 3, 4, 5, 1):  # Enter steps forward and wraps round the end
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
        assert label.text() == f"{n} of 5"
        assert selected(window) == (hits[n - 1], hits[n - 1] + 3)
    for n in (5, 4):  # Shift+Enter steps back, round the start
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        assert label.text() == f"{n} of 5"
        assert selected(window) == (hits[n - 1], hits[n - 1] + 3)
    type_text(qtbot, bar.find_field, "es")
    assert label.text() == "1 of 1" and window.editor.textCursor().selectedText() == "foxes"
    type_text(qtbot, bar.find_field, "z")
    assert label.text() == "No matches"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert label.text() == "No matches"
    for _ in range(6):
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Backspace)
    assert label.text() == ""
    assert window.editor.raw_text() == text  # finding never changed the piece


def test_moving_the_cursor_away_counts_without_a_position_and_f3_picks_up_from_there(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    window.editor.setPlainText("one cat, two cat, three cat")
    bar = open_find(window, qtbot)
    type_text(qtbot, bar.find_field, "cat")
    assert bar.count_label.text() == "1 of 3"
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End)
    assert bar.current_index() is None and bar.count_label.text() == "3 matches"
    qtbot.keyClick(window.editor, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "3 of 3"


def test_hits_and_count_follow_the_writer_typing_while_the_bar_is_open(make_window, qtbot) -> None:  # noqa: ANN001
    """Typing a new hit, or breaking one, while the bar is open: once the writer pauses, the marks
    cover exactly the hits in the new text and the count says how many there are now."""
    window = make_window()
    editor = window.editor
    editor.setPlainText("🦊 a fox here.\n\nAnd a fox there.")
    bar = open_find(window, qtbot)
    type_text(qtbot, bar.find_field, "fox")
    assert bar.count_label.text() == "1 of 2"
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, " Another fox, and é🦊fox.")

    def marked() -> list[str]:
        return [s.cursor.selectedText() for s in editor._find_selections]

    qtbot.waitUntil(lambda: bar.count_label.text() == "4 matches", timeout=3000)
    assert marked() == ["fox"] * 4
    assert editor._find_spans == [(m, m + 3) for m in range(len(editor.raw_text()))
                                  if editor.raw_text()[m:m + 3] == "fox"]
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("fox") + 1)  # break the first hit: "fx"
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bar.count_label.text() == "3 matches", timeout=3000)
    assert marked() == ["fox"] * 3


def test_the_hidden_bar_costs_typing_nothing_and_follows_edits_once_shown(make_window, qtbot) -> None:  # noqa: ANN001
    """Hidden, the bar is not told of each keystroke (two Python calls a key, for nothing); shown,
    an edit still brings its count up to date after the pause."""
    from PySide6.QtCore import SIGNAL

    window = make_window()
    editor = window.editor
    before = editor.receivers(SIGNAL("textChanged()")), editor.receivers(SIGNAL("cursorPositionChanged()"))
    editor.setPlainText("one fox here.")
    bar = open_find(window, qtbot)
    shown = editor.receivers(SIGNAL("textChanged()")), editor.receivers(SIGNAL("cursorPositionChanged()"))
    assert shown == (before[0] + 1, before[1] + 1)
    type_text(qtbot, bar.find_field, "fox")
    assert bar.count_label.text() == "1 of 1"
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, " Another fox.")
    qtbot.waitUntil(lambda: bar.count_label.text() == "2 matches", timeout=3000)
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)
    assert (editor.receivers(SIGNAL("textChanged()")), editor.receivers(SIGNAL("cursorPositionChanged()"))) == before
    type_text(qtbot, editor, " fox")
    assert bar.count_label.text() == "2 matches"  # hidden: nothing was searched again


def test_the_bar_stays_put_as_its_count_changes(make_window, qtbot) -> None:  # noqa: ANN001
    """The bar is centred: as "1 of 7" became "No matches" the whole bar slid sideways."""
    window = make_window()
    window.resize(1200, 700)
    window.editor.setPlainText("the fox, the fox, the fox and the hen, " * 3)
    bar = open_find(window, qtbot)
    type_text(qtbot, bar.find_field, "fox")
    assert bar.count_label.text() == "1 of 9"
    bar.layout().activate()
    where = bar.find_field.mapTo(window, bar.find_field.rect().topLeft())
    type_text(qtbot, bar.find_field, "glove")
    assert bar.count_label.text() == "No matches"
    bar.layout().activate()
    assert bar.find_field.mapTo(window, bar.find_field.rect().topLeft()) == where
    bar.find_field.clear()
    bar.layout().activate()
    assert bar.find_field.mapTo(window, bar.find_field.rect().topLeft()) == where
