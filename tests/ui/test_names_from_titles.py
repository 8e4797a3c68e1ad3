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


def test_a_draft_titled_on_its_first_line_is_called_by_that_line_not_its_file_name(
        qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    """Found on a review: a draft whose first line was "The bridge" (no #) was named the-bridge.md,
    and from then on the window's title, the status line, the library and the history called it
    "the-bridge". The words it was named after are its title; its first line of prose is what
    follows. A file named anything else keeps its name as its title."""
    window = make_window()
    type_text(qtbot, window.editor, "The bridge\n\nIt rained on the bridge all week.")
    qtbot.waitUntil(lambda: window.document is not None and window.document.path.name == "the-bridge.md",
                    timeout=5000)
    qtbot.waitUntil(lambda: window.windowTitle() == "The bridge — Quill", timeout=3000)
    window.documents.save_now()
    qtbot.waitUntil(lambda: (library_dir / "the-bridge.md").exists(), timeout=3000)
    window.library.library.scan()
    piece = window.library.library.piece(library_dir / "the-bridge.md")
    assert (piece.title, piece.first_line) == ("The bridge", "It rained on the bridge all week.")
    (library_dir / "the-bridge-2.md").write_text("The bridge\n\nA second one.\n", encoding="utf-8")
    (library_dir / "bridge notes.md").write_text("The bridge\n\nNotes.\n", encoding="utf-8")
    window.library.library.scan()
    assert window.library.library.piece(library_dir / "the-bridge-2.md").title == "The bridge"
    assert window.library.library.piece(library_dir / "bridge notes.md").title == "bridge notes"


def test_title_named_after_rules() -> None:
    from quill.library.naming import title_named_after

    assert title_named_after("the-bridge", "The bridge\n\nIt rained.") == "The bridge"
    assert title_named_after("the-bridge-3", "The bridge\n") == "The bridge"
    assert title_named_after("the-bridge-x", "The bridge\n") is None
    assert title_named_after("notes", "The bridge\n") is None
    assert title_named_after("café-noir", "---\nstatus: draft\n---\n\n*Café* noir\n") == "Café noir"
    assert title_named_after("untitled", "\n\n") is None
