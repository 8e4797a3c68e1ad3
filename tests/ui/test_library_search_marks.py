"""Library search shows where the searched word is in each snippet, as find hits are shown on the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from quill.library.snippet_fit import fit_snippet
from quill.ui.shell.fonts import interface_font


def _marked_columns(overlay, row_index: int) -> list[int]:  # noqa: ANN001
    """The x of every pixel in the row painted in the theme's find-hit colour."""
    image = overlay.list.viewport().grab().toImage()
    rect = overlay.list.visualItemRect(overlay.list.item(row_index))
    hit = overlay.theme.color("find_match").rgb()
    return sorted({x for y in range(rect.top(), rect.bottom()) for x in range(rect.left(), rect.right())
                   if image.pixel(x, y) == hit})


def test_the_searched_word_is_marked_where_it_is_in_the_snippet(make_window, qtbot, library_dir):
    """Two emoji (two UTF-16 units each) and a Hebrew phrase stand before the match: a mark placed by
    code points, or laid out left to right piece by piece, would land on the wrong letters."""
    (library_dir / "market.md").write_text(
        "# Market\n\nStalls 🙂🙂 and a sign, שלום עולם, then the fishmonger shouted about the fox.\n",
        encoding="utf-8")
    window = make_window()
    window.resize(1300, 800)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    qtbot.keyClicks(overlay.query, "fox")
    qtbot.waitUntil(lambda: [r.title for r in overlay.rows()] == ["Market"] and bool(overlay.rows()[0].highlights),
                    timeout=5000)
    row = overlay.rows()[0]
    columns = _marked_columns(overlay, 0)
    assert columns, "the match is not marked"

    # Where the delegate puts the line: the row inset 2 px, its content 14 px more.
    rect = overlay.list.visualItemRect(overlay.list.item(0))
    metrics = QFontMetrics(interface_font(9))
    width = rect.width() - 2 * (2 + 14)
    text, marks = fit_snippet(row.snippet, row.highlights, width, metrics.horizontalAdvance)
    assert [text[a:b] for a, b in marks] == ["fox"]
    start = rect.left() + 16 + metrics.horizontalAdvance(text[:marks[0][0]])
    assert abs(columns[0] - start) <= 3, (columns[0], start)
    assert abs((columns[-1] - columns[0]) - metrics.horizontalAdvance("fox")) <= 4


def test_a_row_found_by_its_title_has_nothing_marked(make_window, qtbot, library_dir):
    (library_dir / "fox.md").write_text("# The fox\n\nA short piece.\n", encoding="utf-8")
    window = make_window()
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    qtbot.keyClicks(overlay.query, "fox")
    qtbot.waitUntil(lambda: [r.title for r in overlay.rows()] == ["The fox"], timeout=5000)
    assert _marked_columns(overlay, 0) == []
