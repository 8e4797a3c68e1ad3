"""The editor puts exactly what the writer types on the page, and offers nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from quill.ui.editor.editor import NO_PREDICTION_HINTS


def test_typed_text_lands_exactly(make_window, qtbot):
    window = make_window()
    typed = 'teh ( "quote" -- 1/2 i dont'
    qtbot.keyClicks(window.editor, typed)
    assert window.editor.raw_text() == typed


def test_typing_does_not_pair_or_continue_lists(make_window, qtbot):
    window = make_window()
    qtbot.keyClicks(window.editor, "- item [ { ' `")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "1. next")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert window.editor.raw_text() == "- item [ { ' `\n1. next\n"


def test_no_completer_anywhere(make_window):
    window = make_window()
    window.commands.run("palette")
    window.commands.run("find")
    assert window.findChildren(QCompleter) == []
    for line_edit in window.findChildren(QLineEdit):
        assert line_edit.completer() is None


def test_input_method_hints_disable_prediction(make_window):
    window = make_window()
    hints = window.editor.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhNoPredictiveText
    assert hints & Qt.InputMethodHint.ImhNoAutoUppercase
    queried = Qt.InputMethodHint(window.editor.inputMethodQuery(Qt.InputMethodQuery.ImHints))
    assert queried & Qt.InputMethodHint.ImhNoPredictiveText
    for line_edit in window.findChildren(QLineEdit):
        assert line_edit.inputMethodHints() & NO_PREDICTION_HINTS & Qt.InputMethodHint.ImhNoPredictiveText


def test_paste_is_plain_text_and_reported(make_window, qtbot):
    from PySide6.QtCore import QMimeData

    window = make_window()
    pasted = []
    window.editor.pasted_text.connect(pasted.append)
    mime = QMimeData()
    mime.setHtml("<b>bold</b> words")
    mime.setText("bold words")
    window.editor.insertFromMimeData(mime)
    assert window.editor.raw_text() == "bold words"
    assert pasted == ["bold words"]


def test_a_paste_offered_only_as_html_brings_its_words_as_plain_text(make_window, qtbot, library_dir):
    """Some programs put only HTML on the clipboard. Before this Ctrl+V did nothing at all: the
    words the writer meant to bring in never arrived, and nothing said why."""
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QGuiApplication

    piece = library_dir / "notes.md"
    piece.write_bytes(b"Start.\r\n")
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setHtml("<p>Only <b>HTML</b> caf\u00e9 \U0001F98A words</p><p>\u05e9\u05dc\u05d5\u05dd second</p>")
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)  # the clipboard owns it now
    try:
        qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    finally:
        clipboard.clear()  # freed while the application lives: left to exit, Python crashed there
    assert window.editor.raw_text() == "Start.\nOnly HTML caf\u00e9 \U0001F98A words\n\u05e9\u05dc\u05d5\u05dd second"
    window.close()
    assert piece.read_bytes() == ("Start.\r\nOnly HTML caf\u00e9 \U0001F98A words\r\n"
                                  "\u05e9\u05dc\u05d5\u05dd second").encode()


def test_undo_redo(make_window, qtbot):
    window = make_window()
    qtbot.keyClicks(window.editor, "one")
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.raw_text() == ""
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.raw_text() == "one"


def test_non_breaking_space_survives(make_window, qtbot):
    window = make_window()
    window.editor.insertPlainText("10\u00a0km")
    assert window.editor.raw_text() == "10\u00a0km"


def test_edit_listeners_hear_every_edit_in_order_and_survive_a_failing_one(make_window, qtbot):
    window = make_window()
    heard: list[tuple[int, int, str]] = []

    def broken(position: int, removed: int, inserted: str) -> None:
        raise RuntimeError("a listener with a bug")

    window.editor.add_edit_listener(broken)
    window.editor.add_edit_listener(lambda *edit: heard.append(edit))
    qtbot.keyClicks(window.editor, "ab")
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert heard == [(0, 0, "a"), (1, 0, "b"), (1, 1, ""), (1, 0, "\n")]
    assert window.editor.raw_text() == "a\n"
    window.editor.remove_edit_listener(broken)
    qtbot.keyClicks(window.editor, "c")
    assert heard[-1] == (2, 0, "c")


def test_key_releases_stop_at_the_page(make_window, qtbot):
    """A typed key's release is not passed up to the window's widgets and their event filters
    (the open voice panel watches the page's parent): each one entered Python for nothing."""
    from PySide6.QtCore import QEvent, QObject

    window = make_window()
    window.show()
    seen: list[QEvent.Type] = []

    class Watch(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802, ANN001
            if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                seen.append(event.type())
            return False

    watch = Watch()
    parents = []
    widget = window.editor.parentWidget()
    while widget is not None:
        widget.installEventFilter(watch)
        parents.append(widget)
        widget = widget.parentWidget()
    qtbot.keyClicks(window.editor, "word")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    for widget in parents:
        widget.removeEventFilter(watch)
    assert window.editor.raw_text() == "word\n"  # the keys themselves were typed
    assert seen == []
