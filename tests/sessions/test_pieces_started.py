"""A piece is started when it was begun, not when Quill first saw it: an imported archive's pieces,
opened in Quill this month, keep the created dates their front matter gives."""

from __future__ import annotations

import datetime as _dt

from quill.sessions.history import FinishedPiece, PieceHistory, started_finished_by_month


def test_a_front_matter_created_date_before_the_first_session_decides_the_month() -> None:
    today = _dt.date(2026, 12, 7)
    pieces = {
        "/lib/old.md": PieceHistory("/lib/old.md", "Old", first_day=today),
        "/lib/new.md": PieceHistory("/lib/new.md", "New", first_day=today),
        "/lib/odd.md": PieceHistory("/lib/odd.md", "Odd", first_day=_dt.date(2026, 11, 2)),
        "/lib/timed.md": PieceHistory("/lib/timed.md", "Timed", first_day=today),
    }
    created = {"/lib/old.md": _dt.date(2024, 3, 9),
               "/lib/odd.md": _dt.date(2026, 12, 1),  # later than its first session: the session counts
               "/lib/timed.md": _dt.datetime(2025, 1, 5, 9, 30)}
    finished = [FinishedPiece("/lib/old.md", "Old", today)]
    started, done = started_finished_by_month(pieces, finished, created)
    assert started == {_dt.date(2024, 3, 1): 1, _dt.date(2026, 12, 1): 1, _dt.date(2026, 11, 1): 1,
                       _dt.date(2025, 1, 1): 1}
    assert done == {_dt.date(2026, 12, 1): 1}
    assert started_finished_by_month(pieces, finished)[0] == {_dt.date(2026, 12, 1): 3, _dt.date(2026, 11, 1): 1}
