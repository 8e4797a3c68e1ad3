"""Notices leave: info fades after its reading time, warnings stay, a notice about a state
is taken back when the state changes."""

from __future__ import annotations

from quill.ui.shell.banner import reading_time_ms


def test_an_info_notice_fades_and_a_warning_stays(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.banner.show_message("Reopened as a draft.")
    assert window.banner.text() == "Reopened as a draft."
    qtbot.waitUntil(lambda: window.banner.text() == "", timeout=reading_time_ms("Reopened as a draft.") + 2000)
    window.banner.show_message("Quill cannot write to the disk.", "warning")
    assert window.banner.text() == "Quill cannot write to the disk."
    assert not window.banner.fade.isActive()  # nothing will take a warning away but the writer


def test_a_fading_notice_never_takes_a_later_warning_with_it(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.banner.show_message("Saved.")
    assert window.banner.fade.isActive()
    window.banner.show_message("The disk is full.", "warning")
    assert not window.banner.fade.isActive()
    assert window.banner.text() == "The disk is full."


def test_the_trash_notice_is_taken_back_after_a_restore(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    (library_dir / "idea.md").write_text("An idea.\n", encoding="utf-8")
    window = make_window(library_dir / "idea.md")
    window.commands.run("trash")
    qtbot.waitUntil(lambda: "is in the trash" in window.banner.text(), timeout=3000)
    (item,) = window.library.library.trashed()
    chosen = []
    window.open_picker = lambda title, items, action, placeholder, current=None: chosen.append((items, action))
    window.commands.run("restore_trash")
    items, action = chosen[0]
    action(items[0].payload)
    assert "is in the trash" not in window.banner.text()
    assert (library_dir / "idea.md").exists()
