"""The open piece's file deleted outside Quill (a file manager, ``rm``, a sync engine carrying a
delete): the writer is told, and the words — now only in the editor — are written back rather
than dropped when they quit or switch pieces."""

from __future__ import annotations

from pathlib import Path

from quill.paths import app_dirs
from tests.ui.keys import type_text


def test_deleting_the_open_piece_outside_is_said_and_its_words_come_back(make_window, qtbot, library_dir: Path) -> None:  # noqa: ANN001
    piece = library_dir / "draft.md"
    piece.write_text("Words that exist only here now, café 𝄞.", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.library is not None, timeout=5000)
    piece.unlink()
    qtbot.waitUntil(lambda: "was deleted or moved outside Quill" in window.banner.text(), timeout=5000)
    assert window.banner.isVisible()
    window.close()  # nothing typed since: a clean editor must still not let the words go
    assert piece.read_text(encoding="utf-8") == "Words that exist only here now, café 𝄞."
    journals = app_dirs().journal_dir
    assert not journals.exists() or not list(journals.glob("*.journal"))


def test_switching_pieces_after_a_deletion_writes_the_words_back(make_window, qtbot, library_dir: Path) -> None:  # noqa: ANN001
    piece = library_dir / "draft.md"
    piece.write_text("Kept.", encoding="utf-8")
    other = library_dir / "other.md"
    other.write_text("Another.", encoding="utf-8")
    window = make_window(piece)
    piece.unlink()
    qtbot.waitUntil(lambda: "was deleted" in window.banner.text(), timeout=5000)
    window.open_path(other)
    assert piece.read_text(encoding="utf-8") == "Kept."


def test_a_sync_engine_replacing_the_file_is_not_called_a_deletion(make_window, qtbot, library_dir: Path) -> None:  # noqa: ANN001
    piece = library_dir / "draft.md"
    piece.write_text("Old words.", encoding="utf-8")
    window = make_window(piece)
    piece.unlink()
    piece.write_text("New words from the other machine.", encoding="utf-8")  # delete then write, at once
    qtbot.waitUntil(lambda: window.editor.raw_text() == "New words from the other machine.", timeout=5000)
    assert "deleted" not in window.banner.text()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " Mine.")
    window.close()
    assert piece.read_text(encoding="utf-8") == "New words from the other machine. Mine."
