"""The status line and the writing sessions read the open piece's title while the writer types. A
scan or an archive import holds the library's index for as long as it runs (seconds for thousands
of files), and reading the title from the index then froze the page until it finished (a profile
caught one key held 28 ms behind a re-index). The title is read without waiting: from the text
itself while the index is busy."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from quill.library.index import IndexBusy

HOLD_LIMIT_S = 10.0  # the other thread lets go after this at the latest: a waiting read fails, never hangs


class IndexHeld:
    """Holds an index's lock on another thread (as a scan does) until released."""

    def __init__(self, index) -> None:  # noqa: ANN001
        self.index = index
        self.taken = threading.Event()
        self.release = threading.Event()
        self.holding = False
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        with self.index.transaction():
            self.holding = True
            self.taken.set()
            self.release.wait(HOLD_LIMIT_S)
            self.holding = False

    def __enter__(self) -> IndexHeld:
        self.thread.start()
        assert self.taken.wait(HOLD_LIMIT_S)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join(HOLD_LIMIT_S)


def test_a_read_that_may_not_wait_is_refused_while_another_thread_writes(tmp_path: Path) -> None:
    from quill.library.library import Library

    root = tmp_path / "shelf"
    root.mkdir()
    (root / "harbour.md").write_text("# Harbour Notes\n\nThe boats knocked against the pier.\n", encoding="utf-8")
    library = Library(root, index_path=tmp_path / "index.sqlite3")
    library.scan()
    assert library.piece(root / "harbour.md", wait=False).title == "Harbour Notes"  # free: read at once
    with IndexHeld(library.index) as held:
        with pytest.raises(IndexBusy):
            library.piece(root / "harbour.md", wait=False)
        assert held.holding, "the refusal came only after the other thread let go"
    assert library.piece(root / "harbour.md", wait=False).title == "Harbour Notes"
    library.close()


def test_the_status_line_names_the_piece_while_a_scan_holds_the_index(make_window, qtbot,  # noqa: ANN001
                                                                       library_dir: Path) -> None:
    piece = library_dir / "harbour.md"
    piece.write_text("# Harbour Notes\n\nThe boats knocked against the pier.\n", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.windowTitle() == "Harbour Notes — Quill", timeout=5000)
    qtbot.waitUntil(lambda: getattr(window, "sessions", None) is not None, timeout=5000)
    index = window.library.library.index
    with IndexHeld(index) as held:
        title = window.piece_title()
        window.refresh_status()
        window.sessions.flush()  # re-reads the title for the session's record
        assert held.holding, "the title was read only after the scan let go of the index"
    assert title == "Harbour Notes"  # the text's own title, as the library would say
    assert "Harbour Notes" in window.status.center.text()


def test_a_retitled_heading_names_the_window_before_the_index_knows(make_window, qtbot,  # noqa: ANN001
                                                                     library_dir: Path) -> None:
    """Quill's saves re-index the open piece at most once a minute, and scans run when the window
    regains the focus: a writer who retitled the heading saw the old title in the status line and
    the task bar until then. The title is the page's own."""
    from PySide6.QtGui import QTextCursor

    from quill.ui.library.controller import INDEX_EVERY_S
    from tests.ui.keys import type_text

    piece = library_dir / "harbour.md"
    piece.write_text("# Harbour Notes\n\nThe boats knocked against the pier.\n", encoding="utf-8")
    window = make_window(piece)
    library = window.library.library
    # As in a writer's window that keeps the focus: one scan, then none while they type (the test
    # platform may report the window activated again, which scans).
    window.library.scan_soon = lambda: None
    window.library._executor.submit(lambda: None).result()  # a scan already under way has ended
    library.refresh_changed()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, "Nobody spoke.")
    qtbot.waitUntil(lambda: "Nobody spoke." in piece.read_text(encoding="utf-8"), timeout=5000)  # saved, indexed
    assert INDEX_EVERY_S >= 30
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    type_text(qtbot, window.editor, " at Dusk")
    qtbot.waitUntil(lambda: "# Harbour Notes at Dusk" in piece.read_text(encoding="utf-8"), timeout=5000)  # saved
    window.refresh_status()  # what the pause after typing does
    assert library.piece(piece, wait=False).title == "Harbour Notes"  # the index has not caught up
    assert window.status.center.text() == "Harbour Notes at Dusk"
    assert window.windowTitle() == "Harbour Notes at Dusk — Quill"
    type_text(qtbot, window.editor, "\b" * len(" at Dusk"))
    window.refresh_status()
    assert window.windowTitle() == "Harbour Notes — Quill"
