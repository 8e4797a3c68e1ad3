"""The session line's numbers: words added per minute, and typed versus pasted words.

Kept by the panel from the editor's edit signal, at O(1) per keystroke: a word counts as
typed when a space, newline or punctuation mark is typed right after a letter or digit;
pasted words are counted from the pasted text itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
MAX_POINTS = 240  # the sparkline never draws more points than this, however long Quill stays open


class SessionTally:
    def __init__(self, clock: Callable[[], float], words_now: Callable[[], int]) -> None:
        self.clock = clock
        self.words_now = words_now  # net words added this session (the window's own count)
        self.started = clock()
        self.typed = 0
        self.pasted = 0
        self._paste_pending = 0
        self._last = 0
        self.minutes: list[int] = []  # net session words at the end of each minute so far

    def on_pasted(self, text: str) -> None:
        self.pasted += len(_WORD.findall(text))
        self._paste_pending = len(text)

    def on_edited(self, inserted: str, previous_char: str) -> None:
        if self._paste_pending and len(inserted) >= self._paste_pending:
            self._paste_pending = 0
            return
        if len(inserted) == 1:
            if not inserted.isalnum() and previous_char.isalnum():
                self.typed += 1
        elif inserted:
            self.typed += len(_WORD.findall(inserted))

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
