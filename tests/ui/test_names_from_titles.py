"""A new draft's file takes its name from its title, keeping the editor and undo as they are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from quill.library.naming import title_from_text
from tests.ui.keys import open_and_type_at_end, type_text


def test_title_from_text_rules() -> None:
    assert title_from_text("# The River\n\nIt was cold.") == "The River"
    assert title_from_text("It was cold that morning.\nMore.") == "It was cold that morning."
    assert title_from_text("---\ntitle: x\n---\n\nSome **bold** start\n") == "Some bold start"
    assert title_from_text("\n\n   \n") is None and title_from_text("123\n") is None
    long = title_from_text("word " * 40)
    assert long.endswith("…") and len(long) <= 61


def test_a_new_draft_is_named_after_its_first_line(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    window = make_window()
    type_text(qtbot, window.editor, "# The river in winter")
    qtbot.waitUntil(lambda: window.document is not None, timeout=3000)
    assert window.document.path.name.startswith("Untitled draft")
    type_text(qtbot, window.editor, "\nIt was cold. We swam anyway.")
    qtbot.waitUntil(lambda: window.document.path.name == "the-river-in-winter.md", timeout=5000)
    qtbot.waitUntil(lambda: window.windowTitle() == "The river in winter — Quill", timeout=3000)
    assert not list(library_dir.glob("Untitled draft*"))
    # the editor was not reloaded: undo still takes back what was typed before the rename
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.raw_text() != "# The river in winter\nIt was cold. We swam anyway."
    window.documents.save_now()
    qtbot.waitUntil(lambda: (library_dir / "the-river-in-winter.md").exists(), timeout=3000)
    qtbot.waitUntil(lambda: (library_dir / "the-river-in-winter.md").read_text(encoding="utf-8")
                    == window.editor.raw_text(), timeout=5000)


def test_a_piece_the_writer_opened_is_never_renamed(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    path = library_dir / "my notes.md"
    path.write_text("Old first line\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, path, "\nA new line.\n")
    QCoreApplication.processEvents()  # a queued rename would run now
    window.documents.save_now()
    qtbot.waitUntil(lambda: "A new line." in path.read_text(encoding="utf-8"), timeout=5000)
    assert window.document.path == path
