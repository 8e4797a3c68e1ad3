"""A notice appearing above the page while the writer types at the end of a long piece must not
push their line under the status line, out of sight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.ui.keys import open_and_type_at_end, type_text


def _caret_clear_of_the_status_line(window) -> bool:  # noqa: ANN001
    editor = window.editor
    caret = editor.cursorRect()
    bottom = editor.viewport().mapTo(window, QPoint(0, caret.bottom())).y()
    limit = window.status.mapTo(window, QPoint(0, 0)).y() if window.status.isVisible() else window.height()
    page_bottom = editor.viewport().mapTo(window, QPoint(0, editor.viewport().height())).y()
    return caret.top() >= 0 and bottom <= min(limit, page_bottom)


@pytest.mark.parametrize("kind", ["info", "warning"])
def test_a_notice_does_not_push_the_caret_out_of_view(make_window, qtbot, library_dir, kind: str) -> None:  # noqa: ANN001
    piece = library_dir / "long.md"
    piece.write_text("\n\n".join(f"Paragraph {n}, with a sentence or two in it." for n in range(400)),
                     encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " The end")
    qtbot.waitUntil(lambda: _caret_clear_of_the_status_line(window), timeout=3000)
    window.banner.show_message("A notice of two lines, long enough to wrap in the window, about something that "
                               "happened elsewhere and matters a little, but not to the sentence being written.",
                               kind)
    qtbot.waitUntil(lambda: window.banner.height() > 0 and window.banner.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: _caret_clear_of_the_status_line(window), timeout=3000)
    type_text(qtbot, window.editor, ".")
    assert _caret_clear_of_the_status_line(window)
