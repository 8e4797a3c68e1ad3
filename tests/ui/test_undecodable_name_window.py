"""A piece whose file name is not UTF-8 (bytes from an old Latin-1 disk: Linux allows any), written
in through the real window. Before this the library's scan and the writing history raised
UnicodeEncodeError on its name, so the window's library never listed it and the session's words
were not recorded."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from quill.sessions.history import pieces_history
from tests.ui.keys import open_and_type_at_end

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="names need not be UTF-8 on Linux only")


def test_writing_in_a_piece_named_in_latin1(qtbot, make_window, library_dir: Path):  # noqa: ANN001
    piece = library_dir / os.fsdecode(b"r\xe9sum\xe9.md")
    piece.write_text("# R\u00e9sum\u00e9\n\nThe first lines.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " Words typed today, caf\u00e9 \U0001d465.")
    qtbot.waitUntil(lambda: window.library is not None, timeout=5000)
    window.documents.save_now()
    qtbot.waitUntil(lambda: "typed today" in piece.read_text(encoding="utf-8"), timeout=5000)
    window.commands.run("library")
    qtbot.waitUntil(lambda: piece in {p.path for p in window.library.library.pieces()}, timeout=5000)
    window.sessions.flush()
    history = pieces_history(window.sessions.store.piece_sessions(), {})
    assert history[str(piece)].totals.words_added >= 4
    window.close()
    expected = "# R\u00e9sum\u00e9\n\nThe first lines.\n Words typed today, caf\u00e9 \U0001d465."
    assert piece.read_text(encoding="utf-8") == expected
    journals = Path(os.environ["QUILL_HOME"]) / "data" / "journal"
    assert not journals.exists() or not list(journals.glob("*.journal"))


def test_the_window_shows_such_a_name_as_its_bytes_meant(qtbot, make_window, tmp_path: Path):  # noqa: ANN001
    """Qt drops the characters it cannot show: "caf\\xe9.md" was titled "caf — Quill"."""
    piece = tmp_path / os.fsdecode(b"caf\xe9.md")
    piece.write_text("No heading, just words.\n", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.windowTitle() == "caf\u00e9 — Quill", timeout=5000)
    window.refresh_status()
    assert "caf\u00e9" in window.status.center.text()
