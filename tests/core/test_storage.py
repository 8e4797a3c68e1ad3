"""Atomic saves, strict decoding and line-ending preservation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quill.storage.atomic import SaveError, atomic_write_bytes
from quill.storage.document import DocumentFile, ExternalChange, save_keeping_both
from quill.storage.textfile import TextFormat, UnreadableFile, decode, encode, load_text


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path):
    folder = tmp_path / "pieces"
    folder.mkdir()
    target = folder / "piece.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new text")
    assert target.read_bytes() == b"new text"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in folder.iterdir()] == ["piece.md"]  # no temp files left behind


def test_atomic_write_into_missing_folder_explains(tmp_path: Path):
    with pytest.raises(SaveError, match="is gone"):
        atomic_write_bytes(tmp_path / "gone" / "piece.md", b"x")


@pytest.mark.parametrize(
    ("data", "text", "fmt"),
    [
        (b"plain\n", "plain\n", TextFormat()),
        (b"a\r\nb\r\n", "a\nb\n", TextFormat(newline="\r\n")),
        (b"a\rb\r", "a\nb\n", TextFormat(newline="\r")),
        (b"\xef\xbb\xbfbom", "bom", TextFormat(bom=True)),
        ("\ufeffutf16".encode("utf-16-le"), "utf16", TextFormat("utf-16-le", True)),
        # Two BOMs (two programs each added one): the second is kept out of the text the page gets.
        (b"\xef\xbb\xbf\xef\xbb\xbftwice\n", "twice\n", TextFormat(bom=True, leading_feff=1)),
        ("\ufeff\ufeff\ufeffa\r\nb".encode("utf-16-be"), "a\nb",
         TextFormat("utf-16-be", True, "\r\n", leading_feff=2)),
        (b"\xef\xbb\xbfa\xef\xbb\xbfb", "a\ufeffb", TextFormat(bom=True)),  # inside the text: text
    ],
)
def test_decode_and_encode_round_trip(data: bytes, text: str, fmt: TextFormat):
    decoded, found = decode(data)
    assert (decoded, found) == (text, fmt)
    assert encode(decoded, found) == data


@given(st.text())
@settings(max_examples=200, derandomize=True)
def test_any_utf8_text_round_trips(text: str):
    data = text.encode("utf-8")
    if b"\x00" in data or data.startswith(b"\xef\xbb\xbf"):
        return
    decoded, fmt = decode(data)
    assert encode(decoded, fmt) == data  # mixed endings too: each line keeps its own


def test_invalid_utf8_and_binary_are_refused(tmp_path: Path):
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"line\ncaf\xe9\n")
    with pytest.raises(UnreadableFile, match="line 2"):
        load_text(bad)
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(UnreadableFile, match="binary"):
        load_text(binary)


def test_document_refuses_to_overwrite_an_external_change(tmp_path: Path):
    path = tmp_path / "piece.md"
    path.write_text("one")
    doc, text = DocumentFile.open(path)
    assert text == "one" and not doc.changed_on_disk()
    path.write_text("two, from elsewhere")
    os.utime(path, ns=(1, 1))
    assert doc.changed_on_disk()
    with pytest.raises(ExternalChange) as caught:
        doc.save("mine")
    assert caught.value.disk_text == "two, from elsewhere"
    assert path.read_text() == "two, from elsewhere"


def test_save_keeping_both_writes_a_conflict_copy(tmp_path: Path):
    path = tmp_path / "piece.md"
    path.write_text("base")
    doc, _ = DocumentFile.open(path)
    path.write_text("theirs")
    os.utime(path, ns=(1, 1))
    conflict = save_keeping_both(doc, "mine")
    assert path.read_text() == "mine"
    assert conflict is not None and conflict.read_text() == "theirs"
    assert "(conflict " in conflict.name
    assert save_keeping_both(doc, "mine again") is None  # our own save is not a conflict


@given(st.binary(max_size=300) | st.text(alphabet="ab\r\n\u00e9\u2028\x00 ", max_size=60).map(str.encode))
@settings(max_examples=400, derandomize=True)
def test_load_then_save_is_byte_identical_or_refused_untouched(tmp_path_factory, data: bytes):
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "piece.md"
    path.write_bytes(data)
    try:
        doc, text = DocumentFile.open(path)
    except UnreadableFile as refusal:
        assert str(refusal)  # a plain message…
        assert path.read_bytes() == data  # …and the file untouched
        return
    assert "\r" not in text  # the editor only ever sees "\n"
    doc.save(text)
    assert path.read_bytes() == data


def test_mixed_line_endings_survive_an_edit(tmp_path: Path):
    path = tmp_path / "mixed.md"
    path.write_bytes(b"one\r\ntwo\nthree\r\nfour\rend")
    doc, text = DocumentFile.open(path)
    doc.save(text.replace("two", "TWO") + "\nfive")
    assert path.read_bytes() == b"one\r\nTWO\nthree\r\nfour\rend\r\nfive"  # new line gets the dominant ending
