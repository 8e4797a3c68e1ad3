"""Quill's own folder cannot be made: ``QUILL_HOME`` names a file (a typo in a launcher, a sync tool
that replaced the folder). Before this Quill stopped at start-up with a NotADirectoryError traceback
and no window; now the page opens, says so plainly, journals what is typed in a folder of its own,
and a crash in that state is still recovered at the next start."""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from pathlib import Path

from tests.faults.conftest import start_quill, wait_for_line

TYPED = "Words typed while Quill's folder was a file 🙂 — 日本語."


def test_a_home_that_is_a_file_still_opens_the_page_and_keeps_the_words(tmp_path: Path):
    home = tmp_path / "quill-home-file"
    home.write_text("a file where Quill's folder should be\n", encoding="utf-8")
    library = tmp_path / "writing"
    library.mkdir()
    piece = library / "piece.md"
    piece.write_text("Start.\n", encoding="utf-8")
    feed = tmp_path / "feed.txt"
    feed.write_text(TYPED, encoding="utf-8")
    first = start_quill(home, library, piece, feed, {"QUILL_TEST_TRACE": "1", "QUILL_TEST_FEED_MS": "15"})
    fallback = None
    try:
        said = wait_for_line(first, "said ")
        assert str(home) in said and "Not a directory" in said and "Traceback" not in said
        found = re.search(r"settings in (\S+)\. ", said)
        assert found, said
        fallback = Path(found.group(1))
        assert first.done.wait(60)
        from quill.storage.journal import read_journal

        [journal] = (fallback / "data" / "journal").glob("*.journal")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and read_journal(journal).text != "Start.\n" + TYPED:
            time.sleep(0.05)
        assert read_journal(journal).text == "Start.\n" + TYPED
    finally:
        os.kill(first.proc.pid, signal.SIGKILL)  # a crash before any save
        first.proc.wait(timeout=30)
    try:
        assert home.read_text(encoding="utf-8") == "a file where Quill's folder should be\n"
        again = start_quill(home, library, None, extra_env={"QUILL_BENCH_EXIT_AFTER_PAINT": "1"})
        assert again.proc.wait(timeout=60) == 0
        assert piece.read_text(encoding="utf-8") == "Start.\n" + TYPED
        assert home.read_text(encoding="utf-8") == "a file where Quill's folder should be\n"
    finally:
        if fallback is not None:
            shutil.rmtree(fallback, ignore_errors=True)
