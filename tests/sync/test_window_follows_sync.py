"""A sync engine renames the open piece (delete the old name, write the new one) while Quill runs:
the window follows it, and what the writer types next lands in the new file, never the old name."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.keys import open_and_type_at_end, type_text


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


OPENING = "Words worth keeping, about the lighthouse and its keepers. The lamp was lit at dusk."


def test_renamed_and_edited_on_another_machine_the_window_follows_and_keeps_both(make_window, qtbot,
                                                                                library_dir: Path):
    piece = library_dir / "draft.md"
    piece.write_text(OPENING, encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " Typed at the desk.")
    renamed = library_dir / "on-lighthouses.md"
    theirs = OPENING + " Added on the laptop after renaming it."
    renamed.write_text(theirs, encoding="utf-8")  # the sync engine: the new name first…
    piece.unlink()  # …then the old one goes
    qtbot.waitUntil(lambda: window.documents.document.path == renamed, timeout=5000)
    mine = OPENING + " Typed at the desk."
    qtbot.waitUntil(lambda: renamed.read_text(encoding="utf-8") == mine, timeout=5000)
    [copy] = [p for p in library_dir.glob("*.md") if p != renamed]
    assert copy.read_text(encoding="utf-8") == theirs and copy.name in window.banner.text()
    type_text(qtbot, window.editor, " Later.")
    assert window.documents.save_first()
    assert renamed.read_text(encoding="utf-8") == mine + " Later." and not piece.exists()
    assert sorted(p.name for p in library_dir.glob("*.md")) == sorted([renamed.name, copy.name])


def test_the_old_name_brought_back_by_the_engine_is_folded_into_the_new(make_window, qtbot, library_dir: Path):
    """Renamed on the laptop while edited here: Syncthing keeps the old name (our edit beats its
    delete) and brings the new name holding the text from before our edit. One piece is left."""
    piece = library_dir / "draft.md"
    piece.write_text(OPENING, encoding="utf-8")
    then = piece.stat().st_mtime_ns
    window = open_and_type_at_end(qtbot, make_window, piece, " Saved here.")
    assert window.documents.save_first()
    renamed = library_dir / "on-lighthouses.md"
    temp = library_dir / "~syncthing~on-lighthouses.md.tmp"
    temp.write_text(OPENING, encoding="utf-8")
    os.utime(temp, ns=(then, then))  # the engine keeps the file's time from the other machine
    os.rename(temp, renamed)
    qtbot.waitUntil(lambda: window.documents.document.path == renamed, timeout=5000)
    assert renamed.read_text(encoding="utf-8") == OPENING + " Saved here." and not piece.exists()
    assert "renamed to on-lighthouses.md on another device" in window.banner.text()
    assert sorted(p.name for p in library_dir.glob("*.md")) == ["on-lighthouses.md"]
    versions = window.library.library.versions(renamed)
    assert OPENING in {v.read() for v in versions if v.reason == "conflict"}


def test_renamed_and_added_to_elsewhere_an_idle_window_follows_and_reloads(make_window, qtbot, library_dir: Path):
    piece = library_dir / "draft.md"
    piece.write_text(OPENING, encoding="utf-8")
    window = make_window(piece)
    renamed = library_dir / "on-lighthouses.md"
    theirs = OPENING + "\n\nA paragraph added on the laptop after renaming it."
    renamed.write_text(theirs, encoding="utf-8")
    piece.unlink()
    qtbot.waitUntil(lambda: window.editor.raw_text() == theirs, timeout=5000)
    assert window.documents.document.path == renamed
    assert sorted(p.name for p in library_dir.glob("*.md")) == ["on-lighthouses.md"]  # no copy: nothing lost


def test_the_folder_watch_remembers_only_pieces_that_are_there(make_window, qtbot, library_dir: Path):
    """Every save writes a temporary file beside the piece; over a day of writing the window must not
    collect their names (nor those of files gone since)."""
    piece = library_dir / "draft.md"
    piece.write_text(OPENING, encoding="utf-8")
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    for word in (" one", " two", " three", " four"):
        type_text(qtbot, window.editor, word)
        assert window.documents.save_first()
        qtbot.waitUntil(lambda: not window.documents._disk_check.isActive(), timeout=5000)
    other = library_dir / "other.md"
    other.write_text("Another piece entirely, about gulls and glass.", encoding="utf-8")
    qtbot.waitUntil(lambda: other in window.documents._appeared, timeout=5000)
    other.unlink()
    type_text(qtbot, window.editor, " five")
    assert window.documents.save_first()
    qtbot.waitUntil(lambda: window.documents._appeared == set(), timeout=5000)
    assert piece.read_text(encoding="utf-8") == OPENING + " one two three four five"
