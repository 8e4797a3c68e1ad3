"""The page never shows half a line at its bottom edge (issue #22)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.keys import type_text

LINE = "We walked the long way round, past the mill and the broken fence."


def lines_cut_by_bottom_edge(editor) -> list[tuple[int, int]]:  # noqa: ANN001
    """Every laid-out line the viewport's bottom edge runs through, as (top, height) on the viewport."""
    bottom = editor.viewport().height()
    cut = []
    cursor = QTextCursor(editor.document())
    block = editor.firstVisibleBlock()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            cursor.setPosition(block.position() + line.textStart())
            top = editor.cursorRect(cursor).top()
            if top < bottom < top + line.height() - 0.5:
                cut.append((top, int(line.height())))
        if editor.cursorRect(QTextCursor(block)).top() > bottom:
            break
        block = block.next()
    return cut


def ink_rows(image: QImage, top: int, bottom: int, background: int) -> list[int]:
    """Rows in [top, bottom) holding any pixel that is not the page's background."""
    return [y for y in range(max(top, 0), bottom)
            if any(image.pixel(x, y) != background for x in range(0, image.width(), 1))]


def test_the_line_at_the_bottom_edge_is_never_drawn_in_half(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    for _ in range(8):  # more lines than the page holds, typed; the page follows the cursor down
        type_text(qtbot, editor, " ".join([LINE] * 4) + "\n")
    # Back to the top, so the bottom edge falls inside the text rather than below its end.
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert editor.firstVisibleBlock().blockNumber() == 0
    # Find a window height at which the edge runs through a line: that is the case to get right.
    def cut_through_the_middle() -> bool:  # the edge through a line's letters, not its leading
        cut = lines_cut_by_bottom_edge(editor)
        return bool(cut) and cut[0][1] * 0.4 < editor.viewport().height() - cut[0][0] < cut[0][1] * 0.8

    height = 700
    while not cut_through_the_middle():
        height += 2
        window.resize(1000, height)
        qtbot.waitUntil(lambda h=height: window.height() == h, timeout=2000)
        QApplication.processEvents()
        assert height < 800, "no window height put the edge through the middle of a line"
    (top, line_height), = lines_cut_by_bottom_edge(editor)
    image = editor.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixel(image.width() - 1, image.height() - 1)
    bottom = editor.viewport().height()
    assert ink_rows(image, top, bottom, background) == [], "part of a line shows at the bottom edge"
    # The whole lines above it are still drawn.
    assert ink_rows(image, top - line_height, top, background)


def test_the_cursor_line_is_always_whole(qtbot, make_window) -> None:  # noqa: ANN001
    """Typing at the bottom of the page: Qt scrolls the cursor's line fully into view, so it is
    never the line left blank."""
    window = make_window()
    editor = window.editor
    for _ in range(30):
        type_text(qtbot, editor, LINE + " ")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        cut = editor.cut_line_top()
        assert cut is None or editor.cursorRect().bottom() <= cut


def shown_on_screen(window, widget) -> QImage:  # noqa: ANN001
    """What the window's backing store holds for ``widget``: the pixels the writer sees, including
    any left over from an earlier paint that Qt moved while scrolling (``grab`` repaints afresh)."""
    QApplication.processEvents()
    corner = widget.mapTo(window, QPoint(0, 0))
    return window.screen().grabWindow(window.winId(), corner.x(), corner.y(), widget.width(),
                                      widget.height()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def freshly_painted(widget) -> QImage:  # noqa: ANN001
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def rows_differing(first: QImage, second: QImage) -> list[int]:
    if first == second:
        return []
    return [y for y in range(first.height())
            if any(first.pixel(x, y) != second.pixel(x, y) for x in range(0, first.width(), 2))]


@pytest.mark.parametrize("height", [703, 713, 731])
def test_scrolling_never_leaves_a_blank_over_the_text(qtbot, make_window, library_dir, height) -> None:  # noqa: ANN001
    """The blank over the cut line at the bottom edge must not travel with the text when Qt
    scrolls by moving pixels: after arrow keys, page keys and the wheel, in both directions, the
    page on screen is exactly what a fresh paint of it draws."""
    piece = library_dir / "long.md"
    piece.write_text("# A long walk\n\n" + "\n\n".join(" ".join([LINE] * (1 + n % 4)) for n in range(60)),
                     encoding="utf-8")
    window = make_window(piece)
    window.resize(1000, height)
    qtbot.waitUntil(lambda: window.height() == height, timeout=2000)
    editor = window.editor
    editor.setCursorWidth(0)  # no caret: its blinking is not what is compared
    viewport = editor.viewport()
    moves = ([Qt.Key.Key_Down] * 40 + [Qt.Key.Key_PageDown] * 2 + [Qt.Key.Key_Up] * 30
             + [Qt.Key.Key_PageUp, "wheel-down", "wheel-down", "wheel-up"])
    scrolled = set()
    for step, move in enumerate(moves):
        if isinstance(move, str):
            notch = -120 if move == "wheel-down" else 120
            centre = QPointF(viewport.width() / 2, viewport.height() / 2)
            QApplication.sendEvent(viewport, QWheelEvent(
                centre, viewport.mapToGlobal(centre), QPoint(), QPoint(0, notch), Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
        else:
            qtbot.keyClick(editor, move)
        scrolled.add(editor.verticalScrollBar().value())
        on_screen = shown_on_screen(window, viewport)
        assert rows_differing(on_screen, freshly_painted(viewport)) == [], f"stale pixels after {move} (step {step})"
    assert len(scrolled) > 10, "the moves did not scroll the page"


@pytest.mark.parametrize("height", [703, 731])
def test_typing_at_the_foot_of_the_page_keeps_the_blank_whole(qtbot, make_window, library_dir, height) -> None:  # noqa: ANN001
    """Most keys repaint only the line above the blank, and the blank is not looked for again
    then: typing at the foot of the page into a paragraph that goes on below the edge (its lines
    wrap on, Enter splits it, the page scrolls), after every key the page on screen is exactly
    what a fresh paint draws, no line shows in half, and the cursor's line is whole."""
    piece = library_dir / "long.md"
    # headings between the paragraphs: lines of two heights, so the line the edge cuts moves as the page scrolls
    piece.write_text("\n\n".join(f"## Part {n}\n\n" + " ".join([LINE] * 3) for n in range(40)), encoding="utf-8")
    window = make_window(piece)
    window.resize(1000, height)
    qtbot.waitUntil(lambda: window.height() == height, timeout=2000)
    editor = window.editor
    editor.setCursorWidth(0)  # no caret: its blinking is not what is compared
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(62).position())
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()  # the paragraph's first line at the foot, the rest below the edge
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine)
    editor.setTextCursor(cursor)
    viewport = editor.viewport()
    keys = "and on. \n" + "Then more words here, " * 3 + "\n\n## A heading\n\n" + "again."
    for step, char in enumerate(keys):
        if char == "\n":
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(editor, char)
        on_screen = shown_on_screen(window, viewport)
        assert rows_differing(on_screen, freshly_painted(viewport)) == [], f"stale pixels after {char!r} (step {step})"
        background = on_screen.pixel(on_screen.width() - 1, on_screen.height() - 1)
        for top, _height in lines_cut_by_bottom_edge(editor):
            assert ink_rows(on_screen, top, viewport.height(), background) == [], f"half a line after step {step}"
            assert editor.cursorRect().bottom() <= top


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_blank_follows_a_new_theme_and_font_size(qtbot, make_window, library_dir, theme) -> None:  # noqa: ANN001
    """The page keeps its line spacing and colour rather than asking Qt on every paint: after the
    theme and the type size change, typing at the foot still leaves no half line, and the blank
    under the cut line is the new page colour, not the old one's."""
    piece = library_dir / "long.md"
    piece.write_text("\n\n".join(" ".join([LINE] * 3) for _ in range(40)), encoding="utf-8")
    window = make_window(piece)
    window.resize(1000, 713)
    qtbot.waitUntil(lambda: window.height() == 713, timeout=2000)
    editor = window.editor
    editor.setCursorWidth(0)
    window.set_theme("light" if theme == "dark" else "dark", persist=False)
    QApplication.processEvents()
    before = editor.fontMetrics().lineSpacing()
    window.set_theme(theme, persist=False)
    window.change_font_size(+3)
    QApplication.processEvents()
    assert editor.fontMetrics().lineSpacing() != before, "the type size did not change"
    # how near the foot a repaint must reach for the cut line to be looked for: kept, so kept right
    assert editor._line_spacing == editor.fontMetrics().lineSpacing()
    viewport = editor.viewport()
    page = viewport.palette().color(viewport.backgroundRole()).rgb()
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(40).position())
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    for step, char in enumerate("and on, and on. "):
        qtbot.keyClick(editor, char)
        on_screen = shown_on_screen(window, viewport)
        assert rows_differing(on_screen, freshly_painted(viewport)) == [], f"stale pixels after step {step}"
        cut = lines_cut_by_bottom_edge(editor)
        assert cut, "no line runs through the bottom edge: nothing here tests the blank"
        for top, _height in cut:
            assert ink_rows(on_screen, top, viewport.height(), page) == [], f"half a line after step {step}"
