"""An index written by an older Quill is read again from the files, so what the library now
reads differently (a setext title) shows at once, not after the piece is next edited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quill.library import Library
from quill.paths import app_dirs
from tests.library.conftest import write


def test_titles_cached_by_an_older_index_are_read_again(library_dir: Path) -> None:
    write(library_dir / "underlined.md", "An Underlined Title\n===================\n\nWords.\n")
    library = Library(library_dir, app_dirs())
    library.scan()
    index_path = library.index.path
    library.close()
    conn = sqlite3.connect(index_path)  # as the previous Quill left it: the file name as the title
    conn.execute("UPDATE pieces SET title = 'underlined'")
    conn.execute("PRAGMA user_version=6")  # the last index before setext titles
    conn.commit()
    conn.close()
    again = Library(library_dir, app_dirs())
    again.scan()
    assert [p.title for p in again.pieces()] == ["An Underlined Title"]
    again.close()
