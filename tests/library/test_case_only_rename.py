"""Renaming a piece to its own name in another case, on a file system that tells case apart."""

from __future__ import annotations

from pathlib import Path

from quill.library import Library
from quill.paths import app_dirs
from tests.library.conftest import write


def test_a_case_only_rename_takes_the_name_asked_for(library_dir: Path):
    """``Essay.md`` renamed "essay": before this the piece's own name counted as taken (names are
    compared without case, for macOS and Windows) and it became ``essay-2.md``."""
    essay = write(library_dir / "Essay.md", "# Essay\n\nWords.\n")
    other = write(library_dir / "Other.md", "Other words.\n")
    library = Library(library_dir, app_dirs())
    try:
        library.scan()
        library.snapshot(essay)
        renamed = library.rename_file(essay, "essay")
        assert renamed.path == library_dir / "essay.md" and not essay.exists()
        assert renamed.path.read_text(encoding="utf-8") == "# Essay\n\nWords.\n"
        assert len(library.versions(renamed.path)) == 1  # its versions followed
        assert library.rename(renamed.path, "Other").path.name == "other-2.md"  # another file's name stays taken
        assert other.read_text(encoding="utf-8") == "Other words.\n"
    finally:
        library.close()
