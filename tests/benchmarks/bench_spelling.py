"""Spell check cost: per-key latency and CPU with spell check on vs off, opening a long piece, first underline.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_spelling.py [--sizes 100000,200000]
      [--keys 150] [--gap-ms 100] [--repeat 3]

For each size the script runs spell check off and on, alternating, ``--repeat`` times; each run
opens a fresh copy of a generated book (timed: open + the events it triggers, i.e. the first
screen's check being scheduled), puts the cursor at the end of a paragraph in the middle and
types ``--keys`` characters of prose holding typos ("teh", "wrold") at one key per ``--gap-ms``.
It reports the key latency (deliver press + release, process the events) and the process CPU
per key; the medians of the alternating runs are compared, as bench_panel.py does. Then, with
spell check on: type a misspelled word, stop, and time until its underline is painted.

Budgets (issue 17): per-key CPU and latency within 0.2 ms of spell check off at 100k and 200k
words; opening a 200,000-word piece ≤ 50 ms more than off; first underline ≤ 300 ms after the
last key.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_window import idle, make_window, show, type_at_pace  # noqa: E402
from tests.benchmarks.bench_window import press as press_key  # noqa: E402
from tests.benchmarks.corpus import document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,200000")
    parser.add_argument("--keys", type=int, default=150)
    parser.add_argument("--gap-ms", type=float, default=100.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from PySide6.QtCore import QEventLoop
    from PySide6.QtGui import QTextCharFormat

    app, window, tmp = make_window("quill-bench-spell-")
    show(app, window)
    editor = window.editor
    spelling = window.spelling
    paragraph = ("Morning came slowly over teh harbour, and the boats knocked against the pier. Nobody spoke. "
                 "The gulls had already found the night's catch, circling low and loud above the crates while "
                 "the men hauled rope and argued about the wrold. Was it going to turn? Probably. Anna kept "
                 "her hands in her pockets and watched the light move across the water. ")
    text_keys = ("\n\n" + paragraph) * 20
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline


    def press(char: str) -> None:
        press_key(editor, char)

    def type_run(count: int) -> tuple[list[float], float]:
        start_cpu = time.process_time()
        timings = type_at_pace(text_keys[:count], args.gap_ms, press)
        return timings, (time.process_time() - start_cpu) * 1000 / count

    def underlined_units() -> int:
        block = editor.textCursor().block()
        return sum(r.length for r in block.layout().formats() if r.format.underlineStyle() == wave)

    def first_underline(bursts: int = 8) -> list[float]:
        out = []
        for n in range(bursts):
            for char in f" and a wrold{'x' * n}":
                press(char)
                app.processEvents()
                idle(0.08)
            before = underlined_units()
            last_key = time.perf_counter()
            while underlined_units() == before and time.perf_counter() - last_key < 5:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 2)
            out.append((time.perf_counter() - last_key) * 1000)
            idle(0.3)
        return out

    print(f"{args.keys} keys per run, one key every {args.gap_ms:.0f} ms; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    spelling.checker.load()  # as after the first paint in the app (preload); loading is measured apart below
    results: dict[tuple[int, bool], dict[str, list[float]]] = {}
    for size in sizes:
        text = document(size, seed=5)
        for rep in range(args.repeat):
            for on in (False, True):
                spelling.set_enabled(on, persist=False)
                path = tmp / f"book-{size}-{'on' if on else 'off'}-{rep}.md"
                path.write_text(text, encoding="utf-8")
                started = time.perf_counter()
                window.open_path(path)
                app.processEvents()
                opened = (time.perf_counter() - started) * 1000
                cursor = editor.textCursor()
                cursor.setPosition(editor.document().characterCount() // 2)
                cursor.movePosition(cursor.MoveOperation.EndOfBlock)
                editor.setTextCursor(cursor)
                idle(0.5)
                timings, cpu_per_key = type_run(args.keys)
                row = results.setdefault((size, on), {"open": [], "median": [], "p95": [], "cpu": []})
                row["open"].append(opened)
                row["median"].append(statistics.median(timings))
                row["p95"].append(sorted(timings)[int(0.95 * (len(timings) - 1))])
                row["cpu"].append(cpu_per_key)
                print(f"{size:>7,} words, spell check {'on ' if on else 'off'}: open {opened:.0f} ms, key median "
                      f"{statistics.median(timings):.2f} ms, p95 {row['p95'][-1]:.2f} ms, CPU {cpu_per_key:.2f} "
                      f"ms/key", flush=True)
                if on and rep == 0:
                    fresh = first_underline()
                    print(f"{'':>7}  first underline after the last key: median {statistics.median(fresh):.0f} ms, "
                          f"max {max(fresh):.0f} ms", flush=True)
    print(f"Medians of {args.repeat} alternating runs:")
    for size in sizes:
        off, on = results[(size, False)], results[(size, True)]
        m = {k: (statistics.median(off[k]), statistics.median(on[k])) for k in off}
        print(f"{size:>7,} words: key median {m['median'][0]:.2f} → {m['median'][1]:.2f} ms "
              f"(+{m['median'][1] - m['median'][0]:.2f}), p95 {m['p95'][0]:.2f} → {m['p95'][1]:.2f} ms, "
              f"CPU {m['cpu'][0]:.2f} → {m['cpu'][1]:.2f} ms/key (+{m['cpu'][1] - m['cpu'][0]:.2f}), "
              f"open {m['open'][0]:.0f} → {m['open'][1]:.0f} ms (+{m['open'][1] - m['open'][0]:.0f})", flush=True)

    from quill.spell import SpellChecker, available_dictionaries

    for lang in ("en_US", "en_GB"):
        import quill.spell.checker as checker_module

        checker_module._LOADED.clear()
        started = time.perf_counter()
        SpellChecker(available_dictionaries(None, include_system=False)[lang]).load()
        print(f"loading {lang} (in the worker, after the first paint): {(time.perf_counter() - started) * 1000:.0f} ms")
    window.documents.saver.flush()
    window.close()


if __name__ == "__main__":
    main()
