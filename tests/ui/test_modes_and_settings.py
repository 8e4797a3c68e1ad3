"""Focus and typewriter modes, themes, font size and column: toggled by real keys, kept across restarts."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from quill.settings import load_settings


def _type_lines(qtbot, editor, count):
    for n in range(count):
        qtbot.keyClicks(editor, f"Line {n} of the draft. Another sentence here.")
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_focus_mode_dims_all_but_the_current_sentence(make_window, qtbot):
    window = make_window()
    editor = window.editor
    qtbot.keyClicks(editor, "First sentence here. Second one now")
    assert editor.extraSelections() == []
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert editor.focus_mode and window.settings.focus_mode
    dimmed = editor.extraSelections()
    assert len(dimmed) == 1
    assert dimmed[0].cursor.selectedText() == "First sentence here. "
    assert dimmed[0].format.foreground().color() == window.theme.color("dim")
    # paragraph scope: the whole current paragraph is bright
    qtbot.keyClick(editor, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.settings.focus_scope == "paragraph"
    assert editor.extraSelections() == []
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert not editor.focus_mode and editor.extraSelections() == []


def test_typewriter_keeps_the_current_line_centred(make_window, qtbot):
    window = make_window()
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    assert editor.typewriter and editor.centerOnScroll()
    _type_lines(qtbot, editor, 40)
    line_height = editor.fontMetrics().height()

    def centred() -> bool:
        # the cursor's line, in the editor's own coordinates, sits at its vertical middle
        cursor_y = editor.viewport().y() + editor.cursorRect().center().y()
        return abs(cursor_y - editor.height() / 2) <= 1.5 * line_height

    qtbot.waitUntil(centred, timeout=2000)
    # deleting keeps it centred too
    for _ in range(80):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(centred, timeout=2000)
    # and at the very start of the document (top padding lets the first line reach the centre)
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(centred, timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    assert not editor.typewriter and not editor.centerOnScroll()


def test_theme_switch_changes_colours(make_window, qtbot):
    window = make_window()
    before = window.editor.palette().color(QPalette.ColorRole.Base)
    window.commands.run("theme_dark")
    after = window.editor.palette().color(QPalette.ColorRole.Base)
    assert before != after
    assert after.name() == window.theme.background == "#1d1e21"
    qtbot.keyClick(window.editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.settings.theme == "light"


def test_font_size_shortcuts(make_window, qtbot):
    window = make_window()
    size = window.editor.font().pointSize()
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.font().pointSize() == size + 1
    qtbot.keyClick(window.editor, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.editor, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.font().pointSize() == size - 1
    qtbot.keyClick(window.editor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.font().pointSize() == size


def test_column_is_centred_with_a_comfortable_measure(make_window):
    window = make_window()
    editor = window.editor
    window.resize(1600, 900)
    margins = editor.viewportMargins()
    assert abs(margins.left() - margins.right()) <= 1
    assert margins.left() > 300  # a column, not the full width of the screen
    editor.setPlainText("She walked to the end of the road and back again, thinking of nothing much. " * 8)
    first_line = editor.document().firstBlock().layout().lineAt(0)
    assert 60 <= first_line.textLength() <= 80


def test_settings_survive_a_restart(make_window, qtbot, isolated_home):
    window = make_window()
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.editor, Qt.Key.Key_F8)
    qtbot.keyClick(window.editor, Qt.Key.Key_F9)
    window.commands.run("theme_sepia")
    window.commands.run("column_wider")
    expected_size = window.settings.font_size
    window.close()

    stored = load_settings(isolated_home / "config" / "settings.json").settings
    remembered = (stored.theme, stored.font_size, stored.focus_mode, stored.typewriter)
    assert remembered == ("sepia", expected_size, True, True)
    assert stored.column_chars == 72

    again = make_window()
    assert again.theme.name == "sepia"
    assert again.editor.font().pointSize() == expected_size
    assert again.editor.focus_mode and again.editor.typewriter


def test_status_line_fades_while_typing_and_returns_on_pause(make_window, qtbot):
    window = make_window()
    qtbot.keyClicks(window.editor, "Some words to count")
    assert not window.status.shown
    qtbot.waitUntil(lambda: window.status.shown and window.status.opacity() > 0.99, timeout=4000)
    assert window.status.left.text() == "4 words"
    assert "+4 this session" in window.status.right.text()


def test_palette_lists_commands_with_shortcuts_and_runs_them(make_window, qtbot):
    window = make_window()
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.picker.isVisible()
    qtbot.keyClicks(window.picker.query, "typewriter")
    items = window.picker.visible_items()
    assert [i.label for i in items] == ["Typewriter scrolling"]
    assert items[0].detail == "off · F9"  # a switch says where it stands
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.typewriter, timeout=2000)
    assert not window.picker.isVisible()


def test_jump_to_heading(make_window, qtbot):
    window = make_window()
    text = "# One\n\ntext\n\n```\n# not a heading\n```\n\n## Two\n\nmore"
    window.editor.setPlainText(text)
    two = text.index("## Two")
    qtbot.keyClick(window.editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert [i.payload for i in window.picker.visible_items()] == [0, two]
    qtbot.keyClicks(window.picker.query, "two")
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.textCursor().position() == two, timeout=2000)


def test_jump_to_setext_headings(make_window, qtbot):
    """``Title`` over ``===`` or ``---`` is a heading on the rendered page, so it is one in the jump list;
    a ``---`` after a blank line is a rule, and front matter is neither."""
    window = make_window()
    text = "---\ntitle: 𝒜 piece\n---\nOpening 😀\n=========\n\ntext\n\n---\n\nSecond part\n-----------\n\nmore\n"
    window.editor.setPlainText(text)
    qtbot.keyClick(window.editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    shown = window.picker.visible_items()
    assert [(i.label.strip(), i.detail, i.payload) for i in shown] == [
        ("Opening 😀", "H1", text.index("Opening")), ("Second part", "H2", text.index("Second"))]
    qtbot.keyClicks(window.picker.query, "second")
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    second = window.editor.qt_position(text.index("Second"))  # the astral emoji is two UTF-16 units
    qtbot.waitUntil(lambda: window.editor.textCursor().position() == second, timeout=2000)


def test_find_and_replace(make_window, qtbot):
    window = make_window()
    window.editor.setPlainText("cat and cat and Cat")
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.replace_field.isVisible()
    qtbot.keyClicks(window.find_bar.find_field, "cat")
    assert window.find_bar.count_label.text() == "1 of 3"
    assert window.editor.textCursor().selectedText() == "cat"
    qtbot.keyClicks(window.find_bar.replace_field, "dog")
    assert window.find_bar.replace_all() == 3
    assert window.editor.raw_text() == "dog and dog and Dog"  # the capital kept
    window.editor.undo()
    assert window.editor.raw_text() == "cat and cat and Cat"
    qtbot.keyClick(window.find_bar.find_field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_status_line_repaints_only_when_the_goal_mark_changes(make_window, qtbot) -> None:  # noqa: ANN001
    """The sessions feature reports goal progress on every keystroke; repainting the status line each
    time also repainted everything lying over it (the voice panel's whole bottom edge)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    window = make_window()
    status = window.status
    paints = []

    class Counter(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
            if event.type() == QEvent.Type.Paint:
                paints.append(watched)
            return False

    counter = Counter()
    status.installEventFilter(counter)
    status.set_goal("120 of 500 words", 0.24)
    qtbot.waitUntil(lambda: len(paints) > 0, timeout=2000)
    paints.clear()
    for _ in range(20):
        status.set_goal("120 of 500 words", 0.24)
        QApplication.processEvents()
    assert paints == []
    status.set_goal("121 of 500 words", 0.242)
    qtbot.waitUntil(lambda: len(paints) > 0, timeout=2000)
    status.removeEventFilter(counter)


def test_moving_the_mouse_brings_the_status_line_back(make_window, qtbot, monkeypatch):
    # A pause long enough that only the mouse can bring the status line back during this test.
    monkeypatch.setattr("quill.ui.shell.window.TYPING_PAUSE_MS", 600_000)
    window = make_window()
    qtbot.keyClicks(window.editor, "Some words")
    assert not window.status.shown
    viewport = window.editor.viewport()
    qtbot.mouseMove(viewport, viewport.rect().center())
    qtbot.mouseMove(viewport, viewport.rect().center() + QPoint(12, 8))
    qtbot.waitUntil(lambda: window.status.shown, timeout=2000)
    assert window.status.left.text() == "2 words"


def test_coming_back_to_the_window_checks_the_disk(make_window, qtbot, tmp_path):
    """A piece another program replaced while Quill was in the background is reloaded on return,
    even when the file watcher lost track of it (delete and recreate, as git checkout does)."""
    piece = tmp_path / "piece.md"
    piece.write_text("Old text.\n", encoding="utf-8")
    window = make_window(piece)
    watcher = window.documents.watcher
    watcher.removePaths(watcher.files() + watcher.directories())  # every watch gone: only activation can tell
    piece.unlink()
    piece.write_text("New text from another program.\n", encoding="utf-8")
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.waitUntil(lambda: window.editor.raw_text() == "New text from another program.\n", timeout=2000)


def test_a_settings_file_that_could_not_be_read_survives_ctrl_plus(make_window, qtbot, monkeypatch):
    """Quill starts on the defaults when it cannot read the writer's settings (EIO here, at the OS
    boundary): the first Ctrl+= used to write those defaults over the file. It is left as it is,
    and the writer is told why the change is not kept."""
    import errno
    import json
    import os
    from pathlib import Path

    from quill.paths import app_dirs

    settings_file = app_dirs().ensure().settings_file
    mine = json.dumps({"theme": "dark", "font_size": 26, "column_chars": 90})
    settings_file.write_text(mine)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == settings_file:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    window = make_window()
    assert window.settings.theme == "light"  # the defaults, as the file could not be read
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "did not save your settings" in window.banner.text(), timeout=2000)
    monkeypatch.undo()
    assert settings_file.read_text() == mine


def test_a_window_narrower_than_the_column_keeps_a_margin_in_proportion(make_window, qtbot):  # noqa: ANN001
    """Half a screen (beside the preview, or a tiled window) is narrower than the column: the text
    then ran to 24 px of each edge, which looked cramped next to the preview's own margins."""
    window = make_window()
    editor = window.editor
    editor.setPlainText("She walked to the end of the road and back again, thinking of nothing much. " * 8)
    window.resize(800, 700)
    qtbot.waitUntil(lambda: editor.width() <= 800)
    margins = editor.viewportMargins()
    assert margins.left() >= editor.width() * 0.05 - 1 and margins.right() >= editor.width() * 0.05 - 1
    assert abs(margins.left() - margins.right()) <= 1
    window.resize(window.minimumWidth() or 480, 700)  # a narrow window still gives the text most of its width
    qtbot.waitUntil(lambda: editor.width() < 600)
    assert 24 <= editor.viewportMargins().left() <= 32


def test_status_line_says_nothing_of_the_session_until_the_writer_writes(make_window, qtbot, tmp_path):
    """A launch used to greet the writer with "+0 this session · open 0 min": two zeros about
    nothing. Quiet for the first minute, then only the time open, and the session's words from
    the first edit on."""
    now = [1000.0]
    piece = tmp_path / "piece.md"
    piece.write_text("An old line already here.\n", encoding="utf-8")
    window = make_window(piece, clock=lambda: now[0])
    window.refresh_status()
    assert window.status.right.text() == ""
    now[0] += 125
    window.refresh_status()
    assert window.status.right.text() == "open 2 min"
    qtbot.keyClicks(window.editor, "More ")
    qtbot.waitUntil(lambda: window.status.shown, timeout=4000)
    assert window.status.right.text() == "+1 this session · open 2 min"


def test_words_written_in_the_first_minute_stand_alone(make_window, qtbot, tmp_path):
    """Writing straight after launch showed "+3 this session · open 0 min": the session's words
    are said at once, the time open only once there is a minute to say."""
    now = [1000.0]
    piece = tmp_path / "piece.md"
    piece.write_text("An old line already here.\n", encoding="utf-8")
    window = make_window(piece, clock=lambda: now[0])
    qtbot.keyClicks(window.editor, "Then more ")
    qtbot.waitUntil(lambda: window.status.right.text() == "+2 this session", timeout=4000)
    now[0] += 61
    window.refresh_status()
    assert window.status.right.text() == "+2 this session · open 1 min"


def test_esc_on_the_page_closes_the_preview_then_the_voice_panel(make_window, qtbot) -> None:  # noqa: ANN001
    """Found on a review: Esc closed every overlay and dialog, but not the preview or the voice
    panel beside the page. Esc on the page now closes them, one at a time, preview first; with
    nothing beside the page it does nothing, and never touches the text."""
    from quill.ui.voice import install_voice_panel

    window = make_window()
    window.install_features()
    panel = window.voice_panel if getattr(window, "voice_panel", None) else install_voice_panel(window)
    qtbot.keyClicks(window.editor, "Some words.")
    window.commands.run("find")
    qtbot.waitUntil(window.find_bar.isVisible, timeout=3000)
    window.editor.setFocus()  # back on the page with the find bar still open
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    panel.set_open(True, animate=False)
    window.commands.run("preview")
    preview = window.export_controller.preview
    qtbot.waitUntil(lambda: preview.isVisible() and panel.open, timeout=3000)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not preview.isVisible() and panel.open
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.open, timeout=3000)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert window.editor.raw_text() == "Some words." and window.editor.hasFocus()
