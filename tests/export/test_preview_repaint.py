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
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QWheelEvent
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


def walk_with_preview(qtbot, make_window, tmp_path: Path):  # noqa: ANN001, ANN201
    """A window on the test piece with the preview open (Ctrl+R) and settled."""
    path = tmp_path / "walk.md"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    settle(qtbot, preview)
    return window, preview


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
    window, preview = walk_with_preview(qtbot, make_window, tmp_path)
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


def _uneven_sections() -> str:
    """Early sections of short list items (tall when rendered), later ones of long paragraphs
    (short when rendered): a proportion of the source lands a section or more away."""
    parts = []
    for number in range(12):
        if number < 6:
            body = "\n".join(f"- item {i}" for i in range(14))
        else:
            body = "Long paragraph words that wrap across many lines in the preview column. " * 14
        parts.append(f"# Part {number}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def test_the_preview_shows_the_section_the_editor_shows(qtbot, make_window, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "uneven.md"
    path.write_text(_uneven_sections(), encoding="utf-8")
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    settle(qtbot, preview)
    for target in (9, 3, 7):
        qtbot.keyClick(window.editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window.picker.query, f"Part {target}")
        qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda t=target: window.editor.textCursor().block().text() == f"# Part {t}", timeout=2000)
        settle(qtbot, preview)
        # The editor centres the heading it jumped to; the preview must show that heading too.
        block = preview.document().begin()
        while block.isValid() and block.text() != f"Part {target}":
            block = block.next()
        assert block.isValid()
        top = preview.document().documentLayout().blockBoundingRect(block).top() - preview.verticalScrollBar().value()
        assert 0 <= top < preview.viewport().height(), f"Part {target} is not in the preview's view"


@given(st.lists(st.integers(0, 5000), max_size=30, unique=True).map(sorted), st.integers(0, 6000))
def test_a_source_offset_falls_in_exactly_one_section(heads: list[int], offset: int) -> None:
    from quill.ui.export.preview import SourceAnchors

    length = max(heads + [offset, 1])
    section, within = SourceAnchors(heads, length).locate(offset)
    assert -1 <= section < len(heads) and 0.0 <= within <= 1.0
    assert section == -1 or heads[section] <= offset
    assert section + 1 == len(heads) or offset < heads[section + 1]


def test_wheel_scrolling_the_preview_leaves_no_stale_blank(qtbot, make_window, tmp_path: Path,  # noqa: ANN001
                                                            steady_caret) -> None:  # noqa: ANN001
    """The blank over the line cut at the bottom edge must not move up with the text when Qt
    scrolls the preview by moving pixels (the mouse wheel, a few lines at a time)."""
    window, preview = walk_with_preview(qtbot, make_window, tmp_path)
    viewport = preview.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    scrolled = set()
    for notch in [-120] * 6 + [120] * 3:
        QApplication.sendEvent(viewport, QWheelEvent(
            centre, viewport.mapToGlobal(centre), QPoint(), QPoint(0, notch), Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
        settle(qtbot, preview)
        scrolled.add(preview.verticalScrollBar().value())
        assert differing_pixels(on_screen(window), rgb(window.grab().toImage())) == 0, f"stale pixels after {notch}"
    assert len(scrolled) > 5, "the wheel did not scroll the preview"
