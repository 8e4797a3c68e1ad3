"""Pasting Qt's frame markers (U+FDD0/U+FDD1) and the code points Quill holds them as (U+10FFF0/U+10FFF1):
a paste either goes in exactly or, when the page could no longer tell the two apart, not at all, and
says so. Before, a literal U+10FFF0 already on the page came out of it as U+FDD0 once a marker was pasted."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor

from quill.utf16 import what_the_page_cannot_keep

_pieces = itertools.count()
_chars = st.sampled_from(["a", " ", "\n", "🙂", "\ufdd0", "\ufdd1", "\U0010fff0", "\U0010fff1"])
_texts = st.lists(_chars, min_size=1, max_size=6).map("".join)


def _paste(editor, text: str) -> None:  # noqa: ANN001
    data = QMimeData()
    data.setText(text)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertFromMimeData(data)


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(start=_texts.filter(lambda t: what_the_page_cannot_keep(t) is None),
       pastes=st.lists(_texts, min_size=1, max_size=4))
def test_a_paste_goes_in_exactly_or_not_at_all(make_window, library_dir, qtbot, start, pastes):
    piece = library_dir / f"paste {next(_pieces)}.md"
    piece.write_bytes(start.encode("utf-8"))
    window = make_window(piece)
    editor = window.editor
    assert window.document is not None, window.banner.text()
    expected = start
    for pasted in pastes:
        before = editor.raw_text()
        _paste(editor, pasted)
        after = editor.raw_text()
        assert after in (before, before + pasted), (before, pasted, after)
        if after == before:
            assert "Nothing was pasted" in window.banner.text()
        expected = after
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.documents.saver.busy and piece.read_bytes() == expected.encode("utf-8"),
                    timeout=5000)
    window.close()
    assert piece.read_bytes() == expected.encode("utf-8")


def test_a_marker_pasted_beside_a_literal_stand_in_is_refused(make_window, library_dir, qtbot):
    piece = library_dir / "literal.md"
    piece.write_bytes("Private \U0010fff0 here.".encode())
    window = make_window(piece)
    _paste(window.editor, "a marker \ufdd0")
    assert window.editor.raw_text() == "Private \U0010fff0 here."
    assert "Nothing was pasted" in window.banner.text()
    _paste(window.editor, " plain words")  # an ordinary paste still works
    assert window.editor.raw_text() == "Private \U0010fff0 here. plain words"
