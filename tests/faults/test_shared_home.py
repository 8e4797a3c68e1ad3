"""Two real Quills on two libraries share one home (so one journal folder): the second one's
start-up recovery must leave the first one's live journal alone (issue #21, finding 3)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.faults.conftest import piece_and_feed, start_quill, wait_for_line

TYPED = "Words typed in the first Quill 🙂 while a second one starts — 日本語も。"


def test_a_second_quill_on_another_library_keeps_the_first_ones_journal(tmp_path: Path):
    home = tmp_path / "home"
    first_library, second_library = tmp_path / "lib1", tmp_path / "lib2"
    first_library.mkdir()
    second_library.mkdir()
    piece, feed = piece_and_feed(first_library, "🙂 Start.\n", TYPED)
    # No pause in typing: nothing is saved, so every typed word lives only in the journal.
    first = start_quill(home, first_library, piece, feed, {"QUILL_TEST_FEED_MS": "15"})
    second = None
    try:
        deadline = time.monotonic() + 60
        while first.typed() < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        journals = list((home / "data" / "journal").glob("*.journal"))
        assert journals, "the first Quill has no journal yet"
        second = start_quill(home, second_library, None, extra_env={"QUILL_TEST_TRACE": "1"})
        wait_for_line(second, "ready")
        assert all(j.exists() for j in journals), "the second Quill recovered (removed) a live journal"
        assert first.done.wait(60)
        deadline = time.monotonic() + 10
        from quill.storage.journal import read_journal

        while time.monotonic() < deadline and read_journal(journals[0]).text != "🙂 Start.\n" + TYPED:
            time.sleep(0.05)
        assert read_journal(journals[0]).text == "🙂 Start.\n" + TYPED
    finally:
        os.kill(first.proc.pid, signal.SIGKILL)
        first.proc.wait(timeout=30)
        if second is not None:
            second.proc.kill()
            second.proc.wait(timeout=30)
    restarted = start_quill(home, first_library, None, extra_env={"QUILL_BENCH_EXIT_AFTER_PAINT": "1"})
    restarted.proc.wait(timeout=60)
    assert piece.read_text(encoding="utf-8") == "🙂 Start.\n" + TYPED
