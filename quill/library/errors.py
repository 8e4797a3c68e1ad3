"""The library's errors: each message is a sentence for the writer, never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named: the document controller imports these errors before the first paint
    from quill.library.piece import Piece


class LibraryError(Exception):
    """A library operation could not be done; ``str(exc)`` is a sentence for the writer."""


class LibraryUnavailable(LibraryError):
    """The library folder is not there (an unplugged drive, a moved folder). Nothing was changed."""


class PieceNotFound(LibraryError):
    pass


class AmbiguousPiece(LibraryError):
    """A title or name matches several pieces; ``candidates`` lists them."""

    def __init__(self, spec: str, candidates: list[Piece]) -> None:
        lines = "\n".join(f"  {p.relpath}  ({p.title})" for p in candidates)
        super().__init__(f"'{spec}' matches {len(candidates)} pieces; name one by its path:\n{lines}")
        self.spec = spec
        self.candidates = candidates


def gone_message(root: object) -> str:
    """What to tell the writer when the library folder itself has gone missing."""
    return (f"The library folder {root} is not there (an unplugged drive or a moved folder?). "
            "Nothing was changed; Quill will pick it up again when it returns.")
