"""What to do when another program changes a piece that is open in Quill.

Built on :class:`quill.storage.document.DocumentFile`, which remembers the hash of what
Quill last read or wrote. The policy: with no unsaved edits, take the other program's
version (reload); with unsaved edits on both sides, keep the writer's text at the piece's
path and the other version beside it as ``Name (conflict YYYY-MM-DD HHMM).md``. Nothing
is ever silently overwritten, and the result says what happened in a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from quill.storage.document import DocumentFile, ExternalChange, save_keeping_both

UNCHANGED = "unchanged"
RELOADED = "reloaded"
CONFLICT = "conflict"
DELETED = "deleted"

__all__ = ["CONFLICT", "DELETED", "RELOADED", "UNCHANGED", "ExternalChange", "ExternalResult", "check_external"]


@dataclass(frozen=True)
class ExternalResult:
    """The outcome of :func:`check_external`.

    ``kind`` is one of UNCHANGED, RELOADED (``text`` is the new text to show), CONFLICT
    (``conflict_copy`` holds the other version; the writer's text was saved) or DELETED
    (the file is gone; the editor keeps its text and a later save writes it back).
    """

    kind: str
    text: str | None = None
    conflict_copy: Path | None = None
    message: str | None = None


def check_external(doc: DocumentFile, editor_text: str, dirty: bool,
                   copies: Callable[[], Iterable[Path]] | None = None) -> ExternalResult:
    """Compare the open piece with the disk and resolve any difference without losing words.

    Call it when the file watcher fires or the window regains focus. ``dirty`` says whether
    the editor holds edits not yet saved. ``copies`` lists the conflict copies beside the piece:
    one already holding the other version is not written a second time (see
    :func:`save_keeping_both`).
    """
    if not doc.changed_on_disk():
        return ExternalResult(UNCHANGED)
    if not doc.path.exists():
        return ExternalResult(DELETED, message=(
            f"{doc.path.name} was moved or deleted by another program. Your text is still here; "
            "saving will write it back."))
    disk_text = doc.read_disk_text()
    if disk_text is None:
        # Unreadable right now (half-written by a sync tool?): keep ours, look again later.
        return ExternalResult(UNCHANGED, message=f"{doc.path.name} cannot be read right now; Quill will look again.")
    if not dirty or disk_text == editor_text:
        text = doc.adopt_disk()
        said = None if disk_text == editor_text else \
            f"{doc.path.name} was changed by another program; Quill reloaded it."
        return ExternalResult(RELOADED, text=text, message=said)
    copy = save_keeping_both(doc, editor_text, copies)
    return ExternalResult(CONFLICT, text=editor_text, conflict_copy=copy, message=(
        f"{doc.path.name} was changed by another program while you were writing. Your text is kept; "
        f"the other version is saved as {copy.name if copy else 'nothing (it matched yours)'}."))
