"""Kill a real Quill at random moments while it types and saves; restart; nothing typed is lost.

Each run types through real key events (``QUILL_TEST_FEED``) into a piece, with pauses that
trigger autosaves, and is SIGKILLed at a random moment — while typing, while journaling,
while saving a 1 MB piece. Then Quill's start-up recovery runs (a real restarted process
every fifth time, the same recovery code in-process otherwise). Checked every time:

* the recovered piece holds everything typed up to at least one second before the kill;
* the piece on disk is never truncated or mixed: it is always the start text plus a prefix
  of what was typed.
"""

from __future__ import annotations

import os
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from quill.storage.recovery import recover_journals
from tests.faults.conftest import start_quill

RUNS = 50
TYPED_PLAIN = "The walk home took longer than I meant. Streetlights, dogs, a radio somewhere — then the page."
# Characters beyond U+FFFF and CJK, typed below an emoji: Qt counts them in UTF-16 units, Python in
# code points, and mixing the two once corrupted every recovery after such a line (issue #21).
TYPED_WIDE = "Surf 🌊 then 𝑥 — 日本語の文章を書く。Emoji 🙂 again, and 𠀀 last."


def _one_run(index: int, root: Path) -> tuple[int, int, int]:
    """Returns (chars typed, chars on disk at the kill, chars after recovery)."""
    rng = random.Random(index)
    home, library = root / f"home{index}", root / f"lib{index}"
    library.mkdir(parents=True)
    big = index % 2 == 0  # a 1 MB piece makes each save long enough to be killed in the middle of
    wide = index % 4 in (1, 2)
    TYPED = TYPED_WIDE if wide else TYPED_PLAIN  # noqa: N806 - the run's text
    opening = "🙂 Notes 中文\n\n" if wide else ""
    start_text = opening + (("Filler paragraph for a long piece. " * 30 + "\n\n") * 1000 if big else "Start.\n")
    piece = library / "piece.md"
    piece.write_text(start_text, encoding="utf-8")
    feed = root / f"feed{index}.txt"
    feed.write_text(TYPED, encoding="utf-8")
    quill = start_quill(home, library, piece, feed, {
        "QUILL_TEST_FEED_MS": "8", "QUILL_TEST_FEED_PAUSE_EVERY": str(rng.choice([25, 40])),
        "QUILL_TEST_FEED_PAUSE_MS": str(rng.choice([1050, 1150, 1300])),
    })
    kill_after = rng.randint(1, len(TYPED))
    deadline = time.monotonic() + 60
    while quill.typed() < kill_after and not quill.done.is_set() and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(rng.uniform(0, 0.4))  # sometimes mid-keystroke, sometimes mid-pause (mid-save)
    killed_at = time.monotonic()
    os.kill(quill.proc.pid, signal.SIGKILL)
    quill.proc.wait(timeout=30)
    assert quill.done.wait(30)  # the reader thread has drained the pipe (it ends with the process)
    typed_total = quill.typed()
    must_have = quill.typed_before(killed_at - 1.0)

    on_disk = piece.read_text(encoding="utf-8")
    assert on_disk.startswith(start_text) and TYPED.startswith(on_disk[len(start_text):]), \
        f"run {index}: the piece on disk is truncated or mixed"

    if index % 5 == 0:  # a real restart: Quill recovers at start-up, then exits after its first paint
        restarted = start_quill(home, library, None, extra_env={"QUILL_BENCH_EXIT_AFTER_PAINT": "1"})
        restarted.proc.wait(timeout=60)
        assert restarted.proc.returncode == 0, restarted.proc.stderr.read() if restarted.proc.stderr else ""
    else:
        recover_journals(home / "data" / "journal", library)
    recovered = piece.read_text(encoding="utf-8")
    assert recovered.startswith(start_text), f"run {index}: start text damaged"
    got = recovered[len(start_text):]
    assert TYPED.startswith(got), f"run {index}: recovered text is not what was typed: {got!r}"
    assert must_have <= len(got) <= typed_total, (
        f"run {index}: recovered {len(got)} chars; typed {typed_total}, {must_have} of them over 1 s before the kill")
    assert not list(library.glob("*(recovered*")), f"run {index}: unexpected conflict copy"
    return typed_total, len(on_disk) - len(start_text), len(got)


def test_kill_at_random_moments_loses_nothing(tmp_path: Path):
    with ThreadPoolExecutor(max_workers=2) as pool:  # two at a time: a 2-core machine
        results = list(pool.map(lambda i: _one_run(i, tmp_path), range(RUNS)))
    assert len(results) == RUNS
    needed_journal = sum(1 for typed, saved, recovered in results if recovered > saved)
    print(f"\n{RUNS} kills: the journal brought back unsaved words in {needed_journal} of them; "
          f"characters typed but not recovered, over all runs: {sum(t - r for t, s, r in results)}, "
          f"at most {max(t - r for t, s, r in results)} in one run (keys were 8 ms apart)")
    assert needed_journal >= 10, "too few kills happened between saves to exercise the journal"
