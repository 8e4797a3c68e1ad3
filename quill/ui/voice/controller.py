"""Keeps the panel's figures fresh without ever making typing wait.

On the typing path the controller only records the edit (position, removed, inserted) and
restarts a timer: microseconds, whatever the document's size. About 200 ms after typing
pauses, and at least every 5 s while it goes on, the recorded edits go to one worker thread
that applies them to its own copy of the text and runs the incremental voice engine. One
job is in flight at a time; edits arriving meanwhile wait for the next job. The result
comes back through a queued signal. While the panel is hidden nothing is connected and no
timer runs.

The last analysis of a piece is kept on disk (``quill/voice/panel_cache.py``): when the panel opens
on a piece whose exact text was analysed before (the piece Quill reopens at launch, usually), the
worker reads its figures back in a few milliseconds instead of analysing the whole text. The
engine itself stays empty until the text first changes; that update analyses the piece in full,
on the worker, and from then on updates are incremental as before.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from quill.storage.journal import apply_edits
from quill.ui.shell.worker import JobThread
from quill.voice.panel_cache import analysis_key, load_analysis, save_analysis
from quill.voice.panel_data import PanelAnalyzer, PanelData
from quill.voice.profile import WriterProfile, build_profile, load_profile

PAUSE_MS = 200
#: A pause is a gap clearly longer than the writer's own between keys: twice their usual gap, from
#: PAUSE_MS for a fast typist up to this. With a fixed 200 ms a writer typing four keys a second
#: (250 ms apart) "paused" after every key, and every key cost a refresh (~15 ms of CPU at
#: 100,000 words): 10.6 ms a key with the panel open against 4.4 with it closed.
LONGEST_PAUSE_MS = 600
RHYTHM_WEIGHT = 0.25  # how much each gap between keys moves the usual one
#: While the writer types without a pause, a refresh comes at the latest after MAX_WAIT_MS, or
#: later when refreshing costs more (a long piece): the panel's work stays under this share of
#: the time. A pause still brings fresh figures PAUSE_MS after the last key. (It was 2 s: at a
#: 100,000-word piece a refresh costs ~15 ms of CPU on both threads, 0.75 ms a key at 10 keys a
#: second, a third of a keystroke's whole budget, for figures nobody reads mid-sentence.)
MAX_WAIT_MS = 5000
TYPING_SHARE = 0.006
LONGEST_WAIT_MS = 10_000


def non_stop_wait_ms(cost_seconds: float, shortest_ms: int = MAX_WAIT_MS) -> int:
    """How long non-stop typing goes between refreshes when one costs ``cost_seconds`` of work."""
    return int(min(max(LONGEST_WAIT_MS, shortest_ms), max(shortest_ms, 1000 * cost_seconds / TYPING_SHARE)))


def settle_heap() -> None:
    """Take what is alive now (the text's analysis, the app) out of the cyclic collector's scans.

    After a book is analysed the heap holds a few hundred thousand long-lived objects, and each
    full collection walked them all: 30-40 ms on whichever thread happened to allocate, every
    half minute or so while typing. Frozen objects are still freed by reference counting; a
    new freeze (the next piece, the panel reopened) first returns the old ones to the collector.
    """
    gc.unfreeze()
    gc.freeze()


class PanelController(QObject):
    """Edits in, :class:`PanelData` out. ``editor`` is the WritingEditor."""

    refreshed = Signal(object)  # PanelData
    profile_ready = Signal(object)  # WriterProfile
    _result = Signal(object)  # from the worker thread (queued to the GUI thread)

    def __init__(self, editor, library_dir: Path | None, cache_dir: Path | None,  # noqa: ANN001
                 scope: str = "piece", parent: QObject | None = None, include_quotes: bool = False) -> None:
        super().__init__(parent)
        self.editor = editor
        self.library_dir = library_dir
        self.cache_dir = cache_dir
        self.scope = scope
        self.profile: WriterProfile = build_profile([])
        self.lister: Callable[[], list[Path]] | None = None  # finished pieces, from the open library
        self.open_piece: Callable[[], Path | None] | None = None  # the piece measured: not in its own baseline
        self.profile_left_out: Path | None = None  # the piece the profile asked for last was built without
        self.active = False
        self.last: PanelData | None = None
        self._analyzer = PanelAnalyzer(include_quotes)
        self._text: str | None = None  # the worker's copy (touched only inside jobs)
        self._pending: list[tuple[int, int, str]] = []
        self._snapshot: str | None = None
        self._length = 0  # the document length the pending edits lead to
        self._busy = False
        self._dirty = False
        self._worker: JobThread | None = None
        self._result.connect(self._on_result)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        #: the longest non-stop typing goes without a refresh while refreshing is cheap
        self.max_wait_ms = MAX_WAIT_MS
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.refresh)
        self.requested_at = 0.0  # perf_counter of the last edit (for the freshness benchmark)
        self.clock: Callable[[], float] = time.perf_counter
        self._gap = PAUSE_MS / 2000  # the writer's usual gap between keys, in seconds
        self._saved_key: str | None = None  # the analysis last read from or written to the cache
        self.from_cache = 0  # jobs whose figures came from a saved analysis (for tests and benchmarks)
        self.full_analyses = 0  # jobs that analysed a whole piece (not an edit's neighbourhood)

    # -- on / off ----------------------------------------------------------------------------
    def start(self) -> None:
        if self.active:
            return
        self.active = True
        if self._worker is None:
            self._worker = JobThread(self._result.emit, "quill-voice-panel")
        self.editor.add_edit_listener(self._on_edited)
        self.editor.add_cursor_listener(self._on_cursor)
        # One full read when the panel opens; after that only edits travel.
        self._snapshot = self.editor.raw_text()
        self._pending = []
        self._length = len(self._snapshot)
        self._dirty = True
        self.load_profile()
        self.refresh()

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self.editor.remove_edit_listener(self._on_edited)
        self.editor.remove_cursor_listener(self._on_cursor)
        self._pause.stop()
        self._max_wait.stop()
        self._pending = []
        self._snapshot = None
        self.persist()

    def persist(self) -> None:
        """Save the piece's latest analysis, if no job is running and it is not saved yet (when the
        panel closes and when the window closes: a few milliseconds for a book)."""
        if self._busy or self.cache_dir is None:
            return
        latest = self._analyzer.last_piece
        if latest is None:
            return
        text, report, counts = latest
        key = analysis_key(text, self._analyzer.include_quotes)
        if key != self._saved_key and save_analysis(self.cache_dir, key, report, counts, len(text)):
            self._saved_key = key

    def shutdown(self) -> None:
        self.stop()
        if self._worker is not None:
            self._worker.stop(wait_s=5.0)  # a book's analysis takes about a second
            self._worker = None

    def set_scope(self, scope: str) -> None:
        if scope != self.scope:
            self.scope = scope
            self.schedule(0)

    @property
    def include_quotes(self) -> bool:
        return self._analyzer.include_quotes

    def set_include_quotes(self, include: bool) -> None:
        """Count block quotes as the writer's own words (or not): fresh engines, one refresh.

        The next job picks up the new analyser; a job already running finishes with the old one."""
        if include != self._analyzer.include_quotes:
            self._analyzer = PanelAnalyzer(include)
            self._dirty = True
            self.schedule(0)

    # -- the typing path: O(1) ----------------------------------------------------------------
    def _on_edited(self, position: int, removed: int, inserted: str) -> None:
        self._pending.append((position, removed, inserted))
        self._length += len(inserted) - removed
        now = self.clock()
        gap = now - self.requested_at
        self.requested_at = now
        if gap < 1.0:  # typing, not coming back to it
            self._gap += (gap - self._gap) * RHYTHM_WEIGHT
        self._pause.start(self.pause_ms())
        if not self._max_wait.isActive():
            self._max_wait.start()

    def _on_cursor(self) -> None:
        # Moving the cursor only moves the strip's window; refresh when the writer settles, and not
        # at all while it stays where the figures would come out the same (the same sentence, the
        # same habits near it): reading with the arrow keys costs the panel nothing.
        if self._pause.isActive():
            return
        last = self.last
        if (last is not None and last.cursor_range is not None and not self._busy and not self._dirty
                and not self._pending and self._snapshot is None and last.scope == self.scope
                and last.text_length == self._length):
            lo, hi = last.cursor_range
            if lo <= self.editor.cursor_point() <= hi:
                return
        self._pause.start(self.pause_ms())

    def pause_ms(self) -> int:
        """How long after the last key the writer has paused: twice their usual gap between keys."""
        return min(LONGEST_PAUSE_MS, max(PAUSE_MS, int(2000 * self._gap)))

    def schedule(self, ms: int = PAUSE_MS) -> None:
        """A refresh in ``ms`` (once: the pause after later keys is the writer's own again, where
        ``QTimer.start(ms)`` alone would have kept ``ms``, and after a change of scope every key
        refreshed the panel at once)."""
        if self.active:
            self._pause.start(ms)

    # -- jobs ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.active:
            return
        self._pause.stop()
        self._max_wait.stop()
        if self._busy:
            self._dirty = True
            return
        document_length = self.editor.text_length()
        if self._length != document_length and self._snapshot is None:
            # Something changed the text without an edit signal: read it afresh once.
            self._snapshot = self.editor.raw_text()
            self._pending = []
            self._length = len(self._snapshot)
        snapshot, self._snapshot = self._snapshot, None
        edits, self._pending = self._pending, []
        cursor = self.editor.cursor_point()
        scope = self.scope
        profile = self.profile
        self._busy = True
        self._dirty = False

        cache_dir = self.cache_dir

        def job() -> PanelData:
            started = time.perf_counter()
            base = snapshot if snapshot is not None else self._text or ""
            text = apply_edits(base, edits)
            self._text = text
            analyzer = self._analyzer
            whole = snapshot is not None or _replaces_all(len(base), edits)
            fresh = scope == "piece" and (analyzer.piece_cold or whole)
            key = None
            if fresh and cache_dir is not None:
                key = analysis_key(text, analyzer.include_quotes)
                saved = load_analysis(cache_dir, key, len(text))
                if saved is not None:
                    analyzer.adopt(text, saved.report, saved.length_counts)
                    self._saved_key = key
                    self.from_cache += 1
            cold = analyzer.piece_cold
            data = analyzer.compute(text, cursor, scope, profile)
            if analyzer.analysed and (cold or whole) and text:
                self.full_analyses += 1
            if analyzer.analysed and key is not None:
                # a whole piece analysed afresh (a first open, another piece): worth keeping at once
                _, report, counts = analyzer.last_piece
                if save_analysis(cache_dir, key, report, counts, len(text)):
                    self._saved_key = key
            if snapshot is not None or analyzer.analysed and cold:
                settle_heap()
            data.seconds = time.perf_counter() - started
            data.incremental = not (cold or whole)
            data.text_length = len(text)
            return data

        self._worker.submit(job)

    def _on_result(self, result: object) -> None:
        if isinstance(result, WriterProfile):
            self.profile = result
            self.profile_ready.emit(result)
            self._dirty = True
        else:
            self._busy = False
            if isinstance(result, PanelData) and self.active:
                self.last = result
                started = time.perf_counter()
                self.refreshed.emit(result)  # the panel's labels, gauges and charts take the figures
                if result.incremental:  # a whole piece read afresh says nothing of what typing costs
                    self._max_wait.setInterval(non_stop_wait_ms(result.seconds + time.perf_counter() - started,
                                                                   self.max_wait_ms))
        if self.active and (self._dirty or self._pending) and not self._pause.isActive():
            self.refresh()

    def load_profile(self) -> None:
        """Rebuild the writer's profile in the worker (cached on disk by the pieces' mtimes)."""
        if self._worker is None:
            return
        library_dir, cache_dir, lister = self.library_dir, self.cache_dir, self.lister
        leave_out = self.profile_left_out = self.open_piece() if self.open_piece is not None else None

        def job() -> WriterProfile:
            try:
                return load_profile(library_dir, cache_dir, lister, leave_out)
            except Exception:  # noqa: BLE001 - no profile is better than no panel
                return build_profile([])

        self._worker.submit(job)


def _replaces_all(length: int, edits: list[tuple[int, int, str]]) -> bool:
    """True when one of ``edits`` (applied in order to a text of ``length``) replaced all of it."""
    for position, removed, inserted in edits:
        if position == 0 and removed >= length:
            return True
        length += len(inserted) - removed
    return False
