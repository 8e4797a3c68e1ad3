"""A library command that fails on the open piece (finish on malformed front matter, a restore
the disk refuses) must not switch off the recovery journal: the words typed afterwards are still
journaled, so a crash or a kill then costs nothing."""

from __future__ import annotations

from pathlib import Path

from quill.storage.journal import read_journal
from tests.ui.keys import type_text


def _journaled_text(window) -> str | None:  # noqa: ANN001
    """What the recovery journal on disk would give back for the open piece now."""
    keeper = window.documents.journal
    keeper.flush_soon()
    keeper.wait()
    journals = sorted(Path(keeper.folder).glob("*.journal")) if Path(keeper.folder).is_dir() else []
    texts = [read_journal(path).text for path in journals]
    return texts[-1] if texts else None


def test_words_typed_after_a_refused_finish_are_journaled(make_window, qtbot, library_dir):
    piece = library_dir / "odd.md"
    piece.write_text("---\ntitle: [never closed\n---\n\nA body.\n", encoding="utf-8")
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Before.")
    window.commands.run("finish")  # malformed front matter: refused with a message
    qtbot.waitUntil(lambda: "odd.md" in window.banner.text(), timeout=3000)
    type_text(qtbot, window.editor, " After the refusal 𝑥é.\n")
    qtbot.waitUntil(lambda: _journaled_text(window) == window.editor.raw_text(), timeout=3000)


def test_keeping_a_version_on_a_full_data_disk_says_so(make_window, qtbot, library_dir, monkeypatch):
    from quill.library.snapshots import SnapshotStore
    from quill.storage.atomic import SaveError

    piece = library_dir / "kept.md"
    piece.write_text("Words to keep.", encoding="utf-8")
    window = make_window(piece)

    def full(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise SaveError(f"The disk holding {self.folder} is full.")

    monkeypatch.setattr(SnapshotStore, "take", full)
    window.commands.run("snapshot")  # Ctrl+Shift+S
    assert "full" in window.banner.text() and "not kept" in window.banner.text()
    assert piece.read_text(encoding="utf-8") == "Words to keep."
