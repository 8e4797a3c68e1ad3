"""The trash at its edges: a name taken meanwhile, names near 255 bytes, a library that cannot be
written, versions that belong to the trashed piece, and a trash record that points outside."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quill.library import Library, LibraryError
from tests.library.conftest import write

LONG_STEM = "é" * 125 + "xy"  # 252 bytes: with ".md", a name of exactly 255


def test_long_name_restored_beside_a_piece_that_took_its_name(lib: Library, library_dir: Path):
    name = LONG_STEM + ".md"
    assert len(name.encode()) == 255
    old = write(library_dir / name, "The trashed words 🌊.\r\n")
    lib.scan()
    lib.trash(old)
    write(library_dir / name, "A new piece under the same name.\n")
    lib.scan()
    [item] = lib.trashed()
    restored = lib.restore(item)
    assert restored.path != library_dir / name and len(restored.path.name.encode()) <= 255
    assert restored.path.read_bytes() == "The trashed words 🌊.\r\n".encode()
    assert (library_dir / name).read_text(encoding="utf-8") == "A new piece under the same name.\n"
    assert lib.trashed() == []


def test_the_same_long_name_trashed_twice(lib: Library, library_dir: Path):
    name = LONG_STEM + ".md"
    for words in ("First life.\n", "Second life.\n"):
        write(library_dir / name, words)
        lib.scan()
        lib.trash(library_dir / name)
    kept = sorted(item.path.read_text(encoding="utf-8") for item in lib.trashed())
    assert kept == ["First life.\n", "Second life.\n"]


def test_restoring_into_a_library_that_cannot_be_written_says_so(lib: Library, library_dir: Path, monkeypatch):
    piece = lib.new_piece("Kept safe")
    lib.trash(piece.path)
    [item] = lib.trashed()

    def refuse(*_args, **_kwargs):  # a read-only disk, at the OS boundary (root ignores chmod)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "rename", refuse)
    with pytest.raises(LibraryError) as raised:
        lib.restore(item)
    assert "read-only" in str(raised.value) and "Errno" not in str(raised.value)
    monkeypatch.undo()
    assert [i.path for i in lib.trashed()] == [item.path] and item.path.exists()  # still in the trash


def test_versions_go_with_the_trashed_piece_not_with_its_old_name(lib: Library, library_dir: Path):
    piece = lib.new_piece("Essay")
    lib.snapshot(piece.path, text="The deleted piece's early draft.")
    lib.trash(piece.path)
    newcomer = lib.new_piece("Essay")  # the name is free again
    assert newcomer.path == piece.path
    assert [v.read() for v in lib.versions(newcomer.path)] == []  # not the deleted piece's history
    [item] = lib.trashed()
    restored = lib.restore(item)  # the name is taken now: back under a free one
    assert restored.path != newcomer.path
    assert "The deleted piece's early draft." in [v.read() for v in lib.versions(restored.path)]


def test_a_trash_record_pointing_outside_the_library_is_not_followed(lib: Library, library_dir: Path):
    piece = lib.new_piece("Wanderer")
    trashed = lib.trash(piece.path)
    record = library_dir / ".trash" / ".quill-trash.json"
    info = json.loads(record.read_text(encoding="utf-8"))
    info[trashed.relative_to(library_dir / ".trash").as_posix()]["original"] = "../../escaped.md"
    record.write_text(json.dumps(info), encoding="utf-8")
    restored = lib.restore(lib.trashed()[0])
    assert restored.path.parent == library_dir
    assert not (library_dir.parent.parent / "escaped.md").exists()


def test_a_piece_trashed_after_the_trash_was_emptied_does_not_inherit_the_emptied_ones_versions(
        lib: Library, library_dir: Path):
    first = lib.new_piece("Essay")
    lib.snapshot(first.path, text="The first essay's draft, deleted for good.")
    lib.trash(first.path)
    lib.empty_trash(lib.trashed())
    second = lib.new_piece("Essay")
    assert second.path == first.path
    lib.snapshot(second.path, text="The second essay's own draft.")
    lib.trash(second.path)
    restored = lib.restore(lib.trashed()[0])
    assert [v.read() for v in lib.versions(restored.path)] == ["The second essay's own draft."]


_NAME_CHARS = st.sampled_from(list("abAB -_") + ["🌊", "e\u0301", "\u05e9", "é", "𝑥", "\u2028", "ß", "İ", "ﬁ",
                                                 "👩\u200d👩\u200d👧"])
_STEMS = st.lists(_NAME_CHARS, min_size=1, max_size=130).map("".join).filter(
    lambda s: s.strip(" ") and len((s + ".md").encode()) <= 255)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stem=_STEMS, data=st.binary(max_size=40))
def test_trash_and_restore_beside_a_namesake_keeps_every_byte_of_both(tmp_path_factory, stem: str, data: bytes):
    root = tmp_path_factory.mktemp("lib")
    with Library(root) as library:
        library.scan()
        piece = root / f"{stem}.md"
        piece.write_bytes(data)
        library.trash(piece)
        piece.write_bytes(b"the namesake")
        restored = library.restore(library.trashed()[0]).path
        assert restored.read_bytes() == data and piece.read_bytes() == b"the namesake"
        assert restored != piece and len(restored.name.encode()) <= 255
