"""Measures one launch from inside the launched process (for ``bench_startup.py`` and the start-up tests).

Loaded by Quill when ``QUILL_BENCH_PROBE`` names this file (``quill/ui/shell/app.py`` calls
:func:`install` with the application and the window right after the window is made, before
the piece is opened), and by ``bare_editor.py`` with a bare ``QPlainTextEdit``. Everything it
learns is printed on stderr as ``probe <event> <CLOCK_MONOTONIC seconds> [json]`` lines, so
the parent, which knows when it launched the process on the same clock, can subtract.

``QUILL_PROBE_MODE``:

- ``launch`` (default): the first paint of the page and the heavy modules loaded by then; keys
  (arrow right, then left, so the text never changes) posted at the first paint and then every
  20 ms for two seconds, each one's wait from the moment it was due to the moment the page got
  it; then quit ``QUILL_PROBE_SECONDS`` (4) after the first paint, listing the modules again.
- ``quiet``: the same launch pressing no keys, for the open → idle figure: 25 arrow keys a
  second are CPU of their own in every half second the parent looks at (each moves the cursor
  and repaints its line), so a launch timed for its keys is not timed for its quiet.
- ``cold``: wait until the process is idle, then open the voice panel (Ctrl+Shift+L's command)
  and time it to its first paint, to the first paint of its charts and to its first figures;
  close it, then the same for the history view (F6); quit. ``QUILL_PROBE_OPEN=history,panel``
  changes the order (the first one opened is the cold one).

Nothing here is imported by Quill itself.
"""

from __future__ import annotations

import json
import os
import sys
import time

HEAVY = ("numpy", "pyqtgraph", "mistune", "spylls", "sqlite3", "bs4", "quill.voice.engine", "quill.library.index")
KEY_GAP_S = 0.020
KEY_WINDOW_S = 2.0


def now() -> float:
    return time.monotonic()


def emit(event: str, value: object = None) -> None:
    extra = "" if value is None else " " + json.dumps(value)
    sys.stderr.write(f"probe {event} {now():.6f}{extra}\n")
    sys.stderr.flush()


def heavy_loaded() -> list[str]:
    return sorted(name for name in HEAVY if name in sys.modules)


