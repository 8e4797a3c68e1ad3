"""Moving the open piece to the trash: the page goes on to the piece edited last, the notice names
what went by its title and offers Undo, and Undo (or a restore in a later launch) brings the
piece back with its writing history, not as a piece that starts again from nothing."""

from __future__ import annotations

import datetime as _dt
import os

import pytest
from PySide6.QtCore import QPoint, Qt

from quill.sessions.history import pieces_history
from quill.sessions.store import DELETED_MARK, SessionStore
from tests.ui.keys import open_and_type_at_end


def histories(window) -> dict[str, int]:  # noqa: ANN001
    window.sessions.flush()
    return {key: h.totals.words_added
            for key, h in pieces_history(window.sessions.store.piece_sessions(), {}).items()}


def test_trashing_the_open_piece_opens_the_last_edited_and_undo_brings_it_back(
        qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    older = library_dir / "older.md"
    older.write_text("# The harbour\n\nBoats knocked against the pier.\n", encoding="utf-8")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    piece = library_dir / "kitchen.md"
    piece.write_text("# The kitchen table\n\nFirst words.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " Four more words here.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: "Four more" in piece.read_text(encoding="utf-8"), timeout=5000)
    assert histories(window) == {str(piece): 4}

    cursor = window.editor.textCursor()
    cursor.setPosition(24)  # in "First words.": neither the start nor the end, where a reopen would go
    window.editor.setTextCursor(cursor)
    place = 24
    window.commands.run("trash")
    assert not piece.exists()  # and not written back by the page moving on to another piece
    assert window.document is not None and window.document.path == older  # not a blank page
    assert window.editor.raw_text().startswith("# The harbour")
    # ...behind the library, to choose what comes next: keys typed at once go to its search field,
    # not into the top of the other piece (seen on a review)
    overlay = window.library.overlay
    assert overlay.isVisible() and [r.title for r in overlay.rows()] == ["The harbour"]
    qtbot.keyClicks(window.focusWidget(), "xyz")
    assert overlay.query.text() == "xyz" and "xyz" not in window.editor.raw_text()
    window.documents.save_now()
    assert "xyz" not in older.read_text(encoding="utf-8")
    banner = window.banner
    assert banner.text() == "“The kitchen table” is in the trash."  # its title, not kitchen.md
    assert banner.action_button.isVisible() and banner.action_button.text() == "Undo"
    (key,) = [k for k in histories(window) if DELETED_MARK in k]

    qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: piece.exists() and window.document is not None and window.document.path == piece,
                    timeout=3000)
    assert "Four more words here." in window.editor.raw_text()
    assert not banner.isVisible()
    assert not overlay.isVisible()  # back to writing the piece, where the writer was
    assert window.editor.textCursor().position() == place
    assert histories(window) == {str(piece): 4}  # its history came back with it, nothing left as deleted
    assert key not in histories(window)


def test_a_notice_with_an_action_stays_long_enough_to_reach_it(make_window) -> None:  # noqa: ANN001
    from quill.ui.shell.banner import ACTION_MIN_MS, reading_time_ms

    window = make_window()
    ran = []
    window.banner.show_message("Gone.", action=("Undo", lambda: ran.append(1)))
    assert window.banner.fade.remainingTime() > reading_time_ms("Gone.")
    assert window.banner.fade.interval() == ACTION_MIN_MS
    window.banner.show_message("Saved.")  # the next notice has no action: no stray button
    assert not window.banner.action_button.isVisible() and window.banner.action_button.isHidden()
    assert ran == []


