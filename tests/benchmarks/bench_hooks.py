"""What a Python override on Qt's typing path costs by itself, at a writer's pace (issue 20).

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_hooks.py [--hooks kp,kr,paint,hl,cc,cur]
      [--repeat 5] [--gap-ms 100] [--keys 200]

Types the same keys into a bare ``QPlainTextEdit`` holding a 100,000-word text and into the same
widget with empty Python hooks, alternating, and prints the window thread's CPU per key of each.
The hooks do nothing but hand the call back to Qt: ``kp``/``kr`` override ``keyPressEvent`` /
``keyReleaseEvent``, ``paint`` overrides ``paintEvent``, ``hl`` installs a ``QSyntaxHighlighter``
whose ``highlightBlock`` returns at once, ``cc``/``cur`` connect Python slots to
``contentsChange`` and ``cursorPositionChanged``. Quill's editor has each of them; the
difference between the two figures is the floor any PySide editor with those hooks pays, before
any of its own work. On a virtual machine most of it is waking the code up cold between keys.
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

from tests.benchmarks.bench_window import idle, press, type_at_pace  # noqa: E402
from tests.benchmarks.corpus import document  # noqa: E402

SENTENCES = ("Morning came slowly over the harbour, and the boats knocked against the pier. Nobody spoke. "
             "The gulls had already found the night's catch, circling low and loud above the crates. ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hooks", default="kp,kr,paint,hl,cc,cur")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gap-ms", type=int, default=100)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    hooks = set(args.hooks.split(","))

    from PySide6.QtGui import QSyntaxHighlighter
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive for the run

    class Hooked(QPlainTextEdit):
        pass

    if "kp" in hooks:
        Hooked.keyPressEvent = lambda self, event: QPlainTextEdit.keyPressEvent(self, event)
    if "kr" in hooks:
        Hooked.keyReleaseEvent = lambda self, event: QPlainTextEdit.keyReleaseEvent(self, event)
    if "paint" in hooks:
        Hooked.paintEvent = lambda self, event: QPlainTextEdit.paintEvent(self, event)

    class Highlighter(QSyntaxHighlighter):
        def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
            return

    text = document(args.words, seed=5)
    keys = (SENTENCES * (args.keys // len(SENTENCES) + 1))[:args.keys]

    def run(hooked: bool) -> float:
        editor = (Hooked if hooked else QPlainTextEdit)()
        editor.resize(1000, 700)
        editor.setPlainText(text)
        if hooked:
            if "hl" in hooks:
                editor.highlighter = Highlighter(editor.document())
            if "cc" in hooks:
                editor.document().contentsChange.connect(lambda position, removed, added: None)
            if "cur" in hooks:
                editor.cursorPositionChanged.connect(lambda: None)
        editor.show()
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().characterCount() // 2)
        cursor.movePosition(cursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(cursor)
        editor.insertPlainText("\n\n")
        idle(0.5)
        started = time.thread_time()
        type_at_pace(keys, args.gap_ms, lambda char: press(editor, char))
        per_key = (time.thread_time() - started) * 1000 / args.keys
        editor.close()
        editor.deleteLater()
        idle(0.2)
        return per_key

    figures: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.repeat):
        for hooked in (False, True):
            figures[hooked].append(run(hooked))
    print(f"{args.keys} keys every {args.gap_ms} ms into {args.words:,} words; CPU of the window's thread per key, "
          f"median of {args.repeat} alternating runs (each run)")
    bare, hooked = (statistics.median(figures[k]) for k in (False, True))
    print(f"  bare QPlainTextEdit : {bare:.2f} ms  " + " ".join(f"{x:.2f}" for x in figures[False]))
    print(f"  with {','.join(sorted(hooks)):<14}: {hooked:.2f} ms  " + " ".join(f"{x:.2f}" for x in figures[True])
          + f"  (+{hooked - bare:.2f})")


if __name__ == "__main__":
    main()
