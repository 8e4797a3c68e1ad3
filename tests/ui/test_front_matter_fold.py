"""Front matter folds to one dim line while the writer is in the body; the file never changes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.keys import type_text

TEXT = "---\ntitle: The River\nstatus: draft\ntags: [essays, travel]\n---\n\nIt was cold. We swam anyway.\n"


def _open_folded(qtbot, make_window, library_dir):  # noqa: ANN001, ANN202
    """The river piece open with the cursor at the end of its body: front matter folded."""
    path = library_dir / "river.md"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(path)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(window.editor.front_matter_folded, timeout=2000)
    return window


def test_folds_in_the_body_and_opens_when_the_cursor_goes_in(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    window = _open_folded(qtbot, make_window, library_dir)
    editor = window.editor
    visible = [editor.document().findBlockByNumber(i).isVisible() for i in range(6)]
    assert visible == [True, False, False, False, False, True]
    assert editor.front_matter_summary() == "The River · draft · essays, travel  ⋯"
    # typing in the body keeps it folded and the file is exactly what was typed
    type_text(qtbot, editor, " Then rain.")
    assert editor.front_matter_folded()
    assert editor.raw_text() == TEXT + " Then rain."
    # Ctrl+Home goes into it: everything shows again
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert not editor.front_matter_folded()
    assert all(editor.document().findBlockByNumber(i).isVisible() for i in range(6))
    # arrow down out of it, back to the body: folded again
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert editor.front_matter_folded()
    assert window.editor.word_count() == 8


def test_the_setting_turns_folding_off(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    path = library_dir / "river.md"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(path)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(window.editor.front_matter_folded, timeout=2000)
    window.commands.run("fold_front_matter")
    assert not window.editor.front_matter_folded() and not window.settings.fold_front_matter
    window.commands.run("fold_front_matter")
    assert window.editor.front_matter_folded()


def test_a_piece_opened_for_the_first_time_starts_in_its_body_folded(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    """No remembered place: the cursor starts where the writing starts, not inside the metadata (which
    would unfold it and take the first keys); a remembered place still wins."""
    path = library_dir / "river.md"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(path)
    editor = window.editor
    qtbot.waitUntil(editor.front_matter_folded, timeout=2000)
    assert editor.textCursor().block().text() == "It was cold. We swam anyway."
    assert editor.textCursor().positionInBlock() == 0
    type_text(qtbot, editor, "At dawn. ")
    assert editor.raw_text() == TEXT.replace("It was cold.", "At dawn. It was cold.")
    # A remembered place wins: the writer was last in this other piece's title.
    other = library_dir / "lake.md"
    other.write_text(TEXT.replace("The River", "The Lake"), encoding="utf-8")
    window.state.positions[str(other)] = [len("---\ntitle: "), 0]
    window.open_path(other)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path == other, timeout=2000)
    assert editor.textCursor().block().text() == "title: The Lake"


LINES = ["---", "+++", "title: A", "...", "", "Body text.", "# Heading", "tags: [x]", "-- -", "---  ",
         "title: 🖋 e\u0301", "שלום: x", "a\u2028b", "---\r", "x\r\n---"]  # astral, combining, RTL, U+2028, CR


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(start=st.lists(st.sampled_from(LINES), max_size=8),
       edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), st.sampled_from(LINES + ["\n", "-", "x\n---\n"])),
                      min_size=1, max_size=25))
def test_the_remembered_front_matter_always_matches_the_text(make_window, start, edits) -> None:  # noqa: ANN001
    """The editor keeps how many paragraphs are front matter between edits (asked on every cursor
    move): after any edit anywhere, in the paragraphs it was read from or not, it must be what
    reading the text afresh says."""
    from PySide6.QtGui import QTextCursor

    from quill.ui.editor.editor import front_matter_paragraphs

    window = make_window()
    editor = window.editor
    editor.setPlainText("\n".join(start))
    for where, removed, inserted in edits:
        length = editor.document().characterCount() - 1
        at = int(where * length)
        cursor = QTextCursor(editor.document())
        cursor.setPosition(at)
        cursor.setPosition(min(at + removed, length), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(inserted)
        editor.setTextCursor(cursor)  # a cursor move, as typing makes: folding asks
        expected = front_matter_paragraphs(editor.raw_text().split("\n"))
        assert editor._front_matter_blocks() == expected


def _fold_is_whole(editor) -> bool:  # noqa: ANN001
    """Folded: every front matter paragraph after the first hidden, every other one shown."""
    count = editor._front_matter_blocks()
    document = editor.document()
    return all(document.findBlockByNumber(i).isVisible() == (i == 0 or i >= count)
               for i in range(document.blockCount()))


def test_setting_the_spelling_language_keeps_the_fold_whole(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    window = _open_folded(qtbot, make_window, library_dir)
    editor = window.editor
    qtbot.waitUntil(lambda: getattr(window, "spelling", None) is not None, timeout=5000)
    for lang in ("en_GB", "en_US", "fr"):  # the first adds a line; the others replace it
        assert window.spelling.set_piece_language(lang)
        assert f"lang: {lang.replace('_', '-')}" in editor.raw_text()
        assert editor.front_matter_folded() and _fold_is_whole(editor)


LINE = st.sampled_from(["lang: fr\n", "x: 𝄞 café\n", "tags: [a, b]\n", "note: שלום\n"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["add", "remove", "replace"]), st.integers(1, 6), LINE),
                min_size=1, max_size=6))
def test_lines_added_or_removed_under_the_fold_leave_it_whole(qtbot, make_window, library_dir, edits) -> None:  # noqa: ANN001
    """Model: whatever lines a command adds to, rewrites in or removes from folded front matter, the fold
    afterwards hides exactly the front matter's lines after the first (no half-folded block)."""
    window = _open_folded(qtbot, make_window, library_dir)
    editor = window.editor
    for action, line_number, line in edits:
        count = editor._front_matter_blocks()
        if count < 3:
            break
        block = editor.document().findBlockByNumber(min(line_number, count - 2))
        cursor = QTextCursor(block)
        if action == "add":
            cursor.insertText(line)
        elif action == "replace":  # what a command rewriting one field does, as one undo step
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.beginEditBlock()
            cursor.insertText(line.rstrip("\n"))
            cursor.endEditBlock()
        else:
            cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        assert _fold_is_whole(editor), editor.raw_text()
    window.close()


def test_a_front_matter_without_title_status_or_tags_is_summed_up_by_its_own_fields(
        qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    """Only "lang: en-GB" in it: the fold said "--- 1 line ⋯" (a review); it says the field."""
    path = library_dir / "lang.md"
    path.write_text("---\nlang: en-GB\n---\n\nColour and grey.\n", encoding="utf-8")
    window = make_window(path)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(window.editor.front_matter_folded, timeout=2000)
    assert window.editor.front_matter_summary() == "lang: en-GB  ⋯"
