"""A file name that is not UTF-8 (Linux allows any bytes but / and NUL; Python reads the bytes it
cannot decode as lone surrogates). Before this, one such piece in the library stopped every listing,
search and `quill list` with a UnicodeEncodeError (SQLite text cannot hold a lone surrogate), and
finishing it, reopening it or trashing it failed half-way: versions and the trash record are keyed
and written by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quill.library import Library
from quill.paths import app_dirs
from tests.library.conftest import write

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="names need not be UTF-8 on Linux only")

LATIN1_NAME = os.fsdecode(b"caf\xe9 \xff.md")  # Latin-1 bytes, and a byte no encoding uses


@pytest.fixture
def odd(library_dir: Path) -> Path:
    write(library_dir / "plain.md", "A plain piece.\n")
    return write(library_dir / "Old" / LATIN1_NAME, "---\ntitle: Under an old name\n---\nWords kept in Latin-1 land.\n")


def test_the_library_lists_searches_and_reads_a_piece_whose_name_is_not_utf8(odd: Path, library_dir: Path):
    library = Library(library_dir, app_dirs())
    try:
        library.scan()
        listed = {piece.path: piece for piece in library.pieces()}
        assert set(listed) == {library_dir / "plain.md", odd}
        assert listed[odd].title == "Under an old name" and listed[odd].collection == "Old"
        assert [hit.piece.path for hit in library.search("Latin")] == [odd]
        assert library.piece(odd) is not None
        assert [p.path for p in library.pieces(collection="Old")] == [odd]
        doc, text = library.open_piece(odd)
        library.save(doc, text + "More words.\n")
        assert odd.read_bytes().endswith(b"More words.\n")
    finally:
        library.close()
    again = Library(library_dir, app_dirs())  # the index read back from disk
    try:
        again.scan()
        assert {p.path for p in again.pieces()} == {library_dir / "plain.md", odd}
    finally:
        again.close()


def test_finish_reopen_versions_trash_and_restore_keep_a_non_utf8_name(odd: Path, library_dir: Path):
    library = Library(library_dir, app_dirs())
    try:
        library.scan()
        library.finish(odd)
        library.reopen(odd)
        assert len(library.versions(odd)) >= 2
        renamed = library.rename_file(odd, "Now in UTF-8")
        assert renamed.path.name.startswith(("Now", "now")) and not odd.exists()
        assert len(library.versions(renamed.path)) >= 2  # the versions followed the rename
        os.rename(renamed.path, odd)  # and back to the odd name, outside Quill
        library.scan()
        library.trash(odd)
        assert not odd.exists()
        [item] = library.trashed()
        restored = library.restore(item)
        assert restored.path == odd
        assert "Words kept in Latin-1 land." in odd.read_text(encoding="utf-8")
    finally:
        library.close()


def test_quill_list_prints_the_name_as_it_is_on_disk(odd: Path, library_dir: Path, tmp_path: Path):
    env = {**os.environ, "QUILL_LIBRARY": str(library_dir), "PYTHONIOENCODING": "utf-8:strict"}
    for args in (["list"], ["list", "--json"], ["search", "Latin"], ["history", "Under an old name"]):
        run = subprocess.run([sys.executable, "-m", "quill", *args], capture_output=True, env=env, timeout=60)
        assert run.returncode == 0, (args, run.stderr.decode(errors="replace"))
        assert b"Traceback" not in run.stderr
        if args == ["list", "--json"]:  # UTF-8 that any JSON reader takes, and the very name back
            import json

            paths = {Path(item["path"]) for item in json.loads(run.stdout.decode("utf-8"))}
            assert odd in paths
        elif args[0] != "history":
            assert os.fsencode(LATIN1_NAME) in run.stdout, args  # the bytes a shell can use

