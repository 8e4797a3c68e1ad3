"""Keeping the words of a file the writer chose to replace."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.storage.atomic import NAME_MAX_BYTES
from quill.storage.replaced import keep_copy, worth_keeping

NOW = _dt.datetime(2026, 12, 5, 11, 30, 15)


def test_a_copy_holds_the_exact_bytes_and_never_takes_another_copys_name(tmp_path: Path) -> None:
    original = tmp_path / "notes.md"
    data = "Line one\r\nCafé ✍ 𝄞\n".encode() + b"\xff not utf-8"
    original.write_bytes(data)
    store = tmp_path / "replaced"
    first = keep_copy(original, store, NOW)
    second = keep_copy(original, store, NOW)  # the same second: a second copy, not a replacement
    assert first != second
    assert first.read_bytes() == data and second.read_bytes() == data
    assert first.suffix == ".md" and "notes (replaced 2026-12-05 113015)" in first.name


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=140))
def test_copies_of_names_near_the_limit_still_fit(tmp_path_factory, stem: str) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("long")
    stem = stem.strip().strip(".") or "x"
    name = stem.encode()[: NAME_MAX_BYTES - 3].decode("utf-8", "ignore").rstrip() or "x"
    original = folder / f"{name}.md"
    try:
        original.write_text("words", encoding="utf-8")
    except OSError:
        return  # a name this file system refuses outright (not Quill's to keep)
    copy = keep_copy(original, folder / "replaced", NOW)
    assert len(copy.name.encode()) <= NAME_MAX_BYTES
    assert copy.read_text(encoding="utf-8") == "words"


def test_only_files_that_may_hold_writing_and_would_change_are_kept(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("mine", encoding="utf-8")
    export = tmp_path / "piece.pdf"
    export.write_bytes(b"%PDF-1.4")
    assert worth_keeping(notes, b"other words")
    assert not worth_keeping(notes, b"mine")  # the same bytes: nothing is lost
    assert not worth_keeping(export, b"%PDF-1.5")  # an earlier export is regenerated from the piece
    assert not worth_keeping(tmp_path / "absent.md", b"x")
    (tmp_path / "README").write_text("notes to self", encoding="utf-8")
    assert worth_keeping(tmp_path / "README", b"x")  # no suffix: could be anything a writer wrote
