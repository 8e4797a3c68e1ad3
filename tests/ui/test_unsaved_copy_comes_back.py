"""Quitting when the piece could not be saved keeps the words in Quill's data folder ("unsaved/").
At the next start they come back beside their piece as a recovered copy, which the window
announces and "Compare versions from other devices…" settles, instead of staying in a folder
the writer never sees."""

from __future__ import annotations

from quill.library.sync_conflicts import conflicts_of
from quill.paths import app_dirs
from quill.storage.recovery import bring_back_unsaved_copies


def test_words_kept_at_a_refused_quit_come_back_beside_their_piece(make_window, qtbot, library_dir):
    piece = library_dir / "essay.md"
    piece.write_text("Saved long ago.\r\n", encoding="utf-8", newline="")
    piece.chmod(0o444)  # read-only by its bits: refused even to root
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Typed into a read-only piece.")
    window.close()
    assert window.isVisible()  # first attempt: a copy is kept, Quill stays open
    window.close()
    assert not window.isVisible()
    unsaved = app_dirs().data / "unsaved"
    assert [p.suffix for p in unsaved.glob("*.md")] == [".md"]

    said = bring_back_unsaved_copies(unsaved)  # what the next start does, before anything opens
    [copy] = conflicts_of(piece)
    assert copy.name.kind == "recovered"
    assert copy.path.read_bytes() == b"Saved long ago.\r\nTyped into a read-only piece."  # the piece's own endings
    assert piece.read_bytes() == b"Saved long ago.\r\n"
    assert list(unsaved.iterdir()) == []
    assert [r.written_to for r in said] == [copy.path] and "essay.md" in said[0].message
    assert bring_back_unsaved_copies(unsaved) == []  # once
    from quill.ui.shell.app import open_first_piece

    restarted = make_window()
    open_first_piece(restarted, None, said, lambda: piece, [])
    assert "could not save in essay.md when it last quit are back" in restarted.banner.text()
    assert restarted.editor.raw_text() == "Saved long ago.\nTyped into a read-only piece."
