"""Issue #21, findings 11 and 14: whatever the editor accepts is saved as a file Quill opens again."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor

from quill.storage.textfile import load_text
from tests.ui.keys import type_text


def test_pasted_nul_round_trips_through_save_and_open(make_window, library_dir, qtbot):
    piece = library_dir / "nul.md"
    piece.write_text("Start.", encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    data = QMimeData()
    data.setText(" a\x00b")
    editor.insertFromMimeData(data)
    window.documents.save_now()
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") != "Start.", timeout=5000)
    assert load_text(piece).text == "Start. a\u2400b"  # the old code saved a NUL: 'looks like a binary file'


def test_shift_enter_writes_a_newline_not_a_line_separator(make_window, library_dir, qtbot):
    piece = library_dir / "lines.md"
    piece.write_text("", encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    type_text(qtbot, editor, "one")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(qtbot, editor, "two")
    assert editor.raw_text() == "one\ntwo"
    window.documents.save_now()
    qtbot.waitUntil(lambda: piece.read_bytes() == b"one\ntwo", timeout=5000)


def test_a_piece_deleted_and_recreated_again_and_again_is_followed_every_time(make_window, library_dir, qtbot):
    """Finding 9: git checkout switching branches under an open piece went unnoticed on the third switch."""
    piece = library_dir / "branch.md"
    piece.write_text("main branch\n", encoding="utf-8")
    window = make_window(piece)
    for n in range(4):
        piece.unlink()
        qtbot.waitUntil(lambda: str(piece) not in window.documents.watcher.files(), timeout=5000)
        text = f"branch {n}\n"
        piece.write_text(text, encoding="utf-8")
        qtbot.waitUntil(lambda text=text: window.editor.raw_text() == text, timeout=5000)


def test_qt_frame_markers_survive_an_edit_and_the_journal(make_window, library_dir, qtbot):
    """Finding 14: U+FDD0/U+FDD1 became line breaks after any edit."""
    from quill.storage.journal import read_journal

    original = "one \ufdd0 two \ufdd1 three"
    piece = library_dir / "markers.md"
    piece.write_text(original, encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    assert editor.raw_text() == original
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, editor, "!")
    data = QMimeData()
    data.setText(" \ufdd0")
    editor.insertFromMimeData(data)
    expected = original + "! \ufdd0"
    assert editor.raw_text() == expected
    keeper = window.documents.journal
    keeper.flush_soon()
    keeper.wait()
    assert read_journal(keeper.journal.path).text == expected
    window.documents.save_now()
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == expected, timeout=5000)


def test_quitting_twice_makes_one_emergency_copy(make_window, library_dir, qtbot):
    """Finding 14: Ctrl+Q twice while saving was impossible left two identical emergency copies."""
    window = make_window(library_dir / "p.md")
    type_text(qtbot, window.editor, "words to keep")
    first = window.documents.emergency_copy()
    second = window.documents.emergency_copy()
    assert first is not None and first == second
    assert [p.read_text(encoding="utf-8") for p in first.parent.glob("*.md")] == ["words to keep"]  # beside: a note
    type_text(qtbot, window.editor, " and more")
    third = window.documents.emergency_copy()
    assert third != first and third.read_text(encoding="utf-8") == "words to keep and more"
