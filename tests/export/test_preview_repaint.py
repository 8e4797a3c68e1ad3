"""The preview after Ctrl+R, Ctrl+J and arrows: what is on screen is what a fresh paint draws (#22).

A writer saw lines drawn over each other and a block-quote line stuck in the margin after
opening the preview, jumping to a heading and moving with the arrows. The screen's contents
(the window's backing store, which holds whatever was last painted) are compared with a fresh
rendering of the same widgets: stale pixels anywhere show up as a difference. The preview also
starts with a whole line at its top and never shows half a line at its bottom, like the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

SECTIONS = 10
TEXT = "\n\n".join(
    f"# Part {number}\n\n" + "Some sentence about walking home in the rain. " * 12
    + "\n\n> A quoted line that sits in a block quote, said by someone.\n\n"
    + "Another paragraph follows here with words. " * 10
    for number in range(SECTIONS)) + "\n"


def rgb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def differing_pixels(screen: QImage, fresh: QImage) -> int:
    assert screen.size() == fresh.size()
    return sum(1 for y in range(0, screen.height(), 2) for x in range(0, screen.width(), 2)
               if screen.pixel(x, y) != fresh.pixel(x, y))


def settle(qtbot, preview) -> None:  # noqa: ANN001
    qtbot.waitUntil(preview.is_current, timeout=5000)
    QApplication.processEvents()


def on_screen(window) -> QImage:  # noqa: ANN001
    return rgb(window.screen().grabWindow(window.winId()).toImage())


@pytest.fixture
def steady_caret():  # noqa: ANN201
    """A blinking caret would differ between the screen and a fresh paint by the blink alone."""
    flash = QApplication.cursorFlashTime()
    QApplication.setCursorFlashTime(0)
    yield
    QApplication.setCursorFlashTime(flash)


def test_screen_matches_a_fresh_paint_after_preview_jump_and_arrows(qtbot, make_window, tmp_path: Path,  # noqa: ANN001
                                                                    steady_caret) -> None:  # noqa: ANN001
    path = tmp_path / "walk.md"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    assert preview is not None and preview.isVisible()
    settle(qtbot, preview)

    plain, down = Qt.KeyboardModifier.NoModifier, Qt.Key.Key_Down
    keys = [(Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)] + [(down, plain)] * 3
    keys += [(Qt.Key.Key_Return, plain)] + [(down, plain)] * 8
    scrolled = set()
    for key, modifiers in keys:
        qtbot.keyClick(QGuiApplication.focusObject(), key, modifiers)
        settle(qtbot, preview)
        assert differing_pixels(on_screen(window), rgb(window.grab().toImage())) == 0, f"stale pixels after {key}"
        scrolled.add(preview.verticalScrollBar().value())
        # A whole line at the preview's top edge: the line under y=0 begins exactly there.
        hit = preview.cursorForPosition(QPoint(preview.viewport().width() // 2, 0))
        top = preview.cursorRect(hit).top()
        assert top >= 0, "the preview's first line is cut at the top edge"
        if key == Qt.Key.Key_Return:
            assert window.editor.textCursor().block().text() == "# Part 3"  # the jump went where chosen
    assert len(scrolled) > 1, "the preview never moved with the editor"


def test_the_preview_never_shows_half_a_line_at_its_bottom(qtbot, make_window, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "walk.md"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    settle(qtbot, preview)
    height = 700
    while preview.cut_line_top() is None or preview.viewport().height() - preview.cut_line_top() < 12:
        height += 2
        window.resize(1000, height)
        qtbot.waitUntil(lambda h=height: window.height() == h, timeout=2000)
        settle(qtbot, preview)
        assert height < 800, "no window height put the preview's edge through a line"
    cut = preview.cut_line_top()
    image = rgb(preview.viewport().grab().toImage())
    background = image.pixel(image.width() - 1, image.height() - 1)
    ink = [y for y in range(cut, image.height()) if any(image.pixel(x, y) != background for x in range(image.width()))]
    assert ink == [], "part of a line shows at the preview's bottom edge"
