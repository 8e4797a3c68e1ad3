"""The version kept before a writing session's first change is a safety net: when Quill's data
folder cannot take it (full, read-only), the save still happens and the next save tries again,
rather than the session going on with no version at all."""

from __future__ import annotations

import errno
from pathlib import Path

from quill.library import Library
from quill.library.snapshots import SnapshotStore
from quill.storage.atomic import SaveError


def test_a_session_version_that_could_not_be_written_is_tried_again(lib: Library, library_dir: Path, monkeypatch):
    piece = library_dir / "essay.md"
    piece.write_text("Years of words 🌊.\r\n", encoding="utf-8", newline="")
    lib.scan()
    doc, text = lib.open_piece(piece)
    real_take = SnapshotStore.take
    full = {"on": True}

    def take(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if full["on"]:
            raise SaveError(f"The disk holding {self.folder} is full. ({errno.ENOSPC})")
        return real_take(self, *args, **kwargs)

    monkeypatch.setattr(SnapshotStore, "take", take)
    lib.save(doc, text + "One.\n")  # the data folder is full: no version, but the words are saved
    assert piece.read_text(encoding="utf-8") == "Years of words 🌊.\nOne.\n"
    full["on"] = False
    lib.save(doc, text + "One.\nTwo.\n")
    assert [v.reason for v in lib.versions(piece)] == ["session"]
