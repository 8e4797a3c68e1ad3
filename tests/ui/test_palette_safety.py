"""The palette ranks what was typed and cannot destroy by accident; dialogs default to safety."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from quill.matching import score
from quill.ui.shell.picker import PickerItem, ranked
from tests.ui.keys import type_text


def open_palette(qtbot, window) -> None:  # noqa: ANN001
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.picker.isVisible, timeout=2000)


def palette_rows(window) -> list[str]:  # noqa: ANN001
    return [item.label for item in window.picker.visible_items()]


def test_typing_a_title_word_ranks_its_command_first(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "finish")
    assert palette_rows(window)[0] == "Mark finished"  # not "Library", whose hidden keywords say "finished"
    window.picker.dismiss()
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "histroy")  # one slip of the keyboard
    assert palette_rows(window)[0] == "History"


def test_enter_on_a_partial_match_never_runs_a_destructive_command(qtbot, make_window, monkeypatch) -> None:  # noqa: ANN001
    window = make_window()
    ran: list[str] = []
    for command_id in ("empty_trash", "trash", "session_goal_clear"):
        monkeypatch.setattr(window.commands[command_id], "callback", lambda i=command_id: ran.append(i))
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "trash")
    rows = palette_rows(window)
    assert rows[0] == "Restore from the trash…"  # the safe one first
    assert rows.index("Empty the trash…") > rows.index("Restore from the trash…")
    window.picker.dismiss()
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "empty")
    assert palette_rows(window) == ["Empty the trash…"]
    assert window.picker.list.currentRow() == -1  # nothing chosen for a bare Enter
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    assert window.picker.isVisible() and ran == []
    # choosing it on purpose (arrow, then Enter) runs it; it still asks first (see below)
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Down)
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ran == ["empty_trash"], timeout=2000)


def test_goal_then_enter_does_not_clear_the_goal(qtbot, make_window, monkeypatch) -> None:  # noqa: ANN001
    window = make_window()
    ran: list[str] = []
    for command in window.commands.all():
        if command.id != "palette":
            monkeypatch.setattr(command, "callback", lambda i=command.id: ran.append(i))
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "goal")
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)
    assert ran[0] != "session_goal_clear"


def test_commands_the_writer_uses_rise_and_it_is_remembered(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    for _ in range(4):
        window.commands.run("typewriter")
    assert window.state.command_use["typewriter"][0] == 4
    assert window._habit_boost("typewriter") > window._habit_boost("focus")
    items = [PickerItem("Focus mode"), PickerItem("Typewriter scrolling", boost=window._habit_boost("typewriter"))]
    assert [i.label for i in ranked("", items)] == ["Typewriter scrolling", "Focus mode"]
    # but what was typed still decides: a title word beats any habit
    assert [i.label for i in ranked("focus", items)] == ["Focus mode"]


def test_ranking_rules() -> None:
    assert score("lib", "Library") > score("lib", "Move to a collection…", "library folder")
    assert score("xyz", "Library") is None
    assert score("", "Anything") == 0.0
    guarded = PickerItem("Empty the trash…", guarded=True)
    safe = PickerItem("Restore from the trash…")
    assert ranked("trash", [guarded, safe]) == [safe, guarded]
    assert ranked("empty the trash", [guarded, safe])[0] is guarded  # the whole title typed


def _answer_dialog(qtbot, key: int | None = None, click_danger: bool = False) -> None:  # noqa: ANN001
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, act)
            return
        if click_danger:
            dialog.danger_button.click()
        else:
            qtbot.keyClick(dialog.focusWidget() or dialog, key)

    QTimer.singleShot(0, act)


def test_confirmations_default_to_the_safe_answer_and_name_the_loss(qtbot, make_window) -> None:  # noqa: ANN001
    from quill.ui.shell import dialogs

    window = make_window()
    _answer_dialog(qtbot, Qt.Key.Key_Return)
    assert dialogs.confirm(window, "Empty the trash", "Delete 2 pieces?", "Delete 2 pieces for good") is False
    _answer_dialog(qtbot, Qt.Key.Key_Escape)
    assert dialogs.confirm(window, "Empty the trash", "Delete 2 pieces?", "Delete 2 pieces for good") is False
    _answer_dialog(qtbot, click_danger=True)
    assert dialogs.confirm(window, "Empty the trash", "Delete 2 pieces?", "Delete 2 pieces for good") is True


def test_empty_trash_twice_enter_deletes_nothing(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    (library_dir / "old.md").write_text("# Old idea\n\nSome words.\n", encoding="utf-8")
    window = make_window(library_dir / "old.md")
    qtbot.waitUntil(lambda: window.library.library is not None, timeout=5000)
    window.commands.run("trash")
    qtbot.waitUntil(lambda: len(window.library.library.trashed()) == 1, timeout=5000)
    seen: list[str] = []

    def read_and_press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, read_and_press_enter)
            return
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, read_and_press_enter)
    window.commands.run("empty_trash")
    assert len(window.library.library.trashed()) == 1
    assert any("“Old idea”" in text and "cannot be restored" in text for text in seen), seen  # its title


def test_ask_text_is_keyboard_first(qtbot, make_window) -> None:  # noqa: ANN001
    from quill.ui.shell import dialogs

    window = make_window()

    def type_answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, type_answer)
            return
        field = dialog.focusWidget()
        field.selectAll()
        qtbot.keyClicks(field, "A new title")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_answer)
    assert dialogs.ask_text(window, "Rename", "Title:", "Old") == "A new title"


def test_the_import_chooser_is_a_quill_dialog(qtbot, make_window, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from quill.ui.library import importing

    window = make_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))

    def pick_folder() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, pick_folder)
            return
        assert dialog.objectName() == "quillDialog"
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "A folder…").click()

    QTimer.singleShot(0, pick_folder)
    assert importing.choose_source(window) == tmp_path

    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, press_enter)
            return
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    assert importing.choose_source(window) is None  # Enter is Cancel: nothing chosen by accident


def test_the_palettes_last_row_is_never_cut_in_half(qtbot, make_window) -> None:  # noqa: ANN001
    """The list's height was estimated, and its twelfth row showed half a command under the edge."""
    window = make_window()
    for height in (520, 700, 950):
        window.resize(1200, height)
        qtbot.waitUntil(lambda h=height: window.height() == h)
        open_palette(qtbot, window)
        listing = window.picker.list
        row = listing.sizeHintForRow(0)
        assert listing.count() * row > listing.viewport().height()  # more commands than fit: it scrolls
        assert listing.viewport().height() % row == 0, (height, listing.viewport().height(), row)
        window.picker.dismiss()


def test_the_palette_says_which_theme_and_modes_are_in_use(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.set_theme("sepia", persist=False)
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "theme")
    details = {item.label: item.detail for item in window.picker.visible_items()}
    assert details["Theme: Sepia"] == "current"
    assert details["Theme: Light"] == details["Theme: Dark"] == ""
    window.picker.dismiss()
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "focus mode")
    details = {item.label: item.detail for item in window.picker.visible_items()}
    assert details["Focus mode"] == "off · F8"  # a switch says where it stands, off too (found on a review)
    window.picker.dismiss()
    window.commands.run("focus")
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "focus mode")
    details = {item.label: item.detail for item in window.picker.visible_items()}
    assert details["Focus mode"] == "on · F8"
    window.picker.dismiss()
    window.settings.show_reading_time = True
    open_palette(qtbot, window)
    type_text(qtbot, window.picker.query, "reading time")
    details = {item.label: item.detail for item in window.picker.visible_items()}
    assert details["Show reading time"] == "on"
