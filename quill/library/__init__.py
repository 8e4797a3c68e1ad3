"""The writer's library: pieces as plain markdown files, a SQLite/FTS5 index, lifecycle and history.

Pure Python: nothing in this package imports Qt, so the command line stays fast and
everything is testable without a display. The UI talks to :class:`Library`.
"""

from quill.library.conflicts import ExternalChange, ExternalResult
from quill.library.errors import AmbiguousPiece, LibraryError, LibraryUnavailable, PieceNotFound
from quill.library.frontmatter import MalformedFrontMatter
from quill.library.index import SearchHit
from quill.library.library import Library, SaveResult, finished_pieces
from quill.library.naming import slugify
from quill.library.piece import DRAFT, FINISHED, Piece
from quill.library.scanning import Changes
from quill.library.snapshots import Version
from quill.library.trash import TrashItem
from quill.library.words import count_words

__all__ = [
    "DRAFT",
    "FINISHED",
    "AmbiguousPiece",
    "Changes",
    "ExternalChange",
    "ExternalResult",
    "Library",
    "LibraryError",
    "LibraryUnavailable",
    "MalformedFrontMatter",
    "Piece",
    "PieceNotFound",
    "SaveResult",
    "SearchHit",
    "TrashItem",
    "Version",
    "count_words",
    "finished_pieces",
    "slugify",
]
