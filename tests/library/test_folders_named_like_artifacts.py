"""A writer's folder named like an editor's or sync engine's leftover ("Drafts~", "Old.tmp",
"Book.part") is the writer's: its pieces are listed and searched. Leftover *files* stay hidden,
and a sync engine's own folders (all dot-folders) too."""

from __future__ import annotations

from pathlib import Path

import pytest

from quill.library import Library
from tests.library.conftest import write


@pytest.mark.parametrize("folder", ["Drafts~", "Old.tmp", "Book.part", "#ideas#", "~$notes", "x.crdownload"])
def test_pieces_in_a_folder_named_like_a_leftover_are_listed(lib: Library, library_dir: Path, folder: str) -> None:
    write(library_dir / folder / "chapter one.md", "# Chapter one\n\nThe words in the oddly named folder.\n")
    write(library_dir / folder / "chapter one.md~", "an editor's backup\n")
    write(library_dir / folder / "~$chapter.md", "a lock file\n")
    write(library_dir / ".stversions" / "old.md", "a sync engine's kept version\n")
    lib.scan()
    listed = {p.path.relative_to(library_dir).as_posix() for p in lib.pieces()}
    assert listed == {f"{folder}/chapter one.md"}
    assert [hit.piece.title for hit in lib.search("oddly")] == ["Chapter one"]
    assert lib.conflicts_of(library_dir / folder / "chapter one.md") == []
