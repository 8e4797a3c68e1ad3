"""The real Quill window the typing benchmarks type into, set up one way for all of them.

``bench_panel.py``, ``bench_spelling.py`` and ``trace_typing.py`` each need the same thing: a
``MainWindow`` with its own QUILL_HOME and library in a temporary folder, the GIL switch interval
the app sets, at the size a writer's screen gives it. Not part of Quill.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def make_window(prefix: str):  # noqa: ANN201 - (QApplication, MainWindow, Path); Qt is imported here
    """A new window (not shown yet: a caller may install the voice panel first) and its folder."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["QUILL_HOME"] = str(tmp / "home")
    os.environ["QUILL_LIBRARY"] = str(tmp / "library")
    (tmp / "library").mkdir(parents=True)

    from PySide6.QtWidgets import QApplication

    from quill.paths import app_dirs
    from quill.settings import Settings
    from quill.state import AppState
    from quill.ui.shell.app import GUI_SWITCH_INTERVAL_S
    from quill.ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication([])
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)  # as the app does
    window = MainWindow(app_dirs().ensure(), Settings(), AppState(), library_dir=tmp / "library")
    return app, window, tmp


def show(app, window) -> None:  # noqa: ANN001
    """Shown at 1600 × 950, as on a writer's screen, and painted once."""
    window.resize(1600, 950)
    window.show()
    app.processEvents()


def idle(seconds: float) -> None:
    """Let the event loop run (timers, worker results, paints) without burning CPU."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


_KEYS: tuple | None = None  # what press needs from Qt, looked up once


def press(widget, char: str) -> None:  # noqa: ANN001
    """One key as a writer presses it: press and release, Enter for a newline.

    Qt's names are looked up once, not per key: importing inside the call ran PySide's import
    hook and enum lookups, ~330 bytecodes a key the benchmarks counted against every editor."""
    global _KEYS
    if _KEYS is None:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        _KEYS = (Qt.Key.Key_Return, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier,
                 (QEvent.Type.KeyPress, QEvent.Type.KeyRelease), QKeyEvent, QApplication.sendEvent)
    key_return, key_a, no_modifier, kinds, key_event, send = _KEYS
    key, text = (key_return, "\r") if char == "\n" else (key_a, char)
    for kind in kinds:
        send(widget, key_event(kind, key, no_modifier, text))


def type_at_pace(keys, gap_ms: float, press_key, before_key=None, key_cpu: list[float] | None = None) -> list[float]:  # noqa: ANN001
    """Each of ``keys`` pressed (``press_key(char)``) from a precise timer inside a real event loop,
    which sleeps between keys as it does for a writer, with everything the key triggers processed
    (layout, paint, every handler) before the next; returns each key's time in ms.

    ``before_key()``, if given, runs untimed before each key (to leave the caches cold, say); the
    window thread's CPU inside each key goes into ``key_cpu`` (ms) when that list is given."""
    import time

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    timings: list[float] = []
    loop = QEventLoop()
    timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=int(gap_ms))
    chars = iter(keys)

    def tick() -> None:
        char = next(chars, None)
        if char is None:
            timer.stop()
            loop.quit()
            return
        if before_key is not None:
            before_key()
        started, started_cpu = time.perf_counter(), time.thread_time()
        press_key(char)
        app.processEvents()
        timings.append((time.perf_counter() - started) * 1000)
        if key_cpu is not None:
            key_cpu.append((time.thread_time() - started_cpu) * 1000)

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    return timings
