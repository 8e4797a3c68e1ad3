"""The preview on a real window (offscreen): it follows the editor section by section whatever the
heading style, and every line of the rendered piece can be seen whole, top and bottom."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.keys import type_text


def settle(qtbot, preview) -> None:  # noqa: ANN001
    qtbot.waitUntil(preview.is_current, timeout=5000)
    QApplication.processEvents()


def open_with_preview(qtbot, make_window, path: Path):  # noqa: ANN001, ANN201
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    settle(qtbot, preview)
    return window, preview


def heading_tops(preview) -> list[tuple[float, str]]:  # noqa: ANN001
    layout, block, found = preview.document().documentLayout(), preview.document().begin(), []
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append((layout.blockBoundingRect(block).top(), block.text().strip()))
        block = block.next()
    return found


# Sections whose rendered height is far from their share of the source: a list of short items
# is tall on the page and short in the source, a long paragraph the other way round.
SETEXT = "".join(
    f"Part {n} 😀\n{'=' if n % 2 else '-' * 3}\n\n"
    + ("".join(f"- {n}\n" for _ in range(30)) if n % 2 else "Words go on about walking. " * 60) + "\n\n"
    for n in range(8))


FRONT_MATTER = {
    "none": "",
    "yaml": "---\ntitle: Walks\nauthor: Ann Writer\n---\n",
    "yaml, CRLF": "---\r\ntitle: Walks\r\nauthor: Ann Writer\r\n---\r\n",
    "unreadable yaml": "---\ntitle: [Walks\n: : :\n---\n",
    "toml": '+++\ntitle = "Walks"\nauthor = "Ann Writer"\n+++\n',
}


@pytest.mark.parametrize("front", FRONT_MATTER, ids=list(FRONT_MATTER))
def test_the_preview_follows_setext_sections(qtbot, make_window, tmp_path: Path, front: str) -> None:  # noqa: ANN001
    """Setext headings pair with the rendered ones, so each section of the editor shows at the
    preview's top; front matter shows nothing of itself but a title block, and breaks nothing."""
    text = FRONT_MATTER[front] + SETEXT
    path = tmp_path / "setext.md"
    path.write_bytes(text.encode("utf-8"))
    window, preview = open_with_preview(qtbot, make_window, path)
    shown = preview.toPlainText()
    assert not any(mark in shown for mark in ("title", "author", "---", "+++", "=")), shown[:200]
    editor, tops = window.editor, heading_tops(preview)
    if FRONT_MATTER[front] and "[" not in FRONT_MATTER[front]:
        assert tops[0][1] == "Walks" and "Ann Writer" in shown  # the title block, from the metadata
        tops = tops[1:]
    assert [title for _, title in tops] == [f"Part {n} 😀" for n in range(8)]
    line = preview.fontMetrics().lineSpacing()
    target = preview.verticalScrollBar()
    raw = editor.raw_text()
    for n in range(1, 6):  # each heading at the top of the editor puts the same heading at the preview's top
        block = editor.document().findBlock(editor.qt_position(raw.index(f"Part {n} ")))
        editor.verticalScrollBar().setValue(block.firstLineNumber())
        assert editor.firstVisibleBlock().blockNumber() == block.blockNumber()
        settle(qtbot, preview)
        assert abs(target.value() - tops[n][0]) < line, (n, target.value(), tops[n][0])

    cursor = editor.textCursor()  # and it keeps following the typing
    cursor.setPosition(editor.qt_position(raw.index("Part 2 ")))
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "New ")
    qtbot.waitUntil(lambda: "New Part 2" in preview.toPlainText(), timeout=5000)


def last_line(preview) -> tuple[float, float]:  # noqa: ANN001
    """(top, bottom) of the piece's last line of text, in viewport coordinates."""
    block = preview.document().lastBlock()
    while block.isValid() and not block.text().strip():
        block = block.previous()
    layout = block.layout()
    line = layout.lineAt(layout.lineCount() - 1)
    top = layout.position().y() + line.y() - preview.verticalScrollBar().value()
    return top, top + line.height()


