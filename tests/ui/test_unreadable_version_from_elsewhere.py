"""Another program rewrites the open piece as something Quill cannot read as text (QA finding h8):
the writer is told when it lands, and typing on keeps that version beside the piece, byte for
byte (see tests/storage/test_other_programs_bytes.py for the storage side)."""

from __future__ import annotations

import os

from PySide6.QtGui import QTextCursor

from tests.ui.keys import type_text


def test_the_writer_is_told_and_both_versions_are_kept_through_the_window(make_window, qtbot, library_dir):
    """Through real keys: the other program's unreadable version is announced when it lands
    (the old code reloaded nothing and said nothing), and typing on keeps it beside the piece."""
    piece = library_dir / "shared.md"
    piece.write_text("Shared start.\n", encoding="utf-8")
    window = make_window(piece)
    other = "Shared start. Caf\xe9.\r\n".encode("cp1252")
    piece.write_bytes(other)
    os.utime(piece, ns=(1, 1))
    qtbot.waitUntil(lambda: "cannot read" in window.banner.text(), timeout=5000)
    assert "not valid UTF-8" in window.banner.text()
    assert window.editor.raw_text() == "Shared start.\n"  # the writer's words stay on the page
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, "Mine.")
    window.close()
    assert piece.read_bytes() == b"Shared start.\nMine."
    copies = list(library_dir.glob("shared (conflict *).md"))
    assert [c.read_bytes() for c in copies] == [other]
