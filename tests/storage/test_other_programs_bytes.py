"""Another program's version of the open piece is kept byte for byte, whatever it holds.

QA finding (h8): when another program rewrote the open piece as something Quill cannot read as
text (Latin-1 from a Windows editor, a binary file, a file over the size limit), the next save
took it for a deleted file and wrote the writer's text over it: the other version was gone,
with no conflict copy and no word to the writer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quill.storage.document import DocumentFile, save_keeping_both
from quill.storage.textfile import MAX_EDITABLE_BYTES

OTHER_VERSIONS = {
    "latin-1": "caf\xe9 from a Windows editor\r\n".encode("latin-1"),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "crlf and a BOM": b"\xef\xbb\xbfTheirs,\r\nwith Windows endings.\r\n",
}


@pytest.mark.parametrize("kind", list(OTHER_VERSIONS))
def test_another_programs_version_is_kept_byte_for_byte(tmp_path: Path, kind: str):
    piece = tmp_path / "piece.md"
    piece.write_text("Mine.\n", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    other = OTHER_VERSIONS[kind]
    piece.write_bytes(other)
    os.utime(piece, ns=(1, 1))  # a different mtime, whatever the clock's resolution
    copy = save_keeping_both(doc, "Mine, and more.\n")
    assert piece.read_bytes() == b"Mine, and more.\n"
    assert copy is not None and copy.read_bytes() == other  # the old code: None, and `other` gone


def test_a_version_over_the_size_limit_is_kept_too(tmp_path: Path):
    piece = tmp_path / "piece.md"
    piece.write_text("Mine.\n", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    other = b"# Their book\n" + b"word " * (MAX_EDITABLE_BYTES // 5 + 10)
    piece.write_bytes(other)
    copy = save_keeping_both(doc, "Mine, and more.\n")
    assert copy is not None and copy.read_bytes() == other

