"""Autosave with no prompt, ever: after a pause, during long runs of typing, on focus loss and on quit.

Writing happens on a worker thread (file I/O releases the GIL), so the writer never
waits for the disk. One save is in flight at a time; edits made meanwhile set a
"dirty again" flag and are saved right after.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from quill.storage.atomic import SaveError
from quill.storage.document import DocumentFile, save_keeping_both
from quill.ui.document.single_worker import SingleWorker

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from concurrent.futures import Future

PAUSE_MS = 1000  # save this long after typing stops
MAX_WAIT_MS = 8000  # and at least this often during continuous typing (a piece up to MAX_WAIT_CHARS)…
MAX_WAIT_CHARS = 200_000
LONGEST_WAIT_MS = 60_000  # …longer pieces proportionally less often, never less often than this
RETRY_MS = 5000  # after a failure, try again this often


def continuous_save_interval_ms(length: int, base_ms: int = MAX_WAIT_MS) -> int:
    """How long continuous typing goes on before a save interrupts it, for a text of ``length``.

    A save snapshots the text on the window's thread, encodes, hashes and writes it: its cost
    grows with the piece (~20 ms of CPU for 100,000 words), so a fixed interval would make a
    long book's typing cost more per key. Saving proportionally less often keeps that cost
    flat per key. Nothing typed is at risk meanwhile: the recovery journal is on disk within
    half a second of every key, and any pause of a second saves the piece.
    """
    scaled = base_ms * length // MAX_WAIT_CHARS
    return max(base_ms, min(LONGEST_WAIT_MS, scaled))


@dataclass(frozen=True)
class SaveOutcome:
    path: Path
    revision: int
    conflict_copy: Path | None = None
    error: str | None = None
    seconds: float = 0.0
    text: str | None = None  # what was written (shared, not copied), so the journal can note it as saved


class AutoSaver(QObject):
    saved = Signal(object)  # SaveOutcome
    failed = Signal(object)  # SaveOutcome with .error
    _finished = Signal(object)

    def __init__(self, snapshot: Callable[[], tuple[str, int]], parent: QObject | None = None,
                 writer: Callable[[DocumentFile, str], Path | None] = save_keeping_both) -> None:
        """``snapshot`` returns the editor's exact text and the document revision it belongs to;
        ``writer`` saves it (on the worker thread) and returns a conflict copy's path, if one was made."""
        super().__init__(parent)
        self._snapshot = snapshot
        self._writer = writer
        self._executor = SingleWorker("quill-save")
        self._in_flight: Future[SaveOutcome] | None = None
        self._again = False
        self._shut_down = False
        self.document: DocumentFile | None = None
        self.saved_revision = -1
        self.last_error: str | None = None
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self.max_wait_ms = MAX_WAIT_MS  # for a short piece; see continuous_save_interval_ms
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        for timer in (self._pause, self._max_wait, self._retry):
            timer.timeout.connect(self.save_soon)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    # -- scheduling ---------------------------------------------------------------------------
    def attach(self, document: DocumentFile | None, revision: int) -> None:
        """Follow a newly opened piece; ``revision`` is the revision that matches the disk."""
        self.document = document
        self.saved_revision = revision
        self.last_error = None
        self._pause.stop()
        self._max_wait.stop()
        self._retry.stop()

    def edited(self, length: int = 0) -> None:
        """An edit; ``length`` is the text's length after it (code points)."""
        self._pause.start()
        if not self._max_wait.isActive():
            self._max_wait.start(continuous_save_interval_ms(length, self.max_wait_ms))

    def is_dirty(self, revision: int) -> bool:
        return revision != self.saved_revision

    def mark_unsaved(self) -> None:
        """The file no longer holds the editor's text (deleted outside Quill): the next save must write it."""
        self.saved_revision = -1

    @property
    def busy(self) -> bool:
        return self._in_flight is not None

    # -- saving -------------------------------------------------------------------------------
    def save_soon(self) -> None:
        """Start a background save if there is anything new to save."""
        self._pause.stop()
        self._max_wait.stop()
        if self.document is None or self._shut_down:
            return
        if self._in_flight is not None:
            self._again = True
            return
        text, revision = self._snapshot()
        if not self.is_dirty(revision) and self.last_error is None:
            return
        document = self.document
        self._in_flight = self._executor.submit(self._write, self._writer, document, text, revision)
        self._in_flight.add_done_callback(lambda fut: self._finished.emit(fut))

    def settle(self) -> None:
        """Wait for a save in flight and take in its outcome, starting none (before following a rename)."""
        if self._in_flight is not None:
            outcome = self._in_flight.result()
            self._in_flight = None
            self._apply(outcome)

    def flush(self) -> SaveOutcome | None:
        """Save now, on this thread, after any save in flight: for quit and switching pieces."""
        self._pause.stop()
        self._max_wait.stop()
        if self._in_flight is not None:
            outcome = self._in_flight.result()
            self._in_flight = None
            self._again = False
            self._apply(outcome)
        if self.document is None:
            return None
        text, revision = self._snapshot()
        if not self.is_dirty(revision) and self.last_error is None:
            return None
        outcome = self._write(self._writer, self.document, text, revision)
        self._apply(outcome)
        return outcome

    @staticmethod
    def _write(writer: Callable[[DocumentFile, str], Path | None], document: DocumentFile, text: str,
               revision: int) -> SaveOutcome:
        started = time.perf_counter()
        try:
            conflict = writer(document, text)
        except SaveError as exc:
            return SaveOutcome(document.path, revision, error=str(exc))
        except OSError as exc:  # anything the atomic writer did not translate
            return SaveOutcome(document.path, revision, error=f"Could not save {document.path.name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - unforeseen: told and retried like any failure
            # Raised out of here, the error surfaced as the worker's result in the event loop (or
            # out of flush at quit), and the outcome was never applied: no message, no retry.
            log.exception("saving %s failed", document.path)
            return SaveOutcome(document.path, revision, error=f"Could not save {document.path.name}: {exc}")
        return SaveOutcome(document.path, revision, conflict, seconds=time.perf_counter() - started, text=text)

    def _on_finished(self, future: Future[SaveOutcome]) -> None:
        if future is not self._in_flight:
            return  # already collected by flush()
        self._in_flight = None
        self._apply(future.result())
        if self._again:
            self._again = False
            self.save_soon()

    def _apply(self, outcome: SaveOutcome) -> None:
        if self.document is None or outcome.path != self.document.path:
            return
        if outcome.error:
            self.last_error = outcome.error
            self._retry.start()
            self.failed.emit(outcome)
            return
        self.last_error = None
        self._retry.stop()
        self.saved_revision = outcome.revision
        self.saved.emit(outcome)

    def shutdown(self) -> None:
        """Quill is quitting (the last save was flushed): a retry or a focus change that comes
        after this must not try to start another save on the stopped worker."""
        self._shut_down = True
        for timer in (self._pause, self._max_wait, self._retry):
            timer.stop()
        self._executor.shutdown(wait=True)
