"""Preview and export performance on a 200,000-word piece.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_preview.py
Prints figures with the budgets of issue 9 beside them. Not part of the test run.

* render: markdown → HTML for the preview (pure Python, on the worker thread), and the
  other exports, timed on their own;
* preview open: wall time from the Preview command to the rendered page on screen;
* typing with the preview open: keys sent as real key events every 60 ms (a fast typist)
  while the preview keeps re-rendering; per-key latency and the longest stall of the GUI
  event loop (what a keystroke could have waited behind), against the same run with the
  preview closed.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.corpus import document  # noqa: E402

KEY_INTERVAL_S = 0.060


def piece(words: int) -> str:
    """Corpus prose with a footnote, a quote, a list and a table in every chapter."""
    parts = []
    for index, chunk in enumerate(document(words).split("## Chapter ")):
        if not chunk.strip():
            continue
        parts.append(f"## Chapter {chunk.rstrip()}[^c{index}]\n\n> A quoted line for chapter {index}.\n\n"
                     f"- one\n- two\n  - nested\n\n| a | b |\n|---|--:|\n| {index} | {index * 2} |\n\n"
                     f"[^c{index}]: A note for chapter {index}, with *emphasis*.\n")
    return "---\ntitle: Benchmark\n---\n" + "\n".join(parts)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, runs: int = 3) -> float:  # noqa: ANN001
    best = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best.append(time.perf_counter() - started)
    return statistics.median(best)


def main() -> None:
    text = piece(200_000)
    words = len(text.split())
    print(f"piece: {words:,} words, {len(text):,} characters")

    from quill.export import clean_markdown, clipboard_html, plain_text, standalone_html
    from quill.export.render import preview_html

    print(f"render preview HTML (worker):  {timed(lambda: preview_html(text)) * 1000:7.0f} ms   budget ≤ 2000 ms")
    print(f"standalone HTML export:        {timed(lambda: standalone_html(text)) * 1000:7.0f} ms")
    print(f"clipboard HTML (whole piece):  {timed(lambda: clipboard_html(text)) * 1000:7.0f} ms")
    print(f"plain text export:             {timed(lambda: plain_text(text)) * 1000:7.0f} ms")
    print(f"clean markdown export:         {timed(lambda: clean_markdown(text)) * 1000:7.0f} ms")

    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from quill.export.pdf import page_count, render_pdf

    app = QApplication.instance() or QApplication([])
    from quill.ui.shell.app import GUI_SWITCH_INTERVAL_S

    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)  # as the app does
    started = time.perf_counter()
    pdf = render_pdf(text)
    print(f"PDF export:                    {(time.perf_counter() - started) * 1000:7.0f} ms   "
          f"({page_count(pdf)} A4 pages, {len(pdf) / 1e6:.1f} MB)")

    tmp = Path(tempfile.mkdtemp(prefix="quill-bench-"))
    os.environ["QUILL_HOME"] = str(tmp / "home")
    os.environ["QUILL_LIBRARY"] = str(tmp / "library")
    (tmp / "library").mkdir(parents=True)
    path = tmp / "library" / "book.md"
    path.write_text(text, encoding="utf-8")

    from quill.paths import app_dirs
    from quill.settings import Settings
    from quill.state import AppState
    from quill.ui.export.commands import install_export_commands
    from quill.ui.shell.window import MainWindow

    window = MainWindow(app_dirs().ensure(), Settings(), AppState(), library_dir=tmp / "library")
    install_export_commands(window)
    window.resize(1400, 900)
    window.show()
    window.open_path(path)
    app.processEvents()
    editor = window.editor

    started = time.perf_counter()
    window.commands.run("preview")
    preview = window.export_controller.preview
    while not (preview.is_current() and preview._applied_generation):
        app.processEvents()
    app.processEvents()
    opened = time.perf_counter() - started
    print(f"preview open → shown:          {opened * 1000:7.0f} ms   budget ≤ 2000 ms "
          f"(worker {preview.last_render_seconds * 1000:.0f} ms, swap {preview.last_apply_seconds * 1000:.0f} ms)")

    keys = "the quick brown fox writes a sentence, then another. "

    def type_for(count: int) -> tuple[list[float], list[float], int]:
        cursor = editor.textCursor()
        cursor.setPosition(len(text) // 2)
        editor.setTextCursor(cursor)
        app.processEvents()
        latencies, stalls = [], []
        renders_before = preview._generation
        next_key = time.perf_counter()
        for index in range(count):
            while time.perf_counter() < next_key:  # the gap between keys: whatever else the GUI does
                t0 = time.perf_counter()
                app.processEvents()
                stalls.append(time.perf_counter() - t0)
            char = keys[index % len(keys)]
            t0 = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, char))
            app.processEvents()
            latencies.append((time.perf_counter() - t0) * 1000)
            next_key += KEY_INTERVAL_S
        return latencies, [s * 1000 for s in stalls], preview._generation - renders_before

    for label, open_preview in (("preview closed", False), ("preview open  ", True)):
        if preview.isVisible() != open_preview:
            window.commands.run("preview")
            while not preview.is_current():
                app.processEvents()
        latencies, stalls, renders = type_for(250)
        print(f"typing, {label}: per key median {statistics.median(latencies):5.1f} ms, "
              f"p95 {percentile(latencies, 0.95):5.1f} ms, max {max(latencies):5.1f} ms; "
              f"longest GUI stall between keys {max(stalls):5.1f} ms; preview renders during typing: {renders}")
    # While the preview catches up after a pause, arrow keys (they move the cursor, so the text
    # stays put and the preview can finish) are posted every 25 ms through the real event loop:
    # how long each waits before the editor handles it is what a writer would feel.
    waits: list[float] = []
    catch_ups: list[float] = []
    posted: list[float] = []

    class KeyProbe(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
            if event.type() == QEvent.Type.KeyPress and posted:
                waits.append((time.perf_counter() - posted.pop(0)) * 1000)
            return False

    probe = KeyProbe()
    editor.installEventFilter(probe)
    arrows = (Qt.Key.Key_Right, Qt.Key.Key_Left)

    def post_arrow() -> None:
        key = arrows[len(waits) % 2]
        posted.append(time.perf_counter())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))

    worst_per_round = []
    for _ in range(5):
        round_start = len(waits)
        for char in "and a few more words. ":
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, char))
            app.processEvents()
        started = time.perf_counter()
        loop = QEventLoop()
        ticker = QTimer(interval=25, timerType=Qt.TimerType.PreciseTimer)
        ticker.timeout.connect(post_arrow)
        done = QTimer(interval=5)
        done.timeout.connect(lambda loop=loop: preview.is_current()
                             and preview._applied_generation == preview._generation and loop.quit())
        ticker.start()
        done.start()
        loop.exec()
        ticker.stop()
        done.stop()
        catch_ups.append((time.perf_counter() - started) * 1000)
        worst_per_round.append(round(max(waits[round_start:], default=0.0), 1))
        app.processEvents()
    editor.removeEventFilter(probe)
    print(f"after a typing pause (5 times): preview caught up in a median {statistics.median(catch_ups):.0f} ms; "
          f"keys pressed meanwhile waited median {statistics.median(waits):.1f} ms, p95 "
          f"{percentile(waits, 0.95):.1f} ms, max {max(waits):.1f} ms ({len(waits)} keys; worst per round "
          f"{worst_per_round}); "
          f"longest layout slice {preview._driver.longest_slice * 1000:.1f} ms, "
          f"swap {preview.last_apply_seconds * 1000:.0f} ms")
    window.export_controller.preview.shutdown()
    window.close()


if __name__ == "__main__":
    main()
