"""Benchmark the history on a generated ten-year history: 3,000 sessions over 500 pieces (not collected by pytest).

Run: ``python tests/benchmarks/bench_history.py [--sessions 3000] [--pieces 500] [--screenshot out.png]``.
Everything goes into a temporary QUILL_HOME and library. Prints the time of ``quill stats``
(in-process and as a real subprocess, --json and the table) and of opening the history view
in a real window (pyqtgraph import, first open to first paint, re-open). Budget (issue 6): ≤ 500 ms.
The voice timeline of finished pieces is measured on a background thread and reported separately.

``--screenshot`` shows the window on the current display (e.g. ``DISPLAY=:99``) and keeps it open
for ``import -window root`` (it prints ``READY`` and waits for Enter on stdin).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

_WORD_TEXT = ("the rain light house river morning letter window road quiet stone garden voice hand evening winter "
         "small old long slow cold bright dark open still warm green walked waited carried found kept left "
         "turned said knew thought and but then because while when after before under over through into "
         "across her his their our my a an of to in on with from at by")
WORDS = _WORD_TEXT.split()


def prose(rng: np.random.Generator, sentences: int, spread: float) -> str:
    """Sentences whose lengths vary more as ``spread`` grows (so the voice timeline has a trend)."""
    out = []
    for _ in range(sentences):
        n = max(1, int(rng.normal(14, 3 + 9 * spread)))
        words = [WORDS[i] for i in rng.integers(0, len(WORDS), n)]
        words[0] = words[0].capitalize()
        mark = rng.choice([".", ".", ".", "?", "!", "…"]) if spread > 0.3 else "."
        sentence = " ".join(words)
        if n > 8 and rng.random() < 0.3 + 0.4 * spread:
            cut = int(rng.integers(3, n - 2))
            sentence = " ".join(words[:cut]) + rng.choice([", ", " — ", "; "]) + " ".join(words[cut:])
        out.append(sentence + mark)
    paragraphs = [" ".join(out[i:i + 5]) for i in range(0, len(out), 5)]
    return "\n\n".join(paragraphs) + "\n"


def generate(home: Path, library: Path, sessions: int = 3000, pieces: int = 500, seed: int = 6) -> None:
    """Ten years of sessions ending today, spread over ``pieces`` pieces; most pieces finished."""
    from quill.paths import app_dirs
    from quill.sessions.goals import Goal, GoalSettings
    from quill.sessions.store import FILE_NAME, SessionStore

    rng = np.random.default_rng(seed)
    os.environ["QUILL_HOME"] = str(home)
    os.environ["QUILL_LIBRARY"] = str(library)
    dirs = app_dirs().ensure()
    library.mkdir(parents=True, exist_ok=True)
    store = SessionStore(dirs.data / FILE_NAME)
    GoalSettings(Goal("words", 500), 4).save(store)
    now = time.time()
    first = now - 10 * 365.25 * 86400
    offset = int(time.localtime(now).tm_gmtoff)
    # Session start times: denser in later years (the writer writes more), at plausible hours.
    u = np.sort(rng.random(sessions) ** 0.8)
    day_starts = first + u * (now - first - 86400)
    day_starts = day_starts - (day_starts + offset) % 86400
    hours = rng.choice([6.5, 7, 7.5, 9, 13, 20, 21, 22, 23.5], sessions)
    starts = np.sort(day_starts + hours * 3600 + rng.integers(0, 1800, sessions))
    piece_of = np.minimum((np.arange(sessions) * pieces) // sessions + rng.integers(-2, 3, sessions), pieces - 1)
    piece_of = np.maximum(piece_of, 0)
    srows, prows = [], []
    last_day: dict[int, float] = {}
    first_day: dict[int, float] = {}
    for i in range(sessions):
        start = float(starts[i])
        progress = (start - first) / (now - first)
        active = float(rng.uniform(15, 95)) * 60
        rate = rng.normal(600 + 450 * progress, 120)
        typed = max(int(rate * active / 3600), 20)
        deleted = int(typed * rng.uniform(0.05, 0.25))
        pasted = int(rng.random() < 0.1) * int(rng.integers(20, 200))
        end = start + active * rng.uniform(1.05, 1.4)
        tally = (typed, deleted, pasted, typed * 5, deleted * 5, pasted * 5)
        srows.append((i + 1, start, end, offset, active, *tally))
        p = int(piece_of[i])
        path = str(library / f"piece-{p:03d}.md")
        prows.append((i + 1, path, f"Piece {p + 1}", start, end, active, *tally))
        first_day.setdefault(p, start)
        last_day[p] = start
    store.insert_many(srows, prows)
    store.close()
    for p in range(pieces):
        path = library / f"piece-{p:03d}.md"
        created = _dt.date.fromtimestamp(first_day.get(p, now))
        finished_at = last_day.get(p, now) + float(rng.uniform(1, 20)) * 86400
        done = p < pieces - 12 and finished_at < now and rng.random() < 0.8
        head = f"---\ntitle: Piece {p + 1}\ncreated: {created.isoformat()}\n"
        if done:
            head += f"status: finished\nfinished: {_dt.date.fromtimestamp(finished_at).isoformat()}\n"
        progress = (first_day.get(p, now) - first) / (now - first)
        path.write_text(head + "---\n\n" + prose(rng, int(rng.integers(15, 40)), progress), encoding="utf-8")


def time_stats() -> dict[str, float]:
    from quill.sessions.cli import main

    figures = {}
    for args in (["stats", "--json"], ["stats", "--by", "week"], ["stats", "--by", "day", "--json"]):
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            with redirect_stdout(io.StringIO()):
                main(args)
            runs.append(time.perf_counter() - t0)
        figures["in-process quill " + " ".join(args)] = statistics.median(runs)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "quill", "stats", "--json"], check=True, capture_output=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
        runs.append(time.perf_counter() - t0)
    figures["subprocess quill stats --json (whole process)"] = statistics.median(runs)
    return figures


def time_view(screenshot: bool) -> dict[str, float]:
    if not screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from quill.paths import app_dirs
    from quill.settings import load_settings
    from quill.state import load_state
    from quill.ui.sessions.controller import install_sessions
    from quill.ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication([])
    dirs = app_dirs().ensure()
    settings = load_settings(dirs.settings_file).settings
    settings.theme = "light"
    window = MainWindow(dirs, settings, load_state(dirs.state_file), library_dir=Path(os.environ["QUILL_LIBRARY"]))
    window.new_piece()
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    controller = install_sessions(window)
    figures = {}
    t0 = time.perf_counter()
    import quill.ui.sessions.history_view  # noqa: F401

    figures["import pyqtgraph + history view module"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    view = controller.open_history()
    view.repaint()
    app.processEvents()
    first_open = figures["first open of the history view (build + refresh + first paint)"] = time.perf_counter() - t0
    figures["cold total (import + first open)"] = figures["import pyqtgraph + history view module"] + first_open
    controller.close_history()
    app.processEvents()
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        controller.open_history()
        view.repaint()
        app.processEvents()
        runs.append(time.perf_counter() - t0)
        controller.close_history()
        app.processEvents()
    figures["re-open (median of 5)"] = statistics.median(runs)
    t0 = time.perf_counter()
    controller.open_history()
    while not view.voice_ready():
        app.processEvents()
        time.sleep(0.01)
    figures["voice timeline ready (background, first time, no cache)"] = time.perf_counter() - t0
    view.refresh()
    t0 = time.perf_counter()
    while not view.voice_ready():
        app.processEvents()
        time.sleep(0.01)
    figures["voice timeline ready (cached)"] = time.perf_counter() - t0
    if screenshot:
        view.scroll.verticalScrollBar().setValue(0)
        window.showFullScreen()
        for _ in range(30):
            app.processEvents()
            time.sleep(0.02)
        print("READY", flush=True)
        sys.stdin.readline()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=3000)
    parser.add_argument("--pieces", type=int, default=500)
    parser.add_argument("--screenshot", action="store_true", help="keep the window shown until Enter")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        generate(Path(tmp) / "home", Path(tmp) / "library", args.sessions, args.pieces)
        print(f"generated {args.sessions:,} sessions over {args.pieces} pieces (ten years) in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
        figures = {} if args.screenshot else time_stats()
        figures.update(time_view(args.screenshot))
        for name, seconds in figures.items():
            print(f"{seconds * 1000:8.0f} ms  {name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