def install(app, window) -> None:  # noqa: ANN001 - QApplication, MainWindow or a bare QPlainTextEdit
    """Watch ``window``'s page from now on; the mode decides what is measured after its first paint."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent

    editor = getattr(window, "editor", window)
    mode = os.environ.get("QUILL_PROBE_MODE", "launch")
    import linecache

    sources_read = [0]  # files read into linecache from here on (PySide6's import hook did, per module)
    update = linecache.updatecache

    def counted_update(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        sources_read[0] += 1
        return update(*args, **kwargs)

    linecache.updatecache = counted_update
    seconds = float(os.environ.get("QUILL_PROBE_SECONDS", "4"))
    state: dict = {"due": [], "waits": [], "painted": None}

    class Watch(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802, ANN001
            kind = event.type()
            if kind == QEvent.Type.Paint and watched is editor.viewport() and state["painted"] is None:
                if editor.document().characterCount() > 1:  # the piece, not an empty page
                    state["painted"] = now()
                    stats = sys.modules.get("quill.textstats")
                    emit("paint", {"modules": heavy_loaded(), "chars": editor.document().characterCount(),
                                   "word_rule_compiled": bool(stats and stats.WORD_RE.is_compiled),
                                   "allocator_module": "quill.memory" in sys.modules})
                    QTimer.singleShot(0, after_paint)
            elif kind == QEvent.Type.KeyPress and watched is editor and state["due"]:
                due = state["due"].pop(0)
                state["waits"].append((due - state["painted"], now() - due))
            return False

    watch = Watch(editor)
    editor.viewport().installEventFilter(watch)
    editor.installEventFilter(watch)
    state["watch"] = watch

    def post_key(due: float) -> None:
        state["due"].append(due)
        key = Qt.Key.Key_Right if len(state["waits"]) % 2 == 0 else Qt.Key.Key_Left
        app.postEvent(editor, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))

    def keys_due() -> None:
        """Post every key whose time has come (late ones with the time they were due)."""
        start = state["painted"]
        while state["next_key"] <= min(now(), start + KEY_WINDOW_S):
            post_key(state["next_key"])
            state["next_key"] += KEY_GAP_S
        if state["next_key"] <= start + KEY_WINDOW_S:
            QTimer.singleShot(max(1, int((state["next_key"] - now()) * 1000)), keys_due)
        else:
            QTimer.singleShot(300, report_keys)

    def report_keys() -> None:
        waits = state["waits"]
        emit("keys", {"first": waits[0][1] if waits else None, "waits": waits})

    def after_paint() -> None:
        if mode == "launch":
            post_key(state["painted"])  # a key pressed the moment the page appears
            state["next_key"] = state["painted"] + KEY_GAP_S
            QTimer.singleShot(int(KEY_GAP_S * 1000), keys_due)
            QTimer.singleShot(int(seconds * 1000), finish)
        elif mode == "quiet":
            QTimer.singleShot(int(seconds * 1000), finish)
        elif mode == "cold":
            wait_idle(open_next)

    def finish() -> None:
        emit("end", {"modules": heavy_loaded()})
        app.quit()

    def wait_idle(then, quiet_s: float = 0.8, limit_s: float = 20.0) -> None:  # noqa: ANN001
        """Call ``then`` once the process (all threads) used under 2% CPU for ``quiet_s``."""
        samples = [(now(), time.process_time())]

        def tick() -> None:
            samples.append((now(), time.process_time()))
            t, cpu = samples[-1]
            old = [s for s in samples if s[0] <= t - quiet_s]
            if (old and cpu - old[-1][1] < 0.02 * quiet_s) or t - samples[0][0] > limit_s:
                then()
            else:
                QTimer.singleShot(50, tick)

        QTimer.singleShot(50, tick)

    def measure_open(name: str, opener, first_widget, final_widget, has_data, done) -> None:  # noqa: ANN001
        """Time ``opener()`` to the first paint of what it shows (the panel may first show one quiet
        line while its modules load), to the first paint of the finished widget, and to its first data."""
        result: dict = {"modules_before": heavy_loaded(), "features": hasattr(window, "flow"),
                        "allocator_module": "quill.memory" in sys.modules}
        started = now()
        watched: list = []

        class Painted(QObject):
            def __init__(self, parent, key: str) -> None:  # noqa: ANN001
                super().__init__(parent)
                self.key = key

            def eventFilter(self, watched_, event) -> bool:  # noqa: N802, ANN001
                if event.type() == QEvent.Type.Paint and self.key not in result:
                    result[self.key] = now() - started
                return False

        def watch_paint(widget, key: str) -> None:  # noqa: ANN001
            painted = Painted(widget, key)
            widget.installEventFilter(painted)
            watched.append(painted)

        opener()
        result["call"] = now() - started
        watch_paint(first_widget(), "paint")
        state = {"final": None}
        deadline = started + 15

        def poll() -> None:
            final = final_widget()
            if final is not None and state["final"] is None:
                state["final"] = final
                watch_paint(final, "built")
                final.update()
            if has_data is not None and "data" not in result and has_data():
                app.processEvents()  # what the figures changed is repainted
                result["data"] = now() - started
            finished = "built" in result and ("data" in result or has_data is None)
            if finished or now() > deadline:
                result["modules_after"] = heavy_loaded()
                result["sources_read"] = sources_read[0]
                emit(name, result)
                done()
            else:
                QTimer.singleShot(5, poll)

        QTimer.singleShot(0, poll)

    order = [n for n in os.environ.get("QUILL_PROBE_OPEN", "panel,history").split(",") if n]

    def open_next() -> None:
        if not order:
            finish()
            return
        name = order.pop(0)
        if name == "panel":
            panel = window.voice_panel
            measure_open("panel", lambda: window.commands.run("voice_panel"), lambda: panel,
                         lambda: panel.scroll if panel._built else None,
                         lambda: panel.data is not None,
                         lambda: QTimer.singleShot(0, lambda: (window.commands.run("voice_panel"),
                                                               wait_idle(open_next))))
        else:
            sessions = window.sessions
            measure_open("history", lambda: window.commands.run("history"),
                         lambda: sessions._history_loading or sessions.history_view,
                         lambda: sessions.history_view, None,
                         lambda: QTimer.singleShot(0, lambda: (window.commands.run("history"),
                                                               wait_idle(open_next))))
