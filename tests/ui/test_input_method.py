"""Composing with an input method (Japanese, Chinese, accents through a compose key): the
preedit text Qt shows while the writer composes is not text yet. Only the committed characters
are an edit; the composing steps must not reach the journal, saving or the counts."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from quill.storage.journal import apply_edits


def _preedit(editor, text: str) -> None:  # noqa: ANN001
    QApplication.sendEvent(editor, QInputMethodEvent(text, []))


def _commit(editor, text: str) -> None:  # noqa: ANN001
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def test_composing_reports_only_the_committed_text(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "ime.md"
    piece.write_text("First paragraph 𝄞.\n\nHello world", encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    edits: list[tuple[int, int, str]] = []
    editor.add_edit_listener(lambda *edit: edits.append(edit))
    revision = editor.text_revision
    for step in ("k", "ka", "kan", "かん"):
        _preedit(editor, step)
    assert edits == [] and editor.text_revision == revision  # composing is not writing yet
    _commit(editor, "漢")
    assert editor.raw_text() == "First paragraph 𝄞.\n\nHello world漢"
    # one edit (Qt reports the commit as the paragraph rewritten: correct, if not minimal)
    assert len(edits) == 1
    assert apply_edits("First paragraph 𝄞.\n\nHello world", [edits[0]]) == editor.raw_text()
    _preedit(editor, "a")
    _preedit(editor, "")  # the writer cancels the composition
    assert editor.raw_text() == "First paragraph 𝄞.\n\nHello world漢" and len(edits) == 1


def test_composing_beside_astral_characters_replays_exactly(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    """Qt counts UTF-16 units, the journal code points: a commit in a paragraph holding 𝄞 and a
    combining mark must still replay to exactly the editor's text."""
    start = "A\r\n\n𝄞 Cafe\u0301 שלום 👩‍💻 end"
    piece = library_dir / "ime2.md"
    piece.write_bytes(start.encode("utf-8"))
    window = make_window(piece)
    editor = window.editor
    before = editor.raw_text()
    cursor = editor.textCursor()
    cursor.setPosition(editor.qt_position(before.index("end")))
    editor.setTextCursor(cursor)
    edits: list[tuple[int, int, str]] = []
    editor.add_edit_listener(lambda *edit: edits.append(edit))
    for step in ("n", "ni", "にh"):
        _preedit(editor, step)
    _commit(editor, "日本")
    assert edits and apply_edits(before, edits) == editor.raw_text()
    assert "👩‍💻 日本end" in editor.raw_text()
