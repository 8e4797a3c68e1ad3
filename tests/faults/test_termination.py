"""A logout, a shutdown or ``kill`` ends Quill as its own quit does: the piece saved to its file.

Killed by SIGTERM's default action, the words were safe in the journal, but the file itself, which
a sync tool carries to the writer's other machine, kept the text of the last autosave until Quill
next opened on this machine. Each signal is sent right after the last key, before any autosave."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.faults.conftest import piece_and_feed, start_quill, wait_for_line

TYPED = " The last words, typed just before the machine went down."


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_termination_signal_saves_the_piece_and_quits_cleanly(tmp_path: Path, name: str) -> None:
    home, library = tmp_path / "quill-home", tmp_path / "lib"
    library.mkdir()
    piece, feed = piece_and_feed(library, "# Notes\n\nFirst line.", TYPED)
    quill = start_quill(home, library, piece, feed, {"QUILL_TEST_FEED_MS": "4"})
    assert quill.done.wait(60), quill.lines
    wait_for_line(quill, "fed done")
    assert TYPED not in piece.read_text(encoding="utf-8")  # not saved yet: only the quit can have saved it
    os.kill(quill.proc.pid, getattr(signal, name))
    quill.proc.wait(timeout=30)
    stderr = quill.proc.stderr.read() if quill.proc.stderr else ""
    assert quill.proc.returncode == 0, (quill.proc.returncode, stderr[-2000:])
    assert piece.read_text(encoding="utf-8") == "# Notes\n\nFirst line." + TYPED
    journals = home / "data" / "journal"
    assert not journals.exists() or not [p for p in journals.rglob("*") if p.is_file()], \
        "a clean quit leaves nothing to recover"
    assert "Traceback" not in stderr
