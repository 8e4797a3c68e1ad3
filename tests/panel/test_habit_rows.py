"""Habits are grouped and ranked in the worker (Qt-free), with absolute positions to jump to."""

from __future__ import annotations

from quill.voice import VoiceEngine
from quill.voice.panel_data import MARK_LIMIT, MARK_REACH, habit_rows, marks_near


def tells_of(text: str):  # noqa: ANN201
    return VoiceEngine().update(text).tells


def test_rows_group_case_blind_rank_by_count_and_keep_first_use_on_ties() -> None:
    text = "A rich tapestry. We delve in. Delve again, and delve deeper. A vibrant tapestry."
    rows = habit_rows(tells_of(text), offset=100)
    texts = [(t, k, len(starts)) for t, k, starts in rows]
    assert texts[:2] == [("delve", "word", 3), ("tapestry", "word", 2)]
    delve_starts = rows[0][2]
    assert [text[s - 100:s - 100 + 5].casefold() for s in delve_starts] == ["delve"] * 3  # absolute: offset added
    assert habit_rows(tells_of(text), 0, limit=1) == [(t, k, tuple(s - 100 for s in st)) for t, k, st in rows[:1]]


def test_marks_reach_only_so_far_from_the_cursor_and_no_more_than_the_limit() -> None:
    filler = "plain words here. " * (MARK_REACH // 18 + 10)
    text = "We delve in. " + filler + "We delve out."
    tells = tells_of(text)
    assert [text[s:e] for s, e in marks_near(tells, 0, 0)] == ["delve"]  # the far one is left out
    far = len(text) - 3
    assert [s for s, _e in marks_near(tells, far, 50)] == [text.rindex("delve") + 50]
    crowd = "We delve. " * (MARK_LIMIT + 50)
    assert len(marks_near(tells_of(crowd), len(crowd) // 2, 0)) == MARK_LIMIT
