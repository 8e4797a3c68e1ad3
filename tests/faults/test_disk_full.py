"""A full disk: the words stay in the editor and the journal, a banner says so, saving resumes when space returns."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from quill.storage.journal import read_journal
from tests.ui.conftest import make_window  # noqa: F401 - the fixture


class _TmpfsDisk:
    """A 512 KB tmpfs: a real volume that really fills up (needs root and mount)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler: Path | None = None

    def fill(self) -> None:
        self.filler = _fill(self.folder)

    def free(self) -> None:
        if self.filler is not None:
            self.filler.unlink()


class _InjectedDisk:
    """A folder whose writes fail with ENOSPC while "full", injected at the file-system calls
    (write and fsync of files in that folder), so the test runs for every user, root or not."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import errno

        import quill.storage.atomic as atomic

        self.folder = folder
        self.full = False
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if self.full and _path_of(fd).startswith(str(folder)):
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(fd)

        monkeypatch.setattr(atomic.os, "fsync", fsync)

    def fill(self) -> None:
        self.full = True

    def free(self) -> None:
        self.full = False


def _path_of(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


@pytest.fixture(params=["injected", "tmpfs"])
def full_disk(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if request.param == "injected":
        if not Path("/proc/self/fd").is_dir():
            pytest.skip("needs /proc to tell which file an fsync is for (Linux)")
        yield _InjectedDisk(folder, monkeypatch)
        return
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the injected variant of this test ran instead")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield _TmpfsDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


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


def test_disk_full_keeps_words_and_resumes(make_window, qtbot, full_disk):  # noqa: F811
    piece = full_disk.folder / "essay.md"
    piece.write_text("Before the disk filled.", encoding="utf-8")
    window = make_window(piece)
    window.documents.saver._retry.setInterval(100)
    full_disk.fill()
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
    full_disk.free()  # space is freed
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == expected, timeout=5000)
    assert not list(full_disk.folder.glob(".quill-*.tmp"))  # no half-written temporary file left behind
