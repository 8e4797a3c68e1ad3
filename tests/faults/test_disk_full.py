"""A full disk: the words stay in the editor and the journal, a banner says so, saving resumes when space returns."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from quill.storage.journal import read_journal
from tests.ui.conftest import make_window  # noqa: F401 - the fixture


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 512 KB tmpfs: a real volume that really fills up (root only; skipped elsewhere)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (65536, 4096, 1):  # to the last byte
            try:
                while True:
                    handle.write(b"\0" * chunk)
            except OSError:
                pass
    return filler


def test_disk_full_keeps_words_and_resumes(make_window, qtbot, small_disk):  # noqa: F811
    piece = small_disk / "essay.md"
    piece.write_text("Before the disk filled.", encoding="utf-8")
    window = make_window(piece)
    window.documents.saver._retry.setInterval(100)
    filler = _fill(small_disk)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Typed on a full disk.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "full" in window.banner.text(), timeout=5000)
    expected = "Before the disk filled. Typed on a full disk."
    assert window.editor.raw_text() == expected
    assert piece.read_text(encoding="utf-8") == "Before the disk filled."  # old file intact, not truncated
    window.documents.journal.flush_soon()
    window.documents.journal.wait()
    assert read_journal(window.documents.journal.journal.path).text == expected  # safe in the journal, on another disk
    filler.unlink()  # space is freed
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == expected, timeout=5000)
    assert not list(small_disk.glob(".essay.md.*.tmp"))  # no half-written temporary file left behind
