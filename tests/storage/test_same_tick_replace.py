"""Another program's write that keeps the file's size and time (within one tick of the clock).

The quick check of "is the file still ours" compared size and modification time only. A sync engine
or editor that replaces the file atomically with the same number of bytes within one tick of the
file system's clock (a few milliseconds on Linux, two seconds on FAT) passed it, and Quill's next
save wrote over that version. The replacement is a new file (inode), which the check now reads.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quill.storage.document import DocumentFile, ExternalChange

posix_only = pytest.mark.skipif(os.name == "nt", reason="inode numbers as POSIX gives them")


def replace_keeping_size_and_time(path: Path, data: bytes) -> None:
    """What an atomic replacer does within one clock tick: new file, same size, same mtime."""
    st = path.stat()
    assert len(data) == st.st_size
    fresh = path.with_name(".sync-tmp")
    fresh.write_bytes(data)
    os.utime(fresh, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(fresh, path)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns)


@posix_only
def test_a_same_size_same_time_replacement_after_opening_is_noticed(tmp_path: Path):
    piece = tmp_path / "piece.md"
    piece.write_text("mine, as opened\n", encoding="utf-8")
    doc, text = DocumentFile.open(piece)
    replace_keeping_size_and_time(piece, b"THEIRS, as sent\n")

    assert doc.changed_on_disk()
    with pytest.raises(ExternalChange) as raised:
        doc.save(text + "more of mine\n")
    assert raised.value.disk_text == "THEIRS, as sent\n"
    assert piece.read_bytes() == b"THEIRS, as sent\n"  # their version was not written over


@posix_only
def test_a_same_size_same_time_replacement_after_a_save_is_noticed(tmp_path: Path):
    piece = tmp_path / "piece.md"
    piece.write_text("first\n", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    doc.save("second draft\n")
    assert not doc.changed_on_disk()  # Quill's own save is not someone else's
    replace_keeping_size_and_time(piece, b"second DRAFT\n")

    assert doc.changed_on_disk()
    with pytest.raises(ExternalChange):
        doc.save("second draft, longer\n")
    assert piece.read_bytes() == b"second DRAFT\n"


@posix_only
def test_the_same_bytes_written_back_as_a_new_file_are_still_ours(tmp_path: Path):
    """A sync engine that deletes the piece and writes it back unchanged makes a new inode; that
    is not another version (the bytes decide), so no conflict is raised and the save goes ahead."""
    piece = tmp_path / "piece.md"
    piece.write_text("the same words\n", encoding="utf-8")
    doc, text = DocumentFile.open(piece)
    replace_keeping_size_and_time(piece, b"the same words\n")

    assert not doc.changed_on_disk()
    doc.save(text + "and new ones\n")
    assert piece.read_text(encoding="utf-8") == "the same words\nand new ones\n"
