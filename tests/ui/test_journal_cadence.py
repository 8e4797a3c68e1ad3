"""The recovery journal writes at most twice a second however the writer types, and every edit is
on disk within half a second of being made.

It used to write 200 ms after each pause as well: a writer typing four keys a second pauses
250 ms between keys, so the journal wrote and fsynced on every key (and woke two threads for
it), where a fast typist's keys were written twice a second."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer

from quill.storage.journal import Journal, read_journal
from quill.ui.document.journaling import MAX_WAIT_MS, JournalKeeper


def test_keys_a_quarter_second_apart_are_written_in_half_second_batches(qtbot, tmp_path: Path,  # noqa: ANN001
                                                                        monkeypatch) -> None:  # noqa: ANN001
    keeper = JournalKeeper(tmp_path / "journal")
    keeper.attach(tmp_path / "piece.md", "", 1)
    keeper.wait()
    writes: list[int] = []  # how many edits each write put on disk
    real_flush = Journal.flush

    def flush(self: Journal) -> None:
        writes.append(len(self._pending))
        real_flush(self)

    monkeypatch.setattr(Journal, "flush", flush)
    clock = QElapsedTimer()
    clock.start()
    typed_at: list[int] = []
    for index in range(12):  # three seconds of keys, each a quarter second after the last
        if index:
            due = typed_at[-1] + 250
            qtbot.waitUntil(lambda due=due: clock.elapsed() >= due, timeout=2000)
        typed_at.append(clock.elapsed())
        keeper.record(index + 2, index, 0, "x", index + 1)
        # No edit waits more than half a second to be written (a little slack for the event loop).
        oldest = typed_at[sum(writes)] if sum(writes) < len(typed_at) else None
        assert oldest is None or clock.elapsed() - oldest <= MAX_WAIT_MS + 150
    qtbot.waitUntil(lambda: sum(writes) == 12, timeout=2000)
    keeper.wait()
    assert len(writes) <= 8, writes  # was one write for each key
    assert max(writes) >= 2  # keys were written together
    contents = read_journal(keeper.journal.path)
    assert (contents.text, contents.edits) == ("x" * 12, 12)
    keeper.shutdown()
