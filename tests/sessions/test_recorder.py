from __future__ import annotations

import datetime as _dt

from quill.sessions.goals import day_of
from quill.sessions.recorder import Recorder
from quill.sessions.store import SessionStore
from quill.sessions.words import EditDelta
from tests.sessions.helpers import Clocks, at, utc

TYPED = EditDelta(words_added=1, chars_added=5)


def make(clocks: Clocks, **kw) -> tuple[Recorder, SessionStore]:
    store = SessionStore(None)
    return Recorder(store, monotonic=clocks.monotonic, wall=clocks.wall, utc_offset=utc, **kw), store


def test_session_boundary_at_the_idle_threshold():
    clocks = Clocks()
    rec, store = make(clocks)
    rec.record("/a.md", "a", TYPED)
    clocks.advance(600)  # exactly the threshold: still the same session
    rec.record("/a.md", "a", TYPED)
    clocks.advance(600.5)  # just past it: a new session
    rec.record("/a.md", "a", TYPED)
    rec.close()
    rows = store.sessions()
    assert len(rows) == 2
    assert [r.words_added for r in rows] == [2, 1]
    assert rows[0].end - rows[0].start == 600
    # the 600 s gap is within the session but longer than the active gap: not active time
    assert rows[0].active_seconds == 0


def test_active_time_excludes_idle_gaps():
    clocks = Clocks()
    rec, store = make(clocks)
    for gap in (0, 30, 30, 300, 60):  # the 5-minute pause is inside the session but not active
        clocks.advance(gap)
        rec.record("/a.md", "a", TYPED)
    rec.close()
    (row,) = store.sessions()
    assert row.active_seconds == 120 and row.end - row.start == 420


def test_tick_ends_an_idle_session_and_flushes():
    clocks = Clocks()
    rec, store = make(clocks)
    rec.record("/a.md", "a", TYPED)
    clocks.advance(601)
    rec.tick()
    assert rec.current is None and store.count() == 1


def test_incremental_flush_every_interval_so_a_crash_loses_at_most_that():
    clocks = Clocks()
    rec, store = make(clocks, flush_interval=60)
    for _ in range(50):  # 50 edits, 3 s apart: 150 s of writing
        clocks.advance(3)
        rec.record("/a.md", "a", TYPED)
    # no close(): as if the process died here
    (row,) = store.sessions()
    assert row.words_added >= 50 - 20  # at most 60 s (20 edits) unflushed
    assert row.active_seconds >= 150 - 3 - 60


def test_per_piece_rows():
    clocks = Clocks()
    rec, store = make(clocks)
    rec.record("/a.md", "a", TYPED)
    clocks.advance(10)
    rec.record("/b.md", "b", EditDelta(words_added=3))
    clocks.advance(10)
    rec.record("/a.md", "a", EditDelta(words_deleted=2))
    rec.close()
    pieces = {p.piece: p for p in store.piece_sessions()}
    assert pieces["/a.md"].words_added == 1 and pieces["/a.md"].words_deleted == 2
    assert pieces["/b.md"].words_added == 3 and pieces["/b.md"].active_seconds == 10
    assert store.sessions()[0].active_seconds == 20


def test_wall_clock_jump_does_not_corrupt_a_session():
    clocks = Clocks()
    rec, store = make(clocks)
    rec.record("/a.md", "a", TYPED)
    clocks.advance(30)
    clocks.wall_time -= 7200  # the clock is set back two hours mid-session
    rec.record("/a.md", "a", TYPED)
    clocks.advance(30)
    clocks.wall_time += 86400 * 3  # ...and then forward by less than an idle gap? no: three days
    rec.record("/a.md", "a", TYPED)
    rec.close()
    rows = store.sessions()
    assert all(r.end >= r.start for r in rows)
    assert rows[0].end - rows[0].start == 30  # monotonic duration, not the wall difference
    assert sum(r.words_added for r in rows) == 3


def test_suspend_ends_the_session():
    clocks = Clocks()
    rec, store = make(clocks)
    rec.record("/a.md", "a", TYPED)
    clocks.advance(20)
    clocks.wall_time += 8 * 3600  # the laptop slept: monotonic time stood still
    rec.record("/a.md", "a", TYPED)
    rec.close()
    rows = store.sessions()
    assert len(rows) == 2 and rows[1].start - rows[0].end > 8 * 3600 - 1


def test_a_session_spanning_midnight_stays_one_session_on_the_day_it_began():
    clocks = Clocks(at(2024, 3, 9, 23, 50))
    rec, store = make(clocks)
    for _ in range(20):  # 23:50 to 00:30, an edit every two minutes
        rec.record("/a.md", "a", TYPED)
        clocks.advance(120)
    rec.close()
    (row,) = store.sessions()
    assert row.words_added == 20 and row.active_seconds == 19 * 120
    assert day_of(row.start, row.utc_offset, 0) == _dt.date(2024, 3, 9)
    assert day_of(row.end, row.utc_offset, 0) == _dt.date(2024, 3, 10)
