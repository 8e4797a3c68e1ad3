"""The versions and compare dialogs act on the piece they were opened for. Another launch of
Quill (``quill other.md``, a file manager) can open another piece while one is on screen; a
restore or a settle must then change nothing rather than write the first piece's text into it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quill.ui.library.compare import CompareDialog
from quill.ui.library.versions import VersionsDialog


def _visible(kind):  # noqa: ANN001, ANN202
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def test_restoring_after_another_piece_was_opened_changes_neither(make_window, qtbot, library_dir):
    first, second = library_dir / "first.md", library_dir / "second.md"
    first.write_text("First, as it was.", encoding="utf-8")
    second.write_text("Second piece, its own words 🌊.", encoding="utf-8")
    window = make_window(first)
    window.commands.run("snapshot")
    window.editor.selectAll()
    qtbot.keyClicks(window.editor, "First, rewritten.")
    window.commands.run("versions")
    dialog = _visible(VersionsDialog)
    window.open_requested(str(second))  # a second launch hands its file over while the dialog is open
    assert window.document.path == second
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert second.read_text(encoding="utf-8") == "Second piece, its own words 🌊."
    assert window.editor.raw_text() == "Second piece, its own words 🌊."
    assert first.read_text(encoding="utf-8") == "First, rewritten."
    assert "first" in window.banner.text()


def test_settling_after_another_piece_was_opened_changes_neither(make_window, qtbot, library_dir):
    first, second = library_dir / "first.md", library_dir / "second.md"
    first.write_text("Mine.\n", encoding="utf-8")
    copy = library_dir / "first.sync-conflict-20261203-080101-ABCDEFG.md"
    copy.write_text("Theirs.\n", encoding="utf-8")
    second.write_text("Second piece.\n", encoding="utf-8")
    window = make_window(first)
    window.commands.run("compare_conflicts")
    dialog = _visible(CompareDialog)
    window.open_requested(str(second))
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert second.read_text(encoding="utf-8") == "Second piece.\n"
    assert first.read_text(encoding="utf-8") == "Mine.\n" and copy.read_text(encoding="utf-8") == "Theirs.\n"


def test_tags_typed_for_one_piece_never_land_on_another(make_window, qtbot, library_dir, monkeypatch):
    import quill.ui.library.controller as commands

    first, second = library_dir / "first.md", library_dir / "second.md"
    first.write_text("---\ntags: [first-only]\n---\nFirst.\n", encoding="utf-8")
    second.write_text("---\ntags: [second, kept]\n---\nSecond.\n", encoding="utf-8")
    window = make_window(first)

    def answer_after_a_handover(parent, title, label, text=""):  # noqa: ANN001, ANN202
        window.open_requested(str(second))  # while the question is on screen
        return text + ", new"

    monkeypatch.setattr(commands, "ask_text", answer_after_a_handover)
    window.commands.run("tags")
    assert second.read_text(encoding="utf-8") == "---\ntags: [second, kept]\n---\nSecond.\n"
    assert first.read_text(encoding="utf-8") == "---\ntags: [first-only]\n---\nFirst.\n"


def test_restoring_a_draft_version_of_a_finished_piece_tells_the_baseline(make_window, qtbot, library_dir):
    piece = library_dir / "essay.md"
    piece.write_text("---\nstatus: draft\n---\nA draft.\n", encoding="utf-8")
    window = make_window(piece)
    window.commands.run("snapshot")
    window.commands.run("finish")
    assert window.library.library.piece(piece).status == "finished"
    window.commands.run("versions")
    dialog = _visible(VersionsDialog)
    rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(next(i for i, v in enumerate(rows) if v.reason == "manual"))
    with qtbot.waitSignal(window.library.finished_changed, timeout=2000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert window.library.library.piece(piece).status == "draft"


def test_trashing_and_restoring_a_finished_piece_tells_the_baseline(make_window, qtbot, library_dir):
    piece = library_dir / "done.md"
    piece.write_text("---\nstatus: finished\nfinished: 2026-01-02\n---\nDone.\n", encoding="utf-8")
    window = make_window(piece)
    with qtbot.waitSignal(window.library.finished_changed, timeout=2000):
        window.commands.run("trash")
    assert window.library.library.backlog() == []
    with qtbot.waitSignal(window.library.finished_changed, timeout=2000):
        window.commands.run("restore_trash")
        qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    assert [p.path for p in window.library.library.backlog()] == [piece]


def test_restoring_with_unsaved_words_keeps_them_as_the_before_restore_version(make_window, qtbot, library_dir):
    from tests.ui.keys import type_text

    piece = library_dir / "story.md"
    piece.write_text("First version.\r\n", encoding="utf-8", newline="")
    window = make_window(piece)
    window.commands.run("snapshot")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, "Typed just now, never saved 🌊 \u05e9\u05dc\u05d5\u05dd.")
    window.commands.run("versions")  # no pause, no Ctrl+S: the words are only in the editor
    dialog = _visible(VersionsDialog)
    rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(next(i for i, v in enumerate(rows) if v.reason == "manual"))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert piece.read_bytes() == b"First version.\r\n" and window.editor.raw_text() == "First version.\n"
    kept = [v.read() for v in window.library.library.versions(piece) if v.reason == "before-restore"]
    assert kept == ["First version.\nTyped just now, never saved 🌊 \u05e9\u05dc\u05d5\u05dd."]
