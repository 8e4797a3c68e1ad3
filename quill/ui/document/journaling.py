"""Feeds the recovery journal from the editor: edits in memory at once, on disk within half a second.

Recording an edit is a list append on the typing thread; writing and fsyncing happen on
a worker thread of their own, so neither typing nor saving ever waits for the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from quill.storage.journal import Edit, Journal, JournalVanished
from quill.ui.document.single_worker import SingleWorker

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Every edit is on disk at most this long after it was made: the journal writes this long after
#: the first edit it holds, whatever the writer does meanwhile. (A shorter write after each pause
#: in typing, as before, wrote and fsynced on every key of a writer typing four keys a second.)
MAX_WAIT_MS = 500


class JournalKeeper(QObject):
    failed = Signal(str)
    _done = Signal(object)

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.journal: Journal | None = None
        self._executor = SingleWorker("quill-journal")
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.flush_soon)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._reported = False
        # The editor's text and revision now: a journal removed by another program restarts from it.
        self.current_text: Callable[[], tuple[str, int]] | None = None

    def attach(self, piece: Path | None, base_text: str, revision: int) -> None:
        """Follow a piece whose current text (at ``revision``) is ``base_text``."""
        if self.journal is not None:  # never left holding an old journal's owner lock (runs first: one worker)
            self._executor.submit(self.journal.release)
        self.journal = Journal(self.folder, piece) if piece is not None else None
        if self.journal is not None:
            self._submit(self.journal.start, base_text, revision)

    def follow(self, piece: Path, text: str, revision: int) -> None:
        """The open piece's file was renamed: journal under the new name from the text as it is now.

        The new journal's base holds every word the old journal recorded, so the old one is removed
        once the new one is on disk (one worker task, in that order). Kept, it would name a file
        that no longer exists, and the next start would "recover" a stale copy under the old name.
        If the new journal cannot be written, the old one stays for recovery."""
        if self.journal is not None and self.journal.piece == piece:
            return  # already there
        self._max_wait.stop()
        old, self.journal = self.journal, Journal(self.folder, piece)
        new = self.journal

        def move() -> None:
            try:
                new.start(text, revision)
            except BaseException:
                if old is not None:
                    old.release()
                raise
            if old is not None:
                old.discard()

        self._submit(move)

    def record(self, revision: int, position: int, removed: int, inserted: str, length: int = -1) -> None:
        """Note one edit, in code points; ``length`` is the text's length after it (for verification)."""
        if self.journal is None:
            return
        self.journal.record(Edit(revision, position, removed, inserted, length))
        if not self._max_wait.isActive():
            self._max_wait.start()

    def saved(self, text: str, revision: int) -> None:
        """The text at ``revision`` is now safely saved: note it (and, now and then, start a new segment)."""
        if self.journal is not None:
            self._submit(self.journal.saved, text, revision)

    def flush_soon(self) -> None:
        self._max_wait.stop()
        if self.journal is not None and self.journal.has_pending:
            self._submit(self.journal.flush)

    def finish(self, saved: bool) -> bool:
        """Leaving the piece: once its text is saved, its journal is no longer needed.

        Unsaved, the journal is flushed and kept on disk for recovery. Returns False when that
        failed (the disk full, the journal gone): the journal then stays attached, still holding
        every edit, and the caller must not let the words go."""
        self._max_wait.stop()
        journal, self.journal = self.journal, None
        if journal is None:
            return saved
        if saved:
            self._executor.submit(journal.discard).result()
            return True
        try:
            self._executor.submit(journal.flush).result()
        except OSError:
            self.journal = journal  # its edits are kept in memory, for the next attempt
            self._max_wait.start()
            return False
        self._executor.submit(journal.release).result()  # kept on disk, for recovery
        return True

    def wait(self) -> None:
        """Block until everything submitted so far is on disk (tests, quit)."""
        self._executor.submit(lambda: None).result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)

    def _submit(self, fn, *args) -> None:  # noqa: ANN001
        future = self._executor.submit(fn, *args)
        future.add_done_callback(self._report)

    def _report(self, future: Future) -> None:
        """On the worker: a failure, or the first success after one, goes to the window's thread.
        A success after a success needs nothing there, and while the writer types it came twice a
        second, each a wake-up of the window's thread for no work."""
        if future.exception() is not None or self._reported:
            self._done.emit(future)

    def _on_done(self, future: Future) -> None:
        error = future.exception()
        if error is None:
            self._reported = False
            return
        if isinstance(error, JournalVanished) and self.journal is not None and self.current_text is not None:
            # Removed under us (another program, or an older Quill's recovery): start it again from
            # the text as it is now, which holds every edit the lost file had.
            self._submit(self.journal.start, *self.current_text())
            return
        if not self._reported:  # say it once, not on every keystroke
            self._reported = True
            self.failed.emit(f"Quill cannot write its recovery journal in {self.folder} ({error}). "
                             "Your piece is still saved as usual.")
        self._max_wait.start()  # try again soon
