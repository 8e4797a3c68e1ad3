"""The piece's folder is briefly missing while a sync engine moves things (it removes the folder and
creates it again with the piece), with the window open: nothing lost, no stray copies."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from quill.library.library_id import MARKER_PREFIX
from tests.ui.keys import type_text


def _setup(make_window, library_dir: Path):  # noqa: ANN001, ANN202
    folder = library_dir / "Essays"
    folder.mkdir()
    piece = folder / "essay.md"
    piece.write_text("Start.", encoding="utf-8")
    window = make_window(piece)
    window.documents.saver._retry.setInterval(100)  # retry quickly in the test; the mechanism is the real one
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    return window, folder, piece


def _remove(folder: Path) -> None:
    """What the engine does when the folder goes on the other machine: its files, then the folder."""
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


def _recreate(folder: Path, text: str) -> None:
    """What the engine does: the folder again, the piece written to a temporary name and renamed."""
    folder.mkdir()
    temp = folder / "~syncthing~essay.md.tmp"
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, folder / "essay.md")


def _everything(library_dir: Path) -> list[str]:
    """Every file in the library but its marker (``.quill-library-<id>``: the library's identity, which
    keeps its versions with it; quill/library/library_id.py)."""
    return sorted(p.relative_to(library_dir).as_posix() for p in library_dir.rglob("*")
                  if p.is_file() and not p.name.startswith(MARKER_PREFIX))


def test_typing_while_the_folder_is_gone_and_back_with_the_same_piece(make_window, qtbot, library_dir: Path):
    window, folder, piece = _setup(make_window, library_dir)
    _remove(folder)  # the engine takes the folder away…
    type_text(qtbot, window.editor, " More.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "gone" in window.banner.text(), timeout=5000)
    _recreate(folder, "Start.")  # …and brings it back with the piece as it was
    qtbot.waitUntil(lambda: piece.exists() and piece.read_text(encoding="utf-8") == "Start. More.", timeout=5000)
    type_text(qtbot, window.editor, " Again.")
    assert window.documents.save_first()
    assert piece.read_text(encoding="utf-8") == "Start. More. Again."
    assert _everything(library_dir) == ["Essays/essay.md"]  # no stray copy, no draft elsewhere


def test_back_with_a_newer_version_while_typing_keeps_both_once(make_window, qtbot, library_dir: Path):
    window, folder, piece = _setup(make_window, library_dir)
    _remove(folder)
    type_text(qtbot, window.editor, " Mine.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "gone" in window.banner.text(), timeout=5000)
    _recreate(folder, "Start. From the laptop.")
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Start. Mine.", timeout=5000)
    assert window.documents.save_first()
    files = _everything(library_dir)
    assert len(files) == 2 and "Essays/essay.md" in files
    [copy] = [library_dir / f for f in files if f != "Essays/essay.md"]
    assert copy.read_text(encoding="utf-8") == "Start. From the laptop."


def test_back_with_a_newer_version_while_idle_reloads(make_window, qtbot, library_dir: Path):
    window, folder, piece = _setup(make_window, library_dir)
    _remove(folder)
    qtbot.waitUntil(lambda: str(library_dir) in window.documents.watcher.directories(), timeout=5000)
    _recreate(folder, "Start. From the laptop.")
    qtbot.waitUntil(lambda: window.editor.raw_text() == "Start. From the laptop.", timeout=5000)
    assert _everything(library_dir) == ["Essays/essay.md"]
