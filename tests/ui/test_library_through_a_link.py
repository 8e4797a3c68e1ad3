"""A library reached through a symlink (Documents linked to another disk, a synced folder) with a
piece opened by its real path: one file, one name. Before, the index took the piece for a file
outside the library: every save said it had failed, a quit was refused once, and a piece trashed
from its row stayed on the page and was written back beside its copy in the trash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from quill.library import Library
from quill.paths import spelled_within
from tests.ui.keys import type_text

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks to folders need rights on Windows")


@pytest.fixture
def linked_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path) -> tuple[Path, Path]:
    """(the library as Quill knows it, a symlink; the real folder it leads to)."""
    real = tmp_path / "real-library"
    real.mkdir()
    link = tmp_path / "linked-library"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("QUILL_LIBRARY", str(link))
    return link, real


def test_a_path_is_spelled_from_the_root_it_lies_in(linked_library: tuple[Path, Path], tmp_path: Path) -> None:
    link, real = linked_library
    (real / "drafts").mkdir()
    assert spelled_within(real / "drafts" / "a.md", link) == link / "drafts" / "a.md"
    assert spelled_within(link / "a.md", link) == link / "a.md"  # already so: left alone
    outside = tmp_path / "elsewhere.md"
    assert spelled_within(outside, link) == outside
    (real / "piece.md").write_text("# Piece\n\nText.\n", encoding="utf-8")
    library = Library(link, index_path=None)
    try:
        piece = library.note_saved(real / "piece.md")  # the real spelling: indexed, not refused
        assert piece is not None and piece.path == link / "piece.md" and piece.title == "Piece"
    finally:
        library.close()


def test_a_piece_opened_by_its_real_path_saves_and_goes_to_the_trash_from_its_row(
        qtbot, make_window, linked_library: tuple[Path, Path]) -> None:  # noqa: ANN001
    link, real = linked_library
    (real / "other.md").write_text("# Other\n\nAnother piece.\n", encoding="utf-8")
    (real / "river.md").write_text("# The river in winter\n\nIce.\n", encoding="utf-8")
    window = make_window(real / "river.md")  # as `quill /real/path/river.md` opens it
    assert window.document.path == link / "river.md"
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, " More ice.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: "More ice." in (real / "river.md").read_text(encoding="utf-8"), timeout=5000)
    assert "Could not save" not in window.banner.text()
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    (row,) = [r for r in overlay.rows() if r.title == "The river in winter"]
    [a for a in overlay.row_menu(row).actions() if a.text() == "Move to the trash"][0].trigger()
    assert not (real / "river.md").exists()
    assert window.document is None or window.document.path != link / "river.md"  # the page let go of it
    assert window.banner.action_button.isVisible()  # the notice with Undo, not a warning
    window.documents.save_now()
    assert not (real / "river.md").exists()  # nothing writes it back
