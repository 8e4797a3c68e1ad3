"""Another program replacing the open piece while the writer is idle is reloaded (no question):
the writer's own last-saved words, which the editor held and the file no longer does, are kept
as a version first. A sync engine putting back an older file, or a checkout, otherwise took a
whole session's words with it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keys import open_and_type_at_end


def test_a_reload_keeps_the_words_it_replaced_as_a_version(make_window, qtbot, library_dir):
    piece = library_dir / "essay.md"
    piece.write_text("The morning's start.\n", encoding="utf-8")
    typed = "A whole session of words 🌊, e\u0301, \u05e9\u05dc\u05d5\u05dd."
    window = open_and_type_at_end(qtbot, make_window, piece, typed)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    session = "The morning's start.\nA whole session of words 🌊, e\u0301, \u05e9\u05dc\u05d5\u05dd."
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == session, timeout=5000)
    qtbot.waitUntil(lambda: not window.documents.saver.busy, timeout=5000)
    piece.write_text("The morning's start.\n", encoding="utf-8")  # an older file put back from elsewhere
    window.check_disk()
    assert window.editor.raw_text() == "The morning's start.\n"
    assert session in [v.read() for v in window.library.library.versions(piece)]


def test_another_machine_writing_while_this_one_is_idle_keeps_one_version_not_one_per_reload(
        make_window, qtbot, library_dir):
    piece = library_dir / "shared.md"
    piece.write_text("Written here yesterday.\n", encoding="utf-8")
    window = make_window(piece)
    for n in range(1, 6):  # the other machine revises, saving every few seconds; this window is idle
        piece.write_text(f"Revised over there, pass {n}.\n", encoding="utf-8")
        window.check_disk()
        assert window.editor.raw_text() == f"Revised over there, pass {n}.\n"
    kept = [v.read() for v in window.library.library.versions(piece) if v.reason == "reloaded"]
    assert kept == ["Written here yesterday.\n"]  # what this machine had; the passes are the other's
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Typed here.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8").endswith("Typed here."), timeout=5000)
    qtbot.waitUntil(lambda: not window.documents.saver.busy, timeout=5000)
    piece.write_text("Put back from an old backup.\n", encoding="utf-8")
    window.check_disk()
    assert "Revised over there, pass 5.\nTyped here." in [v.read() for v in window.library.library.versions(piece)]


def test_a_file_outside_the_library_is_copied_before_a_reload(make_window, qtbot, tmp_path):
    from quill.paths import app_dirs

    note = tmp_path / "elsewhere" / "note.md"
    note.parent.mkdir()
    note.write_text("A note kept outside the library.\n", encoding="utf-8")
    window = make_window(note)
    note.write_text("Replaced by another program.\n", encoding="utf-8")
    window.check_disk()
    kept = [p.read_text(encoding="utf-8") for p in (app_dirs().data / "replaced").iterdir()]
    assert kept == ["A note kept outside the library.\n"]
