"""Emptying the trash deletes what the question named, nothing more: a piece that reaches the
trash while the writer reads the question (a sync engine carrying another machine's trash) stays."""

from __future__ import annotations

from tests.ui.modal import answering, click_danger


def test_a_piece_trashed_while_the_question_is_open_is_not_deleted(qtbot, make_window, library_dir):  # noqa: ANN001
    (library_dir / "old.md").write_text("# Old idea\n\nSome words.\n", encoding="utf-8")
    window = make_window(library_dir / "old.md")
    window.commands.run("trash")
    qtbot.waitUntil(lambda: len(window.library.library.trashed()) == 1, timeout=5000)
    arrived = library_dir / ".trash" / "from-the-laptop.md"

    def sync_then_confirm(dialog) -> None:  # noqa: ANN001
        arrived.write_text("Words the writer never saw in the question 🌊.\n", encoding="utf-8")
        click_danger(qtbot)(dialog)

    answering(qtbot, [sync_then_confirm], lambda: window.commands.run("empty_trash"))
    assert not (library_dir / ".trash" / "old.md").exists()  # what was named is gone
    assert arrived.read_text(encoding="utf-8") == "Words the writer never saw in the question 🌊.\n"
    assert [item.path for item in window.library.library.trashed()] == [arrived]
