"""One conflict leaves one copy: Quill never writes a second copy of text a sync engine already kept,
and never follows the writer's piece into the engine's copy of it (library layer and a real window)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from quill.library import Library
from quill.library.conflicts import CONFLICT
from quill.paths import app_dirs
from tests.ui.keys import open_and_type_at_end, type_text

ENGINE_COPY = "essay.sync-conflict-20261204-081500-AAAAAAA.md"


def _library(root: Path) -> Library:
    library = Library(root, app_dirs())
    library.scan()
    return library


def _replace(path: Path, text: str) -> None:
    """What a sync engine does: write a temporary file, then rename it over the piece."""
    temp = path.with_name(f"~syncthing~{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _copies(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md") if p.name != "essay.md"}


def test_the_other_text_already_kept_by_the_engine_is_not_copied_again(library_dir: Path):
    piece = library_dir / "essay.md"
    piece.write_text("Shared.\n", encoding="utf-8")
    with _library(library_dir) as library:
        doc, _text = library.open_piece(piece)
        theirs = "Shared.\n\nWritten on the laptop.\n"
        (library_dir / ENGINE_COPY).write_text(theirs, encoding="utf-8")  # the engine kept it as a copy…
        _replace(piece, theirs)  # …and (another device, or a later pass) put it at the piece as well
        mine = "Shared.\n\nTyped at the desk.\n"
        result = library.save(doc, mine)
        assert result.conflict_copy == library_dir / ENGINE_COPY  # the writer is told where it is
        assert piece.read_text(encoding="utf-8") == mine
        assert _copies(library_dir) == {ENGINE_COPY: theirs}  # no "(conflict …)" copy beside it
        # the same through check_external (the window's dirty path when focus returns)
        _replace(piece, theirs)
        result = library.check_external(doc, mine + "More.\n", dirty=True)
        assert result.kind == CONFLICT and result.conflict_copy == library_dir / ENGINE_COPY
        assert _copies(library_dir) == {ENGINE_COPY: theirs}


def test_the_writers_own_words_moved_aside_by_the_engine_become_a_version(library_dir: Path):
    """Syncthing on the losing side renames the writer's file to ``.sync-conflict-…`` and puts the
    winner in its place. The writer, still typing, keeps their newer text; the winner is the one copy;
    the writer's older words (the engine's copy) are a version, not a second copy."""
    piece = library_dir / "essay.md"
    saved = "Shared.\n\nDesk, saved.\n"
    piece.write_text(saved, encoding="utf-8")
    with _library(library_dir) as library:
        doc, _text = library.open_piece(piece)
        os.rename(piece, library_dir / ENGINE_COPY)
        assert library.follow_move(doc) is None and doc.path == piece  # never into the engine's copy
        winner = "Shared.\n\nLaptop, the winner.\n"
        _replace(piece, winner)
        mine = saved + "Desk, still typing.\n"
        result = library.save(doc, mine)
        assert piece.read_text(encoding="utf-8") == mine
        [(name, text)] = _copies(library_dir).items()
        assert text == winner and result.conflict_copy == library_dir / name  # one copy: the winner
        assert saved in {v.read() for v in library.versions(piece) if v.reason == "conflict"}
        library.scan()
        assert [p.path.name for p in library.pieces()] == ["essay.md"]


def test_an_engine_copy_changed_since_is_left_alone(library_dir: Path):
    piece = library_dir / "essay.md"
    piece.write_text("Saved.\n", encoding="utf-8")
    with _library(library_dir) as library:
        doc, _text = library.open_piece(piece)
        os.rename(piece, library_dir / ENGINE_COPY)
        _replace(piece, "Winner.\n")
        aside = library._own_words_aside(doc)
        (library_dir / ENGINE_COPY).write_text("Saved, and edited since.\n", encoding="utf-8")
        library._fold_own_words(doc, aside, library_dir / "whatever.md")
        assert (library_dir / ENGINE_COPY).read_text(encoding="utf-8") == "Saved, and edited since.\n"


def test_typing_while_the_engine_replaces_the_piece_leaves_one_copy(make_window, qtbot, library_dir: Path):
    """A real window, real keys: the writer types while Syncthing (the losing side) moves the piece
    aside and puts the other device's version in its place."""
    piece = library_dir / "essay.md"
    piece.write_text("Shared start.", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " Saved.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Shared start. Saved.", timeout=5000)
    assert window.documents.save_first()  # the save's bookkeeping done too, not only the bytes on disk
    type_text(qtbot, window.editor, " Unsaved")
    os.rename(piece, library_dir / ENGINE_COPY)
    _replace(piece, "Shared start. From the laptop.")
    type_text(qtbot, window.editor, " words.")
    mine = "Shared start. Saved. Unsaved words."

    def settled() -> bool:
        return piece.read_text(encoding="utf-8") == mine and not (library_dir / ENGINE_COPY).exists()

    qtbot.waitUntil(settled, timeout=10000)
    assert window.documents.save_first()
    assert window.editor.raw_text() == mine and window.documents.document.path == piece
    assert list(_copies(library_dir).values()) == ["Shared start. From the laptop."]
    versions = window.library.library.versions(piece)
    assert "Shared start. Saved." in {v.read() for v in versions if v.reason == "conflict"}


def test_typing_while_the_piece_takes_text_already_in_a_copy_writes_no_second(make_window, qtbot,
                                                                              library_dir: Path):
    piece = library_dir / "essay.md"
    piece.write_text("Shared start.", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " Mine")
    theirs = "Shared start. Theirs."
    (library_dir / ENGINE_COPY).write_text(theirs, encoding="utf-8")
    _replace(piece, theirs)
    type_text(qtbot, window.editor, " too.")
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Shared start. Mine too.", timeout=10000)
    assert window.documents.save_first()
    assert _copies(library_dir) == {ENGINE_COPY: theirs}
    assert ENGINE_COPY in window.banner.text()
