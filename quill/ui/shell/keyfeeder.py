"""Types a text into the running editor through real key events, for process-level fault tests.

Enabled only by ``QUILL_TEST_FEED=<file>``: the text to type. ``QUILL_TEST_FEED_MS`` sets the
gap between keys (default 12 ms) and ``QUILL_TEST_FEED_PAUSE_EVERY`` / ``_PAUSE_MS`` insert
pauses so that autosaves happen mid-run. After each key it prints ``fed N`` and flushes,
so a test knows exactly what had been typed when it killed the process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


class KeyFeeder(QObject):
    def __init__(self, target: QWidget, text: str, gap_ms: int, pause_every: int, pause_ms: int) -> None:
        super().__init__(target)
        self.target = target
        self.text = text
        self.gap_ms = gap_ms
        self.pause_every = pause_every
        self.pause_ms = pause_ms
        self.fed = 0
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._next)

    def start(self) -> None:
        self.timer.start(200)

    def _next(self) -> None:
        if self.fed >= len(self.text):
            print("fed done", flush=True)
            return
        char = self.text[self.fed]
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(self.target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        self.fed += 1
        sys.stdout.write(f"fed {self.fed}\n")
        sys.stdout.flush()
        pause = self.pause_every and self.fed % self.pause_every == 0
        self.timer.start(self.pause_ms if pause else self.gap_ms)


def feeder_from_environment(target: QWidget) -> KeyFeeder | None:
    source = os.environ.get("QUILL_TEST_FEED")
    if not source:
        return None
    text = Path(source).read_text(encoding="utf-8")
    feeder = KeyFeeder(target, text, int(os.environ.get("QUILL_TEST_FEED_MS", "12")),
                       int(os.environ.get("QUILL_TEST_FEED_PAUSE_EVERY", "0")),
                       int(os.environ.get("QUILL_TEST_FEED_PAUSE_MS", "1200")))
    feeder.start()
    return feeder


def trace(message: str) -> None:
    """One line on stdout for process-level tests (``QUILL_TEST_TRACE=1``); silent otherwise."""
    if os.environ.get("QUILL_TEST_TRACE"):
        sys.stdout.write(message + "\n")
        sys.stdout.flush()
