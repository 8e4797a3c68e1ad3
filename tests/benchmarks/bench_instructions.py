"""Instructions a key costs, counted by valgrind: the typing figure that does not move with the machine.

Run:  python tests/benchmarks/bench_instructions.py [--words 100000] [--keys 100] [--gap-ms 100] [--long]
      (needs ``valgrind``: ``apt-get install valgrind``; about a minute a run)

CPU per key (``bench_panel.py --reference``) is the budget's figure, but on this shared machine the
same run moves by a third between minutes, and a change worth 0.1 ms a key hides in that. Here each
run types the same keys under callgrind, counting only while it types, and reports instructions
per key on the window's thread (where typing waits) and on every other thread, for:

- ``bare``: a bare ``QPlainTextEdit`` of the same size and font holding the same text (Qt's floor);
- ``closed``: Quill's window, the voice panel closed;
- ``open``: the panel open.

Counts repeat to within a fraction of a percent, so a change's effect can be read from one run.
They are not time: Python's interpreter runs few instructions a cycle on a cold cache, Qt's
drawing many, so Quill's CPU per key is further above the bare app's than its instructions are.
Background work that runs on a clock (the journal's write twice a second, a save) lands per key
in proportion to how long valgrind's slowed run lasts, so compare window-thread figures first.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = ("Morning came slowly over the harbour, and the boats knocked against the pier. Nobody spoke. "
             "The gulls had already found the night's catch, circling low and loud above the crates while "
             "the men hauled rope and argued about the weather. Was it going to turn? Probably. Anna kept "
             "her hands in her pockets (she always did when she was thinking) and watched the light move "
             "across the water. Later she would write it all down: the colour, the noise, the way the cold "
             "got into everything. For now she only looked. Then she went back inside and put the kettle on. ")
WARM_KEYS = 20
LONG_START = 1200


def child(mode: str, words: int, keys: int, gap_ms: float, long: bool) -> None:
    """Inside valgrind: set up, switch counting on, type, switch it off."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.bench_window import idle, make_window, press, show, type_at_pace
    from tests.benchmarks.corpus import document

    app, window, tmp = make_window("quill-bench-instructions-")
    if mode == "open":
        from quill.ui.voice import install_voice_panel

        panel = install_voice_panel(window)
    show(app, window)
    text = document(words, seed=5)
    if long:  # a paragraph ~1,200 characters (about eleven lines) long in the middle, to type on
        middle = text.index("\n\n", len(text) // 2)
        text = text[:middle] + "\n\n" + (PARAGRAPH * 3)[:LONG_START - WARM_KEYS] + text[middle:]
    if mode == "bare":
        from PySide6.QtWidgets import QPlainTextEdit

        window.hide()
        editor = QPlainTextEdit()
        editor.setFont(window.editor.font())
        editor.resize(window.editor.viewport().size())
        editor.show()
        editor.setPlainText(text)
        editor.activateWindow()
        editor.setFocus()  # as a real bare editor has: the input method asks it about every key
    else:
        path = tmp / "piece.md"
        path.write_text(text, encoding="utf-8")
        window.open_path(path)
        editor = window.editor
    cursor = editor.textCursor()
    if long:
        cursor.setPosition(editor.document().find((PARAGRAPH * 3)[:LONG_START - WARM_KEYS]).selectionEnd())
    else:
        cursor.setPosition(editor.document().characterCount() // 2)
        cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    idle(1.0)
    if mode == "open":
        panel.set_open(True, persist=False, animate=False)
        idle(2.0)
    typed = (PARAGRAPH * 3)[LONG_START - WARM_KEYS:] if long else ("\n\n" + PARAGRAPH) * 20
    type_at_pace(typed[:WARM_KEYS], gap_ms, lambda char: press(editor, char))
    idle(1.0)

    def control(switch: str) -> None:
        process = subprocess.Popen(["callgrind_control", "-i", switch, str(os.getpid())],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None:  # valgrind answers between the loop's turns
            idle(0.2)

    control("on")
    type_at_pace(typed[WARM_KEYS:WARM_KEYS + keys], gap_ms, lambda char: press(editor, char))
    control("off")
    os._exit(0)  # no teardown under valgrind: minutes, and nothing counted


def run(mode: str, args: argparse.Namespace, folder: Path) -> tuple[int, int]:
    """Instructions on the window's thread and on all others, for one mode."""
    out = folder / f"{mode}.out"
    command = ["valgrind", "--tool=callgrind", "--separate-threads=yes", "--instr-atstart=no",
               f"--callgrind-out-file={out}.%p", sys.executable, __file__, "--child", mode,
               "--words", str(args.words), "--keys", str(args.keys), "--gap-ms", str(args.gap_ms)] \
        + (["--long"] if args.long else [])
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    window_thread = others = 0
    for part in folder.glob(f"{mode}.out.*-*"):
        match = re.search(r"^totals: (\d+)", part.read_text(errors="replace"), re.MULTILINE)
        count = int(match.group(1)) if match else 0
        if part.name.endswith("-01"):  # thread 1: the one Python and Qt started on
            window_thread += count
        else:
            others += count
    return window_thread, others


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--gap-ms", type=float, default=100)
    parser.add_argument("--modes", default="bare,closed,open")
    parser.add_argument("--long", action="store_true",
                        help="type on at the end of a paragraph ~1,200 characters long, not a new one")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.words, args.keys, args.gap_ms, args.long)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    print(f"{args.keys} keys at {args.gap_ms:.0f} ms into {args.words:,} words; instructions per key "
          "(thousands), counted by callgrind while typing")
    floor = None
    with tempfile.TemporaryDirectory(prefix="quill-callgrind-") as folder:
        for mode in args.modes.split(","):
            window_thread, others = run(mode, args, Path(folder))
            per_key, others_per_key = window_thread / args.keys / 1000, others / args.keys / 1000
            if mode == "bare":
                floor = per_key
            versus = f"  (×{per_key / floor:.2f} the bare editor's)" if floor and mode != "bare" else ""
            print(f"  {mode:>6}: window thread {per_key:7.0f}k, other threads {others_per_key:6.0f}k{versus}",
                  flush=True)


if __name__ == "__main__":
    main()
