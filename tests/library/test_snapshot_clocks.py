"""Versions under a clock that jumps: never overwritten, never thinned out early, never out of order."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from pathlib import Path

from quill.library.snapshots import MANUAL, SnapshotStore

T0 = dt.datetime(2024, 3, 9, 10, 0, 0)


class Clock:
    """Local wall time (what datetime.now gives) and monotonic seconds, moved by hand."""

    def __init__(self) -> None:
        self.wall = T0
        self.mono = 1000.0

    def now(self) -> dt.datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)
        self.mono += seconds


def make(tmp_path: Path, clock: Clock) -> SnapshotStore:
    return SnapshotStore(tmp_path / "snapshots", tmp_path / "library", clock=clock.now, monotonic=clock.monotonic)


def texts(store: SnapshotStore) -> list[str]:
    return [v.read() for v in reversed(store.list("piece.md"))]  # oldest first


def test_a_clock_set_back_onto_an_existing_stamp_overwrites_nothing(tmp_path: Path):
    clock = Clock()
    store = make(tmp_path, clock)
    first = store.take("piece.md", "one", MANUAL)
    clock.advance(60)
    store.take("piece.md", "one two", MANUAL)
    clock.wall = T0  # set back to the very microsecond of the first version
    third = store.take("piece.md", "one two three", MANUAL)
    clock.wall = T0 - dt.timedelta(hours=5)
    store.take("piece.md", "one two three four", MANUAL)
    assert third.id != first.id
    assert texts(store) == ["one", "one two", "one two three", "one two three four"]
    ids = [v.id for v in reversed(store.list("piece.md"))]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_a_clock_set_forward_does_not_thin_out_recent_versions(tmp_path: Path):
    clock = Clock()
    store = make(tmp_path, clock)
    five_versions_ten_minutes_apart(store, clock)  # all within one hour
    clock.wall += dt.timedelta(days=10)  # the clock jumps ten days ahead; only a minute really passes
    clock.mono += 60
    store.take("piece.md", "word " * 6, MANUAL)
    assert len(store.list("piece.md")) == 6  # by the jumped clock, four of them would be dropped


def test_a_suspend_postpones_thinning(tmp_path: Path):
    clock = Clock()
    store = make(tmp_path, clock)
    five_versions_ten_minutes_apart(store, clock)
    clock.wall += dt.timedelta(days=10)  # asleep ten days: monotonic time stood still
    store.take("piece.md", "word " * 6, MANUAL)
    assert len(store.list("piece.md")) == 6


def test_time_that_really_passes_still_thins_versions(tmp_path: Path):
    clock = Clock()
    store = make(tmp_path, clock)
    five_versions_ten_minutes_apart(store, clock)
    clock.advance(10 * 86400)  # both clocks: ten days of real time
    store.take("piece.md", "word " * 6, MANUAL)
    assert texts(store) == ["word " * 5, "word " * 6]  # one per day beyond a week, the newest always


def test_two_threads_taking_versions_under_a_clock_set_back_keep_both(tmp_path: Path):
    """The save worker (a session's first change) and the GUI thread (Ctrl+Shift+S) may both take a
    version; with the clock behind the newest version both would be stamped newest + 1 µs."""
    clock = Clock()
    store = make(tmp_path, clock)
    store.take("piece.md", "base", MANUAL)
    clock.wall = T0 - dt.timedelta(hours=1)
    meet = threading.Barrier(2, timeout=1.0)

    def behind() -> dt.datetime:
        # Both threads have read the newest version before either writes, unless taking versions is
        # serialised: then the other thread is waiting for this one and the barrier times out.
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait()
        return clock.wall

    store.clock = behind
    threads = [threading.Thread(target=store.take, args=("piece.md", text, MANUAL)) for text in ("aaa", "bbb")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    versions = store.list("piece.md")
    assert sorted(v.read() for v in versions) == ["aaa", "base", "bbb"]
    assert len({v.id for v in versions}) == 3


def five_versions_ten_minutes_apart(store, clock) -> None:  # noqa: ANN001
    for n in range(1, 6):
        store.take("piece.md", "word " * n, MANUAL)
        clock.advance(600)
