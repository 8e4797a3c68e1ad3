"""One Quill per library: a second launch hands over and exits; a dead Quill's lock is taken over."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from tests.faults.conftest import start_quill, wait_for_line

TRACE = {"QUILL_TEST_TRACE": "1"}


def test_second_instance_hands_over_and_exits(tmp_path: Path):
    library = tmp_path / "shelf"
    library.mkdir()
    first_piece, second_piece = library / "first.md", library / "second.md"
    first_piece.write_text("one", encoding="utf-8")
    second_piece.write_text("two", encoding="utf-8")
    first = start_quill(tmp_path / "home", library, first_piece, extra_env=TRACE)
    try:
        wait_for_line(first, "ready")
        second = start_quill(tmp_path / "home2", library, second_piece, extra_env=TRACE)  # another QUILL_HOME
        assert second.proc.wait(timeout=30) == 0
        assert second.done.wait(30)  # the reader thread has taken in all of its output
        assert "already open on this library" in second.proc.stderr.read()
        assert not any(line.startswith("ready") for line in second.lines)
        assert wait_for_line(first, "handover") == f"handover {second_piece}"
    finally:
        first.proc.kill()
        first.proc.wait(timeout=30)


def test_stale_lock_of_a_killed_quill_is_taken_over(tmp_path: Path):
    library = tmp_path / "shelf"
    library.mkdir()
    crashed = start_quill(tmp_path / "home", library, None, extra_env=TRACE)
    wait_for_line(crashed, "ready")
    os.kill(crashed.proc.pid, signal.SIGKILL)
    crashed.proc.wait(timeout=30)
    again = start_quill(tmp_path / "home", library, None, extra_env=TRACE)
    try:
        assert wait_for_line(again, "ready").startswith("ready")
        assert again.proc.poll() is None  # it did not hand over to a dead process and exit
    finally:
        again.proc.kill()
        again.proc.wait(timeout=30)
