"""Where a keystroke's Python goes, in a figure that does not move between runs (issue #20).

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/trace_typing.py [--words 100000] [--keys 100]
      [--warm 20] [--open] [--top 30]

CPU time per key moves by a third between identical runs on a shared machine, so a change worth
0.05 ms cannot be seen in it. This script types the same keys as ``bench_panel.py`` (new
paragraphs of sentences, one key every 100 ms, in the middle of a generated book) into a real
window and counts, on the window's thread, the Python bytecode instructions executed per key in
each function (``sys.settrace`` with opcode events; the first ``--warm`` keys, which start the
journal and the session, are typed before counting). It prints the total per key and the
functions that execute most. The same keys give the same counts run after run, so a change that
removes Python from the typing path shows as a smaller number even when the clock cannot tell.

Counting slows typing many times over: the figures are instructions, never times. Qt's own
work is not counted at all; for the split between Qt, Python and Shiboken run the same
typing under ``valgrind --tool=callgrind`` (docs/PERFORMANCE.md, "Typing, tenth round").
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_window import idle, make_window, show  # noqa: E402
from tests.benchmarks.corpus import document  # noqa: E402

PARAGRAPH = ("Morning came slowly over the harbour, and the boats knocked against the pier. Nobody spoke. "
             "The gulls had already found the night's catch, circling low and loud above the crates while "
             "the men hauled rope and argued about the weather. Was it going to turn? Probably. Anna kept ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--open", action="store_true", help="with the voice panel open")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from quill.ui.voice import install_voice_panel

    app, window, tmp = make_window("quill-trace-typing-")
    panel = install_voice_panel(window)
    show(app, window)
    editor = window.editor


    path = tmp / "book.md"
    path.write_text(document(args.words, seed=5), encoding="utf-8")
    window.open_path(path)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    idle(3.0)  # spell check's dictionary and the first index scan are done by then
    if args.open:
        panel.set_open(True, persist=False, animate=False)
        while panel.data is None:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        idle(0.5)

    opcodes: collections.Counter[tuple[str, str, int]] = collections.Counter()

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202, ARG001 - sys.settrace's signature
        if event == "call":
            frame.f_trace_opcodes = True
        elif event == "opcode":
            code = frame.f_code
            opcodes[(code.co_filename, code.co_name, code.co_firstlineno)] += 1
        return tracer

    # The keys are pressed from this file, every name looked up before counting starts:
    # bench_window.press imports its modules and reads Qt's enums on each call, ~330 bytecodes a
    # key of PySide's import hook and enum lookups that earlier rounds counted as Quill's.
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key_a, key_return, no_modifier = Qt.Key.Key_A, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier
    kinds = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
    send = QApplication.sendEvent

    def press(widget, char: str) -> None:  # noqa: ANN001
        key, text = (key_return, "\r") if char == "\n" else (key_a, char)
        for kind in kinds:
            send(widget, QKeyEvent(kind, key, no_modifier, text))

    keys = iter(("\n\n" + PARAGRAPH) * 40)
    typed = [0]
    loop = QEventLoop()
    timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=100)

    def tick() -> None:
        if typed[0] == args.warm:
            sys.settrace(tracer)
        if typed[0] == args.warm + args.keys:
            sys.settrace(None)
            timer.stop()
            loop.quit()
            return
        press(editor, next(keys))
        app.processEvents()
        typed[0] += 1

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    sys.settrace(None)

    own = {key: count for key, count in opcodes.items() if Path(key[0]).resolve() != Path(__file__).resolve()}
    total = sum(own.values())
    print(f"{args.words:,} words, panel {'open' if args.open else 'closed'}, {args.keys} keys after {args.warm}: "
          f"{total / args.keys:,.0f} Python instructions a key on the window's thread "
          f"(this script's own {(sum(opcodes.values()) - total) / args.keys:,.0f} left out)")
    root = str(Path(__file__).resolve().parents[2]) + os.sep
    for (filename, name, line), count in collections.Counter(own).most_common(args.top):
        print(f"  {count / args.keys:8.1f}  {filename.replace(root, '')}:{line} {name}")
    window.documents.saver.flush()
    panel.shutdown()
    window.close()


if __name__ == "__main__":
    main()
