"""Editor performance: first paint, opening a long piece, per-key latency, memory.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_editor.py
Prints figures; budgets (issue 2) are shown beside them. Not part of the test run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.corpus import document, long_paragraph  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def first_paint_ms(path: Path, runs: int = 7) -> list[float]:
    """Wall time from launching the process to the editor's first paint, measured from outside."""
    times = []
    env = dict(os.environ, QUILL_BENCH_EXIT_AFTER_PAINT="1")
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "quill", "--windowed", str(path)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        painted = None
        for line in proc.stderr:  # the moment the app reports its first paint, not when it has exited
            if "first paint" in line:
                painted = time.perf_counter()
                break
        proc.wait(timeout=60)
        if painted is None:
            raise RuntimeError("Quill did not report a first paint")
        times.append((painted - started) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="quill-bench-"))
    os.environ["QUILL_HOME"] = str(tmp / "home")
    os.environ["QUILL_LIBRARY"] = str(tmp / "library")
    small = tmp / "library" / "short.md"
    small.parent.mkdir(parents=True)
    small.write_text("# A short piece\n\nJust a few lines.\n", encoding="utf-8")
    big200 = tmp / "book-200k.md"
    text200 = document(200_000)
    middle = len(text200) // 2
    middle = text200.index("\n\n", middle) + 2
    text200 = text200[:middle] + long_paragraph(1000) + "\n\n" + text200[middle:]
    big200.write_text(text200, encoding="utf-8")
    big100 = tmp / "book-100k.md"
    big100.write_text(document(100_000, seed=3), encoding="utf-8")

    paints = first_paint_ms(small)
    paints_big = first_paint_ms(big100, runs=3)
    print(f"first paint, short piece:   median {statistics.median(paints):.0f} ms "
          f"(min {min(paints):.0f}, max {max(paints):.0f})   budget ≤ 350 ms")
    print(f"first paint, 100k words:    median {statistics.median(paints_big):.0f} ms")

    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from quill.paths import app_dirs
    from quill.settings import Settings
    from quill.state import AppState
    from quill.ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication([])
    from quill.ui.shell.app import GUI_SWITCH_INTERVAL_S

    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)  # as the app does
    from quill.memory import tune_allocator

    tune_allocator()  # as the app does right after its first paint
    dirs = app_dirs().ensure()
    rss_start = rss_mb()
    window = MainWindow(dirs, Settings(), AppState(), library_dir=tmp / "library")
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    started = time.perf_counter()
    window.open_path(big100)
    app.processEvents()
    open100 = time.perf_counter() - started
    rss100 = rss_mb()
    print(f"open 100k words:            {open100 * 1000:.0f} ms   budget ≤ 1000 ms")
    print(f"resident, 100k words open:  {rss100:.0f} MB (process started at {rss_start:.0f} MB)   budget ≤ 150 MB")

    started = time.perf_counter()
    window.open_path(big200)
    app.processEvents()
    print(f"open 200k words:            {(time.perf_counter() - started) * 1000:.0f} ms")

    editor = window.editor
    keys = "the quick brown fox writes a sentence, then another. " * 10

    def type_at(position: int, count: int = 500) -> list[float]:
        cursor = editor.textCursor()
        cursor.setPosition(position)
        editor.setTextCursor(cursor)
        app.processEvents()
        timings = []
        for char in keys[:count]:
            t0 = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, char))
            app.processEvents()  # includes layout and paint of the changed lines
            timings.append((time.perf_counter() - t0) * 1000)
        return timings

    rss_before = rss_mb()
    end = editor.document().characterCount() - 1
    long_start = editor.raw_text().index(long_paragraph(1000)[:60]) + 500
    results = {
        "middle of document": type_at(editor.document().characterCount() // 3),
        "end of document": type_at(end),
        "inside a 1,000-char paragraph": type_at(long_start),
    }
    rss_after = rss_mb()
    for name, timings in results.items():
        print(f"per key, 200k words, {name:30s} median {statistics.median(timings):.2f} ms, "
              f"p95 {percentile(timings, 0.95):.2f} ms, max {max(timings):.2f} ms   budget median ≤ 2, p95 ≤ 4")
    print(f"resident before typing {rss_before:.0f} MB, after 1,500 keys {rss_after:.0f} MB "
          f"({(rss_after - rss_before) * 1024 / 1500:.1f} KB per key)")
    window.documents.saver.flush()
    window.close()


if __name__ == "__main__":
    main()
