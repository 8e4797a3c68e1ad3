"""A recovery journal that cannot be written is reported once, not on every keystroke; once it
writes again and then fails again, the writer is told again. A success after a success reaches
the window's thread not at all (it woke it twice a second while the writer typed, for nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from quill.storage.journal import Journal
from quill.ui.document.journaling import JournalKeeper


def test_a_failing_journal_is_told_once_then_again_after_it_recovered(qtbot, tmp_path: Path,  # noqa: ANN001
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    keeper = JournalKeeper(tmp_path / "journal")
    told: list[str] = []
    keeper.failed.connect(told.append)
    reached: list[object] = []
    keeper._done.connect(reached.append)  # what reaches the window's thread
    keeper.attach(tmp_path / "piece.md", "Base", 1)
    keeper.wait()
    real_flush = Journal.flush
    full = {"disk": False}

    def flush(self: Journal) -> None:
        if full["disk"]:
            raise OSError(28, "No space left on device")
        real_flush(self)

    monkeypatch.setattr(Journal, "flush", flush)
    revision = 1

    def type_and_flush() -> None:
        nonlocal revision
        revision += 1
        keeper.record(revision, 4, 0, "x", 4 + revision)
        keeper.flush_soon()
        keeper.wait()

    QApplication.processEvents()
    settled = len(reached)
    for _ in range(3):
        type_and_flush()  # writes: nothing for the window's thread
    QApplication.processEvents()  # (the worker's reports so far, delivered)
    assert len(reached) == settled

    full["disk"] = True
    for _ in range(3):
        type_and_flush()
    qtbot.waitUntil(lambda: len(told) == 1, timeout=2000)
    full["disk"] = False
    type_and_flush()  # the first write after the failures: the window hears of it, to tell again later
    qtbot.waitUntil(lambda: not keeper._reported, timeout=2000)
    full["disk"] = True
    type_and_flush()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=2000)
    assert all("cannot write its recovery journal" in message for message in told)
    full["disk"] = False
    keeper.finish(saved=True)
    keeper.shutdown()
