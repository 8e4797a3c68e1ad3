"""The session line's sparkline: net words added, minute by minute, since Quill started.

Sampled from the window's own word count when the panel refreshes; nothing runs per key.
(Typed versus pasted words come from the writing-session counter, ``SessionsController``,
which already tells them apart for the history.)
"""

from __future__ import annotations

from collections.abc import Callable

MAX_POINTS = 240  # the sparkline never draws more points than this, however long Quill stays open


class SessionTally:
    def __init__(self, clock: Callable[[], float], words_now: Callable[[], int]) -> None:
        self.clock = clock
        self.words_now = words_now  # net words added this session (the window's own count)
        self.started = clock()
        self._last = 0
        self.minutes: list[int] = []  # net session words at the end of each minute so far

    def sample(self) -> list[int]:
        """Net words at each minute of the session, the current minute last."""
        minute = int((self.clock() - self.started) // 60)
        words = self.words_now()
        while len(self.minutes) < minute:
            self.minutes.append(self._last)
        self._last = words
        series = [0, *self.minutes[:minute], words]
        if len(series) > MAX_POINTS:  # a session left open for days: thin evenly, keep both ends
            step = (len(series) - 1) / (MAX_POINTS - 1)
            series = [series[round(i * step)] for i in range(MAX_POINTS)]
        return series

    def elapsed_minutes(self) -> int:
        return int((self.clock() - self.started) // 60)
