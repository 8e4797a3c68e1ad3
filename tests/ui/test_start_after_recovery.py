"""Starting after a crash: the recovered piece opens with the cursor where the writer was typing
(QA: after a kill the recovered piece opened at the top), and the recovery notice goes once the
writer moves on to another piece."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from quill.paths import app_dirs
from quill.storage.journal import Edit, Journal
from quill.storage.recovery import recover_journals
from quill.ui.shell.app import open_first_piece


def test_the_recovered_piece_opens_where_the_writer_was(make_window, qtbot, library_dir: Path) -> None:
    piece = library_dir / "essay.md"
    saved = "# Essay\n\n" + "A paragraph of saved words that fills the page. " * 30 + "\n\n👩‍👩‍👧 Family.\n\nEnd."
    piece.write_text(saved, encoding="utf-8")
    journal = Journal(app_dirs().ensure().journal_dir, piece)
    journal.start(saved, 0)
    middle = saved.index("👩") + len("👩‍👩‍👧 Family.")
    journal.record(Edit(1, middle, 0, " Then the new words"))
    journal.flush()
    journal.release()  # the crash: the operating system drops the owner's lock
    other = library_dir / "other.md"
    other.write_text("# Other\n\nElsewhere.\n", encoding="utf-8")
    recovered = recover_journals(app_dirs().journal_dir, library_dir)
    assert [r.written_to for r in recovered] == [piece]

    window = make_window()
    open_first_piece(window, None, recovered, lambda: other, [])
    assert window.document.path == piece
    assert window.editor.cursor_point() == middle + len(" Then the new words")
    assert window.editor.raw_text()[:window.editor.cursor_point()].endswith("Family. Then the new words")
    rect = window.editor.cursorRect()
    assert rect.top() >= 0 and rect.bottom() <= window.editor.viewport().height()  # on screen
    assert "Recovered your unsaved text in essay.md" in window.banner.text()

    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(i.label == "Other" for i in window.picker.visible_items()), timeout=5000)
    qtbot.keyClicks(window.picker.query, "Other")
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.path == other, timeout=3000)
    assert window.banner.text() == ""


def test_without_a_recovery_the_last_piece_opens(make_window, library_dir: Path) -> None:
    other = library_dir / "other.md"
    other.write_text("# Other\n\nElsewhere.\n", encoding="utf-8")
    window = make_window()
    open_first_piece(window, None, [], lambda: other, [])
    assert window.document.path == other and window.banner.text() == ""


def test_a_piece_reopened_shows_its_cursor_whatever_the_remembered_scroll(make_window, library_dir: Path) -> None:
    """QA: reopening a piece with Ctrl+P sometimes left the caret off-screen. The remembered scroll
    came from a taller window: the cursor's line is brought into view all the same."""
    piece = library_dir / "long.md"
    text = "# Long\n\n" + "\n\n".join(f"Paragraph {n} with a few words in it." for n in range(200))
    piece.write_text(text, encoding="utf-8")
    window = make_window()
    end = window.editor.qt_position(len(text))
    window.state.remember(piece, end, 0)  # the cursor at the end, the page scrolled to the top
    window.open_path(piece)
    assert window.editor.textCursor().position() == end
    rect = window.editor.cursorRect()
    assert rect.top() >= 0 and rect.bottom() <= window.editor.viewport().height()
