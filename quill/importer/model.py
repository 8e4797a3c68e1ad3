"""The plain records every source reader produces and the writer consumes.

Kept apart so a reader never needs to know how pieces are named or written, and the writer
never needs to know which platform a piece came from beyond its ``source`` id.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field


class ImportFailed(Exception):
    """The archive cannot be imported; ``str(exc)`` is a sentence for the writer. Nothing was written."""


class ImportCancelled(Exception):
    """The writer stopped the import while the archive was being read: nothing was written."""


class TooLarge(ImportFailed):
    """A file in the archive is too large to be writing: refused unread, even while detecting the format."""


@dataclass
class ImportOptions:
    """What the writer asked for. ``as_status`` forces every piece to that status ("" keeps the source's)."""

    site: str = ""
    as_status: str = ""
    collection: str | None = None  # None: the reader's default (the platform's name)
    include_pages: bool = False
    #: asked between pieces; returning True stops the import cleanly (what was written stays)
    cancelled: Callable[[], bool] = field(default=lambda: False)
    #: told (done, total) while the archive is read and converted
    reading: Callable[[int, int], None] | None = None

    def step(self, done: int, total: int) -> None:
        """A reader's progress: reported, and the place a long read stops when the writer cancels."""
        if self.cancelled():
            raise ImportCancelled()
        if self.reading is not None:
            self.reading(done, total)


@dataclass
class ImportedPiece:
    """One piece as read from an archive, before it has a file name.

    ``body`` is markdown. ``raw`` holds a markdown file's exact bytes: such a piece is copied
    byte for byte and its metadata (read from its own front matter) is only reported.
    ``source`` is "platform:id", written into the front matter so a second import recognises it.
    """

    title: str
    source: str
    body: str = ""
    status: str = "finished"
    created: _dt.date | _dt.datetime | None = None
    finished: _dt.date | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    subtitle: str = ""
    stem: str = ""  # the preferred file name (without .md); the title's slug when empty
    subfolder: str = ""  # below the collection, for folder imports that keep their layout
    raw: bytes | None = None
    original: str = ""  # where it came from in the archive, for messages
    mtime: float | None = None  # the copy's modification time (a copied file keeps its own)

    @property
    def year(self) -> int | None:
        day = self.finished or self.created
        return day.year if day else None


@dataclass(frozen=True)
class Skipped:
    """Something in the archive that did not become a piece, and why (shown in the summary)."""

    name: str
    reason: str
