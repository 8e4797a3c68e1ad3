"""A file another program is still writing while Quill opens it (a download, a sync engine
filling in a new piece) QA round h8: the old code read the text, then hashed the file again, so it
took the finished file for the one it had read. The rest never showed in the editor, and the
next save wrote the half that was read, plus the writer's edits, over the finished file."""

from __future__ import annotations

import os
from pathlib import Path

import quill.storage.textfile as textfile
from quill.storage.document import DocumentFile, save_keeping_both


def _finish_after_reading(monkeypatch, rest: bytes) -> None:  # noqa: ANN001
    real = textfile.read_regular_file

    def read_then_the_other_program_writes(path: Path) -> bytes:
        data = real(path)
        with open(path, "ab") as handle:
            handle.write(rest)
        os.utime(path, ns=(2_000_000_000, 2_000_000_000))
        return data

    monkeypatch.setattr(textfile, "read_regular_file", read_then_the_other_program_writes)


def test_a_file_finished_while_it_was_read_is_seen_as_changed(tmp_path: Path, monkeypatch):
    piece = tmp_path / "incoming.md"
    piece.write_bytes(b"# Chapter one\n\nThe first half")
    _finish_after_reading(monkeypatch, b" and the second half.\n")
    doc, text = DocumentFile.open(piece)
    monkeypatch.undo()
    assert text == "# Chapter one\n\nThe first half"
    assert doc.changed_on_disk()  # the old code: False, the finished file taken for what was read
    copy = save_keeping_both(doc, text + "!")
    assert copy is not None
    assert copy.read_bytes() == b"# Chapter one\n\nThe first half and the second half.\n"


def test_a_reload_that_races_a_write_is_seen_as_changed_too(tmp_path: Path, monkeypatch):
    piece = tmp_path / "synced.md"
    piece.write_bytes(b"one")
    doc, _ = DocumentFile.open(piece)
    piece.write_bytes(b"two, being written")
    _finish_after_reading(monkeypatch, b", and done")
    assert doc.adopt_disk() == "two, being written"
    monkeypatch.undo()
    assert doc.changed_on_disk()
    assert doc.adopt_disk() == "two, being written, and done"