def test_trashing_the_only_piece_leaves_a_new_draft(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "only.md"
    piece.write_text("The only piece.\n", encoding="utf-8")
    window = make_window(piece)
    window.commands.run("trash")
    assert window.document is None and window.editor.raw_text() == ""
    assert window.banner.text() == "“only” is in the trash."


def test_a_restore_in_a_later_launch_takes_back_the_history_deleted_closest(tmp_path) -> None:  # noqa: ANN001
    """Two pieces were deleted from the same name on different days; each restore gets its own."""
    from quill.sessions.recorder import Recorder
    from quill.sessions.words import EditDelta

    store = SessionStore(tmp_path / "sessions.sqlite3")
    clock = [1_000_000.0]
    recorder = Recorder(store, monotonic=lambda: clock[0], wall=lambda: clock[0])
    recorder.record("/lib/a.md", "First", EditDelta(words_added=3))
    recorder.flush()
    first = recorder.retire_piece("/lib/a.md", 1_000_000.0)
    clock[0] += 3 * 86400
    recorder.end_session()
    recorder.record("/lib/a.md", "Second", EditDelta(words_added=5))
    recorder.flush()
    second = recorder.retire_piece("/lib/a.md", 1_259_200.0)
    assert first != second
    assert store.retired_key("/lib/a.md", 1_000_030.0) == first
    assert store.retired_key("/lib/a.md", 1_259_100.0) == second
    assert store.retired_key("/lib/a.md", 1_100_000.0) is None  # nothing deleted within the hour
    assert store.retired_key("/lib/b.md", 1_000_000.0) is None
    assert store.retired_key("/lib/a", 1_000_000.0) is None  # a path that is a prefix of another


def test_the_restore_picker_brings_the_history_back_too(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "essay.md"
    piece.write_text("An essay.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " Three more words.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: "Three more" in piece.read_text(encoding="utf-8"), timeout=5000)
    window.commands.run("trash")
    (item,) = window.library.library.trashed()
    # as in a later launch: no note of the key from this one, only the trash's record of the time
    assert item.deleted is not None and abs(item.deleted - _dt.datetime.now()).total_seconds() < 120
    window.library._restore(item)
    assert piece.exists()
    assert histories(window) == {str(piece): 3}


def test_a_piece_that_is_not_open_goes_to_the_trash_from_its_row_in_the_library(
        qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    """The palette's command works on the open piece; any other is let go of from the library's
    list, by its row's menu, without the page changing. Undo puts it back in the list."""
    open_piece = library_dir / "open.md"
    open_piece.write_text("# On the page\n\nBeing written.\n", encoding="utf-8")
    other = library_dir / "other.md"
    other.write_text("# An old idea\n\nNot needed now.\n", encoding="utf-8")
    window = make_window(open_piece)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    assert sorted(r.title for r in overlay.rows()) == ["An old idea", "On the page"]
    (row,) = [r for r in overlay.rows() if r.title == "An old idea"]
    menu = overlay.row_menu(row)
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["Open", "Move to the trash"]
    [a for a in menu.actions() if a.text() == "Move to the trash"][0].trigger()
    assert not other.exists() and open_piece.exists()
    assert window.document.path == open_piece and "Being written." in window.editor.raw_text()
    assert [r.title for r in overlay.rows()] == ["On the page"]  # the list no longer offers it
    assert window.banner.text() == "“An old idea” is in the trash."
    qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    assert other.exists() and window.document.path == open_piece  # back in the library, the page as it was
    assert sorted(r.title for r in overlay.rows()) == ["An old idea", "On the page"]


def test_the_notice_and_its_undo_stay_clear_of_the_librarys_veil(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    """Under the veil, a click on Undo closed the library instead (seen on a review)."""
    for name in ("a", "b"):
        (library_dir / f"{name}.md").write_text(f"# Piece {name}\n\nWords.\n", encoding="utf-8")
    window = make_window(library_dir / "a.md")
    from quill.ui.voice import install_voice_panel

    panel = install_voice_panel(window)
    panel.set_open(True, animate=False)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.width() > 100)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    (row,) = [r for r in overlay.rows() if r.title == "Piece b"]
    [a for a in overlay.row_menu(row).actions() if a.text() == "Move to the trash"][0].trigger()
    central = window.centralWidget()
    button = window.banner.action_button
    qtbot.waitUntil(button.isVisible)
    at = button.mapTo(central, button.rect().center())
    assert central.childAt(at) is button  # not the veil: the click reaches Undo
    assert overlay.isVisible()
    banner = window.banner
    under_panel = banner.mapTo(central, banner.rect().topRight()) + QPoint(-4, banner.height() // 2)
    assert central.childAt(under_panel) is overlay._scrim  # the panel's header stays dimmed, not a hole
    window.banner.hide()
    assert central.childAt(at) is overlay._scrim  # the veil covers that strip again once the notice is gone


LONG_NAME = "ü" * 120 + ".md"  # 243 bytes in UTF-8: near the 255-byte limit of most file systems
ODD_NAMES = ["🌊 surf, then 𝑥.md", LONG_NAME, os.fsdecode(b"caf\xe9 \xff.md"), "שלום עולם.md"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=["astral", "long", "not-utf8", "rtl"])
def test_trash_and_undo_keep_odd_names_their_words_and_their_history(qtbot, make_window, library_dir,
                                                                     name: str) -> None:  # noqa: ANN001
    if name == ODD_NAMES[2] and os.name == "nt":
        pytest.skip("file names that are not UTF-8 are a POSIX matter")
    piece = library_dir / name
    try:
        piece.write_text("Opening line 🙂.", encoding="utf-8")
    except OSError as exc:  # a file system that takes no such name: nothing to test here
        pytest.skip(f"this file system refuses the name: {exc}")
    window = open_and_type_at_end(qtbot, make_window, piece, " Then three words.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: "three words" in piece.read_text(encoding="utf-8"), timeout=5000)
    assert histories(window) == {str(piece): 3}
    window.commands.run("trash")
    assert not piece.exists()
    assert window.banner.action_button.isVisible()
    qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: piece.exists() and window.document is not None and window.document.path == piece,
                    timeout=3000)
    assert piece.read_text(encoding="utf-8") == "Opening line 🙂. Then three words."
    assert histories(window) == {str(piece): 3}


def test_undo_after_a_new_piece_took_the_name_says_where_the_piece_came_back(
        qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "the-last-bus.md"
    piece.write_text("# The last bus\n\nIt never came.\n", encoding="utf-8")
    (library_dir / "other.md").write_text("# Other\n\nWords.\n", encoding="utf-8")
    window = make_window(piece)
    window.commands.run("trash")
    piece.write_text("# A new piece\n\nUnder the old name.\n", encoding="utf-8")
    qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    assert piece.read_text(encoding="utf-8") == "# A new piece\n\nUnder the old name.\n"  # left alone
    restored = window.document.path
    assert restored != piece and restored.read_text(encoding="utf-8") == "# The last bus\n\nIt never came.\n"
    assert window.banner.text() == (f"“The last bus” is back as {restored.name}: a new piece has taken "
                                    "the-last-bus.md since.")
