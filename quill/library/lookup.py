"""A piece named on the command line: a path, or a title or file stem in the library.

Why shared: `quill finish "The River"` worked while `quill export "The River"` and
`quill voice "The River"` looked for a file called "The River" in the current folder. Every
sub-command that takes a piece asks here.
"""

from __future__ import annotations

import os
from pathlib import Path

from quill.library.errors import AmbiguousPiece, LibraryError, PieceNotFound
from quill.library.library import Library


class NoSuchPiece(Exception):
    """Neither a file nor a piece of the library: the message says which library was searched."""


def find_piece(spec: str) -> Path:
    """``spec`` as a file when one exists (or it looks like a path), else the library's piece."""
    path = Path(spec).expanduser()
    if path.exists() or path.suffix in (".md", ".markdown", ".txt") or os.sep in spec:
        return path
    from quill.paths import default_library_dir

    root = Path(os.environ["QUILL_LIBRARY"]).expanduser() if os.environ.get("QUILL_LIBRARY") \
        else default_library_dir()
    if not root.is_dir():
        raise NoSuchPiece(f"There is no file {spec}, and no library at {root} to look for a piece by that title.")
    library = Library(root)
    try:
        library.scan()
        return library.resolve(spec).path
    except AmbiguousPiece as exc:
        raise NoSuchPiece(str(exc)) from None
    except PieceNotFound:
        raise NoSuchPiece(f"There is no file {spec}, and no piece called “{spec}” in {root}.") from None
    except (LibraryError, OSError) as exc:
        raise NoSuchPiece(str(exc)) from None
    finally:
        library.close()
