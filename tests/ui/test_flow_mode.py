"""Flow mode ("just draft", issue 17): the page only moves forward until the writer leaves it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from quill.flow import FlowGoal, deletable_from, may_delete_forward
from tests.ui.keys import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def backspaces(qtbot, editor, count: int) -> None:  # noqa: ANN001
    for _ in range(count):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)


def flow_on(qtbot, window) -> None:  # noqa: ANN001
    qtbot.keyClick(window.editor, Qt.Key.Key_D, CTRL | SHIFT)
    assert window.flow.active


# -- the rules, without Qt ------------------------------------------------------------------------
def test_backspace_reaches_the_word_being_typed_and_the_allowance():
    assert deletable_from("Alpha beta gam", 0) == len("Alpha beta ")
    assert deletable_from("Alpha beta gam", 1) == len("Alpha ")
    assert deletable_from("Alpha beta ", 1) == len("Alpha ")
    assert deletable_from("Alpha beta ", 0) == len("Alpha beta")  # the space just typed may go
    assert deletable_from("", 1) == 0
    assert may_delete_forward("ga", "mma") and not may_delete_forward("gamma ", "x") and not may_delete_forward("a", "")


def test_a_goal_in_words_or_minutes():
    goal = FlowGoal.parse("45 minutes")
    assert goal is not None and goal.reached(0, 0, 45 * 60) and not goal.reached(10_000, 0, 44 * 60)
    assert FlowGoal.parse("500 words").reached(500, 0, 0) and FlowGoal.parse("nonsense") is None


# -- in the window ------------------------------------------------------------------------------
def test_backspace_inside_the_current_word_works_and_beyond_it_does_nothing(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    window.settings.flow_allowance_words = 0
    editor = window.editor
    type_text(qtbot, editor, "Before flow. ")
    flow_on(qtbot, window)
    type_text(qtbot, editor, "Alpha beta gamma")
    backspaces(qtbot, editor, 3)
    assert editor.raw_text() == "Before flow. Alpha beta ga"
    backspaces(qtbot, editor, 5)
    assert editor.raw_text() == "Before flow. Alpha beta "
    assert window.flow.blocked >= 2
    assert "Flow mode" in window.status.center.full_text()  # the quiet hint
    type_text(qtbot, editor, "delta")
    assert editor.raw_text() == "Before flow. Alpha beta delta"


def test_the_allowance_reaches_the_last_word_only(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()  # the default allowance: one word before the word being typed
    editor = window.editor
    flow_on(qtbot, window)
    type_text(qtbot, editor, "Alpha beta gamma")
    backspaces(qtbot, editor, 30)
    assert editor.raw_text() == "Alpha "  # "gamma", and "beta " as the allowance of one word
    type_text(qtbot, editor, "delta epsilon zeta")
    backspaces(qtbot, editor, 30)
    assert editor.raw_text() == "Alpha delta "


def test_backspace_never_reaches_before_flow_began(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    window.settings.flow_allowance_words = 5
    editor = window.editor
    type_text(qtbot, editor, "Kept words")
    flow_on(qtbot, window)
    type_text(qtbot, editor, " one two")
    backspaces(qtbot, editor, 20)
    assert editor.raw_text() == "Kept words"  # the floor: where flow mode began


def test_selecting_cutting_and_moving_back_are_blocked(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    flow_on(qtbot, window)
    type_text(qtbot, editor, "A sentence typed in flow")
    end = editor.textCursor().position()
    plain = Qt.KeyboardModifier.NoModifier
    for key, modifiers in ((Qt.Key.Key_Left, SHIFT), (Qt.Key.Key_Home, SHIFT), (Qt.Key.Key_A, CTRL),
                           (Qt.Key.Key_Left, plain), (Qt.Key.Key_Up, plain), (Qt.Key.Key_Home, plain),
                           (Qt.Key.Key_Left, CTRL),
                           (Qt.Key.Key_X, CTRL), (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Backspace, CTRL)):
        qtbot.keyClick(editor, key, modifiers)
        assert not editor.textCursor().hasSelection() and editor.textCursor().position() == end, (key, modifiers)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseDClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=editor.cursorRect().center())
    assert editor.textCursor().position() == end and not editor.textCursor().hasSelection()
    assert editor.raw_text() == "A sentence typed in flow"


def test_leaving_flow_mode_restores_everything_and_undo_is_still_there(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    flow_on(qtbot, window)
    type_text(qtbot, editor, "Drafted quickly")
    qtbot.keyClick(editor, Qt.Key.Key_D, CTRL | SHIFT)
    assert not window.flow.active
    qtbot.keyClick(editor, Qt.Key.Key_Left, SHIFT)
    assert editor.textCursor().selectedText() == "y"
    qtbot.keyClick(editor, Qt.Key.Key_End)
    backspaces(qtbot, editor, 8)
    assert editor.raw_text() == "Drafted"  # beyond the word again
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() != "Drafted"
    while editor.document().isUndoAvailable():
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.raw_text() == ""  # the flow draft itself can be undone
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # clicks work again


def test_a_word_goal_ends_flow_mode_by_itself(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    window.settings.flow_goal = "5 words"
    flow_on(qtbot, window)
    assert window.flow.goal is not None
    type_text(qtbot, window.editor, "one two three four")
    window.flow.check_goal()
    assert window.flow.active
    type_text(qtbot, window.editor, " five ")
    qtbot.waitUntil(lambda: not window.flow.active, timeout=3000)
    assert "goal reached" in window.banner.text()


def test_a_minutes_goal_uses_the_window_clock(make_window, qtbot) -> None:  # noqa: ANN001
    now = [1000.0]
    window = make_window(clock=lambda: now[0])
    window.settings.flow_goal = "45 minutes"
    flow_on(qtbot, window)
    now[0] += 44 * 60
    window.flow.check_goal()
    assert window.flow.active
    now[0] += 60
    qtbot.waitUntil(lambda: not window.flow.active, timeout=3000)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    window.editor.setTextCursor(cursor)  # moving is allowed again


def test_the_flow_goal_is_set_from_the_palette_and_kept(make_window, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from quill.paths import app_dirs
    from quill.settings import load_settings
    from quill.ui.shell import dialogs

    window = make_window()
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "45 minutes")
    window.commands.run("flow_goal")
    assert load_settings(app_dirs().settings_file).settings.flow_goal == "45 minutes"
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "soon-ish")
    window.commands.run("flow_goal")
    assert window.settings.flow_goal == "45 minutes" and "did not understand" in window.banner.text()
    flow_on(qtbot, window)
    assert window.flow.goal is not None and window.flow.goal.describe() == "45 min"


def test_flow_mode_stays_marked_on_the_status_line_with_its_progress(make_window, qtbot) -> None:  # noqa: ANN001
    """The notice that announces flow mode fades; a steady mark on the status line says it is still
    on (and how far the goal is), and leaves with it."""
    now = [1000.0]
    window = make_window(clock=lambda: now[0])
    window.settings.flow_goal = "500 words"
    flow_on(qtbot, window)
    # at launch nothing else is said yet, and the mark stands alone, with no separator after it
    assert window.status.right.full_text() == "flow · 0 of 500 words"
    type_text(qtbot, window.editor, "one two three ")
    window.refresh_status()
    assert window.status.right.full_text().startswith("flow · 3 of 500 words")
    qtbot.keyClick(window.editor, Qt.Key.Key_D, CTRL | SHIFT)
    assert not window.flow.active and "flow" not in window.status.right.full_text()
    window.settings.flow_goal = "45 minutes"
    flow_on(qtbot, window)
    now[0] += 12 * 60
    window.refresh_status()
    assert window.status.right.full_text().startswith("flow · 12 of 45 min")
    window.settings.flow_goal = ""
    qtbot.keyClick(window.editor, Qt.Key.Key_D, CTRL | SHIFT)
    flow_on(qtbot, window)
    assert window.status.right.full_text().startswith("flow mode ·")


def test_the_past_stays_out_of_reach_of_ctrl_k_the_page_menu_and_an_open_replace(make_window, qtbot) -> None:  # noqa: ANN001
    """Three ways past flow mode a review found: Ctrl+K (delete to the end of the line, on X11) took
    the rest of a paragraph; the page's right-click menu offered Select all (then a key emptied the
    piece) and spelling suggestions; a find bar left open kept its Replace all."""
    from PySide6.QtGui import QContextMenuEvent, QKeySequence

    window = make_window()
    editor = window.editor
    type_text(qtbot, editor, "Written before flow, to be kept whole.")
    cursor = editor.textCursor()
    cursor.setPosition(len("Written"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_H, CTRL)  # the find bar, with its replace, open before flow
    assert window.find_bar.isVisible()
    editor.setFocus()
    flow_on(qtbot, window)
    assert not window.find_bar.isVisible()
    # this platform's keys for "delete to the end of the line" (X11: Ctrl+K; none offscreen)
    for binding in QKeySequence.keyBindings(QKeySequence.StandardKey.DeleteEndOfLine):
        combination = binding[0]
        qtbot.keyClick(editor, combination.key(), combination.keyboardModifiers())
    shown = []
    window.spelling.exec_menu = lambda menu, at: shown.append(menu)
    held = window.flow.blocked
    right_click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    QApplication.sendEvent(editor.viewport(), right_click)
    assert shown == [] and window.flow.blocked == held + 1
    window.commands.run("spell_menu")  # Shift+F7: the same menu, for the word at the cursor
    assert shown == []
    assert editor.raw_text() == "Written before flow, to be kept whole."