def ink_rows(preview, start: int, end: int) -> list[int]:  # noqa: ANN001
    """Rows of the preview's viewport, as painted, in [start, end) with anything but background."""
    image = preview.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixel(image.width() - 1, image.height() - 1)
    return [y for y in range(max(start, 0), min(end, image.height()))
            if any(image.pixel(x, y) != background for x in range(0, image.width(), 2))]


def piece(path: Path, name: str, paragraphs: int) -> Path:
    path.write_text(f"# Piece {name}\n\n" + "\n\n".join(
        f"Paragraph {i} of piece {name}, with some words that make it wrap over a line or two in the preview."
        for i in range(paragraphs)) + f"\n\nThe very last line of {name}.\n", encoding="utf-8")
    return path


def assert_whole_lines_at_the_end(preview) -> None:  # noqa: ANN001
    top, bottom = last_line(preview)
    height = preview.viewport().height()
    assert preview.verticalScrollBar().value() == preview.verticalScrollBar().maximum()
    assert top >= 0 and bottom <= height, "the last line is not inside the preview"
    cut = preview.cut_line_top()
    assert cut is None or cut >= bottom, "the last line is blanked as if cut"
    assert ink_rows(preview, int(top), int(bottom)), "the last line is not painted"
    first_top, first_bottom = line_across(preview, preview.verticalScrollBar().value())
    if first_top < 0:  # a line the top edge runs through is left blank
        assert ink_rows(preview, 0, int(first_bottom)) == [], "half a line shows at the top"


def line_across(preview, y: float) -> tuple[float, float]:  # noqa: ANN001
    """(top, bottom), in viewport coordinates, of the line at document height ``y``."""
    hit = preview.document().documentLayout().hitTest(QPointF(10, y + 0.5), Qt.HitTestAccuracy.FuzzyHit)
    block = preview.document().findBlock(hit)
    line = block.layout().lineForTextPosition(hit - block.position())
    top = block.layout().position().y() + line.y() - preview.verticalScrollBar().value()
    return top, top + line.height()


def test_the_end_of_the_next_piece_shows_whole(qtbot, make_window, tmp_path: Path) -> None:  # noqa: ANN001
    """Piece A with the preview on, then piece B, at its end: the preview shows B's last line, whole,
    and no half line at its top (it used to move up to a whole top line and blank the last one)."""
    a, b = piece(tmp_path / "a.md", "A", 12), piece(tmp_path / "b.md", "B", 30)
    window, preview = open_with_preview(qtbot, make_window, a)
    window.open_path(b)
    qtbot.waitUntil(lambda: "piece B" in preview.toPlainText(), timeout=5000)
    settle(qtbot, preview)
    height = 700
    while True:  # a window height whose preview range does not end on a whole line
        qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, preview)
        bar = preview.verticalScrollBar()
        top, bottom = line_across(preview, bar.maximum())
        scrolled = bar.value()
        if top + scrolled < bar.maximum() - 2 and bar.maximum() < bottom + scrolled - 2:
            break
        height += 3
        window.resize(1000, height)
        qtbot.waitUntil(lambda h=height: window.height() == h, timeout=2000)
        assert height < 800, "no window height put the preview's top edge through a line at the end"
    assert_whole_lines_at_the_end(preview)


def test_the_wheel_reaches_the_last_line(qtbot, make_window, tmp_path: Path) -> None:  # noqa: ANN001
    a, b = piece(tmp_path / "a.md", "A", 30), piece(tmp_path / "b.md", "B", 20)
    window, preview = open_with_preview(qtbot, make_window, a)
    window.open_path(b)
    qtbot.waitUntil(lambda: "piece B" in preview.toPlainText(), timeout=5000)
    settle(qtbot, preview)
    viewport, bar = preview.viewport(), preview.verticalScrollBar()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    for _ in range(200):
        if bar.value() == bar.maximum():
            break
        QApplication.sendEvent(viewport, QWheelEvent(
            centre, viewport.mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
    QApplication.processEvents()
    assert_whole_lines_at_the_end(preview)
