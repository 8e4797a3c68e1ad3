"""A NUL byte anywhere in a UTF-8 file refuses it, not only in its first 8 KB (QA round h8).

The old check looked at the first 8 KB only: a file with a NUL further on opened, and once the
writer deleted enough text above it, the saved file was one Quill refused to open again ("looks
like a binary file"), its own save. What the editor accepts must open again; a NUL typed or
pasted becomes U+2400 (tests/ui/test_roundtrip_edges.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quill.storage.textfile import UnreadableFile, load_text


def test_a_nul_after_the_first_8_kb_is_refused_with_its_line(tmp_path: Path):
    piece = tmp_path / "late.md"
    data = b"a line of words\n" * 1000 + b"here \x00 it is\n"
    piece.write_bytes(data)
    with pytest.raises(UnreadableFile, match="NUL character .*line 1001"):
        load_text(piece)
    assert piece.read_bytes() == data  # untouched


def test_a_nul_in_a_file_with_a_byte_order_mark_is_a_character():
    """In UTF-16 every other byte is a zero: only the decoded text can tell; U+0000 there is kept."""
    from quill.storage.textfile import decode, encode

    data = "\ufeffone\x00two".encode("utf-16-le")
    text, fmt = decode(data)
    assert text == "one\x00two" and encode(text, fmt) == data
