from __future__ import annotations

import datetime as _dt

from quill.sessions.goals import Goal, GoalSettings, daily_totals, day_of, days_meeting, parse_goal, streaks
from quill.sessions.store import SessionRow, SessionStore
from quill.sessions.words import EditDelta
from tests.sessions.helpers import at

D = _dt.date


def row(start: float, words: int = 100, active: float = 600, offset: int = 0, id: int = 1) -> SessionRow:
    return SessionRow(id, start, start + active, offset, active, words_added=words, chars_added=words * 5)


def test_day_start_at_4am_counts_small_hours_to_the_evening_before():
    assert day_of(at(2024, 3, 10, 1, 30), 0, 4) == D(2024, 3, 9)
    assert day_of(at(2024, 3, 10, 3, 59), 0, 4) == D(2024, 3, 9)
    assert day_of(at(2024, 3, 10, 4, 0), 0, 4) == D(2024, 3, 10)
    assert day_of(at(2024, 3, 10, 1, 30), 0, 0) == D(2024, 3, 10)


def test_local_time_zone_decides_the_day():
    # 23:30 UTC is 01:30 the next day in UTC+2; with a 4 am day start that is still the evening before
    assert day_of(at(2024, 3, 9, 23, 30), 2 * 3600, 0) == D(2024, 3, 10)
    assert day_of(at(2024, 3, 9, 23, 30), 2 * 3600, 4) == D(2024, 3, 9)
    assert day_of(at(2024, 3, 10, 2, 30), -5 * 3600, 0) == D(2024, 3, 9)


def test_daily_totals_respect_the_day_start():
    rows = [row(at(2024, 3, 9, 21)), row(at(2024, 3, 10, 2), id=2), row(at(2024, 3, 10, 9), id=3)]
    days = daily_totals(rows, 4)
    assert days[D(2024, 3, 9)].sessions == 2 and days[D(2024, 3, 10)].sessions == 1


def test_streaks():
    met = {D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 3), D(2024, 1, 5), D(2024, 1, 6)}
    s = streaks(met, today=D(2024, 1, 6))
    assert (s.current, s.longest) == (2, 3)
    assert s.runs == ((D(2024, 1, 1), D(2024, 1, 3)), (D(2024, 1, 5), D(2024, 1, 6)))
    assert streaks(met, today=D(2024, 1, 7)).current == 2  # today not yet written: streak still alive
    assert streaks(met, today=D(2024, 1, 8)).current == 0
    assert streaks(set(), today=D(2024, 1, 8)) == streaks([], D(2024, 1, 8))


def test_streak_of_days_meeting_a_daily_goal_with_4am_day_start():
    rows = [row(at(2024, 5, 1, 20), words=600, id=1),
            row(at(2024, 5, 2, 1), words=500, id=2),  # after midnight, counts to May 1: 1100 words
            row(at(2024, 5, 2, 19), words=1000, id=3),
            row(at(2024, 5, 3, 19), words=999, id=4),  # one short
            row(at(2024, 5, 4, 19), words=1200, id=5)]
    days = daily_totals(rows, 4)
    met = days_meeting(days, Goal("words", 1000))
    assert met == {D(2024, 5, 1), D(2024, 5, 2), D(2024, 5, 4)}
    s = streaks(met, D(2024, 5, 4))
    assert (s.current, s.longest) == (1, 2)
    minutes = days_meeting(days, Goal("minutes", 10))
    assert len(minutes) == 4


def test_goal_measures_and_parsing():
    d = EditDelta(words_added=250, words_pasted=1000, chars_added=1300)
    assert Goal("words", 1000).fraction(d, 0) == 0.25  # pasted words never count
    assert Goal("minutes", 45).fraction(d, 45 * 60) == 1.0
    assert Goal("characters", 2600).fraction(d, 0) == 0.5
    assert parse_goal("45 minutes") == Goal("minutes", 45)
    assert parse_goal("1,000 words") == Goal("words", 1000)
    assert parse_goal("2 h") == Goal("minutes", 120)
    assert parse_goal("500", "characters") == Goal("characters", 500)
    assert parse_goal("lots") is None and parse_goal("-3") is None


def test_goal_settings_persist_in_the_store():
    store = SessionStore(None)
    GoalSettings(Goal("minutes", 30), 5).save(store)
    loaded = GoalSettings.load(store)
    assert loaded.daily == Goal("minutes", 30) and loaded.day_start_hour == 5
