"""Fake clocks for session tests."""

from __future__ import annotations

import datetime as _dt


class Clocks:
    """A monotonic and a wall clock advanced together (or apart, to fake jumps and suspends)."""

    def __init__(self, wall: float | _dt.datetime = 1_700_000_000.0) -> None:
        if isinstance(wall, _dt.datetime):
            wall = wall.replace(tzinfo=_dt.UTC).timestamp()
        self.mono = 1000.0
        self.wall_time = float(wall)

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> float:
        return self.wall_time

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall_time += seconds


def utc(wall: float) -> int:  # a fixed time zone: UTC
    return 0


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> float:
    return _dt.datetime(year, month, day, hour, minute, tzinfo=_dt.UTC).timestamp()
