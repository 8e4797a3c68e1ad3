"""Goals, the writer's day, and streaks.

* A writing **day** is local time shifted by a day start (default 4 am): a session begun
  at 1 am counts to the evening before. A session counts wholly to the day it started in
  (one sitting is never split across two days).
* A **session goal** is a number of words or characters typed, or of active minutes, counted
  from the moment the goal is set. Pasted text never counts toward a goal.
* A **daily goal** is the same for a writing day; a **streak** is a run of consecutive days
  meeting it (today not yet met does not break the streak until the day is over).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from quill.sessions.store import SessionRow, SessionStore
from quill.sessions.words import EditDelta, Tally

KINDS = ("words", "minutes", "characters")
DEFAULT_DAY_START = 4


def day_of(wall: float, utc_offset: int, day_start_hour: int = DEFAULT_DAY_START) -> _dt.date:
    """The writing day of a moment: local date after moving the day start back to midnight."""
    local = _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=wall + utc_offset)
    return (local - _dt.timedelta(hours=day_start_hour)).date()


def parse_goal(text: str, default_kind: str = "words") -> Goal | None:
    """'45 minutes', '45 min', '1000 words', '1,000', '3000 chars' -> a Goal; None if unreadable."""
    parts = text.strip().lower().replace(",", "").replace("_", "").split()
    if not parts:
        return None
    try:
        amount = int(float(parts[0]))
    except ValueError:
        return None
    kind = default_kind
    if len(parts) > 1:
        unit = parts[1]
        if unit.startswith("min") or unit in ("m", "mins"):
            kind = "minutes"
        elif unit.startswith("h"):
            kind, amount = "minutes", amount * 60
        elif unit.startswith("char") or unit == "c":
            kind = "characters"
        elif unit.startswith("w"):
            kind = "words"
        else:
            return None
    if amount <= 0:
        return None
    return Goal(kind, amount)


@dataclass(frozen=True)
class Goal:
    kind: str  # "words", "minutes" or "characters"
    amount: int

    def measure(self, delta: EditDelta, active_seconds: float) -> float:
        if self.kind == "minutes":
            return active_seconds / 60.0
        if self.kind == "characters":
            return float(delta.chars_added)
        return float(delta.words_added)

    def fraction(self, delta: EditDelta, active_seconds: float) -> float:
        return min(self.measure(delta, active_seconds) / self.amount, 1.0)

    def describe(self) -> str:
        unit = {"words": "words", "minutes": "min", "characters": "characters"}[self.kind]
        return f"{self.amount:,} {unit}"

    def progress_text(self, delta: EditDelta, active_seconds: float) -> str:
        done = int(self.measure(delta, active_seconds))
        # "of … min of writing": the goal counts active writing time, not the time since launch
        # that the right of the status line shows, so the two numbers never read alike
        unit = {"words": "words", "minutes": "min of writing", "characters": "chars"}.get(self.kind, self.kind)
        return f"{min(done, self.amount):,} of {self.amount:,} {unit}"

    def to_text(self) -> str:
        return f"{self.amount} {self.kind}"

    @classmethod
    def from_text(cls, text: str | None) -> Goal | None:
        return parse_goal(text) if text else None


@dataclass
class GoalSettings:
    """Kept in the sessions database's meta table (they belong to the history, not to one machine's UI)."""

    daily: Goal | None = None
    day_start_hour: int = DEFAULT_DAY_START

    @classmethod
    def load(cls, store: SessionStore) -> GoalSettings:
        try:
            hour = int(store.get_meta("day_start_hour", str(DEFAULT_DAY_START)) or DEFAULT_DAY_START)
        except ValueError:
            hour = DEFAULT_DAY_START
        return cls(Goal.from_text(store.get_meta("daily_goal")), max(0, min(hour, 23)))

    def save(self, store: SessionStore) -> None:
        store.set_meta("daily_goal", self.daily.to_text() if self.daily else None)
        store.set_meta("day_start_hour", str(self.day_start_hour))


@dataclass
class DayTotal(Tally):
    """One writing day's sessions added up (``delta()`` gives its counters as an EditDelta)."""

    day: _dt.date
    sessions: int = 0
    active_seconds: float = 0.0


def daily_totals(rows: Iterable[SessionRow], day_start_hour: int = DEFAULT_DAY_START) -> dict[_dt.date, DayTotal]:
    days: dict[_dt.date, DayTotal] = {}
    for row in rows:
        day = day_of(row.start, row.utc_offset, day_start_hour)
        total = days.get(day)
        if total is None:
            total = days[day] = DayTotal(day)
        total.sessions += 1
        total.active_seconds += row.active_seconds
        total.add(row)
    return days


def days_meeting(days: dict[_dt.date, DayTotal], goal: Goal | None) -> set[_dt.date]:
    """Days meeting the goal; with no goal set, every day with writing counts."""
    if goal is None:
        return {d for d, t in days.items() if t.words_added or t.active_seconds or t.chars_added}
    return {d for d, t in days.items() if goal.measure(t.delta(), t.active_seconds) >= goal.amount}


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int
    runs: tuple[tuple[_dt.date, _dt.date], ...]  # (first day, last day) of every streak, oldest first


def streaks(met: Iterable[_dt.date], today: _dt.date) -> Streaks:
    days = sorted(set(met))
    runs: list[tuple[_dt.date, _dt.date]] = []
    for day in days:
        if runs and day - runs[-1][1] == _dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    longest = max(((b - a).days + 1 for a, b in runs), default=0)
    current = 0
    if runs:
        first, last = runs[-1]
        if last == today or last == today - _dt.timedelta(days=1):
            current = (last - first).days + 1
    return Streaks(current, longest, tuple(runs))
