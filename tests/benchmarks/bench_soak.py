"""Eight-hour soak: a writing day's volume of real keystrokes, with the voice panel open, and memory sampled.

Run:  QT_QPA_PLATFORM=offscreen nice -n 10 python tests/benchmarks/bench_soak.py [--keys 100000]
      [--sample-every 5000] [--idle-seconds 180] [--words 20000] [--seed 7]

A real MainWindow (library, sessions, export, the voice panel open) gets real QKeyEvents as fast
as it processes them: sentences typed character by character, words deleted with Ctrl+Backspace,
sentences selected word by word (Ctrl+Shift+Left) and deleted, undo and redo, pastes, Ctrl+S, a click elsewhere in
the text now and then, a switch between two pieces every 10,000 keys for the first half (the
second half stays in one piece, so its undo history covers half the day), a pause of real time
every 2,500 keys so the autosave, journal, panel and session timers all run. An injected clock
moves 8 hours over the run (0.29 s a key at 100,000 keys, plus breaks), so sessions, the panel's
per-minute session line and the library's once-a-minute re-index see a whole day.

Every ``--sample-every`` keys it prints: resident memory (VmRSS), the C heap in use and the memory
malloc holds from the system (glibc ``mallinfo2``: unlike RSS the first drops when memory is freed),
Python's allocated blocks and its gc-tracked objects after a collection,
Qt objects under the window, the editor's edit listeners, the document's undo steps,
and the lengths of the containers that could grow (journal edits since the last save, the
panel's pending edits and chunk cache, the session line's minutes). Then an idle phase: real
minutes with every timer running and nothing typed. Last, the undo history is cleared to
measure what it holds, ``malloc_trim`` shows how much of RSS is memory malloc keeps after it was
freed, and a verdict compares growth over the second half with the first. The budget of issue #20
(RSS at the end ≤ start + text growth + 10 MB) is checked against a bare ``QPlainTextEdit`` app
holding the start text and then the end text, launched at the end of the run. ``--why TYPE,…``
lists where the objects of those types made since the middle are held, and (tracemalloc runs from
the middle on) where they were made; tracemalloc's own memory then counts in the second half's
growth and the budget lines (the script prints how much), so take those figures from a run without it.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.corpus import document, sentence  # noqa: E402
from tests.sessions.helpers import Clocks  # noqa: E402

DAY_S = 8 * 3600.0
MB = 1024 * 1024


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


try:
    _LIBC = ctypes.CDLL("libc.so.6")
    _LIBC.mallinfo2.restype = _MallInfo2
except (OSError, AttributeError):  # not glibc: the heap columns read nan
    _LIBC = None


def heap_in_use() -> float:
    """Bytes malloc has handed out and not had back (small blocks and mmapped ones)."""
    if _LIBC is None:
        return float("nan")
    info = _LIBC.mallinfo2()
    return (info.uordblks + info.hblkhd) / MB


def heap_held() -> float:
    """Bytes malloc holds from the system, in use or free for reuse."""
    if _LIBC is None:
        return float("nan")
    info = _LIBC.mallinfo2()
    return (info.arena + info.hblkhd) / MB


def malloc_trim() -> None:
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:  # noqa: PLR0915 - one scripted day
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=100_000)
    parser.add_argument("--sample-every", type=int, default=5_000)
    parser.add_argument("--idle-seconds", type=float, default=180.0)
    parser.add_argument("--words", type=int, default=20_000, help="words in each of the two pieces at the start")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--why", default="", help="Python types (comma-separated) whose new objects since the "
                                                 "middle are listed with what holds them")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="quill-bench-soak-"))
    os.environ["QUILL_HOME"] = str(tmp / "home")
    os.environ["QUILL_LIBRARY"] = str(tmp / "library")
    library = tmp / "library"
    library.mkdir(parents=True)
    pieces = [library / "Novel chapter.md", library / "Essay draft.md"]
    for number, path in enumerate(pieces):
        path.write_text(document(args.words, seed=11 + number), encoding="utf-8")

    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from quill.paths import app_dirs
    from quill.sessions.store import SessionStore
    from quill.settings import Settings
    from quill.state import AppState
    from quill.ui.shell.app import GUI_SWITCH_INTERVAL_S
    from quill.ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication([])
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)  # as the app does
    from quill.memory import tune_allocator

    tune_allocator()  # as the app does right after its first paint (quill/ui/shell/app.py)
    dirs = app_dirs().ensure()
    clock = Clocks(time.time())  # monotonic and wall time move with the keys, not the CPU
    window = MainWindow(dirs, Settings(), AppState(), library_dir=library, clock=clock.monotonic,
                        sessions_options={"wall": clock.wall})
    window.library.clock = clock.monotonic  # autosave re-indexes once a (virtual) minute, as in a real day
    window.resize(1600, 950)
    window.show()
    app.processEvents()
    window.open_path(pieces[0])
    panel = window.voice_panel
    panel.set_open(True, persist=False, animate=False)
    while panel.data is None:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    # The start sample comes after the one-time loads: the spell checker reads its dictionary a
    # moment after the window opens (21 MB), and counting that as a day's growth would hide the rest.
    from quill.spell import checker as spell_checker

    waited = time.perf_counter()
    while window.settings.spell_check and not spell_checker._LOADED and time.perf_counter() - waited < 60:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    editor = window.editor
    rng = random.Random(args.seed)
    per_key = DAY_S / args.keys * 0.9  # the rest of the day goes to the pauses and breaks
    NONE, CTRL, SHIFT = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier,
                         Qt.KeyboardModifier.ShiftModifier)
    counts = {"keys": 0, "typed": 0, "word_deletes": 0, "cuts": 0, "undos": 0, "redos": 0, "pastes": 0,
              "saves": 0, "switches": 0, "pauses": 0, "clicks": 0}

    def idle(seconds: float) -> None:
        """Let the event loop run (timers, worker results, paints) without burning CPU."""
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def key(code: Qt.Key, text: str = "", modifiers: Qt.KeyboardModifier = NONE) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, code, modifiers, text))
        app.processEvents()  # layout, paint, and every handler and timer the key triggers
        counts["keys"] += 1
        clock.advance(per_key)

    def type_char(char: str) -> None:
        if char == "\n":
            key(Qt.Key.Key_Return, "\r")
        else:
            key(Qt.Key.Key_A, char)
        counts["typed"] += 1

    rows: list[dict] = []
    census: dict[str, Counter] = {}
    qt_census: dict[str, Counter] = {}

    watched = [name for name in args.why.split(",") if name]
    seen_at_middle: set[int] = set()

    def take_census(name: str) -> None:
        gc.collect()
        objects = gc.get_objects()
        census[name] = Counter(type(o).__qualname__ for o in objects)
        qt_census[name] = Counter(type(o).__name__ for o in window.findChildren(QObject))
        if name == "middle":
            seen_at_middle.update(id(o) for o in objects if type(o).__qualname__ in watched)
            if watched:
                tracemalloc.start(8)  # from here on, where each new object was made
        elif watched:  # where the objects of the watched types made since the middle are held, and made
            for kind in watched:
                new = [o for o in objects if type(o).__qualname__ == kind and id(o) not in seen_at_middle]
                sample = new[:200]
                holders, makers = Counter(), Counter()
                for obj in sample:
                    for ref in gc.get_referrers(obj):
                        if ref is not objects and ref is not new and ref is not sample:
                            holders[f"{type(ref).__qualname__} {repr(ref)[:90]!r}"] += 1
                    made = tracemalloc.get_object_traceback(obj)
                    if made is not None:
                        makers[" <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(made))] += 1
                print(f"{kind}: {len(new)} new since the middle, e.g. {[repr(o)[:80] for o in new[:3]]}")
                for holder, count in holders.most_common(6):
                    print(f"    held by {count} x {holder}")
                for maker, count in makers.most_common(4):
                    print(f"    made {count} x at {maker}")
            del objects

    def sample(phase: str) -> dict:
        gc.collect()
        controller = panel._controller
        analyzer = controller._analyzer if controller is not None else None
        journal = window.documents.journal.journal
        row = {
            "phase": phase, "keys": counts["keys"], "hours": (clock.mono - 1000.0) / 3600,
            "rss": rss_mb(), "heap": heap_in_use(), "held": heap_held(), "blocks": sys.getallocatedblocks(),
            "objects": len(gc.get_objects()) - len(rows),  # not counting this script's own rows
            "qobjects": len(window.findChildren(QObject)), "threads": threading.active_count(),
            "edited_rx": len(editor._edit_listeners),
            "chars": editor.document().characterCount(), "undo": editor.document().availableUndoSteps(),
            "journal": len(journal._since_base) if journal is not None else 0,
            "panel_pending": len(controller._pending) if controller is not None else 0,
            "chunks": sum(st is not None for st in analyzer.piece._cst) if analyzer is not None else 0,
            "minutes": len(panel.session.minutes),
        }
        rows.append(row)
        print(f"{row['phase']:<6}{row['keys']:>8,}{row['hours']:>6.1f}{row['rss']:>8.1f}{row['heap']:>8.1f}"
              f"{row['held']:>8.1f}{row['blocks']:>9,}{row['objects']:>9,}{row['qobjects']:>6}{row['threads']:>4}{row['edited_rx']:>4}"
              f"{row['chars']:>9,}{row['undo']:>7,}{row['journal']:>6}{row['panel_pending']:>5}"
              f"{row['chunks']:>7,}{row['minutes']:>5}", flush=True)
        return row

    print(f"Soak: {args.keys:,} keys, two pieces of {args.words:,} words, voice panel open; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"{'phase':<6}{'keys':>8}{'hours':>6}{'RSS MB':>8}{'heap MB':>8}{'held MB':>8}{'pyblocks':>9}"
          f"{'py objs':>9}{'QObjs':>6}{'thr':>4}"
          f"{'rx':>4}{'chars':>9}{'undo':>7}{'jrnl':>6}{'pend':>5}{'chunks':>7}{'min':>5}")
    start_text = editor.raw_text()
    sample("start")
    started = time.perf_counter()
    current = 0
    switched_at = 0  # opening a piece starts a fresh undo history
    next_sample = args.sample_every
    next_pause, next_save, next_switch = 2_500, 1_000, 10_000
    clipboard = app.clipboard()
    while counts["keys"] < args.keys:
        for char in sentence(rng) + " ":
            type_char(char)
        roll = rng.random()
        if roll < 0.30:  # take back the last words
            for _ in range(rng.randint(1, 4)):
                key(Qt.Key.Key_Backspace, "", CTRL)
                counts["word_deletes"] += 1
        elif roll < 0.62:  # select the last sentence word by word, delete it, and write it again
            for _ in range(rng.randint(4, 16)):
                key(Qt.Key.Key_Left, "", CTRL | SHIFT)
            key(Qt.Key.Key_Backspace)
            counts["cuts"] += 1
        elif roll < 0.72:  # undo a few steps, redo some of them
            steps = rng.randint(1, 3)
            for _ in range(steps):
                key(Qt.Key.Key_Z, "", CTRL)
            counts["undos"] += steps
            for _ in range(rng.randint(0, steps)):
                key(Qt.Key.Key_Z, "", CTRL | SHIFT)
                counts["redos"] += 1
        elif roll < 0.76:  # paste a quotation
            clipboard.setText(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))) + " ")
            key(Qt.Key.Key_V, "", CTRL)
            counts["pastes"] += 1
        elif roll < 0.86:  # a new paragraph
            type_char("\n")
            type_char("\n")
        if rng.random() < 0.02:  # a click somewhere else in the piece
            cursor = editor.textCursor()
            block = editor.document().findBlockByNumber(rng.randrange(editor.document().blockCount()))
            cursor.setPosition(block.position() + block.length() - 1)
            editor.setTextCursor(cursor)
            counts["clicks"] += 1
        if counts["keys"] >= next_save:
            next_save += 1_000
            QTest.keyClick(editor, Qt.Key.Key_S, CTRL)  # through the real shortcut
            counts["saves"] += 1
        if counts["keys"] >= next_pause:
            next_pause += 2_500
            breath = 90.0 if counts["pauses"] % 20 else 20 * 60.0  # now and then a break: a new session
            clock.advance(breath)
            idle(1.2)  # real time: autosave (1 s), journal (0.2 s), panel (0.2 s) all fire
            counts["pauses"] += 1
        if counts["keys"] >= next_switch and counts["keys"] < args.keys // 2:
            next_switch += 10_000
            current = 1 - current
            window.open_path(pieces[current])
            counts["switches"] += 1
            switched_at = counts["keys"]
            cursor = editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            editor.setTextCursor(cursor)
        if counts["keys"] >= next_sample:
            next_sample += args.sample_every
            sample("type")
            if "middle" not in census and counts["keys"] >= args.keys // 2:
                take_census("middle")
            if "late" not in census and counts["keys"] >= args.keys * 3 // 4:
                take_census("late")
    typing_s = time.perf_counter() - started
    idle(2.0)
    end_of_typing = sample("type")
    take_census("end")
    idle_rows = [end_of_typing]
    idle_started = time.perf_counter()
    step = max(args.idle_seconds / 6, 1.0)
    while time.perf_counter() - idle_started < args.idle_seconds:
        idle(step)
        clock.advance(step)
        idle_rows.append(sample("idle"))

    def growers(before: Counter, after: Counter) -> str:
        grown = (after - before).most_common(8)
        return ", ".join(f"{name} {count:+,}" for name, count in grown) or "none grew"

    if "middle" in census:
        print(f"Python objects by type, end of typing minus the middle: {growers(census['middle'], census['end'])}")
        if tracemalloc.is_tracing():
            traced_mb = tracemalloc.get_tracemalloc_memory() / 2**20
            print(f"(--why: tracemalloc has run since the middle and holds {traced_mb:.1f} MB of the heap and RSS "
                  "below; take the memory figures from a run without --why)")
        if "late" in census:
            print(f"  of which in the last quarter: {growers(census['late'], census['end'])}")
        print(f"Qt objects under the window by class, end minus the middle: "
              f"{growers(qt_census['middle'], qt_census['end'])}")
    import pyqtgraph

    pixel_cache = pyqtgraph.GraphicsItem._pixelVectorGlobalCache
    print(f"pyqtgraph's pixel-vector cache (a pair of Points per entry): {len(pixel_cache)} entries, "
          f"bounded at {pixel_cache.maxsize}")
    undo_steps = editor.document().availableUndoSteps()
    gc.collect()
    heap_before = heap_in_use()
    editor.document().clearUndoRedoStacks()
    # With undo off, Qt also compacts the document's piece table, which otherwise keeps every
    # character ever typed or pasted into the piece: that is the rest of what undo costs.
    editor.setUndoRedoEnabled(False)
    gc.collect()
    undo_mb = heap_before - heap_in_use()
    editor.setUndoRedoEnabled(True)
    rss_before_trim = rss_mb()
    malloc_trim()
    rss_trimmed = rss_mb()

    window.documents.saver.flush()
    on_disk = pieces[current].read_text(encoding="utf-8")
    assert on_disk == editor.raw_text(), "the piece on disk differs from the editor after the soak"
    store = SessionStore(dirs.data / "sessions.sqlite3") if (dirs.data / "sessions.sqlite3").exists() else None
    sessions = store.sessions() if store is not None else []
    print()
    print("Work done: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items()) +
          f"; {typing_s:.0f} s of real time for the typing ({typing_s * 1000 / counts['keys']:.2f} ms a key)")
    print(f"Sessions recorded: {len(sessions)}; durations "
          f"{', '.join(f'{(s.end - s.start) / 3600:.2f} h' for s in sessions)}")

    typed = [r for r in rows if r["phase"] in ("start", "type")]
    first, last = typed[0], typed[-1]
    middle = min(typed, key=lambda r: abs(r["keys"] - last["keys"] / 2))
    # The first sample after the panel's and the library's one-time loads: where steady state starts.
    warm = typed[1] if len(typed) > 2 else first

    def slope(a: dict, b: dict, field: str) -> float:
        keys = b["keys"] - a["keys"]
        return (b[field] - a[field]) * 10_000 / keys if keys else float("nan")

    undo_keys = max(counts["keys"] - switched_at, 1)  # the keys the open piece's undo history covers
    undo_per_10k = undo_mb * 10_000 / undo_keys
    print(f"RSS: start {first['rss']:.1f} MB, after {warm['keys']:,} keys {warm['rss']:.1f} MB, "
          f"middle ({middle['keys']:,} keys) {middle['rss']:.1f} MB, end {last['rss']:.1f} MB")
    for field, label in (("rss", "RSS MB"), ("heap", "heap MB"), ("held", "malloc held MB"),
                         ("blocks", "Python blocks"), ("objects", "Python objects")):
        print(f"{label:>15} per 10k keys: first half {slope(warm, middle, field):+.2f}, "
              f"second half {slope(middle, last, field):+.2f}")
    idle_minutes = (time.perf_counter() - idle_started) / 60
    print(f"Idle {idle_minutes:.1f} min: RSS {idle_rows[0]['rss']:.1f} -> {idle_rows[-1]['rss']:.1f} MB "
          f"({idle_rows[-1]['rss'] - idle_rows[0]['rss']:+.1f}), heap {idle_rows[0]['heap']:.1f} -> "
          f"{idle_rows[-1]['heap']:.1f} MB, Python objects {idle_rows[-1]['objects'] - idle_rows[0]['objects']:+,}")
    print(f"Undo history: {undo_steps:,} steps held {undo_mb * 1024:.0f} KB of heap "
          f"after {undo_keys:,} keys in this piece ({undo_mb * MB / undo_keys:.0f} bytes a key, "
          f"{undo_per_10k:.2f} MB per 10k keys); "
          "Qt keeps it without limit for the open piece and drops it when the piece is closed")
    print(f"After that, malloc_trim: RSS {rss_before_trim:.1f} -> {rss_trimmed:.1f} MB (memory malloc kept "
          "after it was freed, in the arenas of the GUI, save, journal and panel threads)")
    # The budget (issue #20): RSS at the end within start + text growth + 10 MB, where the text's
    # growth is what it costs the bare QPlainTextEdit app: the same app holding the start text and
    # then the end text, measured now, three times each, alternating. Two readings: as loaded (Qt
    # lays out only the paragraphs on screen) and with every paragraph laid out (typed text has
    # been on screen, and Qt keeps a paragraph's layout once made).
    from tests.benchmarks.bench_memory import bare_resident

    texts = {"start": tmp / "text-at-start.md", "end": tmp / "text-at-end.md"}
    texts["start"].write_text(start_text, encoding="utf-8")
    texts["end"].write_text(editor.raw_text(), encoding="utf-8")
    for lay_out_all, how in ((False, "as loaded"), (True, "every paragraph laid out")):
        bare: dict[str, list[float]] = {"start": [], "end": []}
        for _ in range(3):
            for name, path in texts.items():
                bare[name].append(bare_resident(path, lay_out_all=lay_out_all))
        text_growth = statistics.median(bare["end"]) - statistics.median(bare["start"])
        allowed = first["rss"] + text_growth + 10.0
        print(f"Budget ({how}): RSS at the end {last['rss']:.1f} MB (after malloc_trim {rss_trimmed:.1f}) against "
              f"start {first['rss']:.1f} + text growth {text_growth:+.1f} (bare QPlainTextEdit holding the start text "
              f"{statistics.median(bare['start']):.1f} MB, the end text {statistics.median(bare['end']):.1f} MB: "
              f"{len(start_text):,} → {len(editor.raw_text()):,} characters) + 10 MB = {allowed:.1f} MB: "
              f"{'met' if last['rss'] <= allowed else 'NOT met'}")
    second_heap = slope(middle, last, "heap")
    first_heap = slope(warm, middle, "heap")
    second_objects = slope(middle, last, "objects")
    unexplained = second_heap - undo_per_10k
    bounded = (second_heap <= max(first_heap, 0.0) + 1.0 and unexplained <= 1.0 and second_objects <= 2_000
               and idle_rows[-1]["heap"] - idle_rows[0]["heap"] <= 2.0)
    grew = last["chars"] - middle["chars"]
    if grew > 1000:
        print(f"Second half: the open piece grew {grew:,} characters; heap in use grew "
              f"{(last['heap'] - middle['heap']) * MB / grew:.0f} bytes per character of text (layout, highlighting, "
              "the voice engine's chunks, the word mirrors)")
    print(f"Verdict: {'BOUNDED' if bounded else 'GROWING'} — second-half heap growth {second_heap:+.2f} MB per "
          f"10k keys against {first_heap:+.2f} in the first half; {unexplained:+.2f} MB per 10k keys beyond the "
          f"undo history; Python objects {second_objects:+,.0f} per 10k keys.")
    panel.shutdown()
    window.close()


if __name__ == "__main__":
    main()
