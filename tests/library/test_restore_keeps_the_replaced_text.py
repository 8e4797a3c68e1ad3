"""Restoring a version replaces the piece's text; the text it replaced is a branch of work found
nowhere else (later versions descend from the restored text, not from it), so retention must
never thin it out the way it thins a line of versions that follow one another."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quill.library import Library
from quill.library.snapshots import MANUAL, SnapshotStore
from quill.storage.textfile import load_text
from tests.library.test_snapshot_clocks import Clock


def test_the_text_a_restore_replaced_outlives_retention(lib: Library, library_dir: Path):
    clock = Clock()
    lib.snapshots = SnapshotStore(lib.dirs.data / "snapshots", lib.root, clock=clock.now, monotonic=clock.monotonic)
    piece = library_dir / "essay.md"
    piece.write_text("An early opening.\n", encoding="utf-8")
    lib.scan()
    early = lib.snapshot(piece, MANUAL)
    clock.advance(3 * 24 * 3600)
    piece.write_text("Three days of work 🌊, nowhere else.\n", encoding="utf-8")
    clock.advance(60)
    lib.restore_version(piece, early)  # the writer goes back to the early opening …
    clock.advance(10 * 60)
    piece.write_text("An early opening, taken up again.\n", encoding="utf-8")
    lib.snapshot(piece, MANUAL)  # … and keeps a version of it in the same hour
    for days in (2, 10, 100, 400):  # retention runs at every version taken
        clock.advance(days * 24 * 3600)
        piece.write_text(f"Later, after {days} more days.\n", encoding="utf-8")
        lib.snapshot(piece, MANUAL)
    assert "Three days of work 🌊, nowhere else.\n" in [v.read() for v in lib.versions(piece)]


def test_restoring_a_version_that_is_gone_says_so_and_changes_nothing(lib: Library, library_dir: Path):
    from quill.library import LibraryError

    piece = library_dir / "essay.md"
    piece.write_text("Then.\n", encoding="utf-8")
    lib.scan()
    then = lib.snapshot(piece, MANUAL)
    piece.write_text("Now 🌊.\n", encoding="utf-8")
    then.file.unlink()  # pruned, or moved with a rename, while the versions dialog was open
    try:
        lib.restore_version(piece, then)
    except LibraryError as exc:
        assert "no longer" in str(exc) and "Errno" not in str(exc)
    else:
        raise AssertionError("a restore of a missing version must refuse")
    assert piece.read_text(encoding="utf-8") == "Now 🌊.\n"
    assert [v.reason for v in lib.versions(piece)] == []  # no before-restore for a restore that did not happen


_PIECES = st.sampled_from(["a", "b", " ", "\n", "\n\n", "🌊", "👩\u200d👩\u200d👧", "e\u0301",
                           "\u05e9\u05dc\u05d5\u05dd", "\u2028", "\u0085", "\u00a0", "\U0002a6d6", "\ufdd0", "\t"])
_TEXTS = st.lists(_PIECES, max_size=25).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(then=_TEXTS, now=_TEXTS, newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_restore_gives_back_the_versions_words_and_keeps_the_ones_it_replaced(
        tmp_path_factory, then: str, now: str, newline: str, bom: bool):
    root = tmp_path_factory.mktemp("lib")
    piece = root / "piece.md"

    def write(text: str) -> None:
        piece.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode())

    with Library(root) as library:
        library.scan()
        write(then)
        version = library.snapshot(piece, MANUAL)
        write(now)
        if version is None:
            return
        restored = library.restore_version(piece, version)
        assert restored == then and load_text(piece).text == then
        if "\n" in now or newline == "\n":  # the file's own line endings and BOM, as it had them
            assert piece.read_bytes() == ("\ufeff" if bom else "").encode() + then.replace("\n", newline).encode()
        assert now in [v.read() for v in library.versions(piece)] or now == then
