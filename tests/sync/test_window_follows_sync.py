"""A sync engine renames the open piece (delete the old name, write the new one) while Quill runs:
the window follows it, and what the writer types next lands in the new file, never the old name."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.keys import type_text


def test_the_window_follows_a_piece_renamed_under_it(make_window, qtbot, library_dir: Path):
    piece = library_dir / "draft.md"
    piece.write_text("Words worth keeping.", encoding="utf-8")
    window = make_window(piece)
    renamed = library_dir / "on-lighthouses.md"
    os.rename(piece, renamed)  # what Syncthing does on B when A renamed the piece
    qtbot.waitUntil(lambda: window.documents.document.path == renamed, timeout=5000)
    assert "renamed to on-lighthouses.md" in window.banner.text()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " More.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: renamed.read_text(encoding="utf-8") == "Words worth keeping. More.", timeout=5000)
    assert not piece.exists()  # not written back under its old name
    assert sorted(p.name for p in library_dir.glob("*.md")) == ["on-lighthouses.md"]


def test_a_piece_really_deleted_is_written_back_with_the_writers_text(make_window, qtbot, library_dir: Path):
    piece = library_dir / "draft.md"
    piece.write_text("Kept in the editor.", encoding="utf-8")
    window = make_window(piece)
    piece.unlink()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " Yes.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: piece.exists() and piece.read_text(encoding="utf-8") == "Kept in the editor. Yes.",
                    timeout=5000)
