"""Whatever the writer does in the editor, the journal replays to exactly the editor's text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from quill.storage.journal import read_journal

edits = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.floats(0, 1), st.text(alphabet="ab \n\u00a0é—\t", min_size=1, max_size=12)),
        st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 15)),
        st.tuples(st.just("undo"), st.just(0.0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0.0), st.just(0)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=edits)
def test_journal_replays_any_edit_sequence(make_window, library_dir, script):
    piece = library_dir / "replay.md"
    piece.write_text("Some first text.\nAnd a second line.", encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    for action, where, arg in script:
        length = editor.document().characterCount() - 1
        cursor = editor.textCursor()
        cursor.setPosition(int(where * length))
        if action == "insert":
            cursor.insertText(arg)
        elif action == "delete":
            cursor.setPosition(min(cursor.position() + arg, length), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        elif action == "undo":
            editor.undo()
        else:
            editor.redo()
    window.documents.journal.flush_soon()
    window.documents.journal.wait()
    expected = editor.raw_text()
    if window.documents.journal.journal is not None and window.documents.journal.journal.path.exists():
        assert read_journal(window.documents.journal.journal.path).text == expected
    else:
        assert expected == "Some first text.\nAnd a second line."  # no real edit happened
    window.close()
