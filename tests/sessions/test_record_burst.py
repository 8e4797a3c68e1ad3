"""Issue #20: a burst of edits is recorded together (one record() a burst, not one a key), and the
writing history it stores is the one recording them edit by edit stores: same sessions, same
pieces, same counts, same active time, through idle gaps, suspends, clock jumps and piece changes."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.sessions.recorder import Recorder
from quill.sessions.store import SessionStore
from quill.sessions.words import EditDelta
from tests.sessions.helpers import utc

STEP = st.tuples(
    st.sampled_from([0.0, 0.05, 0.1, 0.3, 2.0, 119.0, 121.0, 700.0]),  # seconds since the previous edit
    st.sampled_from([0.0, 0.0, 0.0, 0.5, 3.0, -3.0, 2000.0]),  # the wall clock's jump on top (suspend, change)
    st.sampled_from(["a.md", "a.md", "a.md", "b.md"]),
    st.sampled_from(["A", "A", "A", "A retitled"]),
    st.integers(-2, 3), st.integers(0, 2),  # words added (negative: deleted), words pasted
)


def _delta(words: int, pasted: int) -> EditDelta:
    return EditDelta(words_added=max(words, 0), words_deleted=max(-words, 0), chars_added=abs(words) * 4 + 1,
                     words_pasted=pasted, chars_pasted=pasted * 6)


def _history(store: SessionStore) -> tuple[list, list]:
    sessions = [(s.start, s.end, s.words_added, s.words_deleted, s.words_pasted, s.chars_added, s.chars_pasted,
                 round(s.active_seconds, 6)) for s in store.sessions()]
    pieces = [(p.piece, p.title, p.start, p.end, p.words_added, p.words_deleted, p.words_pasted,
               round(p.active_seconds, 6)) for p in store.piece_sessions()]
    return sessions, pieces


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(STEP, min_size=1, max_size=12), min_size=1, max_size=5))
def test_a_burst_stores_what_edit_by_edit_stores(bursts):
    mono, wall = 1000.0, 1_700_000_000.0
    one = Recorder(SessionStore(None), monotonic=lambda: mono, wall=lambda: wall, utc_offset=utc)
    many = Recorder(SessionStore(None), monotonic=lambda: mono, wall=lambda: wall, utc_offset=utc)
    announced: list[int] = []
    started = 0
    for burst in bursts:
        edits = []
        for gap, jump, piece, title, words, pasted in burst:
            mono += gap
            wall += gap + jump
            edits.append((piece, title, _delta(words, pasted), mono, wall))
        for piece, title, delta, now, at_wall in edits:
            before = one.current
            one.record(piece, title, delta, now=now, wall=at_wall)
            started += one.current is not before
        many.record_burst(edits, lambda: announced.append(1))
        assert math.isclose(one.lifetime_active, many.lifetime_active, abs_tol=1e-6)
        assert one.lifetime.counts() == many.lifetime.counts()
        assert len(announced) == started  # every new session is announced (the library keeps a version)
    one.flush()
    many.flush()
    assert _history(one.store) == _history(many.store)


def test_a_new_session_inside_a_burst_is_announced():
    mono, wall = 1000.0, 1_700_000_000.0
    recorder = Recorder(SessionStore(None), monotonic=lambda: mono, wall=lambda: wall, utc_offset=utc)
    typed = EditDelta(words_added=1, chars_added=5)
    starts: list[int] = []
    recorder.record_burst([("a.md", "A", typed, 1000.0, wall), ("a.md", "A", typed, 1000.2, wall + 0.2),
                           ("a.md", "A", typed, 2000.0, wall + 1000.0)], lambda: starts.append(1))
    assert len(starts) == 2  # the first edit, and the one after an idle gap
    recorder.flush()
    assert [s.words_added for s in recorder.store.sessions()] == [2, 1]
