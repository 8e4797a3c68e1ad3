"""Wires writing sessions into the window: one call, ``install_sessions(window)``.

The controller listens to the editor's edits (``add_edit_listener``) and ``pasted_text``, turns each edit
into words added/deleted/pasted (:mod:`quill.sessions.words`), records them
(:mod:`quill.sessions.recorder`) into the sessions database, shows goal progress on the
status line, and opens the history view (F6). All rules live in ``quill.sessions``; this
module only connects them to widgets.

Test hook: ``QUILL_SESSION_FLUSH_MS`` sets how often the open session is written (default
60000 ms: a crash loses at most a minute of statistics).
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from quill.sessions.goals import Goal, GoalSettings, daily_totals, day_of, days_meeting, parse_goal, streaks
from quill.sessions.recorder import IDLE_THRESHOLD, Recorder, local_utc_offset
from quill.sessions.store import SessionStore
from quill.sessions.words import EditCounter, EditDelta
from quill.ui.shell.preload import import_in_background, imported

log = logging.getLogger(__name__)

#: The history view draws with pyqtgraph and numpy: imported when F6 is first pressed, on a thread.
HISTORY_MODULES = ("quill.ui.sessions.history_view",)

FLUSH_MS = 60_000
TICK_MS = 5_000
#: edits of a burst are counted together at least this often… (the recovery journal's MAX_WAIT_MS: both
#: timers start at the same key, so one wake-up of the window's thread serves the two while typing)
DRAIN_MS = 500
DRAIN_EDITS = 64  # …or once this many wait
BURST_GAP_S = 1.0  # an edit this long after the previous one is counted at once
WALL_STEP_S = 1.0  # keys are queued as one run only while the wall clock keeps step with the monotonic one


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A one-line question (patched in tests). None when cancelled."""
    from quill.ui.shell.dialogs import ask_text as ask

    return ask(parent, title, label, text)

GOAL_TOPIC = "goal"  # the banner's notices about goals: a valid goal ends a "did not understand"


