"""Following a renamed piece moves its recovery journal to the new name; when the new journal
cannot be written (a full disk), the old one must stay on disk for recovery, not be removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from quill.storage.journal import Journal, read_journal
from quill.ui.document.journaling import JournalKeeper


def _keeper_with_edits(qtbot, tmp_path: Path) -> tuple[JournalKeeper, Path]:  # noqa: ANN001
    keeper = JournalKeeper(tmp_path / "journal")
    keeper.attach(tmp_path / "old.md", "Base ✍", 1)
    keeper.record(2, 6, 0, " and more", 15)
    keeper.flush_soon()
    keeper.wait()
    old_file = keeper.journal.path
    assert old_file.exists()
    return keeper, old_file


def test_follow_writes_the_new_journal_then_removes_the_old(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    keeper, old_file = _keeper_with_edits(qtbot, tmp_path)
    keeper.follow(tmp_path / "new.md", "Base ✍ and more", 2)
    keeper.wait()
    assert not old_file.exists()
    contents = read_journal(keeper.journal.path)
    assert contents.piece == tmp_path / "new.md" and contents.text == "Base ✍ and more"
    keeper.finish(saved=True)
    keeper.shutdown()


def test_follow_keeps_the_old_journal_when_the_new_one_cannot_be_written(qtbot, tmp_path: Path,  # noqa: ANN001
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    keeper, old_file = _keeper_with_edits(qtbot, tmp_path)
    real_start = Journal.start

    def full_disk(self: Journal, text: str, revision: int) -> None:
        if self.piece.name == "new.md":
            raise OSError(28, "No space left on device")
        real_start(self, text, revision)

    monkeypatch.setattr(Journal, "start", full_disk)
    keeper.follow(tmp_path / "new.md", "Base ✍ and more", 2)
    keeper.wait()
    qtbot.waitUntil(lambda: keeper._reported, timeout=2000)  # the writer is told the journal fails
    assert old_file.exists()
    assert read_journal(old_file).text == "Base ✍ and more"  # the old journal still recovers every word
    keeper.shutdown()
