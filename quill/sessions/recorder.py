"""Session boundaries and active time, from a stream of edits.

A *session* is continuous work with no gap longer than ``idle_threshold`` (default 10
minutes) between two edits, across every piece. Within a session, *active time* is the sum
of the gaps between edits that are no longer than ``active_gap`` (default 2 minutes): a
writer pausing to think is writing; a writer away for five minutes is not.

Clocks are injected: ``monotonic`` measures gaps and durations, ``wall`` only anchors a
session to the calendar. A session's end is its wall start plus monotonic time elapsed, so
a wall-clock jump (NTP, a manual change, a time-zone change) cannot stretch, shrink or
reverse a session. A suspend is noticed as wall time running ahead of monotonic time by
more than the idle threshold, and ends the session like any idle gap.

Recording is incremental: :meth:`Recorder.flush` writes the open session (an upsert), and
:meth:`record` / :meth:`tick` flush whenever ``flush_interval`` has passed, so a crash loses
at most that much.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from quill.sessions.store import SessionStore
from quill.sessions.words import EditDelta

IDLE_THRESHOLD = 600.0
ACTIVE_GAP = 120.0
FLUSH_INTERVAL = 60.0


def local_utc_offset(wall: float) -> int:
    """Seconds east of UTC in the local time zone at ``wall``."""
    return int(time.localtime(wall).tm_gmtoff)


UNTITLED = ""  # the piece key of edits made while no file was open (a new draft before its first save)


@dataclass
class PieceSpan:
    piece: str
    title: str
    first_mono: float
    last_mono: float
    active_seconds: float = 0.0
    tally: EditDelta = field(default_factory=EditDelta)


@dataclass
class OpenSession:
    id: int | None
    start_wall: float
    start_mono: float
    last_mono: float
    last_wall: float
    utc_offset: int
    active_seconds: float = 0.0
    tally: EditDelta = field(default_factory=EditDelta)
    pieces: dict[str, PieceSpan] = field(default_factory=dict)

    def wall_at(self, mono: float) -> float:
        return self.start_wall + (mono - self.start_mono)

    @property
    def end_wall(self) -> float:
        return self.wall_at(self.last_mono)

    def as_rows(self) -> tuple[dict, list[dict]]:
        session = {"id": self.id, "start": self.start_wall, "end": self.end_wall, "utc_offset": self.utc_offset,
                   "active_seconds": self.active_seconds, **self.tally.counts()}
        pieces = [{"piece": p.piece, "title": p.title, "start": self.wall_at(p.first_mono),
                   "end": self.wall_at(p.last_mono), "active_seconds": p.active_seconds, **p.tally.counts()}
                  for p in self.pieces.values()]
        return session, pieces


class Recorder:
    def __init__(self, store: SessionStore, *, monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time, utc_offset: Callable[[float], int] = local_utc_offset,
                 idle_threshold: float = IDLE_THRESHOLD, active_gap: float = ACTIVE_GAP,
                 flush_interval: float = FLUSH_INTERVAL) -> None:
        self.store = store
        self.monotonic = monotonic
        self.wall = wall
        self.utc_offset = utc_offset
        self.idle_threshold = idle_threshold
        self.active_gap = min(active_gap, idle_threshold)
        self.flush_interval = flush_interval
        self.current: OpenSession | None = None
        self._dirty = False
        self._last_flush = monotonic()
        # Since this recorder started (goals measure from a baseline of these).
        self.lifetime = EditDelta()
        self.lifetime_active = 0.0
        self.flush_error: str | None = None

    # -- events -----------------------------------------------------------------------------
    def record(self, piece: str, title: str, delta: EditDelta, *, now: float | None = None,
               wall: float | None = None) -> None:
        """One edit of ``piece`` (a path, or "" for an unsaved draft), made now or at the given
        monotonic and wall-clock times (edits counted a moment after they were made)."""
        if now is None:
            now = self.monotonic()
        if wall is None:
            wall = self.wall()
        session = self.current
        gap = 0.0
        if session is not None:
            gap = now - session.last_mono
            suspended = (wall - session.last_wall) - gap > self.idle_threshold
            if gap > self.idle_threshold or gap < 0 or suspended:
                self.end_session()
                session = None
        if session is None:
            session = self.current = OpenSession(None, wall, now, now, wall, self.utc_offset(wall))
            gap = 0.0
        span = session.pieces.get(piece)
        if span is None:
            span = session.pieces[piece] = PieceSpan(piece, title, now, now)
        elif title:
            span.title = title
        if gap <= self.active_gap:
            session.active_seconds += gap
            span.active_seconds += gap
            self.lifetime_active += gap
        session.last_mono = span.last_mono = now
        session.last_wall = wall
        session.tally.add(delta)
        span.tally.add(delta)
        self.lifetime.add(delta)
        self._dirty = True
        if now - self._last_flush >= self.flush_interval:
            self.flush()

    def record_burst(self, edits: Iterable[tuple[str, str, EditDelta, float, float]],
                     on_new_session: Callable[[], None] | None = None) -> None:
        """Record ``(piece, title, delta, now, wall)`` edits made one after another, as :meth:`record`
        would one by one, and call ``on_new_session`` whenever one of them starts a session.

        The edits right after one recorded on its own (same piece and title, within the active
        gap of it, the wall clock keeping step with the monotonic one) are recorded together at
        the last one's moment: the same counts and the same active time (their gaps add up to the
        gap from the first to the last), for one :meth:`record` a burst of typing instead of one a
        key (issue #20: with its three tallies, a sixth of a keystroke's Python). Anything else
        (another piece, a long gap, a clock that jumped) is recorded edit by edit.
        """
        # A wall clock that moved apart from the monotonic one by more than the idle threshold (a
        # suspend) ends a session in record(); within it, nowhere (stored times follow the monotonic
        # clock), so a run keeps each step's drift and its whole drift under it.
        drift = self.idle_threshold
        anchor: tuple[str, str, float, float] | None = None  # (piece, title, now, wall) recorded alone
        run: EditDelta | None = None
        run_at = (0.0, 0.0)  # (now, wall) of the last edit taken into the run
        for piece, title, delta, now, wall in edits:
            if anchor is not None and piece == anchor[0] and title == anchor[1] and now >= run_at[0] \
                    and now - anchor[2] <= self.active_gap \
                    and abs((wall - run_at[1]) - (now - run_at[0])) <= drift \
                    and abs((wall - anchor[3]) - (now - anchor[2])) <= drift:
                if run is None:
                    run = EditDelta()
                run.add(delta)
                run_at = (now, wall)
                continue
            if run is not None:
                self._record_noting(anchor[0], anchor[1], run, *run_at, on_new_session)
                run = None
            self._record_noting(piece, title, delta, now, wall, on_new_session)
            anchor, run_at = (piece, title, now, wall), (now, wall)
        if run is not None:
            self._record_noting(anchor[0], anchor[1], run, *run_at, on_new_session)

    def _record_noting(self, piece: str, title: str, delta: EditDelta, now: float, wall: float,
                       on_new_session: Callable[[], None] | None) -> None:
        before = self.current
        self.record(piece, title, delta, now=now, wall=wall)
        if self.current is not before and on_new_session is not None:
            on_new_session()

    def tick(self) -> None:
        """Call now and then (the UI does every few seconds): ends an idle session, flushes when due."""
        now = self.monotonic()
        if self.current is not None and (now - self.current.last_mono > self.idle_threshold
                                         or now < self.current.last_mono):
            self.end_session()
        elif self._dirty and now - self._last_flush >= self.flush_interval:
            self.flush()

    def flush(self) -> None:
        """Write the open session as it stands (insert the first time, update afterwards)."""
        self._last_flush = self.monotonic()
        session = self.current
        if session is None or not self._dirty:
            return
        row, pieces = session.as_rows()
        try:
            session.id = self.store.save_session(row, pieces)
        except Exception as exc:  # noqa: BLE001 - a full disk must never disturb the writer
            self.flush_error = f"Quill could not record this writing session: {exc}"
            return
        self.flush_error = None
        self._dirty = False

    # -- a piece's identity follows the piece, not the path -------------------------------------
    def rename_piece(self, old: str, new: str) -> None:
        """The piece recorded as ``old`` is now ``new`` (renamed or moved, here or on another
        device): its stored sessions follow, and so does its part of the open session, which
        would otherwise be written back under the old name at the next flush (one piece's
        history split in two, half of it under a file that no longer exists)."""
        if old == new:
            return
        self.flush()
        self.store.rename_piece(old, new)
        self._rekey(old, new)

    def name_untitled(self, new: str) -> None:
        """The untitled draft being written got its file (``new``): the words typed before it had one,
        recorded under no name, are this piece's. Only the open session's: all untitled drafts used
        to share one nameless history ("New draft") in which their first words were lost."""
        session = self.current
        if session is None or UNTITLED not in session.pieces:
            return
        self.flush()
        if session.id is not None:
            self.store.rename_piece(UNTITLED, new, session_id=session.id)
        self._rekey(UNTITLED, new)

    def retire_piece(self, path: str, when: float) -> str:
        """The piece at ``path`` was deleted: its history, the open session's part too, is kept marked
        (under the key returned, which :meth:`rename_piece` takes back to a restored piece)."""
        self.flush()
        key = self.store.retire_piece(path, when)
        self._rekey(path, key)
        return key

    def _rekey(self, old: str, new: str) -> None:
        session = self.current
        span = session.pieces.pop(old, None) if session is not None else None
        if span is None:
            return
        span.piece = new
        other = session.pieces.get(new)
        if other is None:
            session.pieces[new] = span
            return
        # written to under both names in one session: one span, added together (as the store does)
        other.first_mono = min(other.first_mono, span.first_mono)
        other.last_mono = max(other.last_mono, span.last_mono)
        other.active_seconds += span.active_seconds
        other.tally.add(span.tally)
        other.title = other.title or span.title

    def end_session(self) -> None:
        self.flush()
        self.current = None

    def close(self) -> None:
        self.end_session()
