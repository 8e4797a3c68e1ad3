"""A real Quill process killed with SIGKILL mid-session keeps its statistics up to the last flush."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, QuillProcess, start_quill

FLUSH_MS = 250

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def start(home: Path, library: Path, piece: Path, feed: Path) -> QuillProcess:
    return start_quill(home, library, piece, feed, {"QUILL_SESSION_FLUSH_MS": str(FLUSH_MS)})


def wait_until(condition, timeout: float = 30.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def recorded(db: Path) -> list[tuple[int, int]]:
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)
        try:
            return conn.execute("SELECT id, words_added FROM sessions ORDER BY id").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def test_sigkill_mid_session_keeps_statistics_up_to_the_last_flush(tmp_path):
    home, library = tmp_path / "kill-home", tmp_path / "kill-library"
    library.mkdir()
    piece = library / "killed.md"
    feed = tmp_path / "feed.txt"
    text = "word " * 200  # 200 words, about 12 s at 12 ms a key
    feed.write_text(text, encoding="utf-8")
    db = home / "data" / "sessions.sqlite3"
    running = start(home, library, piece, feed)
    try:
        wait_until(lambda: running.typed() >= 400 or running.proc.poll() is not None)
        assert running.proc.poll() is None, running.proc.stderr.read() if running.proc.stderr else ""
        os.kill(running.proc.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        running.proc.wait(timeout=10)
    finally:
        if running.proc.poll() is None:
            running.proc.kill()
    typed_chars = running.typed()
    # Everything typed more than a flush interval (plus generous scheduling slack) before the kill was written.
    safe_chars = running.typed_before(killed_at - FLUSH_MS / 1000 - 1.0)
    rows = recorded(db)
    assert len(rows) == 1
    words = rows[0][1]
    assert safe_chars // 5 <= words <= typed_chars // 5 + 1, (safe_chars, words, typed_chars)
    assert words >= 40

    # Restart: the database opens cleanly (not set aside) and a new session joins the old one.
    feed.write_text("\nagain and again ", encoding="utf-8")
    again = start(home, library, piece, feed)
    try:
        wait_until(lambda: len(recorded(db)) == 2 and recorded(db)[1][1] == 3)
    finally:
        again.proc.kill()
        again.proc.wait(timeout=10)
    assert recorded(db)[0] == rows[0]
    assert not any(".damaged-" in p.name for p in db.parent.iterdir())
    stats = subprocess.run([sys.executable, "-m", "quill", "stats", "--json"], capture_output=True, text=True,
                           env=dict(os.environ, QUILL_HOME=str(home), PYTHONPATH=str(ROOT)), cwd=ROOT, timeout=60)
    assert f'"words_added": {words + 3}' in stats.stdout
