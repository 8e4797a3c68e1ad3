"""The open piece renamed outside Quill (``mv``, a file manager, a sync engine), the writer types
and quits cleanly: the words are in the renamed file, the old name stays gone, and no recovery
journal is left behind to "recover" a stale copy under the old name at the next start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quill.paths import app_dirs
from quill.storage.recovery import recover_journals
from tests.ui.keys import type_text


def _journals() -> list[Path]:
    folder = app_dirs().journal_dir
    return sorted(p for p in folder.iterdir() if p.suffix == ".journal") if folder.exists() else []


@pytest.mark.parametrize("typed_before_rename", [False, True])
@pytest.mark.parametrize("followed_before_quit", [True, False])
def test_rename_outside_then_type_and_quit_leaves_one_file_and_no_journal(
        make_window, qtbot, library_dir: Path, typed_before_rename: bool, followed_before_quit: bool) -> None:  # noqa: ANN001
    piece = library_dir / "draft.md"
    piece.write_text("Opening line, café 𝄞.", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.library is not None, timeout=5000)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    expected = "Opening line, café 𝄞."
    if typed_before_rename:
        type_text(qtbot, window.editor, " Before.")
        expected += " Before."
        window.documents.journal.flush_soon()
        window.documents.journal.wait()
    renamed = library_dir / "lighthouses.md"
    os.rename(piece, renamed)
    if followed_before_quit:
        qtbot.waitUntil(lambda: window.documents.document.path == renamed, timeout=5000)
    type_text(qtbot, window.editor, " After the rename.")
    expected += " After the rename."
    window.documents.journal.flush_soon()
    window.documents.journal.wait()
    window.close()
    assert not window.isVisible()
    assert renamed.read_text(encoding="utf-8") == expected
    assert not piece.exists(), "written back under its old name: the piece is there twice"
    assert _journals() == []
    assert recover_journals(app_dirs().journal_dir, library_dir) == []
