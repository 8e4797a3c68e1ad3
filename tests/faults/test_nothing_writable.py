"""One full disk holding the library and Quill's own folder (the usual laptop): the piece cannot
be saved, no copy and no journal can be written. The words exist only in the editor, so Quill
must keep them there, say so truthfully, and never leave or switch pieces without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.test_disk_full import full_disk  # noqa: F401 - the fixture
from tests.ui.conftest import make_window  # noqa: F401 - the fixture


@pytest.fixture
def one_full_disk(full_disk, monkeypatch):  # noqa: F811
    home, library = full_disk.folder / "quill-home", full_disk.folder / "library"
    home.mkdir()
    library.mkdir()
    monkeypatch.setenv("QUILL_HOME", str(home))  # the window made below keeps everything on this disk
    monkeypatch.setenv("QUILL_LIBRARY", str(library))
    return full_disk


def _typed_on_a_full_disk(make_window, qtbot, disk) -> tuple[object, Path]:  # noqa: ANN001, F811
    piece = disk.folder / "library" / "essay.md"
    piece.write_text("Before the disk filled.", encoding="utf-8")
    (piece.parent / "other.md").write_text("Another piece.", encoding="utf-8")
    window = make_window(piece)
    window.documents.saver._retry.setInterval(100)
    disk.fill()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Only in the editor.")
    return window, piece


def test_quitting_when_nothing_can_be_written_stays_open_and_says_what_to_do(make_window, qtbot,  # noqa: F811
                                                                            one_full_disk):
    window, piece = _typed_on_a_full_disk(make_window, qtbot, one_full_disk)
    for _attempt in range(2):
        window.close()
        assert window.isVisible()  # the words are nowhere else: Quill does not leave
        said = window.banner.text()
        assert "full" in said and "quit again to leave anyway" not in said  # no promise it cannot keep
        assert "Save as" in said
    assert window.editor.raw_text() == "Before the disk filled. Only in the editor."
    one_full_disk.free()
    window.close()
    assert not window.isVisible()
    assert piece.read_text(encoding="utf-8") == "Before the disk filled. Only in the editor."


def test_switching_pieces_when_nothing_can_be_written_keeps_the_words(make_window, qtbot, one_full_disk):  # noqa: F811
    window, piece = _typed_on_a_full_disk(make_window, qtbot, one_full_disk)
    other = piece.parent / "other.md"
    for _attempt in range(2):  # a second try once let them go
        assert window.open_path(other) is False
        assert window.document.path == piece  # not switched: the words would be nowhere
        assert window.editor.raw_text() == "Before the disk filled. Only in the editor."
        assert "full" in window.banner.text() and "Save as" in window.banner.text()
    one_full_disk.free()  # space returns: the words are saved, and journaled again meanwhile
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Before the disk filled. Only in the editor.",
                    timeout=5000)
    window.open_path(other)
    assert window.document.path == other