class SessionsController(QObject):
    def __init__(self, window: Any, store: SessionStore | None = None, *,
                 wall: Callable[[], float] = time.time, utc_offset: Callable[[float], int] = local_utc_offset,
                 idle_threshold: float = IDLE_THRESHOLD, flush_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store = store or SessionStore.default(window.dirs)
        if self.store.notice:
            window.banner.show_message(self.store.notice, "warning")
        self.wall = wall
        self.utc_offset = utc_offset
        if flush_ms is None:
            try:
                flush_ms = int(os.environ.get("QUILL_SESSION_FLUSH_MS", FLUSH_MS))
            except ValueError:
                flush_ms = FLUSH_MS
        flush_ms = max(int(flush_ms), 10)
        self._recorder = Recorder(self.store, monotonic=window.clock, wall=wall, utc_offset=utc_offset,
                                  idle_threshold=idle_threshold, flush_interval=flush_ms / 1000.0)
        self.settings = GoalSettings.load(self.store)
        self._counter = EditCounter(window.editor.raw_text())
        # Edits of a burst of typing wait here, with the moment they were made, and are counted
        # together (see _on_edited): every reader of the counts goes through ``recorder`` or
        # ``counter``, which count them first.
        self._queue: list[tuple] = []
        self._mirror_length = self._counter.length  # the text's length after the last edit taken in
        self._last_edit_at = -1e18
        self._paste: str | None = None
        self._piece: tuple[object, str, str] | None = None  # (path, piece, title), cached
        self._drain_timer = QTimer(self, singleShot=True, interval=DRAIN_MS)
        self._drain_timer.timeout.connect(self._drain)
        self.session_goal: Goal | None = None
        self._goal_base: tuple[EditDelta, float] = (EditDelta(), 0.0)
        self._since_launch = EditDelta()  # every session since Quill started (the voice panel's line)
        self._goal_announced = False
        self._daily_announced: _dt.date | None = None
        self._daily_cache: tuple[_dt.date, int | None, EditDelta, float] | None = None
        self.history_view: QWidget | None = None
        self._history_loading: QWidget | None = None  # shown while the view's modules are imported
        self._hidden: list[QWidget] = []
        self._closed = False
        self._stale = False

        documents = getattr(window, "documents", None)
        self._followed: tuple[object, Path | None] = (window.document, getattr(window.document, "path", None))
        if documents is not None:
            documents.document_changed.connect(self._on_document_changed)
        window.editor.add_edit_listener(self._on_edited)
        window.editor.pasted_text.connect(self._on_pasted)
        self.flush_timer = QTimer(self, interval=flush_ms)
        self.flush_timer.timeout.connect(self.flush)
        self.flush_timer.start()
        self.tick_timer = QTimer(self, interval=min(TICK_MS, flush_ms))
        self.tick_timer.timeout.connect(self._tick)
        self.tick_timer.start()
        QApplication.instance().aboutToQuit.connect(self.shutdown)
        window.closing.connect(self.flush_now)
        self._register_commands()
        self.update_goal_mark()

    # -- commands ---------------------------------------------------------------------------
    def _register_commands(self) -> None:
        add = self.window.commands.add
        add("session_goal", "Start a session goal…", self.ask_session_goal, (),
            "goal timer minutes words target flight sprint")
        add("session_goal_clear", "Clear the session goal", self.clear_session_goal, (), "goal stop",
            destructive=True)
        add("daily_goal", "Set daily goal…", self.ask_daily_goal, (), "goal day streak target")
        add("history", "History", self.toggle_history, ["F6"], "sessions statistics stats streak calendar progress")

    def ask_session_goal(self) -> None:
        answer = ask_text(self.window, "Session goal", "Words, characters or minutes for this session (e.g. "
                          "45 minutes, 1000 words, 3000 characters):", "45 minutes")
        if answer is None:
            return
        goal = parse_goal(answer)
        if goal is None:
            self.window.banner.show_message(f"Quill did not understand “{answer}”; try “45 minutes” or "
                                            "“1000 words”.", "warning", GOAL_TOPIC)
            return
        self.start_session_goal(goal)

    def start_session_goal(self, goal: Goal) -> None:
        rec = self.recorder
        self.session_goal = goal
        self.window.banner.retract(GOAL_TOPIC)  # "did not understand …" is over
        self._goal_base = (rec.lifetime.copy(), rec.lifetime_active)
        self._goal_announced = False
        self.update_goal_mark()

    def clear_session_goal(self) -> None:
        self.session_goal = None
        self.update_goal_mark()

    def ask_daily_goal(self) -> None:
        current = self.settings.daily.to_text() if self.settings.daily else "500 words"
        answer = ask_text(self.window, "Daily goal", "Words, characters or minutes a day (e.g. 500 words, "
                          "3000 characters, 30 minutes; empty for none):", current)
        if answer is None:
            return
        goal = parse_goal(answer) if answer.strip() else None
        if answer.strip() and goal is None:
            self.window.banner.show_message(f"Quill did not understand “{answer}”; try “500 words”.", "warning",
                                            GOAL_TOPIC)
            return
        self.set_daily_goal(goal)

    def set_daily_goal(self, goal: Goal | None, day_start_hour: int | None = None) -> None:
        self.settings.daily = goal
        self.window.banner.retract(GOAL_TOPIC)  # "did not understand …" is over
        if day_start_hour is not None:
            self.settings.day_start_hour = max(0, min(int(day_start_hour), 23))
        self.settings.save(self.store)
        self._daily_cache = None
        self._daily_announced = None
        self.update_goal_mark()

    # -- recording --------------------------------------------------------------------------
    @property
    def recorder(self) -> Recorder:
        """The session recorder, with every edit made so far counted in."""
        if self._queue:
            self._drain()
        return self._recorder

    @property
    def counter(self) -> EditCounter:
        if self._queue:
            self._drain()
        return self._counter

    def flush_now(self) -> None:
        self.recorder.flush()

    def _on_pasted(self, text: str) -> None:
        self._paste = text  # the very next edit is this paste

    def _on_edited(self, position: int, removed: int, inserted: str) -> None:
        """Runs on every keystroke, so it only notes the edit and when it happened.

        Counting words, recording and the goal mark happen for a whole burst at once, at most
        DRAIN_MS later (or as soon as anything reads the counts): done per key, they were a
        measurable share of a keystroke's CPU. The first edit after a pause is counted at once,
        so a new session starts (and the library's versions are kept) at the writer's first key.
        """
        window = self.window
        if getattr(window, "loading", False):  # a piece loaded or reloaded: not the writer's words
            self._drain()
            self._stale = True
            QTimer.singleShot(0, self, self._resync)  # take the new text in now, not at the first key
            return
        length = window.editor.text_length()
        paste, self._paste = self._paste, None
        now = window.clock()
        out_of_step = self._stale or self._mirror_length - removed + len(inserted) != length
        self._mirror_length = length
        if out_of_step:
            # The mirror is out of step (a load happened). Rebuild the text as it was before this edit;
            # that is only possible for a pure insertion, otherwise resync and count nothing.
            self._drain()
            self._stale = False
            text = window.editor.raw_text()
            if removed:
                self._counter.reset(text)
                return
            self._counter.text = text[:position] + text[position + len(inserted):]
        document = window.document
        path = document.path if document is not None else None
        piece = self._piece
        if piece is None or piece[0] is not path:  # a new piece, or this one renamed
            piece = self._piece = (path, str(path) if path is not None else "", self._title())
        wall = self.wall()
        queue = self._queue
        last = queue[-1] if queue else None
        # A key typed right after the last one queued (no paste, nothing removed, the same piece,
        # within a burst, the wall clock in step): one entry for the run, counted in one step when
        # it can be (EditCounter.typed gives what one edit a key gives) and recorded at its last key.
        if last is not None and paste is None and not removed and last[3] is None and not last[1] \
                and last[0] + len(last[2]) == position and last[6] is piece[1] and last[7] is piece[2] \
                and 0 <= now - last[4] < BURST_GAP_S and abs((wall - last[5]) - (now - last[4])) <= WALL_STEP_S:
            queue[-1] = (last[0], 0, last[2] + inserted, None, now, wall, piece[1], piece[2])
        else:
            queue.append((position, removed, inserted, paste, now, wall, piece[1], piece[2]))
        burst_start = now - self._last_edit_at >= BURST_GAP_S or now < self._last_edit_at
        self._last_edit_at = now
        if burst_start or len(self._queue) >= DRAIN_EDITS:
            self._drain()
        elif not self._drain_timer.isActive():
            self._drain_timer.start()

    def _title(self) -> str:
        """The open piece's title as the writer sees it (front matter, first heading), recorded with
        its sessions so the history names it even after its file is gone; not its file name."""
        piece_title = getattr(self.window, "piece_title", None)
        if piece_title is not None:
            try:
                return piece_title() or "New draft"
            except Exception:  # noqa: BLE001 - a title is a nicety; the edit must still count
                log.exception("could not read the piece's title")
        document = self.window.document
        return document.path.stem if document is not None else "New draft"

    def _retitle(self) -> None:
        """A draft's title is often written after its first words: take it up now and then (each
        flush, and when the piece changes) rather than re-reading it on every key."""
        piece = self._piece
        document = self.window.document
        if piece is not None and document is not None and piece[0] is document.path:
            title = self._title()
            if title != piece[2]:
                self._drain()  # edits already queued keep the title they were made under
                self._piece = (piece[0], piece[1], title)

    def _on_document_changed(self) -> None:
        """The same open piece under a new name (a rename synced from another device, followed by
        the document controller) keeps its history; any other change just re-reads the title."""
        document = self.window.document
        before, old = self._followed
        new = document.path if document is not None else None
        self._followed = (document, new)
        if document is not None and document is before and old is not None and new != old:
            self.follow_piece(old, new)
        elif document is not None and before is None and getattr(self.window.documents, "provisional_name", False):
            self._drain()  # the new draft just got its file: what was typed before counts for it
            self._recorder.name_untitled(str(new))
        self._retitle()

    def follow_piece(self, old: Path, new: Path | None) -> str | None:
        """The writing history follows the piece, not the path: the piece at ``old`` is now at ``new``
        (renamed or moved), or was deleted (``new`` None: its history is kept, marked, and a new
        piece taking the name starts its own; the key it is kept under is returned, for
        :meth:`history_returns`). Queued edits are counted under the old name first."""
        self._drain()
        retired = None
        if new is None:
            retired = self._recorder.retire_piece(str(old), self.wall())
        else:
            self._recorder.rename_piece(str(old), str(new))
        self._daily_cache = None
        return retired

    def history_returns(self, original: Path, restored: Path, *, key: str | None = None,
                        deleted_at: float | None = None) -> None:
        """A piece taken out of the trash (to ``restored``) gets back the history it had at
        ``original``: the ``key`` it was kept under when it was deleted, or, in a later launch, the
        one retired closest to ``deleted_at``. Restored without it, a writer's months on a piece
        stayed with a deleted entry and the piece started again from nothing."""
        self._drain()
        if key is None and deleted_at is not None:
            key = self._recorder.store.retired_key(str(original), deleted_at)
        if key is None:
            return
        self._recorder.rename_piece(key, str(restored))
        self._daily_cache = None

    def _resync(self) -> None:
        """Mirror a just-loaded text once, while the writer is still reading: done at the first
        key instead, copying a 200,000-word book made that key take 8 ms more."""
        if not self._stale or getattr(self.window, "loading", False):
            return
        text = self.window.editor.raw_text()
        self._counter.reset(text)
        self._mirror_length = len(text)
        self._stale = False

    def _drain(self) -> None:
        """Count and record the queued edits, in order, each at the moment it was made."""
        self._drain_timer.stop()
        queue, self._queue = self._queue, []
        if not queue:
            return
        counter, since_launch = self._counter, self._since_launch
        edits = []
        for position, removed, inserted, paste, now, wall, piece, title in queue:
            if paste is not None:
                counter.expect_paste(paste)
            if removed or paste is not None:
                delta = counter.edit(position, removed, inserted)
            else:
                delta = counter.typed(position, inserted)
            since_launch.add(delta)
            edits.append((piece, title, delta, now, wall))
        self._recorder.record_burst(edits, self._session_started)
        self.update_goal_mark()

    def since_launch(self) -> EditDelta:
        """Words and characters typed, pasted and deleted since Quill started, in every piece."""
        self._drain()
        return self._since_launch.copy()

    def _session_started(self) -> None:
        """A new writing session (after an idle gap or a suspend): the library keeps a version of each
        piece before its first change in this session, as it did at launch."""
        library = getattr(self.window, "library", None)
        if library is not None and getattr(library, "library", None) is not None:
            library.library.new_session()

    def _tick(self) -> None:
        self.recorder.tick()
        self.update_goal_mark()

    def flush(self) -> None:
        self._retitle()
        self.recorder.tick()
        self.recorder.flush()
        if self.recorder.flush_error:
            self.window.banner.show_message(self.recorder.flush_error, "warning")

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.flush_timer.stop()
        self.tick_timer.stop()
        self.recorder.close()

    # -- goals ------------------------------------------------------------------------------
    def session_goal_progress(self) -> tuple[EditDelta, float]:
        base, base_active = self._goal_base
        now = self.recorder.lifetime
        return now.minus(base), self.recorder.lifetime_active - base_active

    def today(self) -> _dt.date:
        wall = self.wall()
        return day_of(wall, self.utc_offset(wall), self.settings.day_start_hour)

    def daily_progress(self) -> tuple[EditDelta, float]:
        """Today's writing: recorded sessions of today plus the open one as it stands."""
        today = self.today()
        current = self.recorder.current
        current_id = current.id if current is not None else None
        cache = self._daily_cache
        if cache is None or cache[0] != today or cache[1] != current_id:
            since = self.wall() - 3 * 86400
            rows = [r for r in self.store.sessions(since=since) if r.id != current_id]
            day = daily_totals(rows, self.settings.day_start_hour).get(today)
            base = day.delta() if day else EditDelta()
            cache = self._daily_cache = (today, current_id, base, day.active_seconds if day else 0.0)
        delta = cache[2].copy()
        active = cache[3]
        if current is not None and day_of(current.start_wall, current.utc_offset, self.settings.day_start_hour) \
                == today:
            delta.add(current.tally)
            active += current.active_seconds
        return delta, active

    def update_goal_mark(self) -> None:
        status = self.window.status
        if self.session_goal is not None:
            goal = self.session_goal
            delta, active = self.session_goal_progress()
            fraction = goal.fraction(delta, active)
            status.set_goal(goal.progress_text(delta, active), fraction)
            if fraction >= 1.0 and not self._goal_announced:
                self._goal_announced = True
                self.window.banner.show_message(f"Session goal reached: {goal.describe()}. Well written.", "info",
                                                GOAL_TOPIC)
            return
        goal = self.settings.daily
        if goal is None:
            status.set_goal("", None)
            return
        delta, active = self.daily_progress()
        fraction = goal.fraction(delta, active)
        status.set_goal("today " + goal.progress_text(delta, active), fraction)
        today = self.today()
        if fraction >= 1.0 and self._daily_announced != today:
            self._daily_announced = today
            announced = getattr(getattr(self.window, "state", None), "announced", None)
            if announced is not None and announced.get("daily_goal") == today.isoformat():
                return  # said once today already (before a restart): a start is not greeted with it
            if announced is not None:
                announced["daily_goal"] = today.isoformat()
            streak = self.streaks().current
            more = f" That makes {streak} days in a row." if streak > 1 else ""
            self.window.banner.show_message(f"Today's goal is met: {goal.describe()}.{more}", "info", GOAL_TOPIC)

    def streaks(self):  # noqa: ANN201 - quill.sessions.goals.Streaks
        self.recorder.flush()
        days = daily_totals(self.store.sessions(), self.settings.day_start_hour)
        return streaks(days_meeting(days, self.settings.daily), self.today())

    # -- history ----------------------------------------------------------------------------
    def toggle_history(self) -> None:
        """F6. The first time, pyqtgraph and numpy are imported on a thread (a few hundred ms) while
        the history's place is already taken by a quiet line; the page keeps its keys meanwhile."""
        if self.history_view is not None and self.history_view.isVisible():
            self.close_history()
        elif self._history_loading is not None:
            self._history_loading_gone()
            self.window.editor.setFocus()
        elif not imported(HISTORY_MODULES):
            self._open_history_when_loaded()
        else:
            self.open_history()

    def _open_history_when_loaded(self) -> None:
        theme = self.window.theme
        label = QLabel("History\n\nDrawing your sessions…")
        label.setObjectName("historyLoading")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAutoFillBackground(True)
        palette = label.palette()
        palette.setColor(label.backgroundRole(), QColor(theme.background))
        palette.setColor(label.foregroundRole(), QColor(theme.legible("faint")))
        label.setPalette(palette)
        body = self.window.body
        body.addWidget(label, 1)
        self._hidden = []
        for i in range(body.count()):
            widget = body.itemAt(i).widget()
            if widget is not None and widget is not label and widget.isVisible():
                widget.hide()
                self._hidden.append(widget)
        self._history_loading = label
        import_in_background(HISTORY_MODULES, label, self._history_imported)

    def _history_loading_gone(self) -> None:
        label, self._history_loading = self._history_loading, None
        if label is not None:
            label.hide()
            self.window.body.removeWidget(label)
            label.deleteLater()
        for widget in self._hidden:
            widget.show()
        self._hidden = []

    def _history_imported(self) -> None:
        if self._history_loading is not None and not self._closed:
            self._history_loading_gone()
            self.open_history()

    def open_history(self) -> QWidget:
        from quill.ui.sessions.history_view import HistoryView  # pyqtgraph is imported only now

        self.recorder.flush()
        if self.history_view is None:
            self.history_view = HistoryView(self)
            self.history_view.closed.connect(self.close_history)
            self.window.body.addWidget(self.history_view, 1)
        body = self.window.body
        self._hidden = []
        for i in range(body.count()):
            widget = body.itemAt(i).widget()
            if widget is not None and widget is not self.history_view and widget.isVisible():
                widget.hide()
                self._hidden.append(widget)
        self.history_view.refresh()
        self.history_view.show()
        self.history_view.setFocus()
        return self.history_view

    def close_history(self) -> None:
        if self.history_view is not None:
            self.history_view.hide()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.window.editor.setFocus()


def install_sessions(window: Any, **kwargs: Any) -> SessionsController:
    """Record writing sessions in ``window`` and add goals and the history view. Idempotent."""
    existing = getattr(window, "sessions", None)
    if isinstance(existing, SessionsController):
        return existing
    controller = SessionsController(window, **kwargs)
    window.sessions = controller
    return controller
